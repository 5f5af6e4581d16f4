/**
 * Printed tables as they reach the engine: OCR misreadings repaired only where the context
 * admits one reading, comparison signs written around a name, flattened table rows, a
 * qualifier inside a rate's name. Expected scores are worked out by hand from the text.
 */
import { dec } from '../../../src/engine/decimal';
import { explainRule, parseRule } from '../../../src/engine/rules';
import { normRuleText, ocrRepairNotes } from '../../../src/engine/rules/normalize';
import { populationQualifiers } from '../../../src/engine/rules/subject';
import { scoreTyped } from '../../../src/engine/scoring/typed';

function score(text: string, max: string, actual: string): string {
  const r = scoreTyped({ name: '指标', max: dec(max), ruleText: text, actual });
  return r.ok ? r.score.toString() : `pending: ${r.reason}`;
}

describe('a comparison written around the name ("90%≤资金到位率<100%")', () => {
  const t = '资金到位率≥100%,得10分;90%≤资金到位率<100%,得7分;80%≤资金到位率<90%,得4分;资金到位率<80%,为0分';
  test('the number before the sign is the lower edge, inclusive for ≤', () => {
    expect(score(t, '10', '100%')).toBe('10');
    expect(score(t, '10', '99.9%')).toBe('7');
    expect(score(t, '10', '90%')).toBe('7');
    expect(score(t, '10', '89.9%')).toBe('4');
    expect(score(t, '10', '80%')).toBe('4');
    expect(score(t, '10', '79.9%')).toBe('0');
  });
  test('"<" before the name leaves the lower edge out, "≤" after it keeps the upper one', () => {
    const u = '资金到位率>100%,得10分;90%<资金到位率≤100%,得7分;资金到位率≤90%,得4分';
    expect(score(u, '10', '100%')).toBe('7');
    expect(score(u, '10', '100.1%')).toBe('10');
    expect(score(u, '10', '90%')).toBe('4');
    expect(score(u, '10', '90.1%')).toBe('7');
  });
  test('written from the top ("100%>资金到位率≥90%")', () => {
    const u = '资金到位率≥100%,得10分;100%>资金到位率≥90%,得7分;资金到位率<90%,得0分';
    expect(score(u, '10', '99%')).toBe('7');
    expect(score(u, '10', '90%')).toBe('7');
    expect(score(u, '10', '89%')).toBe('0');
  });
});

describe('comparison signs lost in a printed table', () => {
  // prj-zjsys-01 (corpus/project.json): "W" is a misread ≤, "O分" is 0分, the other signs are gone.
  const t = '资金到位率100%,得10分;90%资金到位率100%,得7分;80%W资金到位率90%,得4分:资金到位率80%,为O分。';
  test('ranges read lower edge in, upper out; the top row is at or above, the bottom row below', () => {
    expect(score(t, '10', '100%')).toBe('10');
    expect(score(t, '10', '101%')).toBe('10');
    expect(score(t, '10', '99.9%')).toBe('7');
    expect(score(t, '10', '90%')).toBe('7');
    expect(score(t, '10', '89.9%')).toBe('4');
    expect(score(t, '10', '80%')).toBe('4');
    expect(score(t, '10', '79.9%')).toBe('0');
  });
  test('the rule says what was repaired', () => {
    const r = parseRule(t, { max: dec(10) });
    expect(r.kind).toBe('bands');
    expect(r.notes?.join('')).toContain('“80%W资金到位率90%”按“80%≤资金到位率<90%”读');
    expect(r.notes?.join('')).toContain('“为O分”按“为0分”读');
    expect(explainRule(r, dec(10))).toContain('识别错误');
  });
  test('a text that reads already is never changed and carries no note', () => {
    const ok = '资金到位率≥100%,得10分;90%≤资金到位率<100%,得7分;资金到位率<90%,得0分';
    expect(ocrRepairNotes(ok)).toEqual([]);
    expect(parseRule(ok, { max: dec(10) }).notes ?? []).toEqual([]);
  });
  test('rows on different rates, or a lone row at no edge of the ranges, stay unread', () => {
    expect(score('资金到位率100%,得10分;90%资金到位率100%,得7分;80%执行率90%,得4分', '10', '95%')).toMatch(/^pending/);
    expect(score('资金到位率100%,得10分;90%资金到位率100%,得7分;资金到位率85%,得0分', '10', '95%')).toMatch(/^pending/);
  });
  test('words that compare between the figures are no lost sign', () => {
    const u = '90%以上至100%，得5分；80%以上至90%，得3分';
    expect(normRuleText(u)).toBe(u);
    expect(ocrRepairNotes(u)).toEqual([]);
    // One row alone is no table.
    expect(ocrRepairNotes('90%资金到位率100%，得7分')).toEqual([]);
  });
  test('a letter O or H elsewhere is left alone', () => {
    expect(normRuleText('通过ISO认证得2分')).toBe('通过ISO认证得2分');
    expect(normRuleText('4月15日前完成得2分')).toBe('4月15日前完成得2分');
    expect(normRuleText('春季集中防疫以每年的4月15 H为截点')).toBe('春季集中防疫以每年的4月15日为截点');
  });
});

