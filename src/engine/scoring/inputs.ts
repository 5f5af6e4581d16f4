/**
 * Two named inputs where one is the achieved value and the other the line it is judged
 * against ("实际完成值：82%；年度目标值：80%", "市检上站人数：1人；市检上站任务数：3人"):
 * the line becomes the indicator's target and the other input its actual value, when the
 * text defines no ratio of them and either has no line of its own or reads that line as
 * its threshold. Shared by the pane's single-indicator preview (typed.ts) and a workbook
 * row (leaf.ts), so both read the same.
 */
import type { Decimal } from '../decimal';
import { parseQuantity } from '../quantity';
import { parseRule } from '../rules';

/** An input that names the line to reach: 年度目标值, 计划数, 历史最佳水平, 标准. */
const TARGET_NAME = /目标|计划|标准|基数|任务数|指标值|历史最佳|上年/;

export function splitActualTarget(
  ruleText: string,
  ctx: { name: string; max: Decimal | null; context?: string[] },
  inputs: Record<string, string>,
): { actual: string; target: string } | null {
  const entries = Object.entries(inputs);
  if (entries.length !== 2) return null;
  const targets = entries.filter(([k]) => TARGET_NAME.test(k));
  if (targets.length !== 1) return null;
  const [actual] = entries.filter(([k]) => !TARGET_NAME.test(k));
  const probe = parseRule(ruleText, ctx);
  if (probe.measure) return null;
  // Only when the text alone has no line to judge against ("与计划每相差4%" compares the ratio with
  // 100%), or when the line read with the target is that target ("未达成任务数的，每少1人扣0.2分").
  const needsTarget = probe.kind === 'judgement' || (probe.kind === 'proportional' && !probe.target) || (probe.kind === 'bonus' && !probe.reference);
  const t = parseQuantity(targets[0][1]);
  const withTarget = t.ok ? parseRule(ruleText, { ...ctx, target: t.q }) : null;
  const usesTarget = withTarget?.kind === 'step' && t.ok && withTarget.threshold === t.q;
  if (!needsTarget && !usesTarget) return null;
  return { actual: actual[1], target: targets[0][1] };
}
