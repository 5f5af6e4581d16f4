/**
 * Every rule text of the three seed reports: parsed to the right shape and
 * parameters, and scored on the seed's actual value to the published score.
 */
import { dec } from '../../../src/engine/decimal';
import { explainRule } from '../../../src/engine/rules';
import type { Rule } from '../../../src/engine/rules/types';
import { HAIKOU as H, LVLIANG as L, QIXIA as Q, type SeedRule } from './seedRules';
import { actual, counts, monthly, parseSeed, ratio, s, scoreOf, scoreSeed, text, traceOf } from './helpers';

function as<K extends Rule['kind']>(rule: Rule, kind: K): Extract<Rule, { kind: K }> {
  expect(rule.kind).toBe(kind);
  return rule as Extract<Rule, { kind: K }>;
}

const HAIKOU_KINDS: Record<string, Rule['kind']> = {
  立项依据充分性: 'checklist',
  立项程序规范性: 'checklist',
  项目与资金支持领域的匹配性: 'perOccurrence',
  资金分配合理性: 'checklist',
  绩效目标合理性: 'checklist',
  绩效指标明确性: 'checklist',
  资金到位率: 'proportional',
  预算执行率: 'proportional',
  资金使用合规性: 'checklist',
  会计核算规范性: 'checklist',
  项目管理制度健全性: 'checklist',
  项目制度执行有效性: 'checklist',
  业务管理规范性: 'checklist',
  预算绩效管理有效性: 'checklist',
  '12345热线接通率': 'proportional',
  月热线办件数: 'step',
  '12345热线外包费用': 'step',
  '12345热线办件一次性解决率': 'step',
  营商环境专席设置: 'checklist',
  人才专席设置: 'checklist',
  外语服务专度设置: 'checklist',
  热线服务获奖情况: 'additive',
  社会大众满意率: 'bands',
};

const LVLIANG_KINDS: Record<string, Rule['kind']> = {
  立项依据充分性: 'checklist',
  立项程序规范性: 'checklist',
  绩效目标合理性: 'checklist',
  绩效指标明确性: 'checklist',
  预算编制科学性: 'checklist',
  资金分配合理性: 'checklist',
  资金到位率: 'proportional',
  预算执行率: 'bands',
  资金使用合规性: 'checklist',
  管理制度健全性: 'checklist',
  制度执行有效性: 'perOccurrence',
  项目质量可控性: 'checklist',
  热线建设完成情况: 'proportional',
  热线整合完成率: 'proportional',
  '24小时可用率': 'step',
  话务量: 'step',
  热线建设验收合格率: 'categorical',
  话务接通率: 'step',
  话务员配备达标率: 'proportional',
  话务监听合格率: 'bands',
  热线平台建设及时性: 'step',
  知识库更新及时性: 'perMonth',
  成本支出合理性: 'checklist',
  推进政府治理能力现代化: 'perOccurrence',
  热线10秒接通率: 'step',
  超5分钟通话率: 'step',
  工单按时办结率: 'bands',
  回访率: 'step',
  投诉举报: 'perOccurrence',
  热线宣传情况: 'checklist',
  可持续影响: 'checklist',
  话务员接话服务满意率: 'perMonth',
  回访满意率: 'perMonth',
  市民满意度: 'step',
};

const QIXIA_KINDS: Record<string, Rule['kind']> = {
  立项依据充分性与流程规范性: 'checklist',
  政府采购程序规范性: 'checklist',
  绩效目标合理性: 'checklist',
  绩效指标明确性: 'checklist',
  预算编制科学性: 'checklist',
  资金到位率: 'proportional',
  预算执行率: 'proportional',
  资金使用合规性: 'checklist',
  管理制度健全性: 'checklist',
  制度执行有效性: 'checklist',
  服务时间: 'perOccurrence',
  工单及时转办率: 'perOccurrence',
  工单按时回复率: 'perOccurrence',
  公众知晓率: 'proportional',
  公众认可率: 'proportional',
  服务对象满意度: 'proportional',
};

