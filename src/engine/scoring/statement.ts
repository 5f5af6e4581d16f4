/**
 * A typed statement of fact against the clauses of a rule: "已及时清理", "清理不及时" and
 * "未进行清理" against "未进行清理的不得分，清理不及时的扣1分"; "未编赤字预算" against
 * "…未编赤字预算的，得2分"; "按时下达" against "未按时下达任务扣1分".
 *
 * Evaluators answer yes/no facts in words, not numbers. The statement is compared with
 * each clause's condition: the same subject (most of one's words found in the other),
 * the same qualifiers (基本, 部分, 较大…), and the same or the opposite sense (an odd
 * number of 未/不/没有/无 on one side only). The statement then either asserts one clause
 * (its outcome applies), or denies clauses:
 *  - denying every failure clause it speaks of ("已委托注册会计师审计" against "未委托…
 *    扣2分") with no award clause but the full mark: nothing is deducted;
 *  - denying the one award clause ("编制了赤字预算" against "未编赤字预算的，得2分"):
 *    the award is not earned.
 * Anything else (no clause matched, several clauses with different outcomes, a clause
 * with a number in its condition, an outcome not read such as "酌情扣分") is pending.
 */
import { Decimal, ZERO } from '../decimal';
import type { Bound } from '../data/bind';
import { finding, type Finding } from '../findings';
import { pts } from '../rules/format';
import type { Rule, RuleScoreResult } from '../rules/types';
import { bigrams, normText, simplified, toHalfWidth } from '../text';
import { OUTCOME_AT, clauses, hasOutcome, readClause, type Clause } from './clauses';

type Fail = { ok: false; reason: string };
const fail = (reason: string): Fail => ({ ok: false, reason });

/** Words that turn a condition round. */
const NEGATION_WORDS = '没有|未|不|无|非|缺';
const NEGATION = new RegExp(NEGATION_WORDS, 'g');
const NEGATED_WORD = new RegExp(NEGATION_WORDS);
/** Words that only mark tense or emphasis ("已", "了", "均", "任何"). */
const NEUTRAL = /已经|已|了|均|都|任何|过|的|进行|按规定|全部/g;
/** A number and its unit word inside a statement ("1起", "3个"). */
const COUNTED = /\d+(?:\.\d+)?[个次起项处件条人家名]?/g;
/** Words of degree: a clause and a statement must agree on them ("相符" is not "基本相符"). */
const QUALIFIERS = ['基本', '部分', '大部分', '个别', '较大', '较小', '较差', '较好', '一般', '严重', '重大', '之一'];
/** Outcomes the engine does not compute: the evaluator's. */
const UNREAD_OUTCOME = /酌情|视情况|不予通过|一票否决|倒扣|另行/;
/** Most of the statement's bigrams found in the clause's condition. */
const MATCH_MIN = 0.6;

