/** Edges of every rule shape: at the threshold, just past it, partial units, floors and caps. */
import { Decimal, dec } from '../../../src/engine/decimal';
import { explainRule, parseRule, scoreRule } from '../../../src/engine/rules';
import type { ActualValue, Rule, RuleContext } from '../../../src/engine/rules/types';
import { actual, counts, monthly, qty, s, scoreOf, text, traceOf } from './helpers';

function score(ruleText: string, a: ActualValue | null, max: string, ctx: RuleContext = {}) {
  return scoreRule(parseRule(ruleText, { max: dec(max), ...ctx }), a, dec(max));
}

function kindOf(ruleText: string, ctx: RuleContext = {}): Rule['kind'] {
  return parseRule(ruleText, ctx).kind;
}

describe('proportional', () => {
  const rule = '得分=实际值÷95%×7';

  test('explained as the report writes it', () => {
    expect(explainRule(parseRule(rule), dec(7))).toBe('按比例：得分=实际值÷95%×7，最高7分');
  });

  test('exactly at the target gives the max; above it is capped', () => {
    expect(scoreOf(score(rule, actual('95%'), '7'))).toBe('7');
    const r = score(rule, actual('99%'), '7');
    expect(scoreOf(r)).toBe('7');
    expect(traceOf(r)).toContain('超过7分按7分计');
  });

  test('just below the target', () => {
    expect(scoreOf(score(rule, actual('94.99%'), '7'))).toBe('7');
    expect(scoreOf(score(rule, actual('94.9%'), '7'))).toBe('6.99');
  });

  test('rounds half-up at the third decimal', () => {
    // 0.2345 × 10 = 2.345 -> 2.35 (banker's rounding would give 2.34).
    expect(scoreOf(score('得分=到位率×10', actual('23.45%'), '10'))).toBe('2.35');
    const r = score('得分=到位率×10', actual('23.45%'), '10');
    expect(r.ok && r.raw.toString()).toBe('2.345');
  });

  test('a negative actual floors at 0', () => {
    expect(scoreOf(score(rule, actual('-5%'), '7'))).toBe('0');
  });

  test('bare numbers against a percent target: 94.36 and 0.9436 both mean 94.36%', () => {
    expect(scoreOf(score('得分=接通率÷100%×5', actual('94.36'), '5'))).toBe('4.72');
    expect(scoreOf(score('得分=接通率÷100%×5', actual('0.9436'), '5'))).toBe('4.72');
  });

  test('target by reference: from ctx.target when no context text names it', () => {
    const r = score('得分=实际接通率÷目标值×7', actual('74.26%'), '7', { target: qty('95%') });
    expect(scoreOf(r)).toBe('5.47');
  });

  test('a target named in the rule text itself', () => {
    const r = score('目标值为90%，得分=实际值÷目标值×10', actual('81%'), '10');
    expect(scoreOf(r)).toBe('9');
  });

  test('"×相应分值" scores on the max', () => {
    const rule2 = parseRule('得分=满意度×相应分值');
    expect(rule2.kind).toBe('proportional');
    expect(scoreOf(scoreRule(rule2, actual('80%'), dec(5)))).toBe('4');
  });

  test('a unit the target cannot be compared with is refused', () => {
    const r = score(rule, actual('3万元'), '7');
    expect(r.ok).toBe(false);
  });

  test('monthly data cannot feed a yearly rule', () => {
    expect(score(rule, monthly(['90%', '91%']), '7').ok).toBe(false);
  });

  test('missing actual is refused, not zeroed', () => {
    const r = score(rule, null, '7');
    expect(r).toEqual({ ok: false, reason: '缺少实际值' });
  });

  test('an actual written as a sentence', () => {
    expect(scoreOf(score(rule, text('全年接通率为74.26%'), '7'))).toBe('5.47');
  });
});

