/**
 * Per failing month: "每月不少于100条，每发现一个月不足，扣除0.2分",
 * "高于95%得满分，否则，每出现一个月满意度低于95%，扣除0.2分".
 */
import { Decimal } from '../decimal';
import type { PerMonthRule } from './types';
import { NUM, comparatorBefore, suffixBound, type Bound, type Scanned } from './lexicon';
import { cleanSubject, completeSubject, subjectBefore } from './subject';
import { stripComparatorTail, type ParseEnv } from './env';

const MONTH_MARK = /每(?:发现|出现|有|存在)?1?个?月/g;
const SPAN_RE = new RegExp(`每(?:发现|出现|有|存在)?1?个?月[^；。]*?扣(?:减|除)?(${NUM})分`);

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

export function parsePerMonth(env: ParseEnv): PerMonthRule | null {
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
  const usable = env
    .quantities()
    .filter((c) => c.q.unit !== 'time' && !outcomes.some((o) => c.start >= o.start && c.start < o.end) && !/[×*/÷=]/.test(text[c.start - 1] ?? ''));
  const inFailure = governed(
    text,
    usable.filter((c) => c.start >= markEnd && c.end <= deductionAt),
  );
  const requirement = governed(
    text,
    usable.filter((c) => c.end <= markStart),
  );

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
    const target = env.contextTarget((q) => q.unit !== 'time');
    if (!target) return null;
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
  const statedFull = outcomes.filter((o) => o.end <= span.index && o.points && o.points.gt(0)).pop()?.points ?? null;
  const named =
    stripComparatorTail(subjectBefore(text, thresholdScan.start)).replace(/^每(?:发现|出现|有|存在)?1?个?月/, '') || sentenceNoun(text, thresholdScan.start);
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
