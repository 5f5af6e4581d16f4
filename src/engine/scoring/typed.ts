/**
 * One indicator scored from what an evaluator types: the rule text, the max,
 * the 实际值 as typed, or several named inputs ("实际到位资金" and "计划资金").
 * The same reading as a workbook row (parseRule, actualFromCell, scoreRule);
 * used by the task pane's single-indicator preview and by the rule corpus.
 */
import type { Decimal } from '../decimal';
import { parseQuantity } from '../quantity';
import { actualFromCell, actualFromInputs } from '../data/bind';
import { explainRule, parseRule } from '../rules';
import { scoreActual } from './compound';
import { statementBound, statementOf } from './statement';
import type { Rule } from '../rules/types';
import { extractItems, judgeChecklist } from '../checklist';
import type { ItemJudgement } from '../options';

export interface TypedIndicator {
  name: string;
  max: Decimal;
  ruleText: string;
  /** The indicator's other texts (指标说明/指标解释). */
  context?: string[];
  /** The table's own target cell (年度指标值), as typed. */
  target?: string;
  /** The 实际值 cell, as typed. */
  actual?: string | number;
  /** Several named inputs, as typed. */
  inputs?: Record<string, string>;
  /** Checklist judgements in item order (符合 / 不符合 / 部分:0.5). */
  items?: string[];
}

export type TypedResult =
  { ok: true; rule: Rule; explanation: string; score: Decimal; trace: string } | { ok: false; rule: Rule; explanation: string; reason: string };

/** An input that names the line to reach: 年度目标值, 计划数, 历史最佳水平, 标准. */
const TARGET_NAME = /目标|计划|标准|基数|任务数|指标值|历史最佳|上年/;

/**
 * Two inputs, one the achieved value and one the line it is judged against
 * ("实际完成值" and "年度目标值"), when the text defines no ratio of them: the
 * line becomes the indicator's target, the other the actual.
 */
function actualAndTarget(input: TypedIndicator): TypedIndicator {
  const entries = Object.entries(input.inputs ?? {});
  if (entries.length !== 2 || input.target) return input;
  const targets = entries.filter(([k]) => TARGET_NAME.test(k));
  if (targets.length !== 1) return input;
  const [actual] = entries.filter(([k]) => !TARGET_NAME.test(k));
  const probe = parseRule(input.ruleText, { name: input.name, max: input.max, context: input.context });
  if (probe.measure) return input;
  // Only when the text alone has no line to judge against ("与计划每相差4%" compares the ratio with
  // 100%), or when the line read with the target is that target ("未达成任务数的，每少1人扣0.2分").
  const needsTarget = probe.kind === 'judgement' || (probe.kind === 'proportional' && !probe.target);
  const t = parseQuantity(targets[0][1]);
  const withTarget = t.ok ? parseRule(input.ruleText, { name: input.name, max: input.max, context: input.context, target: t.q }) : null;
  const usesTarget = withTarget?.kind === 'step' && t.ok && withTarget.threshold === t.q;
  if (!needsTarget && !usesTarget) return input;
  return { ...input, inputs: undefined, actual: actual[1], target: targets[0][1] };
}

export function scoreTyped(typed: TypedIndicator): TypedResult {
  const input = actualAndTarget(typed);
  const target = input.target ? parseQuantity(input.target) : null;
  const rule = parseRule(input.ruleText, {
    name: input.name,
    max: input.max,
    context: input.context,
    target: target?.ok ? target.q : null,
  });
  const explanation = explainRule(rule, input.max);
  const fail = (reason: string): TypedResult => ({ ok: false, rule, explanation, reason });
  if (input.items) {
    // Judgements in item order: 符合 / 不符合 / 部分:0.5 (points given for that item).
    const items = extractItems(rule, input.max);
    if (!items) return fail('评分标准不是逐项评分');
    const judgements: ItemJudgement[] = input.items.map((j, i) => {
      const [word, pts] = j.split(/[:：]/);
      const verdict: ItemJudgement['verdict'] = /^不符合/.test(word) ? 'unmet' : /^部分/.test(word) ? 'partial' : 'met';
      return { path: [input.name], seq: i + 1, verdict, points: pts ?? null };
    });
    const out = judgeChecklist(input.name, items, judgements, input.max, { sheet: '', cell: '' });
    if (!out.complete || !out.score) return fail(out.pending || '逐项评分未完成');
    return { ok: true, rule, explanation, score: out.score, trace: out.trace };
  }
  let actual;
  if (input.inputs) {
    const bound = actualFromInputs(input.inputs, rule);
    if ('error' in bound) return fail(bound.error);
    actual = bound.actual;
  } else if (input.actual !== undefined) {
    const cell = { row: 1, col: 1, value: input.actual, numberFormat: null, formula: null };
    let bound = actualFromCell(cell, rule, '实际值');
    if (bound && 'error' in bound) bound = statementBound(bound, rule, input.max) ?? bound;
    // A rule the evaluator scores: a number read out of a sentence means nothing to it; the sentence may.
    else if (bound && (rule.kind === 'judgement' || rule.kind === 'checklist') && typeof input.actual === 'string') {
      bound = statementOf(input.actual, rule, input.max, {}) ?? bound;
    }
    if (!bound) return fail('缺少实际值');
    if ('error' in bound) return fail(bound.error.message);
    actual = bound.actual;
  } else return fail('缺少实际值');
  const r = scoreActual(rule, actual, input.max);
  return r.ok ? { ok: true, rule, explanation, score: r.score, trace: r.trace } : fail(r.reason);
}
