import { addFuturePrefixes, stripFuturePrefixes, translateFormula } from '../../../src/workbook/xlsx/formula';

describe('translateFormula', () => {
  it('shifts relative refs and keeps absolute parts', () => {
    expect(translateFormula('=A1+$B$1+C$2+$D3', 2, 1)).toBe('=B3+$B$1+D$2+$D5');
  });

  it('keeps quoted and unquoted sheet names, shifting the refs after them', () => {
    expect(translateFormula("='附件3 数据'!B2*Sheet2!A1:B3", 1, 0)).toBe("='附件3 数据'!B3*Sheet2!A2:B4");
    expect(translateFormula("='Q1 2003'!A1", 0, 1)).toBe("='Q1 2003'!B1");
    expect(translateFormula('=数据!C5/100', 3, 0)).toBe('=数据!C8/100');
    expect(translateFormula("='it''s'!A1", 1, 0)).toBe("='it''s'!A2");
  });

  it('leaves strings, function names, numbers and defined names alone', () => {
    expect(translateFormula('=IF(A1>0,"A1 ok",LOG10(B2))+1605+1.5E+3+Rate_2003', 1, 1)).toBe(
      '=IF(B2>0,"A1 ok",LOG10(C3))+1605+1.5E+3+Rate_2003',
    );
    expect(translateFormula('=SUM(Table1[[#This Row],[A1]])', 1, 1)).toBe('=SUM(Table1[[#This Row],[A1]])');
  });

  it('shifts whole-column and whole-row ranges', () => {
    expect(translateFormula('=SUM(A:A)+SUM($B:$B)+SUM(3:4)', 1, 1)).toBe('=SUM(B:B)+SUM($B:$B)+SUM(4:5)');
  });

  it('keeps 3-D sheet ranges and error literals', () => {
    expect(translateFormula('=SUM(Q1:Q4!A1)+#REF!', 1, 0)).toBe('=SUM(Q1:Q4!A2)+#REF!');
  });

  it('turns references moved off the sheet into #REF!', () => {
    expect(translateFormula('=A1+B2', -1, 0)).toBe('=#REF!+B1');
  });
});

describe('future-function prefixes', () => {
  it('strips _xlfn. outside strings and adds it back for known functions', () => {
    expect(stripFuturePrefixes('=_xlfn.IFS(A1>1,"_xlfn.x",TRUE,0)+_xlfn._xlws.SORT(B1:B3)')).toBe('=IFS(A1>1,"_xlfn.x",TRUE,0)+SORT(B1:B3)');
    expect(addFuturePrefixes('=IFS(A1>1,1,TRUE,0)+SUM(A1)+ifna(B1,0)+_xlfn.IFS(1,2)')).toBe(
      '=_xlfn.IFS(A1>1,1,TRUE,0)+SUM(A1)+_xlfn.ifna(B1,0)+_xlfn.IFS(1,2)',
    );
  });
});
