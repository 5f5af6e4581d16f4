/**
 * Torture inputs, generated from the Lvliang sample: each file is what a
 * careless colleague or a strange workbook would hand the scorer. Built once
 * per suite into a temp dir (the 200,000-row one takes a few seconds).
 */
import { mkdtempSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

export const SAMPLE = path.join(__dirname, '..', '..', 'samples', 'lvliang-2020.xlsx');
export const INDICATOR_SHEET = '附件1 评分表';
export const DATA_SHEET = '附件3 基础数据采集表';
/** Rare CJK Extension B characters (each one surrogate pair in UTF-16). */
export const EXT_B = '𠀀𠀁𠀂𡈽𤭢𪚥';

export function tortureDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'pe-torture-'));
}

async function sample(): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(SAMPLE);
  return wb;
}

async function save(wb: ExcelJS.Workbook, dir: string, name: string): Promise<string> {
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

/** A value at XFD1048576 of the indicator sheet. */
export async function farCorner(dir: string): Promise<string> {
  const wb = await sample();
  wb.getWorksheet(INDICATOR_SHEET)!.getCell('XFD1048576').value = '备注';
  return save(wb, dir, 'far-corner.xlsx');
}

/** A merged area from below the data table to XFD1048576. */
export async function sheetWideMerge(dir: string): Promise<string> {
  const file = path.join(dir, 'wide-merge.xlsx');
  const wb = await sample();
  wb.getWorksheet(DATA_SHEET)!.getCell('A40').value = '说明';
  // Merging through ExcelJS would create every cell: write the merge into the sheet XML instead.
  await wb.xlsx.writeFile(file);
  const zip = await JSZip.loadAsync(await readFile(file));
  const sheetPath = await sheetPart(zip, DATA_SHEET);
  let xml = await zip.file(sheetPath)!.async('string');
  xml = xml.includes('<mergeCells')
    ? xml.replace(/<mergeCells count="(\d+)">/, (_m, n: string) => `<mergeCells count="${Number(n) + 1}"><mergeCell ref="A40:XFD1048576"/>`)
    : xml.replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="A40:XFD1048576"/></mergeCells>');
  zip.file(sheetPath, xml);
  await writeFile(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return file;
}

export const BIG_ROWS = 200000;

/** A 200,000-row detail sheet with a text ID column next to the monthly data (its XML written directly: fast). */
export async function bigDataSheet(dir: string): Promise<string> {
  const file = path.join(dir, 'big-data.xlsx');
  const wb = await sample();
  wb.addWorksheet('工单明细').getCell('A1').value = '工单编号';
  await wb.xlsx.writeFile(file);
  const zip = await JSZip.loadAsync(await readFile(file));
  const sheetPath = await sheetPart(zip, '工单明细');
  const str = (ref: string, t: string) => `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`;
  const parts: string[] = [`<row r="1">${str('A1', '工单编号')}${str('B1', '受理月份')}${str('C1', '办理时长（小时）')}${str('D1', '是否办结')}</row>`];
  for (let i = 1; i <= BIG_ROWS; i++) {
    const r = i + 1;
    parts.push(
      `<row r="${r}">${str(`A${r}`, `GD${String(i).padStart(7, '0')}`)}${str(`B${r}`, `${(i % 12) + 1}月`)}<c r="C${r}"><v>${i % 97}</v></c>${str(`D${r}`, i % 5 === 0 ? '否' : '是')}</row>`,
    );
  }
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1:D${BIG_ROWS + 1}"/><sheetData>${parts.join('')}</sheetData></worksheet>`;
  zip.file(sheetPath, xml);
  await writeFile(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 1 } }));
  return file;
}

/** Lower every score of a copy of the indicator sheet: an older version with other results. */
function olderCopy(wb: ExcelJS.Workbook, name: string, state: 'visible' | 'hidden'): void {
  const src = wb.getWorksheet(INDICATOR_SHEET)!;
  const copy = wb.addWorksheet(name, { state });
  src.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const v = cell.value;
      copy.getCell(r, c).value = c === 8 && typeof v === 'number' && r > 2 ? Math.floor(v / 2) : (v as ExcelJS.CellValue);
    });
  });
  for (const m of (src.model as { merges?: string[] }).merges ?? []) copy.mergeCells(m);
  // First in tab order.
  const sheets = wb.worksheets.filter((s) => s !== copy);
  [copy, ...sheets].forEach((s, i) => ((s as unknown as { orderNo: number }).orderNo = i + 1));
}

/** A hidden older indicator sheet before the current one in tab order. */
export async function hiddenOlderSheet(dir: string): Promise<string> {
  const wb = await sample();
  olderCopy(wb, '附件1 评分表(旧)', 'hidden');
  return save(wb, dir, 'hidden-older.xlsx');
}

/** Two visible indicator sheets: only the evaluator can say which one. */
export async function twoVisibleSheets(dir: string): Promise<string> {
  const wb = await sample();
  olderCopy(wb, '附件1 评分表(初稿)', 'visible');
  return save(wb, dir, 'two-visible.xlsx');
}

