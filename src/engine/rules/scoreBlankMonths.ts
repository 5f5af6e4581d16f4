/**
 * A per-month rule that deducts months with nothing on their own ("数量低于规定标准，出现一个月扣5分；
 * 凡出现发布信息“空白月”的，每个月扣10分"): a blank month (nothing at all) costs the blank deduction
 * and is not also counted among the months below the line.
 */
import { Decimal, ZERO, fmt, round2 } from '../decimal';
import { fmtQuantity } from '../quantity';
import { inSpaceOf } from './compare';
import { pts, q } from './format';
import type { ActualValue, PerMonthRule, RuleScoreResult } from './types';

type Blank = NonNullable<PerMonthRule['blank']>;

function done(raw: Decimal, max: Decimal, trace: string): RuleScoreResult {
  const score = round2(raw.lt(ZERO) ? ZERO : raw.gt(max) ? max : raw);
  return { ok: true, raw, score, trace };
}

function verbOf(rule: PerMonthRule): string {
  if (rule.failWhen === 'below') return rule.failsAtThreshold ? '未高于' : '低于';
  return rule.failsAtThreshold ? '未低于' : '高于';
}

/** A count label naming the blank months ("空白月", "空白月数"). */
const BLANK_LABEL = /空白/;

function total(rule: PerMonthRule, blank: Blank, failing: Decimal, blanks: Decimal, max: Decimal, head: string, note = ''): RuleScoreResult {
  const verb = verbOf(rule);
  const parts: string[] = [];
  const a = failing.times(rule.deduction);
  const b = blanks.times(blank.deduction);
  if (failing.gt(0)) parts.push(`${verb}${q(rule.threshold)}的月份${fmt(failing)}个，每月扣${pts(rule.deduction)}`);
  if (blanks.gt(0)) parts.push(`${blank.label}${fmt(blanks)}个，每个扣${pts(blank.deduction)}`);
  const taken = a.plus(b);
  if (taken.isZero()) return done(max, max, `${head}没有${verb}${q(rule.threshold)}的月份，也没有${blank.label}，得满分${pts(max)}${note}`);
  const after = taken.gt(max) ? '扣完为止，得0分' : `得分=${fmt(max)}-${fmt(taken)}=${fmt(max.minus(taken))}分`;
  return done(max.minus(taken), max, `${head}${parts.join('；')}，共扣${pts(taken)}，${after}${note}`);
}

/** Null when the actual is of no kind this reading takes (the caller reports it). */
export function scoreBlankMonths(rule: PerMonthRule, blank: Blank, actual: ActualValue, max: Decimal): RuleScoreResult | null {
  const T = rule.threshold;
  if (actual.kind === 'monthly') {
    if (actual.months.length === 0) return { ok: false, reason: '没有逐月数据' };
    const failing: string[] = [];
    const blanks: string[] = [];
    for (const m of actual.months) {
      const a = inSpaceOf(m.value, T);
      if (!a.ok) return { ok: false, reason: `${m.label}：${a.reason}` };
      if (a.value.isZero()) {
        blanks.push(m.label);
        continue;
      }
      const fails =
        rule.failWhen === 'below'
          ? a.value.lt(T.value) || (rule.failsAtThreshold && a.value.eq(T.value))
          : a.value.gt(T.value) || (rule.failsAtThreshold && a.value.eq(T.value));
      if (fails) failing.push(m.label);
    }
    const listed = [failing.length ? `${verbOf(rule)}${q(T)}：${failing.join('、')}` : '', blanks.length ? `${blank.label}：${blanks.join('、')}` : '']
      .filter(Boolean)
      .join('；');
    const head = `${actual.label ?? rule.subject}${actual.months.length}个月${listed ? `（${listed}）` : ''}，`;
    return total(rule, blank, new Decimal(failing.length), new Decimal(blanks.length), max, head);
  }
  if (actual.kind === 'counts') {
    let failing = ZERO;
    let blanks = ZERO;
    for (const c of actual.counts) {
      if (!c.n.isInteger() || c.n.lt(0)) return { ok: false, reason: `月份数${fmt(c.n)}不是非负整数` };
      if (BLANK_LABEL.test(c.label)) blanks = blanks.plus(c.n);
      else failing = failing.plus(c.n);
    }
    return total(rule, blank, failing, blanks, max, `${rule.subject}`);
  }
  if (actual.kind === 'quantity') {
    const x = actual.q;
    // "40条" is a month's level, not a number of months: only bare counts and counts of months are.
    const ofMonths = x.unit === 'none' || (x.unit === 'count' && /^(?:个|个月|月)$/.test(x.unitText)) || (x.unit === 'time' && /月/.test(x.unitText));
    if (!ofMonths) {
      return { ok: false, reason: `按月扣分需要逐月数据或不达标月份数，实际值为${fmtQuantity(x)}` };
    }
    if (!x.value.isInteger() || x.value.lt(0)) return { ok: false, reason: `不达标月份数${fmtQuantity(x)}不是非负整数` };
    // A count alone names the months below the line; blank months, deducted apart, were not stated.
    const note = x.value.gt(0) ? `（未填写${blank.label}，按没有${blank.label}计）` : '';
    return total(rule, blank, x.value, ZERO, max, `${actual.label ?? rule.subject}`, note);
  }
  return null;
}
