/**
 * ExcelJS workbook → plain WorkbookSnapshot (the same shape the Office.js
 * adapter produces): cached values, each cell's own formula (shared formulas
 * expanded), number formats, merges, visibility and protection.
 */
import type ExcelJS from 'exceljs';
import { parseA1, toA1 } from '../../engine/address';
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
  const entries: CellEntry[] = [];
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
  const base: Pick<SheetSnapshot, 'name' | 'merges' | 'visibility' | 'protected' | 'printArea' | 'notes'> = {
    name,
    merges: mergesA1(ws),
    visibility: visibilityOf(ws),
    protected: isProtected(ws),
  };
  // One rectangular print area, without its sheet prefix or $ (as the Office reader gives it).
  const area = /^(?:.*!)?\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/.exec(ws.pageSetup?.printArea ?? '');
  if (area) base.printArea = `${area[1]}${area[2]}:${area[3]}${area[4]}`;
  if (Object.keys(notes).length > 0) base.notes = notes;
  if (entries.length === 0) return { ...base, origin: { row: 1, col: 1 }, values: [], formulas: [], numberFormats: [] };

  const bottom = entries.reduce((b, e) => Math.max(b, e.row), top);
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

/** Snapshot every worksheet, in tab order (hidden ones included, flagged by `visibility`). */
export function snapshotFromWorkbook(wb: ExcelJS.Workbook, source?: string): WorkbookSnapshot {
  const date1904 = !!wb.properties?.date1904;
  const snapshot: WorkbookSnapshot = { sheets: wb.worksheets.map((ws) => snapshotFromWorksheet(ws, date1904)) };
  if (source !== undefined) snapshot.source = source;
  return snapshot;
}
