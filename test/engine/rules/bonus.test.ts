/**
 * Rules with a bonus above the line (加分), base points at a reference with steps on both sides,
 * and outright scores below 0 (倒扣): every edge, each convention the trace states, and near-miss
 * wordings that stay with the evaluator.
 */
import { scoreWorkbook } from '../../../src/engine';
import { dec } from '../../../src/engine/decimal';
import { sheetFromRows } from '../../../src/engine/snapshot';
import { explainRule, parseRule, scoreBounds, scoreRule } from '../../../src/engine/rules';
import type { ActualValue, BonusRule, PerOccurrenceRule, RuleContext } from '../../../src/engine/rules/types';
import { scoreTyped } from '../../../src/engine/scoring/typed';
import { actual, counts, qty, scoreOf, text, traceOf } from './helpers';

function score(ruleText: string, a: ActualValue | null, max: string, ctx: RuleContext = {}) {
  return scoreRule(parseRule(ruleText, { max: dec(max), ...ctx }), a, dec(max));
}

function bonus(ruleText: string, ctx: RuleContext = {}): BonusRule {
  const r = parseRule(ruleText, ctx);
  if (r.kind !== 'bonus') throw new Error(`not a bonus rule: ${r.kind} ${r.kind === 'judgement' ? r.reason : ''}`);
  return r;
}

describe('bonus above a line stated in the text, no ceiling', () => {
  const rule = '全面实现全市经济工作会议确定的增长8%的目标，达目标的计满分，不达目标不计分，每超目标两个百分点加1分';

  test('reads the line, the base, the step and what happens below', () => {
    const r = bonus(rule, { max: dec(20) });
    expect(r.reference && r.reference.value.toString()).toBe('0.08');
    expect(r.referenceName).toBe('目标');
    expect(r.base).toBeNull();
    expect(r.above.step.toString()).toBe('0.02');
    expect(r.above.points.toString()).toBe('1');
    expect(r.below.kind).toBe('zero');
    expect(r.cap).toBeNull();
    expect(explainRule(r, dec(20))).toContain('未设上限');
  });

  test('at the line (inclusive) full marks; just below it nothing', () => {
    expect(scoreOf(score(rule, actual('8%'), '20'))).toBe('20');
    expect(scoreOf(score(rule, actual('7.99%'), '20'))).toBe('0');
  });

  test('whole steps add their points and may pass the max, as the text states a bonus', () => {
    const r = score(rule, actual('12%'), '20');
    expect(scoreOf(r)).toBe('22');
    expect(traceOf(r)).toContain('评分标准写明加分且未设上限');
  });

  test('a partial step adds nothing by convention, and the trace says so', () => {
    expect(scoreOf(score(rule, actual('9.99%'), '20'))).toBe('20');
    expect(scoreOf(score(rule, actual('10%'), '20'))).toBe('21');
    const r = score(rule, actual('11%'), '20');
    expect(scoreOf(r)).toBe('21');
    expect(traceOf(r)).toContain('不足2个百分点的部分不加分（评分标准未写明，按惯例）');
  });

  test('a stated partial-step rule is followed', () => {
    const exact = '达到目标8%计满分，低于目标不得分，每超2个百分点加1分，不足2个百分点的按比例计算';
    expect(scoreOf(score(exact, actual('11%'), '20'))).toBe('21.5');
    const up = '达到目标8%计满分，低于目标不得分，每超2个百分点加1分，不足2个百分点按2个百分点计';
    expect(scoreOf(score(up, actual('8.1%'), '20'))).toBe('21');
  });

  test('the range of the score: 0 up, no ceiling', () => {
    const b = scoreBounds(parseRule(rule, { max: dec(20) }), dec(20));
    expect(b.lo.toString()).toBe('0');
    expect(b.hi).toBeNull();
  });
});

