/**
 * A table of outcomes whose conditions speak of several named inputs at once: "完成招商工作任务
 * 80%以上且完成实际投入资金当年任务的20%以上(75分)。…完成招商工作任务50%以下的不得分",
 * "已落实管护主体…的项目超过80%、70%和60%,且运行管护效果良好,分别得6分、4分和2分。…不足60%,
 * 或运行管护效果较差,不得分", "无结余,3分;有结余,但不超过上年结转,2分;结余超过上年结转,不得分".
 *
 * Each row is one outcome for the whole indicator (the best row gives the max); its condition
 * is made of facts joined by 且/，(all must hold) or 或 (one is enough). A fact is one of:
 *  - a line on one input: "招商工作任务80%以上", "不足60%", "完成实际投入资金当年任务的20%";
 *  - a task done or not, on a completion rate: "完成当年县下达招商工作任务" (100%);
 *  - one input against another: "(结余)不超过上年结转";
 *  - an amount there or not: "无结余", "有结余";
 *  - a yes/no answer: "运行管护效果良好" against "良好" / "较差".
 * The rows are tried from the most points down, as bands are: the first that holds gives the
 * score. Pending beats wrong: a fact not read, a higher row that cannot be decided (its
 * input not typed), an input no fact speaks of, or no row that holds, and nothing is computed.
 */
import { Decimal, ONE, ZERO, dec } from '../decimal';
import { parseQuantity, fmtQuantity, quantity, type Quantity } from '../quantity';
import { readTypedActual } from '../typedActual';
import { COMPARATORS, findOutcomes, sameFamily, scanQuantities, suffixBound, comparatorBefore, type Bound } from '../rules/lexicon';
import { pts } from '../rules/format';
import { EDGE_CONVENTION } from '../rules/score';
import type { RuleScoreResult } from '../rules/types';
import { normText, simplified, toHalfWidth } from '../text';
import { clauses } from './clauses';
import { bindClause, conditionHolds, type NamedInput } from './binding';

type Fail = { ok: false; reason: string };
const fail = (reason: string): Fail => ({ ok: false, reason });

/** What one fact of a row asks. */
type Fact =
  | { kind: 'line'; input: number; bound: Bound; line: Quantity; text: string }
  | { kind: 'versus'; input: number; other: number; bound: Bound; text: string }
  | { kind: 'exists'; input: number; present: boolean; text: string }
  | { kind: 'answer'; input: number; text: string }
  /** A fact no typed input speaks of: unknown, unless another fact of the row decides it. */
  | { kind: 'untyped'; text: string };

interface Row {
  text: string;
  points: Decimal;
  facts: Fact[];
  /** 或: one fact is enough; otherwise all must hold. */
  any: boolean;
}

/** A typed input as read: a quantity, or words (a yes/no answer). */
type Value = { q: Quantity } | { words: string };

/** Words that make a row something else than one outcome for the whole: deductions, rates, bonuses. */
const NOT_A_ROW = /扣|每|按比例|比例得分|加\d|得满分|酌情/;
/** Facts that must all hold: commas, 且, 并且, 同时, 但. */
const AND = /[，,]|、?(?:并且|而且|且|同时|但是|但)/;
/** Facts of which one is enough. */
const OR = /[，,]?或(?:者)?/;
/** "完成当年县下达招商工作任务": the whole task. */
const TASK_DONE = /^(?:完成|达到|实现)(.*(?:任[务務]|计划|目标))$/;
const TASK_MISSED = /^(?:未|没有)(?:完成|达到|实现)(.*(?:任[务務]|计划|目标))$/;
/** "无结余", "有结余": an amount there or not. */
const EXISTS = /^(有|存在|无|没有|不存在)(.{2,})$/;
/** A list of lines sharing one comparator ("80%、70%和60%") for "分别得6分、4分和2分". */
const LIST_JOIN = /^(?:以上|及以上)?(?:、|和|及|与)$/;
/** "分别得6分、4分和2分". */
const SHARES = /分别(?:得|计|记)((?:\d+(?:\.\d+)?分(?:、|和|及|,|，)?)+)$/;

