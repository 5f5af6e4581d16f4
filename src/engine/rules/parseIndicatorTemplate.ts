/**
 * The scoring principle printed under quantitative indicators of 项目支出绩效自评表:
 * "正向指标(即目标值为≥X，得分=权重*B/A)，反向指标(即目标值为≤X，得分=权重*A/B)，得分不得突破权重".
 * The two letters are the target and the actual; which is which follows from the formulas
 * themselves: a positive indicator's score rises with the actual, so the letter over the
 * other in the positive formula is the actual. The indicator's own target (its column)
 * says which formula applies: "≤X" the reverse one, anything else the positive one.
 */
import type { ProportionalRule } from './types';
import type { ParseEnv } from './env';
import { LOWER_IS_BETTER } from './parseProportional';

const WEIGHT = '(?:权重|分值|权数|指标分值)';
const POSITIVE_RE = new RegExp(`正向指标[^；。]*?得分=${WEIGHT}[*×]([A-Z])[/÷]([A-Z])(?![A-Za-z])`);
const NEGATIVE_RE = new RegExp(`反向指标[^；。]*?得分=${WEIGHT}[*×]([A-Z])[/÷]([A-Z])(?![A-Za-z])`);
/** "得分不得突破权重总额", "最高不超过权重": the weight caps the score. */
const CAPPED_RE = /不得突破|不超过|不得超过|最高为/;

export function parseIndicatorTemplate(env: ParseEnv): ProportionalRule | null {
  const { text } = env;
  if (!/正向指标/.test(text)) return null;
  const pos = POSITIVE_RE.exec(text);
  const neg = NEGATIVE_RE.exec(text);
  // The reverse formula must be the positive one turned over, or the letters say nothing.
  if (!pos || !neg || pos[1] !== neg[2] || pos[2] !== neg[1] || pos[1] === pos[2]) return null;
  const target = env.ctx.target ?? null;
  if (!target || target.value.lte(0)) return null;
  const lowerTarget = target.comparator === '<=' || target.comparator === '<';
  const higherTarget = target.comparator === '>=' || target.comparator === '>';
  const lowerName = LOWER_IS_BETTER.test(env.ctx.name ?? '');
  // A target "≥6" on a measure where less is better: which formula applies is not sure.
  if (higherTarget && lowerName) return null;
  const inverse = lowerTarget || (!higherTarget && lowerName);
  const rule: ProportionalRule = {
    kind: 'proportional',
    text: env.raw,
    subject: env.ctx.name ?? '',
    statedFull: null,
    target,
    targetRef: '目标值',
    points: null,
    capStated: CAPPED_RE.test(text),
  };
  if (inverse) rule.inverse = true;
  const notes = [
    `按${inverse ? '反向' : '正向'}指标计分：得分=权重×${inverse ? `${neg[1]}/${neg[2]}` : `${pos[1]}/${pos[2]}`}（${pos[1]}为实际完成值，${pos[2]}为目标值）`,
  ];
  if (!lowerTarget && !higherTarget) notes.push(`目标值${target.text}未写明≥或≤，按${inverse ? '反向' : '正向'}指标计`);
  rule.notes = notes;
  return rule;
}
