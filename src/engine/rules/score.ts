/**
 * Applying a rule to an actual value, in exact decimals, with a Chinese trace
 * that shows the arithmetic the way the reports write it. The leaf score is
 * rounded half-up to 2 places and kept within 0..max ("扣完为止", "超过满分按
 * 满分计"); when the text's full mark differs from the indicator's max, the max
 * is used. Checklists and judgement rules are the evaluator's: never scored here.
 */
import { Decimal, ZERO, fmt, round2, sum } from '../decimal';
import { fmtQuantity, parseQuantity, quantity, samePhysicalUnit, type Quantity } from '../quantity';
import { normName, similarity } from '../text';
import { inSpaceOf, singleQuantity } from './compare';
import { bandText, isZeroThreshold, partialStepHow, pts, q, roundingText } from './format';
import { gradeIn } from './parseGrade';
import { normRuleText } from './normalize';
import { bandPriority, judgedBandReason } from './judgedBand';
import { scoreBlankMonths } from './scoreBlankMonths';
import type {
  ActualValue,
  AdditiveRule,
  Band,
  BandsRule,
  BonusRule,
  BonusStep,
  CategoricalRule,
  GradeRule,
  PerMonthRule,
  PerOccurrenceRule,
  ProportionalRule,
  Rule,
  RuleScoreResult,
  StepRule,
} from './types';

type Fail = { ok: false; reason: string };
const fail = (reason: string): Fail => ({ ok: false, reason });

/** Rounded, floored at 0 and capped at max, always with at most 2 decimals. */
function finish(raw: Decimal, max: Decimal, trace: string): RuleScoreResult {
  let score = round2(raw.lt(ZERO) ? ZERO : raw.gt(max) ? max : raw);
  if (score.gt(max)) score = max.toDecimalPlaces(2, Decimal.ROUND_DOWN);
  return { ok: true, raw, score, trace };
}

/**
 * The range a rule's score may take: 0..max, unless the text states a bonus with no ceiling
 * (above the max) or a ceiling of its own, or a 倒扣 (below 0). null = no upper bound.
 */
export function scoreBounds(rule: Rule, max: Decimal): { lo: Decimal; hi: Decimal | null } {
  if (rule.kind === 'bonus') return { lo: ZERO, hi: rule.cap };
  if (rule.kind === 'perOccurrence') {
    const penalty = rule.items.reduce((lo, i) => (i.outright && i.outright.lt(lo) ? i.outright : lo), ZERO);
    return { lo: penalty, hi: max };
  }
  return { lo: ZERO, hi: max };
}

/** Rounded and kept within lo..hi (hi null: no ceiling), for rules whose text states points outside 0..max. */
function finishWithin(raw: Decimal, lo: Decimal, hi: Decimal | null, trace: string): RuleScoreResult {
  const kept = raw.lt(lo) ? lo : hi && raw.gt(hi) ? hi : raw;
  return { ok: true, raw, score: round2(kept), trace };
}

/** "得分=5-1=4分", or "扣完为止，得0分" when the deductions exceed the max. */
function afterDeduction(max: Decimal, total: Decimal): string {
  if (total.gt(max)) return '扣完为止，得0分';
  return `得分=${fmt(max)}-${fmt(total)}=${fmt(max.minus(total))}分`;
}

function statedNote(rule: Rule, max: Decimal): string {
  if (!rule.statedFull || rule.statedFull.eq(max)) return '';
  return `（评分标准写明满分${pts(rule.statedFull)}，按指标分值${pts(max)}计算）`;
}

function labelOf(rule: Rule, label?: string): string {
  return label || rule.subject || '';
}

function shown(x: Quantity, note?: string): string {
  return `${fmtQuantity(x)}${note ? `（${note}）` : ''}`;
}

function scoreProportional(rule: ProportionalRule, actual: ActualValue, max: Decimal): RuleScoreResult {
  const one = singleQuantity(actual);
  if ('error' in one) return fail(one.error);
  const target = rule.target;
  if (!target) return fail(`缺少目标值${rule.targetRef ? `（${rule.targetRef}）` : ''}，请在目标值列或指标说明中写明`);
  if (target.value.lte(0)) return fail(`目标值${q(target)}不是正数，无法按比例计算`);
  const a = inSpaceOf(one.q, target);
  if (!a.ok) return a;
  if (rule.zeroBelow) {
    const cut = rule.zeroBelow;
    if (a.value.lt(cut.value) || (rule.zeroAtCutoff && a.value.eq(cut.value))) {
      return finish(ZERO, max, `${labelOf(rule, one.label)}${shown(one.q, a.note)}，${rule.zeroAtCutoff ? '不高于' : '低于'}${q(cut)}，得0分`);
    }
  }
  if (rule.fullAt && a.value.gte(rule.fullAt.value)) {
    const full = rule.points && rule.points.lt(max) ? rule.points : max;
    return finish(full, max, `${labelOf(rule, one.label)}${shown(one.q, a.note)}，达到${q(rule.fullAt)}，得${pts(full)}`);
  }
  if (rule.inverse) {
    const head = `${labelOf(rule, one.label)}${shown(one.q, a.note)}`;
    if (a.value.lte(target.value)) return finish(max, max, `${head}，不高于目标值${q(target)}，得满分${pts(max)}`);
    const inv = target.value.div(a.value).times(max);
    return finish(inv, max, `${head}，高于目标值${q(target)}，得分=${q(target)}÷${fmtQuantity(one.q)}×${fmt(max)}=${fmt(round2(inv))}分`);
  }
  const raw = a.value.div(target.value).times(max);
  const disp = fmtQuantity({ ...target, value: a.value });
  const hundred = target.unit === 'percent' && target.value.eq(1);
  const expr = hundred ? `${disp}×${fmt(max)}` : `${disp}÷${q(target)}×${fmt(max)}`;
  let trace = `${labelOf(rule, one.label)}${shown(one.q, a.note)}`;
  if (rule.targetRef) trace += a.value.lt(target.value) ? `，低于目标值${q(target)}` : `，达到目标值${q(target)}`;
  if (raw.gt(max)) trace += `，得分=${expr}=${fmt(round2(raw))}分，超过${pts(max)}按${pts(max)}计`;
  else if (raw.lt(ZERO)) trace += `，得分=${expr}=${fmt(round2(raw))}分，低于0分按0分计`;
  else trace += `，得分=${expr}=${fmt(round2(raw))}分`;
  return finish(raw, max, trace + statedNote(rule, max));
}

