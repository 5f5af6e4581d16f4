/**
 * Per failing month: "每月不少于100条，每发现一个月不足，扣除0.2分",
 * "高于95%得满分，否则，每出现一个月满意度低于95%，扣除0.2分", and without 每:
 * "数量低于规定标准，出现一个月扣5分，扣完为止", "每月补贴率在97%以上得3分，有一个月
 * 达不到该比率的扣1分" (one month named, each month costs the points).
 */
import { Decimal } from '../decimal';
import type { PerMonthRule } from './types';
import { COMPARATORS, NUM, comparatorBefore, suffixBound, type Bound, type Scanned } from './lexicon';
import { cleanSubject, completeSubject, subjectBefore } from './subject';
import { stripComparatorTail, type ParseEnv } from './env';

/** "每月", "每发现一个月", and "出现一个月"/"有一个月" (one month: the unit each deduction counts). */
const MONTH = '每(?:发现|出现|有|存在)?1?个?月|(?:发现|出现|有|存在)1个月';
const MONTH_MARK = new RegExp(MONTH, 'g');
const SPAN_RE = new RegExp(`(?:${MONTH})[^；。]*?扣(?:减|除)?(${NUM})分`);

/** Words saying a month fails without a number ("达不到该比率", "低于规定标准", "超过控制数"). */
const FAILS_BELOW = /低于|不足|少于|未达到|达不到|没有达到|未达|不达标|未完成/;
const FAILS_ABOVE = /高于|超过|超出|多于|大于/;
/** A comparator governing a number: the requirement or failure line itself, not a failure word. */
const COMPARATOR_BEFORE_NUMBER = new RegExp(`(?:${COMPARATORS.map(([w]) => w.replace(/[<>=]/g, '\\$&')).join('|')})(?=\\d)`, 'g');

/** A month fails when... read from a failure clause ("低于95%") or a requirement ("不少于100条"). */
function failureFrom(bound: Bound, inFailureClause: boolean): { failWhen: 'below' | 'above'; atThreshold: boolean } {
  if (inFailureClause) {
    switch (bound) {
      case 'upperExc':
        return { failWhen: 'below', atThreshold: false };
      case 'upperInc':
        return { failWhen: 'below', atThreshold: true };
      case 'lowerExc':
        return { failWhen: 'above', atThreshold: false };
      case 'lowerInc':
        return { failWhen: 'above', atThreshold: true };
    }
  }
  switch (bound) {
    case 'lowerInc':
      return { failWhen: 'below', atThreshold: false };
    case 'lowerExc':
      return { failWhen: 'below', atThreshold: true };
    case 'upperInc':
      return { failWhen: 'above', atThreshold: false };
    case 'upperExc':
      return { failWhen: 'above', atThreshold: true };
  }
}

function governed(text: string, list: Scanned[]): { c: Scanned; bound: Bound } | null {
  for (let i = list.length - 1; i >= 0; i--) {
    const c = list[i];
    const bound = comparatorBefore(text, c.start) ?? suffixBound(text, c.end);
    if (bound) return { c, bound };
  }
  return null;
}

/** "知识库及时更新，每月不少于100条": the noun opening the sentence names what is counted. */
function sentenceNoun(text: string, at: number): string {
  const head = text.slice(0, at);
  const start = Math.max(head.lastIndexOf('；'), head.lastIndexOf('。')) + 1;
  const first = head.slice(start).split('，')[0];
  if (first.length === head.slice(start).length) return '';
  return cleanSubject(first.replace(/(?:应|须|需)?(?:及时|按时|定期)?(?:更新|完成|提供|报送|维护)$/, ''));
}

/**
 * Which way the words of a failure clause without a number say a month fails: "数量低于规定标准，
 * 出现一个月扣5分" and "有一个月达不到该比率的" fail below, "出现一个月超标的" above. Comparators
 * governing a number are the requirement or failure line itself and are left out.
 */
function failureWords(text: string, from: number, deductionAt: number): 'below' | 'above' | 'none' | 'both' {
  const statementStart = Math.max(text.lastIndexOf('；', from - 1), text.lastIndexOf('。', from - 1)) + 1;
  const start = Math.min(Math.max(statementStart, from), deductionAt);
  const words = text.slice(start, deductionAt).replace(COMPARATOR_BEFORE_NUMBER, '');
  const below = FAILS_BELOW.test(words);
  const above = FAILS_ABOVE.test(words);
  return below && above ? 'both' : below ? 'below' : above ? 'above' : 'none';
}

const LEADING_MONTH = new RegExp(`^(?:${MONTH})`);

/** "凡出现发布信息“空白月”的，每个月扣10分": months with nothing, deducted on their own. */
const BLANK_MONTH_RE = new RegExp(`(?:凡|如|若)?(?:出现|有|存在)?[^，；。]{0,12}?[“"]?(空白月)[”"]?(?:的)?[，]?(?:每(?:出现)?1?个?月)?扣(?:减|除)?(${NUM})分`);

