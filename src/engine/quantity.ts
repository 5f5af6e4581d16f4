/**
 * Reading numbers the way evaluators type (or PDF exports mangle) them:
 * `95.44%`, `4,145.00`, `1241.59万元`, `≥95%`, `24小时/天`, full-width digits,
 * `1028\n1` for 10281. A number that cannot be read exactly is an error value,
 * never a silent zero.
 */
import { Decimal, dec, fixedHalfUp } from './decimal';
import type { CellScalar } from './snapshot';
import { isErrorValue } from './snapshot';
import { stripInvisible, toHalfWidth } from './text';

export type QuantityUnit = 'percent' | 'money' | 'count' | 'score' | 'time' | 'none';

export type Comparator = '>=' | '<=' | '>' | '<' | '=';

export interface Quantity {
  /**
   * percent: the fraction (74.26% -> 0.7426); money: yuan; count: items;
   * score: points; time: in `unitText`'s own unit; none: the bare number.
   */
  value: Decimal;
  unit: QuantityUnit;
  /** Unit as written, without the multiplier: "%", "元", "通", "件", "分", "小时", "个月". */
  unitText: string;
  /** Multiplier word applied (1e4 for 万), kept so traces can print "3万通". */
  scale: number;
  comparator?: Comparator;
  /** True when whitespace or line breaks inside the digits were removed (PDF noise). */
  repaired?: boolean;
  /** The input as text. */
  text: string;
}

export type QuantityResult = { ok: true; q: Quantity } | { ok: false; reason: string; empty?: boolean };

const COMPARATOR_WORDS: [RegExp, Comparator][] = [
  [/^(>=|≥|⩾|不低于|不少于|不小于|大于等于|大于或等于|至少)/, '>='],
  [/^(<=|≤|⩽|不高于|不超过|不多于|不大于|小于等于|小于或等于|至多|控制在)/, '<='],
  [/^(>|大于|高于|超过)/, '>'],
  [/^(<|小于|低于|不足)/, '<'],
  [/^(=|等于|为|约)/, '='],
];

const STARTS_WITH_DIGIT = /^\d/;
const HAS_SPACE = /\s/;

const MULTIPLIERS: Record<string, number> = { 万: 1e4, 亿: 1e8, 千: 1e3, 百万: 1e6 };

const MONEY_UNITS = ['元'];
const COUNT_UNITS = [
  '通',
  '件',
  '条',
  '个',
  '次',
  '人',
  '人次',
  '项',
  '起',
  '处',
  '台',
  '套',
  '户',
  '份',
  '家',
  '座',
  '批',
  '名',
  '位',
  '张',
  '篇',
  '期',
  '场',
  '单',
  '例',
  '宗',
  '轮',
  '所',
  '环节',
  '张',
  '笔',
  '种',
  '册',
  '批次',
  // Measures counted like items: the rule and the actual name the same unit.
  '公斤',
  '千克',
  '公顷',
  '公里',
  '千米',
  '平方米',
  '立方米',
  '亩',
  '吨',
  '艘',
  '辆',
  '头',
  '只',
  '株',
  '棵',
];
const SCORE_UNITS = ['分'];
const TIME_UNITS = ['小时', '天', '日', '个月', '月', '年', '分钟', '秒', '周', '工作日'];

/** Longest first, so "百万" wins over "万" and "人次" over "人" (sorted once: classifyUnit runs per number). */
const byLengthDesc = <T>(list: T[], len: (x: T) => number): T[] => [...list].sort((a, b) => len(b) - len(a));
const MULTIPLIERS_SORTED = byLengthDesc(Object.entries(MULTIPLIERS), (e) => e[0].length);
const UNIT_LISTS: [string[], QuantityUnit][] = [
  [byLengthDesc(MONEY_UNITS, (u) => u.length), 'money'],
  [byLengthDesc(TIME_UNITS, (u) => u.length), 'time'],
  [byLengthDesc(SCORE_UNITS, (u) => u.length), 'score'],
  [byLengthDesc(COUNT_UNITS, (u) => u.length), 'count'],
];

