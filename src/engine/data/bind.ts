/**
 * Binding an indicator to its actual value: a typed 实际值 cell, or a column of
 * a data sheet found by name (话务接通率 ↔ 话务接通率, 知识库更新及时性 ↔
 * 知识库月更新量（条）), or a survey item. Yearly rates are pooled sums;
 * per-month rules get the monthly series.
 */
import { toA1 } from '../address';
import { Decimal, dec, fmt } from '../decimal';
import { finding, type Finding } from '../findings';
import type { CellInput } from '../indicators/model';
import { findQuantities, fmtQuantity, parseQuantity, quantity, samePhysicalUnit, unitKey, type Quantity } from '../quantity';
import { readTypedActual } from '../typedActual';
import { isApproximate, readWordsForRule } from './wordsForRule';
import type { ActualValue, Measure, MonthValue, Rule } from '../rules/types';
import { bigrams, diceOfBigrams, normName, normText } from '../text';
import type { DataContext } from './context';
import { columnSum, pooledRate, type DataColumn, type DataTable } from './tables';
import { defaultWeights, scoreSurvey, type SurveyItem } from './survey';
import { memoInRun } from '../runCache';

/** Grades of an event a count may name (生产安全事故等级). */
const EVENT_GRADE = /^(?:一般|[较較]大|重大|特[别別]重大)/;

export interface Bound {
  actual: ActualValue;
  /** The value as shown to the evaluator ("94.36%", "12个月"). */
  display: string;
  /** Where it came from, in Chinese ("附件3!话务接通数÷话务量，12个月合计"). */
  source: string;
  /** How the value was derived, prefixed to the score trace ("Σ324720÷Σ344111=94.36%"). */
  derivation?: string;
  /** Findings about the value (stated rate contradicted, months missing...). */
  findings: Finding[];
  /** True when the data cannot be used (unreadable cells): score nothing. */
  unusable?: boolean;
}

const MONTHLY_KINDS = new Set(['perMonth']);
const DATA_KINDS = new Set(['proportional', 'step', 'bands', 'perMonth']);

/** Does the rule want a per-month mean rather than a yearly total ("月均不低于3万通")? */
function wantsMonthlyMean(rule: Rule): boolean {
  return /月均|平均每月|每月平均|月平均/.test(rule.text);
}

function ruleIsPercent(rule: Rule): boolean {
  switch (rule.kind) {
    case 'proportional':
      return !rule.target || rule.target.unit === 'percent';
    case 'step':
      return rule.threshold.unit === 'percent';
    case 'perMonth':
      return rule.threshold.unit === 'percent';
    case 'bands':
      return rule.bands.some((b) => !b.measure && (b.lo ?? b.hi)?.unit === 'percent');
    default:
      return false;
  }
}

