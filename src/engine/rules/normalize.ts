/**
 * Rule text as the parsers see it. PDF conversion scatters spaces and line
 * breaks through words and numbers ("每低 1%扣 1 分", "无人 在岗"); the rule
 * grammar never needs whitespace, so all of it goes. Chinese numerals are
 * turned into digits only where they count something ("一个百分点", "每发现一处"),
 * so labels such as "一次验收通过" keep their words.
 */
import { Decimal } from '../decimal';
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
const CELL_ROW = /^(.*[\d%‰])[ \t\u3000]+(\d+(?:\.\d+)?)(?:[ \t\u3000]+([^\d\s][^\d]*?))?[ \t\u3000]*$/;
/** Words that score: a third cell holding them is no remark ("≥90% 10 按比例计算得分" is no row of this kind). */
const SCORING_REMARK = /[得扣计记]|分/;

function cellRows(raw: string): string {
  if (!raw.includes('\n') && !/[ \t\u3000]\d+(?:\.\d+)?[ \t\u3000]*$/.test(raw)) return raw;
  let rows = 0;
  const lines = raw.split(/\r?\n/).map((line) => {
    const m = CELL_ROW.exec(line);
    if (!m || /[?？]/.test(m[1]) || (m[3] && SCORING_REMARK.test(m[3]))) return line;
    rows++;
    // "…保值率指标≥1  20  重大改造、建设项目除外": a remark in a third cell is a statement of its own.
    return `${m[1]}，得${m[2]}分；${m[3] ? `${m[3]}；` : ''}`;
  });
  // A table: every line is a row of its own ("…≥90% 按比例计算得分" too), not a sentence wrapped.
  return rows > 0 ? lines.map((l) => (/[；;。，,]\s*$/.test(l) || !l.trim() ? l : `${l}；`)).join('\n') : raw;
}

/**
 * Misreadings of printed tables (OCR of a PDF): a character that reads as nothing where its
 * context admits one reading only. Each repair is bound to that context on both sides and never
 * touches a text that reads already; the rule notes what was repaired (ocrRepairNotes).
 */
interface OcrRepair {
  re: RegExp;
  to: (m: string, ...groups: string[]) => string;
}

const OCR_REPAIRS: OcrRepair[] = [
  // "4月15 H为截点": a day of a month printed as H (日).
  { re: /(?<!\d)(\d{1,2})月(\d{1,2})H(?![A-Za-z])/g, to: (_m, mo: string, d: string) => `${mo}月${d}日` },
  // "为O分", "得O分", "扣O.5分": points are digits, O is 0.
  { re: /([为得计记扣])[Oo]((?:\.\d+)?分)/g, to: (_m, w: string, rest: string) => `${w}0${rest}` },
  // "正向指标(即目标值为2X，得分=权重*BA)": ≥ printed as 2, ≤ as W, B/A lost its slash. Only a lone letter is a variable.
  { re: /(目标值为)2([A-Z])(?![A-Za-z\d])/g, to: (_m, w: string, x: string) => `${w}≥${x}` },
  { re: /(目标值为)W([A-Z])(?![A-Za-z\d])/g, to: (_m, w: string, x: string) => `${w}≤${x}` },
  { re: /(得分[=二](?:权重|分值|权数)[*×])([A-Z])([A-Z])(?![A-Za-z\d/])/g, to: (_m, w: string, a: string, b: string) => `${w}${a}/${b}` },
  // "未按规定执行依次扣1分": 依次 for 一次 (one occurrence, each time); "依次扣1分、2分…" goes up by occurrence and stays.
  // "按未达标台数依次扣2分": the unit the count names. A sentence with figures of its own before 依次
  // ("比例大于10%时…依次扣2分") has a condition no count reads: left as written.
  {
    re: /(?<=(?:^|[；。])(?:\d{1,2}[、.])?[^；。\d]*)(按[^，；。按]{0,12}?(台|个|项|人|处|件|户|家|起|条|种))数依次扣(?:减|除)?(\d+(?:\.\d+)?)分(?![、，]?\d|、)/g,
    to: (_m, by: string, unit: string, n: string) => `${by}数每${unit}扣${n}分`,
  },
  {
    re: /(?<=(?:^|[；。])(?:\d{1,2}[、.])?[^；。\d]*)依次扣(?:减|除)?(\d+(?:\.\d+)?)分(?![、，]?\d|、)/g,
    to: (_m, n: string) => `每次扣${n}分`,
  },
];

