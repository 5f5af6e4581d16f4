/**
 * The indicator list's quick filters and search, and the page of rows the pane
 * renders. Pure: the list component and its tests share it.
 *
 * - 只看扣分项 (deducted): a score below the max (a computed or typed score).
 * - 待评分 (pending): left to the evaluator (source `pending`).
 * - 有问题 (problems): a finding in the indicator's row of the indicator sheet.
 * - The search matches the indicator's names (every level), its cell, actual value,
 *   rule and note, ignoring case and surrounding spaces.
 *
 * Long lists render one page at a time (LIST_PAGE rows, then 显示更多), so 5,000
 * indicators never put 5,000 rows into the DOM.
 */
import type { Finding } from '../engine/findings';
import type { IndicatorReport } from '../engine/result';
import type { IndicatorFilter } from './state';

/** Rows rendered per page of the indicator list. */
export const LIST_PAGE = 100;

export const INDICATOR_FILTERS: readonly IndicatorFilter[] = ['all', 'deducted', 'pending', 'problems'];

/** The 1-based row of an A1 address ("D12" → 12), or null. */
function rowOf(cell: string | undefined): number | null {
  const m = /^\$?[A-Z]{1,3}\$?(\d+)$/i.exec(cell ?? '');
  return m ? Number(m[1]) : null;
}

/** Rows of the indicator sheet that carry a finding. */
export function problemRows(findings: readonly Finding[], sheet: string): Set<number> {
  const rows = new Set<number>();
  for (const f of findings) {
    if (f.sheet !== sheet) continue;
    const r = rowOf(f.cell);
    if (r !== null) rows.add(r);
  }
  return rows;
}

export function isDeducted(i: IndicatorReport): boolean {
  return i.score !== null && i.max !== null && i.score < i.max;
}

function matches(filter: IndicatorFilter, i: IndicatorReport, problems: Set<number>): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'deducted':
      return isDeducted(i);
    case 'pending':
      return i.source === 'pending';
    case 'problems': {
      const r = rowOf(i.cell);
      return r !== null && problems.has(r);
    }
  }
}

function searchable(i: IndicatorReport): string {
  return [...i.path, i.cell, i.actual ?? '', i.rule, i.note, i.ruleText ?? ''].join('\n').toLowerCase();
}

/** The indicators a filter and a search keep, in their order. */
export function filterIndicators(indicators: readonly IndicatorReport[], filter: IndicatorFilter, search: string, problems: Set<number>): IndicatorReport[] {
  const needle = search.trim().toLowerCase();
  return indicators.filter((i) => matches(filter, i, problems) && (needle === '' || searchable(i).includes(needle)));
}

/** How many indicators each quick filter keeps (before the search). */
export function filterCounts(indicators: readonly IndicatorReport[], problems: Set<number>): Record<IndicatorFilter, number> {
  const counts = { all: 0, deducted: 0, pending: 0, problems: 0 } as Record<IndicatorFilter, number>;
  for (const i of indicators) for (const f of INDICATOR_FILTERS) if (matches(f, i, problems)) counts[f] += 1;
  return counts;
}