describe('step: per-unit shortfall', () => {
  const pp = '平均接通率不低于95%，每低1%扣1分，扣完为止';

  test('explained with the default rounding marked', () => {
    expect(explainRule(parseRule('不低于95%，每低1%扣1分，不足1%按1%计，扣完为止'), dec(5))).toBe(
      '不足95%时每低1个百分点扣1分（不足1个百分点按1个百分点计），扣完为止',
    );
  });

  test('exactly at the threshold: full marks', () => {
    const r = score(pp, actual('95%', '接通率'), '5');
    expect(scoreOf(r)).toBe('5');
    expect(traceOf(r)).toBe('接通率95%，不低于95%，得满分5分');
  });

  test('just below: a partial point counts as a whole one', () => {
    expect(scoreOf(score(pp, actual('94.99%'), '5'))).toBe('4');
  });

  test('whole points are not rounded further', () => {
    const r = score(pp, actual('93%', '接通率'), '5');
    expect(scoreOf(r)).toBe('3');
    expect(traceOf(r)).toBe('接通率93%，低于95%共2个百分点，扣2分，得分=5-2=3分');
  });

  test('rounding "down" when the text says partial units are not deducted', () => {
    const rule = parseRule('不低于95%，每低1%扣1分，不足1%的不扣分');
    expect(rule).toMatchObject({ kind: 'step', rounding: 'down', roundingStated: true });
    expect(scoreOf(scoreRule(rule, actual('93.5%'), dec(5)))).toBe('4');
    expect(traceOf(scoreRule(rule, actual('93.5%'), dec(5)))).toContain('不足1个百分点的部分不扣');
  });

  test('rounding "exact" when the text deducts pro rata', () => {
    const rule = parseRule('不低于95%，每低1%扣1分，不足1%的按比例扣分');
    expect(rule).toMatchObject({ kind: 'step', rounding: 'exact', roundingStated: true });
    expect(scoreOf(scoreRule(rule, actual('93.5%'), dec(5)))).toBe('3.5');
    expect(scoreOf(scoreRule(rule, actual('94.36%'), dec(5)))).toBe('4.36');
  });

  test('floor at 0: "扣完为止"', () => {
    const r = score(pp, actual('80%'), '5');
    expect(scoreOf(r)).toBe('0');
    expect(traceOf(r)).toContain('扣完为止，得0分');
  });

  test('deductions exactly equal to the max read as an equation', () => {
    expect(traceOf(score(pp, actual('90%'), '5'))).toContain('得分=5-5=0分');
  });

  test('relative steps: exactly 5% short is one step, 5.01% is two', () => {
    const rule = '月均不低于3万通，每低于5%扣1分，不足5%按5%计算，扣完为止';
    expect(scoreOf(score(rule, actual('30000通'), '3'))).toBe('3');
    expect(scoreOf(score(rule, actual('28500通'), '3'))).toBe('2');
    expect(scoreOf(score(rule, actual('28497通'), '3'))).toBe('1');
    expect(scoreOf(score(rule, actual('2万通'), '3'))).toBe('0');
  });

  test('excess over a ceiling: exactly at it is fine, just over costs a step', () => {
    const rule = '超5分钟通话率应低于36%，每高1%扣0.5分，扣完为止';
    expect(scoreOf(score(rule, actual('36%'), '2'))).toBe('2');
    expect(scoreOf(score(rule, actual('36.01%'), '2'))).toBe('1.5');
    expect(scoreOf(score(rule, actual('50%'), '2'))).toBe('0');
  });

  test('money steps with the threshold in 万元 and the actual in 元 or bare 万元', () => {
    const rule = '费用控制在4,060.00万元以下得7分，每超出100万元扣减1分，直至本项分值扣完';
    expect(scoreOf(score(rule, actual('40,600,000元'), '7'))).toBe('7');
    expect(scoreOf(score(rule, actual('40,600,001元'), '7'))).toBe('6');
    expect(scoreOf(score(rule, actual('4260'), '7'))).toBe('5');
    expect(traceOf(score(rule, actual('4260'), '7'))).toContain('按4260万元理解');
  });

  test('a score threshold against a percent step: 1% means 1 point of 100', () => {
    const rule = parseRule('满意度不低于90分，每低1%扣0.5分');
    expect(rule.kind).toBe('step');
    expect(scoreOf(scoreRule(rule, actual('88分'), dec(2)))).toBe('1');
    expect(scoreOf(scoreRule(rule, actual('88%'), dec(2)))).toBe('1');
  });

  test('a zero line below the steps', () => {
    const rule = parseRule('接通率不低于95%，每低1%扣1分；低于85%的，该指标得0分');
    expect(rule.kind).toBe('step');
    expect(rule.kind === 'step' && s(rule.zeroBelow?.value)).toBe('0.85');
    expect(scoreOf(scoreRule(rule, actual('90%'), dec(20)))).toBe('15');
    expect(scoreOf(scoreRule(rule, actual('84.9%'), dec(20)))).toBe('0');
  });

  test('Chinese numerals and full-width text', () => {
    expect(scoreOf(score('一次性解决率≥50%，得8分，每减少一个百分点扣减1分', actual('48%'), '8'))).toBe('6');
    expect(scoreOf(score('平均接通率不低于９５％，每低１％扣１分', actual('93%'), '5'))).toBe('3');
    expect(scoreOf(score('月均不低于3万通，每低于百分之五扣1分', actual('28500通'), '3'))).toBe('2');
  });

  test('PDF noise: spaces and line breaks inside words and numbers', () => {
    const rule = parseRule('平均接通\n率不低于 9 5%，每低 1 %扣 1\n分，扣完为止');
    expect(rule).toMatchObject({ kind: 'step', subject: '平均接通率' });
    expect(rule.kind === 'step' && s(rule.threshold.value)).toBe('0.95');
  });

  test('a step with no threshold anywhere is left to the evaluator', () => {
    const rule = parseRule('每低1%扣1分');
    expect(rule.kind).toBe('judgement');
    expect(rule.kind === 'judgement' && rule.reason).toContain('起扣');
  });

  test('a step with its threshold in the indicator context', () => {
    const rule = parseRule('每低1%扣1分，扣完为止', { context: ['接通率目标值为95%'] });
    expect(rule.kind).toBe('step');
    expect(scoreOf(scoreRule(rule, actual('93%'), dec(5)))).toBe('3');
  });
});

