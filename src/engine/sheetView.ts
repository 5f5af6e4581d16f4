/**
 * Read access to one snapshot sheet that understands merged areas: a cell
 * inside a merge reads as the merge's top-left value, as a person sees it.
 */
import { parseRange, type RangeAddress } from './address';
import { formulaAt, lastCol, lastRow, numberFormatAt, valueAt, type CellScalar, type SheetSnapshot } from './snapshot';
import { normText } from './text';

/** Numeric key of a cell for the merge maps (Excel has at most 16,384 columns); cheaper than "row,col" strings. */
function cellKey(row: number, col: number): number {
  return row * 16385 + col;
}

function normTextOf(v: CellScalar): string {
  return v === null ? '' : normText(v);
}

export class SheetView {
  readonly sheet: SheetSnapshot;
  readonly name: string;
  readonly firstRow: number;
  readonly firstCol: number;
  readonly lastRow: number;
  readonly lastCol: number;
  /** Merge containing a cell, keyed by cellKey for every covered cell except the top-left. */
  private readonly mergeOf = new Map<number, RangeAddress>();
  private readonly mergeAt = new Map<number, RangeAddress>();
  /**
   * normText of each cell's raw value, filled on first use: detection, header
   * matching, repeated-header and banner checks read the same cells several times.
   * Indexed [row - firstRow][col - firstCol]; the snapshot does not change while a view lives.
   */
  private readonly texts: (string | undefined)[][] = [];
  readonly merges: RangeAddress[] = [];
  /** Merge strings that could not be parsed (broken merged areas). */
  readonly badMerges: string[] = [];

  constructor(sheet: SheetSnapshot) {
    this.sheet = sheet;
    this.name = sheet.name;
    this.firstRow = sheet.origin.row;
    this.firstCol = sheet.origin.col;
    this.lastRow = lastRow(sheet);
    this.lastCol = lastCol(sheet);
    for (const m of sheet.merges) {
      const r = parseRange(m);
      if (!r) {
        this.badMerges.push(m);
        continue;
      }
      this.merges.push(r);
      this.mergeAt.set(cellKey(r.top, r.left), r);
      // Large merges (whole-row banners) are cheap enough: sheets here are small tables.
      const cells = (r.bottom - r.top + 1) * (r.right - r.left + 1);
      if (cells > 200000) continue;
      for (let row = r.top; row <= r.bottom; row++) {
        for (let col = r.left; col <= r.right; col++) {
          if (row === r.top && col === r.left) continue;
          this.mergeOf.set(cellKey(row, col), r);
        }
      }
    }
  }

  /** The raw cached value, ignoring merges. */
  raw(row: number, col: number): CellScalar {
    return valueAt(this.sheet, row, col);
  }

  /** The value a person sees: inside a merge, the merge's top-left value. */
  value(row: number, col: number): CellScalar {
    const m = this.mergeOf.get(cellKey(row, col));
    if (m) return valueAt(this.sheet, m.top, m.left);
    return valueAt(this.sheet, row, col);
  }

  /** The value a person sees, as normalised text ('' when empty). */
  text(row: number, col: number): string {
    const m = this.mergeOf.get(cellKey(row, col));
    return m ? this.rawText(m.top, m.left) : this.rawText(row, col);
  }

  /** normText of the raw cached value, ignoring merges ('' when empty). */
  rawText(row: number, col: number): string {
    const r = row - this.firstRow;
    const c = col - this.firstCol;
    if (r < 0 || c < 0) return normTextOf(this.raw(row, col));
    const line = this.texts[r] ?? (this.texts[r] = []);
    let t = line[c];
    if (t === undefined) line[c] = t = normTextOf(this.raw(row, col));
    return t;
  }

  formula(row: number, col: number): string | null {
    return formulaAt(this.sheet, row, col);
  }

  numberFormat(row: number, col: number): string | null {
    return numberFormatAt(this.sheet, row, col);
  }

  /** The merge covering this cell when it is not the top-left cell. */
  coveredBy(row: number, col: number): RangeAddress | undefined {
    return this.mergeOf.get(cellKey(row, col));
  }

  /** The merge whose top-left is this cell. */
  mergeStartingAt(row: number, col: number): RangeAddress | undefined {
    return this.mergeAt.get(cellKey(row, col));
  }

  /** True when the cell is the top-left of a merge or not merged at all. */
  isAnchor(row: number, col: number): boolean {
    return !this.mergeOf.has(cellKey(row, col));
  }

  isEmpty(row: number, col: number): boolean {
    const v = this.value(row, col);
    return v === null || (typeof v === 'string' && v.trim() === '');
  }

  rowIsEmpty(row: number): boolean {
    for (let c = this.firstCol; c <= this.lastCol; c++) if (!this.isEmpty(row, c)) return false;
    return true;
  }
}
