/**
 * Putting an actual value on the same footing as a rule's threshold: a
 * 满意度 of "94.41分" against "≥90%", "99.69%" against "95分（含）以上",
 * "3,998.90万元" against 4,060万元, a bare 0.9436 or 94.36 against 95%.
 */
import type { Decimal } from '../decimal';
import { HUNDRED } from '../decimal';
import { fmtQuantity, parseQuantity, samePhysicalUnit, type Quantity } from '../quantity';
import type { ActualValue } from './types';

export type Comparable = { ok: true; value: Decimal; note?: string } | { ok: false; reason: string };

function timeKey(unitText: string): string {
  return unitText.replace(/^个/, '').replace(/^日$/, '天').replace(/\/.*$/, '');
}

const TIME_FACTORS: Record<string, number> = { '周>天': 7, '年>月': 12, '小时>分钟': 60 };

/** The actual's value in the reference quantity's space (fraction for %, 元 for money...). */
export function inSpaceOf(actual: Quantity, ref: Quantity): Comparable {
  const a = actual;
  switch (ref.unit) {
    case 'percent':
      if (a.unit === 'percent') return { ok: true, value: a.value };
      if (a.unit === 'score')
        return { ok: true, value: a.value.div(HUNDRED), note: `按${fmtQuantity({ ...a, unit: 'percent', unitText: '%', value: a.value.div(HUNDRED) })}计` };
      if (a.unit === 'none') return { ok: true, value: a.value.abs().gt(1) ? a.value.div(HUNDRED) : a.value };
      break;
    case 'score':
      if (a.unit === 'score' || a.unit === 'none') return { ok: true, value: a.value };
      if (a.unit === 'percent')
        return { ok: true, value: a.value.times(HUNDRED), note: `按${fmtQuantity({ ...a, unit: 'score', unitText: '分', value: a.value.times(HUNDRED) })}计` };
      break;
    case 'money':
      if (a.unit === 'money') return { ok: true, value: a.value };
      if (a.unit === 'none') {
        // A bare amount is read in the unit the rule writes ("4,060万元" -> 万元).
        const v = a.value.times(ref.scale);
        return { ok: true, value: v, note: ref.scale !== 1 ? `按${fmtQuantity({ ...ref, value: v })}理解` : undefined };
      }
      break;
    case 'count':
    case 'none':
      if (a.unit === 'count' || a.unit === 'none') return { ok: true, value: a.value };
      if (ref.unit === 'none') return { ok: true, value: a.value };
      break;
    case 'physical':
      // "75微克/立方米" against "72 μg/m³": one unit spelt two ways. 毫克/升 against 微克/立方米: never.
      if (samePhysicalUnit(a, ref)) return { ok: true, value: a.value };
      if (a.unit === 'none') {
        // A bare number is read in the unit the rule writes ("2万千瓦时" -> 万千瓦时).
        const v = a.value.times(ref.scale);
        return { ok: true, value: v, note: `按${fmtQuantity({ ...ref, value: v })}理解` };
      }
      break;
    case 'time':
      if (a.unit === 'none' || a.unit === 'count') return { ok: true, value: a.value };
      if (a.unit === 'time' && timeKey(a.unitText) === timeKey(ref.unitText)) return { ok: true, value: a.value };
      if (a.unit === 'time') {
        // Exact conversions only: a week is 7 days, a year 12 months (a month has no fixed number of days).
        const factor = TIME_FACTORS[`${timeKey(a.unitText)}>${timeKey(ref.unitText)}`];
        if (factor) {
          const v = a.value.times(factor);
          return { ok: true, value: v, note: `按${fmtQuantity({ ...ref, value: v })}计` };
        }
      }
      break;
  }
  return { ok: false, reason: `实际值${fmtQuantity(actual)}与标准${fmtQuantity(ref)}的单位不同，无法比较` };
}

/** One quantity from an actual value: typed, or written in a sentence ("接通率为94.36%"). */
export function singleQuantity(actual: ActualValue): { q: Quantity; label?: string } | { error: string } {
  if (actual.kind === 'quantity') return { q: actual.q, label: actual.label };
  if (actual.kind === 'text') {
    const direct = parseQuantity(actual.text);
    if (direct.ok) return { q: direct.q };
    const found = /([+-]?\d+(?:\.\d+)?)\s*(万|亿)?\s*(%|元|分|个月|[通件条个次项起处天月])?/.exec(actual.text);
    if (found) {
      const r = parseQuantity(found[0].replace(/\s+/g, ''));
      if (r.ok) return { q: r.q };
    }
    return { error: `实际值“${actual.text}”中没有数字` };
  }
  if (actual.kind === 'monthly') return { error: '实际值是逐月数据，本评分标准需要一个年度值' };
  return { error: '实际值是分类计数，本评分标准需要一个数值' };
}
