/**
 * Whether a typed yes/no answer makes a condition hold (src/engine/scoring/binding.ts): by the
 * answer's sense first (statement.ts), by its leading yes/no word when it is too short to
 * speak of anything.
 */
import { answerOf, bindClause, conditionHolds } from '../../../src/engine/scoring/binding';

describe('conditionHolds', () => {
  it('an answer in the condition’s own words holds it; the opposite words do not', () => {
    expect(conditionHolds('账实不符', '账实不符')).toBe(true);
    expect(conditionHolds('确保账实相符，账实不符', '账实相符')).toBe(false);
    expect(conditionHolds('运行管护效果较差', '较差')).toBe(true);
  });
  it('a short answer by its leading word against the condition’s polarity', () => {
    expect(conditionHolds('账实不符', '相符')).toBe(false);
    expect(conditionHolds('账实不符', '不符')).toBe(true);
    expect(conditionHolds('使用零余额账户结算的', '已实行')).toBe(true);
    expect(conditionHolds('未实行的', '已实行')).toBe(false);
    expect(conditionHolds('运行管护效果良好', '较差')).toBe(false);
  });
  it('an answer that says neither: null', () => {
    expect(conditionHolds('运行管护效果良好', '一般')).toBeNull();
    expect(answerOf('一般')).toBeNull();
    // Words that share too little with the condition, and no leading yes/no word: not guessed.
    expect(conditionHolds('账实不符', '账实相符')).toBeNull();
  });
});

describe('bindClause', () => {
  const inputs = [
    { name: '招商工作任务完成率', text: '85%' },
    { name: '实际投入资金完成当年任务比例', text: '30%' },
  ];
  it('the input whose name the clause holds most of', () => {
    expect(bindClause('完成招商工作任务80%以上', inputs)).toBe(0);
    expect(bindClause('完成实际投入资金当年任务的20%以上', inputs)).toBe(1);
  });
  it('none when no name is held enough', () => {
    expect(bindClause('档案管理规范', inputs)).toBe(-1);
  });
});
