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
 * it, or deductions from the max.
 *
 * Pending beats wrong: a clause with an outcome that binds to no input, an input no
 * clause speaks of, a part the parser cannot read, shares that do not add up to the
 * max, or a yes/no answer that is neither: nothing is computed, and the reason says
 * which.
 */
import { Decimal, ZERO, dec, fmt, round2, sum } from '../decimal';
import { quantity } from '../quantity';
import { readTypedActual } from '../typedActual';
import { actualFromCell } from '../data/bind';
import { parseRule, scoreRule } from '../rules';
import { pts } from '../rules/format';
import type { ActualValue, RuleScoreResult } from '../rules/types';
import { bigrams, normText, simplified, toHalfWidth } from '../text';
import { FILLER, OUTCOME_AT, clauses, hasOutcome, negativeCondition, readClause, type Clause } from './clauses';

/** One input as the evaluator typed it: "少制定年度计划" → "1条". */
export interface NamedInput {
  name: string;
  text: string;
}

type Fail = { ok: false; reason: string };
const fail = (reason: string): Fail => ({ ok: false, reason });

/** An input's name without the words that only say how it is counted ("…次数", "是否…"). */
function nameCore(name: string): string {
  return simplified(toHalfWidth(name))
    .replace(/[“”"'‘’「」()（）\s]/g, '')
    .replace(/^是否/, '')
    .replace(/(?:的)?(?:次数|个数|项数|种数|册数|张数|笔数|台数|处数|条数|件数|人数|数量|数)$/, '');
}

/** How much of an input's name the clause contains (share of the name's bigrams found in it). */
function containment(name: string, clause: string): number {
  const core = nameCore(name);
  const grams = bigrams(core);
  if (grams.length === 0) return 0;
  const text = simplified(clause);
  return grams.filter((g) => text.includes(g)).length / grams.length;
}

/** The least share of an input's name a clause must contain to be about that input. */
const BIND_MIN = 0.3;

/**
 * When no name shares enough bigrams ("公厕按标准建设" against "中心镇镇区公共厕所按1座/
 * 2500人建设"): the share of the name's characters the clause holds, if at least this and
 * ahead of every other input's by CHAR_MARGIN.
 */
const CHAR_MIN = 0.6;
const CHAR_MARGIN = 0.2;

function charShare(name: string, clause: string): number {
  const chars = Array.from(new Set(Array.from(nameCore(name))));
  if (chars.length === 0) return 0;
  const text = simplified(clause);
  return chars.filter((c) => text.includes(c)).length / chars.length;
}

/** The input a clause speaks of: the best contained name, when it is clearly the best. */
function bindClause(clause: string, inputs: NamedInput[]): number {
  const unique = (scores: number[], min: number, margin: number) => {
    const best = Math.max(...scores);
    if (best < min) return -1;
    const rest = scores.filter((_, i) => i !== scores.indexOf(best));
    return rest.every((s) => best - s >= margin) && scores.filter((s) => s === best).length === 1 ? scores.indexOf(best) : -1;
  };
  const byGrams = unique(
    inputs.map((x) => containment(x.name, clause)),
    BIND_MIN,
    Number.EPSILON,
  );
  if (byGrams >= 0 || inputs.some((x) => containment(x.name, clause) >= BIND_MIN)) return byGrams;
  return unique(
    inputs.map((x) => charShare(x.name, clause)),
    CHAR_MIN,
    CHAR_MARGIN,
  );
}

/** A yes/no answer: "已部署", "相符", "有" are yes; "未部署", "不符", "无", "缺失", "较差" no. */
const NO_ANSWER = /^(?:否|无|無|没有|沒有|未|不|缺|较差|較差|差|不合格|不符)/;
const YES_ANSWER = /^(?:是|有|已|达到|達到|合格|相符|符合|足额|足額|全部|良好|完成|均已|按时|按期|及时|及時|优|優|良)/;

function answerOf(text: string): boolean | null {
  const t = simplified(toHalfWidth(normText(text))).replace(/\s+/g, '');
  if (NO_ANSWER.test(t)) return false;
  if (YES_ANSWER.test(t)) return true;
  return null;
}

interface Part {
  input: NamedInput;
  clauses: Clause[];
}

type PartScore = { ok: true; score: Decimal; max: Decimal; trace: string; veto: boolean } | Fail;

/** A part answered yes/no: each clause's outcome applies when its condition says what the answer says. */
function scoreYesNo(part: Part, answer: boolean, max: Decimal): PartScore {
  let score = max;
  let veto = false;
  const hits: string[] = [];
  const awards = part.clauses.filter((c) => c.award);
  if (awards.length > 1) return fail(`“${part.input.name}”有多个得分条款，是/否无法对应`);
  for (const c of part.clauses) {
    const applies = negativeCondition(c.text) !== answer;
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
      if (/每/.test(c.text)) return fail(`“${c.text}”按次数扣分，“${part.input.name}”须填写次数`);
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
const WHOLE_TASK = /(?:低于|未完成|未达到|少于|不足)((?:年度|全年)?(?:任务|计划|目标))/;

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
  return scoreYesNo(part, typed.value.q.value.gt(0), max);
}

/** A part on a number: the part's text read as a rule of its own, with the part's max. */
function scoreNumeric(part: Part, max: Decimal): PartScore {
  // "电话无人接听的，一次扣0.5分", "一项未做到扣1分": against a typed count, one … is each ….
  const text = part.clauses.map((c) => c.text.replace(PER_ONE, '$1每1$2')).join('；');
  let rule = parseRule(text, { name: part.input.name, max });
  const cell = { row: 1, col: 1, value: part.input.text, numberFormat: null, formula: null };
  let bound = actualFromCell(cell, rule, part.input.name);
  // "建成面积低于年度任务的，每减少1%，扣1分" on "建成面积占年度任务比例：96%": the task is 100%.
  if (rule.kind === 'judgement' && bound && !('error' in bound) && bound.actual.kind === 'quantity' && bound.actual.q.unit === 'percent') {
    const whole = WHOLE_TASK.exec(simplified(text));
    if (whole && simplified(part.input.name).includes(whole[1])) {
      const again = parseRule(text, { name: part.input.name, max, target: quantity(dec(1), 'percent') });
      if (again.kind === 'step') {
        rule = again;
        bound = actualFromCell(cell, rule, part.input.name);
      }
    }
  }
  if (!bound) return fail(`“${part.input.name}”没有填写`);
  if ('error' in bound) return fail(`“${part.input.name}”${bound.error.message}`);
  if (rule.kind === 'checklist' || rule.kind === 'judgement') {
    const t = scoreThresholdAward(part, bound.actual, max);
    if (t) return t;
    return fail(`“${text}”${rule.kind === 'judgement' ? `：${rule.reason}` : '需评价人判断'}`);
  }
  const r = scoreRule(rule, bound.actual, max);
  if (!r.ok) return fail(`“${text}”：${r.reason}`);
  const trace = r.trace.startsWith(part.input.name) ? r.trace : `${part.input.name}：${r.trace}`;
  return { ok: true, score: r.score, max, veto: false, trace };
}

/** Clauses grouped by the input they speak of; a clause without a name of its own goes with the one before. */
function partsOf(all: Clause[], inputs: NamedInput[], max: Decimal): { parts: Part[]; restated: string[] } | Fail {
  const parts = new Map<number, Part>();
  const restated: string[] = [];
  let last = -1;
  let pendingText: string[] = [];
  for (const c of all) {
    if (!hasOutcome(c)) {
      if (FILLER.test(simplified(c.text)) || !/\d/.test(c.text)) continue;
      // "中心镇镇区公共厕所按1座/2500人建设" then "得10分": a condition continued in the next clause.
      pendingText.push(c.text);
      continue;
    }
    const full = pendingText.length ? { ...c, text: `${pendingText.join('，')}，${c.text}` } : c;
    pendingText = [];
    let at = bindClause(full.text, inputs);
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
function scoreEach(ruleText: string, inputs: NamedInput[], max: Decimal): RuleScoreResult | null {
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
    const r = scoreNumeric({ input, clauses: clauses(rest).map(readClause) }, share);
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
export function scoreCompound(ruleText: string, inputs: NamedInput[], max: Decimal): RuleScoreResult {
  if (inputs.length < 2) return fail('分项计分需要两个以上的输入');
  const same = scoreEach(ruleText, inputs, max);
  if (same) return same;
  const all = clauses(ruleText).map(readClause);
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
  if (parts.some((p) => p.clauses.some((c) => c.full))) return fail('分项中有“得满分”，满分指哪一部分评分标准没有写明');

  const shares = parts.map((p) => p.clauses.map((c) => c.award).find((a) => a) ?? null);
  const additive = shares.every((s) => s !== null);
  const deductive = shares.every((s) => s === null);
  if (!additive && !deductive) return fail('评分标准既有分项得分又有从满分中扣分，合并方式没有写明');
  if (additive && restated.length) return fail(`条款“${restated[0]}”与分项得分重复`);
  const shareTotal = additive ? sum(shares as Decimal[]) : ZERO;
  if (additive && !shareTotal.eq(max)) return fail(`各分项满分合计${pts(shareTotal)}，与指标分值${pts(max)}不符`);

  const scored: { part: Part; r: Extract<PartScore, { ok: true }> }[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const partMax = additive ? shares[i]! : (part.clauses.map((c) => c.cap).find((c) => c) ?? max);
    const answer = answerOf(part.input.text);
    // "无" against "每发现一项…扣1分" is none counted, not a no.
    const perUnit = part.clauses.some((c) => /每/.test(simplified(c.text)));
    const numeric = /\d/.test(part.input.text) || answer === null || perUnit;
    // "通报：1次" against "发生通报，不得分": an event that happened, or did not (0次).
    const happened = numeric && !perUnit ? eventCount(part, partMax) : null;
    let r: PartScore;
    if (!numeric && answer !== null) r = scoreYesNo(part, answer, partMax);
    else if (happened) r = happened;
    else r = scoreNumeric(part, partMax);
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
