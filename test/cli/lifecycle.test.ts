/**
 * Running twice gives the same workbook, nothing the evaluator typed is lost,
 * undo restores the file, and unusable input ends in a clear message with
 * nothing written.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { EXPECTED } from '../../scripts/fixtures/expected';
import type { SheetSnapshot, WorkbookSnapshot } from '../../src/engine/snapshot';
import { readXlsxFile } from '../../src/workbook/xlsx/node';
import { cli, fixturesDir, tempDir } from './helpers';

const LV = EXPECTED['lvliang-2020'];

/** Values and formulas only, trailing empties trimmed: what a person sees in the cells. */
function content(s: SheetSnapshot) {
  const trim = <T>(rows: T[][]) => rows.map((r) => {
    const x = [...r];
    while (x.length && (x[x.length - 1] === null || x[x.length - 1] === '')) x.pop();
    return x;
  });
  const values = trim(s.values);
  while (values.length && values[values.length - 1].length === 0) values.pop();
  return { name: s.name, values, formulas: trim(s.formulas).slice(0, values.length), merges: [...s.merges].sort() };
}

function contents(w: WorkbookSnapshot) {
  return w.sheets.map(content);
}

async function lvliang(): Promise<string> {
  return path.join(await fixturesDir(), LV.file);
}

test('scoring a scored workbook again gives the same workbook', async () => {
  const dir = tempDir();
  const once = path.join(dir, 'once.xlsx');
  const twice = path.join(dir, 'twice.xlsx');
  expect((await cli('score', await lvliang(), '--out', once)).code).toBe(0);
  const r = await cli('score', once, '--out', twice, '--json');
  expect(r.code).toBe(0);
  const json = JSON.parse(r.stdout);
  expect(json.total).toBe(85.6);
  // Scores the engine wrote itself are recognised as its own, not as evaluator entries.
  expect(json.indicators.filter((i: { source: string }) => i.source === 'computed')).toHaveLength(
    LV.leaves.filter((l) => !l.entered).length,
  );
  const a = await readXlsxFile(once);
  const b = await readXlsxFile(twice);
  expect(contents(b.snapshot)).toEqual(contents(a.snapshot));
});

test('a score the evaluator typed over a computable indicator is kept and questioned', async () => {
  const dir = tempDir();
  const src = path.join(dir, 'typed.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await lvliang());
  const ws = wb.getWorksheet(LV.sheet)!;
  let row = 0;
  ws.eachRow((r, n) => {
    if (r.getCell(5).value === '话务接通率') row = n;
  });
  expect(row).toBeGreaterThan(0);
  ws.getCell(row, 8).value = 3; // 得分 column: the rule gives 4
  await wb.xlsx.writeFile(src);
  const out = path.join(dir, 'out.xlsx');
  const r = await cli('score', src, '--out', out, '--json');
  expect(r.code).toBe(0);
  const json = JSON.parse(r.stdout);
  const ind = json.indicators.find((i: { path: string[] }) => i.path[2] === '话务接通率');
  expect([ind.score, ind.source]).toEqual([3, 'entered']);
  expect(json.total).toBe(84.6);
  const f = json.findings.find((x: { code: string }) => x.code === 'SCORE_DIFFERS_FROM_RULE');
  expect([f.cell, f.expected, f.actual]).toEqual([`H${row}`, '4', '3']);
  const { snapshot } = await readXlsxFile(out);
  const sheet = snapshot.sheets.find((s) => s.name === LV.sheet)!;
  expect(sheet.values[row - 1][7]).toBe(3);
});

test('undo restores every touched cell and removes the created sheets', async () => {
  const dir = tempDir();
  const scored = path.join(dir, 'scored.xlsx');
  const restored = path.join(dir, 'restored.xlsx');
  expect((await cli('score', await lvliang(), '--out', scored)).code).toBe(0);
  const r = await cli('undo', scored, '--out', restored);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/已恢复\d+个单元格/);
  const original = await readXlsxFile(await lvliang());
  const back = await readXlsxFile(restored);
  expect(contents(back.snapshot)).toEqual(contents(original.snapshot));
  // Nothing left to undo.
  expect((await cli('undo', restored, '--out', path.join(dir, 'again.xlsx'))).code).toBe(2);
});

describe('unusable input: a clear message, exit 2, nothing written', () => {
  async function expectRefused(file: string, message: RegExp) {
    const out = path.join(tempDir(), 'out.xlsx');
    const r = await cli('score', file, '--out', out, '--json');
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
    return r;
  }

  async function save(build: (wb: ExcelJS.Workbook) => void | Promise<void>): Promise<string> {
    const wb = new ExcelJS.Workbook();
    await build(wb);
    const file = path.join(tempDir(), 'in.xlsx');
    await wb.xlsx.writeFile(file);
    return file;
  }

  test('missing file', async () => {
    await expectRefused(path.join(tempDir(), 'nope.xlsx'), /不存在|找不到/);
  });

  test('not an xlsx file', async () => {
    const file = path.join(tempDir(), 'bad.xlsx');
    writeFileSync(file, 'this is not a workbook');
    await expectRefused(file, /xlsx|不是/);
  });

  test('password-protected (encrypted) file', async () => {
    const file = path.join(tempDir(), 'enc.xlsx');
    const ole = Buffer.alloc(1024);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    writeFileSync(file, ole);
    await expectRefused(file, /加密|密码|xls/);
  });

  test('no indicator sheet', async () => {
    const file = await save((wb) => {
      const ws = wb.addWorksheet('数据');
      ws.addRow(['月份', '话务量']);
      ws.addRow(['2020年7月', 11389]);
    });
    await expectRefused(file, /没有找到指标评分表/);
  });

  test('an empty sheet', async () => {
    const file = await save((wb) => {
      wb.addWorksheet('Sheet1');
    });
    await expectRefused(file, /没有找到指标评分表/);
  });

  test('text in a number cell', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await lvliang());
    wb.getWorksheet(LV.sheet)!.getCell('H3').value = '五分';
    const file = path.join(tempDir(), 'text.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await expectRefused(file, /“五分”不是数字（附件1 评分表!H3）/);
    const json = JSON.parse(r.stdout);
    expect(json.findings.find((f: { code: string }) => f.code === 'SCORE_NOT_A_NUMBER').cell).toBe('H3');
  });

  test('unreadable monthly data an indicator depends on', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await lvliang());
    const data = wb.worksheets.find((w) => w.name.startsWith('附件3'))!;
    data.getCell('C5').value = '约一万七';
    const file = path.join(tempDir(), 'data.xlsx');
    await wb.xlsx.writeFile(file);
    await expectRefused(file, /话务量.*无法读取/);
  });

  test('a protected indicator sheet', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await lvliang());
    await wb.getWorksheet(LV.sheet)!.protect('secret', {});
    const file = path.join(tempDir(), 'protected.xlsx');
    await wb.xlsx.writeFile(file);
    const out = path.join(tempDir(), 'out.xlsx');
    const r = await cli('score', file, '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/保护/);
    expect(existsSync(out)).toBe(false);
  });

  test('usage errors', async () => {
    expect((await cli('score')).code).toBe(2);
    expect((await cli('frobnicate', await lvliang())).code).toBe(2);
    expect((await cli('score', await lvliang(), '--bogus')).code).toBe(2);
  });
});