function plain(text: string): string {
  return simplified(toHalfWidth(normText(text))).replace(/\s+/g, '');
}

function valueOf(input: NamedInput): Value {
  const q = parseQuantity(input.text);
  if (q.ok) return { q: q.q };
  const typed = readTypedActual(input.text, null);
  if (typed.ok) return { q: typed.value.q };
  return { words: input.text };
}

function holdsBound(v: Decimal, bound: Bound, line: Decimal): boolean {
  switch (bound) {
    case 'lowerInc':
      return v.gte(line);
    case 'lowerExc':
      return v.gt(line);
    case 'upperInc':
      return v.lte(line);
    case 'upperExc':
      return v.lt(line);
  }
}

const BOUND_WORD: Record<Bound, string> = { lowerInc: '≥', lowerExc: '>', upperInc: '≤', upperExc: '<' };

/** A row's outcome at its end: "(75分)", "，3分", "不得分", "分别得6分、4分和2分". */
function rowsOf(text: string): { cond: string; points: Decimal[]; text: string }[] | null {
  const out: { cond: string; points: Decimal[]; text: string }[] = [];
  for (const clause of clauses(text)) {
    const t = plain(clause)
      .replace(/,/g, '，')
      .replace(/[。；;，]+$/, '');
    if (/^[（(][^）)]*[)）]$/.test(t)) continue;
    if (NOT_A_ROW.test(t)) return null;
    const shares = SHARES.exec(t);
    if (shares) {
      const points = [...shares[1].matchAll(/(\d+(?:\.\d+)?)分/g)].map((m) => dec(m[1]));
      out.push({ cond: t.slice(0, shares.index), points, text: clause });
      continue;
    }
    const outs = findOutcomes(t);
    if (outs.length !== 1) return null;
    const o = outs[0];
    const p = o.points;
    if (p === undefined || t.slice(o.end).replace(/[）)。，；]/g, '') !== '') return null;
    out.push({ cond: t.slice(0, o.start), points: [p], text: clause });
  }
  return out.length >= 2 ? out : null;
}

/** The condition of a row without numbering, asides ("(购地或租赁)") and the closing 的. */
function cleanCondition(cond: string): string {
  return cond
    .replace(/^(?:\d{1,2}[、.]|[（(]\d{1,2}[)）]|[（(][一二三四五六七八九十]+[)）])/, '')
    .replace(/[（(][^（()）\d]*[)）]/g, '')
    .replace(/[，、:：]+$/, '')
    .replace(/的$/, '')
    .replace(/[，、]+$/, '');
}

/** The comparator that governs the quantity at [start, end) of a fact. */
function boundAt(t: string, start: number, end: number): Bound | null | 'conflict' {
  const before = comparatorBefore(t, start);
  const after = suffixBound(t, end);
  if (before && after && before !== after) return 'conflict';
  if (before ?? after) return before ?? after;
  // "完成实际投入资金当年任务的20%": reaching it.
  if (/(?:完成|达到|实现)[^，\d]{0,20}$/.test(t.slice(0, start))) return 'lowerInc';
  return null;
}

/** Bind a fact's subject to an input, or inherit the row's last subject ("有结余，但不超过上年结转"). */
function subjectOf(words: string, inputs: NamedInput[], last: number): number {
  const at = words.replace(/[的，、]+$/, '').length >= 2 ? bindClause(words, inputs) : -1;
  return at >= 0 ? at : last;
}

/**
 * One fact read against the inputs; a list of lines gives one fact per line ("超过80%、70%
 * 和60%"); a reason when the fact has numbers or words that cannot be read.
 */
