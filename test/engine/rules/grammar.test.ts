/**
 * The clause readings added for real tables outside the seeds, each with the
 * edges that decide them (a flipped comparator or inclusive edge fails here).
 * Expected scores are worked out by hand from the text.
 */
import { dec } from '../../../src/engine/decimal';
import { explainRule, parseRule } from '../../../src/engine/rules';
import { scoreTyped } from '../../../src/engine/scoring/typed';

function score(text: string, max: string, actual: string, extra: { name?: string; target?: string } = {}): string {
  const r = scoreTyped({ name: extra.name ?? '指标', max: dec(max), ruleText: text, actual, target: extra.target });
  return r.ok ? r.score.toString() : `pending: ${r.reason}`;
}

describe('outcome words', () => {
  test('计N分 is an outcome, never a threshold: a full-mark line then a per-point deduction above 0', () => {
    const t = '变动率≤0，计4分；>0，每超过1个百分点扣0.4分';
    expect(score(t, '4', '0%')).toBe('4');
    expect(score(t, '4', '-1%')).toBe('4');
    expect(score(t, '4', '1%')).toBe('3.6');
    expect(score(t, '4', '5%')).toBe('2');
  });

  test('prose bands with 计N分 and 不计分', () => {
    const t = '≥95%，计5分；85%（含）-95%，计4分；75%（含）-85%，计3分；60%（含）-75%，计2分；低于60%不计分';
    expect(score(t, '5', '95%')).toBe('5');
    expect(score(t, '5', '94.99%')).toBe('4');
    expect(score(t, '5', '85%')).toBe('4');
    expect(score(t, '5', '84.99%')).toBe('3');
    expect(score(t, '5', '60%')).toBe('2');
    expect(score(t, '5', '59.99%')).toBe('0');
  });
});

describe('options with a bare 0分', () => {
  // prj-xxh-02, prj-xxh-04 (corpus/project.json): the zero option was lost, so 未经验收 named no option.
  test('"未经验收:0分)" and "无档案的0分)" are options', () => {
    const t = '验收机构客观独立、公正、验收方式合理(全部验收:4分,部分组织验收:2分,未经验收:0分)。';
    expect(score(t, '4', '全部验收')).toBe('4');
    expect(score(t, '4', '部分组织验收')).toBe('2');
    expect(score(t, '4', '未经验收')).toBe('0');
    const g = '项目相关管理制度是否健全落实、项目档案资料是否完整(制度健全、档案完整的得2分,基本健全、完整的得1分,未建立、无档案的0分)。';
    expect(score(g, '2', '未建立、无档案')).toBe('0');
  });
});

describe('tiers by how many are missing', () => {
  // xxcw-01 (corpus/project.json).
  const t =
    '学校财务制度、学生食堂财务管理制度、贫困生资助工作管理制度、专项资金管理制度、校舍维修工作管理制度等制度制订并上墙率达100%计15分,缺一项得7分,缺两项得4分,缺三项不得分';
  test('each count its points, the last tier of nothing goes on upward, 齐全 is none missing', () => {
    expect(score(t, '15', '齐全')).toBe('15');
    expect(score(t, '15', '缺0项')).toBe('15');
    expect(score(t, '15', '缺1项')).toBe('7');
    expect(score(t, '15', '缺两项')).toBe('4');
    expect(score(t, '15', '缺3项')).toBe('0');
    expect(score(t, '15', '缺5项')).toBe('0');
  });
  test('a last tier with points does not go on: past it is pending', () => {
    const open = '制度齐全计10分,缺一项得6分,缺两项得3分';
    expect(score(open, '10', '缺2项')).toBe('3');
    expect(score(open, '10', '缺3项')).toMatch(/^pending/);
  });
  test('a full mark other than the max, or points that rise, is no tier list', () => {
    expect(parseRule(t, { max: dec(20) }).kind).not.toBe('bands');
    expect(parseRule('制度齐全计10分,缺一项得3分,缺两项得6分', { max: dec(10) }).kind).not.toBe('bands');
  });
});

