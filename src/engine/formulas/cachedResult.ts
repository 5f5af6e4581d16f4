/**
 * CACHED_RESULT_MISMATCH: the value a file shows for a formula is the one
 * Excel last computed. When it differs from what the formula gives on the
 * cached inputs, the sheet was saved without recalculating (manual
 * calculation, a converter, a hand-edited value): the numbers on screen are
 * not the formula's. Only formulas the evaluator can compute exactly count.
 */
import { toA1 } from '../address';
import { finding, type Finding } from '../findings';
import { isErrorValue } from '../snapshot';
import { evalContext, tryEvaluate } from './context';
import { isError, sameNumber, type Scalar } from './evaluate';
import type { SheetGrid, WorkbookGrids } from './grid';
import { formatNumber } from './describe';

function show(v: Scalar): string {
  if (v === null) return '空';
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (isError(v)) return v.error;
  return `“${v}”`;
}

/** True when the cached value is not what the formula gives (blank results read as 0, as Excel shows them). */
function differs(cached: Scalar, computed: Scalar): boolean {
  const c = computed === null ? 0 : computed;
  if (typeof cached === 'number' && typeof c === 'number') return !sameNumber(cached, c);
  if (typeof cached === 'string' && c === 0 && computed === null) return cached !== '';
  if (isError(c)) return true;
  return cached !== c;
}

export function checkCachedResults(grid: SheetGrid, grids: WorkbookGrids, deadline: number): Finding[] {
  const out: Finding[] = [];
  const ctx = evalContext(grids, grid.name);
  for (const { row, col, formula } of grid.formulaCells()) {
    if (Date.now() > deadline) break;
    const cached = grid.value(row, col);
    // No cached value (never calculated) or an error (reported as FORMULA_ERROR_VALUE): nothing to compare.
    if (cached === null || isErrorValue(cached)) continue;
    const computed = tryEvaluate(formula, ctx);
    if (computed === undefined || !differs(cached, computed)) continue;
    out.push(
      finding(
        'CACHED_RESULT_MISMATCH',
        'error',
        `${toA1(row, col)} 显示的结果 ${show(cached)} 与公式 ${formula} 按当前数据重新计算的结果 ${show(computed)} 不一致（文件保存前未重新计算，或结果被手工改写）`,
        { sheet: grid.name, cell: toA1(row, col) },
        {
          expected: typeof computed === 'number' || typeof computed === 'string' ? computed : show(computed),
          actual: typeof cached === 'boolean' ? show(cached) : cached,
        },
      ),
    );
  }
  return out;
}