function readFact(text: string, inputs: NamedInput[], values: Value[], last: number): Fact[] | Fail {
  const t = text.replace(/^[，、]+|[，、]+$/g, '').replace(/的$/, '');
  const found = scanQuantities(t).filter((s) => !(s.q.unit === 'score'));
  if (found.length > 0) {
    for (let i = 1; i < found.length; i++) {
      const between = t.slice(found[i - 1].end, found[i].start);
      if (!LIST_JOIN.test(between)) return fail(`“${t}”有多个数，无法读懂`);
    }
    const first = found[0];
    const words = t.slice(0, first.start).replace(new RegExp(`(?:${COMPARATORS.map(([w]) => w.replace(/[.*+?^${}()|[\]\\<>=]/g, '\\$&')).join('|')})$`), '');
    const at = subjectOf(words, inputs, last);
    if (at < 0) return [{ kind: 'untyped', text: t }];
    const v = values[at];
    if (!('q' in v)) return fail(`“${inputs[at].name}：${inputs[at].text}”不是数值，无法与“${t}”比较`);
    const facts: Fact[] = [];
    for (const s of found) {
      let bound = boundAt(t, s.start, s.end);
      // "超过80%、70%和60%": the first line's comparator governs the list.
      if (bound === null && facts.length > 0) bound = (facts[0] as { bound: Bound }).bound;
      if (bound === null || bound === 'conflict') return fail(`“${t}”中${s.raw}是上限还是下限没有写明`);
      if (!sameFamily(s.q.unit, v.q.unit) || (s.q.unit === 'physical' && s.q.unitText !== v.q.unitText)) {
        return fail(`“${inputs[at].name}：${inputs[at].text}”与“${t}”单位不同`);
      }
      facts.push({ kind: 'line', input: at, bound, line: s.q, text: t });
    }
    return facts;
  }
  // One input against another: "(结余)不超过上年结转".
  for (const [w, bound] of COMPARATORS) {
    const i = t.indexOf(w);
    if (i < 0 || !/[\u4e00-\u9fff]/.test(w)) continue;
    const other = bindClause(t.slice(i + w.length), inputs);
    if (other < 0) break;
    const at = subjectOf(t.slice(0, i), inputs, last);
    if (at < 0 || at === other) return fail(`“${t}”比较的是什么没有读懂`);
    const a = values[at];
    const b = values[other];
    if (!('q' in a) || !('q' in b) || !sameFamily(a.q.unit, b.q.unit)) return fail(`“${t}”：“${inputs[at].name}”与“${inputs[other].name}”无法比较`);
    return [{ kind: 'versus', input: at, other, bound, text: t }];
  }
  const at = bindClause(t, inputs);
  if (at < 0) return [{ kind: 'untyped', text: t }];
  const v = values[at];
  if ('words' in v) return [{ kind: 'answer', input: at, text: t }];
  const done = TASK_DONE.exec(t);
  const missed = TASK_MISSED.exec(t);
  if ((done || missed) && v.q.unit === 'percent') {
    return [{ kind: 'line', input: at, bound: done ? 'lowerInc' : 'upperExc', line: quantity(ONE, 'percent'), text: t }];
  }
  const exists = EXISTS.exec(t);
  if (exists && bindClause(exists[2], inputs) === at) return [{ kind: 'exists', input: at, present: /^(?:有|存在)$/.test(exists[1]), text: t }];
  return fail(`“${t}”与“${inputs[at].name}：${inputs[at].text}”的关系没有读懂`);
}

/** Does a fact hold for the typed values? null when no input speaks of it or the answer does not tell. */
function factHolds(f: Fact, inputs: NamedInput[], values: Value[]): boolean | null {
  switch (f.kind) {
    case 'untyped':
      return null;
    case 'line':
      return holdsBound((values[f.input] as { q: Quantity }).q.value, f.bound, f.line.value);
    case 'versus':
      return holdsBound((values[f.input] as { q: Quantity }).q.value, f.bound, (values[f.other] as { q: Quantity }).q.value);
    case 'exists':
      return (values[f.input] as { q: Quantity }).q.value.gt(0) === f.present;
    case 'answer':
      return conditionHolds(f.text, inputs[f.input].text);
  }
}