describe('依次扣 for 一次扣', () => {
  test('"依次扣1分" after a failing deducts per occurrence', () => {
    const t = '未按规定执行依次扣1分';
    expect(score(t, '5', '0次')).toBe('5');
    expect(score(t, '5', '2次')).toBe('3');
    expect(score(t, '5', '5次')).toBe('0');
    expect(score(t, '5', '7次')).toBe('0');
  });
  test('"依次扣1分、2分、3分" (rising by occurrence) is no flat deduction', () => {
    expect(score('迟报依次扣1分、2分、3分', '6', '2次')).toMatch(/^pending/);
  });
});

describe('a qualifier inside the name of a rate', () => {
  // gdzc-06 (corpus/dept.json).
  const t = '固定资产价值大于2万元设备综合利用率100% 30\n固定资产价值大于2万元设备综合利用率≥70% 按比例计算得分\n固定资产价值大于2万元设备综合利用率<70% 0';
  test('the amount picks the equipment, it is no condition', () => {
    expect(score(t, '30', '100%')).toBe('30');
    expect(score(t, '30', '85%')).toBe('25.5');
    expect(score(t, '30', '70%')).toBe('21');
    expect(score(t, '30', '69.9%')).toBe('0');
  });
  test('an amount that is the condition itself is no qualifier', () => {
    expect(populationQualifiers('资产价值大于2万元的，得5分')).toEqual([]);
    expect(populationQualifiers('设备综合利用率≥70%')).toEqual([]);
    expect(populationQualifiers('价值大于2万元设备综合利用率≥70%').map((x) => x.written.toString())).toEqual(['2']);
  });
});

describe('a remark in a third cell of a pasted row', () => {
  // gdzc-03 (corpus/dept.json): "≥1 20 重大改造、建设项目除外".
  const t =
    '部门年末固定资产保值率指标≥1 20 重大改造、建设项目除外\n考核公式:部门年末固定资产保值率=(单位期末资产÷单位期初资产)×100%\n部门年末固定资产保值率指标<1 0';
  test('the row is read, the remark is a statement of its own', () => {
    expect(score(t, '20', '1.03')).toBe('20');
    expect(score(t, '20', '1')).toBe('20');
    expect(score(t, '20', '100%')).toBe('20');
    expect(score(t, '20', '0.99')).toBe('0');
    expect(score(t, '20', '99%')).toBe('0');
  });
  test('a third cell with scoring words is no remark', () => {
    expect(normRuleText('完好率≥90% 10 不达标扣分\n完好率<90% 0')).not.toContain('得10分');
  });
});