/** Read the evaluator's 实际值 cell for this rule. */
export function actualFromCell(cell: CellInput | undefined, rule: Rule, sheet: string): Bound | { error: Finding } | null {
  if (!cell || cell.value === null || (typeof cell.value === 'string' && cell.value.trim() === '')) return null;
  const where = { sheet, cell: toA1(cell.row, cell.col) };
  const text = typeof cell.value === 'string' ? normText(cell.value) : String(cell.value);
  // "实际到位资金：80万元；计划资金：100万元": several named inputs in one cell (实际值, 评分规则 sheet, the pane),
  // whatever the rule as a whole reads: they may be scored part by part.
  const named = namedInputs(text);
  if (named) {
    const r = actualFromInputs(named, rule);
    if ('error' in r) return { error: finding('ACTUAL_UNREADABLE', 'error', `实际值无法读取：${r.error}`, where, { actual: text }) };
    // Scored part by part, the trace names each input with its value.
    const derivation = r.actual.kind === 'named' ? undefined : r.display;
    return { actual: r.actual, display: r.display, source: `${sheet}!${where.cell}`, findings: [], ...(derivation ? { derivation } : {}) };
  }
  if (rule.kind === 'categorical' || rule.kind === 'grade') {
    return { actual: { kind: 'text', text }, display: text, source: `${sheet}!${where.cell}`, findings: [] };
  }
  // "约3处", "93%左右": only about; a score needs the figure.
  if (typeof cell.value === 'string' && isApproximate(text)) {
    return { error: finding('ACTUAL_UNREADABLE', 'error', `实际值无法读取：“${text}”是约数，请填写确切的数`, where, { actual: text }) };
  }
  if (rule.kind === 'additive' || rule.kind === 'perOccurrence') {
    const counts = countsFromText(text);
    // One kind of event: its count by kind only when the words may name another event ("较大事故1起"
    // against "每发生一起一般事故扣1分；发生较大及以上事故的，该项不得分"), else the plain count below.
    const byKind = rule.kind === 'additive' || rule.items.length > 1 || !!rule.zeroIf || counts.some((c) => EVENT_GRADE.test(c.label));
    if (counts.length > 0 && byKind) {
      return { actual: { kind: 'counts', counts }, display: text, source: `${sheet}!${where.cell}`, findings: [] };
    }
  }
  const r = parseQuantity(cell.value, cell.numberFormat);
  const findings: Finding[] = [];
  let q: Quantity;
  if (r.ok) q = r.q;
  else {
    // "发现3处", "三次", "第5名", "无", "延迟15天": words around the number, as evaluators type them.
    const typed = readWordsForRule(rule, text, countUnitOf(rule));
    if (!typed.ok) {
      const reason = r.empty ? r.reason : typed.reason;
      return { error: finding('ACTUAL_UNREADABLE', 'error', `实际值无法读取：${reason}`, where, { actual: text }) };
    }
    q = typed.q;
    for (const note of typed.notes) findings.push(finding('ACTUAL_READ_FROM_TEXT', 'info', `实际值${note}`, where));
  }
  // "≥95%" is a target: typed where the actual belongs it says nothing about what was achieved.
  if (q.comparator && q.comparator !== '=') {
    return {
      error: finding('ACTUAL_IS_TARGET', 'error', `实际值“${text}”是目标值的写法（带${q.comparator}），请填写实际完成值`, where, { actual: text }),
    };
  }
  if (q.repaired) {
    findings.push(finding('NUMBER_REPAIRED', 'warning', `实际值“${text}”含空格或换行，已按${fmtQuantity(q)}读取`, where));
  }
  // A bare number against a percentage rule: 0.9436 is a fraction, 94.36 a percent.
  if (q.unit === 'none' && ruleIsPercent(rule)) {
    if (q.value.gt(1)) {
      q = { ...q, value: q.value.div(100), unit: 'percent', unitText: '%' };
      findings.push(finding('ACTUAL_READ_AS_PERCENT', 'info', `实际值${text}按${fmtQuantity(q)}理解`, where));
    } else q = { ...q, unit: 'percent', unitText: '%' };
  }
  return { actual: { kind: 'quantity', q }, display: fmtQuantity(q), source: `${sheet}!${where.cell}`, findings };
}

/** "名称：值；名称：值" with two or more pairs, or null. */
export function namedInputs(text: string): Record<string, string> | null {
  const parts = text
    .split(/[；;\n]|[，,](?=[^，,；;\d]{2,20}[:：=])/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 2) return null;
  const out: Record<string, string> = {};
  for (const p of parts) {
    // A name may hold the numbers of a kind ("3-10亿元项目") and be long ("已落实管护主体和建立运行管护
    // 制度的项目比例"), as long as it is words: two Chinese characters at least, and not a time ("10:30").
    const wide = /^([^:：=]{2,30})[:：=]\s*(.+)$/.exec(p);
    const m = /^([^\d:：=]{2,20})[:：=]\s*(.+)$/.exec(p) ?? (wide && (wide[1].match(/[\u4e00-\u9fff]/g) ?? []).length >= 2 ? wide : null);
    if (!m) return null;
    out[m[1].trim()] = m[2].trim();
  }
  return out;
}

/** The unit word a zero ("无", "未发生") counts in for this rule; null when the rule does not count things. */
function countUnitOf(rule: Rule): string | null {
  switch (rule.kind) {
    case 'perOccurrence':
      return rule.items[0]?.unitWord || '次';
    case 'additive':
      return rule.items[0]?.unitWord || '项';
    case 'perMonth':
      return '个月';
    case 'step':
      return rule.threshold.unit === 'count' || rule.threshold.unit === 'time' ? rule.threshold.unitText || '次' : null;
    case 'bands': {
      const edge = rule.bands.map((b) => b.lo ?? b.hi).find((e) => e);
      return edge && (edge.unit === 'count' || edge.unit === 'time') ? edge.unitText || '次' : null;
    }
    default:
      return null;
  }
}

