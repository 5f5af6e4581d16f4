/**
 * Walking a worksheet's stored cells and its formula structure (shared and
 * array formula groups). Shared by the reader and the patcher.
 */
import ExcelJS from 'exceljs';
import { parseRange, rangeToA1, type RangeAddress } from '../../engine/address';

/**
 * ExcelJS keeps rows and cells in sparse arrays; reading them directly avoids
 * creating rows and cells (eachRow/eachCell with includeEmpty would) and still
 * sees styled-empty cells (without includeEmpty they are skipped).
 */
interface SheetInternals {
  _rows?: (ExcelJS.Row | undefined)[];
}
interface RowInternals {
  _cells?: (ExcelJS.Cell | undefined)[];
}

/** Every cell ExcelJS holds (including styled-empty ones), row-major, without creating any. */
export function forEachStoredCell(ws: ExcelJS.Worksheet, fn: (cell: ExcelJS.Cell, row: number, col: number) => void): void {
  const visitRow = (row: ExcelJS.Row, r: number) => {
    const cells = (row as unknown as RowInternals)._cells;
    if (Array.isArray(cells)) {
      cells.forEach((cell, i) => {
        if (cell) fn(cell, r, i + 1);
      });
    } else {
      row.eachCell({ includeEmpty: false }, (cell, c) => fn(cell, r, c));
    }
  };
  const rows = (ws as unknown as SheetInternals)._rows;
  if (Array.isArray(rows)) {
    rows.forEach((row) => {
      if (row) visitRow(row, row.number);
    });
  } else {
    ws.eachRow({ includeEmpty: false }, visitRow);
  }
}

/** The formula-related part of a formula cell's value, as ExcelJS models it. */
export interface FormulaModel {
  formula?: string;
  result?: unknown;
  sharedFormula?: string;
  shareType?: string;
  ref?: string;
}

/** A merged non-anchor cell reports its anchor's value; it has no formula of its own. */
export function isMergeSlave(cell: ExcelJS.Cell): boolean {
  return cell.type === ExcelJS.ValueType.Merge;
}

export function formulaModel(cell: ExcelJS.Cell): FormulaModel | null {
  if (isMergeSlave(cell)) return null;
  const v: unknown = cell.value;
  if (typeof v !== 'object' || v === null) return null;
  const m = v as FormulaModel;
  if (typeof m.formula === 'string' || typeof m.sharedFormula === 'string') return m;
  return null;
}

export interface SharedGroup {
  master: ExcelJS.Cell;
  dependents: ExcelJS.Cell[];
}

export interface ArrayGroup {
  master: ExcelJS.Cell;
  range: RangeAddress;
}

export interface FormulaIndex {
  /** Shared groups by master address. */
  shared: Map<string, SharedGroup>;
  /** Address of every cell in a shared group (master included) → master address. */
  memberOf: Map<string, string>;
  arrays: ArrayGroup[];
}

export function indexFormulas(ws: ExcelJS.Worksheet): FormulaIndex {
  const shared = new Map<string, SharedGroup>();
  const memberOf = new Map<string, string>();
  const arrays: ArrayGroup[] = [];
  const group = (address: string): SharedGroup => {
    let g = shared.get(address);
    if (!g) {
      g = { master: ws.getCell(address), dependents: [] };
      shared.set(address, g);
      memberOf.set(address, address);
    }
    return g;
  };
  forEachStoredCell(ws, (cell) => {
    const m = formulaModel(cell);
    if (!m) return;
    if (m.sharedFormula) {
      group(m.sharedFormula).dependents.push(cell);
      memberOf.set(cell.address, m.sharedFormula);
    } else if (m.shareType === 'shared') {
      group(cell.address);
    } else if (m.shareType === 'array' && m.ref) {
      const range = parseRange(m.ref);
      if (range) arrays.push({ master: cell, range });
    }
  });
  return { shared, memberOf, arrays };
}

interface MergeInternals {
  _merges?: Record<string, { model?: RangeAddress } | undefined>;
}

/** Merged areas as normalised ranges (from ExcelJS's merge map; falls back to the sheet model). */
export function mergedRanges(ws: ExcelJS.Worksheet): RangeAddress[] {
  const merges = (ws as unknown as MergeInternals)._merges;
  const out: RangeAddress[] = [];
  if (merges && typeof merges === 'object') {
    for (const m of Object.values(merges)) {
      const r = m?.model;
      if (r && r.top && r.left && r.bottom && r.right) out.push({ top: r.top, left: r.left, bottom: r.bottom, right: r.right });
    }
    return out;
  }
  for (const a1 of (ws.model as { merges?: string[] }).merges ?? []) {
    const r = parseRange(a1);
    if (r) out.push(r);
  }
  return out;
}

export function mergesA1(ws: ExcelJS.Worksheet): string[] {
  return mergedRanges(ws)
    .sort((a, b) => a.top - b.top || a.left - b.left)
    .map(rangeToA1);
}

export function contains(r: RangeAddress, row: number, col: number): boolean {
  return row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
}

export function isProtected(ws: ExcelJS.Worksheet): boolean {
  const p = (ws as unknown as { sheetProtection?: { sheet?: unknown } }).sheetProtection;
  return !!p && (p.sheet === true || p.sheet === 1 || p.sheet === '1');
}

export function visibilityOf(ws: ExcelJS.Worksheet): 'visible' | 'hidden' | 'veryHidden' {
  return ws.state === 'hidden' || ws.state === 'veryHidden' ? ws.state : 'visible';
}
