import ExcelJS from 'exceljs';
import { formulaAt, numberFormatAt, valueAt } from '../../../src/engine/snapshot';
import { snapshotFromWorkbook } from '../../../src/workbook/xlsx/readSnapshot';
import { fillArrayFormula, reread, sheetOf } from './helpers';

/** A small evaluation-like workbook exercising every value kind the reader must handle. */
async function buildWorkbook(date1904 = false): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  wb.properties.date1904 = date1904;
  const annex = wb.addWorksheet('附件1');
  annex.getCell('A1').value = '附件1：2021年12345热线指标体系';
  annex.mergeCells('A1:F1');
  annex.getCell('A3').value = '决策';
  annex.mergeCells('A3:A9');
  annex.getCell('B3').value = { richText: [{ text: '项目' }, { font: { bold: true }, text: '立项' }] };
  annex.getCell('C3').value = 0.9436;
  annex.getCell('C3').numFmt = '0.00%';
  annex.getCell('D3').value = new Date(Date.UTC(2021, 5, 30));
  annex.getCell('D3').numFmt = 'yyyy-mm-dd';
  annex.getCell('E3').value = true;
  annex.getCell('F3').value = { error: '#REF!' } as ExcelJS.CellErrorValue;
  annex.getCell('B4').value = { text: '见数据表', hyperlink: 'https://example.invalid/x' };
  annex.getCell('C4').value = { formula: '1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue;
  annex.getCell('D4').value = { formula: 'C3*2' } as ExcelJS.CellFormulaValue; // no cached result
  annex.getCell('C9').numFmt = '0.00'; // formatted but empty: still part of the used range

  const data = wb.addWorksheet('附件3 数据');
  for (let r = 2; r <= 6; r++) {
    data.getCell(r, 1).value = `2020年${r + 5}月`;
    data.getCell(r, 2).value = r * 100;
    data.getCell(r, 3).value = r * 90;
  }
  // Shared formulas: a rate column and a cross-sheet column.
  data.fillFormula('D2:D6', 'C2/B2', [0.9, 0.9, 0.9, 0.9, 0.9]);
  data.fillFormula('E2:E6', "'附件3 数据'!B2+Sheet2!$A$1+SUM(Sheet2!A1:B3)", [1, 2, 3, 4, 5]);
  data.fillFormula('F2:H2', 'B$2*2', [400, 360, 360]);
  fillArrayFormula(data, 'I2:I4', 'B2:B4*2', [[400], [600], [800]]);

  const other = wb.addWorksheet('Sheet2');
  other.getCell('C5').value = 7; // used range starts at C5, not A1
  other.getCell('E6').value = '末';
  other.state = 'hidden';
  const secret = wb.addWorksheet('记录');
  secret.getCell('A1').value = '{}';
  secret.state = 'veryHidden';
  await wb.getWorksheet('Sheet2')!.protect('', {});
  return wb;
}

