/**
 * readSnapshot against the strict Excel simulator: properties read only after
 * load + sync, sizes before contents, contents in bands.
 */
import { ALL_FEATURES, NO_FEATURES } from '../../../src/workbook/office/features';
import { parseAreasAddress, readSnapshot } from '../../../src/workbook/office/readSnapshot';
import { STANDARD_HEIGHT, SimError, StrictExcel, charsToPoints, profile, sheetOf, type SheetSpec, type SimWorkbook } from './strictExcel';

const annexSpec: SheetSpec = {
  name: '附件1',
  origin: { row: 2, col: 2 },
  rows: [
    ['指标', '分值', '得分'],
    ['接通率', 7, 5.47],
    ['合计', '', '=SUM(D3:D3)'],
  ],
  merges: ['B2:B3', 'C5:D6'],
};

function workbook(...specs: SheetSpec[]): SimWorkbook {
  const sheets = specs.map(sheetOf);
  const annex = sheets.find((s) => s.name === '附件1');
  if (annex) {
    annex.cells.get('4,4')!.v = 5.47; // the formula's cached value
    annex.cells.get('3,3')!.n = '0';
    annex.cells.get('3,4')!.n = '0.00';
    annex.cells.set('4,4', { ...annex.cells.get('4,4')!, n: '0.00' });
  }
  return { sheets, structureProtected: false, activeSheetId: sheets[0]?.id ?? null };
}

const sim = (...specs: SheetSpec[]) => new StrictExcel(workbook(...specs), profile('m365-windows'));
const data: SheetSpec = {
  name: '附件3 数据',
  visibility: 'Hidden',
  protected: true,
  rows: [
    ['月份', '话务量'],
    ['2020年7月', 28676],
  ],
};

