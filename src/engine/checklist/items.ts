/**
 * The points an evaluator judges one by one: a checklist's items
 * ("①…得0.5分 ②…得0.5分"), a grade rule's options (按优6分、良4分…, pick one),
 * items the text lists with their points ("目标明确（1分），目标细化（1分）",
 * "1.…(2分) 2.…(1分)") and deduction ranges ("存在…的扣2-5分": the evaluator
 * chooses within 2–5). Points are only ever read from the text, never invented:
 * when they do not add up to the indicator's max, `mismatch` says so.
 */
import { Decimal, ZERO, fmt, sum } from '../decimal';
import type { Rule } from '../rules/types';
import { cnNumber } from '../rules/normalize';
import { normText, simplified } from '../text';

export type ItemKind = 'award' | 'deduct' | 'option';

export interface ChecklistItem {
  /** 1-based position in the list, as the 逐项评分 sheet numbers it. */
  seq: number;
  /** The point to judge, as the text words it. */
  label: string;
  /**
   * award: points earned when met; option: points of this pick-one option;
   * deduct: the largest deduction when the defect is found.
   */
  kind: ItemKind;
  points: Decimal;
  /** deduct: the smallest deduction of the range ("扣2-5分" gives 2); equal to points for a fixed deduction. */
  minPoints?: Decimal;
  /** "…得5分，否则酌情扣分": unmet loses what the evaluator decides, so 不符合 needs the points kept. */
  discretionary?: boolean;
  /**
   * deduct: the label is the requirement ("资金拨付有完整的审批程序和手续"), not the
   * defect ("未装订"): 不符合 deducts, and the 扣分说明 says what was not met.
   */
  requirement?: boolean;
}

export interface ChecklistItems {
  /** 'sum': awarded points add up (deductions subtract); 'pickOne': exactly one option applies (grade rules). */
  mode: 'sum' | 'pickOne';
  items: ChecklistItem[];
  /** What the award items (or the best option) add up to; null when there are only deductions. */
  total: Decimal | null;
  /** Deduction per defect the text gives besides the items ("每发现一处…扣0.2分"). */
  perDefect?: Decimal;
  /** Chinese, when the points do not match the indicator's max: a finding, the points stay as written. */
  mismatch?: string;
}

const NUM = '\\d+(?:\\.\\d+)?';
/** "目标明确(1分)", "目标量化（2分）" (normText makes the brackets half-width). */
const PAREN_ITEM = new RegExp(`([^,，;；。()（）]+?)\\s*\\((${NUM})\\s*分\\)`, 'g');
/** "①", "1.", "1、", "(1)" at the start of an item. */
const MARKER = /(?:^|[\s,，;；。])(?:[①②③④⑤⑥⑦⑧⑨⑩⑪⑫]|\(?\d{1,2}\)|\d{1,2}[.、．](?!\d))\s*/g;
/** "…得2分", "…2分" at the end of a numbered item. */
const TRAILING_POINTS = new RegExp(`(?:得|计|为)?\\s*(${NUM})\\s*分\\s*[。;；,，]?\\s*$`);
/** "存在…的扣2-5分", "发现…的，扣1～2分", "存在…的扣2分". */
const DEDUCT_RANGE = new RegExp(
  `((?:存在|发现|出现)[^,，;；。]*?)(?:的)?[,，]?\\s*(?:酌情)?扣(?:减|除)?\\s*(${NUM})\\s*(?:分)?\\s*(?:[-~～至到]\\s*(${NUM}))?\\s*分`,
  'g',
);

function dec(s: string): Decimal {
  return new Decimal(s);
}

function cleanItemLabel(s: string): string {
  return s
    .replace(/^(?:评价要点|评分要点|评分标准|要点)\s*[:：]?\s*/, '')
    .replace(/^\((?:如|若)[^)]*\)\s*/, '')
    .replace(/^[\s,，;；。:：、]+|[\s,，;；。:：、]+$/g, '')
    .replace(/(?:的)?[,，]?\s*(?:得|计)$/, '')
    .trim();
}

/** "未装订或装订不整齐扣2分", "没有年度报告的扣2分": a failing condition with a fixed deduction. */
const FIXED_DEDUCT = new RegExp(`([^,，;；。()（）:：]{2,40}?)(?:的)?[,，]?\\s*扣(?:减|除)?\\s*(${NUM})\\s*分(?!\\s*\\/)`, 'g');
const FAILING = /未|不|没有|无|缺|错误/;

