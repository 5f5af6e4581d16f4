/**
 * One truth per fact: a corrected actual value lands in its 实际值 cell as well as 评分规则 (and
 * undo brings the old value back); a score and reason the evaluator gives in the pane land in
 * 得分, 扣分 and 扣分说明, say what they replaced, and are kept for later runs.
 */
import { scoreWorkbook, undoLastRun } from '../../../src/engine';
import { applyPatch } from '../../../src/workbook/xlsx/applyPatch';
import { buildHaikou2021, HAIKOU_SHEET } from '../../../scripts/fixtures/haikou2021';
import { typedActual } from '../../../src/engine/writeback/indicatorSheet';
import { reread } from '../../workbook/xlsx/helpers';

const FUNDS = ['项目管理', '资金管理', '资金到位率'];
const JUDGED = ['项目管理', '业务管理', '业务管理规范性'];

test('typedActual keeps the cell a number in its own format', () => {
  expect(typedActual('80%', '0%')).toEqual({ value: 0.8, numberFormat: '0%' });
  expect(typedActual('99.5%', null)).toEqual({ value: 0.995, numberFormat: '0.0%' });
  expect(typedActual('12', null)).toEqual({ value: 12 });
  expect(typedActual('33.52万件', null)).toEqual({ value: '33.52万件' });
});

test('a corrected actual value is written into 实际值, 扣分说明 and 评分规则; undo restores the old value', async () => {
  const { workbook, snapshot } = await reread(buildHaikou2021());
  const run = scoreWorkbook(snapshot, { overrides: [{ path: FUNDS, actual: '80%' }] });
  expect(run.ok).toBe(true);
  const leaf = run.report!.indicators.find((i) => i.path[2] === '资金到位率')!;
  expect(leaf.score).toBe(1.6);
  expect(run.findings.find((f) => f.code === 'CELL_REPLACED')).toMatchObject({ cell: 'G9', actual: '1' });
  expect(applyPatch(workbook, run.patch)).toEqual({ ok: true });
  const after = await reread(workbook);
  const ws = after.workbook.getWorksheet(HAIKOU_SHEET)!;
  expect(ws.getCell('G9').value).toBe(0.8);
  expect(ws.getCell('G9').numFmt).toBe('0%');
  expect(ws.getCell('L9').value).toBe(1.6);
  expect(String(ws.getCell('J9').value)).toContain('80%');
  const rules = after.workbook.getWorksheet('评分规则')!;
  expect(rules.getCell('D2').value).toBe('80%');
  // A second run (from the ribbon: no pane corrections, the 评分规则 sheet has them) changes nothing.
  const again = scoreWorkbook(after.snapshot);
  expect(again.report!.indicators.find((i) => i.path[2] === '资金到位率')!.score).toBe(1.6);
  expect(applyPatch(after.workbook, again.patch)).toEqual({ ok: true });
  const twice = await reread(after.workbook);
  const undo = undoLastRun(twice.snapshot);
  expect(applyPatch(twice.workbook, undo.patch)).toEqual({ ok: true });
  const back = (await reread(twice.workbook)).workbook.getWorksheet(HAIKOU_SHEET)!;
  expect(back.getCell('G9').value).toBe(1);
  expect(back.getCell('L9').value).toBeNull();
});

test('an evaluator-scored indicator takes a score and a reason from the pane', async () => {
  const { workbook, snapshot } = await reread(buildHaikou2021());
  const reason = '部分业务台账未按月归档，扣1分';
  const run = scoreWorkbook(snapshot, { overrides: [{ path: JUDGED, score: '3', reason }] });
  const leaf = run.report!.indicators.find((i) => i.path[2] === '业务管理规范性')!;
  expect(leaf).toMatchObject({ score: 3, deduction: 1, source: 'entered', note: reason });
  expect(run.findings.filter((f) => f.code === 'CELL_REPLACED').map((f) => f.cell)).toEqual(expect.arrayContaining(['L15', 'K15', 'J15']));
  expect(applyPatch(workbook, run.patch)).toEqual({ ok: true });
  const after = await reread(workbook);
  const ws = after.workbook.getWorksheet(HAIKOU_SHEET)!;
  expect(ws.getCell('L15').value).toBe(3);
  expect(ws.getCell('K15').value).toBe(1);
  expect(ws.getCell('J15').value).toBe(reason);
  const rules = after.workbook.getWorksheet('评分规则')!;
  expect(rules.getCell('E1').value).toBe('得分');
  expect(rules.getCell('E2').value).toBe('3');
  expect(rules.getCell('F2').value).toBe(reason);
  // Kept on the next run (the 评分规则 sheet carries it).
  const again = scoreWorkbook(after.snapshot);
  expect(again.report!.indicators.find((i) => i.path[2] === '业务管理规范性')).toMatchObject({ score: 3, note: reason });
  expect(again.report!.total).toBe(96.95);
});