/**
 * Several named inputs typed by the evaluator ("实际到位资金: 80万元", "计划资金:
 * 100万元"), combined as the rule's text defines its measure: a ratio of two
 * amounts, or a change against last year. One input is used as it is.
 */
export function actualFromInputs(inputs: Record<string, string>, rule: Rule): { actual: ActualValue; display: string } | { error: string } {
  const read: { name: string; q: Quantity }[] = [];
  const entries = Object.entries(inputs);
  // Left to part-by-part scoring (scoring/compound.ts), which may read each input against its own clauses.
  const byParts = (why: string) => ({
    actual: { kind: 'named' as const, inputs: entries.map(([name, text]) => ({ name, text })), why },
    display: entries.map(([name, text]) => `${name}：${text}`).join('；'),
  });
  for (const [name, value] of entries) {
    const r = parseQuantity(value);
    if (r.ok) {
      read.push({ name, q: r.q });
      continue;
    }
    const typed = readTypedActual(value, countUnitOf(rule) ?? '');
    if (!typed.ok) return entries.length > 1 ? byParts(`“${name}”${typed.reason}`) : { error: `“${name}”${typed.reason}` };
    read.push({ name, q: typed.value.q });
  }
  if (read.length === 1) return { actual: { kind: 'quantity', q: read[0].q, label: read[0].name }, display: fmtQuantity(read[0].q) };
  // Counts of the alternatives of one deduction ("每缺少一个项目或项目填写错误", "瞒报、漏报、多报的"): their sum.
  if (rule.kind === 'perOccurrence' && rule.items.length === 1 && /或|、/.test(rule.items[0].label)) {
    if (read.some((x) => x.q.unit !== 'count' && x.q.unit !== 'none')) return byParts('计数的输入须为个数');
    const total = read.reduce((a, x) => a.plus(x.q.value), dec(0));
    const q = quantity(total, 'count', rule.items[0].unitWord);
    return {
      actual: { kind: 'quantity', q, label: rule.items[0].label },
      display: `${read.map((x) => `${x.name}${fmtQuantity(x.q)}`).join('+')}=${fmtQuantity(q)}`,
    };
  }
  // Counts per kind ("主办件: 12件", "协办件: 10件") for a rule that counts several kinds.
  if ((rule.kind === 'additive' || rule.kind === 'perOccurrence') && rule.items.length > 1) {
    if (read.some((x) => x.q.unit !== 'count' && x.q.unit !== 'none')) return byParts('按类别计数的输入须为个数');
    return {
      actual: { kind: 'counts', counts: read.map((x) => ({ label: x.name, n: x.q.value })) },
      display: read.map((x) => `${x.name}${fmtQuantity(x.q)}`).join('，'),
    };
  }
  // Rules that score no ratio (options in words: "有结余，但不超过上年结转"; items; the evaluator's): the inputs go part by part.
  const pair = rule.kind === 'categorical' || rule.kind === 'checklist' || rule.kind === 'judgement' ? null : planPair(read);
  let m = rule.measure ?? pair;
  if (!m) return byParts(`有${read.length}个输入（${read.map((x) => x.name).join('、')}），评分标准没有写明如何由它们计算`);
  // "根据超计划时间占计划完成时间百分比…与计划每相差4%": against 100% of the plan, 实际÷计划 says the same.
  const againstPlan = rule.kind === 'step' && rule.threshold.unit === 'percent' && rule.threshold.value.eq(1);
  if (m !== pair && pair && againstPlan && !read.some((x) => nameScore(m!.numerator, x.name) > 0.5)) m = pair;
  const pick = (want: string, taken: Set<number>) => {
    let best = -1;
    let bestScore = 0.5;
    read.forEach((x, i) => {
      if (taken.has(i)) return;
      const sc = nameScore(want, x.name);
      if (sc > bestScore) {
        best = i;
        bestScore = sc;
      }
    });
    if (best >= 0) taken.add(best);
    return best;
  };
  const taken = new Set<number>();
  const den = pick(m.denominator, taken);
  const num = m.minus ? pick(m.numerator, taken) : pick(m.numerator, taken);
  const minus = m.minus ? (m.minus === m.denominator ? den : pick(m.minus, taken)) : -1;
  if (num < 0 || den < 0 || (m.minus && minus < 0)) return { error: `输入对应不到评分标准的“${m.text || `${m.numerator}/${m.denominator}`}”` };
  const a = read[num].q;
  const b = read[den].q;
  const otherUnit = a.unit !== b.unit ? !(a.unit === 'none' || b.unit === 'none') : a.unit === 'physical' && !samePhysicalUnit(a, b);
  if (otherUnit) return { error: `“${read[num].name}”与“${read[den].name}”单位不同` };
  if (b.value.isZero()) return { error: `“${read[den].name}”为0，无法计算比率` };
  const top = m.minus ? a.value.minus(read[minus].q.value) : a.value;
  const q = quantity(top.div(b.value), 'percent');
  const label = m.minus ? `（${read[num].name}-${read[minus].name}）÷${read[den].name}` : `${read[num].name}÷${read[den].name}`;
  return {
    actual: { kind: 'quantity', q, label: rule.subject || undefined },
    display: `${label}=${fmtQuantity(m.minus ? { ...a, value: top } : a)}÷${fmtQuantity(b)}=${fmtQuantity(q)}`,
  };
}

