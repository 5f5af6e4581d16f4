/**
 * A per-occurrence rule with a clause that zeroes the score ("发生较大及以上事故的，该项不得分",
 * "存在重大违法违规事件的，本项不得分"): a count of that event zeroes it, a count of another
 * grade of event is never taken for the counted one, and a plain count still counts the items.
 * Before: "较大事故1起" against "每发生一起一般事故扣1分；发生较大及以上事故的，该项不得分" scored 1
 * (counted as 一般事故, the zeroing clause never applied).
 */
import { dec } from '../../../src/engine/decimal';
import { scoreTyped } from '../../../src/engine/scoring/typed';

function typed(text: string, max: string, actual: string): string {
  const r = scoreTyped({ name: '安全生产', max: dec(max), ruleText: text, actual });
  return r.ok ? r.score.toString() : `pending: ${r.reason}`;
}

const GRADED = '建设过程中未发生安全事故的,得2分。每发生一起一般事故扣1分;发生较大及以上事故的,该项不得分。';
const PLAIN = '每发生一起一般事故扣1分，扣完为止。';
const VIOLATION = '每发现一处问题扣1分；存在重大违法违规事件的，本项不得分。';

describe('the zeroing clause applies to the event it names', () => {
  it('较大 and 重大 are 较大及以上: 0', () => {
    expect(typed(GRADED, '2', '较大事故1起')).toBe('0');
    expect(typed(GRADED, '2', '重大事故1起')).toBe('0');
    expect(typed(GRADED, '2', '特别重大事故1起')).toBe('0');
  });
  it('一般 is below the line: counted, 1 point each', () => {
    expect(typed(GRADED, '2', '一般事故1起')).toBe('1');
    expect(typed(GRADED, '2', '一般事故2起')).toBe('0');
    expect(typed(GRADED, '2', '一般事故0起')).toBe('2');
  });
  it('none of the zeroing event: nothing zeroed', () => {
    expect(typed(GRADED, '2', '较大事故0起')).toBe('2');
  });
  it('the same words as the zeroing clause zero it; the counted problems count', () => {
    expect(typed(VIOLATION, '5', '重大违法违规事件1起')).toBe('0');
    expect(typed(VIOLATION, '5', '问题2处')).toBe('3');
    expect(typed(VIOLATION, '5', '2处')).toBe('3');
  });
  it('the trace names the zeroing clause', () => {
    const r = scoreTyped({ name: '安全生产', max: dec(2), ruleText: GRADED, actual: '较大事故1起' });
    expect(r.ok && r.trace).toMatch(/较大事故.*该项不得分，得0分/);
  });
});

describe('an event of another grade is never counted as the item', () => {
  it('较大事故 against a rule that counts only 一般事故: pending', () => {
    expect(typed(PLAIN, '5', '较大事故1起')).toMatch(/^pending: .*等级不同/);
    expect(typed(PLAIN, '5', '一般事故2起')).toBe('3');
    expect(typed(PLAIN, '5', '2起')).toBe('3');
  });
});
