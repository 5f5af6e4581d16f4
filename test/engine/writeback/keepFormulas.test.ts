/**
 * The evaluator's formulas survive scoring: 扣分 `=D9-L9` and a consistent 合计 SUM stay formulas
 * (with results on the new scores), a 合计 that omits a row is an error at its cell and is left as
 * it is, 评分汇总 states both figures, and undo gives back the workbook as it was.
 */
import ExcelJS from 'exceljs';
import { scoreWorkbook, undoLastRun } from '../../../src/engine';
import { applyPatch } from '../../../src/workbook/xlsx/applyPatch';
import { buildHaikouLiveFormulas, liveFormulaLayout } from '../../../scripts/fixtures/liveFormulas';
import { HAIKOU_SHEET } from '../../../scripts/fixtures/haikou2021';
import { reread } from '../../workbook/xlsx/helpers';

const lay = liveFormulaLayout();

function formulaOf(ws: ExcelJS.Worksheet, a1: string): string | undefined {
  const v = ws.getCell(a1).value as ExcelJS.CellFormulaValue | null;
  return v && typeof v === 'object' && 'formula' in v ? v.formula : undefined;
}
function resultOf(ws: ExcelJS.Worksheet, a1: string): unknown {
  const v = ws.getCell(a1).value as ExcelJS.CellFormulaValue | null;
  return v && typeof v === 'object' && 'formula' in v ? v.result : v;
}

async function scored() {
  const { workbook, snapshot } = await reread(buildHaikouLiveFormulas());
  const run = scoreWorkbook(snapshot);
  expect(applyPatch(workbook, run.patch)).toEqual({ ok: true });
  return { run, ...(await reread(workbook)) };
}

test('the live-formula fixture shows 90.95 where the indicators give 95.95', async () => {
  const { workbook } = await reread(buildHaikouLiveFormulas());
  const ws = workbook.getWorksheet(HAIKOU_SHEET)!;
  expect(lay.totalShown).toBe(90.95);
  expect(formulaOf(ws, `L${lay.totalRow}`)).toBe(lay.totalFormula.slice(1));
  expect(formulaOf(ws, 'K9')).toBe('D9-L9');
});

test('a 合计 formula that omits a row is an error at its cell, naming both figures and the row', async () => {
  const { snapshot } = await reread(buildHaikouLiveFormulas());
  const run = scoreWorkbook(snapshot);
  expect(run.ok).toBe(true);
  expect(run.report!.total).toBe(95.95);
  const f = run.findings.find((x) => x.code === 'FORMULA_DISAGREES');
  expect(f).toMatchObject({ severity: 'error', sheet: HAIKOU_SHEET, cell: `L${lay.totalRow}`, expected: 95.95, actual: 90.95 });
  expect(f!.message).toContain(`L${lay.omittedRow}（营商环境专席设置）`);
  // Consistent formulas are no finding at all (no “未覆盖” hints for the 扣分 column).
  expect(run.findings.filter((x) => x.code === 'CELL_KEPT')).toEqual([]);
});

test('the error is shown in a preview too (before anything is written)', async () => {
  const { snapshot } = await reread(buildHaikouLiveFormulas());
  const run = scoreWorkbook(snapshot, { writeBack: false });
  expect(run.patch.ops).toEqual([]);
  expect(run.findings.some((x) => x.code === 'FORMULA_DISAGREES' && x.severity === 'error')).toBe(true);
});

test('consistent formulas stay formulas with results on the new scores; the wrong 合计 is untouched', async () => {
  const { workbook } = await scored();
  const ws = workbook.getWorksheet(HAIKOU_SHEET)!;
  for (let r = lay.firstLeafRow; r <= lay.lastLeafRow; r++) expect(formulaOf(ws, `K${r}`)).toBe(`D${r}-L${r}`);
  expect(resultOf(ws, 'L10')).toBe(3.98);
  expect(resultOf(ws, 'K10')).toBe(0.02);
  expect(resultOf(ws, 'K17')).toBe(1.53);
  expect(formulaOf(ws, `K${lay.totalRow}`)).toBe(`SUM(K${lay.firstLeafRow}:K${lay.lastLeafRow})`);
  expect(resultOf(ws, `K${lay.totalRow}`)).toBe(4.05);
  expect(formulaOf(ws, `L${lay.totalRow}`)).toBe(lay.totalFormula.slice(1));
  expect(resultOf(ws, `L${lay.totalRow}`)).toBe(90.95);
});

test('评分汇总 states both figures with a link to the formula', async () => {
  const { workbook } = await scored();
  const summary = workbook.getWorksheet('评分汇总')!;
  const texts: string[] = [];
  summary.eachRow((row) =>
    row.eachCell((c) => texts.push(typeof c.value === 'object' && c.value && 'text' in c.value ? String(c.value.text) : String(c.value))),
  );
  const line = texts.find((t) => t.includes('90.95'));
  expect(line).toBeDefined();
  expect(line).toContain('95.95');
});

test('scoring again keeps the formulas; undo restores the workbook as the evaluator left it', async () => {
  const first = await scored();
  const again = scoreWorkbook(first.snapshot);
  expect(again.findings.filter((x) => x.code === 'FORMULA_DISAGREES')).toHaveLength(1);
  expect(applyPatch(first.workbook, again.patch)).toEqual({ ok: true });
  const second = await reread(first.workbook);
  const ws2 = second.workbook.getWorksheet(HAIKOU_SHEET)!;
  expect(formulaOf(ws2, 'K10')).toBe('D10-L10');
  const undo = undoLastRun(second.snapshot);
  expect(undo.ok).toBe(true);
  expect(applyPatch(second.workbook, undo.patch)).toEqual({ ok: true });
  const back = await reread(second.workbook);
  const ws = back.workbook.getWorksheet(HAIKOU_SHEET)!;
  expect(formulaOf(ws, 'K10')).toBe('D10-L10');
  expect(ws.getCell('L10').value).toBeNull();
  expect(formulaOf(ws, `L${lay.totalRow}`)).toBe(lay.totalFormula.slice(1));
  expect(back.workbook.getWorksheet('评分汇总')).toBeUndefined();
});
