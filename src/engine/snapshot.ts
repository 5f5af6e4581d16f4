/**
 * The plain workbook snapshot every adapter produces and the engine reads.
 * No Office, no ExcelJS: arrays of plain values, so the engine stays pure and
 * the same snapshot can come from Office.js, ExcelJS in Node or in a browser.
 */

/** A cell's cached value. Error values (#REF!, #DIV/0! ...) are kept as their text. */
export type CellScalar = string | number | boolean | null;

export interface SheetSnapshot {
  name: string;
  /** 1-based sheet row/column of values[0][0] (the used range need not start at A1). */
  origin: { row: number; col: number };
  /** Cached values, row-major; null = empty. Rows may be ragged: missing cells are empty. */
  values: CellScalar[][];
  /** Each cell's own formula with leading "=", shared formulas already expanded; null when constant. */
  formulas: (string | null)[][];
  /** Number format codes ("0.00%", "General"); null or missing = General. */
  numberFormats: (string | null)[][];
  /** Merged areas in A1 notation, e.g. "A3:A9". */
  merges: string[];
  /** Sheet visibility as the host reports it. */
  visibility?: 'visible' | 'hidden' | 'veryHidden';
  /** True when the sheet is protected (writes will fail). */
  protected?: boolean;
  /** The print area ("A1:H37") when the sheet sets one; adapters widen it for added columns. */
  printArea?: string;
  /** Custom column widths (characters) by 1-based column, when the adapter reads them (undo restores them). */
  columnWidths?: Record<number, number>;
  /** Custom row heights (points) by 1-based row, when the adapter reads them. */
  rowHeights?: Record<number, number>;
  /**
   * Content the adapter left out because it lies far outside the table (a stray value at
   * XFD1048576): its count and first cells, so the engine can say so instead of reading a
   * billion empty cells.
   */
  outliers?: { count: number; cells: string[] };
  /** Cell notes (comments) by A1 address: evaluators often put a deduction's reason on the score cell. */
  notes?: Record<string, string>;
}

export interface WorkbookSnapshot {
  sheets: SheetSnapshot[];
  /** Where it came from (file name), for messages only. */
  source?: string;
}

/** Error literals Excel can produce as cell values. */
export const ERROR_VALUES = [
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#SPILL!',
  '#CALC!',
  '#GETTING_DATA',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#BUSY!',
  '#UNKNOWN!',
] as const;

export function isErrorValue(v: CellScalar): boolean {
  return typeof v === 'string' && (ERROR_VALUES as readonly string[]).includes(v.trim());
}

/** Number of rows covered by the sheet's arrays, in sheet coordinates (last row index). */
export function lastRow(sheet: SheetSnapshot): number {
  return sheet.origin.row + Math.max(sheet.values.length, sheet.formulas.length) - 1;
}

/** Last column covered by any row of the sheet's arrays. */
export function lastCol(sheet: SheetSnapshot): number {
  let width = 0;
  for (const r of sheet.values) if (r && r.length > width) width = r.length;
  for (const r of sheet.formulas) if (r && r.length > width) width = r.length;
  return sheet.origin.col + width - 1;
}

/** Cached value at 1-based sheet coordinates; null outside the arrays. */
export function valueAt(sheet: SheetSnapshot, row: number, col: number): CellScalar {
  const r = sheet.values[row - sheet.origin.row];
  if (!r) return null;
  const v = r[col - sheet.origin.col];
  return v === undefined ? null : v;
}

export function formulaAt(sheet: SheetSnapshot, row: number, col: number): string | null {
  const r = sheet.formulas[row - sheet.origin.row];
  if (!r) return null;
  return r[col - sheet.origin.col] ?? null;
}

export function numberFormatAt(sheet: SheetSnapshot, row: number, col: number): string | null {
  const r = sheet.numberFormats[row - sheet.origin.row];
  if (!r) return null;
  return r[col - sheet.origin.col] ?? null;
}

export function isEmptyValue(v: CellScalar): boolean {
  return v === null || (typeof v === 'string' && v.trim() === '');
}

export function findSheet(snapshot: WorkbookSnapshot, name: string): SheetSnapshot | undefined {
  return snapshot.sheets.find((s) => s.name === name);
}

/** Build a snapshot sheet from a dense 2D array starting at A1 (tests, generators). */
export function sheetFromRows(
  name: string,
  rows: CellScalar[][],
  opts: { formulas?: (string | null)[][]; numberFormats?: (string | null)[][]; merges?: string[] } = {},
): SheetSnapshot {
  return {
    name,
    origin: { row: 1, col: 1 },
    values: rows,
    formulas: opts.formulas ?? rows.map((r) => r.map(() => null)),
    numberFormats: opts.numberFormats ?? rows.map((r) => r.map(() => null)),
    merges: opts.merges ?? [],
  };
}