/** The evaluator's own sheets named 校验结果, 评分汇总 and 评分汇总(新). */
export async function ownSheets(dir: string): Promise<string> {
  const wb = await sample();
  for (const name of ['校验结果', '评分汇总', '评分汇总(新)']) {
    const ws = wb.addWorksheet(name);
    ws.getCell('A1').value = `我的${name}`;
    ws.getCell('B2').value = 42;
  }
  return save(wb, dir, 'own-sheets.xlsx');
}

/** `—` and `/` typed as actual values; and 90‰ as a written rate. */
export async function dashActuals(dir: string): Promise<string> {
  const wb = await sample();
  const ws = wb.getWorksheet(INDICATOR_SHEET)!;
  const rowOf = (name: string) => {
    for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 5).value === name) return r;
    throw new Error(name);
  };
  ws.getCell(rowOf('资金到位率'), 7).value = '—';
  ws.getCell(rowOf('预算执行率'), 7).value = '/';
  return save(wb, dir, 'dash-actuals.xlsx');
}

async function sheetPart(zip: JSZip, name: string): Promise<string> {
  const book = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const rid = new RegExp(`<sheet [^>]*name="${esc}"[^>]*r:id="([^"]+)"`).exec(book)![1];
  const target =
    new RegExp(`<Relationship [^>]*Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels) ??
    new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels);
  return `xl/${target![1].replace(/^\/?xl\//, '')}`;
}

const TEXT_BOX_DRAWING = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:twoCellAnchor><xdr:from><xdr:col>9</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>2</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>12</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>6</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="2" name="TextBox 1"/><xdr:cNvSpPr txBox="1"/></xdr:nvSpPr><xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr><xdr:txBody><a:bodyPr/><a:p><a:r><a:t>专家意见：见附页</a:t></a:r></a:p></xdr:txBody></xdr:sp><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`;

const SPARKLINES = `<extLst><ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:sparklineGroups xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:sparklineGroup><x14:sparklines><x14:sparkline><xm:f>'附件3 基础数据采集表'!C3:C14</xm:f><xm:sqref>J3</xm:sqref></x14:sparkline></x14:sparklines></x14:sparklineGroup></x14:sparklineGroups></ext></extLst>`;

/**
 * A text box and a sparkline on the indicator sheet, custom document properties
 * and workbook structure protection; saved LibreOffice-style without a theme part.
 */
export async function textBoxesAndSparklines(dir: string): Promise<string> {
  const file = path.join(dir, 'text-boxes.xlsx');
  const zip = await JSZip.loadAsync(await readFile(SAMPLE));
  const sheetPath = await sheetPart(zip, INDICATOR_SHEET);
  const relsPath = sheetPath.replace(/worksheets\/(sheet\d+\.xml)$/, 'worksheets/_rels/$1.rels');
  let xml = await zip.file(sheetPath)!.async('string');
  if (!xml.includes('xmlns:r=')) xml = xml.replace('<worksheet ', '<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ');
  xml = xml.replace(/(<\/worksheet>)$/, `<drawing r:id="rIdTb1"/>${SPARKLINES}$1`);
  zip.file(sheetPath, xml);
  const rel = `<Relationship Id="rIdTb1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing9.xml"/>`;
  const existing = zip.file(relsPath) ? await zip.file(relsPath)!.async('string') : null;
  zip.file(
    relsPath,
    existing
      ? existing.replace('</Relationships>', `${rel}</Relationships>`)
      : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel}</Relationships>`,
  );
  zip.file('xl/drawings/drawing9.xml', TEXT_BOX_DRAWING);
  zip.file(
    'docProps/custom.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="评价机构"><vt:lpwstr>某事务所</vt:lpwstr></property></Properties>`,
  );
  let book = await zip.file('xl/workbook.xml')!.async('string');
  book = book.replace('<sheets>', '<workbookProtection lockStructure="1"/><sheets>');
  zip.file('xl/workbook.xml', book);
  let types = await zip.file('[Content_Types].xml')!.async('string');
  types = types.replace(
    '</Types>',
    '<Override PartName="/xl/drawings/drawing9.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/><Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>',
  );
  // LibreOffice-style: no theme part at all.
  types = types.replace(/<Override PartName="\/xl\/theme\/theme1\.xml"[^>]*\/>/, '');
  zip.file('[Content_Types].xml', types);
  zip.remove('xl/theme/theme1.xml');
  let bookRels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  bookRels = bookRels.replace(/<Relationship [^>]*Target="theme\/theme1\.xml"[^>]*\/>/, '');
  zip.file('xl/_rels/workbook.xml.rels', bookRels);
  await writeFile(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return file;
}

/** Every relationship of an .xlsx whose internal target is not in the zip ("part/path -> target"). */
export async function danglingRelationships(bytes: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const out: string[] = [];
  for (const name of Object.keys(zip.files)) {
    if (!name.endsWith('.rels')) continue;
    const xml = await zip.file(name)!.async('string');
    const base = name.replace(/_rels\/[^/]*\.rels$/, '');
    for (const m of xml.matchAll(/<Relationship\b[^>]*>/g)) {
      const tag = m[0];
      if (/TargetMode="External"/.test(tag)) continue;
      const target = /Target="([^"]+)"/.exec(tag)?.[1];
      if (!target || target.startsWith('#')) continue;
      const resolved = path.posix.normalize(target.startsWith('/') ? target.slice(1) : path.posix.join(base, target));
      if (!zip.file(resolved)) out.push(`${name} -> ${target}`);
    }
  }
  return out;
}
