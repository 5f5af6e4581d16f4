/**
 * A rule over several facts, scored part by part from several named inputs.
 *
 * Real tables put several facts into one indicator: "未制定“一河一策”的，少1条扣1分，
 * 最高扣4分；未制定年度计划的，每少1条扣1分，最高扣4分", "有环卫管理机构和清扫保洁
 * 队伍，得10分；镇区主街道实行14小时以上保洁，得10分", "工程未达到进度要求的扣2分；
 * 质量有缺陷的每处扣1分". The evaluator types one input per fact ("少制定年度计划：
 * 1条", "工程进度：未达到进度要求"). Each clause of the text is bound to the input it
 * speaks of, the clauses of one input form a part, each part is scored on its own
 * (with the same parser as a whole rule, or as a met/unmet condition for a yes/no
 * input), and the parts combine as the text says: shares of the max that add up to
 * it, or deductions from the max. Besides a part read as a rule of its own:
 *  - one line per listed kind ("3-10亿元、10-20亿元…项目个数分别不少于7个、4个…，每少1个扣0.1分");
 *  - a task's share in proportion to its completion rate ("完成…任务的得13分，没有完成任务按比例得分");
 *  - one input as a share of another ("投入达到中央和省级投入的10%以上，得2分");
 *  - an amount there or not ("安排了…投入，得4分");
 *  - a deduction without its amount ("…每户扣分"), which only none found ("无") answers;
 *  - "得满分" among deductions, met (nothing taken off) or not (pending);
 *  - a line written in the indicator's other texts (`context`: "全年不少于10次").
 * A text whose rows are each one outcome for the whole on several inputs ("完成招商工作任务
 * 80%以上且完成实际投入资金当年任务的20%以上(75分)") is read by conditions.ts.
 *
 * Pending beats wrong: a clause with an outcome that binds to no input, an input no
 * clause speaks of, a part the parser cannot read, shares that do not add up to the
 * max, or a yes/no answer that is neither: nothing is computed, and the reason says
 * which.
 */
import { Decimal, ZERO, dec, fmt, round2, sum } from '../decimal';
import { fmtQuantity, parseQuantity, quantity } from '../quantity';
import { readTypedActual } from '../typedActual';
import { actualFromCell } from '../data/bind';
import { parseRule, scoreRule } from '../rules';
import { pts } from '../rules/format';
import type { ActualValue, RuleScoreResult } from '../rules/types';
import { bigrams, normText, simplified, toHalfWidth } from '../text';
import { FILLER, OUTCOME_AT, clauses, hasOutcome, negativeCondition, readClause, type Clause } from './clauses';
import { scoreConditions } from './conditions';
import { BIND_MIN, answerOf, bindClause, conditionHolds, containment, nameCore, type NamedInput } from './binding';

export type { NamedInput } from './binding';

type Fail = { ok: false; reason: string };
const fail = (reason: string): Fail => ({ ok: false, reason });

/**
 * "每张扣0.2分", "每少1次", "每月未报送扣1分": counted per unit; not "每月对库存现金进行对账盘点，…，
 * 账实不符扣1分" (how often something is done, the deduction in another phrase).
 */
const PER_UNIT = /每(?!月|年|季|周|天|日|半年)|每(?:月|年|季|周|天|日|半年)[^，,；;。]*扣/;

interface Part {
  input: NamedInput;
  clauses: PartClause[];
}

type PartScore = { ok: true; score: Decimal; max: Decimal; trace: string; veto: boolean } | Fail;

/** A part answered yes/no: each clause's outcome applies when its condition says what the answer says. */
function scoreYesNo(part: Part, max: Decimal): PartScore {
  let score = max;
  let veto = false;
  const hits: string[] = [];
  const awards = part.clauses.filter((c) => c.award);
  if (awards.length > 1) return fail(`“${part.input.name}”有多个得分条款，是/否无法对应`);
  for (const c of part.clauses) {
    const applies = conditionHolds(simplified(c.text).split(OUTCOME_AT)[0], part.input.text);
    if (applies === null) return fail(`“${part.input.name}：${part.input.text}”无法判断是否属于“${c.text}”`);
    if (c.award) {
      // "有环卫管理机构…，得10分": earned when the condition holds.
      if (!applies) {
        score = ZERO;
        hits.push(`不满足“${c.text}”`);
      } else hits.push(`满足“${c.text}”`);
      continue;
    }
    if (!applies) continue;
    if (c.veto) {
      veto = true;
      hits.push(`“${c.text}”`);
      continue;
    }
    if (c.zero) {
      score = ZERO;
      hits.push(`“${c.text}”`);
      continue;
    }
    if (c.deducts) {
      if (PER_UNIT.test(simplified(c.text))) return fail(`“${c.text}”按次数扣分，“${part.input.name}”须填写次数`);
      const m = /扣(?:减|除)?(\d+(?:\.\d+)?)分/.exec(c.text);
      if (!m) return fail(`“${c.text}”没有写明扣几分`);
      score = score.minus(dec(m[1]));
      hits.push(`“${c.text}”扣${m[1]}分`);
    }
  }
  if (score.lt(0)) score = ZERO;
  const said = `${part.input.name}：${part.input.text}`;
  return { ok: true, score, max, veto, trace: `${said}，${hits.length ? hits.join('，') : '无扣分'}，得${pts(score)}` };
}