/** "扣0.5分2、": a deduction in a numbered list, its item closed by the next number. */
const LISTED_DEDUCTION_RE = /扣(?:减|除)?\d+(?:\.\d+)?([^\d，；。、]{0,3}?)(?=\d+[、.]|$|[。；])/g;
/** Words a deduction's unit could be besides 分: those are read as they are. */
const NOT_GARBLED = /分|元|%|次|项|个|处|天|日|月|年|起|件|条|人|名|种|册|倍|以|为|止|的|后|时/;

/**
 * "1、未按期归档每种扣0.5分2、…立卷种类不全每种扣0.5夫婿3、…": in a numbered list whose every other
 * deduction is in 分, one whose unit is a garble closed by the next item number is in 分 too.
 */
function garbledPointUnits(s: string, found?: string[]): string {
  if (!/扣/.test(s)) return s;
  const all = [...s.matchAll(LISTED_DEDUCTION_RE)];
  const garbled = all.filter((m) => m[1] !== '' && !NOT_GARBLED.test(m[1]));
  const inPoints = all.filter((m) => m[1] === '分');
  if (garbled.length !== 1 || inPoints.length < 2 || inPoints.length + garbled.length !== all.length) return s;
  const g = garbled[0];
  const to = `${g[0].slice(0, g[0].length - g[1].length)}分`;
  found?.push(`“${g[0]}”按“${to}”读`);
  return s.slice(0, g.index!) + to + s.slice(g.index! + g[0].length);
}

/** The text with every OCR repair applied; `found` collects "原文 → 读作" pairs. */
function repairOcr(s: string, found?: string[]): string {
  let out = s;
  // Most texts hold none of the characters a repair starts from.
  if (/[HOo依A-Z]/.test(s))
    for (const r of OCR_REPAIRS) {
      out = out.replace(r.re, (m: string, ...g: string[]) => {
        const to = r.to(m, ...g);
        found?.push(`“${m}”按“${to}”读`);
        return to;
      });
    }
  return restoreLostComparators(garbledPointUnits(out, found), found);
}

const PCT = '\\d+(?:\\.\\d+)?%';
/** "90%资金到位率100%，得7分", "80%W资金到位率90%，得4分": a range whose signs were lost (W is a misread ≤). */
const LOST_RANGE_RE = new RegExp(`(?<=^|[；。:，])(${PCT})(W|≤|<)?([\\u4e00-\\u9fff]{2,16}?)(W|≤|<)?(${PCT})(?=，?(?:得|为|计|记)(\\d+(?:\\.\\d+)?)分)`, 'g');
/** "资金到位率100%，得10分" beside such ranges: one edge of them, its sign lost too. */
const LOST_EDGE_RE = new RegExp(`(?<=^|[；。:])([\\u4e00-\\u9fff]{2,16}?)(${PCT})(?=，?(?:得|为|计|记)(\\d+(?:\\.\\d+)?)分)`, 'g');

const pct = (t: string): number => Number(t.slice(0, -1));
/** Words that compare or join figures ("以上", "至", "不含"): between two figures they say the range themselves. */
const COMPARING_WORDS = /以上|以下|以内|^[至到]|[至到]$|及以|含|不|低于|高于|大于|小于|等于|超过|未满|达到|或|之间/;

/**
 * A table of bands on one named rate whose comparison signs the PDF lost ("资金到位率100%,得10分;
 * 90%资金到位率100%,得7分;80%W资金到位率90%,得4分:资金到位率80%,为0分"). Every row names the same
 * rate; at least one range lost a sign. A lost sign of a range is read as ranges without marks are
 * ("90-100%": lower edge in, upper out); a lone row at the top edge with more points is "≥", one at
 * the bottom edge with fewer points is "<". Anything else stays as it is (unread).
 */
