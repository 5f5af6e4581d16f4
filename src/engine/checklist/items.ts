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
import { normText } from '../text';

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

/** Items a text lists with their points: "(1分)" after each, or numbered items ending in "得N分". */
export function textItems(text: string): { label: string; points: Decimal }[] {
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
  return out.length >= 2 ? out : [];
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
  if (!m || !dec(m[2]).eq(max)) return [];
  const labels = m[1]
    .split(/[,，、;；]/)
    .map((x) => cleanItemLabel(x))
    .filter((x) => x.length >= 2);
  const each = rule.items[0].deduction;
  if (labels.length < 2 || !each.times(labels.length).eq(max)) return [];
  return labels.map((label) => ({ label, points: each }));
}

/**
 * The judgeable items of an indicator, or null when its rule is not judged item
 * by item (formulas, bands, per-occurrence counts … are the engine's).
 */
export function extractItems(rule: Rule | null, max: Decimal | null): ChecklistItems | null {
  if (!rule) return null;
  const text = normText(rule.text);
  let mode: ChecklistItems['mode'] = 'sum';
  let base: { label: string; points: Decimal; kind: ItemKind }[] = [];
  let perDefect: Decimal | undefined;
  if (rule.kind === 'checklist') {
    base = rule.items.map((i) => ({ label: i.label, points: i.points, kind: 'award' as const }));
    perDefect = rule.perDefect;
  } else if (rule.kind === 'grade') {
    mode = 'pickOne';
    base = rule.grades.map((g) => ({ label: g.label, points: g.points, kind: 'option' as const }));
  } else if (rule.kind === 'judgement') {
    base = textItems(text).map((i) => ({ ...i, kind: 'award' as const }));
  } else if (rule.kind === 'perOccurrence') {
    base = missingItems(rule, text, max).map((i) => ({ ...i, kind: 'award' as const }));
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
