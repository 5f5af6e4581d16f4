/**
 * What the engine asks an adapter to change. Plain data: an adapter applies it
 * in one go (Office.js: one sync; ExcelJS: one write) and applies nothing when
 * the engine reports a failed run.
 */
import type { CellScalar } from './snapshot';

/** Formatting an adapter maps to its own API; only what the engine needs. */
export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  fontSize?: number;
  /** Font colour, "#RRGGBB". */
  color?: string;
  /** Solid fill, "#RRGGBB". */
  fill?: string;
  /** Thin border on all four sides. */
  border?: boolean;
  horizontal?: 'left' | 'center' | 'right';
  vertical?: 'top' | 'middle' | 'bottom';
  wrap?: boolean;
}

export interface CellWrite {
  /** 1-based sheet coordinates. */
  row: number;
  col: number;
  /** A constant value; ignored when formula is set. null clears the cell. */
  value?: CellScalar;
  /** A formula with leading "="; the adapter may also store `value` as its cached result. */
  formula?: string;
  numberFormat?: string;
  style?: CellStyle;
  /** An internal hyperlink target such as "'附件1'!H12" (ExcelJS/Office: a link to that cell). */
  link?: string;
  /** Clear contents and formatting first (undo of a cell the engine had styled). */
  clear?: boolean;
}

/** Writes into a sheet that already exists in the workbook. */
export interface SheetEdit {
  kind: 'edit';
  sheet: string;
  cells: CellWrite[];
  /** Column widths (in characters) for columns this edit adds. */
  columnWidths?: Record<number, number>;
  /** Widen an existing print area so it reaches this column (added columns must print too). */
  printThroughCol?: number;
  /**
   * Rows holding wrapped text the edit wrote (notes in an added 扣分说明 column), with the
   * height in points that text needs: the ExcelJS adapter raises shorter rows and never
   * lowers one; Office.js autofits them (Excel measures). Cosmetic, and not undone.
   */
  minRowHeights?: Record<number, number>;
  /**
   * Undo only: put layout back as it was before the first run. Widths/heights of null go back
   * to the sheet's default; a printArea of null removes the print area. Adapters that cannot
   * set layout ignore it.
   */
  restoreLayout?: { columnWidths?: Record<number, number | null>; rowHeights?: Record<number, number | null>; printArea?: string | null };
}

/** A sheet the engine creates (or replaces when it already exists and it owns it). */
export interface SheetCreate {
  kind: 'create';
  sheet: string;
  /** Replace an existing sheet of the same name (only for sheets the engine created). */
  replace: boolean;
  cells: CellWrite[];
  merges?: string[];
  columnWidths?: Record<number, number>;
  /** Row heights in points, for rows whose wrapped text needs them. */
  rowHeights?: Record<number, number>;
  visibility?: 'visible' | 'hidden' | 'veryHidden';
  /** Put the new sheet right after this one, else at the end. */
  after?: string;
  /** Freeze this many rows at the top. */
  freezeRows?: number;
  /** Print setup: landscape, fit to one page wide. */
  print?: { landscape?: boolean; fitToWidth?: boolean; title?: string };
}

/** Remove a sheet the engine created earlier (used by undo). */
export interface SheetDelete {
  kind: 'delete';
  sheet: string;
}

export type SheetOp = SheetEdit | SheetCreate | SheetDelete;

export interface Patch {
  ops: SheetOp[];
}

export function emptyPatch(): Patch {
  return { ops: [] };
}

/** Count of cells a patch writes (for messages and limits). */
export function patchCellCount(patch: Patch): number {
  let n = 0;
  for (const op of patch.ops) if (op.kind !== 'delete') n += op.cells.length;
  return n;
}