/** Recognise a unit suffix (after an optional multiplier word) and an optional "/天"-style tail. */
function classifyUnit(rest: string): { unit: QuantityUnit; unitText: string; scale: number; tail: string } | null {
  let s = rest;
  let scale = 1;
  for (const [w, m] of MULTIPLIERS_SORTED) {
    if (s.startsWith(w)) {
      scale = m;
      s = s.slice(w.length);
      break;
    }
  }
  if (s.startsWith('%') || s.startsWith('％')) return { unit: 'percent', unitText: '%', scale, tail: s.slice(1) };
  if (s.startsWith('‰')) return { unit: 'percent', unitText: '‰', scale, tail: s.slice(1) };
  if (s.startsWith('个百分点')) return { unit: 'percent', unitText: '个百分点', scale, tail: s.slice(4) };
  if (s.startsWith('百分点')) return { unit: 'percent', unitText: '百分点', scale, tail: s.slice(3) };
  for (const [list, unit] of UNIT_LISTS) {
    for (const u of list) if (s.startsWith(u)) return { unit, unitText: u, scale, tail: s.slice(u.length) };
  }
  if (s === '') return { unit: scale === 1 ? 'none' : 'count', unitText: '', scale, tail: '' };
  return null;
}

/** Excel keeps 15 significant digits; 0.1+0.2 comes back as 0.30000000000000004. */
export function decFromCellNumber(n: number): Decimal {
  if (!Number.isFinite(n)) throw new RangeError('not a finite number');
  if (n === 0) return dec(0);
  // An integer below 1e15 already has at most 15 digits: skip the round trip through text
  // (counts and points in data sheets); Decimal reads such a number exactly as its text.
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return dec(n);
  return dec(Number(n.toPrecision(15)).toString());
}

