/**
 * A rule in one Chinese sentence the evaluator can confirm before trusting the
 * computed score: "按比例：得分=实际值÷95%×7，最高7分".
 */
import { fmt, type Decimal } from '../decimal';
import type { BonusRule, BonusStep, Rule, StepRule } from './types';
import { bandText, isZeroThreshold, partialStepHow, pts, q, roundingText } from './format';
import { bandPointsText } from './judgedBand';

function stepSentence(rule: StepRule): string {
  const d = fmt(rule.deduction);
  const round = `${roundingText(rule)}${rule.roundingStated ? '' : '，评分标准未写明，按惯例'}`;
  if (isZeroThreshold(rule)) {
    const verb = rule.direction === 'below' ? '减少' : rule.threshold.unit === 'time' ? '延迟' : '超出';
    const zero = rule.zeroAbove ? `；${rule.zeroAboveInclusive ? '达到' : '超过'}${q(rule.zeroAbove)}得0分` : '';
    return `每${verb}${rule.stepText}扣${d}分（${round}），扣完为止${zero}`;
  }
  if (rule.rank) return `第1名得满分，每下降1名扣${d}分，扣完为止`;
  const subject = rule.subject;
  const cap = rule.maxDeduction ? `，扣满${fmt(rule.maxDeduction)}分为止` : '';
  if (rule.direction === 'either') {
    return `${subject}与${q(rule.threshold)}每相差${rule.stepText}扣${d}分（${round}）${cap || '，扣完为止'}`;
  }
  if (rule.stepMode === 'relative') {
    const verb = rule.direction === 'below' ? '低于' : '超过';
    return `${subject}${verb}${q(rule.threshold)}时，每${rule.direction === 'below' ? '低' : '超'}${rule.stepText}（相对${q(rule.threshold)}）扣${d}分（${round}），扣完为止`;
  }
  if (rule.direction === 'below') {
    const zero = rule.zeroBelow ? `；低于${q(rule.zeroBelow)}得0分` : '';
    return `${subject}不足${q(rule.threshold)}时每低${rule.stepText}扣${d}分（${round}），扣完为止${zero}`;
  }
  const zeroAbove = rule.zeroAbove ? `；${rule.zeroAboveInclusive ? '达到' : '超过'}${q(rule.zeroAbove)}得0分` : '';
  return `${subject}超过${q(rule.threshold)}时每超${rule.stepText}扣${d}分（${round}）${cap || '，扣完为止'}${zeroAbove}`;
}

function partialRule(s: BonusStep, adds: boolean): string {
  const how = partialStepHow(s, adds);
  return s.roundingStated ? how : `${how}，评分标准未写明，按惯例`;
}

function bonusSentence(rule: BonusRule): string {
  const capText = rule.cap ? `，最高${pts(rule.cap)}` : '，未设上限（评分标准写明加分，得分可高于指标分值）';
  if (!rule.reference) {
    const name = rule.referenceName || '目标';
    const bonusCap = rule.bonusCap ? `，加分最多${pts(rule.bonusCap)}` : '';
    return `按超过${name}的个数加分：每超${rule.above.stepText}加${pts(rule.above.points)}${bonusCap}${capText}（未给出${name}，实际值按超出的个数计）`;
  }
  const line = `${rule.referenceName}${q(rule.reference)}`;
  const base = rule.base === null ? '得满分' : `得${pts(rule.base)}`;
  const up = `每超${rule.above.stepText}加${pts(rule.above.points)}（${partialRule(rule.above, true)}）`;
  const bonusCap = rule.bonusCap ? `，加分最多${pts(rule.bonusCap)}` : '';
  const cap = capText;
  const below =
    rule.below.kind === 'zero'
      ? `；低于${line}不得分`
      : rule.below.kind === 'none'
        ? `；未超过${line}不加分`
        : `；每低${rule.below.stepText}扣${pts(rule.below.points)}（${partialRule(rule.below, false)}），扣完为止`;
  return `以${line}为基准：达到${rule.below.kind === 'none' ? '不加分' : base}，${up}${bonusCap}${cap}${below}`;
}

