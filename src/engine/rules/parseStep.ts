/**
 * Per-unit shortfall or excess: "平均接通率不低于95%，每低1%扣1分",
 * "月均不低于3万通，每低于5%扣1分，不足5%按5%计算", "每超出100万元扣减1分",
 * "每比计划完成时间延迟1个月，扣除1分".
 */
import { Decimal, dec, fmt } from '../decimal';
import { fmtQuantity as fmtQ, quantity, type Quantity } from '../quantity';
import { normRuleText } from './normalize';
import type { StepRule } from './types';
import { NUM, UNIT, comparatorBefore, readQuantity, sameFamily, suffixBound, type Scanned } from './lexicon';
import { completeSubject, subjectBefore } from './subject';
import type { ParseEnv } from './env';
import { LOWER_IS_BETTER } from './parseProportional';
import { stripComparatorTail } from './env';

const BELOW = ['低于', '少于', '减少', '下降', '降低', '低', '少', '降', '差'];
const DELAY = ['延迟', '延误', '推迟', '逾期', '超期', '滞后', '迟报', '拖延', '迟交', '迟'];
const ABOVE = ['高于', '多于', '超出', '超过', '增加', '高', '多', ...DELAY];
/** "与计划每相差2%扣1分": the distance from the plan, either way. */
const EITHER = ['相差', '偏差', '偏离', '差异', '误差'];
const VERBS = [...BELOW, ...ABOVE, ...EITHER].sort((a, b) => b.length - a.length);

const STEP_RE = new RegExp(
  `每(?:比[^，；。]{0,12}?)?(${VERBS.join('|')})(${NUM})(${UNIT})?(?:\\([^)]*\\))?(?:[\u4e00-\u9fff]{0,4}?)[，]?(?:则|的)?扣(?:减|除)?(${NUM})分`,
);
/** "迟报四天及以上不得分", "超过30天的不得分": past this, nothing is scored. */
const ZERO_ABOVE_RE = new RegExp(`(?:超过|高于|大于|多于)?(${NUM})(${UNIT})(及以上|以上)?(?:的)?[，]?(?:该项|该指标|本项)?(?:不得分|不计分|得0分|为0分)`);
/** A minimum in the indicator's name or notes: "每年至少召开4次会议", "不少于6次". */
const MINIMUM_RE = new RegExp(`(?:至少|不少于|不低于|最少)[^，；。\\d]{0,6}?(${NUM})(${UNIT})`);
/** "扣满10分为止", "最多扣5分", "扣分不超过5分": a ceiling on the deductions. */
const MAX_DEDUCTION_RE = new RegExp(`扣满(${NUM})分(?:为止|止)?|最多扣(?:除|减)?(${NUM})分|扣分(?:不超过|最多|最高)(${NUM})分`);

const ZERO_BELOW_RE = new RegExp(`(?:低于|小于|不足|未达到)(${NUM})(${UNIT})?(?:的)?[，]?(?:该指标|本指标|则)?(?:直接)?(?:得0分|不得分|为0分)`);

export function hasStepClause(text: string): boolean {
  return STEP_RE.test(text);
}

function isFormulaConstant(text: string, c: Scanned): boolean {
  return /[×*/÷=xX]/.test(text[c.start - 1] ?? '') || /^[×*]/.test(text.slice(c.end));
}

function prefer(text: string, list: Scanned[]): Scanned | null {
  if (list.length === 0) return null;
  const governed = list.filter((c) => comparatorBefore(text, c.start) || suffixBound(text, c.end));
  const pool = governed.length > 0 ? governed : list;
  return pool[pool.length - 1];
}

function timeUnitsMatch(a: Quantity, b: Quantity): boolean {
  const norm = (u: string) => u.replace(/^个/, '').replace(/^日$/, '天');
  return norm(a.unitText) === norm(b.unitText);
}