function unitsOf(measure: Decimal, rule: StepRule): Decimal {
  const n = measure.div(rule.step);
  switch (rule.rounding) {
    case 'up':
      return n.ceil();
    case 'down':
      return n.floor();
    case 'exact':
      return n;
  }
}

/** "每差1微克/立方米扣0.5分": 差 says by how much, not which way. */
const UNDIRECTED_STEP_RE = /每(?:比[^，；。]{0,12}?)?差\d/;

function scoreStep(rule: StepRule, actual: ActualValue, max: Decimal): RuleScoreResult {
  const one = singleQuantity(actual);
  if ('error' in one) return fail(one.error);
  const thr = rule.threshold;
  // A bare 差 reads as a shortfall, right for rates (优良天数比率) but not for every physical measure:
  // PM10 and noise are better lower (parseStep.ts turns those, and "≤" targets, into ceilings), 溶解氧
  // higher. A physical measure still read as a floor is left to the evaluator.
  if (thr.unit === 'physical' && rule.direction === 'below' && UNDIRECTED_STEP_RE.test(normRuleText(rule.text))) {
    return fail(`评分标准只写“每差”，未写明${q(thr)}是上限还是下限（PM10、噪声越低越好，溶解氧越高越好），无法确定扣分方向，请人工评分`);
  }
  // "每超过0.001mg/m³" against a target in 微克/立方米: the step is never converted into the target's unit.
  if (thr.unit === 'physical') {
    const stepQ = parseQuantity(rule.stepText);
    if (stepQ.ok && stepQ.q.unit === 'physical' && !samePhysicalUnit(stepQ.q, thr)) {
      return fail(`扣分单位${rule.stepText}与标准${q(thr)}的单位不同，无法计算`);
    }
  }
  const a = inSpaceOf(one.q, thr);
  if (!a.ok) return a;
  if (rule.rank) {
    if (!one.q.value.isInteger() || one.q.value.lt(1)) return fail(`名次${fmtQuantity(one.q)}不是正整数`);
    const places = one.q.value.minus(1);
    const lost = places.times(rule.deduction);
    const head = `排名第${fmt(one.q.value)}名`;
    if (places.isZero()) return finish(max, max, `${head}，得满分${pts(max)}`);
    return finish(max.minus(lost), max, `${head}，比第1名落后${fmt(places)}名，每名扣${pts(rule.deduction)}，扣${pts(lost)}，${afterDeduction(max, lost)}`);
  }
  const either = rule.direction === 'either';
  const below = rule.direction === 'below' || (either && a.value.lt(thr.value));
  const v = a.value;
  const head = `${labelOf(rule, one.label)}${shown(one.q, a.note)}`;
  const gap = below ? thr.value.minus(v) : v.minus(thr.value);
  if (gap.lte(0)) {
    const where = either ? `与${q(thr)}无差异` : isZeroThreshold(rule) ? '不扣分' : `${below ? '不低于' : '未超过'}${q(thr)}`;
    return finish(max, max, `${head}，${where}，得满分${pts(max)}${statedNote(rule, max)}`);
  }
  if (!below && rule.zeroAbove) {
    const z = inSpaceOf(one.q, rule.zeroAbove);
    if (z.ok && (z.value.gt(rule.zeroAbove.value) || (rule.zeroAboveInclusive && z.value.eq(rule.zeroAbove.value)))) {
      return finish(ZERO, max, `${head}，${rule.zeroAboveInclusive ? '达到' : '超过'}${q(rule.zeroAbove)}，得0分`);
    }
  }
  if (below && rule.zeroBelow) {
    const z = inSpaceOf(one.q, rule.zeroBelow);
    if (z.ok && z.value.lt(rule.zeroBelow.value)) return finish(ZERO, max, `${head}，低于${q(rule.zeroBelow)}，得0分`);
  }
  const d = rule.deduction;
  const parts = [head];
  let measure: Decimal;
  if (rule.stepMode === 'relative') {
    if (thr.value.lte(0)) return fail(`标准值${q(thr)}不是正数，无法按相对比例扣分`);
    measure = gap.div(thr.value);
    parts.push(`为${q(thr)}的${fmtQuantity(quantity(v.div(thr.value), 'percent'))}`);
    parts.push(`${below ? '低于' : '超出'}${fmtQuantity(quantity(measure, 'percent'))}`);
    parts.push(`每${below ? '低' : '超'}${rule.stepText}扣${pts(d)}（${roundingText(rule)}）`);
  } else {
    measure = gap;
    // Two decimals as the reports print them; more only when that would read as 0.
    const points = gap.times(100);
    const gapText = thr.unit === 'percent' ? `${fmt(points) === '0' ? fmt(points, 6) : fmt(points)}个百分点` : fmtQuantity({ ...thr, value: gap });
    if (!isZeroThreshold(rule)) parts.push(`${below ? '低于' : '超过'}${q(thr)}共${gapText}`);
    const unitStep = /^1(?![\d.])/.test(rule.stepText);
    if (!unitStep || !d.eq(1) || isZeroThreshold(rule)) parts.push(`每${below ? '低' : '超'}${rule.stepText}扣${pts(d)}`);
  }
  const n0 = measure.div(rule.step);
  const n = unitsOf(measure, rule);
  if (rule.stepMode === 'absolute' && !n0.isInteger()) parts.push(roundingText(rule));
  let total = n.times(d);
  if (total.isZero()) {
    parts.push(`不扣分，得满分${pts(max)}`);
    return finish(max, max, parts.join('，'));
  }
  parts.push(n.eq(1) || d.eq(1) ? `扣${pts(total)}` : `扣${fmt(n, 4)}×${fmt(d)}=${pts(total)}`);
  if (rule.maxDeduction && total.gt(rule.maxDeduction) && rule.maxDeduction.lt(max)) {
    total = rule.maxDeduction;
    parts.push(`扣满${pts(total)}为止`);
  }
  parts.push(afterDeduction(max, total));
  return finish(max.minus(total), max, parts.join('，') + statedNote(rule, max));
}

