/**
 * A categorical answer matched by one option's words that also names what another option adds to
 * set itself apart is pending, not the matched option's points. Before: "政府资金及时到位" against
 * "及时到位,得10分;政府和配套资金其中之一及时到位,得5分;均未及时到位,为0分" scored 10 — it says
 * nothing of the 配套资金.
 */
import { dec } from '../../../src/engine/decimal';
import { scoreTyped } from '../../../src/engine/scoring/typed';

function typed(text: string, max: string, actual: string): string {
  const r = scoreTyped({ name: '资金到位及时性', max: dec(max), ruleText: text, actual });
  return r.ok ? r.score.toString() : `pending: ${r.reason}`;
}

const ONE_OF = '及时到位,得10分;政府和配套资金其中之一及时到位,得5分;均未及时到位,为0分。';

test('one party named against an option about one of the parties: pending', () => {
  expect(typed(ONE_OF, '10', '政府资金及时到位')).toMatch(/^pending: .*“政府”.*无法确定/);
  expect(typed(ONE_OF, '10', '配套资金及时到位')).toMatch(/^pending/);
});

test('every party named (均/都/全部): the option for all of them', () => {
  expect(typed(ONE_OF, '10', '政府资金和配套资金均及时到位')).toBe('10');
  expect(typed(ONE_OF, '10', '政府和配套资金都及时到位')).toBe('10');
});

test('the plain words of an option, or words no other option uses, keep their option', () => {
  expect(typed(ONE_OF, '10', '及时到位')).toBe('10');
  expect(typed(ONE_OF, '10', '均未及时到位')).toBe('0');
  expect(typed('验收合格，得5分；验收不合格，不得分', '5', '项目已验收合格')).toBe('5');
});