describe('ceilings', () => {
  test('a ceiling on the bonus: at it and past it', () => {
    const rule = '达到目标值95%计满分，低于目标值不得分，每高于目标值1个百分点加1分，最高加3分';
    expect(scoreOf(score(rule, actual('98%'), '10'))).toBe('13');
    const r = score(rule, actual('99.5%'), '10');
    expect(scoreOf(r)).toBe('13');
    expect(traceOf(r)).toContain('加分最多3分');
  });

  test('"加分最多不超过2分" caps the bonus, not the score', () => {
    const r = bonus('收入增幅达到8%的得满分，每超1个百分点加0.5分，加分最多不超过2分，未达到8%的不得分', { max: dec(10) });
    expect(r.cap).toBeNull();
    expect(r.bonusCap?.toString()).toBe('2');
    expect(scoreOf(scoreRule(r, actual('20%'), dec(10)))).toBe('12');
    // "未达到8%" names the line itself.
    expect(scoreOf(scoreRule(r, actual('7.9%'), dec(10)))).toBe('0');
  });
});

describe('ceilings in words', () => {
  test('"加分后不超过该指标分值" caps at the max, inclusive', () => {
    const t = '达到目标8%计满分，低于目标不得分，每超2个百分点加1分，加分后不超过该指标分值';
    expect(bonus(t, { max: dec(20) }).cap?.toString()).toBe('20');
    const r = score(t, actual('12%'), '20');
    expect(scoreOf(r)).toBe('20');
    expect(traceOf(r)).toContain('超过上限20分按20分计');
  });

  test('a ceiling word not read as a ceiling leaves the rule to the evaluator, never uncapped', () => {
    expect(parseRule('达到目标8%计满分，低于目标不得分，每超2个百分点加1分，封顶25分', { max: dec(20) }).kind).toBe('judgement');
    expect(parseRule('达到目标8%计满分，低于目标不得分，每超2个百分点加1分，最高不超过满分', {}).kind).not.toBe('bonus');
  });

  test('a floor line with deductions below it gives full marks at the line; the bonus above it is capped', () => {
    const t = '平均接通率不低于95%，每低1%扣1分，每高1%加0.5分，最高不超过满分';
    const r = bonus(t, { max: dec(10) });
    expect(r.base).toBeNull();
    expect(r.notes).toContain('达到95%时的得分未写明，按满分计');
    expect(scoreOf(scoreRule(r, actual('95%'), dec(10)))).toBe('10');
    expect(scoreOf(scoreRule(r, actual('96%'), dec(10)))).toBe('10');
    expect(scoreOf(scoreRule(r, actual('94%'), dec(10)))).toBe('9');
    // "低于95%" is no floor line: what it gives at the line is not said.
    expect(parseRule('平均接通率低于95%，每低1%扣1分，每高1%加0.5分，最高不超过满分', { max: dec(10) }).kind).not.toBe('bonus');
  });
});