function stepUnits(measure: Decimal, s: BonusStep): Decimal {
  const n = measure.div(s.step);
  return s.rounding === 'up' ? n.ceil() : s.rounding === 'down' ? n.floor() : n;
}

/** "不足2个百分点的部分不加分（评分标准未写明，按惯例）". */
function partialText(s: BonusStep, adds: boolean): string {
  const how = partialStepHow(s, adds);
  return s.roundingStated ? how : `${how}（评分标准未写明，按惯例）`;
}

/** How far past the line, as the text measures its steps: "4个百分点", "2个", "超出5%". */
function distanceText(gap: Decimal, ref: Quantity, s: BonusStep): string {
  if (s.stepMode === 'relative') return `${fmtQuantity(quantity(gap.div(ref.value), 'percent'))}（相对${q(ref)}）`;
  if (ref.unit === 'percent') return `${fmt(gap.times(100))}个百分点`;
  return fmtQuantity({ ...ref, value: gap });
}

/** A bonus item with no line given: the count typed is the count past the line ("超目标任务4个"). */
function scoreExcessCount(rule: BonusRule, x: Quantity, label: string | undefined, max: Decimal): RuleScoreResult {
  const s = rule.above;
  if (!(x.unit === 'count' || x.unit === 'none')) return fail(`评分标准按超过${rule.referenceName || '目标'}的个数加分，实际值${fmtQuantity(x)}不是个数`);
  if (x.value.lt(0)) return fail(`超过${rule.referenceName || '目标'}的个数${fmtQuantity(x)}为负数`);
  const head = `${labelOf(rule, label)}：超过${rule.referenceName || '目标'}的个数${fmt(x.value)}${s.stepText.replace(/^[\d.]+/, '')}（未给出${rule.referenceName || '目标'}，实际值按超出的个数计）`;
  const parts = [head, `每超${s.stepText}加${pts(s.points)}`];
  if (!x.value.div(s.step).isInteger()) parts.push(partialText(s, true));
  const n = stepUnits(x.value, s);
  let bonus = n.times(s.points);
  if (bonus.isZero()) return finishWithin(ZERO, ZERO, rule.cap, `${parts.join('，')}，不加分，得0分`);
  parts.push(n.eq(1) ? `加${pts(bonus)}` : `加${fmt(n, 4)}×${fmt(s.points)}=${pts(bonus)}`);
  if (rule.bonusCap && bonus.gt(rule.bonusCap)) {
    bonus = rule.bonusCap;
    parts.push(`加分最多${pts(bonus)}`);
  }
  if (rule.cap && bonus.gt(rule.cap)) parts.push(`超过上限${pts(rule.cap)}按${pts(rule.cap)}计`);
  else if (!rule.cap && bonus.gt(max)) parts.push(`评分标准写明加分且未设上限，得分高于指标分值${pts(max)}`);
  return finishWithin(bonus, ZERO, rule.cap, parts.join('，'));
}

