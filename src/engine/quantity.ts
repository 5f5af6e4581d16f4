/**
 * Reading numbers the way evaluators type (or PDF exports mangle) them:
 * `95.44%`, `4,145.00`, `1241.59万元`, `≥95%`, `24小时/天`, full-width digits,
 * `1028\n1` for 10281, and measurements in physical units (`75微克/立方米`,
 * `0.05mg/L`, `55分贝`, `26℃`), kept in the unit written. A number that cannot
 * be read exactly is an error value, never a silent zero.
 */
import { Decimal, dec, fixedHalfUp } from './decimal';
import type { CellScalar } from './snapshot';
import { isErrorValue } from './snapshot';
import { stripInvisible, toHalfWidth } from './text';

export type QuantityUnit = 'percent' | 'money' | 'count' | 'score' | 'time' | 'physical' | 'none';

export type Comparator = '>=' | '<=' | '>' | '<' | '=';

export interface Quantity {
  /**
   * percent: the fraction (74.26% -> 0.7426); money: yuan; count: items;
   * score: points; time: in `unitText`'s own unit; physical: in `unitText`'s own
   * unit (微克/立方米, mg/L, 分贝, ℃), times the multiplier (2万千瓦时 -> 20000);
   * none: the bare number.
   */
  value: Decimal;
  unit: QuantityUnit;
  /** Unit as written, without the multiplier: "%", "元", "通", "件", "分", "小时", "个月", "μg/m³". */
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

/**
 * Physical units of environmental and public-service indicators, each with the
 * spellings tables use for it (the first is the unit's name: the key two
 * quantities must share to be compared). Spellings of one unit only: a unit is
 * never converted into another (毫克/立方米 is not 1000 微克/立方米 here; 度 is
 * not taken for 千瓦时, it may be a temperature). `{u}` stands for μ, µ or u,
 * `{m3}` for m³, m3 or ㎥, `{L}` for L or l; ASCII letters match in any case.
 */
const PHYSICAL_UNITS: [string, string[]][] = [
  ['微克/立方米', ['微克/立方米', '微克每立方米', '{u}g/{m3}', '㎍/{m3}']],
  ['毫克/立方米', ['毫克/立方米', '毫克每立方米', 'mg/{m3}', '㎎/{m3}']],
  ['微克/升', ['微克/升', '微克每升', '{u}g/{L}', '㎍/{L}']],
  ['毫克/升', ['毫克/升', '毫克每升', 'mg/{L}', '㎎/{L}']],
  ['毫克/千克', ['毫克/千克', '毫克每千克', 'mg/kg', '㎎/㎏']],
  ['分贝(A)', ['分贝(A)', 'dB(A)', 'dBA']],
  ['分贝', ['分贝', 'dB']],
  ['摄氏度', ['摄氏度', '℃', '°C']],
  ['千瓦时', ['千瓦时', '千瓦·时', 'kWh', 'kW·h', 'kW.h', '㎾h', '㎾·h']],
  ['兆瓦时', ['兆瓦时', 'MWh']],
  ['千瓦', ['千瓦', 'kW', '㎾']],
  ['兆瓦', ['兆瓦', 'MW', '㎿']],
  ['度', ['度']],
  ['立方米/秒', ['立方米/秒', '立方米每秒', '{m3}/s']],
  ['米/秒', ['米/秒', '米每秒', 'm/s']],
  ['公里/小时', ['公里/小时', '公里每小时', '千米/小时', '千米每小时', 'km/h']],
  ['吨标准煤', ['吨标准煤', '吨标煤', 'tce']],
  ['平方公里', ['平方公里', 'km²', 'km2', '㎢']],
  ['毫米', ['毫米', 'mm', '㎜']],
  ['厘米', ['厘米', 'cm', '㎝']],
  ['米', ['米']],
  ['毫升', ['毫升', 'ml', '㎖']],
  ['升', ['升']],
];

function spellings(pattern: string): string[] {
  const alts: Record<string, string[]> = { '{u}': ['μ', 'µ', 'u'], '{m3}': ['m³', 'm3', '㎥'], '{L}': ['L', 'l'] };
  const token = /\{u\}|\{m3\}|\{L\}/.exec(pattern);
  if (!token) return [pattern];
  return alts[token[0]].flatMap((a) => spellings(pattern.replace(token[0], a)));
}

/** [spelling in lower case, the unit's name], longest spelling first. */
const PHYSICAL_SPELLINGS: [string, string][] = PHYSICAL_UNITS.flatMap(([name, list]) =>
  list.flatMap(spellings).map((sp): [string, string] => [sp.toLowerCase(), name]),
).sort((a, b) => b[0].length - a[0].length);

/** First characters of the spellings: most units (%, 元, 件) skip the search at once. */
const PHYSICAL_FIRST = new Set(PHYSICAL_SPELLINGS.map(([sp]) => sp[0]));

/** The physical unit `s` starts with: its spelling as written and its name. */
function physicalAt(s: string): { text: string; name: string } | null {
  if (!PHYSICAL_FIRST.has(s.charAt(0).toLowerCase())) return null;
  const lower = s.toLowerCase();
  for (const [sp, name] of PHYSICAL_SPELLINGS) if (lower.startsWith(sp)) return { text: s.slice(0, sp.length), name };
  return null;
}

/**
 * Every spelling of a physical unit as the rule grammar matches it (regex-escaped,
 * longest first), ASCII in its usual, lower and upper case: "微克/立方米", "μg/m³", "mg/L".
 */
export const PHYSICAL_UNIT_PATTERN: string = [
  ...new Set(PHYSICAL_UNITS.flatMap(([, list]) => list.flatMap(spellings)).flatMap((sp) => [sp, sp.toLowerCase(), sp.toUpperCase()])),
]
  .sort((a, b) => b.length - a.length)
  .map((sp) => sp.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
  .join('|');

/**
 * What two quantities must share to be compared: for a physical quantity the
 * unit's name ("μg/m³" and "微克/立方米" are one unit, "mg/L" another), with any
 * per-period tail ("/天"); for the others the unit text as written.
 */
export function unitKey(q: Pick<Quantity, 'unit' | 'unitText'>): string {
  if (q.unit !== 'physical') return q.unitText;
  const p = physicalAt(q.unitText);
  return p ? p.name + q.unitText.slice(p.text.length) : q.unitText;
}

/** Two physical quantities are in one unit; anything else is not a physical pair. */
export function samePhysicalUnit(a: Pick<Quantity, 'unit' | 'unitText'>, b: Pick<Quantity, 'unit' | 'unitText'>): boolean {
  return a.unit === 'physical' && b.unit === 'physical' && unitKey(a) === unitKey(b);
}

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
  // A unit spelt with a multiplier's character ("千克", "千米", "千瓦时") is that unit, not 千 × "克".
  if (/^[万亿千百]/.test(rest)) {
    const whole = namedUnit(rest);
    if (whole) return { ...whole, scale: 1 };
  }
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
  const named = namedUnit(s);
  if (named) return { ...named, scale };
  if (s === '') return { unit: scale === 1 ? 'none' : 'count', unitText: '', scale, tail: '' };
  return null;
}

/** A unit from the lists at the start of `s`; physical units first ("分贝" is no 分, "立方米/秒" no 立方米). */
function namedUnit(s: string): { unit: QuantityUnit; unitText: string; tail: string } | null {
  const p = physicalAt(s);
  if (p) return { unit: 'physical', unitText: p.text, tail: s.slice(p.text.length) };
  for (const [list, unit] of UNIT_LISTS) {
    for (const u of list) if (s.startsWith(u)) return { unit, unitText: u, tail: s.slice(u.length) };
  }
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

/** Compiled once; findQuantities resets lastIndex. 千 before 瓦/克/米 is part of the unit ("千瓦时"), no multiplier. */
const FIND_RE = new RegExp(
  `(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)\\s*(百万|万|亿|千(?![瓦克米]))?\\s*(${PHYSICAL_UNIT_PATTERN}|%|‰|个百分点|百分点|元|人次|个月|小时|工作日|分钟|[通件条个次人项起处台套户份家座批名位张篇期场单分天日月年秒周])?`,
  'g',
);

/**
 * Every number-with-unit in free text ("接通率74.26%，得分5.47分"), in order.
 * Used for narrative checks and for actual values typed as sentences.
 */
export function findQuantities(text: string): FoundQuantity[] {
  const s = stripInvisible(toHalfWidth(text));
  const re = FIND_RE;
  re.lastIndex = 0;
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
  // Measurements keep their digits: 0.005mg/L is not 0.01mg/L.
  const shown = q.unit === 'physical' ? Math.max(places, v.decimalPlaces()) : places;
  return `${trimZeros(fixedHalfUp(v, shown))}${scaleWord}${q.unitText}`;
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** A plain quantity for computed values (pooled rates, monthly means). */
export function quantity(value: Decimal, unit: QuantityUnit, unitText = unit === 'percent' ? '%' : '', scale = 1): Quantity {
  return { value, unit, unitText, scale, text: '' };
}
