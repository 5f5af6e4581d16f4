/** A1-notation helpers. All coordinates are 1-based. */

export interface CellAddress {
  row: number;
  col: number;
}

export interface RangeAddress {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Column letters by number, filled on first use: every address the engine writes converts one of a few columns. */
const LETTERS: string[] = [];

export function colToLetters(col: number): string {
  if (Number.isInteger(col) && col > 0 && col <= 16384) return (LETTERS[col] ??= lettersOf(col));
  return lettersOf(col);
}

function lettersOf(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function lettersToCol(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function toA1(row: number, col: number): string {
  return `${colToLetters(col)}${row}`;
}

/** Parse "B7" or "$B$7"; returns null when it is not a single cell reference. */
export function parseA1(ref: string): CellAddress | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
  if (!m) return null;
  return { col: lettersToCol(m[1]), row: Number(m[2]) };
}

/** Parse "A3:C9" (or a single cell) into a normalised range. */
export function parseRange(ref: string): RangeAddress | null {
  const parts = ref.trim().split(':');
  const a = parseA1(parts[0]);
  if (!a) return null;
  const b = parts.length > 1 ? parseA1(parts[1]) : a;
  if (!b) return null;
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
}

export function rangeToA1(r: RangeAddress): string {
  const a = toA1(r.top, r.left);
  const b = toA1(r.bottom, r.right);
  return a === b ? a : `${a}:${b}`;
}

/** Quote a sheet name for a formula or a hyperlink when it needs it (spaces, CJK, punctuation). */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function sheetCellRef(sheet: string, row: number, col: number): string {
  return `${quoteSheetName(sheet)}!${toA1(row, col)}`;
}