describe('bands', () => {
  test('"大于等于 95%得2分; 大于等于90%, 小于95%得1分; 小于90%得0分"', () => {
    const rule = '大于等于 95%得2分; 大于等于90%, 小于95%得1分; 小于90%得0分';
    expect(kindOf(rule)).toBe('bands');
    expect(scoreOf(score(rule, actual('95%'), '2'))).toBe('2');
    expect(scoreOf(score(rule, actual('94.9999%'), '2'))).toBe('1');
    expect(scoreOf(score(rule, actual('90%'), '2'))).toBe('1');
    expect(scoreOf(score(rule, actual('89.99%'), '2'))).toBe('0');
  });

  test('"以上" is inclusive; "在85%-90%之间" is lower-inclusive', () => {
    const rule = '按时办结率90%以上，得5分；在85%-90%之间，得4分；85%以下不得分';
    expect(scoreOf(score(rule, actual('90%'), '5'))).toBe('5');
    expect(scoreOf(score(rule, actual('85%'), '5'))).toBe('4');
    expect(scoreOf(score(rule, actual('84.99%'), '5'))).toBe('0');
    expect(explainRule(parseRule(rule), dec(5))).toBe('区间：≥90%得5分；85%（含）~90%得4分；≤85%得0分；区间端点未写明是否包含，按下限含、上限不含计');
  });

  test('"(含)" on the upper edge: that edge belongs to the band, the lower one does not', () => {
    const rule = '执行率在95%以上(含)得3分，执行率在90-95%（含）的，得2分；85-90%（含）的，得1分；低于85%的，得0分';
    expect(scoreOf(score(rule, actual('95%'), '3'))).toBe('3');
    expect(scoreOf(score(rule, actual('90.01%'), '3'))).toBe('2');
    expect(scoreOf(score(rule, actual('90%'), '3'))).toBe('1');
    // The text leaves 85% in no band; it joins "85-90%", whose lower edge was open only by default.
    expect(scoreOf(score(rule, actual('85%'), '3'))).toBe('1');
    expect(scoreOf(score(rule, actual('84.99%'), '3'))).toBe('0');
  });

  test('"(不含)" makes an edge exclusive', () => {
    const rule = '满意度90分(不含)以上得3分；80-90分得2分；80分以下得0分';
    expect(scoreOf(score(rule, actual('90分'), '3'))).toBe('2');
    expect(scoreOf(score(rule, actual('90.01分'), '3'))).toBe('3');
  });

  test('one threshold and an otherwise', () => {
    const rule = parseRule('满意度≥90%得满分，否则不得分', { max: dec(2) });
    expect(rule.kind).toBe('bands');
    expect(scoreOf(scoreRule(rule, actual('90%'), dec(2)))).toBe('2');
    expect(scoreOf(scoreRule(rule, actual('89%'), dec(2)))).toBe('0');
  });

  test('a value in no band is refused', () => {
    const r = score('90%-95%得2分；95%-100%得3分', actual('50%'), '3');
    expect(r.ok).toBe(false);
  });

  test('band points above the max are capped', () => {
    const r = score('≥95%得3分；90%-95%得2分；低于90%得0分', actual('99%'), '2');
    expect(scoreOf(r)).toBe('2');
    expect(traceOf(r)).toContain('超过2分按2分计');
  });
});

