/** How far apart two formulas are, in the terms the consistency checks need. */
import type { FormulaInfo } from './references';

/** Token edit distance between two skeletons, stopping early once above `limit`. */
export function skeletonDistance(a: string, b: string, limit = 3): number {
  if (a === b) return 0;
  const x = a.split(' ');
  const y = b.split(' ');
  if (Math.abs(x.length - y.length) > limit) return limit + 1;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= y.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > limit) return limit + 1;
    prev = cur;
  }
  return prev[y.length];
}

/**
 * Two formulas are "one computation gone astray" when they do the same thing
 * to possibly different cells (equal skeletons), or differ by a term
 * (=+E31-E33 beside =+B31-B33+B34). Entirely different computations side
 * by side are usually deliberate.
 */
export function comparable(a: FormulaInfo, b: FormulaInfo): boolean {
  if (a.skeleton === b.skeleton) return true;
  return skeletonDistance(a.skeleton, b.skeleton, 2) <= 2 && Math.max(a.skeleton.split(' ').length, b.skeleton.split(' ').length) >= 3;
}
