/**
 * Written cells look like their table: an added 扣分/扣分说明 column is bordered on every table
 * row with the table's font, notes wrap (also in the sheet's own column), a note longer than a
 * cell holds is shortened with a pointer, and the 校验结果 sheet shows figures as numbers.
 */
import ExcelJS from 'exceljs';
import { scoreWorkbook, validateWorkbook } from '../../../src/engine';
import { applyPatch } from '../../../src/workbook/xlsx/applyPatch';
import { buildLvliang2020 } from '../../../scripts/fixtures/lvliang2020';
import { buildHaikouAsPublished } from '../../../scripts/fixtures/asPublished';
import { EXPECTED } from '../../../scripts/fixtures/expected';
import { CELL_LIMIT, fitNote } from '../../../src/engine/writeback/indicatorSheet';
import { categoryOf } from '../../../src/engine/writeback/resultsSheet';
import { reread } from '../../workbook/xlsx/helpers';

test('fitNote shortens past the cell limit at a clause, with a pointer, and leaves short notes alone', () => {
  expect(fitNote('短')).toBe('短');
  const months = Array.from({ length: 40000 }, (_, i) => `第${i + 1}月`).join('、');
  const cut = fitNote(months);
  expect(cut.length).toBeLessThanOrEqual(CELL_LIMIT);
  expect(/…（全文共[\d,]+字，详见评分汇总）$/.test(cut)).toBe(true);
  expect(cut.slice(0, cut.lastIndexOf('…（')).endsWith('月')).toBe(true); // cut after a whole clause
});

test('added columns are bordered down the table, in the table font; notes wrap', async () => {
  const { workbook, snapshot } = await reread(buildLvliang2020());
  const run = scoreWorkbook(snapshot);
  expect(run.report!.total).toBe(85.6);
  expect(applyPatch(workbook, run.patch)).toEqual({ ok: true });
  const ws = (await reread(workbook)).workbook.getWorksheet(EXPECTED['lvliang-2020'].sheet)!;
  const header: Record<string, number> = {};
  let headRow = 0;
  ws.eachRow((row, n) =>
    row.eachCell((c, col) => {
      if (c.value === '扣分说明' || c.value === '扣分') {
        header[String(c.value)] = col;
        headRow = n;
      }
    }),
  );
  expect(header['扣分']).toBeDefined();
  let rows = 0;
  for (let r = headRow + 1; r <= ws.rowCount; r++) {
    const name = ws.getCell(r, 1).value;
    if (name === null && ws.getCell(r, 5).value === null) continue;
    for (const col of [header['扣分'], header['扣分说明']]) {
      const cell = ws.getCell(r, col);
      expect(cell.border?.top?.style).toBe('thin');
      if (cell.font) expect(cell.font.name).toBeTruthy();
    }
    const note = ws.getCell(r, header['扣分说明']);
    if (typeof note.value === 'string' && note.value) expect(note.alignment?.wrapText).toBe(true);
    rows++;
  }
  expect(rows).toBeGreaterThan(30);
  // Bold cells the engine wrote carry a named font.
  const summary = workbook.getWorksheet('评分汇总')!;
  summary.eachRow((row) => row.eachCell((c) => c.font?.bold && expect(c.font.name).toBeTruthy()));
});

test('校验结果: figures as numbers in a 0.00 format, Chinese categories, sorted by severity, links everywhere', async () => {
  const { workbook, snapshot } = await reread(buildHaikouAsPublished());
  const v = validateWorkbook(snapshot);
  expect(applyPatch(workbook, v.patch)).toEqual({ ok: true });
  const ws = (await reread(workbook)).workbook.getWorksheet('校验结果')!;
  expect(ws.getCell('H4').value).toBe('类别');
  expect(ws.getCell('I4').value).toBe('代码');
  const severities: string[] = [];
  for (let r = 5; r <= ws.rowCount; r++) {
    severities.push(String(ws.getCell(r, 2).value));
    expect(ws.getCell(r, 5).alignment?.wrapText).toBe(true);
    for (const c of [6, 7]) {
      const x = ws.getCell(r, c).value;
      if (typeof x === 'number') expect(String(x)).toMatch(/^-?\d+(\.\d{1,4})?$/);
    }
    const at = ws.getCell(r, 4).value as ExcelJS.CellHyperlinkValue | string | null;
    if (ws.getCell(r, 3).value) expect(typeof at === 'object' && at && 'hyperlink' in at).toBe(true);
  }
  const rank = { 错误: 0, 警告: 1, 提示: 2 } as Record<string, number>;
  expect(severities.map((s) => rank[s])).toEqual([...severities.map((s) => rank[s])].sort());
  expect(categoryOf('FORMULA_DISAGREES')).toBe('公式');
  expect(categoryOf('MAX_INCONSISTENT')).toBe('分值与合计');
});
