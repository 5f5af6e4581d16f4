import { checkFormulas, checkFormulasDetailed } from '../../../src/engine/formulas';
import type { Finding } from '../../../src/engine/findings';
import { book, col, sheet, type CellSpec } from './helpers';

function codesAt(findings: Finding[], cell: string): string[] {
  return findings.filter((f) => f.cell === cell).map((f) => f.code);
}

function serious(findings: Finding[]): Finding[] {
  return findings.filter((f) => f.severity !== 'info');
}

/** Rows 2..10: B = quantity, C = price, D = =B*C (row `broken` reads the wrong row). */
function priceTable(broken?: number): Record<string, CellSpec> {
  const cells: Record<string, CellSpec> = { A1: '项目', B1: '数量', C1: '单价', D1: '金额' };
  for (let r = 2; r <= 10; r++) {
    cells[`A${r}`] = `项目${r}`;
    cells[`B${r}`] = r;
    cells[`C${r}`] = 10 + r;
  }
  for (let r = 2; r <= 10; r++) {
    const q = r === broken ? r + 1 : r;
    cells[`D${r}`] = { f: `=B${r}*C${q}`, v: r * (10 + q) };
  }
  return cells;
}

/** Rows 2..5 of numbers in B..F, a 合计 row 6 of column SUMs (optionally overridden). */
function totalsTable(override: Record<string, CellSpec> = {}): Record<string, CellSpec> {
  const cells: Record<string, CellSpec> = { A1: '指标', A6: '合计' };
  for (let c = 2; c <= 6; c++) {
    cells[`${col(c)}1`] = `${2019 + c}年`;
    let sum = 0;
    for (let r = 2; r <= 5; r++) {
      const v = c * 10 + r;
      cells[`${col(c)}${r}`] = v;
      sum += v;
    }
    cells[`${col(c)}6`] = { f: `=SUM(${col(c)}2:${col(c)}5)`, v: sum };
  }
  for (let r = 2; r <= 5; r++) cells[`A${r}`] = `指标${r}`;
  return { ...cells, ...override };
}

describe('FORMULA_INCONSISTENT', () => {
  it('flags the broken row in a column of =B{r}*C{r}', () => {
    const findings = checkFormulas(book(sheet('数据', priceTable(6))));
    const f = serious(findings);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      code: 'FORMULA_INCONSISTENT',
      severity: 'warning',
      sheet: '数据',
      cell: 'D6',
      expected: '=B6*C6',
      actual: '=B6*C7',
    });
    expect(f[0].message).toContain('D列');
  });

  it('reports the regular run beside the flagged cell as its peers', () => {
    const [item] = checkFormulasDetailed(book(sheet('数据', priceTable(6)))).filter((x) => x.finding.severity === 'warning');
    expect(item.peers.map((p) => p.row)).toEqual([2, 3, 4, 5, 7, 8, 9, 10]);
  });

  it('leaves running balances, row totals and column totals alone', () => {
    const cells: Record<string, CellSpec> = { A1: '月份', B1: '收入', C1: '累计', D1: '占比' };
    let run = 0;
    for (let r = 2; r <= 7; r++) {
      cells[`A${r}`] = `${r - 1}月`;
      cells[`B${r}`] = r * 100;
      run += r * 100;
      cells[`C${r}`] = r === 2 ? { f: '=B2', v: run } : { f: `=C${r - 1}+B${r}`, v: run };
    }
    const total = run;
    for (let r = 2; r <= 7; r++) cells[`D${r}`] = { f: `=B${r}/$B$8`, v: ((r * 100) / total) as number };
    cells.A8 = '合计';
    cells.B8 = { f: '=SUM(B2:B7)', v: total };
    cells.D8 = { f: '=SUM(D2:D7)', v: 1 };
    expect(checkFormulas(book(sheet('月度', cells)))).toEqual([]);
  });

  it('notes a copy carrying an extra typed constant as information', () => {
    const findings = checkFormulas(book(sheet('表', totalsTable({ D6: { f: '=SUM(D2:D5)+1', v: 175 } }))));
    expect(findings.filter((f) => f.cell === 'D6')).toEqual([expect.objectContaining({ code: 'FORMULA_INCONSISTENT', severity: 'info' })]);
  });
});

