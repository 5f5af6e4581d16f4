/**
 * A typed statement of fact against the clauses of a rule (src/engine/scoring/statement.ts).
 * Rule texts from published tables (sources in test/engine/rules/corpus/*.json: ksczf-08,
 * wsczs-01, prj-ldl-03, prj-xnsh-05, prj-nkf-02, prj-zjsys-02, as-ng-1, cwtj-04); every
 * expected score worked out by hand from the text.
 */
import { dec } from '../../../src/engine/decimal';
import { scoreStatement } from '../../../src/engine/scoring/statement';
import { scoreTyped } from '../../../src/engine/scoring/typed';

function typed(text: string, max: string, actual: string): string {
  const r = scoreTyped({ name: '指标', max: dec(max), ruleText: text, actual });
  return r.ok ? r.score.toString() : `pending: ${r.reason}`;
}

const KSCZF08 = '部门预算编制时,年度收支平衡,未编赤字预算的,得2分。';
const WSCZS01 = '财政专户的开设符合规定。违规私自开设财政专户的,不得分。';
const LDL03 = '未按时下达任务扣1分,扣完为止';
const XNSH05 = '重点县建设资金使用规范,未发现任何违规违纪行为,得10分,否则不得分。';
const NKF02 = '项目的实际支出与批复计划相符的得10分,基本相符的得6分,调整较大的扣10分。存在支出不符合专项资金管理办法的,酌情扣分。';

describe('a statement asserting a clause takes its outcome', () => {
  it('an award clause stated as it is written', () => {
    expect(typed(KSCZF08, '2', '未编赤字预算')).toBe('2');
    expect(typed(XNSH05, '10', '未发现违规违纪行为')).toBe('10');
  });
  it('a fixed deduction', () => {
    expect(typed(LDL03, '2', '未按时下达')).toBe('1');
  });
  it('qualifiers must agree: 相符 is not 基本相符', () => {
    expect(scoreStatement(NKF02, '相符', dec(10))).toMatchObject({ ok: true, score: dec(10) });
    expect(scoreStatement(NKF02, '基本相符', dec(10))).toMatchObject({ ok: true, score: dec(6) });
    expect(scoreStatement(NKF02, '调整较大', dec(10))).toMatchObject({ ok: true, score: dec(0) });
  });
});

describe('a statement denying clauses', () => {
  it('the one award clause denied: not earned', () => {
    expect(typed(KSCZF08, '2', '编制了赤字预算')).toBe('0');
    // The count in a statement says how many, not what.
    expect(typed(XNSH05, '10', '发现违规行为1起')).toBe('0');
  });
  it('a sentence with a number, for a rule the evaluator scores, is a statement', () => {
    expect(typed(WSCZS01, '1', '违规私自开设1个财政专户')).toBe('0');
  });
  it('every failure clause denied: nothing deducted', () => {
    expect(typed(LDL03, '2', '按时下达')).toBe('2');
    expect(typed(WSCZS01, '1', '未私自开设')).toBe('1');
  });
  it('a failure clause the statement says nothing of: pending', () => {
    const text = '查单位往来款项的变动情况,未进行清理的不得分,清理不及时的扣1分';
    expect(typed(text, '2', '清理不及时')).toBe('1');
    expect(typed(text, '2', '未进行清理')).toBe('0');
    // "已及时清理" rules out 清理不及时 by its words and 未进行清理 by what it says was done.
    expect(typed(text, '2', '已及时清理')).toBe('2');
    // "已清理" says nothing of 及时: 清理不及时 is not answered.
    expect(typed(text, '2', '已清理')).toMatch(/^pending/);
  });
});

describe('several facts against a list of failures', () => {
  // prj-gc-02 (corpus/project.json); the section number "2.2项:" is no condition.
  const GC02 = '2.2项:无工作经费扣3分,未列入年度预算,扣2分。';
  it('each failure stated or ruled out, the stated ones deducted', () => {
    expect(typed(GC02, '5', '有工作经费且已列入年度预算')).toBe('5');
    expect(typed(GC02, '5', '有工作经费但未列入年度预算')).toBe('3');
    expect(typed(GC02, '5', '无工作经费，未列入年度预算')).toBe('0');
  });
  it('one fact alone asserting a failure takes its deduction', () => {
    expect(typed(GC02, '5', '无工作经费')).toBe('2');
  });
  it('a failure the facts leave out, or a fact no failure speaks of: pending', () => {
    expect(scoreStatement(GC02, '有工作经费，档案齐全', dec(5)).ok).toBe(false);
    expect(scoreStatement('无工作经费扣3分,未列入年度预算扣2分,未设专人管理扣1分', '有工作经费且已列入年度预算', dec(6)).ok).toBe(false);
    expect(scoreStatement(GC02, '有工作经费或已列入年度预算', dec(5)).ok).toBe(false);
  });
});

describe('pending, never guessed', () => {
  it('a statement of two facts, one only in part', () => {
    // "部分到位" says neither that the 配套资金 came in time nor that it did not.
    expect(typed('及时到位,得10分;政府和配套资金其中之一及时到位,得5分;均未及时到位,为0分。', '10', '政府资金及时到位，配套资金部分到位')).toMatch(/^pending/);
  });
  it('a clause of alternatives with negations', () => {
    const text = '省统筹政务服务事项、行政许可事项、行政备案事项“应领尽领”的得3分;因主观原因未认领或因客观原因未认领但没有提交不予认领相关说明的扣3分。';
    expect(typed(text, '3', '应领尽领')).toBe('3');
    expect(scoreStatement(text, '因客观原因未认领1项', dec(3)).ok).toBe(false);
  });
  it('an outcome the engine does not compute (酌情扣分)', () => {
    expect(scoreStatement(NKF02, '存在支出不符合专项资金管理办法', dec(10)).ok).toBe(false);
  });
  it('a clause with a number in its condition wants the number', () => {
    expect(scoreStatement('比下达任务低5%以内的扣2分,低5%-10%的扣4分,低超过10%的扣6分', '基本完成下达任务', dec(5)).ok).toBe(false);
    expect(scoreStatement('完成率低5%以内的扣2分,低5%-10%的扣4分', '已完成', dec(5)).ok).toBe(false);
  });
  it('nothing the statement speaks of', () => {
    expect(scoreStatement(LDL03, '档案齐全', dec(2)).ok).toBe(false);
  });
});
