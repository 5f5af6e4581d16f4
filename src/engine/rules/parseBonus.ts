/**
 * Points at a reference line with a bonus per step above it: "达目标的计满分，不达目标不
 * 计分，每超目标两个百分点加1分", "以上年比重为基数，低于上年基数的不计分，达到的计满分，比上
 * 年增长一个百分点加2分", "达到历史最佳水平给6分；比历史最佳水平提高1%则在6分基础上加1分，10分
 * 为上限；每低于历史最佳水平1%则扣1分，扣完为止", "每超目标任务引进1个项目加2分，最高不超过6分".
 *
 * The line is the number the text states for it ("增长8%的目标") or the indicator's target
 * (目标值 column, an input named 上年/历史最佳水平/目标任务); without one there is no reading.
 * Every clause must be one of: the points at the line, the bonus step, what happens below the
 * line (不计分 / a deduction per step), a ceiling. Anything else is left to accounting.
 */
import { Decimal, fmt } from '../decimal';
import { type Quantity } from '../quantity';
import type { BonusRule, BonusStep } from './types';
import { NUM, UNIT, comparatorBefore, readQuantity, sameFamily, type Scanned } from './lexicon';
import { completeSubject } from './subject';
import { targetFromTexts, type ParseEnv } from './env';

/** One percentage point, as a fraction: the only step a rate bonus may write without 每. */
const ONE_POINT = new Decimal('0.01');

/** Words saying the value went past the line. */
const UP_VERBS = '超过|超出|高于|提高|增长|增加|多于|超|高|多';
/** Words saying the value fell short of the line. */
const DOWN_VERBS = '低于|少于|下降|降低|减少|低|少|降';

/**
 * "每超目标2个百分点加1分", "比上年增长1个百分点加2分", "比历史最佳水平提高1%则在6分基础上加1分",
 * "每超目标任务引进1个省外亿元项目(经省平台认定)加2分". Groups: 每, reference words after 比,
 * verb, words after the verb, step number, step unit, words after the step, "在N分基础上", points.
 */
const BONUS_STEP_RE = new RegExp(
  `(每)?(?:(?:比|较)([^，；。\\d]{1,12}?))?(${UP_VERBS})([^，；。\\d]{0,12}?)(${NUM})(${UNIT})?([^，；。\\d]{0,20}?)(?:的)?(?:则|即)?(?:在(${NUM})分(?:的)?基础上)?(?:再)?(?:加|加计|奖励|增加)(${NUM})分`,
  'g',
);

/** "每低于历史最佳水平1%则扣1分", "每比目标低1个百分点扣0.5分". */
const DEDUCT_STEP_RE = new RegExp(
  `每(?:(?:比|较)([^，；。\\d]{1,12}?))?(${DOWN_VERBS})([^，；。\\d]{0,12}?)(${NUM})(${UNIT})?([^，；。\\d]{0,12}?)(?:的)?(?:则)?扣(?:减|除)?(${NUM})分`,
  'g',
);

/** "达目标的计满分", "达到的计满分", "达到历史最佳水平给6分", "完成目标任务得满分", "与上年持平得满分". */
const BASE_RE = new RegExp(`(?<![不未没])(达到|达|实现|完成|持平)([^，；。]{0,20}?)(?:的)?[，]?(?:可)?(?:计|得|给|记)(?:满分|(${NUM})分)`, 'g');

/** "不达目标不计分", "低于上年基数的不计分", "未达到目标的不得分". */
const ZERO_BELOW_RE = new RegExp(
  `(?:不达|未达到|未达|未完成|没有达到|达不到|低于|少于)([^，；。]{0,16}?)(?:的)?[，]?(?:该项|本项|该指标|本指标)?(?:不计分|不得分|得0分|计0分|为0分)`,
  'g',
);

/** "最高不超过满分", "加分后不超过该指标分值", "以满分为限", "超过满分的按满分计": the indicator's max as the ceiling. */
const FULL_CAP_RE =
  /(?:最高|最多|加分后|得分)?(?:不超过|不得超过|不高于)(?:该指标|本指标|该项|本项)?(?:的)?(?:满分|分值|总分)|以(?:该指标|本指标)?满分为限|满分为上限|最高(?:得|为)?满分|超过满分(?:的)?(?:按满分计|计满分)/g;
/** Words of a ceiling, each of which must have been read as one. */
const CEILING_WORDS = /上限|不超过|不得超过|不高于|最高|最多|为限|封顶|按满分计/g;

