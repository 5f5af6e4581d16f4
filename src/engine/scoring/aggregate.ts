/**
 * Parents and totals sum the rounded leaves (003: 8.85 + 9.16 + 10 = 28.01).
 * A composite (管理绩效指标得分×40%+结果绩效指标得分×60%) weights parts.
 */
import { Decimal, ZERO, round2, sum } from '../decimal';
import type { GroupNode, IndicatorNode, SpecialRow } from '../indicators/model';
import { nameScore } from '../data/bind';
import { normText } from '../text';
import type { LeafResult } from './leaf';

export interface GroupResult {
  node: GroupNode;
  /** Max stated on the sheet (weight column or name), else the children's sum. */
  max: Decimal | null;
  /** Σ children's max, to check against the stated one. */
  childMax: Decimal | null;
  score: Decimal;
  /** Leaves below still pending. */
  pending: number;
  children: (GroupResult | LeafResult)[];
}

export function isGroupResult(x: GroupResult | LeafResult): x is GroupResult {
  return (x as GroupResult).node !== undefined;
}

export function aggregate(nodes: IndicatorNode[], byLeaf: Map<IndicatorNode, LeafResult>): (GroupResult | LeafResult)[] {
  return nodes.map((n) => {
    if (n.kind === 'leaf') return byLeaf.get(n)!;
    const children = aggregate(n.children, byLeaf);
    const maxes = children.map((c) => (isGroupResult(c) ? c.max : c.max));
    const childMax = maxes.every((m): m is Decimal => m !== null) ? sum(maxes) : null;
    const score = sum(children.map((c) => (isGroupResult(c) ? c.score : (c.score ?? ZERO))));
    const pending = children.reduce((a, c) => a + (isGroupResult(c) ? c.pending : c.source === 'pending' ? 1 : 0), 0);
    return { node: n, max: n.max ?? childMax, childMax, score, pending, children };
  });
}

export function totalsOf(items: (GroupResult | LeafResult)[]): { max: Decimal | null; score: Decimal; pending: number } {
  const maxes = items.map((c) => c.max);
  return {
    max: maxes.every((m): m is Decimal => m !== null) ? sum(maxes) : null,
    score: sum(items.map((c) => (isGroupResult(c) ? c.score : (c.score ?? ZERO)))),
    pending: items.reduce((a, c) => a + (isGroupResult(c) ? c.pending : c.source === 'pending' ? 1 : 0), 0),
  };
}

export interface CompositePart {
  label: string;
  weight: Decimal;
  groups: GroupResult[];
  max: Decimal | null;
  score: Decimal;
}

export interface Composite {
  text: string;
  row: number;
  parts: CompositePart[];
  total: Decimal;
}

/** "管理绩效指标得分×40%+结果绩效指标得分×60%" -> parts matched to level-1 groups by name. */
export function parseComposite(rows: SpecialRow[], level1: GroupResult[]): Composite | null {
  for (const row of rows.filter((r) => r.kind === 'composite')) {
    const text = normText(`${row.label} ${row.text}`);
    const re = /([\u4e00-\u9fff]{2,12}?)(?:指标)?(?:得分|分数|总分)?\s*[×*xX]\s*(\d+(?:\.\d+)?)\s*%/g;
    const parts: CompositePart[] = [];
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const label = m[1].replace(/^(综合评价得分|综合得分)[=＝:：]?/, '');
      const weight = new Decimal(m[2]).div(100);
      const groups = level1.filter((g) => nameScore(label, g.node.name) >= 0.6);
      if (groups.length === 0) continue;
      const maxes = groups.map((g) => g.max);
      const max = maxes.every((x): x is Decimal => x !== null) ? sum(maxes) : null;
      parts.push({ label, weight, groups, max, score: sum(groups.map((g) => g.score)) });
    }
    if (parts.length >= 2) {
      // A part scored out of a max other than 100 is scaled to 100 before weighting.
      const total = round2(sum(parts.map((p) => (p.max && !p.max.eq(100) && !p.max.isZero() ? p.score.div(p.max).times(100) : p.score).times(p.weight))));
      return { text, row: row.row, parts, total };
    }
  }
  return null;
}
