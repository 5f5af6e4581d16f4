import { evaluateToScalar, parseFormula, sameNumber, Unknown, type CellRead, type EvalContext } from '../../../src/engine/formulas';
import type { CellScalar } from '../../../src/engine/snapshot';

/** A context over a map of "Sheet!A1" → value; formulas are marked with a leading "=" key set. */
function ctx(cells: Record<string, CellScalar>, formulaCells: string[] = []): EvalContext {
  const toKey = (sheet: string, row: number, col: number) => `${sheet}!${String.fromCharCode(64 + col)}${row}`;
  return {
    sheet: 'S',
    read(sheet, row, col): CellRead | undefined {
      if (sheet !== 'S' && sheet !== '数据 表') return undefined;
      const k = toKey(sheet, row, col);
      return { value: cells[k] ?? null, isFormula: formulaCells.includes(k) };
    },
    extent: (sheet) => (sheet === 'S' || sheet === '数据 表' ? { bottom: 20, right: 6 } : undefined),
  };
}

function run(formula: string, cells: Record<string, CellScalar> = {}, formulaCells: string[] = []) {
  const ast = parseFormula(formula);
  if (!ast) throw new Error(`cannot parse ${formula}`);
  return evaluateToScalar(ast, ctx(cells, formulaCells));
}

describe('evaluate', () => {
  it('follows Excel precedence', () => {
    expect(run('=2+3*4')).toBe(14);
    expect(run('=-2^2')).toBe(4);
    expect(run('=2^3^2')).toBe(64);
    expect(run('=50%*10')).toBe(5);
    expect(run('=(1+2)*3')).toBe(9);
    expect(run('="a"&"b"')).toBe('ab');
    expect(run('=2>=2')).toBe(true);
  });

  it('sums ranges skipping text and blanks, and coerces typed arguments', () => {
    const cells = { 'S!A1': 1, 'S!A2': 'n/a', 'S!A3': 2.5, 'S!B1': true };
    expect(run('=SUM(A1:A4)', cells)).toBe(3.5);
    expect(run('=SUM(A1,A2,A3)', cells)).toBe(3.5);
    expect(run('=SUM(A1:A3,"4",TRUE)', cells)).toBe(8.5);
    expect(run('=AVERAGE(A1:A4)', cells)).toBe(1.75);
    expect(run('=COUNT(A1:A4)', cells)).toBe(2);
    expect(run('=COUNTA(A1:A4)', cells)).toBe(3);
    expect(run('=MAX(A1:A3)-MIN(A1:A3)', cells)).toBe(1.5);
    expect(run('=A1+A2', cells)).toEqual({ error: '#VALUE!' });
  });

  it('rounds the shown decimal half up, as Excel does', () => {
    expect(run('=ROUND(2.675,2)')).toBe(2.68);
    expect(run('=ROUND(-2.5,0)')).toBe(-3);
    expect(run('=ROUNDUP(1.201,2)')).toBe(1.21);
    expect(run('=ROUNDDOWN(1.209,2)')).toBe(1.2);
    expect(run('=ROUND(1234.5,-2)')).toBe(1200);
  });

  it('evaluates IF, ABS, SUMPRODUCT and errors', () => {
    const cells = { 'S!A1': 2, 'S!A2': 3, 'S!B1': 4, 'S!B2': 5 };
    expect(run('=IF(A1>1,"big","small")', cells)).toBe('big');
    expect(run('=IF(A1>5,1)', cells)).toBe(false);
    expect(run('=ABS(A1-A2)', cells)).toBe(1);
    expect(run('=SUMPRODUCT(A1:A2,B1:B2)', cells)).toBe(23);
    expect(run('=A1/0', cells)).toEqual({ error: '#DIV/0!' });
    expect(run('=IFERROR(A1/0,0)', cells)).toBe(0);
    expect(run('=SUM(A1,#REF!)', cells)).toEqual({ error: '#REF!' });
  });

  it('reads quoted CJK sheet names', () => {
    expect(run("=SUM('数据 表'!A1:A3)", { '数据 表!A1': 10, '数据 表!A3': 5 })).toBe(15);
  });

  it('gives up (Unknown) rather than guess', () => {
    expect(() => run('=VLOOKUP(1,A1:B2,2,FALSE)')).toThrow(Unknown);
    expect(() => run('=Rate*2')).toThrow(Unknown);
    expect(() => run('=Other!A1')).toThrow(Unknown);
    // A formula input without a cached value cannot be trusted.
    expect(() => run('=A1+1', {}, ['S!A1'])).toThrow(Unknown);
    // Text numbers with formatting ("95%") are not guessed.
    expect(() => run('=A1*2', { 'S!A1': '95%' })).toThrow(Unknown);
  });

  it('compares doubles within summation noise only', () => {
    expect(sameNumber(0.1 + 0.2, 0.3)).toBe(true);
    expect(sameNumber(1e8 + 0.1, 1e8)).toBe(false);
    expect(sameNumber(1e8 + 1e-3, 1e8)).toBe(true);
    expect(sameNumber(1241.59 * 0.95, 1179.5105)).toBe(true);
  });

  it('returns null for formulas it cannot parse', () => {
    expect(parseFormula('=SUM(A1')).toBeNull();
    expect(parseFormula('=1+')).toBeNull();
  });
});
