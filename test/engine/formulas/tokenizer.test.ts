import { extractReferences, tokenize, translateFormula, type Reference } from '../../../src/engine/formulas';

function refs(formula: string): Reference[] {
  return extractReferences(formula);
}

describe('tokenize', () => {
  it('splits a formula into typed tokens', () => {
    const t = tokenize('=SUM(A1:B2)*2.5%+"x"&TRUE');
    expect(t.map((x) => x.type)).toEqual(['func', 'open', 'ref', 'close', 'op', 'number', 'op', 'op', 'string', 'op', 'bool']);
    expect(t[0].name).toBe('SUM');
    expect(t[5].value).toBe(2.5);
  });

  it('reads relative, absolute and mixed cell references', () => {
    const [a, b, c, d] = refs('=A1+$B$2+C$3+$D4');
    expect(a).toMatchObject({ kind: 'cell', start: { row: 1, col: 1, rowAbs: false, colAbs: false } });
    expect(b.start).toMatchObject({ row: 2, col: 2, rowAbs: true, colAbs: true });
    expect(c.start).toMatchObject({ row: 3, col: 3, rowAbs: true, colAbs: false });
    expect(d.start).toMatchObject({ row: 4, col: 4, rowAbs: false, colAbs: true });
  });

  it('reads ranges, whole columns and whole rows', () => {
    const [r, cols, rows] = refs('=SUM(B2:$C$13)+SUM(A:C)+SUM(3:5)');
    expect(r).toMatchObject({ kind: 'range', start: { row: 2, col: 2 }, end: { row: 13, col: 3, rowAbs: true } });
    expect(cols).toMatchObject({ kind: 'cols', start: { col: 1 }, end: { col: 3 } });
    expect(rows).toMatchObject({ kind: 'rows', start: { row: 3 }, end: { row: 5 } });
  });

  it('reads quoted sheet names with CJK and spaces, and unquoted CJK names', () => {
    const [a, b, c] = refs("='附件3 基础数据'!B2:B13/附件1!H12+'it''s'!A1");
    expect(a).toMatchObject({
      sheet: '附件3 基础数据',
      kind: 'range',
      start: { row: 2, col: 2 },
      end: { row: 13, col: 2 },
    });
    expect(b).toMatchObject({ sheet: '附件1', kind: 'cell', start: { row: 12, col: 8 } });
    expect(c.sheet).toBe("it's");
  });

  it('reads plain sheet-qualified, 3-D and external references', () => {
    const [a, b, c] = refs("=Sheet2!A1+SUM(Q1:Q4!B2)+'[Book.xlsx]Data'!$C$3");
    expect(a).toMatchObject({ sheet: 'Sheet2', kind: 'cell' });
    expect(b).toMatchObject({ sheet: 'Q1', sheetTo: 'Q4', kind: 'cell' });
    expect(c).toMatchObject({ sheet: 'Data', book: '[Book.xlsx]', kind: 'cell' });
  });

  it('tells functions, defined names and numbers from references', () => {
    const t = tokenize('=LOG10(A1)+XFE1+Rate_2+1.5E+3');
    expect(t.filter((x) => x.type === 'func').map((x) => x.name)).toEqual(['LOG10']);
    // XFE is past the last column (XFD): a defined name, not a cell.
    expect(t.filter((x) => x.type === 'name').map((x) => x.text)).toEqual(['XFE1', 'Rate_2']);
    expect(t.filter((x) => x.type === 'number').map((x) => x.value)).toEqual([1500]);
    expect(refs('=LOG10(A1)+XFE1')).toHaveLength(1);
    // TAX2003 is a real cell since Excel 2007.
    expect(refs('=TAX2003')[0].start).toMatchObject({ row: 2003 });
  });

  it('keeps references inside strings out', () => {
    expect(refs('=IF(A1>0,"B2 ok","C3")')).toHaveLength(1);
  });

  it('reads error literals, also after a sheet name', () => {
    const t = tokenize('=C15+#REF!+Sheet2!#REF!+#DIV/0!');
    expect(t.filter((x) => x.type === 'error').map((x) => x.text)).toEqual(['#REF!', 'Sheet2!#REF!', '#DIV/0!']);
  });

  it('strips the _xlfn. prefix of newer functions', () => {
    expect(tokenize('=_xlfn.IFS(A1>1,1,TRUE,0)')[0].name).toBe('IFS');
  });

  it('never throws on odd input', () => {
    expect(() => tokenize("=SUM(A1:'unterminated")).not.toThrow();
    expect(tokenize('=!').some((t) => t.type === 'unknown')).toBe(true);
  });
});

describe('translateFormula', () => {
  it('moves relative parts only, keeping sheet names and text', () => {
    expect(translateFormula('=SUM(B2:B9)+$C$1+\'附件3 基础数据\'!D$4+"B2"', 1, 2)).toBe('=SUM(D3:D10)+$C$1+\'附件3 基础数据\'!F$4+"B2"');
  });

  it('turns references pushed off the sheet into #REF!', () => {
    expect(translateFormula('=A1+B2', -1, 0)).toBe('=#REF!+B1');
  });
});
