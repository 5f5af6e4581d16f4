/**
 * Readings of a typed statement beyond one fact against one clause (src/engine/scoring/statement.ts):
 * what an affirmative statement rules out, clauses told apart by whom they apply to, clauses of
 * alternatives, listed facts, one of two parties, a target reached, events of a size. Rule texts
 * from published tables (test/engine/rules/corpus/*.json: cwtj-04, ynkj-04, as-ng-1, prj-xxh-04,
 * prj-zjsys-02, prj-ldl-01/02, as-aq-1); every expected score worked out by hand from the text.
 */
import { dec } from '../../../src/engine/decimal';
import { scoreStatement } from '../../../src/engine/scoring/statement';
import { scoreTyped } from '../../../src/engine/scoring/typed';

function typed(text: string, max: string, actual: string): string {
  const r = scoreTyped({ name: '指标', max: dec(max), ruleText: text, actual });
  return r.ok ? r.score.toString() : `pending: ${r.reason}`;
}
const direct = (text: string, max: string, actual: string): string => {
  const r = scoreStatement(text, actual, dec(max));
  return r.ok ? r.score.toString() : `pending: ${r.reason}`;
};

describe('an affirmative statement rules out a plain failure to do what it says was done', () => {
  const CWTJ = '查单位往来款项的变动情况,未进行清理的不得分,清理不及时的扣1分';
  it('done, and in time: neither failure', () => {
    expect(typed(CWTJ, '2', '已及时清理')).toBe('2');
    expect(typed(CWTJ, '2', '按时清理')).toBe('2');
  });
  it('a word of degree says less: pending', () => {
    expect(typed(CWTJ, '2', '已基本及时清理')).toMatch(/^pending/);
  });
  it('done, but nothing of time: 清理不及时 is not answered', () => {
    expect(typed(CWTJ, '2', '已清理')).toMatch(/^pending/);
    expect(typed(CWTJ, '2', '延迟清理')).toMatch(/^pending/);
  });
  it('the failure itself is still asserted', () => {
    expect(typed(CWTJ, '2', '清理不及时')).toBe('1');
    expect(typed(CWTJ, '2', '未进行清理')).toBe('0');
    // Two facts: done (no 未进行清理), not in time (清理不及时).
    expect(direct(CWTJ, '2', '已清理但不及时')).toBe('1');
  });
  it('other wordings of done in time', () => {
    expect(direct(CWTJ, '2', '清理及时')).toBe('2');
    expect(direct(CWTJ, '2', '已全部及时清理')).toBe('2');
  });
});

describe('clauses told apart by whom they apply to', () => {
  const YNKJ = '1、国有大中型企业,股份制企业以及外商投资企业未委托中国注册会主师进行审计的考核不予通过。2、其他单位未委托中国注册会计师进行审计的扣2分';
  it('denying every failure, the one whose outcome is the evaluator’s included: nothing deducted', () => {
    expect(direct(YNKJ, '2', '已委托注册会计师审计')).toBe('2');
  });
  it('a statement of the failure itself, for no one in particular: an outcome not read', () => {
    expect(direct(YNKJ, '2', '未委托注册会计师审计')).toMatch(/^pending/);
  });
  it('the party named picks the clause', () => {
    expect(direct(YNKJ, '2', '其他单位, 未委托')).toBe('0');
    expect(direct(YNKJ, '2', '其他单位，已委托')).toBe('2');
    expect(direct(YNKJ, '2', '国有大中型企业，已委托')).toBe('2');
  });
  it('“考核不予通过” is not a score: pending', () => {
    expect(direct(YNKJ, '2', '国有大中型企业, 未委托')).toMatch(/^pending/);
  });
  it('a party no clause names, or a failure the fact does not speak of: pending', () => {
    expect(direct(YNKJ, '2', '事业单位，未委托')).toMatch(/^pending/);
    expect(direct(`${YNKJ};审计报告未报送的扣1分`, '3', '其他单位，已委托')).toMatch(/^pending/);
  });
});

