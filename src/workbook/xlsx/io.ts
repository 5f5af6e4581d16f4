/**
 * Load and save .xlsx bytes with ExcelJS. Environment-neutral: no fs, no
 * Node Buffer in the API, so the same code runs in the browser bundle.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { installExcelFixes } from './excelFixes';

export type WorkbookLoadErrorCode = 'EMPTY' | 'ENCRYPTED_OR_XLS' | 'NOT_ZIP' | 'NOT_XLSX' | 'CORRUPT' | 'NO_SHEETS' | 'NOT_FOUND' | 'READ_FAILED';

/** Why a workbook could not be opened; `message` is Chinese, for the user. */
export class WorkbookLoadError extends Error {
  readonly code: WorkbookLoadErrorCode;
  constructor(code: WorkbookLoadErrorCode, message: string, options?: { cause?: unknown }) {
    super(message);
    this.name = 'WorkbookLoadError';
    this.code = code;
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
}

/** Zip entry names are stored uncompressed, so a byte search finds them cheaply. */
function containsAscii(bytes: Uint8Array, text: string): boolean {
  const needle = Array.from(text, (c) => c.charCodeAt(0));
  const first = needle[0];
  outer: for (let i = bytes.indexOf(first); i !== -1 && i <= bytes.length - needle.length; i = bytes.indexOf(first, i + 1)) {
    for (let k = 1; k < needle.length; k++) if (bytes[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}

/** A complete zip ends with an end-of-central-directory record (within the last 64 KiB + 22 bytes). */
function hasZipEnd(bytes: Uint8Array): boolean {
  const stop = Math.max(0, bytes.length - 65557);
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 5 && bytes[i + 3] === 6) return true;
  }
  return false;
}

function toBytes(data: ArrayBuffer | Uint8Array): Uint8Array {
  return data instanceof Uint8Array ? data : new Uint8Array(data);
}

/** Recognise what the bytes are before ExcelJS sees them, so the user gets a reason instead of a zip error. */
export function checkXlsxBytes(bytes: Uint8Array): WorkbookLoadError | null {
  if (bytes.length === 0) return new WorkbookLoadError('EMPTY', '文件为空（0 字节），不是有效的 Excel 工作簿。');
  if (startsWith(bytes, OLE_SIGNATURE)) {
    return new WorkbookLoadError(
      'ENCRYPTED_OR_XLS',
      '无法打开：该文件是 OLE 复合文档，可能是设置了打开密码（已加密）的 .xlsx，也可能是旧版 .xls（Excel 97-2003）文件。' +
        '请在 Excel 中取消文件密码，或“另存为” .xlsx 格式后再试。',
    );
  }
  const zip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5);
  if (!zip) {
    const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 512)).trimStart().toLowerCase();
    const hint = head.startsWith('<') ? '（内容像是 HTML/XML，可能是网页或系统导出的“伪 .xls”）' : head.startsWith('%pdf') ? '（内容是 PDF）' : '';
    return new WorkbookLoadError('NOT_ZIP', `不是有效的 .xlsx 文件${hint}：文件不是 zip 格式。请用 Excel 打开后另存为 .xlsx 再试。`);
  }
  if (!hasZipEnd(bytes)) {
    return new WorkbookLoadError('CORRUPT', '文件不完整或已损坏（zip 目录缺失），可能是下载或复制中断。请重新获取该文件。');
  }
  if (!containsAscii(bytes, 'xl/workbook.xml')) {
    const what = containsAscii(bytes, 'xl/workbook.bin')
      ? '这是 .xlsb（二进制工作簿），暂不支持，请另存为 .xlsx'
      : containsAscii(bytes, 'word/document.xml')
        ? '这是 Word 文档'
        : containsAscii(bytes, 'ppt/presentation.xml')
          ? '这是 PowerPoint 文档'
          : '压缩包中没有工作簿（xl/workbook.xml）';
    return new WorkbookLoadError('NOT_XLSX', `不是有效的 .xlsx 文件：${what}。`);
  }
  return null;
}