describe('base points at a reference, steps both ways', () => {
  const rule = '以历史最佳水平为基数，达到历史最佳水平给6分；比历史最佳水平提高1%则在6分基础上加1分，10分为上限；每低于历史最佳水平1%则扣1分，扣完为止。';
  const ctx = { max: dec(10), target: qty('80%') };

  test('the line comes from the target; without one there is no reading', () => {
    expect(bonus(rule, ctx).referenceName).toBe('历史最佳水平');
    expect(parseRule(rule, { max: dec(10) }).kind).toBe('judgement');
  });

  test('at the line the base; one step up; the ceiling is inclusive', () => {
    expect(scoreOf(score(rule, actual('80%'), '10', ctx))).toBe('6');
    expect(scoreOf(score(rule, actual('81%'), '10', ctx))).toBe('7');
    expect(scoreOf(score(rule, actual('84%'), '10', ctx))).toBe('10');
    const r = score(rule, actual('92%'), '10', ctx);
    expect(scoreOf(r)).toBe('10');
    expect(traceOf(r)).toContain('超过上限10分按10分计');
  });

  test('below: each step down deducts, a partial step counts whole (the step rules convention), floor 0', () => {
    expect(scoreOf(score(rule, actual('79%'), '10', ctx))).toBe('5');
    const r = score(rule, actual('79.5%'), '10', ctx);
    expect(scoreOf(r)).toBe('5');
    expect(traceOf(r)).toContain('不足1个百分点按1个百分点计（评分标准未写明，按惯例）');
    expect(scoreOf(score(rule, actual('74%'), '10', ctx))).toBe('0');
    expect(scoreOf(score(rule, actual('50%'), '10', ctx))).toBe('0');
  });

  test('"与上年持平得5分" with steps both ways', () => {
    const t = '与上年持平得5分，每增长1个百分点加0.5分，最高10分；每下降1个百分点扣0.5分';
    const c = { max: dec(10), target: qty('50%') };
    expect(scoreOf(score(t, actual('52%'), '10', c))).toBe('6');
    expect(scoreOf(score(t, actual('48%'), '10', c))).toBe('4');
  });

  test('scored from two inputs, the reference named as such', () => {
    const r = scoreTyped({ name: '生产设备的数量利用率', max: dec(10), ruleText: rule, inputs: { 本期利用率: '76%', 历史最佳水平: '80%' } });
    expect(r.ok && r.score.toString()).toBe('2');
  });
});

describe('a step written without 每', () => {
  const rule = '以本级上年比重为基数，低于上年基数的不计分，达到的计满分，比上年增长一个百分点加2分';
  const ctx = { max: dec(10), target: qty('45%') };

  test('one unit is read per unit, and the trace says so', () => {
    const r = score(rule, actual('47%'), '10', ctx);
    expect(scoreOf(r)).toBe('14');
    expect(traceOf(r)).toContain('未写“每”');
    expect(scoreOf(score(rule, actual('44.99%'), '10', ctx))).toBe('0');
    expect(scoreOf(score(rule, actual('45%'), '10', ctx))).toBe('10');
  });

  test('two units without 每 are no per-step rule', () => {
    expect(parseRule('比上年增长2个百分点加1分', { max: dec(5), target: qty('40%') }).kind).not.toBe('bonus');
  });
});

describe('near misses stay with the evaluator', () => {
  test('no line anywhere for a rate step', () => {
    expect(parseRule('每超目标1个百分点加1分', { max: dec(5) }).kind).not.toBe('bonus');
  });

  test('two bonus steps', () => {
    expect(parseRule('达到目标95%得满分，每超1个百分点加1分，超过5个百分点的每超1个百分点加2分', { max: dec(5) }).kind).not.toBe('bonus');
  });

  test('a cut-off other than the line is an unread clause', () => {
    const r = parseRule('达到目标95%得满分，每超1个百分点加1分，低于90%不得分', { max: dec(5) });
    expect(r.kind).toBe('judgement');
    expect(r.kind === 'judgement' && r.unread?.length).toBeTruthy();
  });

  test('a partial-step clause about another size', () => {
    expect(parseRule('达到目标8%计满分，低于目标不得分，每超2个百分点加1分，不足1个百分点的按比例计算', { max: dec(20) }).kind).not.toBe('bonus');
  });

  test('a base above the max is not scored', () => {
    const r = score('达到目标给12分；每超目标1个百分点加1分；低于目标不得分', actual('90%'), '10', { target: qty('90%') });
    expect(r.ok).toBe(false);
  });
});

