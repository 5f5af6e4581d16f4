/** Node-only file access around io.ts: read a workbook with its snapshot, write one back. */
import { promises as fs } from 'fs';
import * as path from 'path';
import type ExcelJS from 'exceljs';
import { clippedMerges } from './excelFixes';
import { loadWorkbook, lostOnSave, saveWorkbook, WorkbookLoadError } from './io';
import { snapshotFromWorkbook } from './readSnapshot';
import type { WorkbookSnapshot } from '../../engine/snapshot';
import { installZipUtf8Fix } from './zipUtf8';

installZipUtf8Fix();

function fsReason(e: unknown): string {
  const code = (e as { code?: string }).code;
  switch (code) {
    case 'ENOENT':
      return '文件不存在';
    case 'EISDIR':
      return '这是一个文件夹，不是文件';
    case 'EACCES':
    case 'EPERM':
      return '没有访问权限';
    case 'EBUSY':
      return '文件被占用（可能正在 Excel 中打开）';
    case 'ENOTDIR':
      return '路径中的某一级不是文件夹';
    case 'ENOSPC':
      return '磁盘空间不足';
    case 'EROFS':
      return '文件系统只读';
    default:
      return e instanceof Error ? e.message : String(e);
  }
}

export interface XlsxFile {
  workbook: ExcelJS.Workbook;
  snapshot: WorkbookSnapshot;
  /** Content a save through ExcelJS will drop (charts, external links …), in Chinese; empty when none. */
  lostOnSave: string[];
}

export async function readXlsxFile(file: string): Promise<XlsxFile> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    const code = (e as { code?: string }).code === 'ENOENT' ? 'NOT_FOUND' : 'READ_FAILED';
    throw new WorkbookLoadError(code, `无法读取文件“${file}”：${fsReason(e)}。`, { cause: e });
  }
  let workbook: ExcelJS.Workbook;
  try {
    workbook = await loadWorkbook(bytes);
  } catch (e) {
    if (e instanceof WorkbookLoadError) throw new WorkbookLoadError(e.code, `“${path.basename(file)}”${e.message}`, { cause: e });
    throw e;
  }
  const lost = await lostOnSave(bytes);
  const cut = clippedMerges(workbook);
  if (cut.length > 0) lost.push(`超出内容范围的合并单元格（${cut.slice(0, 3).join('、')}，已截到内容范围）`);
  return { workbook, snapshot: snapshotFromWorkbook(workbook, path.basename(file)), lostOnSave: lost };
}

/** Error thrown when the output file cannot be written; the message is Chinese. */
export class WorkbookWriteError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message);
    this.name = 'WorkbookWriteError';
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

/** Serialise first, then write through a temporary file so a failure never leaves a half-written workbook. */
export async function writeXlsxFile(wb: ExcelJS.Workbook, file: string): Promise<void> {
  let bytes: Uint8Array;
  try {
    bytes = await saveWorkbook(wb);
  } catch (e) {
    throw new WorkbookWriteError(`生成工作簿失败：${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await fs.writeFile(tmp, bytes);
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw new WorkbookWriteError(`无法写入文件“${file}”：${fsReason(e)}。`, { cause: e });
  }
}
