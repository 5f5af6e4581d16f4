/**
 * 评分标准 text -> typed rule. The shapes are tried from the most specific
 * wording to the most generic, so an explicit deduction rule wins over a
 * generic formula in the same text (001 市民满意度: "得分=满意度×相应分值。
 * 满意度≥90%，得满分；否则，每低于1%…扣0.1分"). Anything unrecognised is
 * left to the evaluator with a reason; parsing never throws.
 */
import { normText } from '../text';
import type { JudgementRule, Rule, RuleContext } from './types';
import { makeEnv, type ParseEnv } from './env';
import { segments } from './lexicon';
import { accountFor as account } from './account';
import { readMeasure } from './measure';
import { populationQualifiers } from './subject';
import { parseGrade } from './parseGrade';
import { parseIndicatorTemplate } from './parseIndicatorTemplate';
import { parsePerMonth } from './parseMonthly';
import { parseAdditive, parsePerOccurrence } from './parseOccurrence';
import { parseProportional } from './parseProportional';
import { parseBands, parseCategorical, parseChecklist, parseMissingTiers, parseTiers } from './parseSegments';
import { hasStepClause, parseStep } from './parseStep';
import { parseBonus } from './parseBonus';
import { parseOutright } from './parsePenalty';
import { parseRank } from './parseRank';
import { runMap } from '../runCache';

function judgement(env: ParseEnv, reason: string): JudgementRule {
  return { kind: 'judgement', text: env.raw, subject: env.ctx.name ?? '', statedFull: null, reason };
}

/** The readings tried, from the most specific wording to the most generic. */
function readings(env: ParseEnv, segs: ReturnType<typeof segments>, hasDeduction: boolean): (() => Rule | null)[] {
  return [
    () => parseGrade(env),
    () => parseIndicatorTemplate(env),
    () => parsePerMonth(env),
    () => parseRank(env),
    () => parseBonus(env),
    () => parseStep(env),
    () => parseMissingTiers(env, segs),
    () => parseAdditive(env),
    () => parseBands(env, segs),
    () => parseTiers(env),
    () => parseChecklist(env, segs, false),
    () => parsePerOccurrence(env),
    () => parseOutright(env),
    () => parseCategorical(env, segs),
    () => parseProportional(env),
    () => parseChecklist(env, segs, !hasDeduction),
  ];
}

/** A reading with the measure its text defines, accounted (clauses left unread set it aside). */
function finish(rule: Rule, env: ParseEnv): Rule {
  if (rule.kind !== 'judgement' && rule.kind !== 'checklist') {
    const measure = rule.kind === 'proportional' && rule.ratioOf ? { ...rule.ratioOf, text: '' } : readMeasure(env.text);
    if (measure) rule.measure = measure;
    // "固定资产价值大于2万元设备…率": the amount that picks the things counted is read, as no condition.
    const qualifiers = populationQualifiers(env.text);
    if (qualifiers.length) rule.accounted = [...(rule.accounted ?? []), ...qualifiers.map((x) => x.written)];
  }
  const done = accountFor(rule, env);
  // A text read only after repairing misprinted characters says so.
  const ocr = done.kind === 'judgement' ? [] : env.ocrNotes();
  return ocr.length ? { ...done, notes: [...(done.notes ?? []), ...ocr] } : done;
}

/**
 * The first reading that accounts for every numbered clause. When the first reading found
 * leaves clauses unread, a later one the engine scores by itself may read them all
 * ("…完好率100%，得10分；…≥90%按比例计算得分；…<90%，得0分" is no set of bands but a
 * proportion with a cut-off); if none does, the first is set aside with its unread clauses.
 */
function parseWith(env: ParseEnv): Rule {
  if (!env.text) return judgement(env, '没有评分标准');
  const segs = segments(env.text, env.outcomes());
  const hasDeduction = /扣(?:减|除)?\d/.test(env.text);
  let first: Rule | null = null;
  for (const read of readings(env, segs, hasDeduction)) {
    const rule = read();
    if (!rule) continue;
    if (first && !ACCOUNTED_KINDS.has(rule.kind)) continue;
    const done = finish(rule, env);
    if (!(done.kind === 'judgement' && done.unread)) return done;
    first ??= done;
  }
  if (first) return first;
  if (hasStepClause(env.text)) return judgement(env, '有按单位扣分的规定，但找不到起扣的标准值');
  if (segs.length > 0) return judgement(env, '评分标准为定性描述，无法对应到可计算的条件');
  if (hasDeduction) return judgement(env, '有扣分规定，但没有写明按什么计数');
  return judgement(env, '未识别出评分公式、区间或扣分规则');
}

/** Kinds the engine scores by itself: every number of their text must have been read. */
const ACCOUNTED_KINDS = new Set<Rule['kind']>(['proportional', 'step', 'bonus', 'bands', 'perMonth', 'perOccurrence', 'additive', 'categorical', 'grade']);

/** A reading that left numbered clauses unread is set aside: the evaluator sees those clauses. */
function accountFor(rule: Rule, env: ParseEnv): Rule {
  if (!ACCOUNTED_KINDS.has(rule.kind)) return rule;
  const { unread, exceptions } = account(rule, env.text, env.ctx.name ?? '', env.ctx.max ?? null);
  if (unread.length === 0) {
    if (exceptions.length === 0) return rule;
    const notes = exceptions.map((e) => `例外条款“${e}”未计入，如有此情形请调整`);
    return { ...rule, notes: [...(rule.notes ?? []), ...notes] };
  }
  return {
    kind: 'judgement',
    text: env.raw,
    subject: rule.subject,
    statedFull: null,
    reason: `评分标准中有未读懂的条款：${unread.map((u) => `“${u}”`).join('；')}`,
    unread,
    setAside: rule.kind,
  };
}

/** Parsed rules of the current run by text and context (src/engine/runCache.ts). */
const parsed = runMap<string, Rule>();

function contextKey(text: string, ctx: RuleContext): string {
  const max = ctx.max === undefined ? 'u' : ctx.max === null ? 'n' : ctx.max.toString();
  const target = ctx.target === undefined ? 'u' : JSON.stringify(ctx.target);
  return [text, ctx.name ?? '\u0002', max, (ctx.context ?? []).join('\u0002'), ctx.context ? ctx.context.length : -1, target].join('\u0001');
}

/**
 * Within an engine run the same text in the same context gives the same rule
 * object (parsed once); callers never mutate a rule.
 */
export function parseRule(text: string, ctx: RuleContext = {}): Rule {
  const cache = parsed();
  if (!cache) return parseUncached(text, ctx);
  const key = contextKey(text, ctx);
  let rule = cache.get(key);
  if (!rule) cache.set(key, (rule = parseUncached(text, ctx)));
  return rule;
}

function parseUncached(text: string, ctx: RuleContext): Rule {
  let raw = '';
  try {
    raw = normText(text);
    const env = makeEnv(raw, ctx, typeof text === 'string' ? text : raw);
    return parseWith(env);
  } catch (e) {
    return {
      kind: 'judgement',
      text: raw,
      subject: ctx.name ?? '',
      statedFull: null,
      reason: `评分标准无法解析（${e instanceof Error ? e.message : String(e)}）`,
    };
  }
}
