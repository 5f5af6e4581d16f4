/**
 * Measurements in physical units (环境、公共服务指标): read with the unit as
 * written, compared only with the same unit, never converted into another.
 */
import { dec } from '../../src/engine/decimal';
import { actualFromInputs } from '../../src/engine/data/bind';
import { findQuantities, fmtQuantity, parseQuantity, samePhysicalUnit, unitKey, type Quantity } from '../../src/engine/quantity';
import { parseRule, scoreRule } from '../../src/engine/rules';
import { inSpaceOf } from '../../src/engine/rules/compare';
import { readMeasure } from '../../src/engine/rules/measure';
import { normRuleText } from '../../src/engine/rules/normalize';
import type { Rule, RuleContext, StepRule } from '../../src/engine/rules/types';
import { readTypedActual } from '../../src/engine/typedActual';
import { scoreTyped } from '../../src/engine/scoring/typed';
import { actual, qty, scoreOf, traceOf } from './rules/helpers';

/** "unit value [unitText] key": what was read, in one string. */
function read(text: string): string {
  const r = parseQuantity(text);
  if (!r.ok) return `error: ${r.reason}`;
  return `${r.q.unit} ${r.q.value.toString()} [${r.q.unitText}] ${unitKey(r.q)}${r.q.scale !== 1 ? ` x${r.q.scale}` : ''}`;
}

function score(ruleText: string, a: string, max: string, ctx: RuleContext = {}) {
  return scoreRule(parseRule(ruleText, { max: dec(max), ...ctx }), actual(a), dec(max));
}

describe('reading physical units', () => {
  test.each([
    ['75微克/立方米', 'physical 75 [微克/立方米] 微克/立方米'],
    ['73.5微克/立方米', 'physical 73.5 [微克/立方米] 微克/立方米'],
    ['72 μg/m³', 'physical 72 [μg/m³] 微克/立方米'],
    ['72µg/m3', 'physical 72 [µg/m3] 微克/立方米'],
    ['72ug/m3', 'physical 72 [ug/m3] 微克/立方米'],
    ['0.05mg/L', 'physical 0.05 [mg/L] 毫克/升'],
    ['0.05 mg/l', 'physical 0.05 [mg/l] 毫克/升'],
    ['0.05毫克/升', 'physical 0.05 [毫克/升] 毫克/升'],
    ['0.07毫克/立方米', 'physical 0.07 [毫克/立方米] 毫克/立方米'],
    ['55分贝', 'physical 55 [分贝] 分贝'],
    ['55dB', 'physical 55 [dB] 分贝'],
    ['55dB(A)', 'physical 55 [dB(A)] 分贝(A)'],
    ['26℃', 'physical 26 [℃] 摄氏度'],
    ['-5摄氏度', 'physical -5 [摄氏度] 摄氏度'],
    ['1200千瓦时', 'physical 1200 [千瓦时] 千瓦时'],
    ['1200kWh', 'physical 1200 [kWh] 千瓦时'],
    ['2万千瓦时', 'physical 20000 [千瓦时] 千瓦时 x10000'],
    ['300度', 'physical 300 [度] 度'],
    ['3.2立方米/秒', 'physical 3.2 [立方米/秒] 立方米/秒'],
    ['60公里/小时', 'physical 60 [公里/小时] 公里/小时'],
    ['60km/h', 'physical 60 [km/h] 公里/小时'],
    ['60千米/小时', 'physical 60 [千米/小时] 公里/小时'],
  ])('%s → %s', (text, want) => expect(read(text)).toBe(want));

  test('分贝 is not 分 (points), 立方米/秒 not 立方米 (an amount)', () => {
    expect(qty('55分贝').unit).toBe('physical');
    expect(qty('55分').unit).toBe('score');
    expect(qty('3立方米').unit).toBe('count');
    expect(qty('3立方米/秒').unit).toBe('physical');
  });

  test('a unit spelt with 千 is that unit, not 千 × a unit', () => {
    expect(read('5千克')).toBe('count 5 [千克] 千克');
    expect(read('5千米')).toBe('count 5 [千米] 千米');
    expect(read('5千瓦')).toBe('physical 5 [千瓦] 千瓦');
    // The multiplier still applies to a unit that does not start with it.
    expect(read('5千元')).toBe('money 5000 [元] 元 x1000');
  });

  test('comparators and 以下 are kept', () => {
    const q = qty('≤35μg/m³');
    expect(q.comparator).toBe('<=');
    expect(q.value.toString()).toBe('35');
    expect(qty('0.5mg/L以下').comparator).toBe('<=');
  });

  test('words that are no unit are refused, not read as a number', () => {
    expect(parseQuantity('75微克').ok).toBe(false);
    expect(parseQuantity('75微克/平方米').ok).toBe(false);
  });

  test('displayed in the unit written, with all its digits', () => {
    expect(fmtQuantity(qty('72 μg/m³'))).toBe('72μg/m³');
    expect(fmtQuantity(qty('0.005mg/L'))).toBe('0.005mg/L');
    expect(fmtQuantity(qty('2万千瓦时'))).toBe('2万千瓦时');
  });

  test('found in free text: 55分贝 is not 55 points', () => {
    const found = findQuantities('昼间噪声55分贝，细颗粒物年均浓度为35 μg/m³，得分5分');
    expect(found.map((f) => `${f.q.unit}:${fmtQuantity(f.q)}`)).toEqual(['physical:55分贝', 'physical:35μg/m³', 'score:5分']);
  });

  test('typed with words around the number', () => {
    const r = readTypedActual('年均浓度75微克/立方米', null);
    expect(r.ok && `${r.value.q.unit} ${r.value.q.value.toString()}${r.value.q.unitText} ${r.value.prefix}`).toBe('physical 75微克/立方米 年均浓度');
    const cn = readTypedActual('昼间五十五分贝', null);
    expect(cn.ok && `${cn.value.q.value.toString()}${cn.value.q.unitText}`).toBe('55分贝');
    // "无" is no measurement.
    expect(readTypedActual('无', null).ok).toBe(false);
  });
});

