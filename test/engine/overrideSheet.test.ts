/**
 * Corrections made in the task pane are saved into the 评分规则 sheet when
 * the evaluator scores with them, so a later run without the pane (ribbon,
 * CLI, reopened file) gives the same scores; undo takes them away again.
 */
import path from 'node:path';
import { EXPECTED } from '../../scripts/fixtures/expected';
import { scoreWorkbook, undoLastRun, type IndicatorOverride } from '../../src/engine';
import { applyPatch } from '../../src/workbook/xlsx/applyPatch';
import { loadWorkbook, saveWorkbook } from '../../src/workbook/xlsx/io';
import { readXlsxFile } from '../../src/workbook/xlsx/node';
import { snapshotFromWorkbook } from '../../src/workbook/xlsx/readSnapshot';
import { fixturesDir } from '../cli/helpers';

async function lvliang() {
  const { workbook } = await readXlsxFile(path.join(await fixturesDir(), EXPECTED['lvliang-2020'].file));
  return workbook;
}

const leaf = (run: ReturnType<typeof scoreWorkbook>, name: string) => run.report!.indicators.find((i) => i.path[i.path.length - 1] === name)!;

const corrections: IndicatorOverride[] = [
  { path: ['产出', '产出质量', '话务接通率'], ruleText: '平均接通率不低于90%，每低1%扣1分，扣完为止' },
  { path: ['热线整合完成率'], actual: '50%' },
];

test('a preview with corrections writes nothing; scoring with them saves a 评分规则 sheet that later runs read', async () => {
  const wb = await lvliang();
  const preview = scoreWorkbook(snapshotFromWorkbook(wb), { overrides: corrections, writeBack: false });
  expect(preview.patch.ops).toEqual([]);
  expect(leaf(preview, '话务接通率').score).toBe(5);
  expect(leaf(preview, '热线整合完成率').score).toBe(1);

  const run = scoreWorkbook(snapshotFromWorkbook(wb), { overrides: corrections });
  expect(run.ok).toBe(true);
  const op = run.patch.ops.find((o) => o.sheet === '评分规则');
  expect(op).toMatchObject({ kind: 'create' });
  expect(applyPatch(wb, run.patch)).toMatchObject({ ok: true });

  // Reopen and score with no corrections passed: the sheet carries them.
  const reopened = await loadWorkbook(await saveWorkbook(wb));
  const rules = reopened.getWorksheet('评分规则')!;
  expect(rules.getRow(1).values).toEqual([, '指标', '评分标准', '数据来源', '实际值']);
  expect(rules.getCell('A2').value).toBe('产出/产出质量/话务接通率');
  expect(rules.getCell('B2').value).toBe(corrections[0].ruleText);
  expect(rules.getCell('A3').value).toBe('热线整合完成率');
  expect(rules.getCell('D3').value).toBe('50%');
  const again = scoreWorkbook(snapshotFromWorkbook(reopened));
  expect(leaf(again, '话务接通率').score).toBe(5);
  expect(leaf(again, '热线整合完成率').score).toBe(1);
  expect(again.report!.total).toBe(run.report!.total);

  // Undo removes the sheet it created.
  const undo = undoLastRun(snapshotFromWorkbook(reopened));
  expect(undo.ok).toBe(true);
  expect(applyPatch(reopened, undo.patch)).toMatchObject({ ok: true });
  expect(reopened.getWorksheet('评分规则')).toBeUndefined();
  expect(scoreWorkbook(snapshotFromWorkbook(reopened)).report!.total).toBe(85.6);
});

test('an existing 评分规则 sheet is updated in place: matching row, new row, added column', async () => {
  const wb = await lvliang();
  const ws = wb.addWorksheet('评分规则');
  ws.addRow(['指标', '评分标准']);
  ws.addRow(['话务接通率', '平均接通率不低于95%，每低1%扣1分，扣完为止']);
  const run = scoreWorkbook(snapshotFromWorkbook(wb), { overrides: corrections });
  expect(run.ok).toBe(true);
  const op = run.patch.ops.find((o) => o.sheet === '评分规则');
  expect(op?.kind).toBe('edit');
  expect(applyPatch(wb, run.patch)).toMatchObject({ ok: true });
  expect(ws.getCell('A2').value).toBe('话务接通率'); // the evaluator's wording of the name stays
  expect(ws.getCell('B2').value).toBe(corrections[0].ruleText);
  expect(ws.getCell('C1').value).toBe('实际值');
  expect(ws.getCell('A3').value).toBe('热线整合完成率');
  expect(ws.getCell('C3').value).toBe('50%');
  expect(ws.rowCount).toBe(3);

  // Undo restores the row the evaluator had typed.
  const undo = undoLastRun(snapshotFromWorkbook(wb));
  expect(applyPatch(wb, undo.patch)).toMatchObject({ ok: true });
  expect(ws.getCell('B2').value).toBe('平均接通率不低于95%，每低1%扣1分，扣完为止');
  expect(ws.getCell('A3').value).toBeNull();
  expect(ws.getCell('C1').value).toBeNull();
});

test('an indicator sheet picked in the pane stays picked for later runs (kept in the record)', async () => {
  const wb = await lvliang();
  const original = wb.getWorksheet('附件1 评分表')!;
  // A second copy of the table, as an evaluator's working copy would be.
  const copy = wb.addWorksheet('评分表（修订）');
  original.eachRow({ includeEmpty: true }, (row, r) => row.eachCell({ includeEmpty: false }, (cell, c) => (copy.getCell(r, c).value = cell.value)));
  for (const range of original.model.merges ?? []) copy.mergeCells(range);
  // Two visible copies of the same table: nothing tells them apart, so the run stops and names both (issue 9).
  const detected = scoreWorkbook(snapshotFromWorkbook(wb), { writeBack: false });
  expect(detected.ok).toBe(false);
  expect(detected.findings[0]).toMatchObject({ code: 'AMBIGUOUS_INDICATOR_SHEET' });
  expect(detected.findings[0].message).toMatch(/附件1 评分表.*评分表（修订）|评分表（修订）.*附件1 评分表/);

  const picked = scoreWorkbook(snapshotFromWorkbook(wb), { indicatorSheet: '评分表（修订）' });
  expect(picked.report!.sheet).toBe('评分表（修订）');
  expect(applyPatch(wb, picked.patch)).toMatchObject({ ok: true });
  // The ribbon runs without the pane's option: the record says which sheet.
  expect(scoreWorkbook(snapshotFromWorkbook(wb)).report!.sheet).toBe('评分表（修订）');
  // Undo forgets the choice with the rest of the run.
  expect(applyPatch(wb, undoLastRun(snapshotFromWorkbook(wb)).patch)).toMatchObject({ ok: true });
  expect(scoreWorkbook(snapshotFromWorkbook(wb)).findings[0].code).toBe('AMBIGUOUS_INDICATOR_SHEET');
});
