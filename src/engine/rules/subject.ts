/** What a rule measures, as the text names it right before its threshold or formula. */
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