/** Two inputs named 实际… and 计划…/目标… in one unit: the measure is their ratio (实际完成时间 ÷ 计划完成时间). */
const ACTUAL_LIKE = /实际|完成|执行|到位|本年/;
/** The line's own words win: "计划完成时间" is the plan, "年度建设任务完成面积" (no 计划) the achievement. */
const PLAN_LIKE = /计划|目标|预算|应|上年/;

function planPair(read: { name: string; q: Quantity }[]): Measure | null {
  if (read.length !== 2) return null;
  const plans = read.filter((x) => PLAN_LIKE.test(x.name));
  const actuals = read.filter((x) => !PLAN_LIKE.test(x.name) && ACTUAL_LIKE.test(x.name));
  if (actuals.length !== 1 || plans.length !== 1) return null;
  const [actual] = actuals;
  const [plan] = plans;
  if (!actual || !plan || unitKey(actual.q) !== unitKey(plan.q)) return null;
  return { numerator: actual.name, denominator: plan.name, text: `${actual.name}/${plan.name}` };
}

/** "全国性奖项2项，省级3项" -> [{全国性奖项, 2}, {省级, 3}]. */
export function countsFromText(text: string): { label: string; n: Decimal }[] {
  const out: { label: string; n: Decimal }[] = [];
  for (const part of normText(text).split(/[，,；;、。\s]+/)) {
    const m = /^(.*?[\u4e00-\u9fff])[:：]?\s*(\d+(?:\.\d+)?)\s*[项个次起处件条]?$/.exec(part);
    if (m) out.push({ label: m[1], n: dec(m[2]) });
  }
  return out;
}

/** Strip unit notes and generic words so 知识库月更新量（条） meets 知识库更新及时性. */
function core(name: string): string {
  return normName(name)
    .replace(/[（(][^）)]*[)）]/g, '')
    .replace(/^(12345)?(政务服务)?(热线)?/, '')
    .replace(/(情况|指标)$/, '');
}

/** A name prepared for nameScore: its core, and the core's normalised form and bigrams for similarity(). */
interface NameKey {
  core: string;
  norm: string;
  grams: string[] | null;
}

/** Prepared once per distinct name within a run (every indicator's names are matched against every header). */
const nameKey = memoInRun((name: string): NameKey => {
  const c = core(name);
  const norm = normName(c);
  return { core: c, norm, grams: norm ? bigrams(norm) : null };
});

/**
 * Data headers and survey labels are matched against every indicator: prepare each
 * once per workbook (keyed by the column or item's text; the context is rebuilt per run).
 */
const labelKeys = new WeakMap<DataContext, Map<string, NameKey>>();

function labelKey(data: DataContext, label: string): NameKey {
  let m = labelKeys.get(data);
  if (!m) labelKeys.set(data, (m = new Map()));
  let k = m.get(label);
  if (!k) m.set(label, (k = nameKey(label)));
  return k;
}