describe('comparing physical quantities', () => {
  test('one unit spelt two ways compares', () => {
    expect(samePhysicalUnit(qty('75微克/立方米'), qty('72 μg/m³'))).toBe(true);
    const r = inSpaceOf(qty('75微克/立方米'), qty('72 μg/m³'));
    expect(r.ok && r.value.toString()).toBe('75');
  });

  test('微克/立方米 and 毫克/升 never compare', () => {
    expect(samePhysicalUnit(qty('75微克/立方米'), qty('0.05mg/L'))).toBe(false);
    const r = inSpaceOf(qty('0.05mg/L'), qty('72微克/立方米'));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain('单位不同');
    expect(inSpaceOf(qty('72微克/立方米'), qty('0.05mg/L')).ok).toBe(false);
  });

  test.each([
    ['0.072mg/m³', '72微克/立方米'],
    ['0.072毫克/立方米', '72 μg/m³'],
    ['55dB(A)', '55分贝'],
    ['300度', '300千瓦时'],
    ['3立方米', '3立方米/秒'],
    ['50mg/L', '50%'],
    ['55分贝', '55分'],
    ['3吨标准煤', '3吨'],
  ])('%s against %s: no conversion, no comparison', (a, ref) => {
    expect(inSpaceOf(qty(a), qty(ref)).ok).toBe(false);
  });

  test('a bare number is read in the rule’s unit, and says so', () => {
    const r = inSpaceOf(qty('75'), qty('72微克/立方米'));
    expect(r.ok && r.value.toString()).toBe('75');
    expect(r.ok && r.note).toBe('按75微克/立方米理解');
    const wan = inSpaceOf(qty('3'), qty('2万千瓦时'));
    expect(wan.ok && wan.value.toString()).toBe('30000');
  });

  test('a ratio of two inputs in different physical units is refused', () => {
    const rule = parseRule('得分=实际用电量/计划用电量×5', { max: dec(5) });
    const bad = actualFromInputs({ 实际用电量: '1200千瓦时', 计划用电量: '1500度' }, rule);
    expect('error' in bad && bad.error).toContain('单位不同');
    const good = actualFromInputs({ 实际用电量: '1200千瓦时', 计划用电量: '1500kWh' }, rule);
    expect('actual' in good && good.actual.kind === 'quantity' && good.actual.q.value.toString()).toBe('0.8');
  });
});