describe('every seed rule parses to a shape', () => {
  const row =
    (seed: string, kinds: Record<string, Rule['kind']>) =>
    (r: SeedRule): [string, string, SeedRule, Rule['kind']] => [seed, r.name, r, kinds[r.name]];
  const expected = [
    ...Object.values(H).map(row('000', HAIKOU_KINDS)),
    ...Object.values(L).map(row('001', LVLIANG_KINDS)),
    ...Object.values(Q).map(row('003', QIXIA_KINDS)),
  ];
  test.each(expected)('%s %s', (_seed, _name, r, kind) => {
    expect(kind).toBeDefined();
    const rule = parseSeed(r);
    expect(rule.kind).toBe(kind);
    expect(rule.text.length).toBeGreaterThan(0);
  });

  test('no seed rule is left to judgement', () => {
    const all = [...Object.values(H), ...Object.values(L), ...Object.values(Q)];
    expect(all.filter((r) => parseSeed(r).kind === 'judgement').map((r) => r.name)).toEqual([]);
  });

  test('every checklist of the seeds adds up to its max', () => {
    const all = [...Object.values(H), ...Object.values(L), ...Object.values(Q)];
    for (const r of all) {
      const rule = parseSeed(r);
      if (rule.kind !== 'checklist') continue;
      const total = rule.items.reduce((a, i) => a.plus(i.points), dec(0));
      expect(`${r.name}:${total.toString()}`).toBe(`${r.name}:${r.max}`);
    }
  });
});

