/**
 * Max points: children sum to their parent at every level, the level-1 groups
 * sum to the total (100, or each part's), and an indicator repeated in
 * another table (target table, results table) carries the same max and score.
 */
import { toA1 } from '../address';
import { Decimal, dec, fmt, sum } from '../decimal';
import { finding, type Finding } from '../findings';
import type { GroupNode, IndicatorNode, IndicatorTable, LeafNode } from '../indicators/model';
import { parseQuantity } from '../quantity';
import type { LeafResult } from '../scoring/leaf';
import { normName } from '../text';

function nodeMax(n: IndicatorNode): Decimal | null {
  if (n.kind === 'leaf') return n.max;
  return n.max ?? childSum(n);
}

function childSum(g: GroupNode): Decimal | null {
  const maxes = g.children.map(nodeMax);
  return maxes.every((m): m is Decimal => m !== null) ? sum(maxes) : null;
}

function cellOf(sheet: string, n: IndicatorNode): { sheet: string; cell: string } {
  const c = n.maxCell ?? n.nameCell;
  return { sheet, cell: toA1(c.row, c.col) };
}

/** Σ children = parent at every level of one table. */
export function checkMaxSums(table: IndicatorTable, findings: Finding[]): void {
  const walk = (nodes: IndicatorNode[]) => {
    for (const n of nodes) {
      if (n.kind !== 'group') continue;
      walk(n.children);
      const s = childSum(n);
      if (n.max && s && !n.max.eq(s)) {
        const names = n.children.map((c) => `${c.name}${nodeMax(c) ? fmt(nodeMax(c)!) : '?'}`).join('+');
        findings.push(
          finding('MAX_SUM_MISMATCH', 'error', `“${n.name}”分值为${fmt(n.max)}，但其下级指标分值合计为${fmt(s)}（${names}）`, cellOf(table.sheet, n), {
            expected: fmt(s),
            actual: fmt(n.max),
          }),
        );
      }
    }
  };
  walk(table.roots);
}

/** The level-1 maxes add up to the total row's max (or 100 when the sheet states none). */
export function checkTotalMax(table: IndicatorTable, hasComposite: boolean, findings: Finding[]): void {
  const maxes = table.roots.map(nodeMax);
  if (!maxes.every((m): m is Decimal => m !== null)) return;
  const s = sum(maxes);
  const totalRow = table.specialRows.find((r) => r.kind === 'total');
  const maxCell = totalRow
    ? (['max3', 'max1', 'max2'] as const).map((k) => totalRow.cells[k]).find((c) => c && c.value !== null && c.value !== '-')
    : undefined;
  if (maxCell) {
    const q = parseQuantity(maxCell.value, maxCell.numberFormat);
    if (q.ok && !q.q.value.eq(s)) {
      findings.push(
        finding(
          'TOTAL_MAX_MISMATCH',
          'error',
          `合计行分值为${fmt(q.q.value)}，但各一级指标分值合计为${fmt(s)}`,
          { sheet: table.sheet, cell: toA1(maxCell.row, maxCell.col) },
          { expected: fmt(s), actual: fmt(q.q.value) },
        ),
      );
    }
    return;
  }
  if (!hasComposite && !s.eq(100)) {
    findings.push(
      finding(
        'TOTAL_MAX_NOT_100',
        'error',
        `各一级指标分值合计为${fmt(s)}，不是100分`,
        { sheet: table.sheet, cell: cellOf(table.sheet, table.roots[0]).cell },
        {
          expected: '100',
          actual: fmt(s),
        },
      ),
    );
  }
}

function allNodes(nodes: IndicatorNode[], out: IndicatorNode[] = []): IndicatorNode[] {
  for (const n of nodes) {
    out.push(n);
    if (n.kind === 'group') allNodes(n.children, out);
  }
  return out;
}

/**
 * The same indicator in another table (target table, results table, an
 * indicator system sheet): same max; where that table has scores, same score.
 */
export function checkAcrossTables(primary: IndicatorTable, results: LeafResult[], companions: IndicatorTable[], findings: Finding[]): void {
  const primaryNodes = allNodes(primary.roots);
  const byName = new Map<string, IndicatorNode[]>();
  for (const n of primaryNodes) {
    const k = normName(n.name);
    byName.set(k, [...(byName.get(k) ?? []), n]);
  }
  const resultOf = new Map<LeafNode, LeafResult>(results.map((r) => [r.leaf, r]));
  for (const t of companions) {
    for (const n of allNodes(t.roots)) {
      const same = byName.get(normName(n.name));
      if (!same || same.length !== 1) continue;
      const p = same[0];
      if (p.kind !== n.kind) continue;
      const pm = nodeMax(p);
      const cm = n.kind === 'leaf' ? n.max : n.max;
      if (pm && cm && !pm.eq(cm)) {
        findings.push(
          finding('MAX_INCONSISTENT', 'error', `“${n.name}”在“${t.sheet}”中分值为${fmt(cm)}，在“${primary.sheet}”中为${fmt(pm)}`, cellOf(t.sheet, n), {
            expected: fmt(pm),
            actual: fmt(cm),
          }),
        );
      }
      if (n.kind === 'leaf' && p.kind === 'leaf') {
        const sc = n.cells.score;
        const pr = resultOf.get(p);
        if (sc && sc.value !== null && sc.value !== '' && pr?.score) {
          const q = parseQuantity(sc.value, sc.numberFormat);
          if (q.ok && !q.q.value.minus(pr.score).abs().lt(dec('0.005'))) {
            findings.push(
              finding(
                'SCORE_INCONSISTENT',
                'error',
                `“${n.name}”在“${t.sheet}”中得分为${fmt(q.q.value)}，在“${primary.sheet}”中为${fmt(pr.score)}`,
                { sheet: t.sheet, cell: toA1(sc.row, sc.col) },
                { expected: fmt(pr.score), actual: fmt(q.q.value) },
              ),
            );
          }
        }
      }
    }
  }
}
