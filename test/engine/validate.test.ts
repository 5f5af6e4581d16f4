/** Domain checks of the validation pass on small synthetic workbooks. */
import { validateWorkbook } from '../../src/engine';
import { sheetFromRows, type CellScalar } from '../../src/engine/snapshot';

const N = null;

function findingsOf(rows: CellScalar[][], extra: { name: string; rows: CellScalar[][] }[] = [], merges: string[] = []) {
  const snapshot = {
    sheets: [sheetFromRows('评分表', rows, { merges }), ...extra.map((e) => sheetFromRows(e.name, e.rows))],
  };
  return validateWorkbook(snapshot).findings;
}

const HEADER: CellScalar[] = ['一级指标', '二级指标', '三级指标', '分值', '评分标准', '扣分说明', '扣分', '得分', '得分率'];

function table(overrides: Partial<Record<string, CellScalar>> = {}): CellScalar[][] {
  const get = (k: string, d: CellScalar) => (k in overrides ? overrides[k]! : d);
  return [
    HEADER,
    ['决策(40)', '立项(40)', '依据充分性', 20, '①…得10分②…得10分', N, 0, 20, get('I2', 1)],
    [N, N, '程序规范性', 20, '①…得10分②…得10分', get('F3', '未公示'), get('G3', 5), 15, 0.75],
    ['产出(60)', '数量(60)', '完成率', 60, '得分=完成率×60', N, 0, 60, 1],
    ['合计', N, N, get('D5', 100), N, N, get('G5', 5), get('H5', 95), N],
    ['评价等次', N, N, N, N, N, N, get('H6', '优'), N],
  ];
}

test('a consistent table has no error', () => {
  expect(findingsOf(table()).filter((f) => f.severity === 'error')).toEqual([]);
});

test('扣分 + 得分 ≠ 分值', () => {
  const f = findingsOf(table({ G3: 4 })).find((x) => x.code === 'DEDUCTION_MISMATCH')!;
  expect([f.cell, f.expected, f.actual]).toEqual(['G3', '5', '4']);
});

test('a deduction without a note', () => {
  const f = findingsOf(table({ F3: N })).find((x) => x.code === 'DEDUCTION_NOTE_MISSING')!;
  expect(f.cell).toBe('F3');
});

test('得分率 that does not follow from the score', () => {
  const f = findingsOf(table({ I2: 0.9 })).find((x) => x.code === 'RATE_CELL_MISMATCH')!;
  expect(f.cell).toBe('I2');
});

test('total, total deduction and total max that do not add up', () => {
  const fs = findingsOf(table({ H5: 96, G5: 4, D5: 110 }));
  expect(fs.find((x) => x.code === 'TOTAL_MISMATCH')).toMatchObject({ cell: 'H5', expected: '95', actual: '96' });
  expect(fs.find((x) => x.code === 'TOTAL_DEDUCTION_MISMATCH')).toMatchObject({ cell: 'G5' });
  expect(fs.find((x) => x.code === 'TOTAL_MAX_MISMATCH')).toMatchObject({ cell: 'D5', expected: '100', actual: '110' });
});

test('a grade that does not match the thresholds', () => {
  const f = findingsOf(table({ H6: '良' })).find((x) => x.code === 'GRADE_MISMATCH')!;
  expect([f.cell, f.expected, f.actual]).toEqual(['H6', '优', '良']);
});

test('the grade scheme the workbook states applies', () => {
  const rows = table({ H6: '优' });
  rows.push(['评价结果分为四档：96（含）-100分为优、80（含）-96分为良、60（含）-80分为中、60分以下为差', N, N, N, N, N, N, N, N]);
  const f = findingsOf(rows).find((x) => x.code === 'GRADE_MISMATCH')!;
  expect([f.expected, f.actual]).toEqual(['良', '优']);
});

test('children that do not sum to their parent', () => {
  const rows = table();
  rows[1][1] = '立项(30)';
  const fs = findingsOf(rows).filter((x) => x.code === 'MAX_SUM_MISMATCH');
  expect(fs.map((f) => [f.cell, f.expected, f.actual])).toEqual([
    ['A2', '30', '40'],
    ['B2', '40', '30'],
  ]);
});

describe('data sheets', () => {
  const data = (rate7: number, totalCalls: number, totalRate: number) => [
    ['月份', '话务量', '接通数', '接通率'],
    ['2020年7月', 100, 90, 0.9],
    ['2020年8月', 200, 190, rate7],
    ['2020年9月', 300, 270, 0.9],
    ['2020年10月', 400, 360, 0.9],
    ['合计', totalCalls, 910, totalRate],
  ];

  test('consistent months and 合计 row: no finding', () => {
    const fs = findingsOf(table(), [{ name: '数据', rows: data(0.95, 1000, 910 / 1000) }]);
    expect(fs.filter((f) => f.sheet === '数据')).toEqual([]);
  });

  test('a monthly rate against its counts, the 合计 sum, a pooled rate that was averaged', () => {
    const mean = (0.9 + 0.85 + 0.9 + 0.9) / 4;
    const fs = findingsOf(table(), [{ name: '数据', rows: data(0.85, 1010, mean) }]).filter((f) => f.sheet === '数据');
    expect(fs.find((f) => f.code === 'DATA_RATE_MISMATCH')).toMatchObject({ cell: 'D3', expected: '95.00%' });
    expect(fs.find((f) => f.code === 'DATA_TOTAL_MISMATCH')).toMatchObject({ cell: 'B6', expected: '1000', actual: '1010' });
    const pooled = fs.find((f) => f.code === 'DATA_POOLED_MISMATCH')!;
    expect(pooled.cell).toBe('D6');
    expect(pooled.message).toMatch(/简单平均/);
  });
});