/**
 * "镇区主街道实行14小时以上保洁，得10分", "…占年度总投资的30%以上、20%以上和10%以上，
 * 分别得6分、4分和2分", "建成1座生态公厕，得10分；每增加一座加5分": lines reached or
 * not, for a number typed by the evaluator, and a bonus per unit past the line (on top
 * of the part's share; the indicator's max caps the total).
 */
function scoreThresholdAward(part: Part, value: ActualValue, max: Decimal): PartScore | null {
  if (value.kind !== 'quantity') return null;
  const [head, ...rest] = part.clauses;
  const bonuses = rest.filter((c) => c.bonus);
  if (!head.award || negativeCondition(head.text) || bonuses.length > 1 || rest.some((c) => !(c.zero || c.bonus) || c.veto || c.award)) return null;
  const cond = simplified(head.text).split(OUTCOME_AT)[0];
  let edges = [...cond.matchAll(/(\d+(?:\.\d+)?)(%|[\u4e00-\u9fff]{1,2}?)(?:及|含)?以上/g)].map((m) => ({ num: m[1], unit: m[2] }));
  // "建成1座生态公厕": one count, reached or not.
  const single = /(?:建成|建有|完成|有|达到)(\d+(?:\.\d+)?)([\u4e00-\u9fff])/.exec(cond);
  if (edges.length === 0 && single && [...cond.matchAll(/\d+(?:\.\d+)?/g)].length === 1) edges = [{ num: single[1], unit: single[2] }];
  const points = /分别得/.test(head.text) ? [...head.text.matchAll(/(\d+(?:\.\d+)?)分/g)].map((m) => dec(m[1])) : [head.award];
  if (edges.length === 0 || edges.length !== points.length) return null;
  const v = value.q;
  const thresholds = edges.map((e) => (e.unit === '%' ? dec(e.num).div(100) : dec(e.num)));
  const unitOk = edges.every((e) => (e.unit === '%' ? v.unit === 'percent' : v.unit !== 'percent' && (!v.unitText || v.unitText === e.unit)));
  if (!unitOk) return null;
  // Every other number of the clause must be one of the thresholds or points.
  const numbers = [...head.text.matchAll(/\d+(?:\.\d+)?/g)].length;
  if (numbers !== edges.length + points.length) return null;
  let bonus: { step: Decimal; points: Decimal; text: string } | null = null;
  if (bonuses.length === 1) {
    const b = /每(?:增加|多|超过|超出)(\d+(?:\.\d+)?)?[\u4e00-\u9fff]{0,2}?加(\d+(?:\.\d+)?)分/.exec(simplified(toHalfWidth(bonuses[0].text)));
    if (!b || edges.length !== 1) return null;
    bonus = { step: dec(b[1] ?? 1), points: dec(b[2]), text: bonuses[0].text };
  }
  const said = `${part.input.name}：${part.input.text}`;
  for (let i = 0; i < thresholds.length; i++) {
    if (!v.value.gte(thresholds[i])) continue;
    const line = `${edges[i].num}${edges[i].unit}`;
    if (!bonus)
      return {
        ok: true,
        score: points[i],
        max,
        veto: false,
        trace: `${said}，达到${line}${edges.length > 1 || /以上/.test(cond) ? '以上' : ''}，得${pts(points[i])}`,
      };
    const steps = v.value.minus(thresholds[i]).div(bonus.step).floor();
    if (steps.isZero()) return { ok: true, score: points[i], max, veto: false, trace: `${said}，达到${line}，得${pts(points[i])}` };
    // The bonus is on top of the share; the indicator's max caps the total.
    const total = points[i].plus(steps.times(bonus.points));
    return {
      ok: true,
      score: total,
      max,
      veto: false,
      trace: `${said}，达到${line}得${pts(points[i])}，${bonus.text}：多${fmt(steps.times(bonus.step))}${edges[i].unit}加${fmt(steps.times(bonus.points))}分，得${pts(total)}`,
    };
  }
  const last = edges[edges.length - 1];
  return { ok: true, score: ZERO, max, veto: false, trace: `${said}，未达到${last.num}${last.unit}，不得分` };
}