function restoreLostComparators(s: string, found?: string[]): string {
  if (!/%[^%，；。]{2,16}%/.test(s)) return s;
  const ranges = [...s.matchAll(LOST_RANGE_RE)];
  if (!ranges.some((m) => !m[2] || !m[4] || m[2] === 'W' || m[4] === 'W')) return s;
  const name = ranges[0][3];
  // "90%以上至100%": words between the figures that compare are no name; a sign lost needs a name.
  if (COMPARING_WORDS.test(name) || ranges.some((m) => m[3] !== name || !(pct(m[1]) < pct(m[5])))) return s;
  const edges = [...s.matchAll(LOST_EDGE_RE)].filter((m) => m[1] === name);
  // A table: the rate named on two rows at least.
  if (ranges.length + edges.length < 2) return s;
  const top = Math.max(...ranges.map((m) => pct(m[5])));
  const bottom = Math.min(...ranges.map((m) => pct(m[1])));
  const pointsAt = (v: number, hi: boolean) => Number(ranges.find((m) => pct(hi ? m[5] : m[1]) === v)![6]);
  const sign = (w: string | undefined, fallback: string) => (w === 'W' ? '≤' : (w ?? fallback));
  const parts: { at: number; len: number; to: string }[] = [];
  for (const m of ranges) {
    const lo = sign(m[2], m[4] === '≤' || m[4] === 'W' ? '<' : '≤');
    const hi = sign(m[4], lo === '<' && m[2] ? '≤' : '<');
    parts.push({ at: m.index!, len: m[0].length, to: `${m[1]}${lo}${name}${hi}${m[5]}` });
  }
  for (const m of edges) {
    const v = pct(m[2]);
    const points = Number(m[3]);
    if (v === top && points > pointsAt(v, true)) parts.push({ at: m.index!, len: m[0].length, to: `${name}≥${m[2]}` });
    else if (v === bottom && points < pointsAt(v, false)) parts.push({ at: m.index!, len: m[0].length, to: `${name}<${m[2]}` });
    else return s;
  }
  parts.sort((a, b) => a.at - b.at);
  for (const p of parts) found?.push(`“${s.slice(p.at, p.at + p.len)}”按“${p.to}”读`);
  let out = s;
  for (const p of [...parts].reverse()) out = out.slice(0, p.at) + p.to + out.slice(p.at + p.len);
  return out;
}

/** What the OCR repairs changed in a rule text, as notes for the evaluator (none for a text that reads). */
export function ocrRepairNotes(text: unknown): string[] {
  const found: string[] = [];
  repairOcr(baseText(text), found);
  return found.length ? [`评分标准疑有错印或识别错误：${found.join('，')}`] : [];
}

function baseText(text: unknown): string {
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
  return simplified(s);
}