function scoreBonus(rule: BonusRule, actual: ActualValue, max: Decimal): RuleScoreResult {
  const one = singleQuantity(actual);
  if ('error' in one) return fail(one.error);
  if (!rule.reference) return scoreExcessCount(rule, one.q, one.label, max);
  const ref = rule.reference;
  const a = inSpaceOf(one.q, ref);
  if (!a.ok) return a;
  const base = rule.base ?? max;
  if (base.gt(max)) return fail(`评分标准写明达到基准得${pts(base)}，超过指标分值${pts(max)}，请核对`);
  if ((rule.above.stepMode === 'relative' || (rule.below.kind === 'step' && rule.below.stepMode === 'relative')) && ref.value.lte(0)) {
    return fail(`基准${q(ref)}不是正数，无法按相对比例计算`);
  }
  const head = `${labelOf(rule, one.label)}${shown(one.q, a.note)}`;
  const line = `${rule.referenceName}${q(ref)}`;
  const atBase = rule.base === null ? `得满分${pts(max)}` : `得${pts(base)}`;
  const lo = ZERO;
  const gap = a.value.minus(ref.value);
  if (gap.isZero()) return finishWithin(base, lo, rule.cap, `${head}，达到${line}，${atBase}`);
  if (gap.gt(0)) {
    const s = rule.above;
    const measure = s.stepMode === 'relative' ? gap.div(ref.value) : gap;
    const parts = [
      head,
      `超过${line}共${distanceText(gap, ref, s)}`,
      `每超${s.stepText}加${pts(s.points)}${rule.notes?.length ? `（${rule.notes.join('；')}）` : ''}`,
    ];
    if (!measure.div(s.step).isInteger()) parts.push(partialText(s, true));
    const n = stepUnits(measure, s);
    let bonus = n.times(s.points);
    if (bonus.isZero()) {
      parts.push(`不加分，${atBase}`);
      return finishWithin(base, lo, rule.cap, parts.join('，'));
    }
    parts.push(n.eq(1) ? `加${pts(bonus)}` : `加${fmt(n, 4)}×${fmt(s.points)}=${pts(bonus)}`);
    if (rule.bonusCap && bonus.gt(rule.bonusCap)) {
      bonus = rule.bonusCap;
      parts.push(`加分最多${pts(bonus)}`);
    }
    const raw = base.plus(bonus);
    parts.push(`得分=${fmt(base)}+${fmt(bonus)}=${fmt(round2(raw))}分`);
    if (rule.cap && raw.gt(rule.cap)) parts.push(`超过上限${pts(rule.cap)}按${pts(rule.cap)}计`);
    else if (!rule.cap && raw.gt(max)) parts.push(`评分标准写明加分且未设上限，得分高于指标分值${pts(max)}`);
    return finishWithin(raw, lo, rule.cap, parts.join('，'));
  }
  const short = gap.neg();
  const below = rule.below;
  if (below.kind === 'zero') return finishWithin(ZERO, lo, rule.cap, `${head}，低于${line}，不计分，得0分`);
  if (below.kind === 'none') return finishWithin(ZERO, lo, rule.cap, `${head}，未超过${line}，不加分，得0分`);
  const measure = below.stepMode === 'relative' ? short.div(ref.value) : short;
  const parts = [head, `低于${line}共${distanceText(short, ref, below)}`, `每低${below.stepText}扣${pts(below.points)}`];
  if (!measure.div(below.step).isInteger()) parts.push(partialText(below, false));
  const n = stepUnits(measure, below);
  const total = n.times(below.points);
  if (total.isZero()) {
    parts.push(`不扣分，${atBase}`);
    return finishWithin(base, lo, rule.cap, parts.join('，'));
  }
  parts.push(n.eq(1) ? `扣${pts(total)}` : `扣${fmt(n, 4)}×${fmt(below.points)}=${pts(total)}`);
  parts.push(afterDeduction(base, total));
  return finishWithin(base.minus(total), lo, rule.cap, parts.join('，'));
}

/**
 * Failing months a trace names one by one; beyond that it names the first ones and the count
 * (five years of months: a 扣分说明 must stay readable, and a data sheet of 100,000 monthly rows
 * would otherwise put hundreds of kilobytes of month names into every note).
 */
export const LISTED_MONTHS = 60;

function inBand(v: Decimal, lo: Decimal | null, loInc: boolean, hi: Decimal | null, hiInc: boolean): boolean {
  const okLo = lo === null || v.gt(lo) || (loInc && v.eq(lo));
  const okHi = hi === null || v.lt(hi) || (hiInc && v.eq(hi));
  return okLo && okHi;
}

function scoreBands(rule: BandsRule, actual: ActualValue, max: Decimal): RuleScoreResult {
  const one = singleQuantity(actual);
  if ('error' in one) return fail(one.error);
  // Highest points first, so an edge claimed by two bands goes to the better one.
  const ordered = [...rule.bands].sort(bandPriority);
  let note: string | undefined;
  for (const b of ordered) {
    const ref = b.lo ?? b.hi;
    let v: Decimal | null = null;
    if (ref) {
      const a = inSpaceOf(one.q, ref);
      // A band on another measure ("占比为0" beside rank bands) passes a value of the other unit by.
      if (!a.ok && (b.measure || rule.bands.some((x) => x.measure && (x.lo ?? x.hi) && inSpaceOf(one.q, (x.lo ?? x.hi)!).ok))) continue;
      if (!a.ok) return a;
      v = a.value;
      note ??= a.note;
    }
    if (v === null || inBand(v, b.lo?.value ?? null, b.loInclusive, b.hi?.value ?? null, b.hiInclusive)) {
      const single = b.lo && b.hi && b.lo.value.eq(b.hi.value) && b.loInclusive && b.hiInclusive;
      const where = !ref ? `不满足以上区间（${b.text || '否则'}）` : single ? `即“${b.text}”` : b.lo && b.hi ? `在${bandText(b)}区间` : bandText(b);
      if (b.judged) return fail(judgedBandReason(b, `${labelOf(rule, one.label)}${shown(one.q, note)}，${where}`));
      let trace = `${labelOf(rule, one.label)}${shown(one.q, note)}，${where}，得${pts(b.points)}`;
      if (b.points.gt(max)) trace += `，超过${pts(max)}按${pts(max)}计`;
      return finish(b.points, max, trace);
    }
  }
  // "达到100%得20分，达到90%得10分" and 85%: every band is a line to reach and none is reached.
  const floor = belowEveryLine(rule, one.q);
  if (floor) return finish(ZERO, max, `${labelOf(rule, one.label)}${shown(one.q, note)}，${floor}，不得分`);
  const edge = unclaimedEdge(rule.bands, one.q);
  if (edge) {
    const { upper, lower } = edge;
    const points = Decimal.min(upper.points, lower.points);
    const trace =
      `${labelOf(rule, one.label)}${shown(one.q, note)}，恰在“${upper.text}”与“${lower.text}”的分界上，两档均不含${fmtQuantity(one.q)}，` +
      `${EDGE_CONVENTION}，得${pts(points)}`;
    return finish(points, max, trace);
  }
  return fail(`实际值${fmtQuantity(one.q)}不在评分标准的任何区间内`);
}

