/**
 * Rule text as the parsers see it. PDF conversion scatters spaces and line
 * breaks through words and numbers ("每低 1%扣 1 分", "无人 在岗"); the rule
 * grammar never needs whitespace, so all of it goes. Chinese numerals are
 * turned into digits only where they count something ("一个百分点", "每发现一处"),
 * so labels such as "一次验收通过" keep their words.
 */
import { PHYSICAL_UNIT_PATTERN } from '../quantity';
import { normText, simplified } from '../text';

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** "十五" -> 15, "二十" -> 20, "一百" -> 100; null when not a plain numeral. */
export function cnNumber(s: string): number | null {
  if (!s) return null;
  let total = 0;
  let digit: number | null = null;
  for (const ch of s) {
    if (ch in CN_DIGITS) {
      if (digit !== null) return null;
      digit = CN_DIGITS[ch];
    } else if (ch in CN_UNITS) {
      total += (digit ?? 1) * CN_UNITS[ch];
      digit = null;
    } else return null;
  }
  return total + (digit ?? 0);
}

const CN_NUM = '[零〇一二两三四五六七八九十百千]+';
const COUNT_WORDS = '人次|个|次|处|起|项|点|例|件|条|名|家|篇|位|台|套|回|人|户|张|笔|种|册|批次|批|环节|个环节';

function arabic(numeral: string): string {
  const n = cnNumber(numeral);
  return n === null ? numeral : String(n);
}

// Compiled once (they ran per rule text); global regexes are safe to share with String.replace, which resets lastIndex.
const PERCENT_OF_RE = new RegExp(`百分之(${CN_NUM}|\\d+(?:\\.\\d+)?)`, 'g');
const MEASURE_RE = new RegExp(`(${CN_NUM})(个百分点|百分点|个月|%)`, 'g');
// "每超过一分贝", "每差五微克/立方米": a physical unit is counted the same way.
const EVERY_COUNT_RE = new RegExp(`每([^\\d，,；;。、]{0,6}?)(${CN_NUM})(${PHYSICAL_UNIT_PATTERN}|${COUNT_WORDS}|天|日|年|周|小时|工作日)`, 'g');
const ROUNDING_COUNT_RE = new RegExp(`(不足|按|满)(${CN_NUM})(${COUNT_WORDS})`, 'g');
const EVENT_COUNT_RE = new RegExp(
  `(发现|出现|发生|违反|延误|少报|漏报|迟报|拖延|涂改|缺少|少|缺|超过|低于|超出)(${CN_NUM})(${COUNT_WORDS}|天|日|年|周|小时|工作日)`,
  'g',
);
const COUNTED_BEFORE_SCORE_RE = new RegExp(`(?<![第一二三四五六七八九十])(${CN_NUM})(处|起|例|次|项)(?=[^，；。]{0,12}?(?:扣|不得分|不计分|得0分|为0分))`, 'g');
/** Any Chinese numeral character: without one there is nothing to convert. */
const ANY_CN_NUM = /[零〇一二两三四五六七八九十百千]/;