describe('lower-is-better bands', () => {
  const t = '预算调整率=0，计3分；0-10%（含），计2分；10-20%（含），计1分；20-30%（含），计0.5分；大于30%不得分。';
  test.each([
    ['0%', '3'],
    ['0.01%', '2'],
    ['10%', '2'],
    ['10.01%', '1'],
    ['30%', '0.5'],
    ['30.01%', '0'],
  ])('%s → %s', (a, want) => expect(score(t, '3', a)).toBe(want));

  test('a band whose condition was not read is never a catch-all', () => {
    const r = parseRule('调整率约为零，计3分；0-10%（含），计2分；大于10%不得分', { max: dec(3) });
    expect(r.kind).toBe('judgement');
  });
});

describe('per-unit deductions', () => {
  test('deviation from the plan either way, deductions capped by 扣满N分为止', () => {
    const t = '实际完成情况与计划每相差3%，扣1分，扣满15分为止。';
    expect(score(t, '15', '100%')).toBe('15');
    expect(score(t, '15', '94%')).toBe('13');
    expect(score(t, '15', '106%')).toBe('13');
    expect(explainRule(parseRule(t, { max: dec(15) }), dec(15))).toContain('每相差3个百分点扣1分');
  });

  test('扣满N分 below the max leaves the rest', () => {
    const t = '完成率不低于95%，每低1个百分点扣1分，扣满3分为止';
    expect(score(t, '5', '93%')).toBe('3');
    expect(score(t, '5', '80%')).toBe('2');
  });

  test('only lateness costs when the plan says so', () => {
    const t = '在计划时间内完成的，得满分；超过计划时间的，实际完成情况与计划每相差4%，扣1分，扣满10分为止。';
    const inputs = (plan: string, actual: string) =>
      scoreTyped({ name: '项目完成进度', max: dec(10), ruleText: t, inputs: { 计划完成时间: plan, 实际完成时间: actual } });
    const early = inputs('50天', '45天');
    const late = inputs('100天', '112天');
    expect(early.ok && early.score.toString()).toBe('10');
    expect(late.ok && late.score.toString()).toBe('7');
  });

  test('delays: per day, and nothing past the stated line', () => {
    const t = '每迟报一天扣1分；迟报四天及以上不得分。';
    expect(score(t, '5', '按时报送')).toBe('5');
    expect(score(t, '5', '迟报3天')).toBe('2');
    expect(score(t, '5', '迟报4天')).toBe('0');
    expect(score('每拖延一天扣0.5分', '15', '拖延一周')).toBe('11.5');
    expect(score('每拖延一天扣0.5分', '15', '提前2天')).toBe('15');
  });

  test('a minimum stated in the indicator name', () => {
    const name = '每年至少召开4次会议，专门研究信访工作';
    expect(score('每少1次会议扣1分。', '4', '召开3次', { name })).toBe('3');
    expect(score('每少1次会议扣1分。', '4', '4次', { name })).toBe('4');
    expect(score('每少1次会议扣1分。', '4', '一次也未召开', { name })).toBe('0');
  });
});

describe('tiers of deductions', () => {
  const t = '无故迟报1天扣3分，迟报2天扣10分，迟报3天及以上扣20分。';
  test.each([
    ['无', '40'],
    ['迟报1天', '37'],
    ['迟报2天', '30'],
    ['迟报3天', '20'],
    ['迟报9天', '20'],
  ])('%s → %s', (a, want) => expect(score(t, '40', a)).toBe(want));

  test('per-occurrence deductions ("扣15分/次") are no tiers', () => {
    expect(parseRule('重伤1人扣15分/次；重伤2人及以上扣30分/次', { max: dec(60) }).kind).not.toBe('bands');
  });

  test('an occurrence then a zero tier', () => {
    const t2 = '发现1次扣1分；2次及以上不得分';
    expect(score(t2, '3', '0次')).toBe('3');
    expect(score(t2, '3', '1次')).toBe('2');
    expect(score(t2, '3', '2次')).toBe('0');
  });
});