/** nameScore on prepared names: the same arithmetic as similarity(core(a), core(b)). */
function scoreKeys(a: NameKey, b: NameKey): number {
  if (!a.core || !b.core) return 0;
  if (a.core === b.core) return 1;
  let s = !a.norm || !b.norm ? 0 : a.norm === b.norm ? 1 : diceOfBigrams(a.grams!, b.grams!);
  if (a.core.length >= 2 && b.core.length >= 2 && (a.core.includes(b.core) || b.core.includes(a.core))) s = Math.max(s, 0.8);
  return s;
}

export function nameScore(query: string, header: string): number {
  return scoreKeys(nameKey(query), nameKey(header));
}

interface Candidate {
  score: number;
  column?: DataColumn;
  table?: DataTable;
  survey?: SurveyItem;
}

/**
 * Per data context: candidate lists by query (many indicators share names and
 * rule texts) and bound values by column and mode (monthly / mean / total).
 * Binding thousands of indicators must not re-sum the same column each time.
 */
const candidateCache = new WeakMap<DataContext, Map<string, Candidate[]>>();
const columnCache = new WeakMap<DataColumn, Map<string, Bound | null>>();

function candidates(names: string[], rule: Rule, data: DataContext): Candidate[] {
  let cache = candidateCache.get(data);
  if (!cache) candidateCache.set(data, (cache = new Map()));
  const key = `${names.join('\u0001')}\u0002${rule.kind}\u0002${rule.text}`;
  let hit = cache.get(key);
  if (!hit) cache.set(key, (hit = findCandidates(names, rule, data)));
  return hit;
}

function fromColumnCached(column: DataColumn, table: DataTable, rule: Rule): Bound | null {
  let cache = columnCache.get(column);
  if (!cache) columnCache.set(column, (cache = new Map()));
  const mode = MONTHLY_KINDS.has(rule.kind) ? 'monthly' : column.kind === 'rate' ? 'rate' : wantsMonthlyMean(rule) ? 'mean' : 'total';
  if (!cache.has(mode)) cache.set(mode, fromColumn(column, table, rule));
  return cache.get(mode)!;
}

function findCandidates(names: string[], rule: Rule, data: DataContext): Candidate[] {
  const out: Candidate[] = [];
  const wantRate = ruleIsPercent(rule);
  const queries = names.map(nameKey);
  for (const table of data.tables) {
    for (const column of table.columns) {
      if (column.kind === 'text') continue;
      const header = labelKey(data, column.header);
      let s = -Infinity; // Math.max over the queries, without building an array per column
      for (let k = 0; k < queries.length; k++) s = Math.max(s, scoreKeys(queries[k], header));
      if (s <= 0) continue;
      if (wantRate === (column.kind === 'rate')) s += 0.05;
      else if (rule.kind !== 'perMonth') s -= 0.15;
      if (column.unitWord && rule.text.includes(column.unitWord)) s += 0.1;
      out.push({ score: s, column, table });
    }
  }
  if (rule.kind !== 'perMonth') {
    for (const survey of data.surveys) {
      for (const item of survey.items) {
        const labels = [item.summaryLabel, item.question].filter(Boolean).map((l) => labelKey(data, l));
        let s = Math.max(0, ...queries.flatMap((q) => labels.map((l) => scoreKeys(q, l))));
        if (item.summaryLabel && queries.some((q) => q.core === labelKey(data, item.summaryLabel).core)) s = 1.1;
        if (s > 0) out.push({ score: s, survey: item });
      }
    }
  }
  return out.sort((a, b) => b.score - a.score);
}

/** Survey weights from the rule text ("权重分别为100%、80%、60%、30%、0%"), else the defaults. */
function surveyWeights(rule: Rule, item: SurveyItem): { weights: Decimal[]; stated: boolean } {
  const m = /权重(分别)?为?([^。；;]*)/.exec(rule.text);
  if (m) {
    const qs = findQuantities(m[2]).filter((f) => f.q.unit === 'percent');
    if (qs.length === item.levels.length) return { weights: qs.map((f) => f.q.value), stated: true };
  }
  return { weights: defaultWeights(item.levels), stated: false };
}