describe('per failing month', () => {
  const rule = '每月不少于100条，每发现一个月不足，扣除0.2分，扣完为止';

  test('explained', () => {
    expect(explainRule(parseRule(rule), dec(2))).toBe('每月低于100条扣0.2分，扣完为止');
  });

  test('a month exactly at the threshold passes unless the text demands more', () => {
    expect(scoreOf(score(rule, monthly(['100', '99', '101']), '2'))).toBe('1.8');
    const strict = '满意度高于95%,得满分,否则,每出现一个月满意度低于95%,扣除0.2分,扣完为止';
    expect(scoreOf(score(strict, monthly(['95%', '96%']), '2'))).toBe('1.8');
    const loose = '满意度达到95%及以上,得满分;每出现一个月满意度低于95%,扣除0.2分,扣完为止';
    expect(scoreOf(score(loose, monthly(['95%', '96%']), '2'))).toBe('2');
  });

  test('0.2 × 6 is exactly 1.2', () => {
    const r = score(rule, monthly(['1', '2', '3', '4', '5', '6', '100', '200']), '2');
    expect(r.ok && r.raw.toString()).toBe('0.8');
    expect(traceOf(r)).toContain('共扣1.2分，得分=2-1.2=0.8分');
  });

  test('more failing months than points: floor at 0', () => {
    const r = score(rule, monthly(Array(12).fill('1')), '2');
    expect(scoreOf(r)).toBe('0');
    expect(traceOf(r)).toContain('扣完为止，得0分');
  });

  test('no failing month', () => {
    const r = score(rule, monthly(['100', '120']), '2');
    expect(scoreOf(r)).toBe('2');
    expect(traceOf(r)).toContain('得满分2分');
  });

  test('the number of failing months typed by the evaluator', () => {
    expect(scoreOf(score(rule, actual('6个月'), '2'))).toBe('0.8');
    expect(score(rule, actual('1.5个月'), '2').ok).toBe(false);
  });

  test('percent months compared with a percent threshold, scores too', () => {
    const r = '每出现一个月满意度低于80%，扣除0.2分';
    expect(scoreOf(score(r, monthly(['79.99%', '80%', '81分']), '2'))).toBe('1.8');
  });
});

