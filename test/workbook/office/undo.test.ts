/**
 * 一键评分 then 撤销本次评分 in one session, on the strict simulator: sync
 * counts with the session's remembered sheet names, a preview that writes
 * nothing, and the pane backend's undo options (dry run, keep, force).
 * (Every sample on every host profile: strict.test.ts.)
 */
import { runPreview, runScoring, runUndo, type SheetNameCache } from '../../../src/workbook/office/run';
import { ALL_FEATURES } from '../../../src/workbook/office/features';
import { sampleSnapshot } from './simulate';
import { StrictExcel, dumpCells, officeGlobals, profile, workbookFromSnapshot } from './strictExcel';
import { parseA1 } from '../../../src/engine/address';

const runnerFor = (excel: StrictExcel, sheetNames: SheetNameCache = { names: null }) => ({
  run: <T>(batch: (c: Excel.RequestContext) => Promise<T>) => batch(excel.context()),
  features: ALL_FEATURES,
  sheetNames,
});

test('a preview with a correction reads, rescores and writes nothing', async () => {
  const excel = new StrictExcel(workbookFromSnapshot(await sampleSnapshot('lvliang-2020.xlsx')), profile('web'));
  const before = dumpCells(excel.workbook);
  const preview = await runPreview({ ...runnerFor(excel), score: { overrides: [{ path: ['热线整合完成率'], actual: '50%' }] } });
  expect(preview).toMatchObject({ action: 'score', ok: true, preview: true, cellsWritten: 0 });
  expect(preview.report?.total).toBe(84.6);
  expect(excel.syncs()).toBe(3);
  expect(dumpCells(excel.workbook)).toEqual(before);
});

test('in a session, runs after the first skip the sheet list: two reads and one write', async () => {
  const excel = new StrictExcel(workbookFromSnapshot(await sampleSnapshot('lvliang-2020.xlsx')), profile('web'));
  const names = excel.workbook.sheets.map((s) => s.name);
  const session: SheetNameCache = { names: null };
  expect((await runScoring(runnerFor(excel, session))).syncs).toBe(4); // cold: sheet list, sizes, contents, write
  expect(session.names).toEqual(excel.workbook.sheets.map((s) => s.name));

  const rescored = await runScoring(runnerFor(excel, session));
  expect(rescored).toMatchObject({ ok: true, syncs: 3 });
  expect(rescored.report?.total).toBe(85.6);

  const undone = await runUndo(runnerFor(excel, session));
  expect(undone).toMatchObject({ ok: true, syncs: 3 });
  expect(undone.message).toMatch(/^已恢复\d+个单元格/);
  expect(session.names).toEqual(names);
});

test('the pane backend: undo({ dryRun }) lists the cells changed since the run, undo() keeps them, undo({ force }) puts them back', async () => {
  const g = globalThis as unknown as { Office?: unknown; Excel?: unknown };
  const original = await sampleSnapshot('lvliang-2020.xlsx');
  let excel = new StrictExcel(workbookFromSnapshot(original), profile('web'));
  const globals = officeGlobals(() => excel);
  g.Office = globals.Office;
  g.Excel = globals.Excel;
  try {
    const { officeBackend } = await import('../../../src/taskpane/officeBackend');
    const scoreAndEdit = async () => {
      excel = new StrictExcel(workbookFromSnapshot(original), profile('web'));
      const scored = await officeBackend.score();
      const leaf = scored.report!.indicators.find((i) => i.source === 'computed' && typeof i.score === 'number' && i.score !== 1.5)!;
      const at = parseA1(leaf.cell)!;
      excel.workbook.sheets.find((s) => s.name === scored.report!.sheet)!.cells.set(`${at.row},${at.col}`, { v: 1.5, f: null, n: null });
      return { sheet: scored.report!.sheet, cell: leaf.cell };
    };

    const edited = await scoreAndEdit();
    const check = await officeBackend.undo(undefined, { dryRun: true });
    expect(check).toMatchObject({ ok: true, preview: true, cellsWritten: 0, conflicts: [expect.objectContaining({ ...edited, now: 1.5 })] });
    const kept = await officeBackend.undo();
    expect(kept).toMatchObject({ ok: true, conflicts: [expect.objectContaining(edited)] });
    expect(dumpCells(excel.workbook, [edited.sheet]).find((c) => c.startsWith(`${edited.sheet}!${edited.cell} `))).toMatch(/ 1\.5\|/);

    await scoreAndEdit();
    const forced = await officeBackend.undo(undefined, { force: true });
    expect(forced).toMatchObject({ ok: true, conflicts: [expect.objectContaining(edited)] });
    expect(dumpCells(excel.workbook)).toEqual(dumpCells(workbookFromSnapshot(original)));
  } finally {
    delete g.Office;
    delete g.Excel;
  }
});