/** "低于年度任务", "未完成计划": short of the whole of what the input is a share of. */
const WHOLE_TASK = /(?:低于|未完成|未达到|少于|不足)((?:年度|全年)?(?:任[务務]|计划|目标))/;

/** "一次", "一项", "1个子项" opening a deduction ("…，一次扣0.5分", "1个子项不符扣0.5分"; after a comma, 的 or a bracket). */
const PER_ONE = /(^|[，,的(（])(?:一|1)个?(子项|项|次|处|个|起|张|笔|条|件|种|册|台|户)(?=[^，,；;。]{0,10}?扣)/g;

/**
 * A count against clauses that each say what follows when something happens ("发生通报，
 * 不得分", "发生安全事故的扣2分"): the count says whether it happened. Null when a clause
 * counts per unit, is not about an event, or the input is no count.
 */
function eventCount(part: Part, max: Decimal): PartScore | null {
  if (part.clauses.some((c) => c.award || c.bonus || negativeCondition(c.text) || !/发生|出现|存在|被/.test(simplified(c.text)))) return null;
  const typed = readTypedActual(part.input.text, '次');
  if (!typed.ok || (typed.value.q.unit !== 'count' && typed.value.q.unit !== 'none') || typed.value.q.value.isNeg()) return null;
  return scoreYesNo({ ...part, input: { ...part.input, text: typed.value.q.value.gt(0) ? '是' : '否' } }, max);
}

/** "每少1次", "每缺一项": a deduction per unit short of a line. */
const SHORT_BY = /每(?:少|缺|差|欠)/;
/** An input that counts what is short ("少制定年度计划", "缺少台账数") rather than what was done. */
const SHORT_NAME = /少|缺|未|差|欠|不足|没有/;

/** A part on a number: the part's text read as a rule of its own, with the part's max. */
function scoreNumeric(part: Part, max: Decimal, context?: string[]): PartScore {
  // "电话无人接听的，一次扣0.5分", "一项未做到扣1分": against a typed count, one … is each ….
  const text = part.clauses.map((c) => c.text.replace(PER_ONE, '$1每1$2')).join('；');
  let rule = parseRule(text, { name: part.input.name, max, context });
  const cell = { row: 1, col: 1, value: part.input.text, numberFormat: null, formula: null };
  let bound = actualFromCell(cell, rule, part.input.name);
  // "建成面积低于年度任务的，每减少1%，扣1分" on "建成面积占年度任务比例：96%": the task is 100%.
  if (rule.kind === 'judgement' && bound && !('error' in bound) && bound.actual.kind === 'quantity' && bound.actual.q.unit === 'percent') {
    const whole = WHOLE_TASK.exec(simplified(text));
    if (whole && simplified(part.input.name).includes(whole[1])) {
      const again = parseRule(text, { name: part.input.name, max, context, target: quantity(dec(1), 'percent') });
      if (again.kind === 'step') {
        rule = again;
        bound = actualFromCell(cell, rule, part.input.name);
      }
    }
  }
  if (!bound) return fail(`“${part.input.name}”没有填写`);
  if ('error' in bound) return fail(`“${part.input.name}”${bound.error.message}`);
  // "每少1次扣0.5分" counts what is short; "按规定上报排查表次数" is what was done: the line it falls short of is not written.
  if (rule.kind === 'perOccurrence' && SHORT_BY.test(simplified(text)) && !SHORT_NAME.test(simplified(part.input.name))) {
    return fail(`“${text}”按少了几次扣分，“${part.input.name}”是实际次数，应达到多少评分标准没有写明`);
  }
  if (rule.kind === 'checklist' || rule.kind === 'judgement') {
    const t = scoreThresholdAward(part, bound.actual, max) ?? scoreAmountThere(part, bound.actual, max);
    if (t) return t;
    return fail(`“${text}”${rule.kind === 'judgement' ? `：${rule.reason}` : '需评价人判断'}`);
  }
  const r = scoreRule(rule, bound.actual, max);
  if (!r.ok) return fail(`“${text}”：${r.reason}`);
  const trace = r.trace.startsWith(part.input.name) ? r.trace : `${part.input.name}：${r.trace}`;
  return { ok: true, score: r.score, max, veto: false, trace };
}

/** "没有完成任务按比例得分", "未完成的，按完成比例计分": a task's share earned in proportion to its completion. */
const PRO_RATA = /[，,]?(?:没有|未)(?:完成|达到)(?:任[务務]|计划|目标)?的?[，,]?(?:按|依)(?:完成|实际完成)?比例(?:得分|计分|计算)/;
/** "完成县政府下达的全年财政收入任务的得2分": a whole task done, no line of its own. */
const TASK_AWARD = /^(?:完成|达到|实现)[^\d，,；;]*(?:任[务務]|计划|目标)的?[，,]?(?:得|记|计)\d+(?:\.\d+)?分$/;

/**
 * A part that awards its share for a task done, against the task's completion rate when the
 * text says an unfinished task earns in proportion ("完成…任务的得13分，没有完成任务按比例得分",
 * 92% → 13×92%): the share times the rate, the share at 100% and above. Null when the part is not
 * one such award on a percent.
 */
function scoreTaskRate(part: Part, share: Decimal, proRata: string): PartScore | null {
  if (part.clauses.length !== 1 || !TASK_AWARD.test(simplified(toHalfWidth(part.clauses[0].text)))) return null;
  const q = parseQuantity(part.input.text);
  if (!q.ok || q.q.unit !== 'percent' || q.q.value.isNeg()) return null;
  const said = `${part.input.name}：${part.input.text}`;
  if (q.q.value.gte(1)) return { ok: true, score: share, max: share, veto: false, trace: `${said}，完成任务，得${pts(share)}` };
  const score = share.times(q.q.value);
  return { ok: true, score, max: share, veto: false, trace: `${said}，未完成任务，${proRata}：${fmt(share)}×${fmtQuantity(q.q)}=${fmt(score)}分` };
}

/**
 * A part among deductions that says when the whole mark is kept ("使用零余额账户结算的，得满分；
 * 未实行的不得分"): met, it takes nothing off; not met, the text does not say whether the
 * indicator or only its part is lost, so the part is pending.
 */
function scoreFullMet(part: Part, max: Decimal): PartScore {
  const full = part.clauses.filter((c) => c.full);
  if (full.length !== 1 || /\d/.test(part.input.text)) return fail(`“${part.input.name}”对应的得满分条款无法判断`);
  const said = `${part.input.name}：${part.input.text}`;
  const cond = (c: Clause) => simplified(c.text).split(OUTCOME_AT)[0];
  if (conditionHolds(cond(full[0]), part.input.text) !== true) {
    return fail(`“${said}”不满足“${full[0].text}”，扣多少评分标准没有写明`);
  }
  // Every other clause of the part must be ruled out by the answer ("未实行的不得分" by "已实行").
  const other = part.clauses.find((c) => c !== full[0] && conditionHolds(cond(c), part.input.text) !== false);
  if (other) return fail(`“${said}”是否属于“${other.text}”无法判断`);
  return { ok: true, score: max, max, veto: false, trace: `${said}，满足“${full[0].text}”，不扣分` };
}

/** "区(县)级财政小型农田水利投入达到中央和省级投入的10%以上，得2分": one input as a share of another. */
const RATIO_AWARD = /^(.+?)(达到|占|为|不低于|不少于)(.+?)的(\d+(?:\.\d+)?)%((?:\(含\))?(?:及)?以上)?[，,]?(?:得|记|计)(\d+(?:\.\d+)?)分$/;

/** The two inputs of a share clause (part and whole), when each side names a different input. */
function ratioOf(text: string, inputs: NamedInput[]): { part: number; whole: number; line: Decimal; points: Decimal } | null {
  const m = RATIO_AWARD.exec(simplified(toHalfWidth(normText(text))).replace(/^\d{1,2}[、.]/, ''));
  // "占…的10%" alone may be exactly 10%: a line only with 以上 or a verb of reaching.
  if (!m || (!m[5] && /^(?:占|为)$/.test(m[2]))) return null;
  const part = bindClause(m[1], inputs);
  const whole = bindClause(m[3], inputs);
  if (part < 0 || whole < 0 || part === whole) return null;
  return { part, whole, line: dec(m[4]).div(100), points: dec(m[6]) };
}

/**
 * A share of one input in another reached or not ("投入达到中央和省级投入的10%以上，得2分" on
 * 150万元 and 1,500万元: 10%, reached). Null when the clause is no such share; pending when the
 * two are not amounts of one kind.
 */
function scoreRatioAward(clause: Clause, inputs: NamedInput[], max: Decimal): PartScore | null {
  const r = ratioOf(clause.text, inputs);
  if (!r) return null;
  const a = parseQuantity(inputs[r.part].text);
  const b = parseQuantity(inputs[r.whole].text);
  if (!a.ok || !b.ok || a.q.unit !== b.q.unit || a.q.unit === 'percent' || (a.q.unit === 'physical' && a.q.unitText !== b.q.unitText)) {
    return fail(`“${clause.text}”须按“${inputs[r.part].name}”与“${inputs[r.whole].name}”的比例计算，两者须为同一单位的数值`);
  }
  if (b.q.value.lte(0)) return fail(`“${inputs[r.whole].name}”为${b.q.text}，无法计算比例`);
  const share = a.q.value.div(b.q.value);
  const reached = share.gte(r.line);
  const score = reached ? r.points : ZERO;
  const said = `${inputs[r.part].name}÷${inputs[r.whole].name}=${fmtQuantity(a.q)}÷${fmtQuantity(b.q)}=${fmtQuantity(quantity(share, 'percent'))}`;
  return { ok: true, score, max, veto: false, trace: `${said}，${reached ? '达到' : '未达到'}${fmt(r.line.times(100))}%，得${pts(score)}` };
}

/** "安排了…投入", "设立了…资金": an amount there or not. */
const ARRANGED = /^(?:[^，,\d]*?)(?:安排了?|落实了?|拨付了?|投入了?|设立了?|列支了?)[^，,\d]+$/;

/**
 * "区(县)级财政安排了小型农田水利投入，得4分" on an amount typed for that 投入: arranged when
 * the amount is more than 0. Null when the clause or the value is not such.
 */
function scoreAmountThere(part: Part, value: ActualValue, max: Decimal): PartScore | null {
  if (value.kind !== 'quantity' || (value.q.unit !== 'money' && value.q.unit !== 'count') || value.q.value.isNeg()) return null;
  if (part.clauses.length !== 1 || !part.clauses[0].award) return null;
  const c = part.clauses[0];
  const cond = simplified(toHalfWidth(c.text))
    .replace(/^\d{1,2}[、.]/, '')
    .split(OUTCOME_AT)[0]
    .replace(/[（(][^)）]*[)）]/g, '');
  if (!ARRANGED.test(cond) || negativeCondition(cond)) return null;
  const there = value.q.value.gt(0);
  const score = there ? c.award! : ZERO;
  return { ok: true, score, max, veto: false, trace: `${part.input.name}：${part.input.text}，${there ? '满足' : '不满足'}“${c.text}”，得${pts(score)}` };
}