describe('formulas and ratios', () => {
  test('any variable name, points on either side, capped', () => {
    expect(score('得分值=完成率×25', '25', '90%')).toBe('22.5');
    expect(score('得分(20分*执行率)', '20', '87.5%')).toBe('17.5');
    expect(score('得分(20分*执行率)', '20', '105%')).toBe('20');
  });

  test('a cut-off under which proportional scoring gives nothing', () => {
    const t = '达到90%以上按比例得分，低于90%不得分';
    expect(score(t, '10', '90%')).toBe('9');
    expect(score(t, '10', '89.99%')).toBe('0');
  });

  test('按完成比例 against a lower-is-better target', () => {
    const t = '按完成比例计算得分，满分为止。';
    expect(score(t, '20', '20%', { name: '结转结余率', target: '≤20%' })).toBe('20');
    expect(score(t, '20', '25%', { name: '结转结余率', target: '≤20%' })).toBe('16');
    // Without a target a lower-is-better rate has nothing to complete.
    expect(score(t, '20', '9%', { name: '结转结余率' })).toMatch(/^pending/);
  });

  test('a ratio of two named amounts defined in the text', () => {
    const r = scoreTyped({
      name: '资金到位率',
      max: dec(5),
      ruleText: '资金到位率=(实际到位资金/计划资金)×100%，得分=资金到位率×5',
      inputs: { 实际到位资金: '80万元', 计划资金: '100万元' },
    });
    expect(r.ok && r.score.toString()).toBe('4');
  });
});

describe('every clause accounted for', () => {
  test('a clause with a number no reading took makes the rule pending, the clause shown', () => {
    const r = parseRule('平均接通率不低于95%，每低1%扣1分；接通率低于80%的另扣2分', { max: dec(5) });
    expect(r.kind).toBe('judgement');
    expect(r.kind === 'judgement' && r.unread).toEqual(['接通率低于80%的另扣2分']);
  });

  test('an exception in the evaluated party’s favour is stated as an assumption, not dropped silently', () => {
    const r = parseRule('平均接通率不低于95%，每低1%扣1分。因系统故障导致的接通率下降可允许调整，3天内不扣分', { max: dec(5) });
    expect(r.kind).toBe('step');
    expect(explainRule(r, dec(5))).toContain('例外条款');
  });

  test('a condition gating a per-item deduction is a fact of its own, not what is counted (before: the count alone was scored)', () => {
    const gated = '未达标设备比例大于10%时，按未达标台数每台扣2分，扣完为止。';
    expect(score(gated, '10', '2台')).toMatch(/^pending: .*未读懂的条款：“未达标设备比例大于10%时/);
    expect(score('当投诉率超过1%时，每件投诉扣0.5分', '5', '3件')).toMatch(/^pending/);
    // A requirement or a qualifier of the counted items is not a gate: the count is scored.
    expect(score('超过30天未办结的，每件扣1分', '10', '3件')).toBe('7');
    expect(score('按时报送，每月不少于2次，每发现一次未报送扣1分', '10', '3次')).toBe('7');
  });

  test('a categorical option keyed on a number is not matched as words', () => {
    expect(parseRule('排名前3名得满分，4-6名扣1分，后3名不得分', { max: dec(5) }).kind).toBe('judgement');
  });
});

describe('options named in words', () => {
  const t = '海洋经济发展引导资金设立的依据是否充分,充分:3分;一般:1.5分;没有:0分';
  test.each([
    ['充分', '3'],
    ['一般', '1.5'],
    ['没有', '0'],
  ])('%s → %s', (a, want) => expect(score(t, '3', a)).toBe(want));

  test('a qualified answer (基本充分) is not the unqualified option', () => {
    expect(score(t, '3', '基本充分')).toMatch(/^pending/);
  });
});

describe('ranks', () => {
  test('first place keeps the max, each place down costs the stated points', () => {
    const t = '按排位打分,每位次按0.25分递减';
    expect(score(t, '20', '第1名')).toBe('20');
    expect(score(t, '20', '第2名')).toBe('19.75');
    expect(score(t, '20', '第五名')).toBe('19');
    expect(score(t, '20', '第99名')).toBe('0');
    expect(score(t, '20', '倒数第2名')).toMatch(/^pending/);
  });
});

