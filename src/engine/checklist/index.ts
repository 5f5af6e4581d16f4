/**
 * Checklists judged by the evaluator, scored by the engine. Two calls from
 * leaf scoring: `leafChecklist` (items, judgements, a score when every item is
 * judged) before the score's source is decided, `checkEnteredChecklist` when
 * the evaluator's typed score is kept.
 */
import { fmt, type Decimal } from '../decimal';
import { finding, type Finding } from '../findings';
import type { ItemJudgement } from '../options';
import type { Rule } from '../rules/types';
import { extractItems } from './items';
import { isReachable, judgeChecklist, type ChecklistOutcome } from './score';

export type { ChecklistItem, ChecklistItems } from './items';
export type { ChecklistOutcome, JudgedItem } from './score';
export { extractItems } from './items';
export { isReachable, judgeChecklist } from './score';
export { JUDGEMENT_SHEET, readJudgementSheet, judgementsFor } from './sheet';

export interface LeafChecklistInput {
  name: string;
  rule: Rule | null;
  max: Decimal | null;
  judgements: readonly ItemJudgement[];
  /** Where findings about the indicator go (its score cell) and about its rule (the rule cell). */
  at: { sheet: string; cell: string };
  ruleAt: { sheet: string; cell: string };
}

/** The indicator's items and what the judgements give; null when its rule is not a checklist. */
export function leafChecklist(input: LeafChecklistInput): ChecklistOutcome | null {
  const items = extractItems(input.rule, input.max);
  if (!items) return null;
  const out = judgeChecklist(input.name, items, input.judgements, input.max, input.at);
  // A parsed rule whose stated full mark differs is reported as RULE_FULL_MARK_MISMATCH already.
  const stated = input.rule?.statedFull;
  if (items.mismatch && !(stated && items.total && stated.eq(items.total))) {
    out.findings.unshift(finding('CHECKLIST_POINTS_MISMATCH', 'warning', `“${input.name}”${items.mismatch}`, input.ruleAt));
  }
  return out;
}

/**
 * The evaluator's typed score is kept: judged items that give another score are
 * reported; without judgements the score must be reachable with the items'
 * points; the evidence column (评价依据/得分情况) explaining a deduction counts
 * as its 扣分说明. Returns the note to report and whether it came from the items.
 */
export function checkEnteredChecklist(
  cl: ChecklistOutcome,
  a: { name: string; score: Decimal; max: Decimal | null; note: string; evidence: string | undefined; at: { sheet: string; cell: string } },
): { note: string; fromItems: boolean; findings: Finding[] } {
  const findings: Finding[] = [];
  const below = !!a.max && a.score.lt(a.max);
  if (cl.complete && cl.score) {
    if (!cl.score.minus(a.score).abs().lt('0.005')) {
      findings.push(
        finding(
          'CHECKLIST_SCORE_DIFFERS',
          'warning',
          `“${a.name}”填写得分${fmt(a.score)}，按逐项评分应为${fmt(cl.score)}（${cl.trace}）；已保留填写的得分`,
          a.at,
          { expected: fmt(cl.score), actual: fmt(a.score) },
        ),
      );
    } else if (!a.note && below) {
      return { note: cl.trace, fromItems: true, findings };
    }
    return { note: a.note, fromItems: false, findings };
  }
  if (!cl.any) {
    const ok = isReachable(cl.items, a.max, a.score);
    if (ok === false) {
      const pts = cl.items.items.map((i) =>
        i.kind === 'deduct' ? `扣${i.minPoints && !i.minPoints.eq(i.points) ? `${fmt(i.minPoints)}-` : ''}${fmt(i.points)}分` : `${fmt(i.points)}分`,
      );
      findings.push(
        finding(
          'CHECKLIST_SCORE_UNREACHABLE',
          'warning',
          `“${a.name}”填写得分${fmt(a.score)}，按评分要点（${pts.join('、')}）逐项符合或不符合得不到该分数，请在逐项评分中说明部分得分的要点`,
          a.at,
          { actual: fmt(a.score) },
        ),
      );
    }
  }
  if (!a.note && below && a.evidence) return { note: a.evidence, fromItems: false, findings };
  return { note: a.note, fromItems: false, findings };
}
