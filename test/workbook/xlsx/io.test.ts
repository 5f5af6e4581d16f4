import { mkdtemp, readFile, rm, writeFile } from 'fs/promises';
import os from 'os';
import path from 'path';
import ExcelJS from 'exceljs';
import { loadWorkbook, saveWorkbook, WorkbookLoadError } from '../../../src/workbook/xlsx/io';
import { readXlsxFile, writeXlsxFile } from '../../../src/workbook/xlsx/node';
import { valueAt } from '../../../src/engine/snapshot';
import { sheetOf, zipEntryText } from './helpers';

async function loadError(bytes: Uint8Array | ArrayBuffer): Promise<WorkbookLoadError> {
  try {
    await loadWorkbook(bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(WorkbookLoadError);
    return e as WorkbookLoadError;
  }
  throw new Error('loaded');
}

/** A stored (uncompressed) zip with the given entries: enough to look like an Office file. */
function storedZip(entries: Record<string, string>): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt32LE(data.length, 20);
    dir.writeUInt32LE(data.length, 24);
    dir.writeUInt16LE(n.length, 28);
    dir.writeUInt32LE(offset, 42);
    parts.push(local, n, data);
    central.push(dir, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, cd, end]));
}

describe('loadWorkbook errors', () => {
  it('explains an empty file', async () => {
    const e = await loadError(new Uint8Array(0));
    expect(e.code).toBe('EMPTY');
    expect(e.message).toContain('文件为空');
  });

  it('explains an encrypted workbook or legacy .xls (OLE container)', async () => {
    const ole = new Uint8Array(1024);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const e = await loadError(ole.buffer);
    expect(e.code).toBe('ENCRYPTED_OR_XLS');
    expect(e.message).toContain('密码');
    expect(e.message).toContain('.xls');
  });

  it('explains a file that is not a zip', async () => {
    const e = await loadError(new TextEncoder().encode('<html><body>报表</body></html>'));
    expect(e.code).toBe('NOT_ZIP');
    expect(e.message).toContain('HTML');
    expect((await loadError(new TextEncoder().encode('a,b\n1,2'))).message).toContain('不是 zip 格式');
  });

  it('explains a zip that is not a workbook', async () => {
    const docx = await loadError(storedZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }));
    expect(docx.code).toBe('NOT_XLSX');
    expect(docx.message).toContain('Word');
    const xlsb = await loadError(storedZip({ 'xl/workbook.bin': 'x' }));
    expect(xlsb.message).toContain('.xlsb');
  });

  it('explains a truncated workbook', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('附件1').getCell('A1').value = 1;
    const bytes = await saveWorkbook(wb);
    const e = await loadError(bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(e.code).toBe('CORRUPT');
    expect(e.message).toContain('损坏');
  });
});

describe('saveWorkbook / node files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'xlsx-io-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('returns a plain Uint8Array that loads again from an ArrayBuffer', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('附件1').getCell('B2').value = '得分';
    const bytes = await saveWorkbook(wb);
    expect(bytes).toBeInstanceOf(Uint8Array);
    const copy = bytes.slice().buffer;
    const back = await loadWorkbook(copy);
    expect(back.getWorksheet('附件1')!.getCell('B2').value).toBe('得分');
  });

  it('writes and reads a file, keeping internal links through two saves', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('附件1').getCell('H12').value = 5;
    wb.addWorksheet('评分汇总').getCell('A1').value = { text: '跳转', hyperlink: "#'附件1'!H12" };
    const file = path.join(dir, '输出.xlsx');
    await writeXlsxFile(wb, file);
    const first = await readXlsxFile(file);
    expect(first.snapshot.source).toBe('输出.xlsx');
    expect(first.lostOnSave).toEqual([]);
    expect(valueAt(sheetOf(first.snapshot, '评分汇总'), 1, 1)).toBe('跳转');
    await writeXlsxFile(first.workbook, file);
    const bytes = new Uint8Array(await readFile(file));
    const xml = zipEntryText(bytes, 'xl/worksheets/sheet2.xml')!;
    expect(xml).toContain('<hyperlink ref="A1" location="&apos;附件1&apos;!H12"/>');
    expect(zipEntryText(bytes, 'xl/worksheets/_rels/sheet2.xml.rels') ?? '').not.toContain('附件1');
  });

  it('writes print areas of sheets whose name has an apostrophe so they load again', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('首页').getCell('A1').value = 1;
    const ws = wb.addWorksheet("BTS d'origine");
    ws.getCell('C5').value = 2;
    ws.pageSetup.printArea = 'A1:C5';
    ws.pageSetup.printTitlesRow = '1:2';
    const bytes = await saveWorkbook(wb);
    expect(zipEntryText(bytes, 'xl/workbook.xml')).toContain('&apos;BTS d&apos;&apos;origine&apos;!$A$1:$C$5');
    const back = await loadWorkbook(bytes); // ExcelJS alone fails here: "reading 'match'"
    expect(back.getWorksheet("BTS d'origine")!.pageSetup).toMatchObject({ printArea: 'A1:C5', printTitlesRow: '1:2' });
  });

  it('gives Chinese messages for missing or unreadable files', async () => {
    await expect(readXlsxFile(path.join(dir, '没有这个文件.xlsx'))).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('文件不存在') });
    await expect(readXlsxFile(dir)).rejects.toThrow(/文件夹/);
    const bad = path.join(dir, '坏.xlsx');
    await writeFile(bad, 'not a workbook');
    await expect(readXlsxFile(bad)).rejects.toMatchObject({ code: 'NOT_ZIP', message: expect.stringContaining('“坏.xlsx”') });
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s');
    await expect(writeXlsxFile(wb, path.join(dir, '无此目录', 'x.xlsx'))).rejects.toThrow(/无法写入文件/);
  });
});
