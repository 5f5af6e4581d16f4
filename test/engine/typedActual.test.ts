/** Actual values as evaluators type them, read with their unit, never guessed. */
import { dec } from '../../src/engine/decimal';
import { actualFromCell } from '../../src/engine/data/bind';
import { parseRule } from '../../src/engine/rules';
import { readTypedActual } from '../../src/engine/typedActual';

function read(text: string, zeroUnit: string | null = '次'): string {
  const r = readTypedActual(text, zeroUnit);
  if (!r.ok) return `error: ${r.reason}`;
  const q = r.value.q;
  return `${q.unit === 'percent' ? q.value.times(100).toString() + '%' : q.value.toString() + q.unitText}${r.value.rank ? ' rank' : ''}`;
}

describe('typed actuals', () => {
  test.each([
    ['发现3处', '3处'],
    ['3处', '3处'],
    ['2例', '2例'],
    ['三次', '3次'],
    ['两处', '2处'],
    ['二十二次', '22次'],
    ['违反3次', '3次'],
    ['延误2次', '2次'],
    ['缺1项', '1项'],
    ['1个环节', '1个'],
    ['延迟15天', '15天'],
    ['第5名', '5名 rank'],
    ['第五名', '5名 rank'],
    ['百分之九十五', '95%'],
    ['百分之九十五点五', '95.5%'],
    ['發生3起', '3起'],
  ])('%s → %s', (text, want) => expect(read(text)).toBe(want));

  test.each(['无', '未发现', '未发生', '全年未發生', '一次也未召开', '没有', '按时报送', '按规定全部报送', '提前2天'])(
    '%s is none where the rule counts',
    (text) => expect(read(text)).toBe('0次'),
  );

  test('a zero word is no value where the rule does not count things', () => {
    expect(read('无', null)).toMatch(/^error/);
  });

  test('a rank from the bottom needs the number of ranked units', () => {
    expect(read('倒数第2名')).toMatch(/^error: .*参评单位总数/);
  });

  test('words around a number that are no unit make it unreadable', () => {
    expect(read('约3处左右的问题和其他很多情况')).toMatch(/^error/);
  });
});

describe('actual cells', () => {
  const cell = (value: string) => ({ row: 5, col: 8, value, numberFormat: null, formula: null });
  const pct = parseRule('平均接通率不低于95%，每低1%扣1分', { max: dec(5) });

  test('a target typed where the actual belongs is an error at its cell, not a value', () => {
    const r = actualFromCell(cell('≥95%'), pct, '评分表');
    expect(r && 'error' in r && r.error.code).toBe('ACTUAL_IS_TARGET');
    expect(r && 'error' in r && r.error.cell).toBe('H5');
  });

  test('per mille is read as written', () => {
    const r = actualFromCell(cell('9‰'), pct, '评分表');
    expect(r && !('error' in r) && r.actual.kind === 'quantity' && r.actual.q.value.toString()).toBe('0.009');
  });

  test('a typed count beside an occurrence rule, with how it was read', () => {
    const occ = parseRule('每发现一处扣0.5分，扣完为止', { max: dec(3) });
    const r = actualFromCell(cell('发现三处'), occ, '评分表');
    expect(r && !('error' in r) && r.actual.kind === 'quantity' && r.actual.q.value.toString()).toBe('3');
    expect(r && !('error' in r) && r.findings.map((f) => f.code)).toEqual(['ACTUAL_READ_FROM_TEXT']);
  });
});

describe('several named inputs in one cell', () => {
  test('a ratio the rule defines, shown with its derivation', () => {
    const rule = parseRule('资金到位率=(实际到位资金/计划资金)×100%，得分=资金到位率×5', { name: '资金到位率', max: dec(5) });
    const r = actualFromCell({ row: 3, col: 6, value: '实际到位资金：80万元；计划资金：100万元', numberFormat: null, formula: null }, rule, '评分表');
    expect(r && !('error' in r) && r.actual.kind === 'quantity' && r.actual.q.value.toString()).toBe('0.8');
    expect(r && !('error' in r) && r.derivation).toBe('实际到位资金÷计划资金=80万元÷100万元=80%');
  });

  test('inputs the rule does not combine are an error at the cell, not a guess', () => {
    const rule = parseRule('得分=完成率×5', { name: '完成率', max: dec(5) });
    const r = actualFromCell({ row: 3, col: 6, value: '甲：3个；乙：5个', numberFormat: null, formula: null }, rule, '评分表');
    expect(r && 'error' in r && r.error.code).toBe('ACTUAL_UNREADABLE');
  });
});

describe('halves and approximate counts', () => {
  test('"半年", "一年半", "2个月半" read exactly', () => {
    const v = (t: string) => {
      const r = readTypedActual(t, '年');
      return r.ok ? `${r.value.q.value.toString()}${r.value.q.unitText}` : 'unread';
    };
    expect(v('滞后半年')).toBe('0.5年');
    expect(v('滞后一年半')).toBe('1.5年');
    expect(v('延迟2个月半')).toBe('2.5个月');
  });
  test('"2年多", "3次以上", "5天左右" are not read as 2, 3, 5', () => {
    for (const t of ['滞后2年多', '发现3次以上', '延迟5天左右']) expect(readTypedActual(t, '次').ok).toBe(false);
  });
});
