/**
 * Typed actuals that name what they count, or give a bound instead of a value, and words read
 * against the rule they answer (src/engine/typedActual.ts, src/engine/data/wordsForRule.ts).
 * Rule texts from test/engine/rules/corpus/*.json (ksczf-06, prj-ldl-01, as-gk-1).
 */
import { dec } from '../../src/engine/decimal';
import { readWordsForRule } from '../../src/engine/data/wordsForRule';
import { parseRule } from '../../src/engine/rules';
import { scoreTyped } from '../../src/engine/scoring/typed';
import { readTypedActual } from '../../src/engine/typedActual';

function read(text: string, zeroUnit: string | null = '环节'): string {
  const r = readTypedActual(text, zeroUnit);
  return r.ok ? `${r.value.q.value.toString()}${r.value.q.unitText}` : `error: ${r.reason}`;
}
function typed(text: string, max: string, actual: string): string {
  const r = scoreTyped({ name: '指标', max: dec(max), ruleText: text, actual });
  return r.ok ? r.score.toString() : `pending: ${r.reason}`;
}

describe('items named, then how many they are', () => {
  it('the count agrees with the items named', () => {
    expect(read('申请、保管、使用、缴验4个环节均有问题')).toBe('4个');
    expect(read('申请、保管2个环节有问题')).toBe('2个');
  });
  it('“等” leaves some unnamed: at least as many as named', () => {
    expect(read('申请、保管等4个环节有问题')).toBe('4个');
    expect(read('申请、保管等2个环节有问题')).toBe('2个');
    expect(read('申请、保管、使用等2个环节有问题')).toMatch(/^error/);
  });
  it('a count that disagrees with the items named: refused', () => {
    expect(read('申请、保管4个环节')).toMatch(/^error: .*列举了2项/);
    expect(read('申请、保管、使用1个环节')).toMatch(/^error/);
  });
  it('scored against a deduction per item', () => {
    const KSCZF06 = '票据使用规范合法,票据申请、保管、使用、缴验等符合规定,得2分,每一环节发现问题扣0.5分。';
    expect(typed(KSCZF06, '2', '申请、保管、使用、缴验4个环节均有问题')).toBe('0');
    expect(typed(KSCZF06, '2', '申请、保管2个环节有问题')).toBe('1');
    // Not 4 found: read as a statement, no problem found in any 环节.
    expect(typed(KSCZF06, '2', '4个环节均无问题')).toBe('2');
  });
});

describe('a count followed by words that nothing was found', () => {
  it('is no count of what was found', () => {
    expect(read('4个环节均无问题')).toMatch(/^error/);
    expect(read('3处均未发现问题', '处')).toMatch(/^error/);
    expect(read('1个环节未按规定')).toBe('1个');
  });
});

describe('a bound typed where the value belongs', () => {
  it.each(['全年每月均不低于40条', '不少于3次', '至少3次', '各项均在95%'])('%s is refused by the number reader', (text) => {
    expect(read(text, '次')).toMatch(/^error: .*范围/);
  });
});

describe('words read against the rule', () => {
  it('every month at the line of a per-month rule counted in its own unit: no failing month', () => {
    const rule = parseRule('1、每月不低于40条。2、数量低于规定标准,出现一个月扣5分,扣完为止。', { max: dec(40), name: '主动公开信息的数量' });
    const r = readWordsForRule(rule, '全年每月均不低于40条', '个月');
    expect(r).toMatchObject({ ok: true });
    expect(r.ok && r.q.value.toString()).toBe('0');
    // Another line, or another unit, is no statement of the rule's months.
    expect(readWordsForRule(rule, '全年每月均不低于30条', '个月').ok).toBe(false);
    expect(readWordsForRule(rule, '全年每月均不低于40次', '个月').ok).toBe(false);
  });
  it('how many months fell past the rule’s own line', () => {
    const rule = parseRule('每月不低于40条,低于规定标准的,出现一个月扣5分,扣完为止。', { max: dec(40), name: '主动公开信息的数量' });
    const months = (t: string) => {
      const r = readWordsForRule(rule, t, '个月');
      return r.ok ? `${r.q.value.toString()}${r.q.unitText}` : 'refused';
    };
    expect(months('有2个月低于40条')).toBe('2个月');
    expect(months('全年共3个月低于40条')).toBe('3个月');
    // Another line, the other side, or no unit to tell a count of 条 from anything else.
    expect(months('有2个月低于30条')).toBe('refused');
    expect(months('有2个月高于40条')).toBe('refused');
    expect(months('有2个月低于40')).toBe('refused');
    expect(typed('每月不低于40条,低于规定标准的,出现一个月扣5分,扣完为止。', '40', '有2个月低于40条')).toBe('30');
  });
  it('a per-month rule whose line itself fails: a count below the line is not its failing months', () => {
    const rule = parseRule('每月满意度高于95%得满分,每出现一个月满意度不高于95%,扣除0.2分', { max: dec(2), name: '满意度' });
    expect(rule).toMatchObject({ kind: 'perMonth', failWhen: 'below', failsAtThreshold: true });
    // Months exactly at 95% fail too: "低于95%" does not count them.
    expect(readWordsForRule(rule, '有2个月低于95%', '个月').ok).toBe(false);
  });
  it('the level reached against a rule on how far short of a target: refused', () => {
    const LDL01 = '比下达任务低5%以内的扣2分,低5%-10%的扣4分,低超过10%的扣6分';
    const rule = parseRule(LDL01, { max: dec(5) });
    expect(readWordsForRule(rule, '完成95%', null)).toMatchObject({ ok: false });
    expect(readWordsForRule(rule, '达到下达任务的95%', null)).toMatchObject({ ok: false });
    // How far short, as the rule counts it, still reads.
    expect(typed(LDL01, '5', '比下达任务低3%')).toBe('3');
  });
});

describe('the rule’s own full rate against a deduction per item short', () => {
  // as-zb-1 (corpus/assess.json)
  const ZB = '2.报名率:本村当年年满18周岁男性公民登记率为100%,该项分值为0.5分每少一人扣0.1分,扣完为止';
  it('the rate the rule requires, in its words, is none short', () => {
    expect(typed(ZB, '0.5', '登记率100%')).toBe('0.5');
    expect(typed(ZB, '0.5', '登记率达到100%')).toBe('0.5');
  });
  it('another rate, or a rate the rule does not state at 100%: refused', () => {
    expect(typed(ZB, '0.5', '登记率98%')).toMatch(/^pending/);
    expect(typed(ZB, '0.5', '体检率100%')).toMatch(/^pending/);
    expect(typed('本村当年年满18周岁男性公民应全部登记,每少一人扣0.1分,扣完为止', '0.5', '登记率100%')).toMatch(/^pending/);
  });
  it('the count short still reads', () => {
    expect(typed(ZB, '0.5', '少登记2人')).toBe('0.3');
  });
});