describe('rules in physical units', () => {
  const pm25 = 'PM2.5年均浓度不高于35微克/立方米，每超过1微克/立方米扣0.5分，扣完为止。';

  test('the step is read with its unit', () => {
    const rule = parseRule(pm25, { max: dec(3) }) as StepRule;
    expect(rule.kind).toBe('step');
    expect(rule.direction).toBe('above');
    expect(`${rule.threshold.unit} ${fmtQuantity(rule.threshold)}`).toBe('physical 35微克/立方米');
    expect(rule.stepText).toBe('1微克/立方米');
    expect(rule.step.toString()).toBe('1');
    expect(rule.deduction.toString()).toBe('0.5');
  });

  test.each([
    // Exactly at the ceiling: no deduction (fails if "not above" flips to "below").
    ['35微克/立方米', '3'],
    ['35 μg/m³', '3'],
    ['34.99微克/立方米', '3'],
    // Just past it: a partial unit counts as one (the default, stated in the explanation).
    ['35.01微克/立方米', '2.5'],
    ['36微克/立方米', '2.5'],
    ['37ug/m3', '2'],
    ['40微克/立方米', '0.5'],
    ['41微克/立方米', '0'],
    ['50微克/立方米', '0'],
  ])('PM2.5 %s → %s', (a, want) => expect(scoreOf(score(pm25, a, '3'))).toBe(want));

  test('PM2.5 in 毫克/立方米 or 毫克/升 is not scored against 微克/立方米', () => {
    for (const a of ['0.035mg/m³', '0.035毫克/立方米', '0.035mg/L']) {
      const r = score(pm25, a, '3');
      expect(r.ok).toBe(false);
      expect(!r.ok && r.reason).toContain('单位不同');
    }
  });

  const noise = '区域环境噪声平均值≤55分贝得5分；55-60分贝得3分；>60分贝得0分';
  test.each([
    ['54.9分贝', '5'],
    // At the edge of the first band: ≤ includes it.
    ['55分贝', '5'],
    ['55dB', '5'],
    ['55.1分贝', '3'],
    // "> 60" excludes 60.
    ['60分贝', '3'],
    ['60.1dB', '0'],
  ])('noise %s → %s', (a, want) => expect(scoreOf(score(noise, a, '5'))).toBe(want));

  const night = '夜间噪声<45分贝得5分；45(含)-50分贝得3分；≥50分贝得0分';
  test.each([
    ['44.9分贝', '5'],
    // "<45" excludes 45, which belongs to the next band; "≥50" includes 50.
    ['45分贝', '3'],
    ['49.9分贝', '3'],
    ['50分贝', '0'],
  ])('night noise %s → %s', (a, want) => expect(scoreOf(score(night, a, '5'))).toBe(want));

  test('noise in dB(A) or as points is not read as 分贝', () => {
    expect(score(noise, '55dB(A)', '5').ok).toBe(false);
    expect(score(noise, '55分', '5').ok).toBe(false);
  });

  // Higher is better: the lower edges decide.
  const oxygen = '溶解氧≥5mg/L得3分，3-5mg/L得1分，<3mg/L得0分';
  test.each([
    ['5mg/L', '3'],
    ['4.99mg/L', '1'],
    // The middle band's lower edge is included; "<3" excludes 3.
    ['3mg/L', '1'],
    ['3毫克/升', '1'],
    ['2.99mg/L', '0'],
  ])('dissolved oxygen %s → %s', (a, want) => expect(scoreOf(score(oxygen, a, '3'))).toBe(want));

  const strictOxygen = '溶解氧>6mg/L得3分，4-6mg/L得1分，<4mg/L得0分';
  test.each([
    ['6.01mg/L', '3'],
    // ">6" excludes 6.
    ['6mg/L', '1'],
    ['4mg/L', '1'],
    ['3.99mg/L', '0'],
  ])('dissolved oxygen (strict) %s → %s', (a, want) => expect(scoreOf(score(strictOxygen, a, '3'))).toBe(want));

  test('dissolved oxygen in 微克/立方米 is not scored against mg/L', () => {
    expect(score(oxygen, '5微克/立方米', '3').ok).toBe(false);
  });

  const cod = '出水化学需氧量低于50mg/L的得满分，每高1mg/L扣1分';
  test.each([
    ['49mg/L', '4'],
    ['50mg/L', '4'],
    ['50.5毫克/升', '3'],
    ['51mg/l', '3'],
    ['52.5mg/L', '1'],
  ])('COD %s → %s', (a, want) => expect(scoreOf(score(cod, a, '4'))).toBe(want));

  test('a step in another unit than the target is not converted', () => {
    const ctx = { name: 'PM2.5年均浓度', target: qty('35微克/立方米') };
    const other = score('未完成目标的，每超过0.001mg/m³扣1分', '36微克/立方米', '3', ctx);
    expect(other.ok).toBe(false);
    expect(!other.ok && other.reason).toContain('单位不同');
    // The same unit spelt otherwise is the same step.
    expect(scoreOf(score('未完成目标的，每超过1μg/m³扣1分', '36微克/立方米', '3', ctx))).toBe('2');
    expect(scoreOf(score('未完成目标的，每超过1μg/m³扣1分', '35微克/立方米', '3', ctx))).toBe('3');
  });

  test('a Chinese numeral before a physical unit is counted', () => {
    expect(normRuleText('每超过一分贝扣1分')).toBe('每超过1分贝扣1分');
    expect(normRuleText('每差五微克/立方米扣0.5分')).toBe('每差5微克/立方米扣0.5分');
  });

  test('a unit’s slash is no ratio of named amounts', () => {
    expect(readMeasure('每差1微克/立方米扣0.5分')).toBeNull();
    expect(readMeasure('得分=(实际到位资金/预算资金)×100%×4分')).toMatchObject({ numerator: '实际到位资金', denominator: '预算资金' });
  });
});