describe('per occurrence', () => {
  const rule = '每天24小时服务,每出现1次无人在岗,扣1分,扣完为止。';

  test('floors at 0', () => {
    expect(scoreOf(score(rule, actual('12次'), '10'))).toBe('0');
    expect(traceOf(score(rule, actual('12次'), '10'))).toContain('扣完为止，得0分');
  });

  test('counts written as words', () => {
    expect(scoreOf(score(rule, text('未出现'), '10'))).toBe('10');
    expect(scoreOf(score(rule, text('2次'), '10'))).toBe('8');
  });

  test('a fractional or negative count is refused', () => {
    expect(score(rule, actual('1.5'), '10').ok).toBe(false);
    expect(score(rule, actual('-1'), '10').ok).toBe(false);
  });

  test('per-defect deductions in decimals stay exact', () => {
    const r = score('项目属于资金重点支持方向，得4分；每发现一处不符合要求的，扣0.2分，扣完为止', actual('7处'), '4');
    expect(r.ok && r.raw.toString()).toBe('2.6');
  });

  test('counts by kind that name no rule item are refused', () => {
    const r = score('服务态度投诉每起扣0.1分；省级渠道投诉每起扣2分', counts([['天气', 1]]), '2');
    expect(r.ok).toBe(false);
  });
});

describe('additive', () => {
  const rule = '获评全国性奖项,每项4分；获评省级奖项，每项3分。最多不超过该指标满分。';

  test('below the cap adds up', () => {
    expect(
      scoreOf(
        score(
          rule,
          counts([
            ['全国性奖项', 1],
            ['省级奖项', 1],
          ]),
          '10',
        ),
      ),
    ).toBe('7');
  });

  test('nothing won', () => {
    expect(scoreOf(score(rule, counts([['全国性奖项', 0]]), '10'))).toBe('0');
  });

  test('a single number cannot be split between items of different value', () => {
    expect(score(rule, actual('2'), '10').ok).toBe(false);
  });

  test('"每获得一项…加N分"', () => {
    const r = parseRule('每获得一项省级以上荣誉加2分，最高不超过满分');
    expect(r.kind).toBe('additive');
    expect(scoreOf(scoreRule(r, actual('2'), dec(5)))).toBe('4');
  });
});

describe('categorical', () => {
  const rule = '项目一次验收通过或一次整改后通过，得满分；项目二次整改后通过，得一半分；项目未通过验收，该指标不得分。';

  test('"一半" of an odd max keeps two decimals', () => {
    expect(scoreOf(score(rule, text('二次整改后通过'), '3'))).toBe('1.5');
    expect(scoreOf(score(rule, text('二次整改后通过'), '1.25'))).toBe('0.63');
  });

  test('"未通过" never selects "通过"', () => {
    expect(scoreOf(score(rule, text('一次整改后通过'), '2'))).toBe('2');
    expect(scoreOf(score(rule, text('未通过验收'), '2'))).toBe('0');
  });

  test('needs text', () => {
    expect(score(rule, actual('1'), '2').ok).toBe(false);
  });

  test('explained', () => {
    expect(explainRule(parseRule(rule), dec(2))).toBe('项目一次验收通过或一次整改后通过得满分；项目二次整改后通过得一半分；项目未通过验收不得分');
  });

  test('mutually exclusive numeric options', () => {
    const r = parseRule('全部完成得4分，部分完成得2分，未完成不得分', { max: dec(4) });
    expect(r.kind).toBe('categorical');
    expect(scoreOf(scoreRule(r, text('部分完成'), dec(4)))).toBe('2');
    expect(scoreOf(scoreRule(r, text('全部完成'), dec(4)))).toBe('4');
    expect(scoreOf(scoreRule(r, text('未完成'), dec(4)))).toBe('0');
  });
});

describe('grade', () => {
  const rule = '根据实际情况按优6分、良4分、中2分、差1分评分';

  test('parsed and explained', () => {
    const r = parseRule(rule);
    expect(r.kind).toBe('grade');
    expect(explainRule(r, dec(6))).toBe('按等级：优6分、良4分、中2分、差1分');
  });

  test('scored from the grade word', () => {
    expect(scoreOf(score(rule, text('良'), '6'))).toBe('4');
    expect(scoreOf(score(rule, text('评为良好'), '6'))).toBe('4');
    expect(scoreOf(score(rule, text('优秀'), '6'))).toBe('6');
    expect(score(rule, text('很好'), '6').ok).toBe(false);
  });
});

