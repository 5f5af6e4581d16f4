import { scoreWorkbook } from '../../../src/engine';
import { ALL_FEATURES } from '../../../src/workbook/office/features';
import { runScoring, runUndo, runValidation, goToCell } from '../../../src/workbook/office/run';
import { createExcelMock, officeError } from './excelMock';
import { mockSheet, runnerFor, sampleSnapshot } from './simulate';

describe('Office services (read → engine → apply)', () => {
  it('scores the Lvliang sample: read in two syncs, write in one', async () => {
    const snapshot = await sampleSnapshot('lvliang-2020.xlsx');
    const mock = createExcelMock(snapshot.sheets.map(mockSheet));
    const outcome = await runScoring(runnerFor(mock.context));

    expect(outcome.error).toBeUndefined();
    expect(outcome.ok).toBe(true);
    expect(outcome.report?.total).toBe(85.6);
    // Through Office.js the engine sees the same workbook as through ExcelJS, but for cell
    // notes: Office.js gives a note's cell only through a further round trip, so it reads none.
    expect(outcome.report).toEqual(scoreWorkbook({ sheets: snapshot.sheets.map(({ notes: _notes, ...s }) => s) }).report);
    expect(mock.syncs()).toBe(3);
    expect(outcome.syncs).toBe(3);
    expect(outcome.cellsWritten).toBeGreaterThan(0);
    // The engine's record of previous contents lands in a very hidden sheet, in the same write.
    const hidden = mock.sets('.visibility').map((e) => [e.path, e.value]);
    expect(hidden).toContainEqual(['ws("_绩效评分记录").visibility', 'VeryHidden']);
    const writesAfterRead = mock.events.slice(mock.events.findIndex((e) => e.type === 'sync' && e.n === 2) + 1);
    expect(writesAfterRead[writesAfterRead.length - 1]).toEqual({ type: 'sync', n: 3 });
  });

  it('validates without writing unless asked', async () => {
    const snapshot = await sampleSnapshot('lvliang-2020.xlsx');
    const mock = createExcelMock(snapshot.sheets.map(mockSheet));
    const outcome = await runValidation(runnerFor(mock.context));
    expect(outcome.action).toBe('validate');
    expect(Array.isArray(outcome.findings)).toBe(true);
    expect(mock.syncs()).toBe(2);
    expect(mock.writes().filter((e) => e.type === 'set')).toEqual([]);
  });

  it('undo without a scoring record says so and writes nothing', async () => {
    const mock = createExcelMock([{ name: 'Sheet1', used: { rowIndex: 0, columnIndex: 0, values: [['a']] } }]);
    const outcome = await runUndo(runnerFor(mock.context));
    expect(outcome).toMatchObject({ action: 'undo', ok: false, error: '没有可撤销的评分记录' });
    expect(mock.syncs()).toBe(2);
    expect(mock.writes().filter((e) => e.type === 'set')).toEqual([]);
  });

  it('refuses a workbook without an indicator sheet and writes nothing', async () => {
    const mock = createExcelMock([{ name: 'Sheet1', used: { rowIndex: 0, columnIndex: 0, values: [['你好', 1]] } }]);
    const outcome = await runScoring(runnerFor(mock.context));
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toMatch(/^无法评分：/);
    expect(mock.syncs()).toBe(2);
    expect(mock.writes().filter((e) => e.type === 'set')).toEqual([]);
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
    const first = runScoring({ run: async () => gate.then(() => ({ action: 'score', ok: true, report: null, findings: [], notes: [], cellsWritten: 0 }) as never), features: ALL_FEATURES });
    const second = await runValidation({ run: async () => ({}) as never, features: ALL_FEATURES });
    expect(second).toMatchObject({ ok: false, error: '正在评分，请等待完成后再试' });
    release();
    expect((await first).ok).toBe(true);
  });

  it('goes to a cell: activate the sheet, select the range, one sync', async () => {
    const mock = createExcelMock([{ name: '附件1', used: null }]);
    expect(await goToCell('附件1', 'H12', runnerFor(mock.context))).toBeNull();
    expect(mock.calls('.activate').map((e) => e.path)).toEqual(['ws("附件1").activate']);
    expect(mock.calls('.select').map((e) => e.path)).toEqual(['ws("附件1").getRange("H12").select']);
    expect(mock.syncs()).toBe(1);
  });
});