describe('000 Haikou', () => {
  test('接通率: target 95% resolved from the context "热线接通率目标值为95%" → 5.47', () => {
    const rule = as(parseSeed(H['12345热线接通率']), 'proportional');
    expect(rule.targetRef).toBe('热线接通率目标值');
    expect(s(rule.target?.value)).toBe('0.95');
    expect(s(rule.points)).toBe('7');
    const r = scoreSeed(H['12345热线接通率'], actual('74.26%', '接通率'));
    expect(scoreOf(r)).toBe('5.47');
    expect(traceOf(r)).toBe('接通率74.26%，低于目标值95%，得分=74.26%÷95%×7=5.47分');
    expect(explainRule(rule, dec(7))).toBe('按比例：得分=热线实际接通率÷95%×7，最高7分');
  });

  test('接通率 without the context has no target and is not scored', () => {
    const rule = as(parseSeed({ ...H['12345热线接通率'], context: undefined }), 'proportional');
    expect(rule.target).toBeNull();
    const r = scoreSeed({ ...H['12345热线接通率'], context: undefined }, actual('74.26%'));
    expect(r.ok).toBe(false);
  });

  test('预算执行率 4119.2/4145 ×4 → 3.98', () => {
    const rule = as(parseSeed(H.预算执行率), 'proportional');
    expect(rule.ratioOf).toEqual({ numerator: '实际支出资金', denominator: '实际到位资金' });
    expect(scoreOf(scoreSeed(H.预算执行率, ratio('4119.2', '4145')))).toBe('3.98');
    expect(scoreOf(scoreSeed(H.预算执行率, actual('99.38%')))).toBe('3.98');
  });

  test('资金到位率: text ×1 against max 2 → statedFull 1, scored against the max → 2', () => {
    const rule = as(parseSeed(H.资金到位率), 'proportional');
    expect(s(rule.statedFull)).toBe('1');
    const r = scoreSeed(H.资金到位率, actual('100%', '资金到位率'));
    expect(scoreOf(r)).toBe('2');
    expect(traceOf(r)).toContain('评分标准写明满分1分，按指标分值2分计算');
  });

  test('月热线办件数 33.52万件 against ≥19000件, step 500件 → 8', () => {
    const rule = as(parseSeed(H.月热线办件数), 'step');
    expect(rule).toMatchObject({ direction: 'below', stepMode: 'absolute', stepText: '500件', rounding: 'up', roundingStated: false });
    expect(s(rule.threshold.value)).toBe('19000');
    expect(s(rule.step)).toBe('500');
    expect(s(rule.statedFull)).toBe('8');
    expect(scoreOf(scoreSeed(H.月热线办件数, actual('33.52万件')))).toBe('8');
    // 18,200件: 800 short, 2 steps of 500 (partial rounded up).
    expect(scoreOf(scoreSeed(H.月热线办件数, actual('18200件')))).toBe('6');
  });

  test('外包费用 3,998.90万元 against 4,060.00万元 (despite the "4,060.00元以下" typo), step 100万元 → 7', () => {
    const rule = as(parseSeed(H['12345热线外包费用']), 'step');
    expect(rule.direction).toBe('above');
    expect(s(rule.threshold.value)).toBe('40600000');
    expect(rule.threshold.scale).toBe(1e4);
    expect(s(rule.step)).toBe('1000000');
    expect(rule.stepText).toBe('100万元');
    expect(rule.notes?.[0]).toContain('4,060.00元');
    expect(scoreOf(scoreSeed(H['12345热线外包费用'], actual('3,998.90万元')))).toBe('7');
    // In 元 too.
    expect(scoreOf(scoreSeed(H['12345热线外包费用'], actual('39,989,000元')))).toBe('7');
    const over = scoreSeed(H['12345热线外包费用'], actual('4,200万元', '外包费用'));
    expect(scoreOf(over)).toBe('5');
    expect(traceOf(over)).toBe('外包费用4200万元，超过4060万元共140万元，每超100万元扣1分，不足100万元按100万元计，扣2分，得分=7-2=5分');
  });

  test('一次性解决率 78.99% ≥50%, "每减少一个百分点" → 8', () => {
    const rule = as(parseSeed(H['12345热线办件一次性解决率']), 'step');
    expect(s(rule.threshold.value)).toBe('0.5');
    expect(s(rule.step)).toBe('0.01');
    expect(rule.stepText).toBe('1个百分点');
    expect(scoreOf(scoreSeed(H['12345热线办件一次性解决率'], actual('78.99%')))).toBe('8');
    expect(scoreOf(scoreSeed(H['12345热线办件一次性解决率'], actual('45.5%')))).toBe('3');
  });

  test('社会大众满意率 bands on 分: 99.69分 → 5', () => {
    const rule = as(parseSeed(H.社会大众满意率), 'bands');
    expect(rule.bands.map((b) => s(b.points))).toEqual(['5', '4', '3', '2', '1', '0']);
    expect(rule.bands[1]).toMatchObject({ loInclusive: true, hiInclusive: false });
    expect(s(rule.bands[4].hi?.value)).toBe('70');
    expect(rule.bands[4].hi?.unit).toBe('score');
    expect(scoreOf(scoreSeed(H.社会大众满意率, actual('99.69分')))).toBe('5');
    expect(scoreOf(scoreSeed(H.社会大众满意率, actual('95分')))).toBe('5');
    expect(scoreOf(scoreSeed(H.社会大众满意率, actual('94.99分')))).toBe('4');
    expect(scoreOf(scoreSeed(H.社会大众满意率, actual('90分')))).toBe('4');
    expect(scoreOf(scoreSeed(H.社会大众满意率, actual('60分')))).toBe('1');
    expect(scoreOf(scoreSeed(H.社会大众满意率, actual('59.9分')))).toBe('0');
    // A percentage against point bands.
    expect(scoreOf(scoreSeed(H.社会大众满意率, actual('99.69%')))).toBe('5');
  });

  test('立项依据充分性: checklist of four 0.5-point items, left to the evaluator', () => {
    const rule = as(parseSeed(H.立项依据充分性), 'checklist');
    expect(rule.items.map((i) => s(i.points))).toEqual(['0.5', '0.5', '0.5', '0.5']);
    expect(rule.items[0].label).toBe('项目立项符合国家法律法规、国民经济发展规划和相关政策');
    expect(s(rule.statedFull)).toBe('2');
    const r = scoreSeed(H.立项依据充分性, actual('2'));
    expect(r.ok).toBe(false);
  });

  test('checklists with a per-defect deduction keep it', () => {
    expect(s(as(parseSeed(H.项目管理制度健全性), 'checklist').perDefect)).toBe('0.2');
    const money = as(parseSeed(H.资金使用合规性), 'checklist');
    expect(money.items.map((i) => s(i.points))).toEqual(['1', '1', '2']);
    expect(s(money.perDefect)).toBe('0.5');
  });

  test('unnumbered checklists split on "得N分"', () => {
    const biz = as(parseSeed(H.业务管理规范性), 'checklist');
    expect(biz.items.map((i) => i.label)).toEqual([
      '严格落实相关标准和要求',
      '项目立项和拨款、验收的程序及手续符合相关管理制度',
      '项目任务书签订及执行规范',
      '项目考核任务与项目实际需求是否吻合，不存在重复或浪费现象',
    ]);
    const desk = as(parseSeed(H.营商环境专席设置), 'checklist');
    expect(desk.items.map((i) => s(i.points))).toEqual(['3', '1', '1']);
  });

  test('项目与资金支持领域的匹配性: full 4, 0.2 per 处', () => {
    const rule = as(parseSeed(H.项目与资金支持领域的匹配性), 'perOccurrence');
    expect(rule.items).toHaveLength(1);
    expect(rule.items[0]).toMatchObject({ label: '不符合要求', unitWord: '处' });
    expect(s(rule.items[0].deduction)).toBe('0.2');
    expect(s(rule.statedFull)).toBe('4');
    expect(scoreOf(scoreSeed(H.项目与资金支持领域的匹配性, actual('3处')))).toBe('3.4');
  });

  test('热线服务获奖情况: additive 4/3/3 per item, capped at the max', () => {
    const rule = as(parseSeed(H.热线服务获奖情况), 'additive');
    expect(rule.items.map((i) => [i.label, s(i.pointsEach), i.unitWord])).toEqual([
      ['全国性奖项', '4', '项'],
      ['省级奖项', '3', '项'],
      ['市级奖项', '3', '项'],
    ]);
    const r = scoreSeed(
      H.热线服务获奖情况,
      counts([
        ['全国性奖项', 2],
        ['省级奖项', 2],
        ['市级奖项', 5],
      ]),
    );
    expect(scoreOf(r)).toBe('10');
    expect(traceOf(r)).toBe('全国性奖项2项×4分+省级奖项2项×3分+市级奖项5项×3分=29分，超过10分按10分计');
    expect(
      scoreOf(
        scoreSeed(
          H.热线服务获奖情况,
          counts([
            ['省级', 1],
            ['市级', 1],
          ]),
        ),
      ),
    ).toBe('6');
  });
});

