/**
 * Judgements made in the pane are saved into a 逐项评分 sheet when the
 * evaluator scores with them; a reopened workbook (ExcelJS through the xlsx
 * adapter) reads the same judgements back; judgements typed into the sheet
 * count too; undo removes the sheet it created.
 */
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { EXPECTED } from '../../scripts/fixtures/expected';
import { scoreWorkbook, undoLastRun, type ItemJudgement } from '../../src/engine';
import { applyPatch } from '../../src/workbook/xlsx/applyPatch';
import { loadWorkbook, saveWorkbook } from '../../src/workbook/xlsx/io';
import { readXlsxFile } from '../../src/workbook/xlsx/node';
import { snapshotFromWorkbook } from '../../src/workbook/xlsx/readSnapshot';
import { fixturesDir } from '../cli/helpers';

const SHEET = '附件1 指标体系及评分表';
const PATH = ['项目决策', '绩效目标', '绩效指标明确性'];
const leaf = (run: ReturnType<typeof scoreWorkbook>, name = PATH[2]) => run.report!.indicators.find((i) => i.path[i.path.length - 1] === name)!;

/** 000 Haikou with the evaluator's typed score of 绩效指标明确性 (and its deduction) cleared: judged in the pane instead. */
async function haikou(): Promise<{ wb: ExcelJS.Workbook; row: number }> {
  const { workbook } = await readXlsxFile(path.join(await fixturesDir(), EXPECTED['haikou-2021'].file));
  const first = scoreWorkbook(snapshotFromWorkbook(workbook), { writeBack: false });
  const row = Number(leaf(first).cell.replace(/^[A-Z]+/, ''));
  const ws = workbook.getWorksheet(SHEET)!;
  for (const col of ['J', 'K', 'L']) ws.getCell(`${col}${row}`).value = null;
  return { wb: workbook, row };
}

const judgements: ItemJudgement[] = [
  { path: PATH, seq: 1, verdict: 'met' },
  { path: PATH, seq: 2, verdict: 'unmet', reason: '部分指标未设置可衡量的指标值' },
  { path: PATH, seq: 3, verdict: 'partial', points: 0.3, reason: '个别指标与计划数不对应' },
];
const NOTE = '部分指标未设置可衡量的指标值，扣0.5分；“与资金目标任务数或计划数相对应”部分符合，扣0.2分（个别指标与计划数不对应）；共扣0.7分，得1.3分';

function rowsOf(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  ws.eachRow((r) => out.push((r.values as unknown[]).slice(1)));
  return out;
}

test('judging in the pane writes score, 扣分说明 and a 逐项评分 sheet that a reopened workbook reads back; undo removes it', async () => {
  const { wb, row } = await haikou();
  const pending = scoreWorkbook(snapshotFromWorkbook(wb), { writeBack: false });
  expect(leaf(pending).source).toBe('pending');

  const run = scoreWorkbook(snapshotFromWorkbook(wb), { judgements });
  expect(run.ok).toBe(true);
  expect(leaf(run)).toMatchObject({ source: 'computed', score: 1.3, deduction: 0.7, note: NOTE });
  expect(run.report!.total).toBe(95.25);
  expect(run.patch.ops.find((o) => o.sheet === '逐项评分')).toMatchObject({ kind: 'create' });
  expect(applyPatch(wb, run.patch)).toMatchObject({ ok: true });

  const reopened = await loadWorkbook(await saveWorkbook(wb));
  const ws = reopened.getWorksheet(SHEET)!;
  expect(ws.getCell(`L${row}`).value).toBe(1.3);
  expect(ws.getCell(`K${row}`).value).toBe(0.7);
  expect(ws.getCell(`J${row}`).value).toBe(NOTE);
  const sheet = reopened.getWorksheet('逐项评分')!;
  const rows = rowsOf(sheet);
  expect(rows[0]).toEqual(['指标', '序号', '评分要点', '分值', '判断', '得分', '理由']);
  const mine = rows.filter((r) => r[0] === PATH.join('/'));
  expect(mine).toEqual([
    [PATH.join('/'), 1, '将绩效目标细化分解为具体的绩效指标', 1, '符合', 1],
    [PATH.join('/'), 2, '通过清晰、可衡量的指标值予以体现', 0.5, '不符合', 0, '部分指标未设置可衡量的指标值'],
    [PATH.join('/'), 3, '与资金目标任务数或计划数相对应', 0.5, '部分', 0.3, '个别指标与计划数不对应'],
  ]);
  // Every checklist indicator gets its rows, so the evaluator can go on judging in Excel.
  expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(14);

  // Reopened and scored with nothing from the pane: the sheet carries the judgements.
  const again = scoreWorkbook(snapshotFromWorkbook(reopened));
  expect(again.ok).toBe(true);
  expect(leaf(again)).toMatchObject({ source: 'computed', score: 1.3, note: NOTE });
  expect(leaf(again).items!.map((i) => [i.seq, i.verdict, i.awarded, i.reason])).toEqual(leaf(run).items!.map((i) => [i.seq, i.verdict, i.awarded, i.reason]));
  // The judgement sheet is neither an indicator table nor a data sheet nor a sheet to pick.
  expect(again.report!.sheet).toBe(SHEET);
  expect(again.report!.detection!.sheets).not.toContain('逐项评分');
  expect(again.report!.total).toBe(95.25);

  // Undo removes the created sheet and restores the cleared cells.
  const undo = undoLastRun(snapshotFromWorkbook(reopened));
  expect(undo.ok).toBe(true);
  expect(undo.message).toContain('逐项评分');
  expect(applyPatch(reopened, undo.patch)).toMatchObject({ ok: true });
  const restored = await loadWorkbook(await saveWorkbook(reopened));
  expect(restored.getWorksheet('逐项评分')).toBeUndefined();
  expect(restored.getWorksheet(SHEET)!.getCell(`L${row}`).value).toBeNull();
  expect(leaf(scoreWorkbook(snapshotFromWorkbook(restored), { writeBack: false })).source).toBe('pending');
});