function describe(f: Fact, inputs: NamedInput[], values: Value[], holds = true): string {
  const no = holds ? '' : '不';
  const shown = (i: number) => `${inputs[i].name}${'q' in values[i] ? fmtQuantity((values[i] as { q: Quantity }).q) : `“${inputs[i].text}”`}`;
  switch (f.kind) {
    case 'untyped':
      return `“${f.text}”未填写`;
    case 'line':
      return `${shown(f.input)}${no}满足${BOUND_WORD[f.bound]}${fmtQuantity(f.line)}`;
    case 'versus':
      return `${shown(f.input)}${no}满足${BOUND_WORD[f.bound]}${shown(f.other)}`;
    case 'exists':
      return `${shown(f.input)}${no}属于“${f.text}”`;
    case 'answer':
      return `${shown(f.input)}${no}属于“${f.text}”`;
  }
}

/** A row as traces name it: its text, and its points when the text gives several ("分别得6分、4分和2分"). */
function rowName(row: Row): string {
  return /分别/.test(row.text) ? `“${row.text}”中得${pts(row.points)}的一档` : `“${row.text}”`;
}

/**
 * Score a table of outcomes over several named inputs, or say why not; null when the text
 * is not such a table (rows that deduct, add, or do not end in an outcome; a best row below
 * the max, as parts that add up are).
 */
export function scoreConditions(ruleText: string, inputs: NamedInput[], max: Decimal): RuleScoreResult | null {
  const raw = rowsOf(ruleText);
  if (!raw) return null;
  const values = inputs.map(valueOf);
  const rows: Row[] = [];
  for (const r of raw) {
    const cond = cleanCondition(r.cond);
    const alternatives = OR.test(cond);
    const pieces = cond.split(alternatives ? OR : AND).filter((p) => p.replace(/[，、]/g, '') !== '');
    // "有结余，但不超过上年结转或结转为零": which facts 或 joins is not said.
    if (alternatives && pieces.some((p) => AND.test(p))) return fail(`条款“${r.text}”同时有“且”和“或”，先后没有写明`);
    const facts: Fact[] = [];
    let last = -1;
    for (const p of pieces) {
      const read = readFact(p, inputs, values, alternatives ? -1 : last);
      if (!Array.isArray(read)) return read;
      facts.push(...read);
      const typed = read.find((f): f is Exclude<Fact, { kind: 'untyped' }> => f.kind !== 'untyped');
      if (typed) last = typed.input;
    }
    if (facts.length === 0) return null;
    const lists = facts.filter((f) => f.kind === 'line' && facts.filter((g) => g.kind === 'line' && g.text === f.text).length > 1);
    if (r.points.length > 1) {
      // "超过80%、70%和60%…分别得6分、4分和2分": one row per line.
      if (lists.length !== r.points.length) return fail(`条款“${r.text}”的分值与档次个数不符`);
      const rest = facts.filter((f) => !lists.includes(f));
      r.points.forEach((p, i) => rows.push({ text: r.text, points: p, facts: [lists[i], ...rest], any: alternatives }));
    } else {
      if (lists.length > 0) return fail(`条款“${r.text}”有多个档次，只有一个分值`);
      rows.push({ text: r.text, points: r.points[0], facts, any: alternatives });
    }
  }
  const best = rows.reduce((a, r) => (r.points.gt(a) ? r.points : a), ZERO);
  if (!best.eq(max)) return null;
  for (let i = 0; i < inputs.length; i++) {
    const used = rows.some((r) => r.facts.some((f) => f.kind !== 'untyped' && (f.input === i || (f.kind === 'versus' && f.other === i))));
    if (!used) return fail(`评分标准中没有条件对应输入“${inputs[i].name}”`);
  }
  const ordered = [...rows].sort((a, b) => b.points.comparedTo(a.points));
  const passed: string[] = [];
  for (const row of ordered) {
    const truths = row.facts.map((f) => factHolds(f, inputs, values));
    const holds = row.any
      ? truths.some((t) => t === true)
        ? true
        : truths.every((t) => t === false)
          ? false
          : null
      : truths.some((t) => t === false)
        ? false
        : truths.every((t) => t === true)
          ? true
          : null;
    if (holds === null) {
      const open = row.facts.filter((_, i) => truths[i] === null).map((f) => `“${f.text}”`);
      return fail(`无法判断是否满足${rowName(row)}：${open.join('、')}没有填写或无法判断`);
    }
    if (!holds) {
      const why = row.facts.filter((_, i) => truths[i] === false).map((f) => describe(f, inputs, values, false));
      passed.push(`不满足${rowName(row)}（${why.join('，')}）`);
      continue;
    }
    const met = row.facts.filter((_, i) => truths[i] === true).map((f) => describe(f, inputs, values));
    const said = `满足${rowName(row)}（${met.join('，')}）`;
    const points = row.points.gt(max) ? max : row.points;
    return { ok: true, raw: points, score: points, trace: `${passed.length ? `${passed.join('；')}；` : ''}${said}，得${pts(points)}` };
  }
  const typed = inputs.map((x, i) => ('q' in values[i] ? `${x.name}${fmtQuantity((values[i] as { q: Quantity }).q)}` : `${x.name}“${x.text}”`));
  const edge = unclaimedEdge(ordered, inputs, values);
  if (edge) {
    const { upper, lower, fact } = edge;
    const at = describe(fact, inputs, values, false);
    const points = Decimal.min(upper.points, lower.points);
    const trace =
      `${passed.join('；')}；${at.replace(/不满足.*$/, '')}恰在${rowName(upper)}与${rowName(lower)}的分界上，两档均不含该值，` +
      `${EDGE_CONVENTION}，得${pts(points)}`;
    return { ok: true, raw: points, score: points, trace };
  }
  return fail(`${typed.join('、')}不属于评分标准的任何一档（${passed.join('；')}）`);
}