function body(rule: Rule, max: Decimal | null): string {
  const cap = max ? `，最高${pts(max)}` : '';
  switch (rule.kind) {
    case 'proportional': {
      const who = rule.subject || '实际值';
      const points = max ?? rule.points;
      const mult = points ? `×${fmt(points)}` : '×分值';
      const target = rule.target;
      const divisor = target ? (target.unit === 'percent' && target.value.eq(1) ? '' : `÷${q(target)}`) : `÷${rule.targetRef ?? '目标值'}（未找到目标值）`;
      const cut = rule.zeroBelow ? `；${rule.zeroAtCutoff ? '不高于' : '低于'}${q(rule.zeroBelow)}得0分` : '';
      if (rule.inverse && target) return `越低越好：${who}不高于${q(target)}得满分，高于时得分=${q(target)}÷${who}${mult}${cap}`;
      return `按比例：得分=${who}${divisor}${mult}${cap}${cut}`;
    }
    case 'step':
      return stepSentence(rule);
    case 'bonus':
      return bonusSentence(rule);
    case 'bands':
      return `区间：${rule.bands.map((b) => `${bandText(b)}得${bandPointsText(b)}`).join('；')}`;
    case 'perMonth': {
      const verb = rule.failWhen === 'below' ? (rule.failsAtThreshold ? '未高于' : '低于') : rule.failsAtThreshold ? '未低于' : '高于';
      const basis = rule.subject ? `（按${rule.subject}逐月计）` : '';
      const blank = rule.blank ? `；${rule.blank.label}每个扣${pts(rule.blank.deduction)}（不再按${verb}${q(rule.threshold)}扣）` : '';
      return `每月${verb}${q(rule.threshold)}扣${pts(rule.deduction)}${basis}${blank}，扣完为止`;
    }
    case 'perOccurrence': {
      const parts = rule.items.map((i) =>
        i.outright
          ? `${i.label}的该项不得分${i.outright.isZero() ? '' : `，倒扣${pts(i.outright.neg())}（得${pts(i.outright)}）`}`
          : `${i.label || '发现问题'}每${i.unitWord}扣${pts(i.deduction)}`,
      );
      const zero = rule.zeroIf ? `；${rule.zeroIf}的得0分` : '';
      return `${parts.join('；')}，扣完为止${zero}`;
    }
    case 'additive':
      return `${rule.items.map((i) => `${i.label}每${i.unitWord}${pts(i.pointsEach)}`).join('、')}，累加${cap}`;
    case 'checklist': {
      const items = rule.items.map((i, n) => `${n + 1}.${i.label}（${pts(i.points)}）`).join('；');
      const defect = rule.perDefect ? `；每发现一处问题扣${pts(rule.perDefect)}` : '';
      return `逐项判断，需评价人打分：${items}${defect}`;
    }
    case 'categorical':
      return rule.options
        .map((o) => {
          const got = o.points
            ? `得${pts(o.points)}`
            : o.fraction!.eq(1)
              ? '得满分'
              : o.fraction!.isZero()
                ? '不得分'
                : o.fraction!.eq('0.5')
                  ? '得一半分'
                  : `得满分的${fmt(o.fraction!.times(100))}%`;
          return `${o.label}${got}`;
        })
        .join('；');
    case 'grade':
      return `按等级：${rule.grades.map((g) => `${g.label}${pts(g.points)}`).join('、')}`;
    case 'judgement':
      return `需评价人判断：${rule.reason}`;
  }
}

export function explainRule(rule: Rule, max?: Decimal | null): string {
  const m = max ?? null;
  let s = body(rule, m);
  if (m && rule.statedFull && !rule.statedFull.eq(m) && rule.kind !== 'checklist' && rule.kind !== 'judgement') {
    s += `（评分标准写明满分${pts(rule.statedFull)}，按指标分值${pts(m)}计算）`;
  } else if (m && rule.kind === 'checklist' && rule.statedFull && !rule.statedFull.eq(m)) {
    s += `（各项合计${pts(rule.statedFull)}，与指标分值${pts(m)}不一致）`;
  }
  if (rule.notes?.length) s += `；${rule.notes.join('；')}`;
  return s;
}