/** How a value on an edge both neighbouring bands leave out is scored, as the trace says it. */
export const EDGE_CONVENTION = '按较低一档计（分值须满足条件才得，评分标准未写明，按惯例）';

/**
 * "超过60%得2分；不足60%不得分" and exactly 60%: the value sits on an edge that the band above
 * (lower edge exclusive) and the band below (upper edge exclusive) both leave out. Only that
 * single point between two bands meeting there is resolved, to the band with fewer points
 * (points are earned by meeting a condition, and 60% does not exceed 60%; for a lower-is-better
 * measure the band above has fewer points); anything else outside every band stays pending.
 */
function unclaimedEdge(bands: Band[], x: Quantity): { upper: Band; lower: Band } | null {
  const at = (e: Quantity | null, inclusive: boolean): boolean => {
    if (!e || inclusive) return false;
    const a = inSpaceOf(x, e);
    return a.ok && a.value.eq(e.value);
  };
  const above = bands.filter((b) => !b.judged && at(b.lo, b.loInclusive));
  const below = bands.filter((b) => !b.judged && at(b.hi, b.hiInclusive));
  if (above.length !== 1 || below.length !== 1) return null;
  return { upper: above[0], lower: below[0] };
}

/**
 * Bands that are all awards for reaching a line ("≥90%得10分", "≤5%得10分"), every line on the
 * same side, and a value short of the last line: nothing is earned. Null when the bands are
 * anything else (a range, a deduction, an otherwise) or the value is not short of them all.
 */
function belowEveryLine(rule: BandsRule, q: Quantity): string | null {
  const b = rule.bands;
  if (b.length === 0 || b.some((x) => x.deduct || x.points.lte(0))) return null;
  const lower = b.every((x) => x.lo && !x.hi);
  const upper = b.every((x) => x.hi && !x.lo);
  if (!lower && !upper) return null;
  const edges = b.map((x) => (lower ? x.lo! : x.hi!));
  if (edges.some((e) => e.unit !== q.unit)) return null;
  const last = edges.reduce((a, e) => (lower ? (e.value.lt(a.value) ? e : a) : e.value.gt(a.value) ? e : a));
  const band = b[edges.indexOf(last)];
  const inclusive = lower ? band.loInclusive : band.hiInclusive;
  const short = lower ? q.value.lt(last.value) || (!inclusive && q.value.eq(last.value)) : q.value.gt(last.value) || (!inclusive && q.value.eq(last.value));
  return short ? `未达到最低一档（${bandText(band)}）` : null;
}

function monthFailVerb(rule: PerMonthRule): string {
  if (rule.failWhen === 'below') return rule.failsAtThreshold ? '未高于' : '低于';
  return rule.failsAtThreshold ? '未低于' : '高于';
}

function scorePerMonth(rule: PerMonthRule, actual: ActualValue, max: Decimal): RuleScoreResult {
  const withBlanks = rule.blank ? scoreBlankMonths(rule, rule.blank, actual, max) : null;
  if (withBlanks) return withBlanks;
  const T = rule.threshold;
  const verb = monthFailVerb(rule);
  const d = rule.deduction;
  let n: Decimal;
  let head: string;
  if (actual.kind === 'monthly') {
    if (actual.months.length === 0) return fail('没有逐月数据');
    const failing: string[] = [];
    for (const m of actual.months) {
      const a = inSpaceOf(m.value, T);
      if (!a.ok) return fail(`${m.label}：${a.reason}`);
      const v = a.value;
      const fails =
        rule.failWhen === 'below' ? v.lt(T.value) || (rule.failsAtThreshold && v.eq(T.value)) : v.gt(T.value) || (rule.failsAtThreshold && v.eq(T.value));
      if (fails) failing.push(m.label);
    }
    const label = labelOf(rule, actual.label);
    if (failing.length === 0) {
      const ok = rule.failWhen === 'below' ? (rule.failsAtThreshold ? '高于' : '不低于') : rule.failsAtThreshold ? '低于' : '不高于';
      return finish(max, max, `${label}${actual.months.length}个月均${ok}${q(T)}，得满分${pts(max)}`);
    }
    n = new Decimal(failing.length);
    const listed = failing.length > LISTED_MONTHS ? `${failing.slice(0, LISTED_MONTHS).join('、')}等${failing.length}个月` : failing.join('、');
    head = `${label}${verb}${q(T)}的月份${failing.length}个（${listed}）`;
  } else {
    // The evaluator may type the number of failing months ("6个月").
    const one = singleQuantity(actual);
    if ('error' in one) return fail(one.error);
    const x = one.q;
    if (!(x.unit === 'count' || x.unit === 'none' || (x.unit === 'time' && /月/.test(x.unitText)))) {
      return fail(`按月扣分需要逐月数据或不达标月份数，实际值为${fmtQuantity(x)}`);
    }
    if (!x.value.isInteger() || x.value.lt(0)) return fail(`不达标月份数${fmtQuantity(x)}不是非负整数`);
    n = x.value;
    if (n.isZero()) return finish(max, max, `${labelOf(rule)}没有${verb}${q(T)}的月份，得满分${pts(max)}`);
    head = `${labelOf(rule)}${verb}${q(T)}的月份${fmt(n)}个`;
  }
  const total = n.times(d);
  return finish(max.minus(total), max, `${head}，每月扣${pts(d)}，共扣${pts(total)}，${afterDeduction(max, total)}`);
}