/**
 * A part whose deduction gives no amount ("上访户台账不清楚、不规范及无处理情况每户扣分"): none
 * found ("无", "0户") takes nothing off; any found is pending, the amount not being written.
 */
function scoreUnstated(part: Part, max: Decimal): PartScore {
  const c = part.clauses.find((x) => x.unstated)!;
  const unit = /每([\u4e00-\u9fff])扣/.exec(simplified(c.text))?.[1] ?? '次';
  const typed = readTypedActual(part.input.text, unit);
  const none = part.clauses.length === 1 && typed.ok && typed.value.q.unit !== 'percent' && typed.value.q.value.isZero();
  if (!none) return fail(`“${c.text}”没有写明扣几分，“${part.input.name}：${part.input.text}”无法计分`);
  return { ok: true, score: max, max, veto: false, trace: `${part.input.name}：${part.input.text}，不属于“${c.text}”，不扣分` };
}

/** Clauses grouped by the input they speak of; a clause without a name of its own goes with the one before. */
function partsOf(all: PartClause[], inputs: NamedInput[], max: Decimal): { parts: Part[]; restated: string[] } | Fail {
  const parts = new Map<number, Part>();
  const restated: string[] = [];
  let last = -1;
  let pendingText: string[] = [];
  for (const c of all) {
    if (!hasOutcome(c) && UNSTATED.test(simplified(c.text)) && !/\d/.test(c.text)) {
      // "上访户台账不清楚…每户扣分": a deduction without its amount, still about an input.
      const at = bindClause(c.text, inputs);
      if (at >= 0) {
        const part = parts.get(at) ?? { input: inputs[at], clauses: [] };
        part.clauses.push({ ...c, unstated: true });
        parts.set(at, part);
        last = at;
        continue;
      }
    }
    if (!hasOutcome(c)) {
      if (FILLER.test(simplified(c.text)) || !/\d/.test(c.text)) continue;
      // "中心镇镇区公共厕所按1座/2500人建设" then "得10分": a condition continued in the next clause.
      pendingText.push(c.text);
      continue;
    }
    const full = pendingText.length ? { ...c, text: `${pendingText.join('，')}，${c.text}` } : c;
    pendingText = [];
    // "投入达到中央和省级投入的10%以上": a share of one input in another goes with the whole.
    const ratio = ratioOf(full.text, inputs);
    let at = ratio ? ratio.whole : full.about ? bindKind(full.about, inputs) : bindClause(full.text, inputs);
    if (full.about && at >= 0 && parts.get(at)?.clauses.some((x) => x.about)) return fail(`“${full.about}”与另一类都对应输入“${inputs[at].name}”`);
    if (at < 0) {
      // "每增加一座加5分": the clause before it goes on.
      if (last >= 0 && !full.award && !full.veto) at = last;
      else if (full.award && full.award.eq(max)) {
        // "…完成年度任务、建设质量达到设计要求的，得15分": the full mark restated before the deductions.
        restated.push(full.text);
        continue;
      } else return fail(`条款“${full.text}”对应不到任何一个输入（${inputs.map((x) => x.name).join('、')}）`);
    }
    const part = parts.get(at) ?? { input: inputs[at], clauses: [] };
    part.clauses.push(full);
    parts.set(at, part);
    last = at;
  }
  if (pendingText.length) return fail(`条款“${pendingText.join('，')}”没有写明得分或扣分`);
  return { parts: [...parts.entries()].sort((a, b) => a[0] - b[0]).map(([, p]) => p), restated };
}

