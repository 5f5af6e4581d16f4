/**
 * 一键评分 then 撤销本次评分 through the Office.js adapter: score the sample
 * through the mock, replay the writes as Excel would, open the result again
 * through the mock and undo; every cell the scoring touched is back and the
 * sheets it created are gone.
 */
import type { WorkbookSnapshot } from '../../../src/engine/snapshot';
import { findSheet, formulaAt, valueAt } from '../../../src/engine/snapshot';
import { runPreview, runScoring, runUndo, type SheetNameCache } from '../../../src/workbook/office/run';
import { createExcelMock } from './excelMock';
import { applyWrites, mockSheet, runnerFor, sampleSnapshot as sample } from './simulate';

/** Every non-empty cell of the workbook, as "sheet!row,col value|formula". */
function cells(s: WorkbookSnapshot): string[] {
  const out: string[] = [];
  for (const sheet of s.sheets)
    for (let r = 0; r < sheet.values.length; r++)
      for (let c = 0; c < Math.max(sheet.values[r]?.length ?? 0, sheet.formulas[r]?.length ?? 0); c++) {
        const row = sheet.origin.row + r;
        const col = sheet.origin.col + c;
        const f = formulaAt(sheet, row, col);
        const v = valueAt(sheet, row, col);
        // A formula's value is Excel's to recalculate: compare the formula itself.
        if (f) out.push(`${sheet.name}!${row},${col} ${f}`);
        else if (v !== null && v !== '') out.push(`${sheet.name}!${row},${col} ${JSON.stringify(v)}`);
      }
  return out.sort();
}

describe.each([
  ['lvliang-2020.xlsx', 85.6],
  ['haikou-2021.xlsx', 95.95],
  ['qixia-2022.xlsx', 92.31],
])('score then undo through Office.js: %s', (file, total) => {
  it('restores every touched cell and removes the created sheets', async () => {
    const original = await sample(file);

    const first = createExcelMock(original.sheets.map(mockSheet));
    const scored = await runScoring(runnerFor(first.context));
    expect(scored.error).toBeUndefined();
    expect(scored.report?.total).toBe(total);
    expect(first.syncs()).toBe(3); // read: sheet list + contents; write: one
    const after = applyWrites(original, first.writes());
    expect(after.sheets.map((s) => s.name)).toEqual(expect.arrayContaining([...original.sheets.map((s) => s.name), '评分汇总', '_绩效评分记录']));
    expect(after.sheets).toHaveLength(original.sheets.length + 2);
    expect(findSheet(after, '_绩效评分记录')?.visibility).toBe('veryHidden');
    expect(cells(after)).not.toEqual(cells(original));

    // Reopened later: the record in the very hidden sheet is all undo needs.
    const second = createExcelMock(after.sheets.map(mockSheet));
    const undone = await runUndo(runnerFor(second.context));
    expect(undone).toMatchObject({ action: 'undo', ok: true });
    expect(undone.message).toMatch(/^已恢复\d+个单元格/);
    expect(second.syncs()).toBe(3);
    const restored = applyWrites(after, second.writes());
    expect(restored.sheets.map((s) => s.name)).toEqual(original.sheets.map((s) => s.name));
    expect(cells(restored)).toEqual(cells(original));
  });
});

test('a preview with a correction reads, rescores and writes nothing', async () => {
  const original = await sample('lvliang-2020.xlsx');
  const mock = createExcelMock(original.sheets.map(mockSheet));
  const preview = await runPreview({ ...runnerFor(mock.context), score: { overrides: [{ path: ['热线整合完成率'], actual: '50%' }] } });
  expect(preview).toMatchObject({ action: 'score', ok: true, preview: true, cellsWritten: 0 });
  expect(preview.report?.total).toBe(84.6);
  expect(mock.syncs()).toBe(2);
  expect(mock.writes()).toEqual([]);
});

test('in a session, runs after the first read the workbook in one sync and write it in one', async () => {
  const original = await sample('lvliang-2020.xlsx');
  const session: SheetNameCache = { names: null };
  const first = createExcelMock(original.sheets.map(mockSheet));
  expect((await runScoring(runnerFor(first.context, session))).syncs).toBe(3); // cold: sheet list, contents, write
  const after = applyWrites(original, first.writes());
  expect(session.names).toEqual(after.sheets.map((s) => s.name));

  const again = createExcelMock(after.sheets.map(mockSheet));
  const rescored = await runScoring(runnerFor(again.context, session));
  expect(rescored).toMatchObject({ ok: true, syncs: 2 });
  expect(again.syncs()).toBe(2); // one read, one write
  expect(rescored.report?.total).toBe(85.6);

  const third = createExcelMock(applyWrites(after, again.writes()).sheets.map(mockSheet));
  const undone = await runUndo(runnerFor(third.context, session));
  expect(undone).toMatchObject({ ok: true, syncs: 2 });
  expect(session.names).toEqual(original.sheets.map((s) => s.name));
});
