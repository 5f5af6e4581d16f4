import { analyzeFormula } from '../../../src/engine/formulas';

/** Fingerprint of a formula placed at (row, col) on sheet "S". */
function fp(formula: string, row: number, col: number): string {
  return analyzeFormula(formula, 'S', row, col).fingerprint;
}

describe('reference fingerprints', () => {
  it('are equal for copies filled down or across', () => {
    expect(fp('=B5*C5', 5, 4)).toBe(fp('=B6*C6', 6, 4));
    expect(fp('=SUM(B6:B12)', 14, 2)).toBe(fp('=SUM(C6:C12)', 14, 3));
  });

  it('differ when one copy points elsewhere', () => {
    expect(fp('=B7*C8', 7, 4)).not.toBe(fp('=B6*C6', 6, 4));
    expect(fp('=SUM(H6:H13)', 14, 8)).not.toBe(fp('=SUM(G6:G12)', 14, 7));
  });

  it('ignore order, operators and typed constants, like ExceLint', () => {
    expect(fp('=E5*C5', 5, 6)).toBe(fp('=C5*E5', 5, 6));
    expect(fp('=SUM(B5:D5)', 5, 5)).toBe(fp('=B5+C5+D5', 5, 5));
    expect(fp('=SUM(E11:E26)+1', 27, 5)).toBe(fp('=SUM(E11:E26)', 27, 5));
  });

  it('keep absolute anchors absolute', () => {
    expect(fp('=B5/$B$20', 5, 3)).toBe(fp('=B6/$B$20', 6, 3));
    expect(fp('=B5/$B$20', 5, 3)).not.toBe(fp('=B5/B20', 5, 3));
  });

  it('reduce links into other sheets to the sheet', () => {
    expect(fp("='附件1'!H12", 3, 2)).toBe(fp('=附件1!H40', 4, 2));
    expect(fp('=附件1!H12', 3, 2)).not.toBe(fp('=附件2!H12', 3, 2));
  });
});

describe('analyzeFormula', () => {
  it('resolves references against the host sheet and collects literals', () => {
    const info = analyzeFormula("=SUM(B2:B9)+'附件3 基础数据'!C4+#REF!-1605", '评分表', 10, 2);
    expect(info.refs.map((r) => [r.sheet, r.top, r.left, r.bottom, r.right])).toEqual([
      ['评分表', 2, 2, 9, 2],
      ['附件3 基础数据', 4, 3, 4, 3],
    ]);
    expect(info.numbers).toEqual([1605]);
    expect(info.funcs).toEqual(['SUM']);
    expect(info.errorLiterals).toEqual(['#REF!']);
  });

  it('gives the same relative shape to copies, ignoring a Lotus-style unary plus', () => {
    expect(analyzeFormula('=+B5-C5', 'S', 5, 4).shape).toBe(analyzeFormula('=B6-C6', 'S', 6, 4).shape);
  });
});
