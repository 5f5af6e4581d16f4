/** Issue 12: `review` over many workbooks, and `detect`. */
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { PUBLISHED } from '../../scripts/fixtures/published';
import { cli, fixturesDir, tempDir } from './helpers';

async function folder(): Promise<string> {
  const dir = tempDir('pe-review-');
  const seeds = await fixturesDir();
  for (const f of ['lvliang-2020.xlsx', 'qixia-2022.xlsx']) copyFileSync(path.join(seeds, f), path.join(dir, f));
  for (const p of PUBLISHED.filter((x) => x.file.startsWith('form-'))) await p.build().xlsx.writeFile(path.join(dir, p.file));
  writeFileSync(path.join(dir, 'broken.xlsx'), 'not a workbook');
  return dir;
}

test('review in this thread: one row per workbook, every finding with file and cell, unreadable files listed', async () => {
  const dir = await folder();
  const out = path.join(dir, '审核汇总.xlsx');
  const r = await cli('review', dir, '--score', '--jobs', '1', '--out', out);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/已审核 6 个工作簿/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const sum = wb.getWorksheet('审核汇总')!;
  const rows = sum.getSheetValues().slice(2) as unknown[][];
  const byFile = new Map(rows.map((row) => [path.basename(String(row[1])), row]));
  expect(byFile.get('broken.xlsx')![8]).toMatch(/^无法读取/);
  expect(byFile.get('lvliang-2020.xlsx')![4]).toBe(85.6);
  expect(byFile.get('lvliang-2020.xlsx')![5]).toBe('良');
  expect(byFile.get('form-chizhou-2022.xlsx')![2]).toBe('委托业务项目');
  const all = wb.getWorksheet('问题清单')!.getSheetValues().slice(2) as unknown[][];
  const hit = all.find((row) => path.basename(String(row[1])) === 'form-contradictory.xlsx' && row[3] === 'FORM_TARGET_AS_ACTUAL');
  expect(hit).toBeTruthy();
  expect(hit![5]).toBe('F9');
});

test('review on worker threads (through the bin) gives the same rows', async () => {
  const dir = await folder();
  const bin = path.join(__dirname, '..', '..', 'bin', 'perf-eval.js');
  const r = spawnSync(process.execPath, [bin, 'review', dir, '--score', '--jobs', '2', '--json'], { encoding: 'utf8' });
  expect(r.status).toBe(1);
  const rows = JSON.parse(r.stdout) as { file: string; total: number | null; status: string }[];
  expect(rows).toHaveLength(6);
  expect(rows.find((x) => x.file.endsWith('qixia-2022.xlsx'))!.total).toBe(92.31);
  expect(rows.find((x) => x.file.endsWith('broken.xlsx'))!.status).toMatch(/^无法读取/);
}, 60000);

test('detect says which column got which role and why', async () => {
  const dir = tempDir('pe-detect-');
  const file = path.join(dir, 'kaoping.xlsx');
  await PUBLISHED[0].build().xlsx.writeFile(file);
  const r = await cli('detect', file);
  expect(r.code).toBe(0);
  const j = JSON.parse(r.stdout);
  const max = j.tables[0].columns.find((c: { role: string }) => c.role === 'max3');
  expect(max).toMatchObject({ column: 7, header: '权数' });
  expect(max.why).toMatch(/权数/);
});