describe('as-hb-1: PM10 against the year’s target, 每差1微克/立方米扣0.5分', () => {
  const text = '未达到年度目标值的,按实际完成值与年度目标值的差距绝对值进行扣分,每差1微克/立方米扣0.5分,扣完为止。';
  const target: Quantity = qty('72微克/立方米');
  const ctx = { name: '可吸入颗粒物(PM10)年均值', max: dec(3), target };
  const cases: [string, string[]][] = [
    ['70微克/立方米', ['3']],
    ['72微克/立方米', ['3']],
    ['75微克/立方米', ['1.5']],
    ['73.5微克/立方米', ['2.25', '2.5', '2']],
    ['80微克/立方米', ['0']],
  ];

  test('the step and the target are read in 微克/立方米', () => {
    const rule = parseRule(text, ctx) as StepRule;
    expect(rule.kind).toBe('step');
    expect(fmtQuantity(rule.threshold)).toBe('72微克/立方米');
    expect(rule.stepText).toBe('1微克/立方米');
    expect(rule.deduction.toString()).toBe('0.5');
    expect(rule.measure).toBeUndefined();
  });

  test('never scored with a number the hand scoring does not allow', () => {
    const rule = parseRule(text, ctx);
    for (const [a, allowed] of cases) {
      const r = scoreRule(rule, actual(a), dec(3));
      // Pending until the step grammar tells a ceiling (PM10) from a floor; then right.
      if (r.ok) expect(allowed).toContain(r.score.toString());
      else expect(r.reason).toContain('上限还是下限');
    }
  });

  test('read as a ceiling, every case scores as by hand', () => {
    const rule: Rule = { ...(parseRule(text, ctx) as StepRule), direction: 'above' };
    for (const [a, allowed] of cases) expect(allowed).toContain(scoreOf(scoreRule(rule, actual(a), dec(3))));
    expect(traceOf(scoreRule(rule, actual('75微克/立方米'), dec(3)))).toContain('超过72微克/立方米共3微克/立方米');
  });
});

describe('每差 against a measure that is better lower', () => {
  // as-hb-1 (test/engine/rules/corpus/assess.json): PM10 over its target falls short.
  const text = '未达到年度目标值的,按实际完成值与年度目标值的差距绝对值进行扣分,每差1微克/立方米扣0.5分,扣完为止。';
  const pm10 = (actual: string) => {
    const r = scoreTyped({ name: '可吸入颗粒物(PM10)年均值', max: dec('3'), ruleText: text, inputs: { 实际完成值: actual, 年度目标值: '72微克/立方米' } });
    return r.ok ? r.score.toString() : 'pending';
  };
  test('at or under the target keeps the max; over it deducts', () => {
    expect(pm10('72微克/立方米')).toBe('3');
    expect(pm10('70微克/立方米')).toBe('3');
    expect(pm10('75微克/立方米')).toBe('1.5');
    expect(pm10('80微克/立方米')).toBe('0');
  });
  test('a physical measure not known to be better lower stays pending', () => {
    const r = scoreTyped({ name: '溶解氧', max: dec('3'), ruleText: text, inputs: { 实际完成值: '5毫克/升', 年度目标值: '6毫克/升' } });
    expect(r.ok).toBe(false);
  });
});
