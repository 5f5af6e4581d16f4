/** What a rule measures, as the text names it right before its threshold or formula. */
import { Decimal } from '../decimal';
import { NUM } from './lexicon';
import { CIRCLED_CLASS } from './normalize';

const PREFIX_NOISE = /^(?:评价要点:?|除因[^，]*?外|应保证|要求|保证|确保|应当|应|当|若|如果|如|其中|以及|且|同时|经审定|平均而言)+/;
const SUFFIX_NOISE = /(?:应当|应|须|需|需要|要|必须|在|均|的|要求|整体)+$/;
const YEAR = /^#*(?:\d{4}年度?|#+)/;

const BREAK_RE = new RegExp(`[，,；;。:、()\\[\\]《》${CIRCLED_CLASS}]`, 'g');

/** The words before `at` back to the previous clause break, cleaned of framing words. */
export function subjectBefore(text: string, at: number): string {
  const head = text.slice(0, at);
  const breakRe = BREAK_RE;
  breakRe.lastIndex = 0;
  let last = -1;
  let m: RegExpExecArray | null;
  while ((m = breakRe.exec(head))) last = m.index;
  return cleanSubject(head.slice(last + 1));
}

export function cleanSubject(s: string): string {
  let out = s.replace(YEAR, '');
  for (let i = 0; i < 3; i++) out = out.replace(PREFIX_NOISE, '').replace(SUFFIX_NOISE, '').replace(YEAR, '');
  // A phrase that is all digits or symbols is no name.
  return /[\u4e00-\u9fff]/.test(out) ? out : '';
}

/** "月均" names no quantity by itself: complete it with the indicator's name ("月均话务量"). */
export function completeSubject(subject: string, name?: string): string {
  if (!name) return subject;
  if (!subject) return name;
  if (/^(月均|平均|年均|日均|全年|年度|每月)$/.test(subject)) return `${subject}${name}`;
  return subject;
}

/** Comparisons that may pick which things a rate is taken over. */
const QUALIFIER_COMPARATOR = '大于|小于|超过|高于|低于|不低于|不高于|不超过|不少于|≥|>|≤|<';
/** Units of things counted or valued (never a rate: a rate is the measure itself). */
const QUALIFIER_UNIT = '(?:万|亿|千)?元|万|台|件|套|个|人|家|户|辆|亩|平方米';
/**
 * "固定资产价值大于2万元设备综合利用率≥70%": an amount compared inside the name of the rate the
 * clause then compares (its own figure or comparator follows the name). The amount says which
 * things the rate is taken over; it is no condition of the score.
 */
const QUALIFIER_RE = new RegExp(
  `(?:${QUALIFIER_COMPARATOR})(${NUM})(?:${QUALIFIER_UNIT})(?:以上|以下)?(?:的)?(?=[\\u4e00-\\u9fff]{1,16}?(?:率|比例|比率|占比)(?:指标)?(?:为|达到|不低于|不高于|低于|高于|[≥>≤<=]|\\d))`,
  'g',
);

/** Spans of population qualifiers in a normalised clause, with the number each holds as written. */
export function populationQualifiers(text: string): { start: number; end: number; written: Decimal }[] {
  if (!/[于过≥>≤<]/.test(text)) return [];
  const out: { start: number; end: number; written: Decimal }[] = [];
  QUALIFIER_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = QUALIFIER_RE.exec(text))) {
    out.push({ start: m.index, end: m.index + m[0].length, written: new Decimal(m[1].replace(/,/g, '')) });
  }
  return out;
}