/** A points cell of a table row: "3", "3分", or a range the evaluator chooses in ("5-3"). */
const POINTS_CELL = /^(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?分?$/;
/** A comparison of the row's figure, or a range: such a row says its own edges. */
const SAYS_EDGE = /[<>≤≥=]|以上|以下|以内|不足|低于|高于|大于|小于|超过|不少于|不低于|未达到|达到|\d-\d/;

/**
 * A table flattened with its cells joined by "|" ("超额完成计划任务>100% | 5-3 | 完成计划任务100% | 3 |
 * …"): condition and points, cell after cell. Every second cell must be points, or the text is left as
 * it is. A condition cell holding one figure and no comparison is that figure exactly.
 */
function pipeRows(s: string): string {
  const cells = s.split('|').filter((c, i, all) => c !== '' || (i > 0 && i < all.length - 1));
  if (cells.length < 4 || cells.length % 2 !== 0) return s;
  const rows: string[] = [];
  for (let i = 0; i < cells.length; i += 2) {
    const [cond, points] = [cells[i], cells[i + 1]];
    if (!POINTS_CELL.test(points) || POINTS_CELL.test(cond) || !/[\u4e00-\u9fff\d]/.test(cond)) return s;
    const figures = cond.match(/\d+(?:\.\d+)?%?/g) ?? [];
    const exact = figures.length === 1 && !SAYS_EDGE.test(cond) ? cond.replace(/(\d+(?:\.\d+)?%?)/, '=$1') : cond;
    rows.push(`${exact}，得${points.replace(/分$/, '')}分；`);
  }
  return rows.join('');
}

export function normRuleText(text: unknown): string {
  let s = repairOcr(baseText(text));
  if (s.includes('|')) s = pipeRows(s);
  // OCR reads "=" as "二" in "得分=": "得分二资金到位率*分值" has no other reading.
  s = s.replace(/得分二(?=[\u4e00-\u9fff(（])/g, '得分=');
  if (/得分(?:值)?=/.test(s)) s = plainFormula(s);
  // "…每种扣0.5分2、立卷方法…": the next numbered item glued to the points opens a statement of its own.
  s = s.replace(/(?<=分)(\d{1,2})([、.])(?=[\u4e00-\u9fff])/g, '；$1$2');
  s = cnNumeralsToDigits(s);
  s = perItemProduct(s);
  // "，少一次扣1分" after "不少于2次": a shortfall counted per unit, as "每少1次扣1分" says it.
  // "；少一项，扣0.25分": the comma before the deduction changes nothing.
  s = s.replace(/(^|[，；。(])(少|缺少|缺)(1)(个|次|项|处|名|人|条|件)(?=，?[^，；。]{0,8}?扣)/g, '$1每$2$3$4');
  return s.replace(/^(评价要点|评分标准|评价标准|评分要点|评分依据)[:]?/, '');
}

/** A formula in quotes: “评价指标得分=实际完成量/目标任务的比值*该项指标分值”. */
const QUOTED_FORMULA_RE = /[“"]([^“”"]*得分(?:值)?=[^“”"]*)[”"]/g;
/** "实际完成量/目标任务的比值*分值": the quotient is the ratio the words name again. */
const NAMED_RATIO_RE = /([/÷][^，；。*×/÷=()]{1,24}?)(?:的)?(?:比值|之比)(?=[*×xX]|$|[，；。)])/g;

/** A formula as the grammar reads it: unquoted, a ratio named once. */
function plainFormula(s: string): string {
  return s.replace(QUOTED_FORMULA_RE, '$1').replace(NAMED_RATIO_RE, '$1');
}

/** "(2分×4项，即…)", "(4项×2分)": points per item times the items, beside the total they make. */
const PER_ITEM_PRODUCT_RE =
  /(?<![=×*xX+\-/÷\d.])(?:(\d+(?:\.\d+)?)分[×*xX](\d+)(项|个|条|件|份)|(\d+)(项|个|条|件|份)[×*xX](\d+(?:\.\d+)?)分)(?![=×*xX+\-/÷])/g;

/**
 * "簽訂責任狀(8分)(2分×4項，即…)…每少一項扣2分": the total is so many items of so many points,
 * "共4项，各2分", when their product is a total the text states ("8分"). Read so, the items are
 * the standard a shortfall counts from; the product is no formula.
 */
function perItemProduct(s: string): string {
  if (!/分[×*xX]\d|\d[项个条件份][×*xX]/.test(s)) return s;
  return s.replace(PER_ITEM_PRODUCT_RE, (m: string, p1?: string, n1?: string, u1?: string, n2?: string, u2?: string, p2?: string) => {
    const [each, n, unit] = p1 !== undefined ? [p1, n1!, u1!] : [p2!, n2!, u2!];
    const totalPoints = new Decimal(each).times(n);
    const stated = new RegExp(`(?:\\(|得|计|记|共)${totalPoints.toString().replace('.', '\\.')}分`).test(s);
    return stated ? `共${n}${unit}，各${each}分` : m;
  });
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