describe('a clause of alternatives, each of conditions that all must hold', () => {
  const NG = '省统筹政务服务事项、行政许可事项、行政备案事项“应领尽领”的得3分;因主观原因未认领或因客观原因未认领但没有提交不予认领相关说明的扣3分。';
  it('one alternative holds: the deduction', () => {
    expect(typed(NG, '3', '因主观原因未认领2项')).toBe('0');
    expect(direct(NG, '3', '因客观原因未认领，没有提交不予认领相关说明')).toBe('0');
  });
  it('every alternative fails (another case, a condition denied): nothing deducted', () => {
    expect(typed(NG, '3', '因客观原因未认领1项,已提交不予认领说明')).toBe('3');
  });
  it('a fact of the case itself outweighs a fact of the other case', () => {
    expect(direct(NG, '3', '因客观原因未认领1项,已提交不予认领说明,因主观原因未认领1项')).toBe('0');
  });
  it('a condition left unanswered: pending', () => {
    expect(direct(NG, '3', '因客观原因未认领1项')).toMatch(/^pending/);
    expect(direct(NG, '3', '因客观原因未认领，已说明')).toMatch(/^pending/);
  });
  it('the award clause as written', () => {
    expect(typed(NG, '3', '应领尽领')).toBe('3');
  });
});

describe('a list of facts against a clause that lists them', () => {
  const XXH = '项目相关管理制度是否健全落实、项目档案资料是否完整(制度健全、档案完整的得2分,基本健全、完整的得1分,未建立、无档案的0分)。';
  it('the word of degree in front holds for the whole list', () => {
    expect(typed(XXH, '2', '制度基本健全、档案基本完整')).toBe('1');
  });
  it('mixed degrees, another order or a fact the other way round: pending', () => {
    expect(direct(XXH, '2', '制度基本健全、档案完整')).toMatch(/^pending/);
    expect(typed(XXH, '2', '档案基本完整、制度基本健全')).toMatch(/^pending/);
    expect(typed(XXH, '2', '制度基本健全、档案不完整')).toMatch(/^pending/);
    expect(typed(XXH, '2', '制度健全，但无档案')).toMatch(/^pending/);
  });
});

describe('one of two parties', () => {
  const ZJSYS = '及时到位,得10分;政府和配套资金其中之一及时到位,得5分;均未及时到位,为0分。';
  it('one timely, the other late or not in time', () => {
    expect(typed(ZJSYS, '10', '政府资金及时到位，配套资金延迟2个月')).toBe('5');
    expect(typed(ZJSYS, '10', '配套资金逾期到位，政府资金及时到位')).toBe('5');
    expect(typed(ZJSYS, '10', '政府资金未及时到位，配套资金及时到位')).toBe('5');
    expect(direct(ZJSYS, '10', '政府资金按时到位，配套资金滞后1个月到位')).toBe('5');
  });
  it('a party whose state is not plainly said: pending', () => {
    expect(typed(ZJSYS, '10', '政府资金到位，配套资金延迟2个月')).toMatch(/^pending/);
    expect(typed(ZJSYS, '10', '政府资金及时到位，配套资金部分到位')).toMatch(/^pending/);
    expect(direct(ZJSYS, '10', '政府资金及时到位')).toMatch(/^pending/);
  });
});

describe('a rule that only deducts for falling short of a named target', () => {
  const LDL01 = '比下达任务低5%以内的扣2分,低5%-10%的扣4分,低超过10%的扣6分';
  const LDL02 = '比招生指标低5%以内是扣1分,低超过5%的扣3分';
  it('the target reached: no clause applies', () => {
    expect(typed(LDL01, '5', '完成下达任务')).toBe('5');
    expect(typed(LDL01, '5', '超额完成下达任务')).toBe('5');
    expect(typed(LDL01, '5', '下达任务已完成')).toBe('5');
    expect(typed(LDL02, '3', '完成招生指标')).toBe('3');
    expect(direct(LDL01, '5', '全面完成下达的任务')).toBe('5');
  });
  it('reached in part, not reached, another target or a level reached: pending', () => {
    expect(typed(LDL01, '5', '基本完成下达任务')).toMatch(/^pending/);
    expect(typed(LDL01, '5', '未完成下达任务')).toMatch(/^pending/);
    expect(typed(LDL01, '5', '完成招生指标')).toMatch(/^pending/);
    // The level reached is not how far short of the target it fell.
    expect(typed(LDL01, '5', '完成95%')).toMatch(/^pending/);
    expect(typed(LDL01, '5', '完成下达任务的95%')).toMatch(/^pending/);
  });
  it('a rule that also awards: not this reading', () => {
    expect(direct('比下达任务低5%以内的扣2分,超额完成的加1分', '5', '完成下达任务')).toMatch(/^pending/);
  });
});

