/**
 * ExcelJS workbook → plain WorkbookSnapshot (the same shape the Office.js
 * adapter produces): cached values, each cell's own formula (shared formulas
 * expanded), number formats, merges, visibility and protection.
 */
import type ExcelJS from 'exceljs';
import { parseA1, parseRange, rangeToA1, toA1 } from '../../engine/address';
import { scalarOf } from './cellValue';
import { stripFuturePrefixes, translateFormula } from './formula';
import { contains, forEachStoredCell, formulaModel, indexFormulas, isMergeSlave, isProtected, mergesA1, visibilityOf, type FormulaIndex } from './sheetCells';
import type { CellScalar, SheetSnapshot, WorkbookSnapshot } from '../../engine/snapshot';

interface CellEntry {
  row: number;
  col: number;
  value: CellScalar;
  formula: string | null;
  numFmt: string | null;
}

function isGeneral(fmt: string | undefined | null): boolean {
  return !fmt || fmt.toLowerCase() === 'general';
}

function withEquals(body: string): string {
  return '=' + stripFuturePrefixes(body.startsWith('=') ? body.slice(1) : body);
}

/** The cell's own formula: its text, its shared master's text moved here, or its array formula's text. */
function ownFormula(cell: ExcelJS.Cell, row: number, col: number, index: FormulaIndex): string | null {
  const m = formulaModel(cell);
  if (m?.formula) return withEquals(m.formula);
  if (m?.sharedFormula) {
    const master = formulaModel(index.shared.get(m.sharedFormula)?.master ?? cell);
    const at = parseA1(m.sharedFormula);
    if (!master?.formula || !at) return null;
    return withEquals(translateFormula(master.formula, row - at.row, col - at.col));
  }
  for (const a of index.arrays) {
    if (contains(a.range, row, col)) {
      const mf = formulaModel(a.master)?.formula;
      return mf ? withEquals(mf) : null;
    }
  }
  return null;
}

function cellValue(cell: ExcelJS.Cell, date1904: boolean): CellScalar {
  const m = formulaModel(cell);
  // ExcelJS drops a cached result of 0 from cell.value; cell.result still has it.
  if (m) return scalarOf(m.result !== undefined ? m.result : cell.result, date1904);
  return scalarOf(cell.value, date1904);
}

/** A cell note as plain text: ExcelJS gives a string, or rich text runs. */
function noteText(note: ExcelJS.Cell['note'] | undefined): string | null {
  if (!note) return null;
  const text = typeof note === 'string' ? note : (note.texts ?? []).map((t) => t.text).join('');
  return text.trim() || null;
}

export function snapshotFromWorksheet(ws: ExcelJS.Worksheet, date1904: boolean): SheetSnapshot {
  const index = indexFormulas(ws);
  let entries: CellEntry[] = [];
  let top = Infinity;
  let left = Infinity;
  const notes: Record<string, string> = {};
  forEachStoredCell(ws, (cell, row, col) => {
    const note = noteText(cell.note);
    if (note) notes[toA1(row, col)] = note;
    const slave = isMergeSlave(cell);
    const value = slave ? null : cellValue(cell, date1904);
    const formula = slave ? null : ownFormula(cell, row, col, index);
    const fmt = cell.numFmt;
    const numFmt = isGeneral(fmt) ? null : fmt;
    if (value === null && formula === null && numFmt === null) return;
    entries.push({ row, col, value, formula, numFmt });
    if (row < top) top = row;
    if (col < left) left = col;
  });
  const name = ws.name;
  const base: Pick<SheetSnapshot, 'name' | 'merges' | 'visibility' | 'protected' | 'printArea' | 'notes' | 'columnWidths' | 'rowHeights' | 'outliers'> = {
    name,
    merges: mergesA1(ws),
    visibility: visibilityOf(ws),
    protected: isProtected(ws),
  };
  // One rectangular print area, without its sheet prefix or $ (as the Office reader gives it).
  const area = /^(?:.*!)?\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/.exec(ws.pageSetup?.printArea ?? '');
  if (area) base.printArea = `${area[1]}${area[2]}:${area[3]}${area[4]}`;
  if (Object.keys(notes).length > 0) base.notes = notes;
  const widths = columnWidths(ws);
  if (widths) base.columnWidths = widths;
  const heights = rowHeights(ws);
  if (heights) base.rowHeights = heights;
  const box = contentBox(entries);
  if (!box) return { ...base, origin: { row: 1, col: 1 }, values: [], formulas: [], numberFormats: [] };
  // Formatted empty cells near the content are kept (their number formats are read); far away they are ignored.
  const outside = (e: CellEntry) =>
    e.value !== null || e.formula !== null
      ? e.row < box.top || e.row > box.bottom || e.col < box.left || e.col > box.right
      : e.row < box.top - ROW_GAP || e.row > box.bottom + ROW_GAP || e.col < box.left - COL_GAP || e.col > box.right + COL_GAP;
  if (entries.some(outside)) {
    const stray = entries.filter((e) => outside(e) && (e.value !== null || e.formula !== null));
    if (stray.length > 0) base.outliers = { count: stray.length, cells: stray.slice(0, 5).map((e) => toA1(e.row, e.col)) };
    entries = entries.filter((e) => !outside(e));
  }
  base.merges = clipMerges(base.merges, box);
  top = Infinity;
  left = Infinity;
  let bottom = 0;
  for (const e of entries) {
    if (e.row < top) top = e.row;
    if (e.col < left) left = e.col;
    if (e.row > bottom) bottom = e.row;
  }
  const height = bottom - top + 1;
  const values: CellScalar[][] = Array.from({ length: height }, () => []);
  const formulas: (string | null)[][] = Array.from({ length: height }, () => []);
  const numberFormats: (string | null)[][] = Array.from({ length: height }, () => []);
  for (const e of entries) {
    const r = e.row - top;
    const c = e.col - left;
    // Rows are ragged: pad only up to the last used cell of each row.
    while (values[r].length < c) {
      values[r].push(null);
      formulas[r].push(null);
      numberFormats[r].push(null);
    }
    values[r][c] = e.value;
    formulas[r][c] = e.formula;
    numberFormats[r][c] = e.numFmt;
  }
  return { ...base, origin: { row: top, col: left }, values, formulas, numberFormats };
}