describe('one condition and an otherwise', () => {
  const t = '有会议记录和领导签批的,记2.5分;否则,不记分。';
  test('the condition met', () => expect(score(t, '2.5', '有会议记录和领导签批')).toBe('2.5'));
  test('an answer saying part is missing is the otherwise', () => expect(score(t, '2.5', '有会议记录,无领导签批')).toBe('0'));
  test('a negatively worded condition is never inverted by guess', () => {
    expect(score('未发现任何违规违纪行为,得10分,否则不得分。', '10', '未发现违规违纪行为')).not.toBe('0');
  });
});

describe('计 and 记 score only as outcomes', () => {
  // as-zb-1 (corpus/assess.json): 登记 in a requirement sentence is no scoring word.
  const t = '2.报名率:本村当年年满18周岁男性公民登记率为100%,该项分值为0.5分每少一人扣0.1分,扣完为止';
  test('a requirement sentence with 登记 is not a scoring clause', () => {
    expect(score(t, '0.5', '少登记2人')).toBe('0.3');
    expect(score(t, '0.5', '少登记5人')).toBe('0');
    expect(score(t, '0.5', '少登记4人')).toBe('0.1');
  });
});

describe('a line of full marks before a formula', () => {
  // prj-slcx-01 (corpus/project.json): at or above 95% the full points, below it the formula.
  const t = '造林成活率达95%,得10分,低于95%,得分=造林成活率×10分。';
  test('95% is full, just below it the formula', () => {
    expect(score(t, '10', '95%')).toBe('10');
    expect(score(t, '10', '96%')).toBe('10');
    expect(score(t, '10', '94.99%')).toBe('9.5');
    expect(score(t, '10', '60%')).toBe('6');
  });
  test('the line unread when the text does not say what happens below it', () => {
    expect(parseRule('造林成活率达95%,得10分,得分=造林成活率×10分', { max: dec(10) }).kind).toBe('judgement');
  });
});

describe('table rows pasted as lines, the points in the next cell', () => {
  test('"条件  分值" lines are bands', () => {
    const t = '设备完好率≥95% 10\n设备完好率≥90% 6\n设备完好率<90% 0';
    expect(score(t, '10', '95%')).toBe('10');
    expect(score(t, '10', '94.9%')).toBe('6');
    expect(score(t, '10', '90%')).toBe('6');
    expect(score(t, '10', '89.9%')).toBe('0');
  });
  test('a reading that leaves a row unread gives way to one that reads them all (a proportion with a cut-off)', () => {
    // gdzc-01 (corpus/dept.json) without its asset-value qualifier.
    const t = '设备完好率100% 10\n设备完好率≥90% 按比例计算得分\n设备完好率<90% 0';
    expect(score(t, '10', '100%')).toBe('10');
    expect(score(t, '10', '95%')).toBe('9.5');
    expect(score(t, '10', '90%')).toBe('9');
    expect(score(t, '10', '89.9%')).toBe('0');
  });
  test('a question with its points is a checklist item, not a band', () => {
    expect(parseRule('是否有固定资产台账? 2\n是否按月归档? 2', { max: dec(4) }).kind).not.toBe('bands');
  });
});

describe('on time, in words, against a rule that deducts for lateness', () => {
  // prj-lyg-02 (corpus/project.json).
  const t =
    '根据项目完成时间进度计分,在计划时间内完成的,得满分,超过计划时间的,除政策性原因或特殊原因外,应根据超计划时间占计划完成时间百分比扣分。实际完成情况与计划每相差4%,扣1分,扣满10分为止。';
  test('"在计划时间内完成" and "按期完成" keep the max', () => {
    expect(score(t, '10', '在计划时间内完成')).toBe('10');
    expect(score(t, '10', '按期完成')).toBe('10');
  });
  test('not against a rule that deducts for falling short', () => {
    expect(score('完成率不低于95%，每低1%扣1分', '5', '按期完成')).toMatch(/^pending/);
  });
});

describe('环节 counts', () => {
  // ksczf-06 (corpus/dept.json).
  const t = '票据使用规范合法,票据申请、保管、使用、缴验等符合规定,得2分,每一环节发现问题扣0.5分。';
  test('每一环节 is a per-unit deduction', () => {
    expect(score(t, '2', '1个环节')).toBe('1.5');
    expect(score(t, '2', '3个环节')).toBe('0.5');
    expect(score(t, '2', '5个环节')).toBe('0');
  });
});

