/**
 * Issue 12: the browser workbench reviews several uploaded files as the command line's
 * `review --score` does (the same rows, the same 审核汇总.xlsx), one after another with progress,
 * and an unreadable file is a row with the reason.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { buildReviewWorkbook, reviewFile, type ReviewRow } from '../../../src/cli/review';
import { reviewWorkbooks } from '../../../src/taskpane/workbench';
import { reviewStatusKind } from '../../../src/workbook/xlsx/review';

const SAMPLES = path.join(__dirname, '..', '..', '..', 'samples');
const FILES = ['lvliang-2020.xlsx', 'haikou-2021.xlsx', 'qixia-2022.xlsx'];
const TOTALS = [85.6, 95.95, 92.31];

const bytesOf = (file: string) => {
  const b = readFileSync(file);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};

/** The row without what differs by nature: the CLI names the file by its path, the browser by its name; timings. */
const comparable = (r: ReviewRow) => ({ ...r, file: path.basename(r.file), ms: 0 });

async function sheetValues(wb: ExcelJS.Workbook): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const ws of wb.worksheets) out[ws.name] = ws.getSheetValues().slice(1);
  return out;
}

describe('review in the browser workbench', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pe-review-browser-'));
  const broken = path.join(dir, 'broken.xlsx');
  writeFileSync(broken, 'not a workbook');
  const paths = [...FILES.map((f) => path.join(SAMPLES, f)), broken];

  it('gives the same rows as the command line, the samples scored and the unreadable file listed with the reason', async () => {
    const progress: string[] = [];
    const browser = await reviewWorkbooks(
      paths.map((p) => ({ name: path.basename(p), read: async () => bytesOf(p) })),
      (current, total) => progress.push(`${current}/${total}`),
    );
    expect(progress).toEqual(['1/4', '2/4', '3/4', '4/4']);
    const cli = await Promise.all(paths.map((p) => reviewFile(p, true)));
    expect(browser.rows.map(comparable)).toEqual(cli.map(comparable));

    expect(browser.rows.map((r) => r.file)).toEqual([...FILES, 'broken.xlsx']);
    expect(browser.rows.slice(0, 3).map((r) => r.total)).toEqual(TOTALS);
    expect(browser.rows.slice(0, 3).map((r) => r.grade)).toEqual(['良', '优', '优']);
    const bad = browser.rows[3];
    expect(bad).toMatchObject({ total: null, grade: null, errors: 1, warnings: 0 });
    expect(bad.status).toMatch(/^无法读取：“broken\.xlsx”不是有效的 \.xlsx 文件/);
    expect(reviewStatusKind(bad)).toEqual({ kind: 'unreadable', reason: expect.stringMatching(/^“broken\.xlsx”不是有效的/) });
    expect(bad.findings).toEqual([expect.objectContaining({ code: 'FILE_UNREADABLE', severity: 'error' })]);

    // 审核汇总.xlsx: the same sheets and cells as the CLI's --out for the same files (named as uploaded).
    const downloaded = new ExcelJS.Workbook();
    await downloaded.xlsx.load(browser.summary as unknown as ArrayBuffer);
    const fromCli = new ExcelJS.Workbook();
    await fromCli.xlsx.load(await buildReviewWorkbook(cli.map(comparable)).xlsx.writeBuffer());
    const got = await sheetValues(downloaded);
    expect(Object.keys(got)).toEqual(['审核汇总', '问题清单']);
    expect(got).toEqual(await sheetValues(fromCli));
    const summary = got['审核汇总'].slice(1) as unknown[][];
    expect(summary.map((r) => [r[1], r[4], r[5]])).toEqual([
      ['lvliang-2020.xlsx', 85.6, '良'],
      ['haikou-2021.xlsx', 95.95, '优'],
      ['qixia-2022.xlsx', 92.31, '优'],
      ['broken.xlsx', undefined, ''],
    ]);
    expect(String(summary[3][8])).toMatch(/^无法读取/);
  });

  it('a file the browser cannot read (the read itself fails) is a row with the reason; the rest is reviewed', async () => {
    const { rows } = await reviewWorkbooks([
      { name: 'gone.xlsx', read: () => Promise.reject(new Error('读取文件失败')) },
      { name: FILES[0], read: async () => bytesOf(path.join(SAMPLES, FILES[0])) },
    ]);
    expect(rows[0]).toMatchObject({ file: 'gone.xlsx', project: 'gone', status: '无法读取：读取文件失败', errors: 1 });
    expect(rows[1]).toMatchObject({ file: FILES[0], total: 85.6 });
  });
});
