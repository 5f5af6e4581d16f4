/** Rule pieces as the reports write them: "95%", "3万通", "75%（含）~80%", "1个百分点". */
import { fmt, type Decimal } from '../decimal';
import { fmtQuantity, type Quantity } from '../quantity';
import type { Band, StepRule } from './types';

export function q(x: Quantity): string {
  return fmtQuantity(x);
}

export function pts(d: Decimal): string {
  return `${fmt(d)}分`;
}

/** "≥95%", "<85%", "90%（含）~95%", "否则". */
export function bandText(b: Band): string {
  if (b.lo && b.hi && b.loInclusive && b.hiInclusive && b.lo.value.eq(b.hi.value)) return `=${q(b.lo)}`;
  if (b.lo && b.hi) return `${q(b.lo)}${b.loInclusive ? '（含）' : ''}~${q(b.hi)}${b.hiInclusive ? '（含）' : ''}`;
  if (b.lo) return `${b.loInclusive ? '≥' : '>'}${q(b.lo)}`;
  if (b.hi) return `${b.hiInclusive ? '≤' : '<'}${q(b.hi)}`;
  return b.text || '否则';
}

/** "不足1个百分点按1个百分点计" and the like. */
export function roundingText(rule: StepRule): string {
  switch (rule.rounding) {
    case 'up':
      return `不足${rule.stepText}按${rule.stepText}计`;
    case 'down':
      return `不足${rule.stepText}的部分不扣`;
    case 'exact':
      return '不足一个单位的按比例扣';
  }
}

/** Is the threshold zero (a delay counted from the plan date)? */
export function isZeroThreshold(rule: StepRule): boolean {
  return rule.threshold.value.isZero();
}

/** How a partial bonus/deduction step counts ("不足2个百分点的部分不加分"), as the rule's note says it. */
export function partialStepHow(s: { rounding: 'up' | 'down' | string; stepText: string }, adds: boolean): string {
  if (s.rounding === 'up') return `不足${s.stepText}按${s.stepText}计`;
  if (s.rounding === 'down') return `不足${s.stepText}的部分不${adds ? '加' : '扣'}分`;
  return `不足${s.stepText}的按比例计`;
}