/** Which rule item a count's label means: same name, containment, then closest wording. */
function matchItem<T extends { label: string }>(items: T[], label: string): T | null {
  const k = normName(normRuleText(label));
  if (items.length === 1 && !k) return items[0];
  const exact = items.find((i) => normName(i.label) === k);
  if (exact) return exact;
  const contains = items.filter((i) => {
    const l = normName(i.label);
    return l && k && (l.includes(k) || k.includes(l));
  });
  if (contains.length === 1) return contains[0];
  // Otherwise the clearly closest wording ("服务态度投诉" -> "热线坐席服务态度导致群众投诉").
  const ranked = items.map((i) => ({ i, s: similarity(i.label, label) })).sort((x, y) => y.s - x.s);
  const [first, second] = ranked;
  if (!first || first.s < 0.3) return null;
  return !second || first.s - second.s >= 0.15 ? first.i : null;
}

/** Grades of an event, lowest first (生产安全事故等级: 一般、较大、重大、特别重大). */
const SEVERITY: RegExp[] = [/^一般/, /^[较較]大/, /^重大/, /^特[别別]重大/];

function severityOf(s: string): { grade: number; rest: string } | null {
  for (let g = SEVERITY.length - 1; g >= 0; g--) {
    const m = SEVERITY[g].exec(s);
    if (m) return { grade: g, rest: s.slice(m[0].length) };
  }
  return null;
}

/**
 * A count of graded events against an item for a grade and above: "较大事故" and "重大事故" are
 * "较大及以上事故", "一般事故" is not. Null when no item is graded that way or the words differ.
 */
function matchGraded<T extends { label: string }>(items: T[], label: string): T | null {
  const said = severityOf(normName(normRuleText(label)));
  if (!said) return null;
  for (const i of items) {
    const m = /^(.+?)(?:及以上|以上)(.+)$/.exec(normName(i.label));
    const at = m ? severityOf(m[1]) : null;
    if (!m || !at || at.rest !== '' || said.rest !== m[2]) continue;
    if (said.grade >= at.grade) return i;
  }
  return null;
}

/** The label's grade (较大事故) differs from the item's own stated grade (一般事故), or the item states none of "…及以上". */
function otherGrade(label: string, itemLabel: string): boolean {
  const said = severityOf(normName(normRuleText(label)));
  if (!said) return false;
  const item = normName(itemLabel);
  const at = severityOf(item);
  if (at) return at.grade !== said.grade && !/及以上|以上/.test(item);
  return false;
}

/** Words that introduce the event of a zeroing clause ("发生较大及以上事故" → "较大及以上事故"). */
const ZERO_EVENT_LEAD = /^(?:存在|发生|出现|发现)/;

/** The count names the event of the rule's zeroing clause (graded, or the same words). */
function namesZeroingEvent(rule: PerOccurrenceRule, label: string): boolean {
  if (!rule.zeroIf) return false;
  const event = { label: normName(normRuleText(rule.zeroIf)).replace(ZERO_EVENT_LEAD, '') };
  const k = normName(normRuleText(label));
  if (rule.items.some((i) => normName(i.label) === k)) return false;
  return !!matchGraded([event], label) || (k.length >= 2 && (event.label === k || event.label.includes(k)));
}

/** A positive count of the event a zeroing clause names, or null. */
function zeroingCount(rule: PerOccurrenceRule, counts: { label: string; n: Decimal }[]): { label: string; n: Decimal } | null {
  return counts.find((c) => c.n.gt(0) && namesZeroingEvent(rule, c.label)) ?? null;
}

function countFromText(text: string): Decimal | null {
  const t = normRuleText(text);
  if (/^(无|没有|未发现|未出现|未发生|不存在|0)/.test(t)) return ZERO;
  const m = /^(\d+)/.exec(t);
  return m ? new Decimal(m[1]) : null;
}