/** "（12分×2项，即牲畜口蹄疫和禽流感）": the same rule for each of k items of N points. */
const EACH = /[（(]?[^（()）]*?(\d+(?:\.\d+)?)分\s*[×xX*]\s*(\d+)\s*项[^（()）]*[)）]?/;

/**
 * One rule applied to each input in turn, when the text says the max is k equal shares
 * and there are k inputs ("免疫密度（12分×2项，即牲畜口蹄疫和禽流感）…每低一个百分点扣2分");
 * null when the text does not say so.
 */
function scoreEach(ruleText: string, inputs: NamedInput[], max: Decimal, context?: string[]): RuleScoreResult | null {
  const text = simplified(toHalfWidth(normText(ruleText)));
  const m = EACH.exec(text);
  if (!m) return null;
  const share = dec(m[1]);
  const k = Number(m[2]);
  if (k !== inputs.length || !share.times(k).eq(max)) return null;
  const rest = text.replace(m[0], '');
  const lines: string[] = [];
  const scores: Decimal[] = [];
  for (const input of inputs) {
    const r = scoreNumeric({ input, clauses: clauses(rest).map(readClause) }, share, context);
    if (!r.ok) return fail(`按每项${pts(share)}分别计分：${r.reason}`);
    lines.push(r.trace);
    scores.push(r.score);
  }
  const total = sum(scores);
  return {
    ok: true,
    raw: total,
    score: round2(total),
    trace: `每项${pts(share)}，共${k}项分别计分：${lines.map((l, i) => `${'①②③④⑤⑥⑦⑧⑨⑩'[i] ?? `(${i + 1})`}${l}`).join('；')}；合计${scores.map((x) => fmt(x)).join('+')}=${fmt(total)}分`,
  };
}