/** Two or more failing conditions, each with its fixed deduction; per-unit ones ("每…扣") are not items. */
function fixedDeductions(text: string): { label: string; min: Decimal; max: Decimal }[] {
  const out: { label: string; min: Decimal; max: Decimal }[] = [];
  FIXED_DEDUCT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = FIXED_DEDUCT.exec(text))) {
    const raw = m[1].replace(/^.*?(?:[①②③④⑤⑥⑦⑧⑨⑩⑪⑫]|\d{1,2}[.、．](?!\d))\s*/, '');
    if (/每/.test(raw) || !FAILING.test(raw) || /(?:存在|发现|出现)/.test(raw)) return [];
    const label = cleanItemLabel(raw.replace(/的$/, ''));
    if (!label) return [];
    out.push({ label, min: dec(m[2]), max: dec(m[2]) });
  }
  return out.length >= 2 ? out : [];
}

/** Deduction ranges the text states ("存在…的扣2-5分"); per-unit deductions ("每…扣") are not items. */
export function deductionItems(text: string): { label: string; min: Decimal; max: Decimal }[] {
  const out: { label: string; min: Decimal; max: Decimal }[] = [...fixedDeductions(text)];
  DEDUCT_RANGE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DEDUCT_RANGE.exec(text))) {
    // "每发现一处…扣0.2分" / "存在一项…扣": per defect, not an item to judge.
    if (/每/.test(m[1]) || text[m.index - 1] === '每' || /^(?:存在|发现|出现)(?:一|1)\s*(?:处|次|项|个|起|点)/.test(m[1])) continue;
    const a = dec(m[2]);
    const b = m[3] ? dec(m[3]) : a;
    const label = cleanItemLabel(m[1].replace(/的$/, ''));
    if (!label) continue;
    out.push({ label, min: a.lt(b) ? a : b, max: a.lt(b) ? b : a });
  }
  return out;
}

/** Items a text lists with their points: "(1分)" after each, numbered items ending in "得N分", a list after 其中/包括, questions with their points. */
export function textItems(text: string, max: Decimal | null = null): { label: string; points: Decimal }[] {
  const t = normText(text);
  const paren: { label: string; points: Decimal }[] = [];
  PAREN_ITEM.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PAREN_ITEM.exec(t))) {
    // "1.项目是否设有绩效目标;(1分)": the label is the text before the bracket, markers dropped.
    const raw = m[1].replace(/^.*?(?:[①②③④⑤⑥⑦⑧⑨⑩⑪⑫]|\d{1,2}[.、．](?!\d))\s*/, '');
    const label = cleanItemLabel(raw);
    if (label && !/扣/.test(label)) paren.push({ label, points: dec(m[2]) });
  }
  if (paren.length > 0) return paren;
  // Numbered items: "①…得1分 ②…得2分" / "1.…2分 2.…1分".
  const starts: { at: number; end: number }[] = [];
  MARKER.lastIndex = 0;
  while ((m = MARKER.exec(t))) starts.push({ at: m.index, end: m.index + m[0].length });
  const out: { label: string; points: Decimal }[] = [];
  for (let i = 0; i < starts.length; i++) {
    const seg = t.slice(starts[i].end, i + 1 < starts.length ? starts[i + 1].at : t.length);
    const p = TRAILING_POINTS.exec(seg);
    if (!p || /扣[^,，;；。]*$/.test(seg.slice(0, p.index))) continue;
    const label = cleanItemLabel(seg.slice(0, p.index).replace(/[,，]?\s*(?:是|符合)?$/, ''));
    if (label) out.push({ label, points: dec(p[1]) });
  }
  if (out.length >= 2) return out;
  const listed = listAfterHead(t);
  if (listed.length > 0) return listed;
  return questionItems(t, max);
}

