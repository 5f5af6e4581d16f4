/**
 * Per-month rules that deduct months with nothing on their own (as-gk-1, corpus/assess.json):
 * "数量低于规定标准，出现一个月扣5分；凡出现发布信息“空白月”的，每个月扣10分". A blank month costs
 * the blank deduction and is not also a month below the line. Scores worked out by hand.
 */
import { dec } from '../../../src/engine/decimal';
import { parseRule, scoreRule } from '../../../src/engine/rules';
import type { ActualValue, PerMonthRule } from '../../../src/engine/rules/types';
import { counts, monthly, qty, scoreOf } from './helpers';

const T = '1、每月不低于40条。2、数量低于规定标准,出现一个月扣5分,扣完为止。3、凡出现发布信息“空白月”的,每个月扣10分。';

function rule(): PerMonthRule {
  const r = parseRule(T, { name: '主动公开信息的数量', max: dec(40) });
  expect(r.kind).toBe('perMonth');
  return r as PerMonthRule;
}

function score(a: ActualValue, max = '40'): string {
  const r = scoreRule(rule(), a, dec(max));
  return r.ok ? r.score.toString() : `pending: ${r.reason}`;
}

const months = (...v: string[]) => monthly([...v, ...Array(12 - v.length).fill('40条')]);

describe('blank months deducted on their own', () => {
  test('the rule reads both deductions and the line', () => {
    const r = rule();
    expect(r.threshold.value.toString()).toBe('40');
    expect(r.failWhen).toBe('below');
    expect(r.failsAtThreshold).toBe(false);
    expect(r.deduction.toString()).toBe('5');
    expect(r.blank?.deduction.toString()).toBe('10');
  });
  test('monthly data: a month on the line passes, one under it costs 5, one with nothing costs 10', () => {
    expect(score(months())).toBe('40');
    expect(score(months('40条', '39条'))).toBe('35');
    expect(score(months('0条'))).toBe('30');
    expect(score(months('39条', '1条', '0条'))).toBe('20');
    expect(score(months('0条', '0条', '0条', '39条', '39条'))).toBe('0');
  });
  test('counts: months below the line and blank months by their labels', () => {
    expect(
      score(
        counts([
          ['低于40条的月份', 2],
          ['空白月', 1],
        ]),
      ),
    ).toBe('20');
    expect(score(counts([['低于40条的月份', 2]]))).toBe('30');
    expect(score(counts([['空白月', 4]]))).toBe('0');
  });
  test('a count of months alone: months below the line, blank months noted as none', () => {
    const r = scoreRule(rule(), { kind: 'quantity', q: qty('2个月') }, dec(40));
    expect(scoreOf(r)).toBe('30');
    expect(r.ok && r.trace).toContain('未填写空白月');
    expect(score({ kind: 'quantity', q: qty('0') })).toBe('40');
    expect(score({ kind: 'quantity', q: qty('9个月') })).toBe('0');
  });
  test("a month's level is no number of months", () => {
    expect(score({ kind: 'quantity', q: qty('40条') })).toMatch(/^pending/);
  });
  test('without a blank-month clause the rule has no blank deduction', () => {
    const r = parseRule('每月不低于40条，数量低于规定标准，出现一个月扣5分', { max: dec(40) }) as PerMonthRule;
    expect(r.kind).toBe('perMonth');
    expect(r.blank).toBeUndefined();
  });
});
