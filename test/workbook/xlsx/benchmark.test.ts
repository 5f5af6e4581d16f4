/**
 * Real workbooks from the ExceLint benchmark: shared formulas must come out
 * expanded exactly as Excel shows them, and survive a save/reload.
 */
import { readFile } from 'fs/promises';
import path from 'path';
import ExcelJS from 'exceljs';
import { formulaAt, valueAt } from '../../../src/engine/snapshot';
import { loadWorkbook, unsupportedParts } from '../../../src/workbook/xlsx/io';
import { snapshotFromWorkbook } from '../../../src/workbook/xlsx/readSnapshot';
import { BENCHMARK_DIR, reread, sheetOf } from './helpers';

async function open(file: string): Promise<ExcelJS.Workbook> {
  return loadWorkbook(await readFile(path.join(BENCHMARK_DIR, file)));
}

function isSharedDependent(wb: ExcelJS.Workbook, sheet: string, a1: string, master: string): boolean {
  const v = wb.getWorksheet(sheet)!.getCell(a1).value as ExcelJS.CellSharedFormulaValue;
  return v.sharedFormula === master;
}

describe('ExceLint benchmark workbooks', () => {
  it('01sumdat.xlsx: K35 and the dependents of shared ranges', async () => {
    const wb = await open('01sumdat.xlsx');
    const pb = sheetOf(snapshotFromWorkbook(wb, '01sumdat.xlsx'), 'Pb');
    expect(formulaAt(pb, 35, 11)).toBe('=SUM(J6:J33)/1605');
    expect(valueAt(pb, 35, 11)).toBeCloseTo(0.9246105919, 9);
    // K7:K33 is one shared formula with master K7; J7:J33 likewise.
    expect(isSharedDependent(wb, 'Pb', 'K33', 'K7')).toBe(true);
    expect(formulaAt(pb, 7, 11)).toBe('=(J7/61)');
    expect(formulaAt(pb, 33, 11)).toBe('=(J33/61)');
    expect(isSharedDependent(wb, 'Pb', 'J33', 'J7')).toBe(true);
    expect(formulaAt(pb, 33, 10)).toBe('=SUM(B33,D33,F33,H33)');
    expect(valueAt(pb, 33, 10)).toBe(51);
    expect(pb.merges).toContain('A1:P1');
  });

  it('lspreport_02feb04.xlsx: a row-wise shared SUMIF with mixed $ references', async () => {
    const wb = await open('lspreport_02feb04.xlsx');
    expect(isSharedDependent(wb, 'Crime', 'L126', 'J126')).toBe(true);
    const crime = sheetOf(snapshotFromWorkbook(wb), 'Crime');
    expect(formulaAt(crime, 126, 10)).toBe('=SUMIF($E$2:$E$125,$E126,J$2:J$125)');
    expect(formulaAt(crime, 126, 12)).toBe('=SUMIF($E$2:$E$125,$E126,L$2:L$125)');
  });

  it('timecorrect.xlsx: expanded formulas survive our save/reload unchanged', async () => {
    const wb = await open('timecorrect.xlsx');
    const before = snapshotFromWorkbook(wb);
    const sheet = sheetOf(before, 'Inventory PM & NOx+ROG');
    expect(formulaAt(sheet, 23, 18)).toBe('=SUMPRODUCT(R5:R20,$M$5:$M$20)/SUM($M$5:$M$20)');
    const { snapshot: after } = await reread(wb);
    expect(after).toEqual(before);
  });

  it('FinalBudget.xlsx: loads despite chart sheets and reports what a save would drop', async () => {
    const bytes = await readFile(path.join(BENCHMARK_DIR, 'FinalBudget.xlsx'));
    expect(unsupportedParts(bytes)).toEqual(['图表', '图表工作表', '外部工作簿链接（引用其他文件的公式保存后会失效）']);
    const wb = await loadWorkbook(bytes); // ExcelJS alone throws "reading 'anchors'" here
    const snap = snapshotFromWorkbook(wb);
    expect(snap.sheets.length).toBe(6);
    expect(snap.sheets.some((s) => s.formulas.some((r) => r.some((f) => f?.includes("'[1]Cost($)'!"))))).toBe(true);
  });
});

test('a cached formula result of 0 is read as 0, not as empty', async () => {
  const { snapshotFromWorkbook } = await import('../../../src/workbook/xlsx/readSnapshot');
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('S');
  ws.getCell('A1').value = 0;
  ws.getCell('A2').value = { formula: 'A1*2', result: 0 };
  const again = new ExcelJS.Workbook();
  await again.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const snap = snapshotFromWorkbook(again);
  expect(snap.sheets[0].values[1][0]).toBe(0);
  expect(snap.sheets[0].formulas[1][0]).toBe('=A1*2');
});
