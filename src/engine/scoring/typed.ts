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
import { scoreActual } from './actual';
import { statementBound, statementOf } from './statement';
import { splitActualTarget } from './inputs';
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

/**
 * Two inputs, one the achieved value and one the line it is judged against: the line
 * becomes the indicator's target, the other the actual (scoring/inputs.ts).
 */
function actualAndTarget(input: TypedIndicator): TypedIndicator {
  if (!input.inputs || input.target) return input;
  const split = splitActualTarget(input.ruleText, { name: input.name, max: input.max, context: input.context }, input.inputs);
  return split ? { ...input, inputs: undefined, actual: split.actual, target: split.target } : input;
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
  const r = scoreActual(rule, actual, input.max, input.context);
  return r.ok ? { ok: true, rule, explanation, score: r.score, trace: r.trace } : fail(r.reason);
}