describe('001 Lvliang', () => {
  test('资金到位率 "该指标得分=2×资金到位率": 100% → 2', () => {
    const rule = as(parseSeed(L.资金到位率), 'proportional');
    expect(s(rule.points)).toBe('2');
    expect(s(rule.target?.value)).toBe('1');
    expect(scoreOf(scoreSeed(L.资金到位率, actual('100%')))).toBe('2');
  });

  test('预算执行率 bands: 1179.5105/1241.59 is exactly 95% → 3', () => {
    const rule = as(parseSeed(L.预算执行率), 'bands');
    expect(rule.bands.map((b) => s(b.points))).toEqual(['3', '2', '1', '0']);
    expect(rule.bands[0]).toMatchObject({ loInclusive: true, hi: null });
    // "90-95%（含）": the marked upper edge is inclusive, the lower one not.
    expect(rule.bands[1]).toMatchObject({ loInclusive: false, hiInclusive: true });
    expect(scoreOf(scoreSeed(L.预算执行率, ratio('1179.5105', '1241.59')))).toBe('3');
    expect(scoreOf(scoreSeed(L.预算执行率, ratio('1179.51', '1241.59')))).toBe('2');
    expect(scoreOf(scoreSeed(L.预算执行率, actual('90%')))).toBe('1');
    expect(scoreOf(scoreSeed(L.预算执行率, actual('84.99%')))).toBe('0');
  });

  test('热线整合完成率 220% ×2 capped → 2', () => {
    const rule = as(parseSeed(L.热线整合完成率), 'proportional');
    expect(rule.capStated).toBe(true);
    const r = scoreSeed(L.热线整合完成率, actual('220%', '热线整合完成率'));
    expect(scoreOf(r)).toBe('2');
    expect(traceOf(r)).toBe('热线整合完成率220%，得分=220%×2=4.4分，超过2分按2分计');
  });

  test('24小时可用率 100% against "为100%" → 2', () => {
    const rule = as(parseSeed(L['24小时可用率']), 'step');
    expect(rule.subject).toBe('24小时可用率');
    expect(s(rule.threshold.value)).toBe('1');
    expect(scoreOf(scoreSeed(L['24小时可用率'], actual('100%')))).toBe('2');
    expect(scoreOf(scoreSeed(L['24小时可用率'], actual('99.5%')))).toBe('1');
  });

  test('话务量: monthly mean 28676 against 3万通, step 5% relative → 2', () => {
    const rule = as(parseSeed(L.话务量), 'step');
    expect(rule).toMatchObject({ stepMode: 'relative', stepText: '5%', rounding: 'up', roundingStated: true, subject: '月均话务量' });
    expect(s(rule.threshold.value)).toBe('30000');
    const r = scoreSeed(L.话务量, actual('28676通', '月均话务量'));
    expect(scoreOf(r)).toBe('2');
    expect(traceOf(r)).toBe('月均话务量28676通，为3万通的95.59%，低于4.41%，每低5%扣1分（不足5%按5%计），扣1分，得分=3-1=2分');
    const mean = { kind: 'quantity' as const, q: { value: dec(344111).div(12), unit: 'count' as const, unitText: '通', scale: 1, text: '' } };
    expect(scoreOf(scoreSeed(L.话务量, mean))).toBe('2');
  });

  test('话务接通率 94.36% against 95%, rounding up by default → 4', () => {
    const rule = as(parseSeed(L.话务接通率), 'step');
    expect(rule).toMatchObject({ rounding: 'up', roundingStated: false, stepText: '1个百分点' });
    const r = scoreSeed(L.话务接通率, actual('94.36%', '平均话务接通率'));
    expect(scoreOf(r)).toBe('4');
    expect(traceOf(r)).toBe('平均话务接通率94.36%，低于95%共0.64个百分点，不足1个百分点按1个百分点计，扣1分，得分=5-1=4分');
    // The pooled rate 324720/344111 is 0.6351 points short; the trace prints it as the report does.
    const pooled = scoreSeed(L.话务接通率, ratio('324720', '344111', '话务接通率'));
    expect(scoreOf(pooled)).toBe('4');
    expect(traceOf(pooled)).toBe('话务接通率94.36%，低于95%共0.64个百分点，不足1个百分点按1个百分点计，扣1分，得分=5-1=4分');
    expect(explainRule(rule, dec(5))).toBe(
      '平均接通率不足95%时每低1个百分点扣1分（不足1个百分点按1个百分点计，评分标准未写明，按惯例），扣完为止；' +
        '例外条款“因整合新热线话务量增幅超过50%导致的接通率低的可允许调整，7天内不扣分”未计入，如有此情形请调整',
    );
  });

  test('话务员配备达标率 100% ×2 → 2', () => {
    expect(scoreOf(scoreSeed(L.话务员配备达标率, actual('100%')))).toBe('2');
  });

  test('话务监听合格率 97.80% bands → 2', () => {
    const rule = as(parseSeed(L.话务监听合格率), 'bands');
    expect(rule.bands[1]).toMatchObject({ loInclusive: true, hiInclusive: false });
    expect(scoreOf(scoreSeed(L.话务监听合格率, actual('97.80%')))).toBe('2');
    expect(scoreOf(scoreSeed(L.话务监听合格率, actual('95%')))).toBe('2');
    expect(scoreOf(scoreSeed(L.话务监听合格率, actual('94.99%')))).toBe('1');
    expect(scoreOf(scoreSeed(L.话务监听合格率, actual('90%')))).toBe('1');
    expect(scoreOf(scoreSeed(L.话务监听合格率, actual('89.99%')))).toBe('0');
  });

  test('知识库 monthly, 10 months under 100条 at 0.2 each → 0', () => {
    const rule = as(parseSeed(L.知识库更新及时性), 'perMonth');
    expect(rule).toMatchObject({ failWhen: 'below', failsAtThreshold: false, subject: '知识库' });
    expect(s(rule.threshold.value)).toBe('100');
    expect(s(rule.deduction)).toBe('0.2');
    const r = scoreSeed(L.知识库更新及时性, monthly(['79', '88', '230', '88', '32', '11', '318', '90', '4', '9', '2', '5'], '知识库月更新量'));
    expect(scoreOf(r)).toBe('0');
    expect(traceOf(r)).toBe(
      '知识库月更新量低于100条的月份10个（2020年7月、2020年8月、2020年10月、2020年11月、2020年12月、2021年2月、2021年3月、2021年4月、2021年5月、2021年6月），每月扣0.2分，共扣2分，得分=2-2=0分',
    );
  });

  test('热线10秒接通率 90.49% ≥80% → 2; 超5分钟通话率 24.72% <36% → 2', () => {
    expect(scoreOf(scoreSeed(L.热线10秒接通率, actual('90.49%')))).toBe('2');
    const over = as(parseSeed(L.超5分钟通话率), 'step');
    expect(over.direction).toBe('above');
    expect(s(over.threshold.value)).toBe('0.36');
    expect(s(over.deduction)).toBe('0.5');
    expect(scoreOf(scoreSeed(L.超5分钟通话率, actual('24.72%')))).toBe('2');
    expect(scoreOf(scoreSeed(L.超5分钟通话率, actual('37.5%')))).toBe('1');
  });

  test('工单按时办结率 77.74% → 2', () => {
    const r = scoreSeed(L.工单按时办结率, actual('77.74%', '工单按时办结率'));
    expect(scoreOf(r)).toBe('2');
    expect(traceOf(r)).toBe('工单按时办结率77.74%，在75%（含）~80%区间，得2分');
    expect(scoreOf(scoreSeed(L.工单按时办结率, actual('90%')))).toBe('5');
    expect(scoreOf(scoreSeed(L.工单按时办结率, actual('85%')))).toBe('4');
    expect(scoreOf(scoreSeed(L.工单按时办结率, actual('70%')))).toBe('1');
    expect(scoreOf(scoreSeed(L.工单按时办结率, actual('69.99%')))).toBe('0');
  });

  test('回访率 25.45% against 100%, 0.5 per point → 0', () => {
    const r = scoreSeed(L.回访率, actual('25.45%', '回访率'));
    expect(scoreOf(r)).toBe('0');
    expect(traceOf(r)).toContain('扣75×0.5=37.5分，扣完为止，得0分');
  });

  test('话务员接话服务满意率: 6 months under 95% at 0.2 → 0.8', () => {
    const rule = as(parseSeed(L.话务员接话服务满意率), 'perMonth');
    expect(rule.subject).toBe('话务员接话服务满意度');
    // "高于95%得满分": a month at exactly 95% fails too.
    expect(rule.failsAtThreshold).toBe(true);
    const months = ['92.52%', '90.91%', '93.03%', '93.57%', '92.15%', '95.02%', '95.37%', '95.55%', '94.82%', '96.44%', '95.41%', '95.20%'];
    const r = scoreSeed(L.话务员接话服务满意率, monthly(months));
    expect(scoreOf(r)).toBe('0.8');
    expect(traceOf(r)).toContain('共扣1.2分，得分=2-1.2=0.8分');
  });

  test('回访满意率: 1 month under 80% → 1.8', () => {
    const rule = as(parseSeed(L.回访满意率), 'perMonth');
    expect(rule.failsAtThreshold).toBe(false);
    const months = ['98.53%', '95.64%', '92.19%', '88.51%', '88.41%', '89.97%', '88.26%', '85.38%', '83.52%', '78.26%', '81.36%', '89.01%'];
    const r = scoreSeed(L.回访满意率, monthly(months, '回访满意率'));
    expect(scoreOf(r)).toBe('1.8');
    expect(traceOf(r)).toBe('回访满意率低于80%的月份1个（2021年4月），每月扣0.2分，共扣0.2分，得分=2-0.2=1.8分');
  });

  test('市民满意度: the explicit deduction rule wins over "×相应分值"; 94.41分 → 2', () => {
    const rule = as(parseSeed(L.市民满意度), 'step');
    expect(rule).toMatchObject({ rounding: 'up', roundingStated: true });
    expect(s(rule.threshold.value)).toBe('0.9');
    expect(s(rule.deduction)).toBe('0.1');
    expect(scoreOf(scoreSeed(L.市民满意度, actual('94.41分')))).toBe('2');
    expect(scoreOf(scoreSeed(L.市民满意度, actual('85.5分')))).toBe('1.5');
  });

  test('热线建设验收合格率: categorical; "一次验收通过" → 2', () => {
    const rule = as(parseSeed(L.热线建设验收合格率), 'categorical');
    expect(rule.options.map((o) => [o.label, s(o.fraction)])).toEqual([
      ['项目一次验收通过或一次整改后通过', '1'],
      ['项目二次整改后通过', '0.5'],
      ['项目未通过验收', '0'],
    ]);
    expect(scoreOf(scoreSeed(L.热线建设验收合格率, text('一次验收通过')))).toBe('2');
    expect(scoreOf(scoreSeed(L.热线建设验收合格率, text('经二次整改后通过')))).toBe('1');
    expect(scoreOf(scoreSeed(L.热线建设验收合格率, text('项目未通过验收')))).toBe('0');
    expect(scoreOf(scoreSeed(L.热线建设验收合格率, text('验收未通过')))).toBe('0');
    expect(scoreSeed(L.热线建设验收合格率, text('正在验收')).ok).toBe(false);
  });

  test('热线平台建设及时性: 0个月 delay → 3; 2 months → 1', () => {
    const rule = as(parseSeed(L.热线平台建设及时性), 'step');
    expect(rule).toMatchObject({ direction: 'above', stepText: '1个月' });
    expect(s(rule.threshold.value)).toBe('0');
    expect(scoreOf(scoreSeed(L.热线平台建设及时性, actual('0个月')))).toBe('3');
    expect(scoreOf(scoreSeed(L.热线平台建设及时性, actual('2个月')))).toBe('1');
    expect(scoreOf(scoreSeed(L.热线平台建设及时性, actual('1.5个月')))).toBe('1');
  });

  test('推进政府治理能力现代化: 0 occurrences → 4', () => {
    const rule = as(parseSeed(L.推进政府治理能力现代化), 'perOccurrence');
    expect(rule.items).toHaveLength(1);
    expect(s(rule.items[0].deduction)).toBe('1');
    expect(scoreOf(scoreSeed(L.推进政府治理能力现代化, actual('0次')))).toBe('4');
    expect(scoreOf(scoreSeed(L.推进政府治理能力现代化, actual('5次')))).toBe('0');
  });

  test('投诉举报: two kinds with different deductions; 0 → 2', () => {
    const rule = as(parseSeed(L.投诉举报), 'perOccurrence');
    expect(rule.items.map((i) => [i.label, s(i.deduction), i.unitWord])).toEqual([
      ['热线坐席服务态度导致群众投诉', '0.1', '起'],
      ['投诉事项来自省级渠道', '2', '起'],
    ]);
    expect(scoreOf(scoreSeed(L.投诉举报, actual('0')))).toBe('2');
    expect(scoreOf(scoreSeed(L.投诉举报, text('未发现')))).toBe('2');
    expect(
      scoreOf(
        scoreSeed(
          L.投诉举报,
          counts([
            ['服务态度投诉', 3],
            ['省级渠道', 0],
          ]),
        ),
      ),
    ).toBe('1.7');
    expect(
      scoreOf(
        scoreSeed(
          L.投诉举报,
          counts([
            ['服务态度', 1],
            ['省级渠道', 1],
          ]),
        ),
      ),
    ).toBe('0');
    // One number cannot say which kind it counts.
    expect(scoreSeed(L.投诉举报, actual('2')).ok).toBe(false);
  });

  test('制度执行有效性: 1 point off per failing 要点, zeroed by a major violation', () => {
    const rule = as(parseSeed(L.制度执行有效性), 'perOccurrence');
    expect(rule.zeroIf).toBe('存在重大违法违规事件');
    expect(s(rule.statedFull)).toBe('5');
    expect(scoreOf(scoreSeed(L.制度执行有效性, actual('1')))).toBe('4');
  });

  test('热线建设完成情况 "按照完成部分资金百分比计算指标得分" → proportional on the max', () => {
    const rule = as(parseSeed(L.热线建设完成情况), 'proportional');
    expect(rule.points).toBeNull();
    expect(scoreOf(scoreSeed(L.热线建设完成情况, actual('100%')))).toBe('3');
  });

  test('checklists skip the "否则不得分" halves', () => {
    const rule = as(parseSeed(L.立项程序规范性), 'checklist');
    expect(rule.items.map((i) => s(i.points))).toEqual(['2', '2', '1']);
    expect(rule.items[2].label).toBe('事前是否经过必要的会议讨论、专家论证、风险评估、集体决策');
    expect(as(parseSeed(L.立项依据充分性), 'checklist').items[3].label).toBe('项目是否属于公共财政支持范围，是否符合地方财政事权和支出责任划分原则');
  });
});

