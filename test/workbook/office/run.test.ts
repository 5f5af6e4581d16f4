import { scoreWorkbook } from '../../../src/engine';
import { ALL_FEATURES } from '../../../src/workbook/office/features';
import { runScoring, runUndo, runValidation, goToCell } from '../../../src/workbook/office/run';
import { officeError } from './excelMock';
import { sampleSnapshot } from './simulate';
import { StrictExcel, profile, sheetOf, workbookFromSnapshot, type SimWorkbook } from './strictExcel';

const runner = (excel: StrictExcel) => ({
  run: <T>(batch: (c: Excel.RequestContext) => Promise<T>) => batch(excel.context()),
  features: ALL_FEATURES,
  sheetNames: { names: null },
});
const one = (rows: (string | number)[][], name = 'Sheet1'): SimWorkbook => {
  const s = sheetOf({ name, rows });
  return { sheets: [s], structureProtected: false, activeSheetId: s.id };
};
const m365 = profile('m365-windows');

describe('Office services (read → engine → apply), strict simulator', () => {
  it('scores the Lvliang sample: read in three syncs, write in one', async () => {
    const snapshot = await sampleSnapshot('lvliang-2020.xlsx');
    const excel = new StrictExcel(workbookFromSnapshot(snapshot), m365);
    const outcome = await runScoring(runner(excel));

    expect(outcome.error).toBeUndefined();
    expect(outcome.ok).toBe(true);
    expect(outcome.report?.total).toBe(85.6);
    // Through Office.js the engine sees the same workbook as through ExcelJS, notes included (ExcelApi 1.18).
    expect(outcome.report).toEqual(scoreWorkbook(snapshot).report);
    expect(excel.syncs()).toBe(4);
    expect(outcome.syncs).toBe(4);
    expect(outcome.cellsWritten).toBeGreaterThan(0);
    // The engine's record of previous contents lands in a very hidden sheet, in the same write.
    expect(excel.workbook.sheets.find((s) => s.name === '_绩效评分记录')?.visibility).toBe('VeryHidden');
  });

  it('validates without writing unless asked', async () => {
    const excel = new StrictExcel(workbookFromSnapshot(await sampleSnapshot('lvliang-2020.xlsx')), m365);
    const before = JSON.stringify([...excel.workbook.sheets.map((s) => [...s.cells])]);
    const outcome = await runValidation(runner(excel));
    expect(outcome.action).toBe('validate');
    expect(Array.isArray(outcome.findings)).toBe(true);
    expect(excel.syncs()).toBe(3);
    expect(JSON.stringify([...excel.workbook.sheets.map((s) => [...s.cells])])).toBe(before);
  });

  it('undo without a scoring record says so and writes nothing', async () => {
    const excel = new StrictExcel(one([['a']]), m365);
    const outcome = await runUndo(runner(excel));
    expect(outcome).toMatchObject({ action: 'undo', ok: false, error: '没有可撤销的评分记录' });
    expect(excel.syncs()).toBe(3);
    expect(excel.log.every((s) => s.commands > 0)).toBe(true);
  });

  it('refuses a workbook without an indicator sheet and writes nothing', async () => {
    const excel = new StrictExcel(one([['你好', 1]]), m365);
    const outcome = await runScoring(runner(excel));
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toMatch(/^无法评分：/);
    expect(excel.syncs()).toBe(3);
    expect(excel.workbook.sheets).toHaveLength(1);
  });

  it('returns a failed outcome when Excel.run itself rejects', async () => {
    const outcome = await runScoring({
      run: () => Promise.reject(officeError('AccessDenied', '无权访问')),
      features: ALL_FEATURES,
    });
    expect(outcome).toMatchObject({ ok: false, error: '运行失败：Excel 错误 AccessDenied：无权访问；工作簿或工作表受保护，或当前没有编辑权限' });
  });

  it('refuses a second run while one is busy', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = runScoring({
      run: async () => gate.then(() => ({ action: 'score', ok: true, report: null, findings: [], notes: [], cellsWritten: 0 }) as never),
      features: ALL_FEATURES,
    });
    const second = await runValidation({ run: async () => ({}) as never, features: ALL_FEATURES });
    expect(second).toMatchObject({ ok: false, error: '正在评分，请等待完成后再试' });
    release();
    expect((await first).ok).toBe(true);
  });

  it('goes to a cell: activate the sheet, select the range, one sync', async () => {
    const wb = one([['x']], '附件1');
    wb.sheets.push(sheetOf({ name: '其他' }));
    wb.activeSheetId = wb.sheets[1].id;
    const excel = new StrictExcel(wb, m365);
    expect(await goToCell('附件1', 'H12', runner(excel))).toBeNull();
    expect(excel.workbook.activeSheetId).toBe(wb.sheets[0].id);
    expect(excel.syncs()).toBe(1);
    expect(await goToCell('不存在', 'A1', runner(excel))).toMatch(/^无法定位到 不存在!A1：Excel 错误 ItemNotFound/);
  });

  it('asks Excel.run to wait for a cell edit when the host allows it (ribbon commands)', async () => {
    const g = globalThis as unknown as { Excel?: unknown };
    const seen: unknown[] = [];
    const excel = new StrictExcel(one([['你好', 1]]), m365);
    g.Excel = {
      run: (a: unknown, b?: unknown) => {
        const batch = (typeof a === 'function' ? a : b) as (c: Excel.RequestContext) => Promise<unknown>;
        seen.push(typeof a === 'function' ? null : a);
        return batch(excel.context());
      },
    };
    try {
      await runValidation({ features: ALL_FEATURES, sheetNames: { names: null }, delayForCellEdit: true });
      await runValidation({ features: { ...ALL_FEATURES, delayForCellEdit: false }, sheetNames: { names: null }, delayForCellEdit: true });
      await runValidation({ features: ALL_FEATURES, sheetNames: { names: null } });
    } finally {
      delete g.Excel;
    }
    expect(seen).toEqual([{ delayForCellEdit: true }, null, null]);
  });
});