/**
 * Several named inputs against one rule text: scored part by part, or pending
 * with the reason. `max` is the indicator's.
 */
export function scoreCompound(ruleText: string, inputs: NamedInput[], max: Decimal, context?: string[]): RuleScoreResult {
  if (inputs.length < 2) return fail('分项计分需要两个以上的输入');
  const same = scoreEach(ruleText, inputs, max, context);
  if (same) return same;
  const byParts = scoreParts(ruleText, inputs, max, context);
  if (byParts.ok) return byParts;
  // "完成招商工作任务80%以上且完成实际投入资金当年任务的20%以上(75分)": one outcome per row, on several inputs.
  const table = scoreConditions(ruleText, inputs, max);
  return table ?? byParts;
}

/** "分别不少于7个、4个、1个": the comparator that each listed kind's own line follows. */
const EACH_LINE =
  /^(.+?)分别(不少于|不低于|不小于|达到|不超过|不高于|不多于|不大于|超过|高于|低于|少于)((?:\d+(?:\.\d+)?[%\u4e00-\u9fff]{0,2}?[、和及与])+\d+(?:\.\d+)?[%\u4e00-\u9fff]{0,2}?)[，,](.+)$/;

/**
 * "引进投资3-10亿元、10-20亿元、20亿元以上项目个数分别不少于7个、4个、1个,每少1个扣0.1分":
 * one clause per listed kind, each with its own line and the shared outcome ("10-20亿元不少于
 * 4个，每少1个扣0.1分"). Unchanged when the kinds and the lines are not as many.
 */