function scorePerOccurrence(rule: PerOccurrenceRule, actual: ActualValue, max: Decimal): RuleScoreResult {
  const counted: { item: PerOccurrenceRule['items'][number]; n: Decimal }[] = [];
  if (actual.kind === 'counts') {
    // "发生较大及以上事故的，该项不得分": a count of that event zeroes the score, whatever else was found.
    const zeroing = zeroingCount(rule, actual.counts);
    if (zeroing) return finish(ZERO, max, `发生“${zeroing.label}”（${fmt(zeroing.n)}），属于“${rule.zeroIf}”，该项不得分，得0分`);
    for (const c of actual.counts) {
      // "较大事故0起": none of the zeroing event, nothing to count.
      if (namesZeroingEvent(rule, c.label)) continue;
      const item = matchGraded(rule.items, c.label) ?? matchItem(rule.items, c.label);
      if (!item) return fail(`“${c.label}”对应不到评分标准中的扣分情形（${rule.items.map((i) => i.label).join('、')}）`);
      // "较大事故" is no "一般事故" however alike the words: a stated grade must be the item's grade.
      if (otherGrade(c.label, item.label)) return fail(`“${c.label}”与扣分情形“${item.label}”的等级不同，对应不到评分标准中的扣分情形`);
      // Two counts read as the same kind: one of them was matched by resemblance alone.
      if (counted.some((x) => x.item === item)) return fail(`“${c.label}”与另一项都对应到“${item.label}”，请按评分标准的扣分情形分别填写`);
      if (c.n.lt(0) || !c.n.isInteger()) return fail(`“${c.label}”的次数${fmt(c.n)}不是非负整数`);
      counted.push({ item, n: c.n });
    }
  } else {
    let n: Decimal | null;
    if (actual.kind === 'text') n = countFromText(actual.text);
    else if (actual.kind === 'quantity') n = actual.q.unit === 'percent' || actual.q.unit === 'money' ? null : actual.q.value;
    else n = null;
    if (n === null) return fail('请填写发现的次数');
    if (n.lt(0) || !n.isInteger()) return fail(`次数${fmt(n)}不是非负整数`);
    // A count that names its event ("较大事故1起"): the zeroing clause and the items' grades apply as to counts by kind.
    const named = actual.kind === 'quantity' ? actual.label : undefined;
    if (named) {
      const zeroing = zeroingCount(rule, [{ label: named, n }]);
      if (zeroing) return finish(ZERO, max, `发生“${named}”（${fmt(n)}），属于“${rule.zeroIf}”，该项不得分，得0分`);
      if (otherGrade(named, rule.items[0].label)) return fail(`“${named}”与扣分情形“${rule.items[0].label}”的等级不同，对应不到评分标准中的扣分情形`);
    }
    const distinct = new Set(rule.items.map((i) => i.deduction.toString()));
    if (rule.items.length > 1 && (distinct.size > 1 || rule.items.some((i) => i.outright)) && !n.isZero()) {
      return fail(`扣分情形有${rule.items.length}种，扣分不同，请按类别分别填写次数（${rule.items.map((i) => i.label).join('、')}）`);
    }
    counted.push({ item: rule.items[0], n });
  }
  const hits = counted.filter((c) => c.n.gt(0));
  // One event of an outright kind settles the score ("发生较大及以上事故的，该项不得分，倒扣10分").
  const settled = hits.find((c) => c.item.outright);
  if (settled) {
    const { item, n } = settled;
    const o = item.outright!;
    const got = o.isZero() ? '该项不得分，得0分' : `该项不得分，倒扣${pts(o.neg())}，按本项得${pts(o)}计`;
    return finishWithin(o, scoreBounds(rule, max).lo, max, `${item.label}${fmt(n)}${item.unitWord}，${got}`);
  }
  const total = sum(counted.map((c) => c.n.times(c.item.deduction)));
  if (hits.length === 0) {
    const what = rule.items.map((i) => i.label || '扣分情形').join('、');
    return finish(max, max, `${what}0${rule.items[0].unitWord}，不扣分，得满分${pts(max)}`);
  }
  let trace: string;
  if (hits.length === 1) {
    const { item, n } = hits[0];
    trace = `${item.label}${fmt(n)}${item.unitWord}，每${item.unitWord}扣${pts(item.deduction)}，共扣${pts(total)}`;
  } else {
    trace = `${hits.map(({ item, n }) => `${item.label}${fmt(n)}${item.unitWord}×${pts(item.deduction)}`).join('，')}，共扣${pts(total)}`;
  }
  return finish(max.minus(total), max, `${trace}，${afterDeduction(max, total)}`);
}

function scoreAdditive(rule: AdditiveRule, actual: ActualValue, max: Decimal): RuleScoreResult {
  const counted: { item: AdditiveRule['items'][number]; n: Decimal }[] = [];
  if (actual.kind === 'counts') {
    for (const c of actual.counts) {
      const item = matchItem(rule.items, c.label);
      if (!item) return fail(`“${c.label}”对应不到评分标准中的计分项（${rule.items.map((i) => i.label).join('、')}）`);
      if (counted.some((x) => x.item === item)) return fail(`“${c.label}”与另一项都对应到“${item.label}”，请按评分标准的计分项分别填写`);
      if (c.n.lt(0)) return fail(`“${c.label}”的数量${fmt(c.n)}为负数`);
      counted.push({ item, n: c.n });
    }
  } else if (actual.kind === 'quantity' || actual.kind === 'text') {
    const distinct = new Set(rule.items.map((i) => i.pointsEach.toString()));
    if (distinct.size > 1) return fail(`计分项有${rule.items.length}种，分值不同，请按类别分别填写数量（${rule.items.map((i) => i.label).join('、')}）`);
    const n = actual.kind === 'text' ? countFromText(actual.text) : actual.q.value;
    if (n === null || n.lt(0)) return fail('请填写数量');
    counted.push({ item: rule.items[0], n });
  } else return fail('累加计分需要按类别的数量');
  const total = sum(counted.map((c) => c.n.times(c.item.pointsEach)));
  const hits = counted.filter((c) => c.n.gt(0));
  if (hits.length === 0) return finish(ZERO, max, `${rule.items.map((i) => i.label).join('、')}均为0${rule.items[0].unitWord}，得0分`);
  let trace = `${hits.map(({ item, n }) => `${item.label}${fmt(n)}${item.unitWord}×${pts(item.pointsEach)}`).join('+')}=${pts(total)}`;
  if (total.gt(max)) trace += `，超过${pts(max)}按${pts(max)}计`;
  return finish(total, max, trace);
}

const NEGATION = /[未不没否无]/;
/** Words that make an answer partial or late, which an option without them cannot describe. */
const PARTIAL = /延迟|逾期|超期|滞后|部分|之一|整改|二次|但|基本|较|大部|尚|略|一般/;

/** "均/都/全部…" against "之一/部分…": an answer about every party opposes an option about one of them. */
const ALL_OF = /[均都皆]|全部|全都|各/;
const ONE_OF = /之一|其一|部分|个别|有的/;

/**
 * An answer matched by an option's words that also names what another option adds to set itself
 * apart ("政府资金及时到位" against "及时到位，得10分；政府和配套资金其中之一及时到位，得5分": 政府 is
 * what the 5-point option speaks of). Returns the words and that option, or null.
 */