describe('SUM_OMITS_ADJACENT', () => {
  it('flags a total that stops one line short of its block', () => {
    const cells: Record<string, CellSpec> = { A1: '明细' };
    for (let r = 2; r <= 10; r++) cells[`B${r}`] = r;
    cells.A11 = '合计';
    cells.B11 = { f: '=SUM(B2:B9)', v: 44 };
    const f = serious(checkFormulas(book(sheet('表', cells))));
    expect(f).toEqual([expect.objectContaining({ code: 'SUM_OMITS_ADJACENT', cell: 'B11', expected: 'B2:B10' })]);
    expect(f[0].message).toContain('B10');
  });

  it('accepts the line when the formula accounts for it (=SUM(B2:B9)-B10)', () => {
    const cells: Record<string, CellSpec> = { A1: '明细' };
    for (let r = 2; r <= 10; r++) cells[`B${r}`] = r;
    cells.B11 = { f: '=SUM(B2:B9)-B10', v: 34 };
    expect(serious(checkFormulas(book(sheet('表', cells))))).toEqual([]);
  });

  it('flags a total whose siblings in the row cover one more line', () => {
    const f = serious(checkFormulas(book(sheet('表', totalsTable({ D6: { f: '=SUM(D2:D4)', v: 42 + 43 + 44 } })))));
    expect(f).toEqual([expect.objectContaining({ code: 'SUM_OMITS_ADJACENT', cell: 'D6', expected: '=SUM(D2:D5)' })]);
  });
});

describe('SUM_OMITS_ADJACENT: a grand total over a row of column totals', () => {
  /** Rows 2-4 of data in B..E, column totals in row 5, the grand total in B7. */
  function grand(range: string, total = 117): Record<string, CellSpec> {
    const cells: Record<string, CellSpec> = { A1: '项目', A5: '合计', A7: '总计' };
    'BCDE'.split('').forEach((c, i) => {
      cells[`${c}1`] = `方案${i + 1}`;
      for (let r = 2; r <= 4; r++) cells[`${c}${r}`] = 10 * i + r;
      cells[`${c}5`] = { f: `=SUM(${c}2:${c}4)`, v: 30 * i + 9 };
    });
    cells.B7 = { f: `=SUM(${range})`, v: total };
    return cells;
  }

  it('flags one that leaves out the last column total', () => {
    const f = serious(checkFormulas(book(sheet('表', grand('B5:D5')))));
    expect(f).toEqual([expect.objectContaining({ code: 'SUM_OMITS_ADJACENT', cell: 'B7', expected: 'B5:E5' })]);
    expect(f[0].message).toContain('E5');
  });

  it('accepts one over the whole row, and one that accounts for the column elsewhere', () => {
    expect(serious(checkFormulas(book(sheet('表', grand('B5:E5', 216)))))).toEqual([]);
    const cells = grand('B5:D5');
    cells.B7 = { f: '=SUM(B5:D5)+E5', v: 216 };
    expect(serious(checkFormulas(book(sheet('表', cells)))).filter((x) => x.code === 'SUM_OMITS_ADJACENT')).toEqual([]);
  });
});

describe('SUM_DOUBLE_COUNTS', () => {
  it('flags a total over a subtotal and its own lines', () => {
    const cells: Record<string, CellSpec> = {
      A2: '甲1',
      B2: 1,
      A3: '甲2',
      B3: 2,
      A4: '甲小计',
      B4: { f: '=SUM(B2:B3)', v: 3 },
      A5: '乙1',
      B5: 4,
      A6: '乙2',
      B6: 5,
      A7: '乙小计',
      B7: { f: '=SUM(B5:B6)', v: 9 },
      A8: '合计',
      B8: { f: '=SUM(B2:B7)', v: 24 },
    };
    const f = serious(checkFormulas(book(sheet('表', cells))));
    expect(f).toEqual([expect.objectContaining({ code: 'SUM_DOUBLE_COUNTS', cell: 'B8' })]);
  });
});