export function distribute(clause: string): PartClause[] {
  const t = simplified(toHalfWidth(normText(clause)));
  const m = EACH_LINE.exec(t);
  if (!m) return [readClause(clause)];
  const [, subjects, cmp, lines, rest] = m;
  const values = lines.split(/[、和及与]/);
  let kinds = subjects.split('、');
  if (kinds.length === values.length - 1) {
    // "省级、市级和县级…": the last two joined by 和/及.
    const last = kinds[kinds.length - 1].split(/[和及与]/);
    if (last.length === 2) kinds = [...kinds.slice(0, -1), ...last];
  }
  if (kinds.length !== values.length || kinds.some((k) => k.length === 0)) return [readClause(clause)];
  const unit = /[\u4e00-\u9fff]{1,2}$/.exec(values[values.length - 1])?.[0] ?? '';
  // The kind's own numbers ("3-10亿元") name it; the line is read without them.
  return kinds.map((k, i) => ({
    ...readClause(`${KIND_WORD}${cmp}${/\d$/.test(values[i]) ? `${values[i]}${unit}` : values[i]}，${rest}`),
    about: k,
  }));
}

/** The least share of a listed kind's words an input's name must hold to be that kind's. */
const KIND_MIN = 0.5;

/**
 * The input a listed kind is ("省级" of "省级、市级和县级示范点" → "省级示范点"; "引进投资3-10亿元"
 * → "3-10亿元项目"): the name holding most of the kind's bigrams, when clearly the most.
 */
function bindKind(kind: string, inputs: NamedInput[]): number {
  const grams = bigrams(simplified(kind));
  const scores = inputs.map((x) => {
    const name = nameCore(x.name);
    return grams.filter((g) => name.includes(g)).length / grams.length;
  });
  const best = Math.max(...scores);
  return best >= KIND_MIN && scores.filter((s) => s === best).length === 1 ? scores.indexOf(best) : -1;
}

/** What a distributed clause calls its kind when it is read as a rule of its own. */
const KIND_WORD = '数量';

/**
 * A clause, and for one of a list of kinds the kind it is about (for binding it to an input);
 * `unstated` for a deduction that gives no amount ("每户扣分").
 */
type PartClause = Clause & { about?: string; unstated?: boolean };

/** "每户扣分", "酌情扣分", "扣分": a deduction whose amount the text does not give. */
const UNSTATED = /扣分|扣减分|酌情扣|适当扣/;

