/**
 * Group scattered cell writes into rectangles so each block becomes one
 * range write (one 2D array) instead of one request per cell.
 */

export interface Rect<T> {
  top: number;
  left: number;
  /** Row-major cells of the rectangle, every position filled. */
  cells: T[][];
}

interface Positioned {
  row: number;
  col: number;
}

/**
 * Exact cover of the given cells by rectangles: horizontal runs per row, then
 * runs with the same columns in consecutive rows stacked into one block.
 * A 3×2 block gives one 3×2 rectangle; cells with gaps between them give
 * separate rectangles (never a write to a cell that is not in the list).
 * A later duplicate of the same position replaces the earlier one.
 */
export function groupRects<T extends Positioned>(items: readonly T[]): Rect<T>[] {
  const byPos = new Map<string, T>();
  for (const it of items) byPos.set(`${it.row},${it.col}`, it);
  const sorted = [...byPos.values()].sort((a, b) => a.row - b.row || a.col - b.col);

  // Horizontal runs per row.
  const runs: { row: number; left: number; cells: T[] }[] = [];
  for (const it of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.row === it.row && last.left + last.cells.length === it.col) last.cells.push(it);
    else runs.push({ row: it.row, left: it.col, cells: [it] });
  }

  // Stack runs with identical column spans in consecutive rows.
  const open = new Map<string, Rect<T>>();
  const out: Rect<T>[] = [];
  for (const run of runs) {
    const key = `${run.left}:${run.cells.length}`;
    const rect = open.get(key);
    if (rect && rect.top + rect.cells.length === run.row) {
      rect.cells.push(run.cells);
    } else {
      const next: Rect<T> = { top: run.row, left: run.left, cells: [run.cells] };
      open.set(key, next);
      out.push(next);
    }
  }
  return out;
}

/** Split a rectangle into row bands of at most `maxRows` rows (for request size limits). */
export function splitRows<T>(rect: Rect<T>, maxRows: number): Rect<T>[] {
  if (rect.cells.length <= maxRows) return [rect];
  const out: Rect<T>[] = [];
  for (let i = 0; i < rect.cells.length; i += maxRows) {
    out.push({ top: rect.top + i, left: rect.left, cells: rect.cells.slice(i, i + maxRows) });
  }
  return out;
}