describe('every month stated in one sentence', () => {
  // czs-02 (corpus/dept.json): months at 97% pass, below fail.
  const t = '家電下鄉完成補貼率得3分。每月家電下鄉補貼率在97%以上得3分,有一個月達不到該比率的扣1分。';
  test('no month below the line: the max', () => {
    expect(score(t, '3', '各月均在97%以上')).toBe('3');
    expect(score(t, '3', '最低月份恰为97%')).toBe('3');
  });
  test('another line, or a lowest month below it: pending', () => {
    expect(score(t, '3', '各月均在95%以上')).toMatch(/^pending/);
    expect(score(t, '3', '最低月份恰为96%')).toMatch(/^pending/);
  });
});

describe('half a time unit and on plan, in words', () => {
  // prj-gtzz-02 (corpus/project.json), as-zx-1 (corpus/assess.json).
  const t = '项目实施前,资金一次性到位的,或根据项目年度投资计划分期到位的,得满分;资金到位滞后年度投资计划,每滞后一年扣2分,扣完为止。';
  test('"按年度投资计划分期到位" keeps the max; "滞后半年" is half a year, a partial year counted whole', () => {
    expect(score(t, '10', '按年度投资计划分期到位')).toBe('10');
    expect(score(t, '10', '滞后半年')).toBe('8');
    expect(score(t, '10', '滞后1年')).toBe('8');
    expect(score(t, '10', '滞后一年半')).toBe('6');
    expect(score(t, '10', '滞后1年半')).toBe('6');
  });
  test('半 only before a time unit', () => {
    expect(score(t, '10', '滞后半数')).toMatch(/^pending/);
  });
});

describe('a deduction per item missing takes only counts of what is missing', () => {
  // as-ta-2 (corpus/assess.json); the done-counts were read as missing ones before.
  const t = '成立机构,明确分工,有专人负责,纳入单位内部年度考核,记1分;少一项,扣0.25分。';
  test('missing counts, none missing', () => {
    expect(score(t, '1', '少1项')).toBe('0.75');
    expect(score(t, '1', '缺两项')).toBe('0.5');
    expect(score(t, '1', '四项均未做到')).toBe('0');
    expect(score(t, '1', '无')).toBe('1');
    expect(score(t, '1', '2')).toBe('0.5');
  });
  test('counts of what was done, and "未签订" without a count, are refused', () => {
    for (const a of ['完成3项', '4项全部落实', '已落实4项', '未签订']) expect(score(t, '1', a)).toMatch(/^pending/);
  });
  test('an event count ("未回复每次扣1分") is no shortfall: its words stand', () => {
    expect(score('超过规定时间处理或处理未回复每次扣1分', '20', '二十二次')).toBe('0');
    expect(score('超过规定时间处理或处理未回复每次扣1分', '20', '5次')).toBe('15');
  });
});

describe('a shortfall typed against a minimum', () => {
  const t = '全年召开会议不少于6次，每少1次扣1分';
  test('"少2次" is 2 short of 6, not 2 held', () => {
    expect(score(t, '5', '少2次')).toBe('3');
    expect(score(t, '5', '召开4次')).toBe('3');
    expect(score(t, '5', '少6次')).toBe('0');
    expect(score(t, '5', '少7次')).toMatch(/^pending/);
  });
  test('a shortfall typed against a rate is refused', () => {
    expect(score('资金到位率≥95%得5分，每低1%扣1分', '5', '少到位2%')).toMatch(/^pending/);
  });
});

describe('an approximate figure is no actual value', () => {
  test('"约3处", "93%左右" are refused; the exact figures read', () => {
    expect(score('每发现一处问题扣0.5分', '3', '约3处')).toMatch(/^pending/);
    expect(score('每发现一处问题扣0.5分', '3', '3处')).toBe('1.5');
    expect(score('资金到位率≥95%得5分，每低1%扣1分', '5', '93%左右')).toMatch(/^pending/);
    expect(score('资金到位率≥95%得5分，每低1%扣1分', '5', '93%')).toBe('3');
  });
});
