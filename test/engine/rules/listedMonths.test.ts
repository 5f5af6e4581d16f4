/**
 * A per-month rule names each failing month in its trace up to LISTED_MONTHS, then the first
 * ones and the count: a data sheet of 100,000 monthly rows once put hundreds of kilobytes of
 * month names into every 扣分说明 (and into the record the undo keeps).
 */
import { dec } from '../../../src/engine/decimal';
import { parseRule, scoreRule } from '../../../src/engine/rules';
import { LISTED_MONTHS } from '../../../src/engine/rules/score';
import type { ActualValue } from '../../../src/engine/rules/types';
import { qty, scoreOf, traceOf } from './helpers';

const RULE = '知识库及时更新，每月不少于100条，每发现一个月不足，扣除0.2分，扣完为止';

function months(failing: number, passing = 3): ActualValue {
  const values = [...Array.from({ length: failing }, () => '60条'), ...Array.from({ length: passing }, () => '120条')];
  return { kind: 'monthly', months: values.map((v, i) => ({ label: `第${i + 1}月`, value: qty(v) })) };
}

function run(failing: number) {
  return scoreRule(parseRule(RULE, { max: dec(100) }), months(failing), dec(100));
}

describe('failing months named in the trace', () => {
  it('names every month up to the limit', () => {
    const t = traceOf(run(LISTED_MONTHS));
    expect(t).toContain(`的月份${LISTED_MONTHS}个（第1月、`);
    expect(t).toContain(`第${LISTED_MONTHS}月）`);
    expect(t).not.toContain('等');
  });
  it('beyond the limit names the first ones and the count, and still deducts for all', () => {
    const n = LISTED_MONTHS + 1;
    const r = run(n);
    const t = traceOf(r);
    expect(t).toContain(`第${LISTED_MONTHS}月等${n}个月）`);
    expect(t).not.toContain(`第${n}月`);
    expect(scoreOf(r)).toBe(dec(100).minus(dec('0.2').times(n)).toString());
  });
  it('keeps a long series short', () => {
    expect(traceOf(run(5000)).length).toBeLessThan(1000);
  });
});