describe('events of a size against a deduction per event and a severity cut-off', () => {
  const AQ = '(1)、发生安全责任死亡事故:死亡1人扣30分/次;一次死亡2人及以上实行一票否决;';
  it('events of the size deducted: the deduction per event, floor 0', () => {
    expect(typed(AQ, '60', '发生1起,死亡1人')).toBe('30');
    expect(typed(AQ, '60', '发生2起,每起死亡1人')).toBe('0');
    expect(direct(AQ, '100', '发生2起，每起死亡1人')).toBe('40');
    expect(direct(AQ, '60', '发生3起，每起死亡1人')).toBe('0');
  });
  it('one event at the cut-off or above: no points', () => {
    expect(typed(AQ, '60', '发生1起,一次死亡2人')).toBe('0');
    expect(direct(AQ, '60', '发生1起，死亡3人')).toBe('0');
    expect(direct(AQ, '60', '发生2起，每起死亡2人')).toBe('0');
  });
  it('the events named must be the rule’s', () => {
    expect(direct(AQ, '60', '发生1起安全责任死亡事故，死亡1人')).toBe('30');
    expect(direct(AQ, '60', '发生1起交通事故，死亡1人')).toMatch(/^pending/);
  });
  it('a total over several events does not say how large each was: pending', () => {
    expect(direct(AQ, '60', '发生2起，死亡2人')).toMatch(/^pending/);
    expect(direct(AQ, '60', '发生2起，死亡3人')).toMatch(/^pending/);
  });
  it('a size between the deducted one and the cut-off: pending', () => {
    expect(direct('死亡1人扣30分/次;一次死亡3人及以上实行一票否决', '60', '发生1起，死亡2人')).toMatch(/^pending/);
  });
});

describe('a deduction for each event at or past a size', () => {
  // as-dt-2 (corpus/assess.json)
  const DT = '根据《大田县森林防灭火指挥部工作规则》各职能单位因履职不到位引发森林火灾的,单起受害面积30亩以上的扣10分,扣完为止。';
  it('one event: its size against the line, the line itself included (以上)', () => {
    expect(typed(DT, '40', '引发1起,受害面积20亩')).toBe('40');
    expect(direct(DT, '40', '引发1起，受害面积29.9亩')).toBe('40');
    expect(typed(DT, '40', '引发1起,受害面积30亩')).toBe('30');
  });
  it('a size for each event', () => {
    expect(typed(DT, '40', '引发2起,受害面积分别为35亩、50亩')).toBe('20');
    expect(direct(DT, '40', '引发3起，受害面积分别为10亩、30亩、50亩')).toBe('20');
  });
  it('a bound every event passes; floor 0', () => {
    expect(typed(DT, '40', '引发5起,每起均超过30亩')).toBe('0');
    expect(direct(DT, '40', '引发2起，每起均在30亩以上')).toBe('20');
    expect(direct(DT, '40', '引发3起，每起均超过40亩')).toBe('10');
  });
  it('a bound that does not settle the line, or sizes that do not match the count: pending', () => {
    expect(direct(DT, '40', '引发2起，每起均超过20亩')).toMatch(/^pending/);
    expect(direct(DT, '40', '引发3起，受害面积分别为35亩、50亩')).toMatch(/^pending/);
    expect(direct(DT, '40', '引发2起，受害面积共80亩')).toMatch(/^pending/);
  });
});