/** The threshold quantity for a step of this kind, from the text before the clause. */
function findThreshold(text: string, before: Scanned[], step: Quantity): { thr: Scanned; mode: 'absolute' | 'relative'; note?: string } | null {
  const pick = (pred: (c: Scanned) => boolean) => prefer(text, before.filter(pred));
  if (step.unit === 'percent') {
    const pct = pick((c) => c.q.unit === 'percent');
    if (pct) return { thr: pct, mode: 'absolute' };
    // "变动率≤0，计4分；>0，每超过1个百分点扣0.4分": zero needs no unit.
    const zero = pick((c) => c.q.unit === 'none' && c.q.value.isZero());
    if (zero) return { thr: { ...zero, q: { ...zero.q, unit: 'percent', unitText: '%' } }, mode: 'absolute' };
    const score = pick((c) => c.q.unit === 'score');
    if (score) return { thr: score, mode: 'absolute' };
    const other = pick((c) => c.q.unit === 'count' || c.q.unit === 'money' || c.q.unit === 'time');
    return other ? { thr: other, mode: 'relative' } : null;
  }
  if (step.unit === 'none') {
    const any = pick((c) => c.q.unit !== 'none');
    return any ? { thr: any, mode: 'absolute' } : null;
  }
  const fam = before.filter((c) =>
    step.unit === 'time' ? c.q.unit === 'time' && timeUnitsMatch(c.q, step) : sameFamily(c.q.unit, step.unit) && c.q.unit !== 'none',
  );
  const chosen = prefer(text, fam);
  if (!chosen) return null;
  // "控制金额4,060.00万元 … 控制在4,060.00元以下" (000): a scale word dropped by a typo.
  if (chosen.q.scale !== step.scale) {
    const twin = fam.find((c) => c !== chosen && c.q.scale === step.scale && c.q.value.div(c.q.scale).eq(chosen.q.value.div(chosen.q.scale)));
    if (twin) {
      return {
        thr: twin,
        mode: 'absolute',
        note: `评分标准中“${chosen.raw}”与“${twin.raw}”单位不一致，按${twin.raw}计`,
      };
    }
  }
  return { thr: chosen, mode: 'absolute' };
}

function minimumIn(texts: string[], step: Quantity): Quantity | null {
  for (const t of texts) {
    const m = MINIMUM_RE.exec(normRuleText(t));
    const q = m ? readQuantity(m[1], m[2]) : null;
    if (q && q.unit === 'count' && (q.unitText === step.unitText || !step.unitText)) return q;
  }
  return null;
}

function roundingOf(text: string): { rounding: StepRule['rounding']; stated: boolean } {
  if (/不足[^，；。]{0,12}?(?:按|以)[^，；。]{0,12}?(?:计算|计|算)/.test(text) && !/按比例/.test(text.match(/不足[^，；。]{0,16}/)?.[0] ?? '')) {
    return { rounding: 'up', stated: true };
  }
  if (/不足[^，；。]{0,12}?(?:不扣|不计|不予扣|忽略)|满[^，；。]{0,10}?(?:才|方)扣/.test(text)) return { rounding: 'down', stated: true };
  if (/按(?:实际)?比例(?:折算)?扣|不足[^，；。]{0,12}?按比例|按实际差额折算/.test(text)) return { rounding: 'exact', stated: true };
  // The seeds round partial units up without saying so (001 接通率 94.36% against 95% deducts 1).
  return { rounding: 'up', stated: false };
}

function stepTextOf(step: Decimal, mode: 'absolute' | 'relative', unit: Quantity['unit'], raw: Quantity, thr: Quantity): string {
  if (unit === 'percent' && mode === 'absolute' && thr.unit === 'percent') return `${fmt(step.times(100), 4)}个百分点`;
  if (mode === 'relative') return `${fmt(step.times(100), 4)}%`;
  if (thr.unit === 'score') return `${fmt(step, 4)}分`;
  const scaleWord = raw.scale === 1e4 ? '万' : raw.scale === 1e8 ? '亿' : raw.scale === 1e3 ? '千' : raw.scale === 1e6 ? '百万' : '';
  return `${fmt(step.div(raw.scale), 4)}${scaleWord}${raw.unitText || thr.unitText}`;
}