/** "其中:" / "包括:" before a list of items. */
const LIST_HEAD = /(?:其中|包括)\s*[:：]?\s*/g;
/** "提高灌溉水利用系数2分、" at the start of the rest of a list: the label, its points, the separator. */
const LIST_ITEM = new RegExp(`^([^,，;；。:：()]+?)\\s*(?:得|计|为)?\\s*(${NUM})\\s*分\\s*(?:[、,，;；。]\\s*|$)`);
/** Labels that are a band's condition ("90%以上"), a comparison or a deduction: no item to judge. */
const NOT_AN_ITEM = /[%≥≤<>=]|扣|^每|(?:以上|以下|以内|不足|低于|高于|超过|达到|未达到)$/;
/** "5项预期效益指标": the number of items the text announces before the list. */
const ANNOUNCED_COUNT = /(\d+|[一二两三四五六七八九十]+)\s*(?:项(?!目)|个方面|个指标)/g;

/**
 * "考查…的5项预期效益指标…。其中:提高灌溉水利用系数2分、新增和改善节水灌溉面积2分、…,
 * 每完成1项取得该项分数": items listed with their points after 其中/包括. The text
 * around the list may give no other points or deductions, and a count it announces
 * ("5项") must be the list's.
 */
function listAfterHead(t: string): { label: string; points: Decimal }[] {
  LIST_HEAD.lastIndex = 0;
  const head = LIST_HEAD.exec(t);
  if (!head || LIST_HEAD.exec(t)) return [];
  let rest = t.slice(head.index + head[0].length);
  const out: { label: string; points: Decimal }[] = [];
  let m: RegExpExecArray | null;
  while ((m = LIST_ITEM.exec(rest))) {
    const label = cleanItemLabel(m[1]);
    if (!label || NOT_AN_ITEM.test(label)) return [];
    out.push({ label, points: dec(m[2]) });
    rest = rest.slice(m[0].length);
  }
  if (out.length < 2) return [];
  const before = t.slice(0, head.index);
  // Other points or deductions around the list: a rule of another kind.
  if (/\d\s*分|扣/.test(`${before}；${rest}`)) return [];
  let announced: number | null = null;
  ANNOUNCED_COUNT.lastIndex = 0;
  while ((m = ANNOUNCED_COUNT.exec(before))) announced = /\d/.test(m[1]) ? Number(m[1]) : cnNumber(m[1]);
  if (announced !== null && announced !== out.length) return [];
  return out;
}

/** "是否有部门固定资产台账及低值设备台账? 2": a question and the points of its row. */
const QUESTION_ITEM = new RegExp(`([^?]+?)\\?\\s*(${NUM})\\s*(?:(分)\\s*|\\s+|$)`, 'y');

/**
 * A list of questions, each followed by its points ("…是否按月整理归档? 2 资产设备
 * 是否按规定粘贴资产标签? 2"), and nothing else. A bare number is only read as the
 * question's points when the numbers make the indicator's max.
 */
function questionItems(t: string, max: Decimal | null): { label: string; points: Decimal }[] {
  const out: { label: string; points: Decimal }[] = [];
  let bare = false;
  QUESTION_ITEM.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (QUESTION_ITEM.lastIndex < t.length && (m = QUESTION_ITEM.exec(t))) {
    const label = cleanItemLabel(m[1]);
    if (!label || /扣|\d\s*分/.test(label)) return [];
    out.push({ label, points: dec(m[2]) });
    if (!m[3]) bare = true;
  }
  if (QUESTION_ITEM.lastIndex < t.length || out.length < 2) return [];
  if (bare && !(max && sum(out.map((i) => i.points)).eq(max))) return [];
  return out;
}

/** "成立机构，明确分工，有专人负责，纳入单位内部年度考核，记1分" before the deduction for what is missing. */
const LISTED_FULL_MARK = new RegExp(`^(.+?)(?:的)?[,，]?\\s*(?:记|得|计)\\s*(${NUM})\\s*分\\s*[;；。,，]\\s*(?:每)?(?:少|缺|缺少)\\s*(?:一|1)\\s*项`);

/**
 * Items named one by one with the full mark, then a deduction per missing item ("…记1分；
 * 少一项，扣0.25分"): each item is worth the deduction, when the items times the deduction
 * make the full mark and the full mark is the max (else the list is no checklist).
 */
