/** Shared helpers for the ExcelJS adapter tests (not a test file itself). */
import path from 'path';
import { inflateRawSync } from 'zlib';
import ExcelJS from 'exceljs';
import { loadWorkbook, saveWorkbook } from '../../../src/workbook/xlsx/io';
import { snapshotFromWorkbook } from '../../../src/workbook/xlsx/readSnapshot';
import type { WorkbookSnapshot } from '../../../src/engine/snapshot';

/** The four ExceLint benchmark workbooks these tests use, copied into the repository (see its README). */
export const BENCHMARK_DIR = path.resolve(__dirname, '../../fixtures/excelint');

/** Save through our writer and load back through our reader. */
export async function roundTrip(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  return loadWorkbook(await saveWorkbook(wb));
}

export async function reread(wb: ExcelJS.Workbook): Promise<{ workbook: ExcelJS.Workbook; snapshot: WorkbookSnapshot }> {
  const workbook = await roundTrip(wb);
  return { workbook, snapshot: snapshotFromWorkbook(workbook) };
}

export function sheetOf(snapshot: WorkbookSnapshot, name: string) {
  const s = snapshot.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

/** Text of one entry of a zip (the saved .xlsx), read with zlib via the central directory. */
export function zipEntryText(bytes: Uint8Array, name: string): string | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const entry = buf.toString('utf8', p + 46, p + 46 + nameLen);
    if (entry === name) {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const raw = buf.subarray(start, start + size);
      return (method === 0 ? raw : inflateRawSync(raw)).toString('utf8');
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  return null;
}

/** ExcelJS can write array formulas through fillFormula's 4th argument, which its typings omit. */
export function fillArrayFormula(ws: ExcelJS.Worksheet, range: string, formula: string, results: number[][]): void {
  (ws as unknown as { fillFormula(r: string, f: string, res: unknown, type: string): void }).fillFormula(range, formula, results, 'array');
}
