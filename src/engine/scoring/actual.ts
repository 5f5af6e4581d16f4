/**
 * A rule applied to what was bound for it: several named inputs part by part
 * (compound.ts), a statement of fact against the rule's clauses (statement.ts), a text
 * that names no option of a categorical rule as such a statement, anything else as the
 * rule itself says (rules/score.ts). The one entry point of a workbook row and the
 * pane's preview. `context` is the indicator's other texts (指标说明), where a part's line may be
 * written ("全年不少于10次").
 */
import type { Decimal } from '../decimal';
import { scoreRule } from '../rules';
import type { ActualValue, Rule, RuleScoreResult } from '../rules/types';
import { scoreCompound } from './compound';
import { scoreStatement } from './statement';

export function scoreActual(rule: Rule, actual: ActualValue | null, max: Decimal, context?: string[]): RuleScoreResult {
  if (actual?.kind === 'statement') return scoreStatement(rule.text, actual.text, max);
  if (actual?.kind === 'text') {
    // A text that names none of a categorical rule's options may still say what one clause says.
    const r = scoreRule(rule, actual, max);
    if (r.ok || rule.kind === 'judgement' || rule.kind === 'checklist') return r;
    const s = scoreStatement(rule.text, actual.text, max);
    return s.ok ? s : r;
  }
  if (actual?.kind === 'counts' && actual.counts.length > 1) {
    // Counts per kind whose names the rule's kinds do not tell apart ("发生…但没有报送…" and
    // "报送了…但仍发生…" share their words): each count against the clause it speaks of.
    const r = scoreRule(rule, actual, max);
    if (r.ok) return r;
    const parts = scoreCompound(
      rule.text,
      actual.counts.map((c) => ({ name: c.label, text: c.n.toString() })),
      max,
      context,
    );
    return parts.ok ? parts : r;
  }
  if (actual?.kind !== 'named') return scoreRule(rule, actual, max);
  const r = scoreCompound(rule.text, actual.inputs, max, context);
  if (r.ok) return r;
  return { ok: false, reason: `${actual.why}；按分项计分也无法计算：${r.reason}` };
}
