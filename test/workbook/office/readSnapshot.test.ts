import { ALL_FEATURES, NO_FEATURES } from '../../../src/workbook/office/features';
import { parseAreasAddress, readSnapshot } from '../../../src/workbook/office/readSnapshot';
import { createExcelMock, officeError } from './excelMock';

const annex = {
  name: '附件1',
  used: {
    rowIndex: 1, // B2
    columnIndex: 1,
    values: [
      ['指标', '分值', '得分'],
      ['接通率', 7, 5.47],
      ['合计', '', 5.47],
    ],
    formulas: [
      ['指标', '分值', '得分'],
      ['接通率', 7, 5.47],
      ['合计', '', '=SUM(D3:D3)'],
    ],
    numberFormat: [
      ['General', 'General', 'General'],
      ['General', '0', '0.00'],
      ['General', 'General', '0.00'],
    ],
  },
  merged: "附件1!B2:B3, 附件1!$C$5:$D$6",
};

describe('readSnapshot (Office.js)', () => {
  it('reads every sheet in exactly two syncs, whatever the number of sheets', async () => {
    const mock = createExcelMock([
      annex,
      { name: '附件3 数据', visibility: 'Hidden', protected: true, used: { rowIndex: 0, columnIndex: 0, values: [['月份', '话务量'], ['2020年7月', 28676]] } },
      { name: '空白', used: null },
    ]);
    const read = await readSnapshot(mock.context, { features: ALL_FEATURES });
    expect(mock.syncs()).toBe(2);
    if (!read.ok) throw new Error(read.error);
    expect(read.syncs).toBe(2);
    expect(read.notes).toEqual([]);
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
    expect(a.visibility).toBe('visible');
    expect(a.protected).toBe(false);

    expect(d).toMatchObject({ name: '附件3 数据', visibility: 'hidden', protected: true, origin: { row: 1, col: 1 } });
    expect(d.values[1]).toEqual(['2020年7月', 28676]);
    expect(d.merges).toEqual([]);

    expect(blank).toEqual({ name: '空白', visibility: 'visible', protected: false, origin: { row: 1, col: 1 }, values: [], formulas: [], numberFormats: [], merges: [] });
  });

  it('queues every used-range load before the second sync (values-only used range)', async () => {
    const mock = createExcelMock([annex, { ...annex, name: 'B' }]);
    await readSnapshot(mock.context, { features: ALL_FEATURES });
    const order = mock.events.map((e) => (e.type === 'sync' ? 'sync' : e.type === 'call' && e.path.endsWith('getUsedRangeOrNullObject') ? `used:${e.args[0]}` : null)).filter(Boolean);
    expect(order).toEqual(['sync', 'used:true', 'used:true', 'sync']);
  });

  it('reads the print area in the same sync as the contents (ExcelApi 1.9), and skips it without', async () => {
    const mock = createExcelMock([{ ...annex, printArea: "'附件1'!$A$1:$H$37" }, { ...annex, name: 'B' }]);
    const read = await readSnapshot(mock.context, { features: ALL_FEATURES });
    if (!read.ok) throw new Error(read.error);
    expect(read.syncs).toBe(2);
    expect(read.snapshot.sheets.map((s) => s.printArea)).toEqual(['A1:H37', undefined]);
    const order = mock.events.map((e) => (e.type === 'sync' ? 'sync' : e.type === 'call' && e.path.endsWith('getPrintAreaOrNullObject') ? 'print' : null)).filter(Boolean);
    expect(order).toEqual(['sync', 'print', 'print', 'sync']);

    const old = createExcelMock([{ ...annex, printArea: '附件1!A1:H37' }]);
    const without = await readSnapshot(old.context, { features: { ...ALL_FEATURES, pageLayout: false } });
    if (!without.ok) throw new Error(without.error);
    expect(without.snapshot.sheets[0].printArea).toBeUndefined();
    expect(old.calls('getPrintAreaOrNullObject')).toEqual([]);
  });

  it('reads in one sync when the sheet names are known from an earlier run', async () => {
    const sheets = [annex, { name: '附件3 数据', used: { rowIndex: 0, columnIndex: 0, values: [['月份', '话务量']] } }];
    const cold = await readSnapshot(createExcelMock(sheets).context, { features: ALL_FEATURES });
    const mock = createExcelMock(sheets);
    const warm = await readSnapshot(mock.context, { features: ALL_FEATURES, knownSheets: ['附件1', '附件3 数据'] });
    expect(warm.ok && warm.syncs).toBe(1);
    expect(mock.syncs()).toBe(1);
    // The same snapshot as the cold read, count and names checked in that sync.
    expect(warm.ok && warm.snapshot).toEqual(cold.ok && cold.snapshot);
    expect(mock.calls('worksheets.getCount')).toHaveLength(1);
  });

  it.each([
    ['a sheet was added', ['附件1']],
    ['a sheet was renamed or deleted', ['附件1', '旧名称']],
    ['the sheets were reordered', ['附件3 数据', '附件1']],
  ])('reads afresh when %s since the names were remembered', async (_why, known) => {
    const sheets = [annex, { name: '附件3 数据', used: { rowIndex: 0, columnIndex: 0, values: [['月份', '话务量']] } }];
    const mock = createExcelMock(sheets);
    const read = await readSnapshot(mock.context, { features: ALL_FEATURES, knownSheets: known });
    if (!read.ok) throw new Error(read.error);
    expect(read.snapshot.sheets.map((s) => s.name)).toEqual(['附件1', '附件3 数据']);
    expect(read.snapshot.sheets[0].values[1]).toEqual(['接通率', 7, 5.47]);
    expect(read.syncs).toBe(3);
  });

  it('skips merged areas when ExcelApi 1.13 is missing', async () => {
    const mock = createExcelMock([annex]);
    const read = await readSnapshot(mock.context, { features: NO_FEATURES });
    if (!read.ok) throw new Error(read.error);
    expect(read.snapshot.sheets[0].merges).toEqual([]);
    expect(read.snapshot.sheets[0].values[1][2]).toBe(5.47);
  });

  it('refuses a used range above 5,000,000 cells with a Chinese message', async () => {
    const mock = createExcelMock([
      annex,
      { name: '大表', used: { rowIndex: 0, columnIndex: 0, rowCount: 1_000_001, columnCount: 5, values: [[1]] } },
    ]);
    const read = await readSnapshot(mock.context, { features: ALL_FEATURES });
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.error).toContain('大表');
    expect(read.error).toContain('A1:E1000001');
    expect(read.error).toContain('5,000,005');
    expect(read.error).toContain('5,000,000');
  });

  it('accepts exactly the limit', async () => {
    const mock = createExcelMock([{ name: 'S', used: { rowIndex: 0, columnIndex: 0, rowCount: 1_000_000, columnCount: 5, values: [[1]] } }]);
    const read = await readSnapshot(mock.context, { features: ALL_FEATURES });
    expect(read.ok).toBe(true);
  });

  it('refuses when Excel returns null values', async () => {
    const mock = createExcelMock([{ name: '附件1', used: { rowIndex: 0, columnIndex: 0, rowCount: 3, columnCount: 3, values: null } }]);
    const read = await readSnapshot(mock.context, { features: ALL_FEATURES });
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error).toMatch(/附件1.*A1:C3.*空值/);
  });

  it('turns an Office error into a result, not a throw', async () => {
    const mock = createExcelMock([annex], { failSync: { at: 2, error: officeError('GeneralException', '内部错误', { errorLocation: 'Range.values' }) } });
    const read = await readSnapshot(mock.context, { features: NO_FEATURES });
    expect(read).toEqual({ ok: false, error: '读取工作簿失败：Excel 错误 GeneralException：内部错误（位置：Range.values）' });
    expect(mock.syncs()).toBe(2);
  });

  it('reads again without merges when the merged areas cannot be returned (over 512)', async () => {
    const error = officeError('GeneralException', 'There are too many merged areas.', { errorLocation: 'Range.getMergedAreasOrNullObject' });
    const mock = createExcelMock([annex], { failSync: { at: 2, error } });
    const read = await readSnapshot(mock.context, { features: ALL_FEATURES });
    if (!read.ok) throw new Error(read.error);
    expect(read.syncs).toBe(3);
    expect(mock.syncs()).toBe(3);
    expect(read.snapshot.sheets[0].merges).toEqual([]);
    expect(read.snapshot.sheets[0].values[1]).toEqual(['接通率', 7, 5.47]);
    expect(read.notes[0]).toContain('未能读取合并单元格信息');

    const twice = createExcelMock([annex], { failSync: { at: [2, 3], error } });
    const failed = await readSnapshot(twice.context, { features: ALL_FEATURES });
    expect(failed.ok).toBe(false);
  });
});

describe('parseAreasAddress', () => {
  it('strips sheet names, including quoted ones with commas and "!"', () => {
    expect(parseAreasAddress("'a,b!c'!A1:B2, 'a,b!c'!$D$4, Sheet1!C3:C9")).toEqual(['A1:B2', 'D4', 'C3:C9']);
    expect(parseAreasAddress('')).toEqual([]);
  });
});