describe('HARDCODED_IN_FORMULA_REGION', () => {
  it('flags a typed number among subtotal formulas, as a warning when it is wrong', () => {
    const f = serious(checkFormulas(book(sheet('表', totalsTable({ D6: 999 })))));
    expect(f).toEqual([
      expect.objectContaining({
        code: 'HARDCODED_IN_FORMULA_REGION',
        severity: 'warning',
        cell: 'D6',
        expected: '=SUM(D2:D5)',
        actual: 999,
      }),
    ]);
    expect(f[0].message).toContain('174');
  });

  it('as information when it equals the result (pasted value)', () => {
    const findings = checkFormulas(book(sheet('表', totalsTable({ D6: 174 }))));
    expect(findings).toEqual([expect.objectContaining({ code: 'HARDCODED_IN_FORMULA_REGION', severity: 'info', cell: 'D6' })]);
  });

  it('leaves interleaved value | share columns alone', () => {
    const cells: Record<string, CellSpec> = {};
    for (let r = 2; r <= 5; r++) {
      cells[`A${r}`] = `项${r}`;
      cells[`B${r}`] = r;
      cells[`C${r}`] = { f: `=B${r}*2`, v: r * 2 };
      cells[`D${r}`] = r + 1;
      cells[`E${r}`] = { f: `=D${r}*2`, v: (r + 1) * 2 };
      cells[`F${r}`] = r + 2;
      cells[`G${r}`] = { f: `=F${r}*2`, v: (r + 2) * 2 };
    }
    expect(checkFormulas(book(sheet('表', cells)))).toEqual([]);
  });
});

describe('FORMULA_ERROR_VALUE', () => {
  it('reports #REF! in the text and error results where they start', () => {
    const cells: Record<string, CellSpec> = {
      A1: 'a',
      B1: 5,
      C1: { f: '=#REF!+B1', v: '#REF!' },
      A2: 'b',
      B2: 0,
      C2: { f: '=B1/B2', v: '#DIV/0!' },
      D2: { f: '=C2*2', v: '#DIV/0!' },
    };
    const f = checkFormulas(book(sheet('表', cells)));
    expect(codesAt(f, 'C1')).toEqual(['FORMULA_ERROR_VALUE']);
    expect(f.find((x) => x.cell === 'C1')).toMatchObject({ severity: 'error', actual: '#REF!' });
    expect(f.find((x) => x.cell === 'C2')).toMatchObject({
      code: 'FORMULA_ERROR_VALUE',
      severity: 'error',
      actual: '#DIV/0!',
    });
    // D2 only passes C2's error on.
    expect(codesAt(f, 'D2')).toEqual([]);
  });
});

describe('CACHED_RESULT_MISMATCH', () => {
  const cells = (cached: number): Record<string, CellSpec> => ({
    A1: 1,
    A2: 2,
    A3: 3.3,
    A4: { f: '=ROUND(SUM(A1:A3)*1.1,2)', v: cached },
  });

  it('flags a shown value the formula does not give', () => {
    const f = checkFormulas(book(sheet('表', cells(7))));
    expect(f).toEqual([
      expect.objectContaining({
        code: 'CACHED_RESULT_MISMATCH',
        severity: 'error',
        cell: 'A4',
        expected: 6.93,
        actual: 7,
      }),
    ]);
  });

  it('accepts the value Excel computed', () => {
    expect(checkFormulas(book(sheet('表', cells(6.93))))).toEqual([]);
  });

  it('recomputes across sheets with CJK names', () => {
    const data: Record<string, CellSpec> = { A1: '月份', B1: '话务量' };
    for (let r = 2; r <= 13; r++) data[`B${r}`] = 1000 + r;
    const total = Array.from({ length: 12 }, (_, i) => 1002 + i).reduce((a, b) => a + b, 0);
    const ok = sheet('附件1', { A1: '合计', B1: { f: "=SUM('附件3 基础数据'!B2:B13)", v: total } });
    expect(checkFormulas(book(sheet('附件3 基础数据', data), ok))).toEqual([]);
    const stale = sheet('附件1', { A1: '合计', B1: { f: "=SUM('附件3 基础数据'!B2:B13)", v: total - 5 } });
    expect(checkFormulas(book(sheet('附件3 基础数据', data), stale))).toEqual([
      expect.objectContaining({ code: 'CACHED_RESULT_MISMATCH', sheet: '附件1', cell: 'B1' }),
    ]);
  });
});