/** Does a row hold when its exclusive lines exactly at the typed value are taken as met? */
function holdsAtEdge(row: Row, inputs: NamedInput[], values: Value[], onEdge: (f: Fact) => boolean): boolean {
  const truths = row.facts.map((f) => (onEdge(f) ? true : factHolds(f, inputs, values)));
  return row.any ? truths.some((t) => t === true) : truths.every((t) => t === true);
}

/**
 * No row holds because the typed value sits exactly on a line that the row above excludes
 * ("超过60%") and the row below excludes too ("不足60%"): the same convention as single-input
 * bands (rules/score.ts EDGE_CONVENTION) — the row of the two with fewer points, and only when exactly one
 * row meets that edge from each side and each would hold on it.
 */
function unclaimedEdge(rows: Row[], inputs: NamedInput[], values: Value[]): { upper: Row; lower: Row; fact: Fact } | null {
  const onEdge =
    (bound: Bound) =>
    (f: Fact): boolean =>
      f.kind === 'line' && f.bound === bound && (values[f.input] as { q: Quantity }).q.value.eq(f.line.value);
  const above = rows.filter((r) => r.facts.some(onEdge('lowerExc')) && holdsAtEdge(r, inputs, values, onEdge('lowerExc')));
  const below = rows.filter((r) => r.facts.some(onEdge('upperExc')) && holdsAtEdge(r, inputs, values, onEdge('upperExc')));
  if (above.length !== 1 || below.length !== 1) return null;
  const [upper, lower] = [above[0], below[0]];
  const fact = upper.facts.find(onEdge('lowerExc'))!;
  const other = lower.facts.find(onEdge('upperExc'))!;
  if (fact.kind !== 'line' || other.kind !== 'line' || fact.input !== other.input) return null;
  return { upper, lower, fact };
}