function isPercentFormat(fmt: string | null | undefined): boolean {
  if (!fmt) return false;
  // A literal "%" outside quotes marks a percentage format.
  return /%/.test(fmt.replace(/"[^"]*"/g, ''));
}

/**
 * Read one cell (value plus number format) as a quantity. Text must be a
 * number with optional comparator, multiplier and unit; anything else fails
 * with a reason so the caller can report it with the cell address.
 */
export function parseQuantity(input: CellScalar | undefined, numberFormat?: string | null): QuantityResult {
  if (input === null || input === undefined) return { ok: false, reason: '空单元格', empty: true };
  if (typeof input === 'boolean') return { ok: false, reason: '逻辑值不是数字' };
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, reason: '不是有限数字' };
    const value = decFromCellNumber(input);
    if (isPercentFormat(numberFormat)) {
      return { ok: true, q: { value, unit: 'percent', unitText: '%', scale: 1, text: String(input) } };
    }
    return { ok: true, q: { value, unit: 'none', unitText: '', scale: 1, text: String(input) } };
  }
  const original = input;
  if (isErrorValue(original)) return { ok: false, reason: `错误值 ${original.trim()}` };
  let s = stripInvisible(toHalfWidth(original)).trim();
  if (s === '' || s === '-' || s === '—' || s === '/') return { ok: false, reason: '空单元格', empty: true };

  let comparator: Comparator | undefined;
  // No comparator word starts with a digit; numbers (most inputs: every quantity in a rule text) skip the five tests.
  if (!STARTS_WITH_DIGIT.test(s)) {
    for (const [re, c] of COMPARATOR_WORDS) {
      const m = re.exec(s);
      if (m) {
        comparator = c;
        s = s.slice(m[0].length).trim();
        break;
      }
    }
  }

  // Digits split by whitespace or line breaks ("1028\n1", "344 111", "94.3 6%") come from PDF tables.
  let repaired = false;
  if (HAS_SPACE.test(s)) {
    s = s.replace(/(?<=[\d.,])\s+(?=[\d.,%])/g, () => {
      repaired = true;
      return '';
    });
  }

  const m = /^([+-]?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)/.exec(s);
  if (!m) return { ok: false, reason: `“${original.trim()}”不是数字` };
  const hasComma = m[2].includes(',');
  const numText = hasComma ? m[2].replace(/,/g, '') : m[2];
  // A comma that does not group thousands ("1,24") is ambiguous: refuse rather than guess.
  if (hasComma && !/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(m[2])) {
    return { ok: false, reason: `“${original.trim()}”的千分位不规范` };
  }
  let value = dec(numText);
  if (m[1] === '-') value = value.neg();
  const rest = s.slice(m[0].length).trim();
  const unit = classifyUnit(rest);
  if (!unit) return { ok: false, reason: `“${original.trim()}”含有无法识别的单位或文字` };
  // Allow "24小时/天", "19000件/月", "10.93元/通": a per-period tail is part of the unit text.
  let unitText = unit.unitText;
  if (unit.tail) {
    if (/^\/[\u4e00-\u9fff]{1,3}$/.test(unit.tail)) unitText += unit.tail;
    else if (/^(以上|以下|左右|\(含\)|（含）)$/.test(unit.tail)) {
      if (!comparator && /以上/.test(unit.tail)) comparator = '>=';
      if (!comparator && /以下/.test(unit.tail)) comparator = '<=';
    } else return { ok: false, reason: `“${original.trim()}”含有无法识别的单位或文字` };
  }
  // ×1 is an exact no-op for up to 40 significant digits (the precision): skip the allocation.
  if (unit.scale !== 1 || numText.length > 40) value = value.times(unit.scale);
  if (unit.unit === 'percent') value = unitText === '‰' ? value.div(1000) : value.div(100);
  const q: Quantity = { value, unit: unit.unit, unitText, scale: unit.scale, text: original };
  if (comparator) q.comparator = comparator;
  if (repaired) q.repaired = true;
  return { ok: true, q };
}

export interface FoundQuantity {
  q: Quantity;
  /** Character offset in the normalised text and the matched text. */
  index: number;
  match: string;
}

/**
 * Every number-with-unit in free text ("接通率74.26%，得分5.47分"), in order.
 * Used for narrative checks and for actual values typed as sentences.
 */
export function findQuantities(text: string): FoundQuantity[] {
  const s = stripInvisible(toHalfWidth(text));
  const re =
    /(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(百万|万|亿|千)?\s*(%|‰|个百分点|百分点|元|人次|个月|小时|工作日|分钟|[通件条个次人项起处台套户份家座批名位张篇期场单分天日月年秒周])?/g;
  const out: FoundQuantity[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const raw = `${m[1]}${m[2] ?? ''}${m[3] ?? ''}`;
    const r = parseQuantity(raw);
    if (r.ok) out.push({ q: r.q, index: m.index, match: m[0] });
  }
  return out;
}

/** Display a quantity the way the report would: "74.26%", "3万通", "4,060.00万元"-style scale kept. */
export function fmtQuantity(q: Quantity, places = 2): string {
  if (q.unit === 'percent') {
    const v = q.unitText === '‰' ? q.value.times(1000) : q.value.times(100);
    return `${trimZeros(fixedHalfUp(v, places))}%`;
  }
  const scaleWord = q.scale === 1e4 ? '万' : q.scale === 1e8 ? '亿' : q.scale === 1e3 ? '千' : q.scale === 1e6 ? '百万' : '';
  const v = q.value.div(q.scale);
  return `${trimZeros(fixedHalfUp(v, places))}${scaleWord}${q.unitText}`;
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** A plain quantity for computed values (pooled rates, monthly means). */
export function quantity(value: Decimal, unit: QuantityUnit, unitText = unit === 'percent' ? '%' : '', scale = 1): Quantity {
  return { value, unit, unitText, scale, text: '' };
}
