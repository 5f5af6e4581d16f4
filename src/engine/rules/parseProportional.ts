/**
 * score = actual ÷ target × points: "得分=2021年热线实际接通率÷热线接通率目标值×7",
 * "得分=(实际到位资金/预算资金)×100%×4分", "指标得分=热线整合完成率*2，最高不超过2分",
 * "得分=公众知晓率/96%*10分(超过10分按10分计)", "该指标得分=2×资金到位率".
 */
import { Decimal, dec } from '../decimal';
import { quantity, type Quantity } from '../quantity';
import type { ProportionalRule } from './types';
import { NUM, UNIT, readQuantity } from './lexicon';
import { cleanSubject, subjectBefore } from './subject';
import type { ParseEnv } from './env';

const FORMULA_RE = /得分(?:值)?(?:=|为)([^。；]+)/g;
/** "(20分×执行率)", "执行率×10分": points times a named rate, no "得分=". */
const PRODUCT_RE = new RegExp(`[(]?(${NUM})分[×*xX]([^，；。()=×*]{1,20}?率)[)]?|([^，；。()=×*]{1,20}?率)[×*xX](${NUM})分`);
/** "低于90%不得分", "90%以下不得分", "未达到90%的不得分": a cut-off under which nothing is scored. */
const CUTOFF_RE = new RegExp(
  `(?:低于|小于|不足|未达到|未达|<)(${NUM})(%|个百分点)?(?:的)?[，]?(?:该指标|本指标|则)?(?:不得分|不计分|得0分|为0分)|(${NUM})(%)?(以下|及以下)(?:的)?[，]?(?:不得分|不计分|得0分)`,
);
const CAP_RE = /超过[^，；。)]{0,8}?按[^，；。)]{0,8}?计|最高不超过|最多不超过|不超过满分|不得超过|封顶|最高为|最高得|以满分计|按满分计/;
const MUL = '[×*xX]';
const POINTS_WORD = /[×*xX](?:相应|该项指标|该项|该指标|本项|指标)?(?:分值|满分|权重|权数)/;

// Compiled once, not per formula (the global one is reset before use).
const TIMES_100_RE = new RegExp(`${MUL}100%`, 'g');
const LEAD_POINTS_RE = new RegExp(`^(${NUM})分?${MUL}`);
const TRAIL_POINTS_RE = new RegExp(`${MUL}(${NUM})分?(?!\\d|%)`, 'g');
const BARE_QUANTITY_RE = new RegExp(`^(${NUM})(${UNIT})?$`);

const HUNDRED_PCT = (): Quantity => quantity(dec(1), 'percent');

/** Measures where less is better: completing them "by ratio" means staying at or under the target. */
export const LOWER_IS_BETTER =
  /结转结余|结余率|变动率|调整率|投诉率|故障率|发生率|差错率|超支率|欠款|暂存|暂付|应付|应收|事故|违规|返工率|流失率|空置率|损耗|能耗|成本|PM10|PM2\.5|颗粒物|二氧化硫|二氧化氮|氮氧化物|化学需氧量|COD|氨氮|总磷|总氮|噪声|污染物排放/i;

function subjectOfFormula(text: string, formulaAt: number): string {
  // "2021年资金到位率得分=": the words before 得分 name the rate.
  const s = subjectBefore(text, formulaAt).replace(/(该指标|本指标|本项|指标)$/, '');
  return s.replace(/^(该|本)?指标$/, '');
}

export function parseProportional(env: ParseEnv): ProportionalRule | null {
  const { text } = env;
  let m: RegExpExecArray | null;
  let last: RegExpExecArray | null = null;
  FORMULA_RE.lastIndex = 0;
  while ((m = FORMULA_RE.exec(text))) last = m;
  const formula = last ? fromFormula(env, last) : null;
  if (formula) return withFullAt(env, withCutoff(env, formula));
  const product = PRODUCT_RE.exec(text);
  if (product) {
    const points = new Decimal((product[1] ?? product[4]).replace(/,/g, ''));
    const subject = cleanSubject(product[2] ?? product[3]) || env.ctx.name || '';
    return withCutoff(env, {
      kind: 'proportional',
      text: env.raw,
      subject,
      statedFull: points,
      target: HUNDRED_PCT(),
      points,
      capStated: CAP_RE.test(text),
    });
  }
  const byShare = /(?:按照?|根据)([^，；。]{0,24}?)(?:百分比|比例|比率)(?:计算)?(?:指标|该指标|本指标)?(?:得分|计分|计算得分)/.exec(text);
  if (byShare) {
    const ctxTarget = env.ctx.target ?? null;
    const named = cleanSubject(byShare[1]);
    const lowerIsBetter = LOWER_IS_BETTER.test(env.ctx.name ?? '') || LOWER_IS_BETTER.test(named);
    // A table target written "≤20%", or a measure such as 结转结余率: lower is better, target ÷ actual × points.
    const inverse = !!ctxTarget && (ctxTarget.comparator === '<=' || ctxTarget.comparator === '<' || lowerIsBetter);
    // "按完成比例" of a measure where less is better, with no target to complete: nothing to compute.
    if (lowerIsBetter && !ctxTarget) return null;
    const rule: ProportionalRule = {
      kind: 'proportional',
      text: env.raw,
      subject: named ? `${named}百分比` : env.ctx.name || '',
      statedFull: null,
      // With a target in the table, "按完成比例" completes that target; without one, 100%.
      target: ctxTarget ?? HUNDRED_PCT(),
      points: null,
      capStated: CAP_RE.test(text) || /满分为止/.test(text),
    };
    if (ctxTarget) rule.targetRef = '目标值';
    if (inverse) rule.inverse = true;
    return withFullAt(env, withCutoff(env, rule));
  }
  return null;
}

