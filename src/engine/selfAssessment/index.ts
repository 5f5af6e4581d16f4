/**
 * The self-assessment form's hook into a scoring run (src/engine/scoring/run.ts): each leaf of a
 * 项目支出绩效自评表 is scored by the form's own rule instead of a 评分标准 text, the funds block adds
 * 预算执行率 × its points to the total, and the form's arithmetic is checked.
 */
import { toA1 } from '../address';
import { Decimal, ZERO, fmt, round2 } from '../decimal';
import { finding, type Finding } from '../findings';
import type { LeafNode } from '../indicators/model';
import { parseQuantity } from '../quantity';
import type { LeafResult } from '../scoring/leaf';
import type { SheetView } from '../sheetView';
import { isEngineValue, type EngineState } from '../state';
import { cellText, stripInvisible } from '../text';
import { evidenceExplainsDeduction } from '../validate/evidence';
import { formLeaf, type SelfAssessmentForm } from './form';

export { detectSelfAssessmentForm, scoreFunds, checkFormArithmetic, describeBands, type SelfAssessmentForm, type FundsResult } from './form';

function blank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/** One leaf of the form, as a LeafResult like scoreLeaf's: typed scores kept and checked, else the form's rule. */
export function scoreFormLeaf(leaf: LeafNode, form: SelfAssessmentForm, view: SheetView, state: EngineState | null): LeafResult {
  const findings: Finding[] = [];
  const sheet = form.sheet;
  const at = (c: { row: number; col: number } | undefined) => ({ sheet, cell: toA1(c?.row ?? leaf.row, c?.col ?? leaf.nameCell.col) });
  const sc = leaf.cells.score;
  const scoreCellIsEngine = !!sc && !blank(sc.value) && isEngineValue(state, sheet, sc.row, sc.col, sc.value);
  let entered: Decimal | null = null;
  let unreadable = false;
  if (sc && !blank(sc.value) && !scoreCellIsEngine) {
    const q = parseQuantity(sc.value, sc.numberFormat);
    if (q.ok && (q.q.unit === 'none' || q.q.unit === 'score')) entered = q.q.value;
    else {
      unreadable = true;
      findings.push(finding('SCORE_NOT_A_NUMBER', 'error', `“${leaf.name}”的得分“${String(sc.value)}”不是数字`, at(sc)));
    }
  }
  const o = formLeaf(leaf, form, view, entered);
  findings.push(...o.findings);
  const max = leaf.max;
  let source: LeafResult['source'] = 'pending';
  let score: Decimal | null = null;
  let note = '';
  if (entered !== null) {
    source = 'entered';
    score = entered;
    note = blank(leaf.cells.note?.value) ? '' : stripInvisible(cellText(leaf.cells.note!.value)).trim();
    if (o.computed !== null && o.computed.minus(entered).abs().gte('0.005')) {
      findings.push(
        finding('SCORE_DIFFERS_FROM_RULE', 'warning', `“${leaf.name}”填写得分${fmt(entered)}，按自评表规则应为${fmt(o.computed)}（${o.trace}）`, at(sc), {
          expected: fmt(o.computed),
          actual: fmt(entered),
        }),
      );
    }
  } else if (o.computed !== null) {
    source = 'computed';
    score = o.computed;
    note = o.trace;
  } else if (!unreadable) {
    findings.push(finding('SCORE_PENDING', 'warning', `“${leaf.name}”待评分：${o.pendingReason || '需评价人打分'}`, at(sc)));
  }
  if (score !== null && max) {
    if (score.lt(ZERO) || score.gt(max)) {
      findings.push(
        finding('SCORE_OUT_OF_RANGE', 'error', `“${leaf.name}”得分${fmt(score)}不在0～${fmt(max)}分之间`, at(sc), {
          expected: `0～${fmt(max)}`,
          actual: fmt(score),
        }),
      );
    } else if (source === 'entered' && score.lt(max) && !note && !evidenceExplainsDeduction(leaf)) {
      findings.push(
        finding('DEDUCTION_NOTE_MISSING', 'warning', `“${leaf.name}”扣${fmt(max.minus(score))}分，但偏差原因分析及改进措施为空`, at(leaf.cells.note ?? sc)),
      );
    }
  }
  return {
    leaf,
    sheet,
    max,
    rule: null,
    ruleText: '',
    ruleCell: null,
    ruleOrigin: 'none',
    explanation: o.explanation || '项目支出绩效自评表',
    source,
    score,
    deduction: score !== null && max ? round2(max.minus(score)) : null,
    note,
    computed: o.computed,
    bound: null,
    scoreCellIsEngine,
    findings,
  };
}