describe('snapshotFromWorkbook', () => {
  it('reads values, formats, merges and sheet flags after a save/load', async () => {
    const { snapshot } = await reread(await buildWorkbook());
    expect(snapshot.sheets.map((s) => s.name)).toEqual(['附件1', '附件3 数据', 'Sheet2', '记录']);
    const annex = sheetOf(snapshot, '附件1');
    expect(annex.origin).toEqual({ row: 1, col: 1 });
    expect(annex.merges).toEqual(['A1:F1', 'A3:A9']);
    expect(valueAt(annex, 1, 1)).toBe('附件1：2021年12345热线指标体系');
    expect(valueAt(annex, 1, 2)).toBeNull(); // merged, not the anchor
    expect(valueAt(annex, 3, 2)).toBe('项目立项');
    expect(valueAt(annex, 3, 3)).toBe(0.9436);
    expect(numberFormatAt(annex, 3, 3)).toBe('0.00%');
    expect(valueAt(annex, 3, 4)).toBe(44377);
    expect(numberFormatAt(annex, 3, 4)).toBe('yyyy-mm-dd');
    expect(valueAt(annex, 3, 5)).toBe(true);
    expect(valueAt(annex, 3, 6)).toBe('#REF!');
    expect(valueAt(annex, 4, 2)).toBe('见数据表');
    expect(valueAt(annex, 4, 3)).toBe('#DIV/0!');
    expect(formulaAt(annex, 4, 3)).toBe('=1/0');
    expect(valueAt(annex, 4, 4)).toBeNull();
    expect(formulaAt(annex, 4, 4)).toBe('=C3*2');
    expect(numberFormatAt(annex, 9, 3)).toBe('0.00');
    expect(annex.values.length).toBe(9);
    expect(annex.numberFormats[0][0]).toBeNull(); // General
    expect(annex.visibility).toBe('visible');
    expect(annex.protected).toBe(false);

    const other = sheetOf(snapshot, 'Sheet2');
    expect(other.origin).toEqual({ row: 5, col: 3 });
    expect(other.values).toEqual([[7], [null, null, '末']]);
    expect(other.visibility).toBe('hidden');
    expect(other.protected).toBe(true);
    expect(sheetOf(snapshot, '记录').visibility).toBe('veryHidden');
  });

  it('reads cell notes, plain and rich text, and the print area', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('附件1');
    ws.getCell('H13').value = 4;
    ws.getCell('H13').note = ' 扣1分：资产移交表未签字。 ';
    ws.getCell('H33').value = 2;
    ws.getCell('H33').note = { texts: [{ text: '扣1分：' }, { font: { bold: true }, text: '无专人管理' }] };
    ws.getCell('H40').value = 5;
    ws.pageSetup.printArea = 'A1:H40';
    const snap = sheetOf((await reread(wb)).snapshot, '附件1');
    expect(snap.notes).toEqual({ H13: '扣1分：资产移交表未签字。', H33: '扣1分：无专人管理' });
    expect(snap.printArea).toBe('A1:H40');
  });

  it('expands shared formulas to each cell, keeping $ and cross-sheet refs', async () => {
    const { workbook, snapshot } = await reread(await buildWorkbook());
    // The file really stores them as shared formulas.
    const d4 = workbook.getWorksheet('附件3 数据')!.getCell('D4').value as ExcelJS.CellSharedFormulaValue;
    expect(d4.sharedFormula).toBe('D2');
    const data = sheetOf(snapshot, '附件3 数据');
    expect(formulaAt(data, 2, 4)).toBe('=C2/B2');
    expect(formulaAt(data, 6, 4)).toBe('=C6/B6');
    expect(valueAt(data, 6, 4)).toBe(0.9);
    expect(formulaAt(data, 5, 5)).toBe("='附件3 数据'!B5+Sheet2!$A$1+SUM(Sheet2!A4:B6)");
    expect(formulaAt(data, 2, 7)).toBe('=C$2*2');
    expect(formulaAt(data, 2, 8)).toBe('=D$2*2');
    // Array formula: every cell of the range reports the array's formula.
    expect(formulaAt(data, 2, 9)).toBe('=B2:B4*2');
    expect(formulaAt(data, 4, 9)).toBe('=B2:B4*2');
    expect(valueAt(data, 3, 9)).toBe(600);
  });

  it('returns date serials in the 1904 date system when the workbook uses it', async () => {
    const { workbook, snapshot } = await reread(await buildWorkbook(true));
    expect(workbook.properties.date1904).toBe(true);
    expect(valueAt(sheetOf(snapshot, '附件1'), 3, 4)).toBe(44377 - 1462);
  });

  it('keeps times of day and gives an empty sheet empty arrays', () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('t');
    ws.getCell('B2').value = new Date(Date.UTC(2021, 0, 1, 12, 0, 0));
    ws.getCell('B2').numFmt = 'yyyy-mm-dd hh:mm';
    wb.addWorksheet('空');
    const snap = snapshotFromWorkbook(wb, 'x.xlsx');
    expect(snap.source).toBe('x.xlsx');
    expect(valueAt(sheetOf(snap, 't'), 2, 2)).toBe(44197.5);
    expect(sheetOf(snap, '空')).toMatchObject({ origin: { row: 1, col: 1 }, values: [], formulas: [], numberFormats: [], merges: [] });
  });
});
