/**
 * The evidence column (评价依据/得分情况/扣分原因/备注) as an auditor reads it: it may explain a
 * deduction (then no 扣分说明 is missing), and it may state the score or the deduction
 * ("…该指标得3分", "扣2分") — which must agree with the 得分 cell.
 */
import { toA1 } from '../address';
import { Decimal, dec, fmt, sum } from '../decimal';
import { finding, type Finding } from '../findings';
import type { LeafNode } from '../indicators/model';
import type { LeafResult } from '../scoring/leaf';
import { normName, toHalfWidth } from '../text';

function textOf(leaf: LeafNode, role: 'evidence' | 'note'): string {
  const v = leaf.cells[role]?.value;
  return typeof v === 'string' ? v : '';
}

/** True when the evidence text gives a reason for points lost (扣, 未, 不足, 缺, 得N分 …). */
export function evidenceExplainsDeduction(leaf: LeafNode): boolean {
  const t = normName(textOf(leaf, 'evidence'));
  return t.length >= 4 && /扣|未|不足|不够|缺|没有|偏低|偏差|较差|不完善|不规范|不到位|滞后|差距|得\d/.test(t);
}

/** "该指标得3分", "本项得分2.5分", "最终得4分", "故得2分": the score the text states, last one wins. */
const STATED_SCORE = /(?:该指标|本指标|该项|本项|此项|故|因此|最终|综合|实际|合计|共|评价|自评)(?:得分为?|得分值为?|得|计|记)\s*(\d+(?:\.\d+)?)\s*分/g;
/** "扣2分", "扣除1.5分", "扣减0.5分"; not rules ("每…扣1分", "扣完为止") nor ranges ("扣2-5分"). */
const STATED_DEDUCTION = /(?<!每[^，。；,;]{0,20})(?<!各)扣(?:除|减|了)?\s*(\d+(?:\.\d+)?)\s*分(?![-—~至到])/g;

export function checkEvidenceStatements(leaves: LeafResult[], sheet: string, findings: Finding[]): void {
  for (const l of leaves) {
    if (l.source !== 'entered' || l.score === null || !l.max) continue;
    for (const role of ['evidence', 'note'] as const) {
      const c = l.leaf.cells[role];
      const raw = textOf(l.leaf, role);
      if (!c || !raw) continue;
      const t = toHalfWidth(raw).replace(/\s+/g, '');
      const where = { sheet, cell: toA1(c.row, c.col) };
      const scores = [...t.matchAll(STATED_SCORE)].map((m) => dec(m[1]));
      if (scores.length > 0) {
        const stated = scores[scores.length - 1];
        if (!stated.minus(l.score).abs().lt('0.005')) {
          findings.push(
            finding(
              'EVIDENCE_SCORE_MISMATCH',
              'error',
              `“${l.leaf.name}”的${role === 'evidence' ? '评价依据' : '扣分说明'}写明得${fmt(stated)}分，但得分单元格为${fmt(l.score)}分`,
              where,
              { expected: fmt(stated), actual: fmt(l.score) },
            ),
          );
          continue;
        }
      }
      if (/每|扣完|为止|最多扣|最高扣/.test(t) && scores.length === 0) continue;
      const deductions: Decimal[] = [...t.matchAll(STATED_DEDUCTION)].map((m) => dec(m[1]));
      if (deductions.length === 0) continue;
      const stated = sum(deductions);
      const actual = l.max.minus(l.score);
      if (!stated.minus(actual).abs().lt('0.005')) {
        findings.push(
          finding(
            'EVIDENCE_DEDUCTION_MISMATCH',
            'error',
            `“${l.leaf.name}”的${role === 'evidence' ? '评价依据' : '扣分说明'}写明扣${deductions.map((d) => fmt(d)).join('+')}=${fmt(stated)}分，但分值${fmt(l.max)}减得分${fmt(l.score)}为扣${fmt(actual)}分`,
            where,
            { expected: fmt(stated), actual: fmt(actual) },
          ),
        );
      }
    }
  }
}
