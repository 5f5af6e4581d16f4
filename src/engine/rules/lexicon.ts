/**
 * The vocabulary shared by the rule parsers: numbers with units, comparator
 * words, and the places in a text where points are awarded ("得3分", "(2分)",
 * "不得分", "得满分").
 */
import { Decimal, ONE, ZERO, dec } from '../decimal';
import { PHYSICAL_UNIT_PATTERN, parseQuantity, type Quantity, type QuantityUnit } from '../quantity';
import { CIRCLED_CLASS, maskDates } from './normalize';

export const NUM = '(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?';
/** Physical units first: "分贝" is no 分, "立方米/秒" no 立方米, "千瓦时" no 千 × 瓦时. */
export const UNIT = `(?:百万|万|亿|千)?(?:${PHYSICAL_UNIT_PATTERN}|%|‰|个百分点|百分点|元|人次|个月|小时|工作日|分钟|公斤|千克|公顷|公里|千米|平方米|立方米|[通件条个次人项起处台套户份家座批名位张篇期场单分天日月年秒周例宗所亩吨艘辆头只株棵])`;

/** A number with an optional unit, read exactly. */
export function readQuantity(numText: string, unitText = ''): Quantity | null {
  const r = parseQuantity(`${numText}${unitText}`);
  return r.ok ? r.q : null;
}

export interface Scanned {
  q: Quantity;
  start: number;
  end: number;
  raw: string;
}

/** Compiled once; scanQuantities resets lastIndex before each scan (it does not recurse). */
const QUANTITY_RE = new RegExp(`${NUM}(?:${UNIT})?`, 'g');

