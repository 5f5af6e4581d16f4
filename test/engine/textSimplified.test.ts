/** Traditional characters in mirrored tables read as their simplified forms, in rules and actuals alike. */
import { dec } from '../../src/engine/decimal';
import { scoreTyped } from '../../src/engine/scoring/typed';
import { simplified } from '../../src/engine/text';

describe('simplified', () => {
  it('maps the characters of finance and administration tables', () => {
    expect(simplified('縣財政局業務經費預算執行')).toBe('县财政局业务经费预算执行');
    expect(simplified('績效評價總體滿意度')).toBe('绩效评价总体满意度');
  });
  it('leaves simplified text and other characters as they are', () => {
    expect(simplified('预算执行率95%（含）')).toBe('预算执行率95%（含）');
  });
  it('scores a rule written in traditional characters as its simplified twin', () => {
    const score = (ruleText: string, actual: string) => {
      const r = scoreTyped({ name: '預算執行率', max: dec(10), ruleText, actual });
      return r.ok ? r.score.toString() : `pending: ${r.reason}`;
    };
    expect(score('預算執行率達到95%得滿分，每低1%扣1分，扣完為止。', '93%')).toBe('8');
    expect(score('預算執行率達到95%得滿分，每低1%扣1分，扣完為止。', '95%')).toBe('10');
    expect(score('预算执行率达到95%得满分，每低1%扣1分，扣完为止。', '93%')).toBe('8');
  });
});