/** "不足2个百分点的按比例计算", "不足1个的不加分": a partial step, named by its size. */
const PARTIAL_RE = new RegExp(`不足(${NUM})(${UNIT})?[^，；。]{0,12}`, 'g');

/** "10分为上限", "最高不超过6分", "最高得10分", "上限为10分", "以10分为限". */
const CAP_RE = new RegExp(
  `(${NUM})分为上限|上限(?:为)?(${NUM})分|最高(?:不超过|不得超过|可得|得|为)?(${NUM})分|以(${NUM})分为限|(?<!扣分)(?<!最多)不(?:得)?超过(${NUM})分`,
  'g',
);
/** "最多加5分", "加分不超过5分", "加分上限为5分", "加满5分为止": a ceiling on the bonus itself. */
const BONUS_CAP_RE = new RegExp(`(?:最多|最高)加(${NUM})分|加分(?:最多|最高)?(?:不超过|不得超过|上限为?|为)?(${NUM})分|加满(${NUM})分(?:为止)?`, 'g');

/** Names of the line, longest first. */
const REFERENCE_NAMES = /历史最佳水平|历史最好水平|历史最高水平|上年基数|上年同期|上年|去年|目标任务|目标值|目标|计划|基数|标准值|标准/;

/** How partial steps of a bonus count, when the text says: "不足2个百分点的按比例计算", "不足…不加分". */
function bonusRounding(text: string): { rounding: BonusStep['rounding']; stated: boolean } {
  const partial = /不足[^，；。]{0,16}/.exec(text)?.[0] ?? '';
  if (/按比例|折算/.test(partial)) return { rounding: 'exact', stated: true };
  if (/不加|不计|不予/.test(partial)) return { rounding: 'down', stated: true };
  if (/(?:按|以)[^，；。]{0,12}?(?:计算|计|算)/.test(partial)) return { rounding: 'up', stated: true };
  // Convention: a bonus is earned for each whole step reached (满一步才加).
  return { rounding: 'down', stated: false };
}

/** How partial steps of a deduction count: the step rules' convention (不足一步按一步扣). */
function deductRounding(text: string): { rounding: BonusStep['rounding']; stated: boolean } {
  if (/不足[^，；。]{0,12}?(?:不扣|不计|不予扣)|满[^，；。]{0,10}?(?:才|方)扣/.test(text)) return { rounding: 'down', stated: true };
  if (/按(?:实际)?比例(?:折算)?扣/.test(text)) return { rounding: 'exact', stated: true };
  return { rounding: 'up', stated: false };
}

function num(s: string): Decimal {
  return new Decimal(s.replace(/,/g, ''));
}

/** The step in the reference's space, or null when the two cannot be compared. */
function stepIn(stepQ: Quantity, ref: Quantity): { step: Decimal; mode: 'absolute' | 'relative'; text: string } | null {
  if (stepQ.value.lte(0)) return null;
  if (stepQ.unit === 'percent') {
    // Against a rate, "1%" and "1个百分点" are both one percentage point (the step rules' reading).
    if (ref.unit === 'percent') return { step: stepQ.value, mode: 'absolute', text: `${fmt(stepQ.value.times(100), 4)}个百分点` };
    if (ref.unit === 'count' || ref.unit === 'money') return { step: stepQ.value, mode: 'relative', text: `${fmt(stepQ.value.times(100), 4)}%` };
    return null;
  }
  if (stepQ.unit === 'count' && (ref.unit === 'count' || ref.unit === 'none')) {
    if (ref.unitText && stepQ.unitText && ref.unitText !== stepQ.unitText) return null;
    return { step: stepQ.value, mode: 'absolute', text: `${fmt(stepQ.value)}${stepQ.unitText}` };
  }
  if (stepQ.unit === 'money' && ref.unit === 'money') return { step: stepQ.value, mode: 'absolute', text: fmtMoney(stepQ) };
  return null;
}

function fmtMoney(x: Quantity): string {
  const word = x.scale === 1e4 ? '万' : x.scale === 1e8 ? '亿' : '';
  return `${fmt(x.value.div(x.scale), 4)}${word}${x.unitText}`;
}

/** Does a quantity of the text belong to the reference's family for this step? */
function refFamily(stepQ: Quantity, q: Quantity): boolean {
  if (stepQ.unit === 'percent') return q.unit === 'percent';
  return sameFamily(q.unit, stepQ.unit) && q.unit !== 'none';
}