function missingItems(rule: Extract<Rule, { kind: 'perOccurrence' }>, text: string, max: Decimal | null): { label: string; points: Decimal }[] {
  if (!max || rule.items.length !== 1 || rule.items[0].unitWord !== '项') return [];
  const m = LISTED_FULL_MARK.exec(text);
  if (!m) return namedMissingItems(rule, text, max);
  if (!dec(m[2]).eq(max)) return [];
  const labels = m[1]
    .split(/[,，、;；]/)
    .map((x) => cleanItemLabel(x))
    .filter((x) => x.length >= 2);
  const each = rule.items[0].deduction;
  if (labels.length < 2 || !each.times(labels.length).eq(max)) return [];
  return labels.map((label) => ({ label, points: each }));
}

/** "缺一项扣2分", "每缺少1项扣0.5分，扣完为止": the whole text is the deduction per missing item. */
const ONLY_MISSING = new RegExp(
  `^(?:每)?(?:缺|少|缺少)\\s*(?:一|1)\\s*项\\s*(?:的)?[,，]?\\s*扣(?:减|除)?\\s*(${NUM})\\s*分\\s*(?:[,，;；]\\s*扣完为止)?\\s*[。;；]?$`,
);
/** "1、", "(二)", "11." before an indicator's name. */
const NAME_NUMBERING = /^\s*(?:\(?(?:\d{1,2}|[一二三四五六七八九十]{1,3})\)|(?:\d{1,2}|[一二三四五六七八九十]{1,3})[、.．])\s*/;

/**
 * Items the indicator's name lists ("掛有信訪工作機構牌子,有 2 名以上專兼職接待人員")
 * when the text is only a deduction per missing item ("缺一項扣 2 分"): each item is
 * worth the deduction, when the items times the deduction make the max. The name is
 * split at commas and semicolons, else also at 、; a split that does not make the max
 * is no list.
 */
function namedMissingItems(rule: Extract<Rule, { kind: 'perOccurrence' }>, text: string, max: Decimal): { label: string; points: Decimal }[] {
  const m = ONLY_MISSING.exec(simplified(text).replace(/\s+/g, ''));
  const each = rule.items[0].deduction;
  if (!m || !dec(m[1]).eq(each) || rule.zeroIf) return [];
  const name = normText(rule.subject).replace(NAME_NUMBERING, '');
  for (const sep of [/[,，;；]/, /[,，;；、]/]) {
    const labels = name
      .split(sep)
      .map((x) => cleanItemLabel(x))
      .filter(Boolean);
    if (labels.length >= 2 && labels.every((x) => x.length >= 2 && !/^\d+$/.test(x)) && each.times(labels.length).eq(max)) {
      return labels.map((label) => ({ label, points: each }));
    }
  }
  return [];
}

/** "以上情况每出现一例不符合要求的扣1分": a deduction per defect found against the list before it. */
const LIST_DEFECT = new RegExp(
  `(?:以上|上述|前述)[^。;；]*?每\\s*(?:出现|发现|有|存在)?\\s*(?:一|1)\\s*(?:例|处|项|次|个|条|起)[^。;；]*?扣(?:减|除)?\\s*(${NUM})\\s*分`,
);

const CIRCLED_MARKS = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫';

/** The number a MARKER match gives ("②" 2, " 3、" 3, "(4)" 4). */
function markerNumber(marker: string): number {
  const circled = CIRCLED_MARKS.indexOf(marker.replace(/^[\s,，;；。]+/, '').charAt(0));
  if (circled >= 0) return circled + 1;
  const digits = /\d{1,2}/.exec(marker);
  return digits ? Number(digits[0]) : -1;
}

/**
 * A numbered list of requirements without points ("①支出符合…;②资金拨付有完整的审批程序和手续;…"),
 * then one deduction per defect against it ("以上情况每出现一例不符合要求的扣1分,扣完为止"):
 * each requirement found unmet deducts the deduction from the max. Anything else in the
 * text (points of its own, another deduction, a zeroing condition) and it is no list.
 */