/** Rows (or columns) further than this from the rest of the content are stray, not part of the table. */
const ROW_GAP = 10000;
const COL_GAP = 256;

/** The densest run of positions without a gap larger than `gap` (sorted unique input). */
function mainRun(positions: number[], weight: Map<number, number>, gap: number): [number, number] {
  let best: [number, number] = [positions[0], positions[0]];
  let bestWeight = -1;
  let start = 0;
  let w = 0;
  for (let i = 0; i < positions.length; i++) {
    if (i > start && positions[i] - positions[i - 1] > gap) {
      if (w > bestWeight) [best, bestWeight] = [[positions[start], positions[i - 1]], w];
      start = i;
      w = 0;
    }
    w += weight.get(positions[i]) ?? 0;
  }
  if (w > bestWeight) best = [positions[start], positions[positions.length - 1]];
  return best;
}

/**
 * The rectangle of real content (values and formulas; number formats alone do not count),
 * leaving out content far away from the rest: one value at XFD1048576 must not make the
 * sheet a billion cells. Null when the sheet has no content.
 */
function contentBox(entries: CellEntry[]): { top: number; left: number; bottom: number; right: number } | null {
  const real = entries.filter((e) => e.value !== null || e.formula !== null);
  if (real.length === 0) return null;
  const count = (key: 'row' | 'col', list: CellEntry[]) => {
    const m = new Map<number, number>();
    for (const e of list) m.set(e[key], (m.get(e[key]) ?? 0) + 1);
    return m;
  };
  const rows = count('row', real);
  const [top, bottom] = mainRun(
    [...rows.keys()].sort((a, b) => a - b),
    rows,
    ROW_GAP,
  );
  const inRows = real.filter((e) => e.row >= top && e.row <= bottom);
  const cols = count('col', inRows);
  const [left, right] = mainRun(
    [...cols.keys()].sort((a, b) => a - b),
    cols,
    COL_GAP,
  );
  return { top, bottom, left, right };
}

/** Merged areas cut to the content box (a merge to XFD1048576 covers nothing past the content). */
function clipMerges(merges: string[], box: { top: number; left: number; bottom: number; right: number }): string[] {
  const out: string[] = [];
  for (const m of merges) {
    const r = parseRange(m);
    if (!r) {
      out.push(m);
      continue;
    }
    if (r.top > box.bottom || r.left > box.right || r.bottom < box.top || r.right < box.left) continue;
    // Only merges reaching far past the content are cut; an ordinary merge over blank cells stays as it is.
    if (r.bottom <= box.bottom + ROW_GAP && r.right <= box.right + COL_GAP) {
      out.push(m);
      continue;
    }
    const clipped = { top: r.top, left: r.left, bottom: Math.min(r.bottom, box.bottom), right: Math.min(r.right, box.right) };
    if (clipped.bottom > clipped.top || clipped.right > clipped.left) out.push(rangeToA1(clipped));
  }
  return out;
}

interface ColumnInternals {
  _columns?: ({ width?: number; number?: number } | undefined)[];
}

function columnWidths(ws: ExcelJS.Worksheet): Record<number, number> | undefined {
  const cols = (ws as unknown as ColumnInternals)._columns;
  if (!Array.isArray(cols)) return undefined;
  const out: Record<number, number> = {};
  let n = 0;
  cols.forEach((c, i) => {
    if (c && typeof c.width === 'number') {
      out[i + 1] = c.width;
      n++;
    }
  });
  return n > 0 ? out : undefined;
}

function rowHeights(ws: ExcelJS.Worksheet): Record<number, number> | undefined {
  const rows = (ws as unknown as { _rows?: (ExcelJS.Row | undefined)[] })._rows;
  if (!Array.isArray(rows)) return undefined;
  const out: Record<number, number> = {};
  let n = 0;
  rows.forEach((r) => {
    if (r && typeof r.height === 'number') {
      out[r.number] = r.height;
      n++;
    }
  });
  return n > 0 ? out : undefined;
}

/** Snapshot every worksheet, in tab order (hidden ones included, flagged by `visibility`). */
export function snapshotFromWorkbook(wb: ExcelJS.Workbook, source?: string): WorkbookSnapshot {
  const date1904 = !!wb.properties?.date1904;
  const snapshot: WorkbookSnapshot = { sheets: wb.worksheets.map((ws) => snapshotFromWorksheet(ws, date1904)) };
  if (source !== undefined) snapshot.source = source;
  return snapshot;
}