/** Parts ExcelJS reads past and does not write back, by zip entry name prefix. */
const LOST_ON_SAVE: [string, string][] = [
  ['xl/charts/', '图表'],
  ['xl/chartsheets/', '图表工作表'],
  ['xl/externalLinks/', '外部工作簿链接（引用其他文件的公式保存后会失效）'],
  ['xl/pivotTables/', '数据透视表'],
  ['xl/slicers/', '切片器'],
  ['xl/threadedComments/', '新版（会话式）批注'],
  ['xl/ctrlProps/', '表单控件'],
  ['xl/vbaProject.bin', '宏（VBA）'],
];

/**
 * What this file contains that will be missing after it is saved through
 * ExcelJS (Chinese labels, empty when nothing is lost). Cheap: zip entry
 * names are stored uncompressed.
 */
export function unsupportedParts(data: ArrayBuffer | Uint8Array): string[] {
  const bytes = toBytes(data);
  return LOST_ON_SAVE.filter(([prefix]) => containsAscii(bytes, prefix)).map(([, label]) => label);
}

/** Parts found only by reading inside XML parts: [label, part name pattern, content pattern]. */
const LOST_INSIDE: [string, RegExp, RegExp][] = [
  ['文本框和形状', /^xl\/drawings\/[^/]+\.xml$/, /<(?:xdr:)?(?:sp|cxnSp|grpSp)[\s>]/],
  ['迷你图', /^xl\/worksheets\/[^/]+\.xml$/, /sparklineGroup/],
  ['工作簿结构保护', /^xl\/workbook\.xml$/, /<workbookProtection\b/],
];

/** Parts ExcelJS neither reads nor writes, by zip entry name, beyond LOST_ON_SAVE. */
const LOST_BY_NAME: [RegExp, string][] = [
  [/^docProps\/custom\.xml$/, '自定义文档属性'],
  [/^xl\/embeddings\//, '嵌入对象（OLE）'],
  [/^xl\/activeX\//, 'ActiveX 控件'],
  [/^xl\/pivotCache\//, '数据透视表'],
];

/**
 * Everything a save through ExcelJS will drop, named in Chinese: the zip entry
 * names of `unsupportedParts`, and what only shows inside the parts — text
 * boxes and shapes in drawings, sparklines, workbook structure protection,
 * custom document properties, embedded objects. Call it before writing.
 */
export async function lostOnSave(data: ArrayBuffer | Uint8Array): Promise<string[]> {
  const bytes = toBytes(data);
  const out = unsupportedParts(bytes);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    return out;
  }
  const names = Object.keys(zip.files);
  const add = (label: string) => {
    if (!out.includes(label)) out.push(label);
  };
  for (const [rx, label] of LOST_BY_NAME) if (names.some((n) => rx.test(n))) add(label);
  for (const [label, part, content] of LOST_INSIDE) {
    for (const n of names.filter((x) => part.test(x))) {
      if (content.test(await zip.file(n)!.async('string'))) {
        add(label);
        break;
      }
    }
  }
  return out;
}

/** Open .xlsx bytes. Throws WorkbookLoadError with a Chinese message when the file cannot be used. */
export async function loadWorkbook(data: ArrayBuffer | Uint8Array): Promise<ExcelJS.Workbook> {
  const bytes = toBytes(data);
  const problem = checkXlsxBytes(bytes);
  if (problem) throw problem;
  const wb = new ExcelJS.Workbook();
  installExcelFixes(wb);
  try {
    // ExcelJS's typings ask for a Node Buffer; it only hands the bytes to JSZip, which takes a Uint8Array.
    await wb.xlsx.load(bytes as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    const corrupt = /zip|end of data|central directory|signature|invalid|corrupt/i.test(detail);
    throw new WorkbookLoadError(
      corrupt ? 'CORRUPT' : 'READ_FAILED',
      corrupt ? `文件已损坏或不完整，无法读取（${detail}）。` : `无法读取工作簿（${detail}）。`,
      { cause: e },
    );
  }
  if (wb.worksheets.length === 0) {
    throw new WorkbookLoadError('NO_SHEETS', '工作簿中没有可读取的工作表（图表工作表不受支持）。');
  }
  return wb;
}

/** Serialise to .xlsx bytes (a plain Uint8Array view, also in the browser). */
export async function saveWorkbook(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  installExcelFixes(wb);
  const out: unknown = await wb.xlsx.writeBuffer();
  if (out instanceof Uint8Array) return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  if (out instanceof ArrayBuffer) return new Uint8Array(out);
  throw new Error('保存工作簿失败：ExcelJS 返回了无法识别的数据。');
}