/** The blank-month clause of a per-month rule, when it has one apart from the failure clause at `spanAt`. */
function blankMonths(text: string, spanAt: number): { deduction: Decimal; label: string; at: number } | null {
  const b = BLANK_MONTH_RE.exec(text);
  if (!b) return null;
  const at = b.index + b[0].lastIndexOf('扣');
  if (at === spanAt) return null;
  return { deduction: new Decimal(b[2].replace(/,/g, '')), label: b[1], at };
}

export function parsePerMonth(env: ParseEnv): PerMonthRule | null {
  const rule = perMonthOf(env);
  if (!rule) return null;
  const span = SPAN_RE.exec(env.text)!;
  const blank = blankMonths(env.text, span.index + span[0].lastIndexOf('扣'));
  if (!blank) return rule;
  rule.blank = { deduction: blank.deduction, label: blank.label };
  rule.accounted = [...(rule.accounted ?? []), blank.deduction];
  return rule;
}

function perMonthOf(env: ParseEnv): PerMonthRule | null {
  const { text } = env;
  const span = SPAN_RE.exec(text);
  if (!span) return null;
  const spanEnd = span.index + span[0].length;
  // The last month marker before the deduction starts the failure clause.
  let markEnd = span.index;
  let markStart = span.index;
  MONTH_MARK.lastIndex = span.index;
  let mm: RegExpExecArray | null;
  while ((mm = MONTH_MARK.exec(text)) && mm.index < spanEnd) {
    markStart = mm.index;
    markEnd = mm.index + mm[0].length;
  }
  const deductionAt = span.index + span[0].lastIndexOf('扣');
  const outcomes = env.outcomes();
  // "每月补贴率在97%以上得3分，有一个月达不到该比率的扣1分", "每月满意度在95%以上得3分，否则扣1分": what
  // earns points before the deduction is the requirement; only what follows it says when a month fails.
  const award = outcomes.filter((o) => o.start >= markEnd && o.end <= deductionAt && ((o.points && o.points.gt(0)) || (o.fraction && o.fraction.gt(0)))).pop();
  const failStart = award ? award.end : markEnd;
  const requirementEnd = award ? award.start : markStart;
  const usable = env
    .quantities()
    .filter((c) => c.q.unit !== 'time' && !outcomes.some((o) => c.start >= o.start && c.start < o.end) && !/[×*/÷=]/.test(text[c.start - 1] ?? ''));
  const inFailure = governed(
    text,
    usable.filter((c) => c.start >= failStart && c.end <= deductionAt),
  );
  const requirement = governed(
    text,
    usable.filter((c) => c.end <= requirementEnd),
  );
  // The failure clause of a requirement read elsewhere must fail the way the requirement does: a month
  // short of "不低于40条" is below it. Words pointing the other way, or both ways, leave the text unread.
  const words = inFailure ? 'none' : failureWords(text, Math.max(award ? award.end : markStart, requirement?.c.end ?? 0), deductionAt);
  if (words === 'both') return null;
  if (requirement && words !== 'none' && failureFrom(requirement.bound, false).failWhen !== words) return null;

  let thresholdScan: Scanned;
  let failWhen: 'below' | 'above';
  let failsAtThreshold: boolean;
  if (inFailure) {
    thresholdScan = inFailure.c;
    ({ failWhen, atThreshold: failsAtThreshold } = failureFrom(inFailure.bound, true));
    // "高于95%得满分，否则…低于95%扣": the requirement decides the month exactly at 95%.
    if (requirement && requirement.c.q.value.eq(thresholdScan.q.value)) {
      const req = failureFrom(requirement.bound, false);
      if (req.failWhen === failWhen) failsAtThreshold = req.atThreshold;
    }
  } else if (requirement) {
    thresholdScan = requirement.c;
    ({ failWhen, atThreshold: failsAtThreshold } = failureFrom(requirement.bound, false));
  } else {
    // A target from the indicator's other texts, failed below unless the clause says otherwise.
    const target = env.contextTarget((q) => q.unit !== 'time');
    if (!target || words === 'above') return null;
    return {
      kind: 'perMonth',
      text: env.raw,
      subject: env.ctx.name ?? '',
      statedFull: null,
      threshold: target,
      failWhen: 'below',
      failsAtThreshold: false,
      deduction: new Decimal(span[1].replace(/,/g, '')),
    };
  }
  const statedFull = award?.points ?? outcomes.filter((o) => o.end <= span.index && o.points && o.points.gt(0)).pop()?.points ?? null;
  const named = stripComparatorTail(subjectBefore(text, thresholdScan.start)).replace(LEADING_MONTH, '') || sentenceNoun(text, thresholdScan.start);
  return {
    kind: 'perMonth',
    text: env.raw,
    subject: completeSubject(named, env.ctx.name) || env.ctx.name || '',
    statedFull,
    threshold: thresholdScan.q,
    failWhen,
    failsAtThreshold,
    deduction: new Decimal(span[1].replace(/,/g, '')),
  };
}