/** Every number(+unit) in a normalised rule text, dates masked out. */
export function scanQuantities(text: string): Scanned[] {
  const masked = maskDates(text);
  const re = QUANTITY_RE;
  re.lastIndex = 0;
  const out: Scanned[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(masked))) {
    // A number glued to letters, a dot or a masked date ("ISO9001", "C13") is a code, not a quantity.
    const before = masked[m.index - 1] ?? '';
    if (/[A-Za-z.#]/.test(before)) continue;
    const q = parseQuantity(m[0]);
    if (q.ok) out.push({ q: q.q, start: m.index, end: m.index + m[0].length, raw: m[0] });
  }
  return out;
}

/** Quantities whose values can be compared with each other. */
export function sameFamily(a: QuantityUnit, b: QuantityUnit): boolean {
  if (a === b) return true;
  const counted = (u: QuantityUnit) => u === 'count' || u === 'none';
  return counted(a) && counted(b);
}

/** Comparator words, longest first so "不低于" is never read as "低于". */
export type Bound = 'lowerInc' | 'lowerExc' | 'upperInc' | 'upperExc';
export const COMPARATORS: [string, Bound][] = (
  [
    ['大于或等于', 'lowerInc'],
    ['大于等于', 'lowerInc'],
    ['不低于', 'lowerInc'],
    ['不少于', 'lowerInc'],
    ['不小于', 'lowerInc'],
    ['未达到', 'upperExc'],
    ['达到', 'lowerInc'],
    ['≥', 'lowerInc'],
    ['>=', 'lowerInc'],
    ['高于', 'lowerExc'],
    ['大于', 'lowerExc'],
    ['超过', 'lowerExc'],
    ['超出', 'lowerExc'],
    ['多于', 'lowerExc'],
    ['>', 'lowerExc'],
    ['小于或等于', 'upperInc'],
    ['小于等于', 'upperInc'],
    ['不高于', 'upperInc'],
    ['不超过', 'upperInc'],
    ['不大于', 'upperInc'],
    ['不多于', 'upperInc'],
    ['控制在', 'upperInc'],
    ['≤', 'upperInc'],
    ['<=', 'upperInc'],
    ['低于', 'upperExc'],
    ['小于', 'upperExc'],
    ['少于', 'upperExc'],
    ['不足', 'upperExc'],
    ['未满', 'upperExc'],
    ['<', 'upperExc'],
  ] as [string, Bound][]
).sort((a, b) => b[0].length - a[0].length);

/** What is compared: the comparator word (or "以上"/"以下") governing a quantity at `start`. */
export function comparatorBefore(text: string, start: number): Bound | null {
  const head = text.slice(Math.max(0, start - 6), start);
  for (const [w, b] of COMPARATORS) if (head.endsWith(w)) return b;
  // "达到可种面积(新增水田面积)的100%": the comparator governs the share of a named whole.
  const far = /(达到|不低于|不少于|超过|低于|不足)[^，；。\d]{1,20}的$/.exec(text.slice(Math.max(0, start - 24), start));
  if (far) return COMPARATORS.find(([w]) => w === far[1])![1];
  if (/(为|是|应为|保证|控制数为|控制金额|目标值为|标准为)$/.test(head)) return 'lowerInc';
  return null;
}

/**
 * A comparator right after a number and before the name it compares ("90%≤资金到位率<100%",
 * "60≤得分<80"): the number is the left side, so the bound it sets on the name is the mirror
 * of the sign (N ≤ X is X ≥ N).
 */
export function comparatorAfter(text: string, end: number): Bound | null {
  const m = /^(?:\((不)?含\))?(<=|>=|≤|≥|<|>)(?=[\u4e00-\u9fffA-Za-z])/.exec(text.slice(end, end + 8));
  if (!m) return null;
  const sign = m[2];
  if (sign === '≤' || sign === '<=') return 'lowerInc';
  if (sign === '<') return 'lowerExc';
  if (sign === '≥' || sign === '>=') return 'upperInc';
  return 'upperExc';
}

export function suffixBound(text: string, end: number): Bound | null {
  const tail = text.slice(end, end + 8);
  const m = /^(?:\((?:不)?含\))?(及以上|或以上|以上|及以下|或以下|以下|以内)(\(不含\))?/.exec(tail);
  if (!m) return null;
  const exclusive = !!m[2] || /^\(不含\)/.test(tail);
  if (/以上/.test(m[1])) return exclusive ? 'lowerExc' : 'lowerInc';
  return exclusive ? 'upperExc' : 'upperInc';
}

/** Points awarded at some place in the text. */
export interface Outcome {
  start: number;
  end: number;
  /** Fixed points ("得3分", "(2分)", "不得分" = 0). */
  points?: Decimal;
  /** Share of the max ("得满分" = 1, "得一半分" = 0.5). */
  fraction?: Decimal;
  /** A range of points the evaluator chooses in ("得5-3分", a table's "5-3" cell): neither points nor a share. */
  between?: { lo: Decimal; hi: Decimal };
  text: string;
}

/**
 * Words that award points. 计/记/给 say the same as 得 ("≥95%，计5分", "不计分"): they
 * introduce an outcome, never a threshold. A bare "N分" right after a condition's comma
 * ("无结余，3分；", "未经验收:0分)", "无档案的0分)") is an outcome too.
 */
const OUTCOME_RE = new RegExp(
  [
    '(?:得|计|记|给)满分',
    '(?:得|计|记)一半(?:的)?分(?:值|数)?',
    '得半分',
    '(?:不得分|不计分|不记分|不给分)',
    `(?:得|计|记)(${NUM})-(${NUM})分`,
    `(?:得|计|记|给)(?:分)?(${NUM})分`,
    `\\((${NUM})分\\)`,
    '(?:直接|指标|则)?为0分',
    // "(全部验收:4分,未经验收:0分)", "未建立、无档案的0分)".
    `(?<=[，:]|[^\\d]的)(${NUM})分(?=[；。，)]|$)`,
  ].join('|'),
  'g',
);

const HALF = dec('0.5');

export function findOutcomes(text: string): Outcome[] {
  const out: Outcome[] = [];
  let m: RegExpExecArray | null;
  OUTCOME_RE.lastIndex = 0;
  while ((m = OUTCOME_RE.exec(text))) {
    const t = m[0];
    const base = { start: m.index, end: m.index + t.length, text: t };
    // Decimals are immutable: the fixed shares are shared constants, not built per outcome.
    if (/^.满分$/.test(t)) out.push({ ...base, fraction: ONE });
    else if (/一半|半分/.test(t)) out.push({ ...base, fraction: HALF });
    else if (/^不.分$/.test(t) || /为0分$/.test(t)) out.push({ ...base, points: ZERO });
    else if (m[1] !== undefined) {
      const [a, b] = [new Decimal(m[1].replace(/,/g, '')), new Decimal(m[2].replace(/,/g, ''))];
      out.push({ ...base, between: a.lt(b) ? { lo: a, hi: b } : { lo: b, hi: a } });
    } else {
      const n = m[3] ?? m[4] ?? m[5];
      out.push({ ...base, points: new Decimal(n.replace(/,/g, '')) });
    }
  }
  return out;
}

/** A condition and the points it earns, in text order. */
export interface Segment {
  /** Raw text between the previous outcome and this one. */
  cond: string;
  condStart: number;
  outcome: Outcome;
}

export function segments(text: string, outs: readonly Outcome[] = findOutcomes(text)): Segment[] {
  let prev = 0;
  return outs.map((o) => {
    const seg = { cond: text.slice(prev, o.start), condStart: prev, outcome: o };
    prev = o.end;
    return seg;
  });
}

const LEADING_NOISE = new RegExp(
  `^(?:[，,；;。、:\\s]|评价要点:?|评分标准:?|其中:?|否则|[${CIRCLED_CLASS}]|\\d{1,2}[.、)](?!\\d)|\\(\\d{1,2}\\)|\\([^)]{0,40}\\))+`,
);

const CIRCLED_G = new RegExp(`[${CIRCLED_CLASS}]`, 'g');

/**
 * The clause that carries a condition: the text after the last sentence break
 * or item number, without numbering and leading punctuation.
 */
export function lastClause(cond: string): string {
  let s = cond.replace(/[，,；;。、:\s]+$/, '');
  const cut = Math.max(s.lastIndexOf('；'), s.lastIndexOf('。'));
  if (cut >= 0) s = s.slice(cut + 1);
  const circled = CIRCLED_G;
  circled.lastIndex = 0;
  let last = -1;
  let m: RegExpExecArray | null;
  while ((m = circled.exec(s))) last = m.index;
  if (last >= 0) s = s.slice(last);
  return s.replace(LEADING_NOISE, '');
}

/** A checklist or option label: the clause, without "，是" / "的，该指标" tails. */
export function cleanLabel(cond: string): string {
  let s = lastClause(cond);
  for (let i = 0; i < 3; i++) {
    s = s
      .replace(/[，,、:]*(该指标|本指标|本项|可)$/, '')
      .replace(/(?<=[)，,])则$/, '')
      .replace(/[，,](是|符合|满足|具备|有|能|为|达到)$/, '')
      .replace(/[，,、的]+$/, '');
  }
  return s;
}
