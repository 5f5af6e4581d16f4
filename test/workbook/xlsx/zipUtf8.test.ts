/**
 * Rare CJK characters (Extension B: one surrogate pair each) survive a save and
 * reload, wherever they fall in a long shared-strings part: the engine's record
 * and the evaluator's notes hold such text. Without the fix in
 * src/workbook/xlsx/zipUtf8.ts, the character straddling a 16 K-unit slice of
 * the part comes back as U+FFFD.
 */
import ExcelJS from 'exceljs';
import '../../../src/workbook/xlsx/node';
import { loadWorkbook, saveWorkbook } from '../../../src/workbook/xlsx/io';

const EXT_B = '𠀀𠀁𠀂𡈽𤭢𪚥';

test.each([1, 2, 3, 5])('a %i-unit offset before 40,000 units of Extension B text', async (offset) => {
  const text = 'x'.repeat(offset) + EXT_B.repeat(6700);
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('记录').getCell('A1').value = text;
  const back = await loadWorkbook(await saveWorkbook(wb));
  const got = back.getWorksheet('记录')!.getCell('A1').value as string;
  expect(got.includes('\uFFFD')).toBe(false);
  expect(got).toBe(text);
});