export function parseStep(env: ParseEnv): StepRule | null {
  const { text } = env;
  const m = STEP_RE.exec(text);
  if (!m) return null;
  const [, verb, stepNum, stepUnit, deductionText] = m;
  const stepQ = readQuantity(stepNum, stepUnit ?? '');
  if (!stepQ || stepQ.value.lte(0)) return null;
  const deduction = new Decimal(deductionText.replace(/,/g, ''));
  // "在计划时间内完成的，得满分，超过计划时间的…每相差4%扣1分": only lateness costs.
  const onlyLate = /(?:计划|规定)(?:时间|期限)内[^；。]{0,8}?(?:得满分|不扣分)/.test(text);
  let direction: StepRule['direction'] = EITHER.includes(verb) ? (onlyLate ? 'above' : 'either') : ABOVE.includes(verb) ? 'above' : 'below';

  const outcomes = env.outcomes();
  const inOutcome = (c: Scanned) => outcomes.some((o) => c.start >= o.start && c.start < o.end);
  const before = env.quantities().filter((c) => c.end <= m.index && !inOutcome(c) && !isFormulaConstant(text, c));
  const found = findThreshold(text, before, stepQ);
  const notes: string[] = [];
  let threshold: Quantity;
  let mode: 'absolute' | 'relative';
  let subject = '';
  if (found) {
    threshold = found.thr.q;
    mode = found.mode;
    if (found.note) notes.push(found.note);
    subject = stripComparatorTail(subjectBefore(text, found.thr.start));
  } else if (EITHER.includes(verb) && stepQ.unit === 'percent') {
    // "实际完成情况与计划每相差3%": the completion rate's distance from 100% of the plan.
    threshold = quantity(dec(1), 'percent', '%');
    mode = 'absolute';
    subject = '完成率';
    notes.push('按实际完成值占计划的百分比与100%的差计算');
  } else if (direction === 'below' && stepQ.unit === 'count' && minimumIn([env.ctx.name ?? '', ...(env.ctx.context ?? [])], stepQ)) {
    // "每少1次会议扣1分" under an indicator named "每年至少召开4次会议".
    const min = minimumIn([env.ctx.name ?? '', ...(env.ctx.context ?? [])], stepQ)!;
    threshold = min;
    mode = 'absolute';
    notes.push(`标准${fmtQ(min)}取自指标名称或说明`);
  } else if (DELAY.includes(verb)) {
    // "每比计划完成时间延迟1个月": counted from zero delay.
    threshold = quantity(dec(0), stepQ.unit, stepQ.unitText, stepQ.scale);
    mode = 'absolute';
    subject = '延迟时间';
  } else {
    const ctxTarget = env.contextTarget((q) => (stepQ.unit === 'percent' ? q.unit === 'percent' : sameFamily(q.unit, stepQ.unit)));
    if (!ctxTarget) return null;
    threshold = ctxTarget;
    mode = 'absolute';
  }

  // "未达到年度目标值的…每差1微克/立方米扣0.5分" for PM10: 差 says how far, not which way; a measure that
  // is better lower (or a target written "≤") falls short by going over.
  if (verb === '差' && (LOWER_IS_BETTER.test(`${env.ctx.name ?? ''}${subject}`) || threshold.comparator === '<=' || threshold.comparator === '<')) {
    direction = 'above';
  }

  // The step in the threshold's own unit.
  let step: Decimal;
  if (mode === 'relative') step = stepQ.value;
  else if (stepQ.unit === 'percent' && threshold.unit === 'score') step = stepQ.value.times(100);
  else if (stepQ.unit === 'none') {
    // A bare step is in the threshold's unit; amounts in the unit the rule writes ("万元").
    step = threshold.unit === 'percent' ? stepQ.value.div(100) : threshold.unit === 'money' ? stepQ.value.times(threshold.scale) : stepQ.value;
  } else step = stepQ.value;
  if (step.lte(0)) return null;

  const { rounding, stated } = roundingOf(text);
  const statedPoints = outcomes.filter((o) => o.end <= m.index && o.points && o.points.gt(0)).pop()?.points ?? null;

  const rule: StepRule = {
    kind: 'step',
    text: env.raw,
    subject: completeSubject(subject, env.ctx.name),
    statedFull: statedPoints,
    direction,
    threshold,
    step,
    stepMode: mode,
    stepText: stepTextOf(
      step,
      mode,
      stepQ.unit,
      stepQ.unit !== 'none' ? stepQ : threshold.unit === 'money' ? threshold : { ...threshold, scale: 1 },
      threshold,
    ),
    deduction,
    rounding,
    roundingStated: stated,
  };
  if (direction === 'above') {
    const za = ZERO_ABOVE_RE.exec(text.slice(m.index + m[0].length));
    const zq = za ? readQuantity(za[1], za[2]) : null;
    if (zq && sameFamily(zq.unit, threshold.unit) && (zq.unit !== 'time' || timeUnitsMatch(zq, threshold))) {
      rule.zeroAbove = zq;
      rule.zeroAboveInclusive = !!za![3];
    }
  }
  if (direction === 'below') {
    const zm = ZERO_BELOW_RE.exec(text);
    const zq = zm ? readQuantity(zm[1], zm[2] ?? threshold.unitText) : null;
    if (zq && sameFamily(zq.unit, threshold.unit) && !zq.value.eq(threshold.value)) rule.zeroBelow = zq;
  }
  const cap = MAX_DEDUCTION_RE.exec(text);
  if (cap) rule.maxDeduction = new Decimal((cap[1] ?? cap[2] ?? cap[3]).replace(/,/g, ''));
  if (notes.length) rule.notes = notes;
  return rule;
}