function numberedDefects(rule: Extract<Rule, { kind: 'perOccurrence' }>, text: string): { label: string; points: Decimal }[] {
  if (rule.items.length !== 1 || rule.zeroIf) return [];
  const clause = LIST_DEFECT.exec(text);
  const each = rule.items[0].deduction;
  if (!clause || !dec(clause[1]).eq(each)) return [];
  const after = text.slice(clause.index + clause[0].length);
  if (!/^\s*(?:[,，;；]\s*(?:扣完为止|扣满为止|直至扣完))?\s*[。;；]?\s*$/.test(after)) return [];
  const list = text.slice(0, clause.index);
  const starts: { at: number; end: number }[] = [];
  MARKER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = MARKER.exec(list))) starts.push({ at: m.index, end: m.index + m[0].length });
  if (starts.length < 2 || list.slice(0, starts[0].at).trim() !== '') return [];
  const out: { label: string; points: Decimal }[] = [];
  for (let i = 0; i < starts.length; i++) {
    // ①②③… or 1. 2. 3. in order: a number inside an item ("第3、4季度") is no marker.
    if (markerNumber(list.slice(starts[i].at, starts[i].end)) !== i + 1) return [];
    const label = cleanItemLabel(list.slice(starts[i].end, i + 1 < starts.length ? starts[i + 1].at : list.length));
    if (!label || /扣|\d\s*分/.test(label)) return [];
    out.push({ label, points: each });
  }
  return out;
}

/**
 * The judgeable items of an indicator, or null when its rule is not judged item
 * by item (formulas, bands, per-occurrence counts … are the engine's).
 */
export function extractItems(rule: Rule | null, max: Decimal | null): ChecklistItems | null {
  if (!rule) return null;
  const text = normText(rule.text);
  let mode: ChecklistItems['mode'] = 'sum';
  let base: { label: string; points: Decimal; kind: ItemKind; requirement?: boolean }[] = [];
  let perDefect: Decimal | undefined;
  if (rule.kind === 'checklist') {
    base = rule.items.map((i) => ({ label: i.label, points: i.points, kind: 'award' as const }));
    perDefect = rule.perDefect;
  } else if (rule.kind === 'grade') {
    mode = 'pickOne';
    base = rule.grades.map((g) => ({ label: g.label, points: g.points, kind: 'option' as const }));
  } else if (rule.kind === 'judgement') {
    base = textItems(text, max).map((i) => ({ ...i, kind: 'award' as const }));
  } else if (rule.kind === 'perOccurrence') {
    base = missingItems(rule, text, max).map((i) => ({ ...i, kind: 'award' as const }));
    if (base.length === 0) {
      base = numberedDefects(rule, text).map((i) => ({ ...i, kind: 'deduct' as const, requirement: true }));
      // One more defect than the items show (two found against one requirement) deducts as much again.
      if (base.length > 0) perDefect = rule.items[0].deduction;
    }
    if (base.length === 0) return null;
  } else {
    return null;
  }
  const deductions = mode === 'sum' ? deductionItems(text) : [];
  if (base.length === 0 && deductions.length === 0) return null;
  const discretionary = /酌情/.test(text);
  const items: ChecklistItem[] = base.map((b, i) => ({
    seq: i + 1,
    label: b.label,
    kind: b.kind,
    points: b.points,
    ...(discretionary && b.kind === 'award' ? { discretionary: true } : {}),
    ...(b.requirement ? { requirement: true } : {}),
  }));
  for (const d of deductions) items.push({ seq: items.length + 1, label: d.label, kind: 'deduct', points: d.max, minPoints: d.min });

  const awards = items.filter((i) => i.kind === 'award');
  const total =
    mode === 'pickOne' ? items.reduce((a, i) => (i.points.gt(a) ? i.points : a), ZERO) : awards.length > 0 ? sum(awards.map((i) => i.points)) : null;
  const out: ChecklistItems = { mode, items, total };
  if (perDefect) out.perDefect = perDefect;
  if (max) {
    const list = items.map((i) => `${fmt(i.points)}分`).join('、');
    if (total && !total.eq(max)) {
      out.mismatch =
        mode === 'pickOne'
          ? `评分标准中最高一档${fmt(total)}分，与指标分值${fmt(max)}分不一致`
          : `评分要点分值（${awards.map((i) => `${fmt(i.points)}分`).join('、')}）合计${fmt(total)}分，与指标分值${fmt(max)}分不一致`;
    } else if (!total) {
      const over = items.find((i) => i.kind === 'deduct' && i.points.gt(max));
      if (over) out.mismatch = `扣分要点“${over.label}”最多扣${fmt(over.points)}分，超过指标分值${fmt(max)}分（${list}）`;
    }
  }
  return out;
}