function fromSurvey(item: SurveyItem, rule: Rule): Bound | null {
  const { weights, stated } = surveyWeights(rule, item);
  const s = scoreSurvey(item, weights);
  if (!s) return null;
  const q = quantity(s.value, 'percent');
  const label = item.summaryLabel || item.question;
  const findings: Finding[] = [];
  if (!s.byCounts && s.total.minus(1).abs().gt('0.0001')) {
    findings.push(
      finding(
        'SURVEY_SHARES_NOT_100',
        'warning',
        `“${label}”各选项比例合计${fmt(s.total.times(100))}%，不等于100%，已按比例归一`,
        { sheet: item.sheet, cell: item.valueCells[0] },
        { expected: '100%', actual: `${fmt(s.total.times(100))}%` },
      ),
    );
  }
  if (item.stated && item.stated.value.minus(s.value).abs().gt('0.00005')) {
    findings.push(
      finding(
        'SURVEY_RATE_MISMATCH',
        'warning',
        `“${label}”填写为${fmtQuantity(item.stated)}，按其选项分布计算应为${fmtQuantity(q)}（${s.trace}）`,
        { sheet: item.sheet, cell: item.statedCell ?? item.valueCells[0] },
        { expected: fmtQuantity(q), actual: fmtQuantity(item.stated) },
      ),
    );
  }
  return {
    actual: { kind: 'quantity', q, label },
    display: fmtQuantity(q),
    source: `${item.sheet}!第${item.row}行问卷分布${stated ? '' : '（默认权重100/80/60/30/0）'}`,
    derivation: `${label}=${s.trace}`,
    findings,
  };
}

function fromColumn(column: DataColumn, table: DataTable, rule: Rule): Bound | null {
  const months: MonthValue[] = [];
  table.periods.forEach((p, i) => {
    const v = column.values[i];
    if (v) months.push({ label: p.label, value: v, sheet: table.sheet, cell: toA1(p.row, column.col) });
  });
  if (months.length === 0) return null;
  const where = `${table.sheet}!${column.header}`;
  const unreadable = [...column.unreadable, ...(column.num?.unreadable ?? []), ...(column.den?.unreadable ?? [])];
  if (unreadable.length > 0) {
    // Never score on a silently shortened series.
    const f = finding('DATA_UNREADABLE', 'error', `“${column.header}”有${unreadable.length}个月份的数据无法读取（${unreadable.join('、')}），不能计算`, {
      sheet: table.sheet,
      cell: unreadable[0],
    });
    return { actual: { kind: 'monthly', months: [] }, display: '', source: where, findings: [f], unusable: true };
  }
  if (MONTHLY_KINDS.has(rule.kind)) {
    return {
      actual: { kind: 'monthly', months, label: column.header },
      display: `${months.length}个月`,
      source: `${where}（${months[0].label}至${months[months.length - 1].label}逐月）`,
      findings: [],
    };
  }
  const findings: Finding[] = [];
  if (months.length < table.periods.length) {
    findings.push(
      finding('DATA_MONTHS_MISSING', 'warning', `“${column.header}”有${table.periods.length - months.length}个月份无数据`, {
        sheet: table.sheet,
        cell: toA1(table.periods[0].row, column.col),
      }),
    );
  }
  if (column.kind === 'rate') {
    const pooled = pooledRate(column);
    if (pooled && column.num && column.den) {
      const n = columnSum(column.num)!;
      const d = columnSum(column.den)!;
      const q = quantity(pooled, 'percent');
      return {
        actual: { kind: 'quantity', q, label: column.header },
        display: fmtQuantity(q),
        source: `${table.sheet}!Σ${column.num.header}÷Σ${column.den.header}（${months.length}个月合计）`,
        derivation: `${column.header}=Σ${column.num.header}÷Σ${column.den.header}=${n.toString()}÷${d.toString()}=${fmtQuantity(q)}`,
        findings,
      };
    }
    if (column.total) {
      return {
        actual: { kind: 'quantity', q: column.total, label: column.header },
        display: fmtQuantity(column.total),
        source: `${table.sheet}!${toA1(column.totalRow!, column.col)}（合计行）`,
        findings,
      };
    }
    const mean = months.reduce((a, m) => a.plus(m.value.value), dec(0)).div(months.length);
    const q = quantity(mean, 'percent');
    findings.push(
      finding('RATE_AVERAGED', 'warning', `“${column.header}”找不到分子分母列，也没有合计行，年度值按${months.length}个月简单平均计算为${fmtQuantity(q)}`, {
        sheet: table.sheet,
        cell: toA1(table.periods[0].row, column.col),
      }),
    );
    return { actual: { kind: 'quantity', q, label: column.header }, display: fmtQuantity(q), source: `${where}（月平均）`, findings };
  }
  const total = months.reduce((a, m) => a.plus(m.value.value), dec(0));
  const sample = months[0].value;
  if (wantsMonthlyMean(rule)) {
    const mean = total.div(months.length);
    const q: Quantity = { ...sample, value: mean, scale: 1, text: '', comparator: undefined, repaired: undefined };
    return {
      actual: { kind: 'quantity', q, label: column.header },
      display: fmtQuantity(q),
      source: `${where}（${months.length}个月平均）`,
      derivation: `月均${column.header}=${total.toString()}÷${months.length}=${fmt(mean)}`,
      findings,
    };
  }
  const q: Quantity = { ...sample, value: total, scale: 1, text: '', comparator: undefined, repaired: undefined };
  return {
    actual: { kind: 'quantity', q, label: column.header },
    display: fmtQuantity(q),
    source: `${where}（${months.length}个月合计）`,
    findings,
  };
}