describe('003 Qixia', () => {
  test('资金到位率 20% ×4 → 0.8', () => {
    expect(scoreOf(scoreSeed(Q.资金到位率, actual('20%')))).toBe('0.8');
  });

  test('预算执行率: max 6, text "×4分" → statedFull 4, 100% scored on the max → 6', () => {
    const rule = as(parseSeed(Q.预算执行率), 'proportional');
    expect(s(rule.statedFull)).toBe('4');
    expect(scoreOf(scoreSeed(Q.预算执行率, actual('100%')))).toBe('6');
    expect(explainRule(rule, dec(6))).toBe('按比例：得分=预算执行率×6，最高6分（评分标准写明满分4分，按指标分值6分计算）');
  });

  test('服务时间: 0次无人在岗 → 10', () => {
    const rule = as(parseSeed(Q.服务时间), 'perOccurrence');
    expect(rule.items[0]).toMatchObject({ label: '无人在岗', unitWord: '次' });
    expect(scoreOf(scoreSeed(Q.服务时间, actual('0次')))).toBe('10');
    expect(scoreOf(scoreSeed(Q.服务时间, actual('3次')))).toBe('7');
  });

  test('工单及时转办率 / 按时回复率: 0 occurrences → 10', () => {
    expect(scoreOf(scoreSeed(Q.工单及时转办率, actual('0')))).toBe('10');
    expect(scoreOf(scoreSeed(Q.工单按时回复率, text('无')))).toBe('10');
  });

  test('公众知晓率 /96%×10: 85% → 8.85, 86.5% → 9.01', () => {
    const rule = as(parseSeed(Q.公众知晓率), 'proportional');
    expect(s(rule.target?.value)).toBe('0.96');
    expect(rule.capStated).toBe(true);
    const r = scoreSeed(Q.公众知晓率, actual('85%', '公众知晓率'));
    expect(scoreOf(r)).toBe('8.85');
    expect(traceOf(r)).toBe('公众知晓率85%，得分=85%÷96%×10=8.85分');
    expect(scoreOf(scoreSeed(Q.公众知晓率, actual('86.5%')))).toBe('9.01');
  });

  test('公众认可率 87%/95%×10 → 9.16', () => {
    expect(scoreOf(scoreSeed(Q.公众认可率, actual('87%')))).toBe('9.16');
  });

  test('服务对象满意度 95.53%/92%×10 capped → 10', () => {
    const r = scoreSeed(Q.服务对象满意度, actual('95.53%', '服务对象满意度'));
    expect(scoreOf(r)).toBe('10');
    expect(traceOf(r)).toBe('服务对象满意度95.53%，得分=95.53%÷92%×10=10.38分，超过10分按10分计');
  });

  test('the published 效益 total adds the rounded leaves: 8.85 + 9.16 + 10 = 28.01', () => {
    const leaves = [scoreSeed(Q.公众知晓率, actual('85%')), scoreSeed(Q.公众认可率, actual('87%')), scoreSeed(Q.服务对象满意度, actual('95.53%'))];
    const total = leaves.reduce((a, r) => a.plus(r.ok ? r.score : 0), dec(0));
    expect(total.toString()).toBe('28.01');
  });

  test('numbered "(N分)" checklists', () => {
    const rule = as(parseSeed(Q.绩效目标合理性), 'checklist');
    expect(rule.items.map((i) => [i.label, s(i.points)])).toEqual([
      ['项目是否设有绩效目标', '1'],
      ['绩效目标与实际工作内容具有相关性', '1.5'],
      ['绩效目标是否充分，覆盖主要职责', '1.5'],
    ]);
    expect(as(parseSeed(Q.制度执行有效性), 'checklist').items).toHaveLength(1);
  });
});
