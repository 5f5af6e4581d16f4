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
 * An affirmative statement also rules out a plain failure to do what it says was done
 * ("已及时清理" rules out "未进行清理"). Beyond one fact against one clause: clauses told
 * apart by whom they apply to ("其他单位，未委托"), clauses of alternatives ("因主观原因未认领
 * 或因客观原因未认领但没有提交…说明的扣3分") answered fact by fact, a list of facts against a
 * listing clause ("制度基本健全、档案基本完整" against "基本健全、完整的得1分"), one of two
 * parties ("政府和配套资金其中之一及时到位"), a target reached against a rule that only
 * deducts for falling short ("完成下达任务"), and events of a size against a deduction per
 * event with a severity cut-off ("发生2起，每起死亡1人").
 * Anything else (no clause matched, several clauses with different outcomes, a clause
 * with a number in its condition, an outcome not read such as "酌情扣分") is pending.
 */
import { Decimal, ZERO, dec } from '../decimal';
import type { Bound } from '../data/bind';
import { finding, type Finding } from '../findings';
import { pts } from '../rules/format';
import type { Rule, RuleScoreResult } from '../rules/types';
import { bigrams, normText, simplified, toHalfWidth } from '../text';
import { FILLER, OUTCOME_AT, clauses, hasOutcome, readClause, type Clause } from './clauses';

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
/** Words of timeliness that say the same: "按时清理" is "及时清理". */
const ON_TIME = /按时|按期|如期|准时/g;
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
    core: p.replace(NEGATION, '').replace(NEUTRAL, '').replace(COUNTED, '').replace(ON_TIME, '及时'),
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

/** Where an outcome the engine does not compute begins ("…的考核不予通过", "…，实行一票否决"). */
const UNREAD_AT = /[，,]?(?:考核|则|实行|予以)?(?:酌情|视情况|不予通过|一票否决|倒扣|另行)/;

function conditionOf(c: Clause): string {
  return simplified(toHalfWidth(c.text)).replace(SECTION, '').split(OUTCOME_AT)[0].split(UNREAD_AT)[0];
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
  const reached = targetReached(all, statement, max) ?? eventSizes(all, statement, max) ?? eventsPastSize(all, statement, max);
  if (reached) return reached;
  // Every number of the text must be an outcome's points: a count or a rate in a condition is not a yes/no fact.
  const counted = all.find((c) => /\d/.test(conditionOf(c)));
  if (counted) return fail(`条款“${counted.text}”有数量条件，请填写数值`);
  const readings: Reading[] = all
    .filter((c) => hasOutcome(c) || UNREAD_OUTCOME.test(simplified(c.text)))
    .map((clause) => {
      const condition = conditionOf(clause);
      return { clause, condition, sense: senseOf(condition) };
    });
  return (
    oneOf(readings, statement, max) ??
    listed(readings, statement, max) ??
    scoped(readings, statement, max) ??
    byFormulas(readings, statement, max) ??
    judge(readings, statement, said, max)
  );
}

/** Words of timeliness: a clause about them ("清理不及时") is answered only by a statement that speaks of them. */
const TIMELY = /及时|按时|按期|如期|准时|限期/;

/** The statement speaks of the clause's condition. */
function speaksOf(said: Sense, statement: string, r: Reading): boolean {
  if (r.sense.core.length < 2 || r.sense.qualifiers !== said.qualifiers) return false;
  if (TIMELY.test(r.condition) && !TIMELY.test(simplified(statement))) return false;
  return share(said.core, r.sense.core) >= MATCH_MIN;
}

/** What the clause says, without the setting before it ("查单位往来款项的变动情况，未进行清理的" says "未进行清理"). */
function lastPart(condition: string): Sense {
  return senseOf(condition.split(/[，,]/).filter(Boolean).pop() ?? '');
}

/** A clause that takes points: a deduction, no points, or an outcome the evaluator gives ("考核不予通过"). */
const UNREAD_FAILURE = /酌情扣|酌情减|视情况扣|不予通过|一票否决|倒扣/;
const isFailure = (r: Reading) => r.clause.deducts || r.clause.zero || r.clause.veto || UNREAD_FAILURE.test(simplified(r.clause.text));

/** One statement against the clauses it speaks of: it asserts one, or denies them. */
function judge(readings: Reading[], statement: string, said: Sense, max: Decimal): RuleScoreResult {
  const matched = readings.filter(
    // The statement must be mostly about the clause: "政府资金及时到位，配套资金延迟2个月" is not "及时到位".
    (r) => speaksOf(said, statement, r),
  );
  if (said.joined) return scoreFacts(statement, readings, max);
  if (matched.length === 0) return fail(`实际情况“${statement}”对应不到评分标准的条款`);
  const alternatives = matched.find((r) => r.sense.joined && NEGATED_WORD.test(r.condition));
  if (alternatives) return fail(`条款“${alternatives.clause.text}”有多个可选的情形，需评价人判断`);
  let asserted = matched.filter((r) => r.sense.negated === said.negated);
  if (asserted.length > 1) {
    // "未进行清理" asserts "未进行清理的不得分" more than "清理不及时的扣1分": the clause the statement covers best.
    // The condition's last part: what precedes it ("查单位往来款项的变动情况，") is the setting.
    const cover = asserted.map((r) => share(lastPart(r.condition).core, said.core));
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
  // "已及时清理" (done, and in time) also rules out "未进行清理": a plain failure to do what it says was done.
  const entailed = readings.filter((r) => !denied.includes(r) && entails(said, r));
  const ruledOut = [...denied, ...entailed];
  const awards = readings.filter((r) => r.clause.award && !r.clause.award.eq(max));
  const failures = ruledOut.filter(isFailure);
  // Nothing deducted only when the statement rules out every failure the text lists: "已建立制度" says
  // nothing of "制度未执行的扣1分".
  const unanswered = readings.filter((r) => isFailure(r) && !ruledOut.includes(r));
  if (failures.length === ruledOut.length && awards.length === 0 && unanswered.length === 0) {
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

/**
 * An affirmative statement rules out a plain failure to do what it says was done: "已及时清理"
 * rules out "未进行清理", "已按时足额拨付" rules out "未拨付". Only with no word of degree on
 * either side ("基本清理" says less), and only when the whole of what the clause says is
 * within what the statement says.
 */
function entails(said: Sense, r: Reading): boolean {
  if (said.negated || said.joined || said.qualifiers || !r.sense.negated || r.sense.joined || r.sense.qualifiers) return false;
  const what = lastPart(r.condition);
  return what.negated && what.core.length >= 2 && said.core.includes(what.core);
}

/** The facts of a statement, one by one: "政府资金及时到位，配套资金延迟2个月". */
function factsOf(statement: string): string[] {
  return simplified(toHalfWidth(normText(statement)))
    .split(FACT_BREAK)
    .map((f) => f.trim())
    .filter((f) => plain(f).length > 0);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "比下达任务低5%以内的扣2分": a shortfall against a named target; the clauses after it may leave the target out ("低5%-10%的扣4分"). */
const SHORT_OF = /^(?:比|较)([\u4e00-\u9fff]{2,12}?)(?:低|少|下降|减少|差)/;
const SHORT_MORE = /^(?:低|少|下降|减少|差|不足)/;
/** Saying the target was reached: "完成下达任务", "超额完成招生指标", "招生指标已完成". */
const REACHED_BEFORE = '(?:已经?|均已)?(?:全面|全部|超额|足额)?(?:完成|达到|实现)了?';

/**
 * A rule that only deducts for falling short of a named target ("比下达任务低5%以内的扣2分，
 * 低5%-10%的扣4分，低超过10%的扣6分") against a statement that the target was reached
 * ("完成下达任务"): no clause applies, full marks. Any award or a clause on something else
 * leaves it to the other readings; "基本完成" or "完成下达任务的95%" is no such statement.
 */
function targetReached(all: Clause[], statement: string, max: Decimal): RuleScoreResult | null {
  const scored = all.filter(hasOutcome);
  if (scored.length === 0 || all.some((c) => !hasOutcome(c) && !FILLER.test(c.text))) return null;
  if (scored.some((c) => c.award || c.full || c.bonus)) return null;
  const first = SHORT_OF.exec(conditionOf(scored[0]));
  if (!first) return null;
  // "下达的任务" is "下达任务".
  const target = first[1].replace(/的/g, '');
  const sameTarget = (k: string) => SHORT_MORE.test(k) || k.startsWith(`比${target}`) || k.startsWith(`较${target}`);
  if (!scored.slice(1).every((c) => sameTarget(conditionOf(c)))) return null;
  const t = plain(statement).replace(/的/g, '');
  const reached = new RegExp(`^${REACHED_BEFORE}${escapeRe(target)}$|^${escapeRe(target)}${REACHED_BEFORE}$`);
  if (!reached.test(t) || QUALIFIERS.some((q) => t.includes(q))) return null;
  return { ok: true, raw: max, score: max, trace: `实际情况“${statement}”，不低于${target}，不属于任何扣分情形，得满分${pts(max)}` };
}

/** "死亡1人扣30分/次", "每起死亡1人扣30分": a deduction per event of a given size. */
const PER_EVENT = /(?:每(?:起|次))?([\u4e00-\u9fff]{1,4}?)(\d+)(人|名)[，,]?扣(\d+(?:\.\d+)?)分(?:\/(?:次|起)|每(?:次|起))?$/;
/** "一次死亡2人及以上实行一票否决": one event of that size or more takes every point. */
const SIZE_ZERO = /^(?:一次|每次|单次|一起|每起)([\u4e00-\u9fff]{1,4}?)(\d+)(人|名)及以上[，,]?(?:实行|则|的)?(?:一票否决|不得分|得0分|计0分|本项不得分)$/;
/** The statement: how many events, and how large each was ("发生2起，每起死亡1人", "发生1起，一次死亡2人"). */
const EVENTS = /^(?:共|累计)?(?:发生|出现)?(\d+)(起|次)([\u4e00-\u9fff]{0,10}(?:事故|事件))?$/;
const EACH_SIZE = /^(每起|每次|一次|各|均)?([\u4e00-\u9fff]{1,4}?)(\d+)(人|名)$/;

/**
 * A deduction per event of one size with a severity cut-off ("死亡1人扣30分/次；一次死亡2人及以上
 * 实行一票否决") against a statement of how many events and how large each was ("发生2起，每起
 * 死亡1人"): events of the size deducted each; one event at the cut-off or above, no points.
 * A total over several events ("发生2起，死亡3人") does not say how large each was: pending.
 */
function eventSizes(all: Clause[], statement: string, max: Decimal): RuleScoreResult | null {
  const numbered = all.filter((c) => /\d/.test(c.text));
  if (numbered.length !== 2) return null;
  const t = (c: Clause) => plain(c.text).replace(SECTION, '');
  const per = PER_EVENT.exec(t(numbered[0]));
  const cut = SIZE_ZERO.exec(t(numbered[1]));
  if (!per || !cut || !per[1].endsWith(cut[1]) || per[3] !== cut[3] || !dec(cut[2]).gt(per[2])) return null;
  if (all.some((c) => !numbered.includes(c) && (hasOutcome(c) || UNREAD_OUTCOME.test(simplified(c.text))))) return null;
  const facts = factsOf(statement).map(plain);
  if (facts.length !== 2) return null;
  const events = EVENTS.exec(facts[0]);
  const size = EACH_SIZE.exec(facts[1]);
  if (!events || !size || size[2] !== cut[1] || size[4] !== per[3]) return null;
  // "发生1起安全责任死亡事故": the events named must be the rule's ("交通事故" is not "安全责任死亡事故").
  if (events[3] && !all.some((c) => plain(c.text).includes(events[3]))) return null;
  const n = dec(events[1]);
  // "发生1起，死亡2人": one event, the total is its size; over several, only "每起" says it.
  if (!n.eq(1) && !size[1]) return null;
  const m = dec(size[3]);
  if (n.isZero()) return null;
  if (m.gte(cut[2])) {
    return { ok: true, raw: ZERO, score: ZERO, trace: `实际情况“${statement}”，一次${cut[1]}${m}${cut[3]}，符合“${numbered[1].text}”，本项不得分` };
  }
  if (!m.eq(per[2])) return null;
  const taken = n.times(per[4]);
  return takenOff(
    max,
    taken,
    (score) =>
      `实际情况“${statement}”，${n}${events[2]}各${cut[1]}${m}${per[3]}，按“${numbered[0].text}”扣${n}×${pts(dec(per[4]))}=${pts(taken)}，得${pts(score)}`,
  );
}

/** The max less what was taken, floored at 0 (扣完为止); `trace` says it with the score. */
function takenOff(max: Decimal, taken: Decimal, trace: (score: Decimal) => string): RuleScoreResult {
  const left = max.minus(taken);
  const score = left.lt(0) ? ZERO : left;
  return { ok: true, raw: left, score, trace: trace(score) };
}

/** Units an event is measured in ("单起受害面积30亩以上"). */
const SIZE_UNIT = '亩|公顷|平方米|人|万元|元|吨|户|间';
/** "单起受害面积30亩以上的扣10分": a deduction for each event at or past a size ("以上" takes the size itself). */
const PAST_SIZE = new RegExp(
  `(?:单起|每起|单次|每次)([\\u4e00-\\u9fff]{0,6}?)(\\d+(?:\\.\\d+)?)(${SIZE_UNIT})(?:及)?以上的?扣(\\d+(?:\\.\\d+)?)分(?:扣完为止)?$`,
);
/** The statement's events: "引发2起", "发生1起". */
const EVENT_COUNT = /^(?:共|累计)?(?:发生|出现|引发|造成)?(\d+)(起|次)$/;

/**
 * A deduction for each event at or past a size ("单起受害面积30亩以上的扣10分，扣完为止")
 * against a statement of how many events and the size of each: one size for one event
 * ("引发1起，受害面积20亩"), a size for each ("分别为35亩、50亩"), or a bound every event passes
 * ("每起均超过30亩"). A bound that does not settle the line ("每起均超过20亩"), or sizes that
 * do not match the count, are pending.
 */
function eventsPastSize(all: Clause[], statement: string, max: Decimal): RuleScoreResult | null {
  if (all.length !== 1) return null;
  const rule = PAST_SIZE.exec(plain(all[0].text));
  if (!rule) return null;
  const [, measure, line, unit, each] = rule;
  const facts = factsOf(statement).map((f) => f.replace(/\s+/g, ''));
  if (facts.length !== 2) return null;
  const events = EVENT_COUNT.exec(facts[0]);
  if (!events) return null;
  const n = dec(events[1]);
  const u = escapeRe(unit);
  const m = escapeRe(measure);
  const one = new RegExp(`^(?:${m})?(?:为)?(\\d+(?:\\.\\d+)?)${u}$`).exec(facts[1]);
  const several = new RegExp(`^(?:${m})?分别(?:为|是)((?:\\d+(?:\\.\\d+)?${u}、)+\\d+(?:\\.\\d+)?${u})$`).exec(facts[1]);
  const bound = new RegExp(`^(?:每起|各起)(?:${m})?(?:均|都)(超过|大于|高于|在|达到)(\\d+(?:\\.\\d+)?)${u}(以上)?$`).exec(facts[1]);
  let past: Decimal;
  let said: string;
  if (one && n.eq(1)) {
    past = dec(one[1]).gte(line) ? dec(1) : ZERO;
    said = `1${events[2]}，${measure}${one[1]}${unit}`;
  } else if (several) {
    const sizes = several[1].split('、').map((x) => dec(x.replace(unit, '')));
    if (!n.eq(sizes.length)) return null;
    past = dec(sizes.filter((x) => x.gte(line)).length);
    said = `${n}${events[2]}，${measure}分别为${sizes.map((x) => `${x}${unit}`).join('、')}`;
  } else if (bound) {
    // "均超过30亩": each past 30, so at or past the line of 30; "均在20亩以上" says nothing of 30.
    const b = dec(bound[2]);
    const strict = /超过|大于|高于/.test(bound[1]);
    if (!(b.gt(line) || (b.eq(line) && (strict || bound[3] || bound[1] === '达到')))) return null;
    past = n;
    said = `${n}${events[2]}，每起均${bound[1]}${b}${unit}${bound[3] ?? ''}`;
  } else return null;
  const taken = past.times(each);
  return takenOff(
    max,
    taken,
    (score) =>
      `实际情况“${statement}”：${said}，${measure}${line}${unit}以上的${past}${events[2]}，每${events[2]}扣${pts(dec(each))}，共扣${pts(taken)}，得${pts(score)}`,
  );
}

/** "政府和配套资金其中之一及时到位": one of two named parties. */
const ONE_OF = /^([\u4e00-\u9fff]{1,8}?)(?:和|与|及|、)([\u4e00-\u9fff]{1,8}?)(?:其中|中的?|两者|二者)?(?:之一|有一项|有一个|有一方)([\u4e00-\u9fff]{2,})$/;
/** Words of lateness: the opposite of a timely condition ("延迟2个月" is not "及时到位"). */
const LATE = /延迟|延期|逾期|超期|滞后|推迟|拖延/;

/**
 * A clause on one of two parties ("政府和配套资金其中之一及时到位，得5分") against a statement
 * of each ("政府资金及时到位，配套资金延迟2个月"): exactly one holds, the clause applies. Each
 * fact must name one party and say plainly whether the condition holds for it (the condition
 * as written; 未/没有 or, for a timely condition, a word of lateness, that it does not).
 */
function oneOf(readings: Reading[], statement: string, max: Decimal): RuleScoreResult | null {
  const facts = factsOf(statement);
  if (facts.length !== 2) return null;
  for (const r of readings) {
    const m = ONE_OF.exec(r.condition.replace(/的$/, ''));
    if (!m || !(r.clause.award || r.clause.full)) continue;
    const [, a, b] = m;
    // "按时到位" says "及时到位".
    const cond = m[3].replace(ON_TIME, '及时');
    const holds = [a, b].map((who, i) => {
      const other = i === 0 ? b : a;
      const about = facts.filter((f) => f.includes(who) && !f.includes(other));
      if (about.length !== 1) return null;
      const f = about[0].replace(ON_TIME, '及时');
      if (QUALIFIERS.some((q) => f.includes(q) && !cond.includes(q))) return null;
      const negated = NEGATED_WORD.test(f);
      if (f.includes(cond) && !negated && !LATE.test(f)) return true;
      if (negated && bigrams(cond).some((g) => f.includes(g))) return false;
      if (!negated && TIMELY.test(cond) && LATE.test(f)) return false;
      return null;
    });
    if (holds.includes(null)) return null;
    if (holds.filter(Boolean).length !== 1) return null;
    const o = outcome(r.clause, max);
    if ('ok' in o) return o;
    return { ok: true, raw: o.points, score: o.points, trace: `实际情况“${statement}”，只有一方符合“${cond}”，符合“${r.clause.text}”，${o.said}` };
  }
  return null;
}

/**
 * A list of facts ("制度基本健全、档案基本完整") against a clause that lists the same
 * ("基本健全、完整的得1分": the word of degree in front holds for the whole list): each
 * item states its counterpart, in order, with the same sense and degree.
 */
function listed(readings: Reading[], statement: string, max: Decimal): RuleScoreResult | null {
  const t = simplified(toHalfWidth(normText(statement))).trim();
  if (!t.includes('、') || SECOND_FACT.test(t) || ALTERNATIVES.test(t)) return null;
  const items = t.split('、').map((x) => senseOf(x));
  if (items.some((i) => i.core.length < 2)) return null;
  const hits = readings.filter((r) => {
    const cond = listOf(r.condition);
    return (
      cond !== null &&
      cond.length === items.length &&
      cond.every((c, k) => c.negated === items[k].negated && c.qualifiers === items[k].qualifiers && c.core.length >= 2 && items[k].core.includes(c.core))
    );
  });
  if (hits.length !== 1) return null;
  const o = outcome(hits[0].clause, max);
  if ('ok' in o) return o;
  const label = hits[0].condition.replace(/^.*[（(]/, '').replace(/的$/, '');
  return { ok: true, raw: o.points, score: o.points, trace: `实际情况“${statement}”，逐项符合“${label}”，${o.said}` };
}

/** The items of a listing condition, the leading word of degree given to each ("基本健全、完整" is 基本健全、基本完整). */
function listOf(condition: string): Sense[] | null {
  // "…是否完整(制度健全、档案完整的": the criteria are in the brackets.
  const parts = condition.replace(/^.*[（(]/, '').split('、');
  if (parts.length < 2) return null;
  const lead = QUALIFIERS.filter((q) => parts[0].startsWith(q)).sort((x, y) => y.length - x.length)[0];
  return parts.map((p, i) => senseOf(i > 0 && lead && !QUALIFIERS.some((q) => p.includes(q)) ? lead + p : p));
}

/**
 * Clauses that differ only by whom they apply to ("国有大中型企业…未委托…的考核不予通过",
 * "其他单位未委托…的扣2分") against a statement naming one ("其他单位，未委托"): the fact
 * is judged against that clause alone. Every failure of the rule must speak of the same
 * fact, and the name must be in one clause only, before its negation.
 */
function scoped(readings: Reading[], statement: string, max: Decimal): RuleScoreResult | null {
  const facts = factsOf(statement);
  if (facts.length !== 2 || ALTERNATIVES.test(statement)) return null;
  for (const [i, scope] of facts.entries()) {
    const name = plain(scope);
    if (name.length < 2 || NEGATED_WORD.test(name)) continue;
    const at = readings.filter((r) => {
      const c = plain(r.condition);
      const k = c.indexOf(name);
      const neg = c.search(NEGATED_WORD);
      return k >= 0 && (neg < 0 || k + name.length <= neg);
    });
    if (at.length !== 1) continue;
    const rest = facts[1 - i];
    const restSense = senseOf(rest, true);
    if (restSense.joined || restSense.core.length < 2) return null;
    const about = readings.filter((r) => speaksOf(restSense, rest, r));
    if (!about.includes(at[0])) return null;
    if (readings.some((r) => (isFailure(r) ? !about.includes(r) : !(r.clause.full || r.clause.award?.eq(max))))) return null;
    const r = judge(at, rest, restSense, max);
    return r.ok ? { ...r, trace: `实际情况“${statement}”，“${scope}”适用“${at[0].clause.text}”；${r.trace}` } : r;
  }
  return null;
}

type Answer = 'holds' | 'fails' | 'unknown';
/** Pairs of words that set two cases apart ("因主观原因未认领" is not "因客观原因未认领"). */
const CONTRASTS: ReadonlyArray<readonly [string, string]> = [['主观', '客观']];

function contrary(a: string, b: string): boolean {
  const one = (x: string, y: string, p: string, q: string) => x.includes(p) && !x.includes(q) && y.includes(q) && !y.includes(p);
  return CONTRASTS.some(([p, q]) => one(a, b, p, q) || one(a, b, q, p));
}

/**
 * How the statement's facts answer one condition; null when they disagree or differ in degree.
 * A fact of another case ("因客观原因未认领" against "因主观原因未认领") rules the condition out
 * only when no fact speaks of it directly: the statement is taken as the whole account.
 */
function answer(atom: string, facts: string[], used: Set<number>): Answer | null {
  const s = senseOf(atom);
  if (s.core.length < 2) return 'unknown';
  let direct: Answer = 'unknown';
  let otherCase = false;
  for (let i = 0; i < facts.length; i++) {
    const f = senseOf(facts[i]);
    if (share(f.core, s.core) < MATCH_MIN || share(s.core, f.core) < MATCH_MIN) continue;
    if (TIMELY.test(atom) && !TIMELY.test(facts[i])) continue;
    if (f.qualifiers !== s.qualifiers) return null;
    used.add(i);
    if (contrary(plain(atom), plain(facts[i]))) {
      // Another case stated the other way round says nothing of this one.
      if (f.negated === s.negated) otherCase = true;
      continue;
    }
    const v: Answer = f.negated === s.negated ? 'holds' : 'fails';
    if (direct !== 'unknown' && direct !== v) return null;
    direct = v;
  }
  return direct !== 'unknown' ? direct : otherCase ? 'fails' : 'unknown';
}

/** A clause's condition as alternatives (或) of conditions that must all hold (但, 且, a comma). */
function alternativesOf(condition: string): string[][] {
  return condition
    .split(/或者|或/)
    .map((alt) =>
      alt
        .split(/但是|但|并且|而且|且|而|同时|[，,]/)
        .map((x) => x.trim())
        .filter((x) => plain(x).length > 0),
    )
    .filter((alt) => alt.length > 0);
}

function clauseAnswer(r: Reading, facts: string[], used: Set<number>): Answer | null {
  const alts = alternativesOf(r.condition).map((conj) => conj.map((a) => answer(a, facts, used)));
  if (alts.some((c) => c.includes(null))) return null;
  if (alts.some((c) => c.every((x) => x === 'holds'))) return 'holds';
  if (alts.every((c) => c.includes('fails'))) return 'fails';
  return 'unknown';
}

/**
 * Failure clauses made of alternatives ("因主观原因未认领或因客观原因未认领但没有提交不予认领
 * 相关说明的扣3分") against the statement's facts ("因客观原因未认领1项，已提交不予认领说明"):
 * each condition is answered by the fact that speaks of it (the same words both ways), a
 * clause holds when one alternative holds whole, and fails when every alternative has a
 * part that fails. One failure holding takes its outcome; every failure failing is full
 * marks. Every fact must speak of a failure; anything else is left to the other readings.
 */
function byFormulas(readings: Reading[], statement: string, max: Decimal): RuleScoreResult | null {
  if (!readings.some((r) => r.sense.joined && NEGATED_WORD.test(r.condition))) return null;
  if (/或/.test(statement) || readings.some((r) => !isFailure(r) && !(r.clause.full || r.clause.award?.eq(max)))) return null;
  const facts = factsOf(statement);
  const used = new Set<number>();
  const failures = readings.filter(isFailure);
  const answers = failures.map((r) => clauseAnswer(r, facts, used));
  if (answers.includes(null)) return fail(`实际情况“${statement}”与评分标准条款的对应不明确，需评价人判断`);
  if (used.size < facts.length) return null;
  const holding = failures.filter((_, i) => answers[i] === 'holds');
  if (holding.length > 1) return fail(`实际情况“${statement}”同时对应${holding.map((r) => `“${r.clause.text}”`).join('、')}，需评价人判断`);
  if (holding.length === 1) {
    const o = outcome(holding[0].clause, max);
    if ('ok' in o) return o;
    return { ok: true, raw: o.points, score: o.points, trace: `实际情况“${statement}”，符合“${holding[0].clause.text}”，${o.said}` };
  }
  if (answers.every((a) => a === 'fails')) {
    return {
      ok: true,
      raw: max,
      score: max,
      trace: `实际情况“${statement}”，不属于${failures.map((r) => `“${r.clause.text}”`).join('、')}，不扣分，得满分${pts(max)}`,
    };
  }
  return null;
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
    const hits = failures.filter((r) => speaksOf(sense, f, r));
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