describe('table rows joined by "|", with ranges of points', () => {
  // prj-lssc-01 (corpus/project.json).
  const t = '超额完成计划任务>100% | 5-3 | 完成计划任务100% | 3 | 完成计划任务99%-80% | 2-0 | 完成计划任务80%以下 | 0';
  test('fixed points are scored, a row whose points are a range is left to the evaluator', () => {
    expect(score(t, '5', '100%')).toBe('3');
    expect(score(t, '5', '79.9%')).toBe('0');
    expect(score(t, '5', '75%')).toBe('0');
    expect(score(t, '5', '100.1%')).toMatch(/^pending: .*3-5分/);
    expect(score(t, '5', '90%')).toMatch(/^pending: .*0-2分/);
    // 80% is in both "99%-80%" and "80%以下": the range's call, not 0.
    expect(score(t, '5', '80%')).toMatch(/^pending/);
  });
  test('a row with one figure and no comparison is that figure', () => {
    expect(normRuleText(t)).toContain('完成计划任务=100%，得3分；');
    expect(explainRule(parseRule(t, { max: dec(5) }), dec(5))).toContain('得3-5分');
  });
  test('fixed points throughout, a range written from its top down', () => {
    const u = '完成率100%以上 | 5 | 完成率99%-80% | 3 | 完成率80%以下 | 0';
    expect(score(u, '5', '100%')).toBe('5');
    expect(score(u, '5', '99.5%')).toMatch(/^pending/);
    expect(score(u, '5', '90%')).toBe('3');
    expect(score(u, '5', '80%')).toBe('3');
    expect(score(u, '5', '79%')).toBe('0');
  });
  test('cells that are not condition and points pairs are left as they are', () => {
    expect(normRuleText('区间 | 评分 | 完成率100% | 5')).toContain('|');
    expect(normRuleText('完成率100% | 5 | 完成率80%')).toContain('|');
  });
});

describe('a quoted formula naming its ratio', () => {
  test('quotes and "的比值" go, the quotient stays', () => {
    expect(normRuleText('即“评价指标得分二实际完成量/目标任务的比值*该项指标分值”。')).toBe('即评价指标得分=实际完成量/目标任务*该项指标分值。');
  });
});

describe('a garbled unit of one deduction in a numbered list', () => {
  // ynkj-01 (corpus/dept.json): "扣0.5夫婿" beside three deductions in 分.
  const t = '1、未按期归档每种扣0.5分2、无档案目录登记薄或立卷种类不全每种扣0.5夫婿3、立卷方法不正确每种扣0.5分4、未按种类顺序编号每册扣0.5 分';
  test('is read in 分, each numbered item a statement of its own', () => {
    expect(normRuleText(t)).toBe(
      '1、未按期归档每种扣0.5分；2、无档案目录登记薄或立卷种类不全每种扣0.5分；3、立卷方法不正确每种扣0.5分；4、未按种类顺序编号每册扣0.5分',
    );
    expect(ocrRepairNotes(t).join('')).toContain('“扣0.5夫婿”按“扣0.5分”读');
  });
  test('a unit word, or a list not otherwise in 分, is left alone', () => {
    expect(normRuleText('1、迟报每次扣0.5分2、漏报每次扣1元3、错报每次扣0.5分')).toContain('扣1元');
    expect(normRuleText('1、迟报每次扣0.5夫婿2、漏报每次扣1分')).toContain('夫婿');
  });
});

describe('正向/反向指标 scoring principle of a 自评表', () => {
  // as-zp-1 (corpus/assess.json): "≥X" printed as "2X", "≤X" as "WX", "B/A" as "BA".
  const t = '定量指标计分原则:正向指标(即目标值为2X,得分=权重*BA),反向指标(即目标值为WX,得分=权重*AB),得分不得突破权重总额。';
  const run = (target: string, actual: string, name = '补贴渔船数') => {
    const r = scoreTyped({ name, max: dec(20), ruleText: t, actual, target });
    return r.ok ? r.score.toString() : 'pending';
  };
  test('repaired in context', () => {
    expect(normRuleText(t)).toContain('正向指标(即目标值为≥X，得分=权重*B/A)，反向指标(即目标值为≤X，得分=权重*A/B)');
  });
  test('the rule says which formula it applied and why', () => {
    const read = parseRule(t, { name: '补贴渔船数', max: dec(20), target: { value: dec(6), unit: 'none', unitText: '', scale: 1, text: '6' } });
    expect(read.notes?.join('')).toContain('按正向指标计分：得分=权重×B/A（B为实际完成值，A为目标值）');
    expect(read.notes?.join('')).toContain('目标值6未写明≥或≤');
  });
  test('a plain or "≥" target: weight × actual ÷ target, capped at the weight', () => {
    expect(run('6', '6')).toBe('20');
    expect(run('6', '5艘')).toBe('16.67');
    expect(run('6', '8艘')).toBe('20');
    expect(run('≥6', '3')).toBe('10');
    expect(run('6', '0')).toBe('0');
  });
  test('a "≤" target: weight × target ÷ actual, full at or under it', () => {
    expect(run('≤10', '10')).toBe('20');
    expect(run('≤10', '8')).toBe('20');
    expect(run('≤10', '16')).toBe('12.5');
  });
  test('no target, or formulas that are not each other turned over, stay pending', () => {
    const r = scoreTyped({ name: '补贴渔船数', max: dec(20), ruleText: t, actual: '5' });
    expect(r.ok).toBe(false);
    const odd = '正向指标(即目标值为≥X,得分=权重*B/A),反向指标(即目标值为≤X,得分=权重*B/A)';
    const read = parseRule(odd, { name: '补贴渔船数', max: dec(20), target: { value: dec(6), unit: 'none', unitText: '', scale: 1, text: '6' } });
    expect((read.notes ?? []).join('')).not.toContain('指标计分');
  });
});

