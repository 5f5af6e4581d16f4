/**
 * The ribbon's 校验 on the strict simulator, installed from Microsoft
 * Marketplace (showAsTaskpane resolves and shows nothing) and sideloaded.
 */
import { createHandlers } from '../../src/commands/commands';
import { setPaneVisible, watchPaneVisibility } from '../../src/commands/paneState';
import { sampleSnapshot } from '../workbook/office/simulate';
import { StrictExcel, dumpCells, officeGlobals, profile, sheetOf, workbookFromSnapshot, type SheetSpec } from '../workbook/office/strictExcel';

const g = globalThis as unknown as { Office?: unknown; Excel?: unknown };
afterEach(() => {
  delete g.Office;
  delete g.Excel;
  setPaneVisible(false);
});

async function validateFromRibbon(marketplace: boolean, extra: SheetSpec[] = []) {
  const wb = workbookFromSnapshot(await sampleSnapshot('lvliang-2020-as-published.xlsx'));
  wb.sheets.push(...extra.map(sheetOf));
  const excel = new StrictExcel(wb, profile('web'));
  const globals = officeGlobals(() => excel, { marketplace });
  g.Office = globals.Office;
  g.Excel = globals.Excel;
  setPaneVisible(false);
  watchPaneVisibility();
  const completed = jest.fn();
  await createHandlers().validateWorkbook({ completed });
  return { excel, globals, completed };
}

it('Marketplace: the pane never shows, so 校验 writes 校验结果 and selects it', async () => {
  const { excel, globals, completed } = await validateFromRibbon(true);
  expect(globals.paneShown()).toBe(0);
  const results = excel.workbook.sheets.find((s) => s.name === '校验结果');
  expect(results).toBeDefined();
  expect(excel.workbook.activeSheetId).toBe(results!.id);
  expect(completed).toHaveBeenCalledTimes(1);
  // Every ribbon batch asked to wait for a cell edit (ExcelApi 1.11 on this host).
  expect(globals.runOptions.length).toBeGreaterThan(0);
  expect(globals.runOptions.every((o) => (o as { delayForCellEdit?: boolean }).delayForCellEdit === true)).toBe(true);
});

it("Marketplace, with a sheet of the user named 校验结果: selects the sheet the results went into, and leaves the user's alone", async () => {
  const mine: SheetSpec = { name: '校验结果', rows: [['我的校验记录'], ['2023-05-01', '已核对']] };
  const { excel, completed } = await validateFromRibbon(true, [mine]);
  const results = excel.workbook.sheets.find((s) => s.name === '校验结果(新)');
  expect(results).toBeDefined();
  expect(excel.workbook.activeSheetId).toBe(results!.id);
  expect(dumpCells(excel.workbook, ['校验结果'])).toEqual(['校验结果!A1 "我的校验记录"|', '校验结果!A2 "2023-05-01"|', '校验结果!B2 "已核对"|']);
  expect(completed).toHaveBeenCalledTimes(1);
});

it('sideloaded: the pane shows the findings and the workbook is left alone', async () => {
  const { excel, globals, completed } = await validateFromRibbon(false);
  expect(globals.paneShown()).toBe(1);
  expect(excel.workbook.sheets.map((s) => s.name)).not.toContain('校验结果');
  expect(completed).toHaveBeenCalledTimes(1);
});