interface Span {
  start: number;
  end: number;
}

const inside = (s: Scanned, spans: Span[]) => spans.some((x) => s.start >= x.start && s.start < x.end);

export function parseBonus(env: ParseEnv): BonusRule | null {
  const { text } = env;
  BONUS_STEP_RE.lastIndex = 0;
  const ups = [...text.matchAll(BONUS_STEP_RE)];
  if (ups.length !== 1) return null;
  const up = ups[0];
  const [, every, refBefore, , refAfter, stepNum, stepUnit, , baseAgain, pointsText] = up;
  const stepQ = readQuantity(stepNum, stepUnit ?? '');
  if (!stepQ) return null;
  const notes: string[] = [];
  // "比上年增长1个百分点加2分" has no 每: read per step only for a step of one unit.
  if (!every) {
    if (!stepQ.value.eq(stepQ.unit === 'percent' ? ONE_POINT : 1)) return null;
    notes.push(`“${up[0]}”未写“每”，按每${up[3]}${stepNum}${stepUnit ?? ''}加${pointsText}分计`);
  }
  const used: Span[] = [{ start: up.index!, end: up.index! + up[0].length }];

  // The points at the line.
  BASE_RE.lastIndex = 0;
  const bases = [...text.matchAll(BASE_RE)].filter((m) => !inside({ start: m.index!, end: m.index! } as Scanned, used));
  if (bases.length > 1) return null;
  let base: Decimal | null = null;
  let hasBase = false;
  if (bases.length === 1) {
    hasBase = true;
    const b = bases[0];
    base = b[3] ? num(b[3]) : null;
    // The points written into the condition ("达到95%的"): a reference stated there, not used up here.
    const pointsAt = b.index! + b[0].lastIndexOf(b[3] ? `${b[3]}分` : '满分');
    used.push({ start: pointsAt, end: b.index! + b[0].length });
  }
  if (baseAgain) {
    // "在6分基础上加1分": the base restated; another number is another base.
    if (!base || !num(baseAgain).eq(base)) return null;
  }

  // Below the line.
  DEDUCT_STEP_RE.lastIndex = 0;
  const downs = [...text.matchAll(DEDUCT_STEP_RE)];
  ZERO_BELOW_RE.lastIndex = 0;
  const zeros = [...text.matchAll(ZERO_BELOW_RE)];
  if (downs.length > 1 || (downs.length === 1 && zeros.length > 0) || zeros.length > 1) return null;

  // Ceilings.
  CAP_RE.lastIndex = 0;
  BONUS_CAP_RE.lastIndex = 0;
  const bonusCaps = [...text.matchAll(BONUS_CAP_RE)];
  // "加分上限为5分" caps the bonus, not the score.
  const overlapsBonusCap = (m: RegExpMatchArray) => bonusCaps.some((b) => m.index! < b.index! + b[0].length && b.index! < m.index! + m[0].length);
  const caps = [...text.matchAll(CAP_RE)].filter((m) => !overlapsBonusCap(m));
  FULL_CAP_RE.lastIndex = 0;
  const fullCaps = [...text.matchAll(FULL_CAP_RE)];
  if (caps.length + fullCaps.length > 1 || bonusCaps.length > 1) return null;
  // "最高不超过满分": the indicator's max, which must be known.
  if (fullCaps.length && !env.ctx.max) return null;
  const cap = caps.length ? num(caps[0].slice(1).find((g) => g !== undefined)!) : fullCaps.length ? env.ctx.max! : null;
  // A ceiling in words not read above would be read as none: an uncapped bonus. Leave it to the evaluator.
  const capSpans = [...caps, ...fullCaps, ...bonusCaps].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
  CEILING_WORDS.lastIndex = 0;
  for (const w of text.matchAll(CEILING_WORDS)) if (!capSpans.some((c) => w.index! >= c.start && w.index! < c.end)) return null;
  for (const m of fullCaps) used.push({ start: m.index!, end: m.index! + m[0].length });
  const bonusCap = bonusCaps.length ? num(bonusCaps[0].slice(1).find((g) => g !== undefined)!) : undefined;
  for (const m of [...caps, ...bonusCaps, ...downs]) used.push({ start: m.index!, end: m.index! + m[0].length });
  // "不足2个百分点的按比例计算": how partial steps count, about a step of the text.
  PARTIAL_RE.lastIndex = 0;
  for (const m of text.matchAll(PARTIAL_RE)) {
    const pq = readQuantity(m[1], m[2] ?? '');
    const steps = [up, ...downs].map((x) => (x === up ? stepQ : readQuantity(x[4], x[5] ?? '')));
    if (!pq || !steps.some((st) => st && st.unit === pq.unit && st.value.eq(pq.value))) return null;
    used.push({ start: m.index!, end: m.index! + m[0].length });
  }

  // The reference: one number of the text in the step's family outside the clauses read, else the target.
  const free = env.quantities().filter((c) => !inside(c, used) && refFamily(stepQ, c.q));
  const zeroSpans: Span[] = zeros.map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
  const outside = free.filter((c) => !inside(c, zeroSpans));
  if (outside.length > 1) return null;
  let reference: Quantity | null = outside[0]?.q ?? null;
  // The indicator's other texts ("目标值为95%") or its target; the rule text's own numbers were read above.
  if (!reference) reference = targetFromTexts(env.ctx.context ?? [], (q) => refFamily(stepQ, q));
  if (!reference && env.ctx.target && refFamily(stepQ, env.ctx.target)) reference = env.ctx.target;
  // With no line anywhere, only a bonus item counted in units reads: the count typed is the count past the line.
  if (!reference && !(stepQ.unit === 'count' && bases.length === 0 && downs.length === 0 && zeros.length === 0)) return null;
  // A line written in the 不计分 clause must be this line ("低于8%的不计分" beside "每超8%…").
  for (const c of free.filter((x) => inside(x, zeroSpans))) if (!reference || !c.q.value.eq(reference.value) || c.q.unit !== reference.unit) return null;

  const upStep = stepIn(stepQ, reference ?? { ...stepQ, value: new Decimal(0) });
  if (!upStep) return null;
  const upRound = bonusRounding(text);
  const above: BonusStep = {
    step: upStep.step,
    stepMode: upStep.mode,
    stepText: upStep.text,
    points: num(pointsText),
    rounding: upRound.rounding,
    roundingStated: upRound.stated,
  };
  if (above.points.lte(0)) return null;
  // "提高1%" against a rate: one percentage point, as the step rules read it.
  const pointNote = (unit: string | undefined, n: string) => {
    if (unit === '%' && reference?.unit === 'percent') notes.push(`“${n}%”按${n}个百分点计`);
  };
  pointNote(stepUnit, stepNum);

  let below: BonusRule['below'];
  if (downs.length === 1) {
    const d = downs[0];
    const dq = readQuantity(d[4], d[5] ?? '');
    const dStep = dq && reference ? stepIn(dq, reference) : null;
    if (!dStep) return null;
    const r = deductRounding(text);
    if (d[4] !== stepNum || d[5] !== stepUnit) pointNote(d[5], d[4]);
    below = { kind: 'step', step: dStep.step, stepMode: dStep.mode, stepText: dStep.text, points: num(d[7]), rounding: r.rounding, roundingStated: r.stated };
    if (below.points.lte(0)) return null;
  } else if (zeros.length === 1) below = { kind: 'zero' };
  else {
    // A bonus item with nothing at the line: nothing is earned below it either.
    if (hasBase) return null;
    below = { kind: 'none' };
    base = new Decimal(0);
  }
  // "不低于95%，每低1%扣1分，每高1%加0.5分": at a floor line with deductions below it, full marks (the step rules' reading).
  if (!hasBase && below.kind === 'step' && outside.length === 1 && comparatorBefore(text, outside[0].start) === 'lowerInc') {
    hasBase = true;
    notes.push(`达到${outside[0].raw}时的得分未写明，按满分计`);
  }
  if (!hasBase && below.kind !== 'none') return null;

  // The fullest name the text gives the line ("上年基数" over "上年").
  const names = [refBefore, refAfter, ...bases.map((b) => b[2]), ...zeros.map((z) => z[1])].map((w) => REFERENCE_NAMES.exec(w ?? '')?.[0] ?? '');
  const named = names.reduce((a, b) => (b.length > a.length ? b : a), '');
  const rule: BonusRule = {
    kind: 'bonus',
    text: env.raw,
    subject: completeSubject('', env.ctx.name),
    statedFull: null,
    reference,
    referenceName: named,
    base,
    above,
    below,
    cap,
  };
  if (bonusCap) rule.bonusCap = bonusCap;
  if (base && cap && cap.lt(base)) return null;
  if (notes.length) rule.notes = notes;
  return rule;
}
