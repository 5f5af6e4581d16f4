/**
 * Words typed against a bonus rule's line (rules/types.ts BonusRule): "超目标任务4个" is 4 past
 * the line, "超目标2个百分点" two points past it, "未超目标任务" not past it. Read against the
 * line when the rule has one (target 3个 + "超4个" = 7个), as the count past it when the rule counts
 * that itself; refused when the words cannot say where the value stands ("超2%": points or a
 * share of the line?; "未超目标" against a rule that deducts below the line).
 */
import { dec } from '../decimal';
import { fmtQuantity, quantity, type Quantity } from '../quantity';
import type { Rule } from '../rules/types';
import { normRuleText } from '../rules/normalize';
import { simplified, toHalfWidth } from '../text';
import type { readTypedActual } from '../typedActual';

type Read = ReturnType<typeof readTypedActual>;

/** "超目标任务4个", "超出目标2个百分点", "比目标多3个". */
const PAST = /^(?:比[\u4e00-\u9fff]{1,10}?)?(?:超过|超出|超|高出|多出|多)([\u4e00-\u9fff]{0,10}?)(\d+(?:\.\d+)?)(个百分点|百分点|%|[个项件次家人])?$/;
/** "未超目标任务", "没有超过目标". */
const NOT_PAST = /^(?:未|没有|没)(?:超过|超出|超)[\u4e00-\u9fff]{0,10}$/;
/** Starts like a statement past the line, whatever follows. */
const PAST_WORDS = /^(?:比[\u4e00-\u9fff]{1,10}?)?(?:超过|超出|超|高出|多出)/;

export function pastLine(rule: Rule, text: string): Read | null {
  if (rule.kind !== 'bonus') return null;
  const t = normRuleText(simplified(toHalfWidth(text))).replace(/\s+/g, '');
  const ref = rule.reference;
  const name = rule.referenceName || '目标';
  const countUnit = rule.above.stepText.replace(/^[\d.]+/, '') || '个';
  if (NOT_PAST.test(t)) {
    if (!ref) return { ok: true, value: { q: quantity(dec(0), 'count', countUnit), prefix: t, note: `“${text}”按超过${name}0${countUnit}计` } };
    // Not past the line says nothing more when nothing is earned up to it.
    if (rule.below.kind === 'none')
      return {
        ok: true,
        value: { q: quantity(ref.value, ref.unit, ref.unitText, ref.scale), prefix: t, note: `“${text}”按未超过${name}${fmtQuantity(ref)}计` },
      };
    return { ok: false, reason: `“${text}”没有说明是否达到${name}${fmtQuantity(ref)}，请填写实际值` };
  }
  const m = PAST.exec(t);
  if (!m) return PAST_WORDS.test(t) ? { ok: false, reason: `“${text}”是超出${name}的差额，无法读取，请填写实际值` } : null;
  const [, , num, unit = ''] = m;
  const n = dec(num);
  const refused: Read = { ok: false, reason: `“${text}”是超出${name}的差额，请填写实际值` };
  if (!ref) {
    if (unit && !/[个项件次家人]/.test(unit)) return refused;
    return {
      ok: true,
      value: { q: quantity(n, 'count', countUnit), prefix: t, note: `“${text}”按超过${name}${fmtQuantity(quantity(n, 'count', countUnit))}计` },
    };
  }
  let q: Quantity | null = null;
  if (ref.unit === 'percent' && /百分点/.test(unit)) q = quantity(ref.value.plus(n.div(100)), 'percent');
  else if ((ref.unit === 'count' || ref.unit === 'none') && (!unit || /[个项件次家人]/.test(unit)))
    q = quantity(ref.value.plus(n), ref.unit, ref.unitText, ref.scale);
  if (!q) return refused;
  return { ok: true, value: { q, prefix: t, note: `“${text}”为超过${name}${fmtQuantity(ref)}的差额，按${fmtQuantity(q)}计` } };
}