describe('REF_TO_EMPTY', () => {
  it('notes a single reference to a blank inside a numeric block, as information', () => {
    const cells: Record<string, CellSpec> = { B2: 1, B3: 2, B5: 4, B6: 5, D4: { f: '=B4*2', v: 0 } };
    expect(checkFormulas(book(sheet('表', cells)))).toEqual([expect.objectContaining({ code: 'REF_TO_EMPTY', severity: 'info', cell: 'D4', actual: 'B4' })]);
  });
});

describe('checkFormulas', () => {
  it('finds nothing on clean, regular sheets', () => {
    // An indicator table: leaves, level-2 subtotals, a total; and a monthly data sheet with pooled rates.
    const score: Record<string, CellSpec> = {
      A1: '指标',
      B1: '分值',
      C1: '得分',
      A2: '立项依据',
      B2: 5,
      C2: 5,
      A3: '绩效目标',
      B3: 5,
      C3: 4.5,
      A4: '小计',
      B4: { f: '=SUM(B2:B3)', v: 10 },
      C4: { f: '=SUM(C2:C3)', v: 9.5 },
      A5: '资金到位',
      B5: 10,
      C5: 9,
      A6: '预算执行',
      B6: 10,
      C6: 8.5,
      A7: '小计',
      B7: { f: '=SUM(B5:B6)', v: 20 },
      C7: { f: '=SUM(C5:C6)', v: 17.5 },
      A8: '合计',
      B8: { f: '=B4+B7', v: 30 },
      C8: { f: '=C4+C7', v: 27 },
    };
    const data: Record<string, CellSpec> = { A1: '月份', B1: '话务量', C1: '接通数', D1: '接通率' };
    let calls = 0;
    let answered = 0;
    for (let r = 2; r <= 13; r++) {
      const n = 28000 + r * 137;
      const a = n - 1500 - r * 11;
      calls += n;
      answered += a;
      data[`A${r}`] = `${r - 1}月`;
      data[`B${r}`] = n;
      data[`C${r}`] = a;
      data[`D${r}`] = { f: `=C${r}/B${r}`, v: a / n };
    }
    data.A14 = '合计';
    data.B14 = { f: '=SUM(B2:B13)', v: calls };
    data.C14 = { f: '=SUM(C2:C13)', v: answered };
    data.D14 = { f: '=C14/B14', v: answered / calls };
    expect(checkFormulas(book(sheet('附件1 评分表', score), sheet('附件3 基础数据', data), sheet('数据', priceTable())))).toEqual([]);
  });

  it('checks only the sheets asked for', () => {
    const wb = book(sheet('甲', priceTable(6)), sheet('乙', priceTable(4)));
    expect(serious(checkFormulas(wb, { sheets: ['乙'] })).map((f) => `${f.sheet}!${f.cell}`)).toEqual(['乙!D4']);
  });

  it('returns the certain checks even with no time left', () => {
    const cells: Record<string, CellSpec> = { A1: 1, B1: { f: '=#REF!+A1', v: '#REF!' } };
    expect(checkFormulas(book(sheet('表', cells)), { timeBudgetMs: 0 }).map((f) => f.code)).toEqual(['FORMULA_ERROR_VALUE']);
  });
});
