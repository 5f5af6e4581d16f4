import { parseA1 } from '../../../src/engine/address';
import type { CellScalar, SheetSnapshot, WorkbookSnapshot } from '../../../src/engine/snapshot';

/** A cell: a typed value, or a formula with its cached value. */
export type CellSpec = CellScalar | { f: string; v: CellScalar };

/** Build a sheet from "A1" → spec, as dense arrays from A1 (the reader's shape). */
export function sheet(name: string, cells: Record<string, CellSpec>): SheetSnapshot {
  let rows = 0;
  let cols = 0;
  const parsed = Object.entries(cells).map(([a1, spec]) => {
    const at = parseA1(a1);
    if (!at) throw new Error(`bad address ${a1}`);
    rows = Math.max(rows, at.row);
    cols = Math.max(cols, at.col);
    return { at, spec };
  });
  const values: CellScalar[][] = Array.from({ length: rows }, () => Array(cols).fill(null));
  const formulas: (string | null)[][] = Array.from({ length: rows }, () => Array(cols).fill(null));
  for (const { at, spec } of parsed) {
    if (spec !== null && typeof spec === 'object') {
      formulas[at.row - 1][at.col - 1] = spec.f;
      values[at.row - 1][at.col - 1] = spec.v;
    } else values[at.row - 1][at.col - 1] = spec;
  }
  return {
    name,
    origin: { row: 1, col: 1 },
    values,
    formulas,
    numberFormats: values.map((r) => r.map(() => null)),
    merges: [],
  };
}

export function book(...sheets: SheetSnapshot[]): WorkbookSnapshot {
  return { sheets };
}

/** Column letter of a 1-based index (A..Z is enough for the fixtures). */
export function col(c: number): string {
  return String.fromCharCode(64 + c);
}