/** "达95%，得10分", "达到95%以上的得满分" before the formula. */
const FULL_AT_RE = new RegExp(`(?:达|达到|≥|不低于)(${NUM})%(?:及以上|以上)?(?:的)?[，,]?(?:得|计|记)(?:(满分)|(${NUM})分)`);

/** "…完好率100%，得10分", "达到100%的得满分": full marks at the whole of the target. */
const RESTATED_FULL_RE = new RegExp(`(?:^|[^\\d.])100%(?:的)?[，,]?(?:得|计|记)(?:满分|(${NUM})分)`);

/**
 * "造林成活率达95%，得10分，低于95%，得分=造林成活率×10分": at or above the line the full
 * points, below it the formula. Only when the line is below the formula's own full mark
 * (100% of the target) and the points are the formula's, and the text says what happens below.
 */
function withFullAt(env: ParseEnv, rule: ProportionalRule): ProportionalRule {
  // "…完好率100%，得10分；…≥90%按比例计算得分": the formula's own full mark, restated.
  const r = RESTATED_FULL_RE.exec(env.text);
  if (r && rule.target?.unit === 'percent' && rule.target.value.eq(1)) {
    const pts = r[1] ? new Decimal(r[1]) : null;
    const full = rule.points ?? env.ctx.max ?? null;
    if (!pts || (full && pts.eq(full))) rule.accounted = [...(rule.accounted ?? []), new Decimal(100), ...(pts ? [pts] : [])];
  }
  const f = FULL_AT_RE.exec(env.text);
  if (!f || !rule.target || rule.target.unit !== 'percent' || !rule.target.value.eq(1)) return rule;
  const line = readQuantity(f[1], '%');
  if (!line || !line.value.lt(1) || !line.value.gt(0)) return rule;
  const points = f[2] ? null : new Decimal(f[3]);
  if (points && !(rule.points ? points.eq(rule.points) : env.ctx.max && points.eq(env.ctx.max))) return rule;
  if (!new RegExp(`(?:低于|未达到|不足|小于)${f[1]}%`).test(env.text)) return rule;
  rule.fullAt = line;
  return rule;
}

/** "达到90%以上按比例得分，低于90%不得分": the cut-off, and the restated line it repeats. */
function withCutoff(env: ParseEnv, rule: ProportionalRule): ProportionalRule {
  const c = CUTOFF_RE.exec(env.text);
  if (!c) return rule;
  const q = readQuantity(c[1] ?? c[3], c[2] ?? c[4] ?? '');
  if (!q || q.unit !== 'percent') return rule;
  rule.zeroBelow = q;
  if (c[5] === '以下' || c[5] === '及以下') rule.zeroAtCutoff = true;
  return rule;
}

function fromFormula(env: ParseEnv, m: RegExpExecArray): ProportionalRule | null {
  const { text } = env;
  const formula = m[1];
  const capStated = CAP_RE.test(formula) || CAP_RE.test(text);
  let expr = formula.replace(/\([^)]*(?:超过|最高|封顶|不超过)[^)]*\)/g, '').split('，')[0];
  if (!/[×*xX÷/]/.test(expr)) return null;

  let ratioOf: ProportionalRule['ratioOf'];
  const ratio = /\(([^()]+?)[/÷]([^()]+?)\)/.exec(expr);
  if (ratio) {
    ratioOf = { numerator: ratio[1], denominator: ratio[2] };
    expr = expr.replace(ratio[0], '□');
  }
  expr = expr.replace(TIMES_100_RE, '');

  let points: Decimal | null = null;
  const lead = LEAD_POINTS_RE.exec(expr);
  if (lead) {
    points = new Decimal(lead[1].replace(/,/g, ''));
    expr = expr.slice(lead[0].length);
  }
  const trail = TRAIL_POINTS_RE;
  trail.lastIndex = 0;
  let t: RegExpExecArray | null;
  let lastTrail: RegExpExecArray | null = null;
  while ((t = trail.exec(expr))) lastTrail = t;
  if (lastTrail) {
    points = new Decimal(lastTrail[1].replace(/,/g, ''));
    expr = expr.slice(0, lastTrail.index) + expr.slice(lastTrail.index + lastTrail[0].length);
  } else if (POINTS_WORD.test(expr)) {
    expr = expr.replace(POINTS_WORD, '');
  }

  let target: Quantity | null = null;
  let targetRef: string | undefined;
  const div = /[÷/]([^×*xX÷/]+)/.exec(expr);
  let numerator = expr;
  if (div) {
    numerator = expr.slice(0, div.index);
    const divisor = div[1];
    const q = BARE_QUANTITY_RE.exec(divisor);
    if (q) target = readQuantity(q[1], q[2] ?? '');
    else {
      targetRef = cleanSubject(divisor) || divisor;
      target = env.contextTarget((x) => x.unit === 'percent', targetRef) ?? env.contextTarget((x) => x.unit !== 'time', targetRef);
    }
  } else target = HUNDRED_PCT();
  if (!target && !targetRef) return null;

  const named = cleanSubject(numerator.replace(/□/g, '').replace(/[()×*xX]/g, ''));
  const subject = named || subjectOfFormula(text, m.index) || env.ctx.name || '';
  const rule: ProportionalRule = {
    kind: 'proportional',
    text: env.raw,
    subject,
    statedFull: points,
    target,
    points,
    capStated,
  };
  if (targetRef) rule.targetRef = targetRef;
  if (ratioOf) rule.ratioOf = ratioOf;
  return rule;
}