describe('checklist and judgement stay with the evaluator', () => {
  test('checklist items with points', () => {
    const r = parseRule('①设置明确的绩效目标，得0.5分；②绩效目标与实际工作内容具有相关性，得0.5分');
    expect(r.kind).toBe('checklist');
    const res = scoreRule(r, actual('1'), dec(1));
    expect(res.ok).toBe(false);
    expect(!res.ok && res.reason).toContain('需评价人打分');
  });

  test('free text is judgement with a reason', () => {
    const r = parseRule('根据项目实施情况综合评判');
    expect(r.kind).toBe('judgement');
    expect(explainRule(r)).toBe('需评价人判断：未识别出评分公式、区间或扣分规则');
    expect(scoreRule(r, text('好'), dec(2)).ok).toBe(false);
  });

  test('empty text', () => {
    expect(parseRule('')).toMatchObject({ kind: 'judgement', reason: '没有评分标准' });
    expect(parseRule('   \n ')).toMatchObject({ kind: 'judgement' });
  });
});

describe('max handling', () => {
  test('scores are against the max when the text states another full mark', () => {
    const r = parseRule('得分=(实际支出资金/实际到位资金)×100%×4分', { max: dec(6) });
    expect(s(r.statedFull)).toBe('4');
    expect(scoreOf(scoreRule(r, actual('90%'), dec(6)))).toBe('5.4');
  });

  test('a zero max gives 0, a negative max is refused', () => {
    const r = parseRule('得分=实际值÷95%×7');
    expect(scoreOf(scoreRule(r, actual('95%'), dec(0)))).toBe('0');
    expect(scoreRule(r, actual('95%'), new Decimal(-1)).ok).toBe(false);
  });
});

describe('bare steps take the threshold unit', () => {
  test('counts stay counts even when the threshold is written in 万', () => {
    const rule = parseRule('月均不低于3万通，每低500扣1分');
    expect(rule.kind === 'step' && [rule.step.toString(), rule.stepText]).toEqual(['500', '500通']);
    expect(scoreOf(scoreRule(rule, actual('29000通'), dec(3)))).toBe('1');
  });

  test('amounts are read in the unit the rule writes', () => {
    const rule = parseRule('费用不超过4060万元，每超出100扣1分');
    expect(rule.kind === 'step' && [rule.step.toString(), rule.stepText]).toEqual(['1000000', '100万元']);
  });
});

describe('bands that are all lines to reach', () => {
  // prj-cwd-01 (corpus/project.json): nothing is earned short of the last line.
  const rule = '种植面积达到可种面积(新增水田面积)的100%得20分,种植面积达到可种面积的90%得10分。';
  test('at the last line its points, just short of it nothing', () => {
    expect(scoreOf(score(rule, actual('90%'), '20'))).toBe('10');
    expect(scoreOf(score(rule, actual('89.99%'), '20'))).toBe('0');
    expect(traceOf(score(rule, actual('85%'), '20'))).toContain('未达到最低一档');
  });
  test('lines of a ceiling ("≤5%得10分"): past the last one nothing', () => {
    const ceiling = '结转结余率≤5%得10分,≤10%得5分';
    expect(scoreOf(score(ceiling, actual('10%'), '10'))).toBe('5');
    expect(scoreOf(score(ceiling, actual('10.01%'), '10'))).toBe('0');
  });
  test('a range or a deduction among the bands: still pending outside them', () => {
    expect(score('≥95%得3分，90%-95%得2分', actual('80%'), '3').ok).toBe(false);
  });
});

describe('tiers of shortfall with a range', () => {
  // prj-ldl-01 (corpus/project.json): "低5%-10%" leaves its upper edge unmarked and "超过10%" excludes 10%.
  const rule = '比下达任务低5%以内的扣2分,低5%-10%的扣4分,低超过10%的扣6分';
  test('the shared edge belongs to the range', () => {
    expect(scoreOf(score(rule, actual('10%'), '5'))).toBe('1');
    expect(scoreOf(score(rule, actual('10.01%'), '5'))).toBe('0');
    expect(scoreOf(score(rule, actual('5%'), '5'))).toBe('3');
    expect(scoreOf(score(rule, actual('5.01%'), '5'))).toBe('1');
  });
});
