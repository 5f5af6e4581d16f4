/**
 * A value exactly on an edge that both neighbouring bands leave out ("超过60%得2分；不足60%不得分"
 * and 60%) is scored with the band of fewer points and the trace says which convention filled
 * the gap; any other value outside every band stays pending. Before: pending (prj-xnsh-01).
 */
import { dec } from '../../../src/engine/decimal';
import { scoreTyped } from '../../../src/engine/scoring/typed';
import { scoreConditions } from '../../../src/engine/scoring/conditions';

function typed(text: string, max: string, actual: string): string {
  const r = scoreTyped({ name: '完成率', max: dec(max), ruleText: text, actual });
  return r.ok ? r.score.toString() : `pending: ${r.reason}`;
}

const STRICT = '完成率超过60%得2分；不足60%不得分。';
const LOWER_BETTER = '差错率低于5%得3分；高于5%得1分。';
const WIDE_GAP = '完成率超过80%得6分；不足60%不得分。';

describe('an edge both bands leave out (single input)', () => {
  it.each([
    [STRICT, '60%', '0'],
    [STRICT, '60.01%', '2'],
    [STRICT, '59.99%', '0'],
    [LOWER_BETTER, '5%', '1'],
    [LOWER_BETTER, '4.99%', '3'],
    [LOWER_BETTER, '5.01%', '1'],
    ['完成率高于90%得5分，低于90%得2分', '90%', '2'],
    ['完成率≥60%得2分；<60%不得分。', '60%', '2'],
  ])('%s at %s → %s', (text, actual, want) => {
    expect(typed(text, '6', actual)).toBe(want);
  });

  it('says the convention in the trace', () => {
    const r = scoreTyped({ name: '完成率', max: dec(2), ruleText: STRICT, actual: '60%' });
    expect(r.ok && r.trace).toMatch(/两档均不含60%，按较低一档计（分值须满足条件才得，评分标准未写明，按惯例）/);
  });

  it.each([
    ['70%', 'a value inside a gap'],
    ['80%', 'the edge of one band only'],
    ['60%', 'the other band’s edge only'],
  ])('stays pending at %s (%s)', (actual) => {
    expect(typed(WIDE_GAP, '6', actual)).toMatch(/^pending/);
  });
});

const XNSH =
  '1、已落实管护主体和建立运行管护制度的项目超过80%、70%和60%,且运行管护效果良好,分别得6分、4分和2分。\n' +
  '2、已落实管护主体和建立运行管护制度的项目不足60%,或运行管护效果较差,不得分。';

function rows(text: string, share: string, effect: string): string {
  const r = scoreConditions(
    text,
    [
      { name: '已落实管护主体和建立运行管护制度的项目比例', text: share },
      { name: '运行管护效果', text: effect },
    ] as never,
    dec(6),
  );
  if (r === null) return 'not a table';
  return r.ok ? r.score.toString() : `pending: ${r.reason}`;
}

describe('an edge both rows leave out (several inputs)', () => {
  it.each([
    ['60%', '良好', '0'],
    ['60.5%', '良好', '2'],
    ['59.5%', '良好', '0'],
    ['60%', '较差', '0'],
    ['70%', '良好', '2'],
    ['70.5%', '良好', '4'],
  ])('%s, %s → %s', (share, effect, want) => {
    expect(rows(XNSH, share, effect)).toBe(want);
  });

  it('stays pending when only the row above meets the edge', () => {
    const text = XNSH.replace('不足60%', '不足50%');
    expect(rows(text, '60%', '良好')).toMatch(/^pending/);
    expect(rows(text, '55%', '良好')).toMatch(/^pending/);
  });

  it('says the convention in the trace', () => {
    const r = scoreConditions(
      XNSH,
      [
        { name: '已落实管护主体和建立运行管护制度的项目比例', text: '60%' },
        { name: '运行管护效果', text: '良好' },
      ] as never,
      dec(6),
    );
    expect(r && r.ok && r.trace).toMatch(/比例60%恰在.*的分界上，两档均不含该值，按较低一档计/);
  });
});