describe('points per item times the items, beside the total', () => {
  // prj-dfkh-01 (corpus/project.json).
  const t =
    '簽訂重大動物疫病防控工作責任狀 (8分)(2分×4項,即鄉鎮政府同村委會、鄉鎮多服中心同鄉鎮防疫員、鄉鎮多服中心同村級防疫員、鄉鎮多服中心同畜禽規模飼養場)且落實防控措施和責任的得8分。每少一項扣2分,以檢查檔案資料為準。';
  test('"2分×4项" is four items of two points: the shortfall counts from four', () => {
    expect(normRuleText(t)).toContain('(8分)(共4项，各2分，即');
    expect(score(t, '8', '4项')).toBe('8');
    expect(score(t, '8', '3项')).toBe('6');
    expect(score(t, '8', '1项')).toBe('2');
    expect(score(t, '8', '0项')).toBe('0');
  });
  test('a product that makes no total the text states is left as written', () => {
    expect(normRuleText('(2分×4项)，每少一项扣2分，得10分')).toContain('2分×4项');
    expect(normRuleText('(4项×2分)，得8分')).toContain('共4项，各2分');
  });
});

describe('an "otherwise" band takes only what no other band does', () => {
  const t = '完成率≥90%得10分；完成率<60%不得分；其他得5分';
  test('a value under the lowest line is that band, not "其他", whatever the points', () => {
    expect(score(t, '10', '90%')).toBe('10');
    expect(score(t, '10', '89.9%')).toBe('5');
    expect(score(t, '10', '60%')).toBe('5');
    expect(score(t, '10', '59.9%')).toBe('0');
  });
});

describe('正向/反向指标 as printed without misreadings', () => {
  test('"≥X", "B÷A" and a "≤" target read the same way', () => {
    const t = '正向指标（即目标值为≥X），得分=权重×B÷A；反向指标（即目标值为≤X），得分=权重×A÷B；得分不得突破权重。';
    const run = (target: string, actual: string) => {
      const r = scoreTyped({ name: '办结时长', max: dec(10), ruleText: t, actual, target });
      return r.ok ? r.score.toString() : 'pending';
    };
    expect(run('≥80', '60')).toBe('7.5');
    expect(run('≥80', '80')).toBe('10');
    expect(run('≤20', '25')).toBe('8');
    expect(run('≤20', '20')).toBe('10');
  });
});

describe('a product inside a formula stays a formula', () => {
  test('"得分=2分×4项=8分" is not rewritten', () => {
    expect(normRuleText('得分=2分×4项=8分')).toBe('得分=2分×4项=8分');
    expect(normRuleText('(8分)(2分×4项)')).toBe('(8分)(共4项，各2分)');
  });
});

describe('依次扣 by the unit counted, never past a condition with figures', () => {
  test('"按不合规台数依次扣2分" is 2 per 台', () => {
    expect(normRuleText('资产处置不规范的，按不合规台数依次扣2分')).toBe('资产处置不规范的，按不合规台数每台扣2分');
    expect(score('资产处置不规范的，按不合规台数依次扣2分', '10', '3台')).toBe('4');
    expect(score('资产处置不规范的，按不合规台数依次扣2分', '10', '5台')).toBe('0');
  });
  test('a sentence with a figured condition before 依次 stays as written (pending)', () => {
    const t = '单台利用率小于40%的资产价值占考核资产价值比例大于10%时，按未达标台数依次扣2分';
    expect(normRuleText(t)).toContain('依次扣2分');
    expect(score(t, '10', '3台')).toMatch(/^pending/);
  });
});