test('judgements typed into the sheet count; the pane wins and updates the rows in place', async () => {
  const { wb, row } = await haikou();
  expect(applyPatch(wb, scoreWorkbook(snapshotFromWorkbook(wb), { judgements }).patch)).toMatchObject({ ok: true });
  const reopened = await loadWorkbook(await saveWorkbook(wb));
  const sheet = reopened.getWorksheet('逐项评分')!;
  const rowOf = (seq: number) => rowsOf(sheet).findIndex((r) => r[0] === PATH.join('/') && r[1] === seq) + 1;
  // In Excel: item 3 now judged 符合.
  sheet.getCell(`E${rowOf(3)}`).value = '符合';
  const typed = scoreWorkbook(snapshotFromWorkbook(reopened), { writeBack: false });
  expect(leaf(typed)).toMatchObject({ source: 'computed', score: 1.5 });

  // The pane judges item 2 符合 as well: it wins over the sheet and is written into its row.
  const run = scoreWorkbook(snapshotFromWorkbook(reopened), { judgements: [{ path: PATH, seq: 2, verdict: 'met' }] });
  expect(leaf(run)).toMatchObject({ source: 'computed', score: 2, deduction: 0, note: '逐项判断：3项均符合，得满分2分' });
  const op = run.patch.ops.find((o) => o.sheet === '逐项评分')!;
  expect(op.kind).toBe('edit');
  expect(applyPatch(reopened, run.patch)).toMatchObject({ ok: true });
  expect([sheet.getCell(`E${rowOf(2)}`).value, sheet.getCell(`F${rowOf(2)}`).value, sheet.getCell(`G${rowOf(2)}`).value]).toEqual(['符合', 0.5, null]);
  expect(reopened.getWorksheet(SHEET)!.getCell(`L${row}`).value).toBe(2);

  // An unreadable judgement in the sheet is a finding at its cell, not a guess.
  sheet.getCell(`E${rowOf(1)}`).value = '还行';
  const odd = scoreWorkbook(snapshotFromWorkbook(reopened), { writeBack: false });
  expect(odd.findings.find((f) => f.code === 'JUDGEMENT_UNREADABLE')).toMatchObject({ sheet: '逐项评分', cell: `E${rowOf(1)}` });
});

test('without judgements nothing changes: no 逐项评分 sheet, the published total', async () => {
  const { workbook } = await readXlsxFile(path.join(await fixturesDir(), EXPECTED['haikou-2021'].file));
  const run = scoreWorkbook(snapshotFromWorkbook(workbook));
  expect(run.report!.total).toBe(95.95);
  expect(run.patch.ops.some((o) => o.sheet === '逐项评分')).toBe(false);
});