function plain(s: string): string {
  return simplified(toHalfWidth(normText(s))).replace(/[\s“”"'‘’「」，,、。；;：:（）()]/g, '');
}

interface Sense {
  core: string;
  negated: boolean;
  qualifiers: string;
  /**
   * Several facts joined ("因主观原因未认领或因客观原因未认领但没有提交…说明", "已提交，
   * 但未…"): counting negations says nothing about which one holds.
   */
  joined: boolean;
}

/**
 * Alternatives ("或", "但", "而"), and in a statement any second fact (a comma). A clause's
 * commas chain conditions that all must hold ("部门预算编制时，年度收支平衡，未编赤字预算"):
 * not alternatives.
 */
const ALTERNATIVES = /或|但|而/;
const SECOND_FACT = /[，,；;]|且|同时/;

function senseOf(text: string, statement = false): Sense {
  const t = simplified(toHalfWidth(normText(text))).replace(/^[，,；;\s]+|[，,；;\s]+$/g, '');
  const joined = ALTERNATIVES.test(t) || (statement && SECOND_FACT.test(t));
  const p = plain(text);
  const negations = (p.match(NEGATION) ?? []).length;
  return {
    // "发现违规行为1起": the count says how many, not what.
    core: p.replace(NEGATION, '').replace(NEUTRAL, '').replace(COUNTED, ''),
    negated: negations % 2 === 1,
    qualifiers: QUALIFIERS.filter((q) => p.includes(q)).join('、'),
    joined,
  };
}

function share(of: string, within: string): number {
  const g = bigrams(of);
  if (of.length < 2 || g.length === 0) return 0;
  return g.filter((x) => within.includes(x)).length / g.length;
}

interface Reading {
  clause: Clause;
  condition: string;
  sense: Sense;
}

/** A section number before a clause ("2.2项:", "（二）"): not a condition. */
const SECTION = /^(?:\d+(?:\.\d+)+项?|[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)[:：]?/;

function conditionOf(c: Clause): string {
  return simplified(toHalfWidth(c.text)).replace(SECTION, '').split(OUTCOME_AT)[0];
}

/** The points a clause's outcome gives out of max, or a reason it cannot. */
function outcome(c: Clause, max: Decimal): { points: Decimal; said: string } | Fail {
  if (UNREAD_OUTCOME.test(simplified(c.text))) return fail(`条款“${c.text}”的结果需评价人判断`);
  if (c.veto || c.zero) return { points: ZERO, said: '不得分' };
  if (c.full) return { points: max, said: `得满分${pts(max)}` };
  if (c.award) {
    if (/分别/.test(c.text)) return fail(`条款“${c.text}”有多个分值`);
    const p = c.award.gt(max) ? max : c.award;
    return { points: p, said: `得${pts(p)}` };
  }
  if (c.deducts) {
    if (/每/.test(c.text)) return fail(`条款“${c.text}”按次数扣分，请填写次数`);
    const m = /扣(?:减|除)?(\d+(?:\.\d+)?)分/.exec(simplified(c.text));
    if (!m) return fail(`条款“${c.text}”没有写明扣几分`);
    const left = max.minus(m[1]);
    const p = left.lt(0) ? ZERO : left;
    return { points: p, said: `扣${m[1]}分，得${pts(p)}` };
  }
  return fail(`条款“${c.text}”没有写明得分或扣分`);
}

/** Score a statement of fact against the rule's clauses, or say why not. */
export function scoreStatement(ruleText: string, statement: string, max: Decimal): RuleScoreResult {
  const said = senseOf(statement, true);
  if (said.core.length < 2) return fail(`实际情况“${statement}”太短，无法对应评分标准的条款`);
  const all = clauses(ruleText).map(readClause);
  // Every number of the text must be an outcome's points: a count or a rate in a condition is not a yes/no fact.
  const counted = all.find((c) => /\d/.test(conditionOf(c)));
  if (counted) return fail(`条款“${counted.text}”有数量条件，请填写数值`);
  const readings: Reading[] = all
    .filter((c) => hasOutcome(c) || UNREAD_OUTCOME.test(simplified(c.text)))
    .map((clause) => {
      const condition = conditionOf(clause);
      return { clause, condition, sense: senseOf(condition) };
    });
  const matched = readings.filter(
    // The statement must be mostly about the clause: "政府资金及时到位，配套资金延迟2个月" is not "及时到位".
    (r) => r.sense.core.length >= 2 && r.sense.qualifiers === said.qualifiers && share(said.core, r.sense.core) >= MATCH_MIN,
  );
  if (said.joined) return scoreFacts(statement, readings, max);
  if (matched.length === 0) return fail(`实际情况“${statement}”对应不到评分标准的条款`);
  const alternatives = matched.find((r) => r.sense.joined && NEGATED_WORD.test(r.condition));
  if (alternatives) return fail(`条款“${alternatives.clause.text}”有多个可选的情形，需评价人判断`);
  let asserted = matched.filter((r) => r.sense.negated === said.negated);
  if (asserted.length > 1) {
    // "未进行清理" asserts "未进行清理的不得分" more than "清理不及时的扣1分": the clause the statement covers best.
    // The condition's last part: what precedes it ("查单位往来款项的变动情况，") is the setting.
    const cover = asserted.map((r) => share(senseOf(r.condition.split(/[，,]/).filter(Boolean).pop() ?? '').core, said.core));
    const best = Math.max(...cover);
    if (best >= MATCH_MIN && cover.filter((c) => c === best).length === 1) asserted = [asserted[cover.indexOf(best)]];
  }
  const denied = matched.filter((r) => r.sense.negated !== said.negated);

  if (asserted.length > 0) {
    const outcomes = asserted.map((r) => outcome(r.clause, max));
    const bad = outcomes.find((o): o is Fail => 'ok' in o);
    if (bad) return bad;
    const points = outcomes.map((o) => (o as { points: Decimal }).points);
    if (points.some((p) => !p.eq(points[0]))) {
      return fail(`实际情况“${statement}”同时对应${asserted.map((r) => `“${r.clause.text}”`).join('、')}，结果不同`);
    }
    const o = outcomes[0] as { points: Decimal; said: string };
    return { ok: true, raw: o.points, score: o.points, trace: `实际情况“${statement}”，符合“${asserted[0].clause.text}”，${o.said}` };
  }

  // Only denials: the statement says the opposite of the clauses it speaks of.
  const awards = readings.filter((r) => r.clause.award && !r.clause.award.eq(max));
  const isFailure = (r: Reading) => r.clause.deducts || r.clause.zero || r.clause.veto;
  const failures = denied.filter(isFailure);
  // Nothing deducted only when the statement rules out every failure the text lists: "已建立制度" says
  // nothing of "制度未执行的扣1分".
  const unanswered = readings.filter((r) => isFailure(r) && !denied.includes(r));
  if (failures.length === denied.length && awards.length === 0 && unanswered.length === 0) {
    for (const r of failures) if (UNREAD_OUTCOME.test(simplified(r.clause.text))) return fail(`条款“${r.clause.text}”的结果需评价人判断`);
    return {
      ok: true,
      raw: max,
      score: max,
      trace: `实际情况“${statement}”，不属于${failures.map((r) => `“${r.clause.text}”`).join('、')}，不扣分，得满分${pts(max)}`,
    };
  }
  const deniedAwards = denied.filter((r) => r.clause.award);
  const allAwards = readings.filter((r) => r.clause.award || r.clause.full);
  if (deniedAwards.length === 1 && allAwards.length === 1 && denied.length === 1) {
    return { ok: true, raw: ZERO, score: ZERO, trace: `实际情况“${statement}”，不符合“${deniedAwards[0].clause.text}”，不得分` };
  }
  return fail(`实际情况“${statement}”与评分标准条款的对应不唯一`);
}

/** The facts of a statement: "有工作经费且已列入年度预算", "有工作经费，但未列入年度预算". */
const FACT_BREAK = /且|并且|而且|同时|但是|但|[，,；;]/;

/**
 * Several facts against a list of failures, each with a fixed deduction ("无工作经费扣3分，
 * 未列入年度预算，扣2分"): each fact must speak of exactly one failure, every failure must be
 * spoken of, and the deductions of the failures stated add up. Alternatives ("或") and rules
 * with awards other than the full mark are pending.
 */
function scoreFacts(statement: string, readings: Reading[], max: Decimal): RuleScoreResult {
  const whole = simplified(toHalfWidth(normText(statement)));
  if (/或/.test(whole)) return fail(`实际情况“${statement}”含有可选的情形，需评价人判断`);
  const facts = whole
    .split(FACT_BREAK)
    .map((f) => f.trim())
    .filter((f) => f.length > 0);
  const failures = readings.filter((r) => r.clause.deducts || r.clause.zero || r.clause.veto);
  const others = readings.filter((r) => !failures.includes(r) && !(r.clause.award && r.clause.award.eq(max)));
  if (facts.length < 2 || failures.length < 2 || others.length > 0) return fail(`实际情况“${statement}”含有多个情形，需评价人判断`);
  const answered = new Map<Reading, boolean>();
  for (const f of facts) {
    const sense = senseOf(f);
    const hits = failures.filter((r) => r.sense.core.length >= 2 && r.sense.qualifiers === sense.qualifiers && share(sense.core, r.sense.core) >= MATCH_MIN);
    if (hits.length !== 1) return fail(`实际情况中的“${f}”${hits.length ? '对应多个条款' : '对应不到评分标准的条款'}`);
    const r = hits[0];
    if (r.sense.joined && NEGATED_WORD.test(r.condition)) return fail(`条款“${r.clause.text}”有多个可选的情形，需评价人判断`);
    const holds = r.sense.negated === sense.negated;
    if (answered.has(r) && answered.get(r) !== holds) return fail(`实际情况对“${r.clause.text}”前后矛盾`);
    answered.set(r, holds);
  }
  const silent = failures.find((r) => !answered.has(r));
  if (silent) return fail(`实际情况“${statement}”没有说明“${silent.clause.text}”`);
  let left = max;
  const said: string[] = [];
  for (const r of failures) {
    if (!answered.get(r)) continue;
    const o = outcome(r.clause, max);
    if ('ok' in o) return o;
    if (o.points.isZero()) return { ok: true, raw: ZERO, score: ZERO, trace: `实际情况“${statement}”，符合“${r.clause.text}”，不得分` };
    const taken = max.minus(o.points);
    left = left.minus(taken);
    said.push(`符合“${r.clause.text}”扣${pts(taken)}`);
  }
  const score = left.lt(0) ? ZERO : left;
  const trace = said.length ? `${said.join('，')}，得${pts(score)}` : `不属于任何扣分情形，得满分${pts(max)}`;
  return { ok: true, raw: left, score, trace: `实际情况“${statement}”，${trace}` };
}

/**
 * Rules whose every number the parser read: a statement may be scored against their
 * clauses. A checklist of one item is one condition ("…未编赤字预算的，得2分"); with
 * more, one statement cannot say how each item went.
 */
export function statementReadable(rule: Rule | null): rule is Rule {
  if (!rule) return false;
  // Set aside for numbers no reading accounted for: those clauses are the evaluator's.
  if (rule.kind === 'judgement') return !rule.unread?.length;
  return rule.kind !== 'checklist' || rule.items.length === 1;
}

/**
 * A 实际值 the number reader refused (ACTUAL_UNREADABLE), taken as a statement of fact
 * when the rule's clauses give it a score; otherwise the refusal stands.
 */
export function statementBound(unreadable: { error: Finding }, rule: Rule | null, max: Decimal | null): Bound | null {
  const e = unreadable.error;
  if (e.code !== 'ACTUAL_UNREADABLE') return null;
  return typeof e.actual === 'string' ? statementOf(e.actual, rule, max, { sheet: e.sheet, cell: e.cell }) : null;
}

/**
 * A typed text as a statement of fact, when the rule's clauses give it a score: for words
 * the number reader refused, and for a rule the evaluator scores (judgement, one-item
 * checklist) whose 实际值 reads a number out of a sentence ("违规私自开设1个财政专户").
 */
export function statementOf(text: string, rule: Rule | null, max: Decimal | null, where: { sheet?: string; cell?: string }): Bound | null {
  if (!statementReadable(rule) || !max || !/[\u4e00-\u9fff]/.test(text)) return null;
  const r = scoreStatement(rule.text, text, max);
  if (!r.ok) return null;
  return {
    actual: { kind: 'statement', text },
    display: text,
    source: where.sheet && where.cell ? `${where.sheet}!${where.cell}` : '实际值',
    findings: [
      finding('ACTUAL_READ_AS_STATEMENT', 'info', `实际值“${text}”按评分标准的条款理解（${r.trace}）`, { sheet: where.sheet ?? '', cell: where.cell ?? '' }),
    ],
  };
}