/** Chinese numerals that count something, as digits. */
export function cnNumeralsToDigits(s: string): string {
  if (!ANY_CN_NUM.test(s)) return s;
  return (
    s
      // "百分之五" -> "5%".
      .replace(PERCENT_OF_RE, (_m, n: string) => `${/\d/.test(n) ? n : arabic(n)}%`)
      // "一个百分点", "一个月", "五%": a measure the rule computes with.
      .replace(MEASURE_RE, (_m, n: string, u: string) => arabic(n) + u)
      // "每发现一处", "每出现一次", "每存在一项": the counted unit of a deduction.
      .replace(EVERY_COUNT_RE, (_m, mid: string, n: string, u: string) => `每${mid}${arabic(n)}${u}`)
      // "不足一个", "按一次": rounding clauses.
      .replace(ROUNDING_COUNT_RE, (_m, w: string, n: string, u: string) => w + arabic(n) + u)
      // "有五处及以上逻辑审核错误": any numeral counting events or items before a deduction or a zero.
      .replace(COUNTED_BEFORE_SCORE_RE, (_m, n: string, u: string) => arabic(n) + u)
      // "发现一处扣0.5分", "延误一次扣2分", "少一个程序扣1分": the counted unit of a deduction without 每.
      .replace(EVENT_COUNT_RE, (_m, v: string, n: string, u: string) => v + arabic(n) + u)
  );
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
export const CIRCLED_RE = new RegExp(`[${CIRCLED}]`);
export const CIRCLED_CLASS = CIRCLED;

const ODD_SYMBOLS = /[≧≦﹪—–－～~〜﹙﹚［【］】．：＝]/;

/** The canonical rule text: half-width, no whitespace, unified symbols, digits for counting numerals. */
/**
 * A table row pasted as a line, its points in the next cell ("…设备完好率100%  10",
 * "…保值率指标<1  0"): a condition ending in a figure or a comparison, blank space, then a
 * bare number at the end of the line, is "condition，得N分；". Without this the spaces go
 * and "100% 10" would read as one figure. Questions ("…是否齐全? 2") are checklist items,
 * left as they are.
 */
const CELL_ROW = /^(.*[\d%‰])[ \t\u3000]+(\d+(?:\.\d+)?)[ \t\u3000]*$/;

function cellRows(raw: string): string {
  if (!raw.includes('\n') && !/[ \t\u3000]\d+(?:\.\d+)?[ \t\u3000]*$/.test(raw)) return raw;
  let rows = 0;
  const lines = raw.split(/\r?\n/).map((line) => {
    const m = CELL_ROW.exec(line);
    if (!m || /[?？]/.test(m[1])) return line;
    rows++;
    return `${m[1]}，得${m[2]}分；`;
  });
  // A table: every line is a row of its own ("…≥90% 按比例计算得分" too), not a sentence wrapped.
  return rows > 0 ? lines.map((l) => (/[；;。，,]\s*$/.test(l) || !l.trim() ? l : `${l}；`)).join('\n') : raw;
}

export function normRuleText(text: unknown): string {
  let s = normText(typeof text === 'string' ? cellRows(text) : text).replace(/\s+/g, '');
  // Most texts have none of the symbols below: skip the eleven passes then.
  if (ODD_SYMBOLS.test(s))
    s = s
      .replace(/[≧]/g, '≥')
      .replace(/[≦]/g, '≤')
      .replace(/[﹪]/g, '%')
      .replace(/[—–－～~〜]+/g, '-')
      .replace(/[﹙]/g, '(')
      .replace(/[﹚]/g, ')')
      .replace(/[［【]/g, '[')
      .replace(/[］】]/g, ']')
      .replace(/[．]/g, '.')
      .replace(/[：]/g, ':')
      .replace(/[＝]/g, '=');
  // Half-width commas and semicolons after CJK are sentence punctuation, not thousands separators.
  s = s.replace(/,/g, (_m, at: number) => (/\d/.test(s[at - 1] ?? '') && /^\d{3}(?!\d)/.test(s.slice(at + 1)) ? ',' : '，'));
  s = s.replace(/;/g, '；');
  s = simplified(s);
  // OCR reads "=" as "二" in "得分=": "得分二资金到位率*分值" has no other reading.
  s = s.replace(/得分二(?=[\u4e00-\u9fff(（])/g, '得分=');
  s = cnNumeralsToDigits(s);
  // "，少一次扣1分" after "不少于2次": a shortfall counted per unit, as "每少1次扣1分" says it.
  // "；少一项，扣0.25分": the comma before the deduction changes nothing.
  s = s.replace(/(^|[，；。(])(少|缺少|缺)(1)(个|次|项|处|名|人|条|件)(?=，?[^，；。]{0,8}?扣)/g, '$1每$2$3$4');
  return s.replace(/^(评价要点|评分标准|评价标准|评分要点|评分依据)[:]?/, '');
}

const MAY_HOLD_DATE = /\d{4}|[月号]/;

/**
 * Dates ("2020年12月31日", "2021年度", "1月-9月") look like quantities; mask them
 * with '#' of the same length so positions still line up with the text.
 */
export function maskDates(s: string): string {
  // Every pattern below needs four digits, 月 or 号: most clauses have none of them.
  if (!MAY_HOLD_DATE.test(s)) return s;
  const hide = (m: string) => '#'.repeat(m.length);
  return s
    .replace(/\d{4}年度?(?:\d{1,2}月(?:\d{1,2}日)?)?(?:-\d{1,2}月(?:\d{1,2}日)?)?/g, hide)
    .replace(/\d{4}[-./]\d{1,2}(?:[-./]\d{1,2})?/g, hide)
    .replace(/\d{1,2}月\d{1,2}日/g, hide)
    .replace(/\d{1,2}月-\d{1,2}月/g, hide)
    .replace(/〔\d{4}〕\d*号?|\[\d{4}\]\d*号?|\d+号/g, hide);
}