/** Resolve an explicit data source: "sheet!header", "header", "num/den", "sheet!num/den". */
function fromSpec(spec: string, rule: Rule, data: DataContext): Bound | null {
  const [sheetPart, colPart] = spec.includes('!') ? [spec.slice(0, spec.indexOf('!')), spec.slice(spec.indexOf('!') + 1)] : ['', spec];
  const sheetName = sheetPart.replace(/^'|'$/g, '');
  const tables = data.tables.filter((t) => !sheetName || normName(t.sheet) === normName(sheetName));
  const [numName, denName] = colPart.split(/[/÷]/).map((s) => s.trim());
  for (const table of tables) {
    const find = (n: string) => table.columns.find((c) => normName(c.header) === normName(n)) ?? table.columns.find((c) => core(c.header) === core(n));
    if (denName) {
      const num = find(numName);
      const den = find(denName);
      if (!num || !den) continue;
      const synthetic: DataColumn = {
        ...num,
        header: `${num.header}÷${den.header}`,
        kind: 'rate',
        values: num.values.map((v, i) =>
          v && den.values[i] && !den.values[i]!.value.isZero() ? quantity(v.value.div(den.values[i]!.value), 'percent') : null,
        ),
        tolerance: num.values.map(() => dec('1e-9')),
        total: null,
        totalRow: null,
        num,
        den,
      };
      return fromColumn(synthetic, table, rule);
    }
    const col = find(numName);
    if (col) return fromColumn(col, table, rule);
  }
  for (const s of data.surveys) {
    if (sheetName && normName(s.sheet) !== normName(sheetName)) continue;
    const item = s.items.find((i) => core(i.summaryLabel) === core(numName) || core(i.question) === core(numName));
    if (item) return fromSurvey(item, rule);
  }
  return null;
}

export type BindResult = { kind: 'bound'; bound: Bound } | { kind: 'none' } | { kind: 'ambiguous'; options: string[] } | { kind: 'badSpec'; spec: string };

/** Find the data for an indicator whose rule needs a measured value. */
export function bindFromData(names: string[], rule: Rule, data: DataContext, spec?: string): BindResult {
  if (spec) {
    const b = fromSpec(spec, rule, data);
    return b ? { kind: 'bound', bound: b } : { kind: 'badSpec', spec };
  }
  if (!DATA_KINDS.has(rule.kind)) return { kind: 'none' };
  // A measure the text defines ("实际到位资金/计划资金") is bound to the two columns of those names.
  if (rule.measure && !rule.measure.minus) {
    const b = fromSpec(`${rule.measure.numerator}/${rule.measure.denominator}`, rule, data);
    if (b) return { kind: 'bound', bound: b };
  }
  const list = candidates(names.filter(Boolean), rule, data);
  if (list.length === 0 || list[0].score < 0.6) return { kind: 'none' };
  const [best, second] = list;
  const label = (c: Candidate) => (c.column ? `${c.table!.sheet}!${c.column.header}` : `${c.survey!.sheet}!${c.survey!.summaryLabel || c.survey!.question}`);
  if (second && best.score < 1 && second.score >= best.score - 0.05) {
    return { kind: 'ambiguous', options: [label(best), label(second)] };
  }
  const bound = best.column ? fromColumnCached(best.column, best.table!, rule) : fromSurvey(best.survey!, rule);
  return bound ? { kind: 'bound', bound } : { kind: 'none' };
}