describe('readSnapshot (Office.js, strict simulator)', () => {
  it('reads a workbook cold in three syncs: sheet list, sizes, contents', async () => {
    const excel = sim(annexSpec, data, { name: '空白' });
    const read = await readSnapshot(excel.context(), { features: ALL_FEATURES });
    if (!read.ok) throw new Error(read.error);
    expect(read.syncs).toBe(3);
    expect(excel.syncs()).toBe(3);
    expect(read.notes).toEqual([]);
    expect(read.structureProtected).toBe(false);
    // The first two syncs return names and sizes only; the contents come in the third.
    expect(excel.log[0].responseBytes + excel.log[1].responseBytes).toBeLessThan(1000);
    const [a, d, blank] = read.snapshot.sheets;
    expect(a.name).toBe('附件1');
    expect(a.origin).toEqual({ row: 2, col: 2 });
    expect(a.values).toEqual([
      ['指标', '分值', '得分'],
      ['接通率', 7, 5.47],
      ['合计', null, 5.47],
    ]);
    // Office returns constants in `formulas` too: only "=..." counts as a formula.
    expect(a.formulas).toEqual([
      [null, null, null],
      [null, null, null],
      [null, null, '=SUM(D3:D3)'],
    ]);
    expect(a.numberFormats).toEqual([
      [null, null, null],
      [null, '0', '0.00'],
      [null, null, '0.00'],
    ]);
    expect(a.merges).toEqual(['B2:B3', 'C5:D6']);
    expect(d).toMatchObject({ name: '附件3 数据', visibility: 'hidden', protected: true, origin: { row: 1, col: 1 } });
    expect(d.values[1]).toEqual(['2020年7月', 28676]);
    expect(blank).toEqual({
      name: '空白',
      visibility: 'visible',
      protected: false,
      origin: { row: 1, col: 1 },
      values: [],
      formulas: [],
      numberFormats: [],
      merges: [],
    });
  });

  it('reads the print area with the sizes (ExcelApi 1.9), and skips it without', async () => {
    const read = await readSnapshot(sim({ ...annexSpec, printArea: '$A$1:$H$37' }, { ...annexSpec, name: 'B' }).context(), { features: ALL_FEATURES });
    if (!read.ok) throw new Error(read.error);
    expect(read.syncs).toBe(3);
    expect(read.snapshot.sheets.map((s) => s.printArea)).toEqual(['A1:H37', undefined]);
    const without = await readSnapshot(sim({ ...annexSpec, printArea: 'A1:H37' }).context(), { features: { ...ALL_FEATURES, pageLayout: false } });
    expect(without.ok && without.snapshot.sheets[0].printArea).toBeUndefined();
  });

  it.each([
    ['m365-windows', 'one result per sheet (Range.getRowProperties / getColumnProperties, ExcelApi 1.9)', ALL_FEATURES],
    ['excel2019', 'one read per row and column (RangeFormat, standard sizes told apart with ExcelApi 1.7)', { ...NO_FEATURES, standardSizes: true }],
  ] as const)('reads custom row heights and column widths with the first contents sync on %s: %s', async (host, _how, features) => {
    // Column C 20 characters wide, row 3 taller; the table is B2:D4, so columns B–G (3 to its right) are read.
    const spec: SheetSpec = { ...annexSpec, columnWidths: { 3: charsToPoints(20), 9: 60 }, rowHeights: { 3: 33, 900: 40 } };
    const excel = new StrictExcel(workbook(spec), profile(host));
    const read = await readSnapshot(excel.context(), { features });
    if (!read.ok) throw new Error(read.error);
    expect(read.syncs).toBe(3);
    // Standard rows and columns are left out, as a file leaves them out; column I and row 900 lie outside what is read.
    expect(read.snapshot.sheets[0].columnWidths).toEqual({ 3: 20 });
    expect(read.snapshot.sheets[0].rowHeights).toEqual({ 3: 33 });
  });

  it('on ExcelApi 1.4 every row and column read has its size (standard ones cannot be told apart)', async () => {
    const excel = new StrictExcel(workbook({ ...annexSpec, rowHeights: { 3: 33 } }), profile('excel2016'));
    const read = await readSnapshot(excel.context(), { features: NO_FEATURES });
    if (!read.ok) throw new Error(read.error);
    expect(read.snapshot.sheets[0].rowHeights).toEqual({ 2: STANDARD_HEIGHT, 3: 33, 4: STANDARD_HEIGHT });
    expect(Object.keys(read.snapshot.sheets[0].columnWidths ?? {})).toEqual(['2', '3', '4', '5', '6', '7']);
  });

  it('skips the sheet list when the sheet names are known from an earlier run', async () => {
    const cold = await readSnapshot(sim(annexSpec, data).context(), { features: ALL_FEATURES });
    const excel = sim(annexSpec, data);
    const warm = await readSnapshot(excel.context(), { features: ALL_FEATURES, knownSheets: ['附件1', '附件3 数据'] });
    expect(warm.ok && warm.syncs).toBe(2);
    expect(excel.syncs()).toBe(2);
    expect(warm.ok && warm.snapshot).toEqual(cold.ok && cold.snapshot);
  });

  it.each([
    ['a sheet was added', ['附件1']],
    ['a sheet was renamed or deleted', ['附件1', '旧名称']],
    ['the sheets were reordered', ['附件3 数据', '附件1']],
  ])('reads afresh when %s since the names were remembered', async (_why, known) => {
    const read = await readSnapshot(sim(annexSpec, data).context(), { features: ALL_FEATURES, knownSheets: known });
    if (!read.ok) throw new Error(read.error);
    expect(read.snapshot.sheets.map((s) => s.name)).toEqual(['附件1', '附件3 数据']);
    expect(read.snapshot.sheets[0].values[1]).toEqual(['接通率', 7, 5.47]);
    expect(read.syncs).toBe(4);
  });

  it('reads on a host with only ExcelApi 1.4 (no merges, print area, notes or workbook protection)', async () => {
    const excel = new StrictExcel(workbook(annexSpec), profile('excel2016'));
    const read = await readSnapshot(excel.context(), { features: NO_FEATURES });
    if (!read.ok) throw new Error(read.error);
    expect(read.snapshot.sheets[0].merges).toEqual([]);
    expect(read.snapshot.sheets[0].values[1][2]).toBe(5.47);
    expect(read.structureProtected).toBeUndefined();
  });

  it('reports workbook structure protection (ExcelApi 1.7)', async () => {
    const wb = workbook(annexSpec);
    wb.structureProtected = true;
    const read = await readSnapshot(new StrictExcel(wb, profile('excel2019')).context(), { features: { ...NO_FEATURES, workbookProtection: true } });
    expect(read.ok && read.structureProtected).toBe(true);
  });

  it('refuses a used range above 5,000,000 cells before reading its contents', async () => {
    const big = sheetOf({ name: '大表', rows: [[1]] });
    big.cells.set('1000001,5', { v: 1, f: null, n: null });
    const wb = workbook(annexSpec);
    wb.sheets.push(big);
    const excel = new StrictExcel(wb, profile('web'));
    const read = await readSnapshot(excel.context(), { features: ALL_FEATURES });
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.error).toContain('大表');
    expect(read.error).toContain('A1:E1000001');
    expect(read.error).toContain('5,000,005');
    expect(read.error).toContain('5,000,000');
    expect(excel.syncs()).toBe(2);
  });

  it('reads the sizes again without merges when the merged areas cannot be returned, and only then', async () => {
    const excel = sim(annexSpec);
    excel.faults.push({ location: /MergedAreas/, error: () => new SimError('GeneralException', 'There are too many merged areas.'), times: 1 });
    const read = await readSnapshot(excel.context(), { features: ALL_FEATURES });
    if (!read.ok) throw new Error(read.error);
    expect(read.syncs).toBe(4);
    expect(read.snapshot.sheets[0].merges).toEqual([]);
    expect(read.snapshot.sheets[0].values[1]).toEqual(['接通率', 7, 5.47]);
    expect(read.notes[0]).toContain('未能读取合并单元格信息');

    const twice = sim(annexSpec);
    twice.faults.push({ location: /MergedAreas/, error: () => new SimError('GeneralException', 'x'), times: 1 });
    twice.faults.push({ location: /getUsedRangeOrNullObject|Range\.load/, error: () => new SimError('GeneralException', 'y'), times: 5 });
    expect((await readSnapshot(twice.context(), { features: ALL_FEATURES })).ok).toBe(false);

    // Any other failure is not a merge problem: no second read, no note blaming merges.
    const denied = sim(annexSpec);
    denied.faults.push({ location: /MergedAreas/, error: () => new SimError('AccessDenied', 'no'), times: 1 });
    const refused = await readSnapshot(denied.context(), { features: ALL_FEATURES });
    expect(refused.ok).toBe(false);
    expect(denied.syncs()).toBe(2);
  });
});

describe('parseAreasAddress', () => {
  it('strips sheet names, including quoted ones with commas and "!"', () => {
    expect(parseAreasAddress("'a,b!c'!A1:B2, 'a,b!c'!$D$4, Sheet1!C3:C9")).toEqual(['A1:B2', 'D4', 'C3:C9']);
    expect(parseAreasAddress('')).toEqual([]);
  });
});