describe('a bonus item counted in units', () => {
  const rule = '每超目标任务引进1个省外亿元项目(经省平台认定)加2分，最高不超过6分';

  test('with no target the count typed is the count past it', () => {
    const r = bonus(rule, { max: dec(6) });
    expect(r.reference).toBeNull();
    expect(scoreOf(scoreRule(r, actual('2个'), dec(6)))).toBe('4');
    expect(scoreOf(scoreRule(r, actual('3个'), dec(6)))).toBe('6');
    expect(scoreOf(scoreRule(r, actual('4个'), dec(6)))).toBe('6');
    expect(scoreOf(scoreRule(r, actual('0个'), dec(6)))).toBe('0');
    expect(traceOf(scoreRule(r, actual('2个'), dec(6)))).toContain('实际值按超出的个数计');
    expect(scoreRule(r, actual('95%'), dec(6)).ok).toBe(false);
  });

  test('with a target the value is read against it; at or below it nothing', () => {
    const ctx = { max: dec(6), target: qty('3个') };
    expect(scoreOf(score(rule, actual('3个'), '6', ctx))).toBe('0');
    expect(scoreOf(score(rule, actual('2个'), '6', ctx))).toBe('0');
    expect(scoreOf(score(rule, actual('4个'), '6', ctx))).toBe('2');
  });

  test('typed words: past the target, not past it, from two inputs', () => {
    const typed = (a: string, target?: string) => scoreTyped({ name: '超目标任务引进省外亿元项目', max: dec(6), ruleText: rule, actual: a, target });
    const over = typed('超目标任务1个', '3个');
    expect(over.ok && over.score.toString()).toBe('2');
    const none = typed('未超目标任务');
    expect(none.ok && none.score.toString()).toBe('0');
    const noneWithTarget = typed('未超目标任务', '3个');
    expect(noneWithTarget.ok && noneWithTarget.score.toString()).toBe('0');
    const inputs = scoreTyped({ name: '超目标任务引进省外亿元项目', max: dec(6), ruleText: rule, inputs: { 引进数: '5个', 目标任务: '3个' } });
    expect(inputs.ok && inputs.score.toString()).toBe('4');
  });

  test('a difference the words cannot place stays pending', () => {
    const t = '达到目标计满分，低于目标不得分，每超1个百分点加1分';
    const r = scoreTyped({ name: '指标', max: dec(5), ruleText: t, actual: '超目标2%', target: '90%' });
    expect(r.ok).toBe(false);
    const pp = scoreTyped({ name: '指标', max: dec(5), ruleText: t, actual: '超目标2个百分点', target: '90%' });
    expect(pp.ok && pp.score.toString()).toBe('7');
    const words = scoreTyped({ name: '指标', max: dec(5), ruleText: t, actual: '超出目标两个百分点', target: '90%' });
    expect(words.ok && words.score.toString()).toBe('7');
    // Not past the line says nothing about how far below it, where that costs points.
    const below = scoreTyped({
      name: '指标',
      max: dec(5),
      ruleText: '达到目标得5分，每超1个百分点加1分，每低于目标1个百分点扣1分',
      actual: '未超目标',
      target: '90%',
    });
    expect(below.ok).toBe(false);
  });
});