function blurredBy(rule: CategoricalRule, best: CategoricalRule['options'][number], t: string): { words: string; option: string } | null {
  const kept = best.keywords.map((k) => normRuleText(k)).filter((k) => t.includes(k));
  if (kept.length === 0) return null;
  let rest = t;
  for (const k of kept) rest = rest.replace(k, '\u0000');
  const restWords = new Set<string>();
  for (let i = 0; i + 2 <= rest.length; i++) if (/^[\u4e00-\u9fff]{2}$/.test(rest.slice(i, i + 2))) restWords.add(rest.slice(i, i + 2));
  if (restWords.size === 0) return null;
  for (const o of rule.options) {
    if (o === best) continue;
    for (const kw of o.keywords) {
      const k = normRuleText(kw);
      // What the other option says beyond the chosen option's words.
      let extra = k;
      for (const b of kept) extra = extra.replace(b, '\u0000');
      if (extra === k) continue;
      if (ONE_OF.test(extra) && ALL_OF.test(rest)) continue;
      for (const w of restWords) if (extra.includes(w)) return { words: w, option: o.label };
    }
  }
  return null;
}

function scoreCategorical(rule: CategoricalRule, actual: ActualValue, max: Decimal): RuleScoreResult {
  if (actual.kind !== 'text') return fail('请填写实际情况（文字），以对应评分标准的选项');
  const t = normRuleText(actual.text);
  let best: CategoricalRule['options'][number] | null = null;
  let bestLen = 0;
  for (const o of rule.options) {
    for (const kw of o.keywords) {
      const k = normRuleText(kw);
      const at = t.indexOf(k);
      if (at < 0) continue;
      // "未通过验收" must not select "通过验收".
      if (!NEGATION.test(k) && NEGATION.test(t[at - 1] ?? '')) continue;
      // "政府资金及时到位，配套资金延迟2个月" is not "及时到位": words of failure elsewhere in the answer.
      if (!NEGATION.test(k) && !PARTIAL.test(k) && (PARTIAL.test(t) || NEGATION.test(t.slice(0, at) + t.slice(at + k.length)))) continue;
      if (k.length > bestLen) {
        best = o;
        bestLen = k.length;
      }
    }
  }
  if (!best) {
    let score = 0;
    for (const o of rule.options) {
      for (const kw of o.keywords) {
        if (NEGATION.test(kw) !== NEGATION.test(t) || PARTIAL.test(kw) !== PARTIAL.test(t)) continue;
        const s = similarity(kw, t);
        if (s > score) {
          score = s;
          best = o;
        }
      }
    }
    if (score < 0.6) best = null;
  }
  // "否则": an answer naming none of the options and saying what is missing ("有会议记录，无领导签批").
  const otherwise = rule.options.find((o) => o.keywords.length === 0);
  const namesAny = rule.options.some((o) => o.keywords.some((k) => t.includes(normRuleText(k))));
  // Only against a condition stated positively: "未发现违规" answered "未发现违规行为" negates nothing.
  const positive = rule.options.every((o) => o.keywords.every((k) => !NEGATION.test(k)));
  if (!best && otherwise && positive && !namesAny && NEGATION.test(t)) best = otherwise;
  if (!best) return fail(`实际情况“${actual.text}”对应不到评分标准的选项（${rule.options.map((o) => o.label).join('；')}）`);
  const blur = best && bestLen > 0 ? blurredBy(rule, best, t) : null;
  if (blur) {
    return fail(`实际情况“${actual.text}”中的“${blur.words}”是选项“${blur.option}”用来区分的内容，对应“${best!.label}”还是“${blur.option}”无法确定`);
  }
  const points = best.points ?? max.times(best.fraction ?? ZERO);
  let got: string;
  if (best.points) got = `得${pts(points)}`;
  else if (best.fraction!.eq(1)) got = `得满分${pts(max)}`;
  else if (best.fraction!.isZero()) got = '不得分';
  else if (best.fraction!.eq('0.5')) got = `得一半分${pts(round2(points))}`;
  else got = `得${pts(round2(points))}`;
  const label = rule.subject ? `${rule.subject}：` : '';
  return finish(points, max, `${label}${actual.text.trim()}，对应“${best.label}”，${got}`);
}

function scoreGrade(rule: GradeRule, actual: ActualValue, max: Decimal): RuleScoreResult {
  if (actual.kind !== 'text') return fail('请填写评价等级（如“优”“良”）');
  const g = gradeIn(rule, normRuleText(actual.text));
  if (!g) return fail(`“${actual.text}”不是评分标准中的等级（${rule.grades.map((x) => x.label).join('、')}）`);
  let trace = `评价等级为“${g.label}”，得${pts(g.points)}`;
  if (g.points.gt(max)) trace += `，超过${pts(max)}按${pts(max)}计`;
  return finish(g.points, max, trace);
}

export function scoreRule(rule: Rule, actual: ActualValue | null, max: Decimal): RuleScoreResult {
  try {
    if (!max || !max.isFinite() || max.lt(0)) return fail('指标分值无效');
    if (rule.kind === 'checklist') {
      const total = sum(rule.items.map((i) => i.points));
      return fail(`评分标准为逐项判断（共${rule.items.length}项，合计${pts(total)}），需评价人打分`);
    }
    if (rule.kind === 'judgement') return fail(`需评价人判断：${rule.reason}`);
    if (!actual) return fail('缺少实际值');
    switch (rule.kind) {
      case 'proportional':
        return scoreProportional(rule, actual, max);
      case 'step':
        return scoreStep(rule, actual, max);
      case 'bonus':
        return scoreBonus(rule, actual, max);
      case 'bands':
        return scoreBands(rule, actual, max);
      case 'perMonth':
        return scorePerMonth(rule, actual, max);
      case 'perOccurrence':
        return scorePerOccurrence(rule, actual, max);
      case 'additive':
        return scoreAdditive(rule, actual, max);
      case 'categorical':
        return scoreCategorical(rule, actual, max);
      case 'grade':
        return scoreGrade(rule, actual, max);
    }
  } catch (e) {
    return fail(`无法计算（${e instanceof Error ? e.message : String(e)}）`);
  }
}