function scoreParts(ruleText: string, inputs: NamedInput[], max: Decimal, context?: string[]): RuleScoreResult {
  // "…的得13分，没有完成任务按比例得分": said once, for every task the parts award.
  let proRata: string | null = null;
  const texts = clauses(ruleText).flatMap((c) => {
    const m = PRO_RATA.exec(simplified(toHalfWidth(c)));
    if (!m) return [c];
    proRata = m[0].replace(/^[，,]/, '');
    const left = simplified(toHalfWidth(c)).replace(m[0], '');
    return left ? [left] : [];
  });
  const all = texts.flatMap(distribute);
  const grouped = partsOf(all, inputs, max);
  if ('reason' in grouped) return grouped;
  const { parts, restated } = grouped;
  // "…完成年度任务、建设质量达到设计要求的，得15分；建成面积低于年度任务的，每减少1%，扣1分…":
  // the full mark stated once, then deductions: the statement is not a part of its own.
  const awarded = parts.flatMap((p) => p.clauses.filter((c) => c.award));
  if (awarded.length === 1 && awarded[0].award!.eq(max) && !awarded[0].zero && parts.some((p) => p.clauses.some((c) => c.deducts))) {
    for (const p of parts) p.clauses = p.clauses.filter((c) => c !== awarded[0]);
    restated.push(awarded[0].text);
    for (let i = parts.length - 1; i >= 0; i--) if (parts[i].clauses.length === 0) parts.splice(i, 1);
  }
  // "施工安全检查评定等级合格及以上，且未发生…投诉和通报，得2分" then deductions: an input only the
  // full mark speaks of is a precondition of it; a yes keeps the full mark, anything else is the evaluator's.
  const preconditions: string[] = [];
  for (const x of inputs.filter((i) => !parts.some((p) => p.input === i))) {
    const about = restated.find((t) => containment(x.name, t) >= BIND_MIN);
    if (!about) return fail(`评分标准中没有条款对应输入“${x.name}”`);
    if (answerOf(x.text) !== true) return fail(`“${x.name}：${x.text}”不满足满分条件“${about}”，如何扣分评分标准没有写明`);
    preconditions.push(`${x.name}：${x.text}，满足满分条件`);
  }

  const shares = parts.map((p) => p.clauses.map((c) => c.award).find((a) => a) ?? null);
  const additive = shares.every((s) => s !== null);
  const deductive = shares.every((s) => s === null);
  if (!additive && !deductive) return fail('评分标准既有分项得分又有从满分中扣分，合并方式没有写明');
  // "(2)…使用零余额账户结算的，得满分；未实行的不得分" beside deductions: the part takes nothing when met;
  // what it is worth when not met the text does not say.
  if (!deductive && parts.some((p) => p.clauses.some((c) => c.full))) return fail('分项中有“得满分”，满分指哪一部分评分标准没有写明');
  if (additive && restated.length) return fail(`条款“${restated[0]}”与分项得分重复`);
  const shareTotal = additive ? sum(shares as Decimal[]) : ZERO;
  if (additive && !shareTotal.eq(max)) return fail(`各分项满分合计${pts(shareTotal)}，与指标分值${pts(max)}不符`);

  const scored: { part: Part; r: Extract<PartScore, { ok: true }> }[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const partMax = additive ? shares[i]! : (part.clauses.map((c) => c.cap).find((c) => c) ?? max);
    const answer = answerOf(part.input.text);
    // "无" against "每发现一项…扣1分" is none counted, not a no.
    const perUnit = part.clauses.some((c) => PER_UNIT.test(simplified(c.text)));
    const numeric = /\d/.test(part.input.text) || answer === null || perUnit;
    // "通报：1次" against "发生通报，不得分": an event that happened, or did not (0次).
    const happened = numeric && !perUnit ? eventCount(part, partMax) : null;
    let r: PartScore;
    const task = proRata && additive ? scoreTaskRate(part, partMax, proRata) : null;
    const share = part.clauses.length === 1 ? scoreRatioAward(part.clauses[0], inputs, partMax) : null;
    if (part.clauses.some((c) => c.unstated)) r = scoreUnstated(part, partMax);
    else if (task) r = task;
    else if (share) r = share;
    else if (part.clauses.some((c) => c.full)) r = scoreFullMet(part, partMax);
    else if (!numeric && answer !== null) r = scoreYesNo(part, partMax);
    else if (happened) r = happened;
    else {
      r = scoreNumeric(part, partMax, context);
      // "账实不符" against "账实不符扣1分": no yes/no word, but the same words as the condition.
      if (!r.ok && answer === null && !perUnit && !/\d/.test(part.input.text)) {
        const bySense = scoreYesNo(part, partMax);
        if (bySense.ok) r = bySense;
      }
    }
    if (!r.ok) return r;
    scored.push({ part, r });
  }
  const vetoed = scored.find((s) => s.r.veto);
  const lines = [...preconditions, ...scored.map((s) => s.r.trace)].map((t, i) => `${'①②③④⑤⑥⑦⑧⑨⑩'[i] ?? `(${i + 1})`}${t}`);
  if (vetoed) return { ok: true, raw: ZERO, score: ZERO, trace: `${lines.join('；')}；本项指标不得分，得0分` };
  if (additive) {
    const total = sum(scored.map((s) => s.r.score));
    const raw = total;
    const score = round2(total.gt(max) ? max : total);
    const over = total.gt(max) ? `=${fmt(total)}分，超过${pts(max)}按${pts(max)}计` : `=${fmt(score)}分`;
    return { ok: true, raw, score, trace: `分项计分：${lines.join('；')}；合计${scored.map((s) => fmt(s.r.score)).join('+')}${over}` };
  }
  const deductions = scored.map((s) => s.r.max.minus(s.r.score));
  const taken = sum(deductions);
  const raw = max.minus(taken);
  const score = round2(raw.lt(0) ? ZERO : raw);
  const tail = raw.lt(0) ? '扣完为止，得0分' : `得分=${fmt(max)}-${deductions.map((d) => fmt(d)).join('-')}=${fmt(score)}分`;
  return { ok: true, raw, score, trace: `分项扣分：${lines.join('；')}；${tail}` };
}