describe('an outright negative score (倒扣)', () => {
  const rule = '建設過程中未發生安全事故的,得2分。每發生一起一般事故扣1分;發生較大及以上事故的,該項不得分,倒扣10分。';

  function outright(): PerOccurrenceRule {
    const r = parseRule(rule, { name: '安全生產', max: dec(2) });
    if (r.kind !== 'perOccurrence') throw new Error(`not read: ${r.kind}`);
    return r;
  }

  test('the outright clause is an item of its own', () => {
    const r = outright();
    expect(r.items.map((i) => [i.label, i.outright?.toString() ?? null])).toEqual([
      ['一般事故', null],
      ['較大及以上事故', '-10'],
    ]);
    expect(explainRule(r, dec(2))).toContain('倒扣10分（得-10分）');
    expect(scoreBounds(r, dec(2)).lo.toString()).toBe('-10');
  });

  test('ordinary events deduct, floor 0', () => {
    expect(scoreOf(scoreRule(outright(), counts([['一般事故', 1]]), dec(2)))).toBe('1');
    expect(scoreOf(scoreRule(outright(), counts([['一般事故', 3]]), dec(2)))).toBe('0');
    expect(scoreOf(scoreRule(outright(), counts([['一般事故', 0]]), dec(2)))).toBe('2');
  });

  test('one graded event at or above the grade settles the score below 0', () => {
    const r = scoreRule(outright(), counts([['較大事故', 1]]), dec(2));
    expect(scoreOf(r)).toBe('-10');
    expect(traceOf(r)).toContain('倒扣10分');
    expect(
      scoreOf(
        scoreRule(
          outright(),
          counts([
            ['重大事故', 1],
            ['一般事故', 1],
          ]),
          dec(2),
        ),
      ),
    ).toBe('-10');
    expect(scoreOf(scoreRule(outright(), counts([['特别重大事故', 1]]), dec(2)))).toBe('-10');
    // A grade below the line is the ordinary item.
    expect(scoreOf(scoreRule(outright(), counts([['一般事故', 2]]), dec(2)))).toBe('0');
  });

  test('a bare count cannot say which kind: pending, unless none', () => {
    expect(scoreRule(outright(), actual('1起'), dec(2)).ok).toBe(false);
    expect(scoreOf(scoreRule(outright(), text('0'), dec(2)))).toBe('2');
  });

  test('typed in a cell', () => {
    const typed = (a: string) => scoreTyped({ name: '安全生產', max: dec(2), ruleText: rule, actual: a });
    const none = typed('未發生');
    expect(none.ok && none.score.toString()).toBe('2');
    const bad = typed('較大事故1起');
    expect(bad.ok && bad.score.toString()).toBe('-10');
  });

  test('beside a 倒扣 clause, an outright clause without one scores 0', () => {
    const t = '每发现一处问题扣0.5分；发现弄虚作假的，该项不得分，倒扣2分；出现安全事故的，本项得0分';
    const r = parseRule(t, { max: dec(3) });
    if (r.kind !== 'perOccurrence') throw new Error(`not read: ${r.kind}`);
    expect(r.items.map((i) => i.outright?.toString() ?? null)).toEqual([null, '-2', '0']);
    expect(scoreOf(scoreRule(r, counts([['问题', 2]]), dec(3)))).toBe('2');
    expect(scoreOf(scoreRule(r, counts([['安全事故', 1]]), dec(3)))).toBe('0');
    expect(
      scoreOf(
        scoreRule(
          r,
          counts([
            ['弄虚作假', 1],
            ['问题', 1],
          ]),
          dec(3),
        ),
      ),
    ).toBe('-2');
    expect(scoreBounds(r, dec(3)).lo.toString()).toBe('-2');
  });
});

describe('in a workbook row', () => {
  const HEADER = ['一级指标', '二级指标', '三级指标', '分值', '评分标准', '目标值', '实际值', '得分', '扣分说明'];
  function row(ruleText: string, max: number, typed: string, entered: number | null = null) {
    const run = scoreWorkbook(
      {
        sheets: [
          sheetFromRows('附件1 评分表', [
            ['附件1 绩效评价指标评分表'],
            HEADER,
            ['一级', '二级', '指标', max, ruleText, null, typed, entered, entered ? '超额完成' : null],
          ]),
        ],
      },
      { writeBack: false },
    );
    return { leaf: run.report!.indicators[0], outOfRange: run.findings.some((f) => f.code === 'SCORE_OUT_OF_RANGE') };
  }

  test('a stated bonus past the max and a stated 倒扣 are no out-of-range scores', () => {
    const up = row('达到目标8%计满分，低于目标不得分，每超2个百分点加1分', 20, '12%');
    expect(up.leaf.source).toBe('computed');
    expect(String(up.leaf.score)).toBe('22');
    expect(up.outOfRange).toBe(false);
    const down = row('每发生一起一般事故扣1分；发生较大及以上事故的，该项不得分，倒扣10分', 2, '较大事故1起');
    expect(String(down.leaf.score)).toBe('-10');
    expect(down.outOfRange).toBe(false);
  });

  test('an entered score past the max is still out of range', () => {
    expect(row('达到目标8%计满分，低于目标不得分，每超2个百分点加1分', 20, '12%', 25).outOfRange).toBe(true);
  });
});
