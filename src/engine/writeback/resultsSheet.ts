/**
 * The 校验结果 sheet as an evaluator reads and prints it: sorted by severity, a Chinese category
 * per finding, the problem wrapped in a wide column with rows tall enough for it, figures as
 * numbers in the table's format (never -1.4500000000000002), every address a link (a finding
 * without a cell links to its sheet), the category in Chinese, the internal code last, narrow and small.
 */
import { quoteSheetName } from '../address';
import { groupOf, type Finding } from '../findings';
import type { CellStyle, CellWrite, SheetCreate } from '../patch';
import type { WorkbookSnapshot } from '../snapshot';
import { fitNote } from './cellText';
import { lineHeight } from './summarySheet';

export const READABLE_RESULTS_SHEET = '校验结果';

const SEVERITY: Record<Finding['severity'], string> = { error: '错误', warning: '警告', info: '提示' };
const ORDER: Record<Finding['severity'], number> = { error: 0, warning: 1, info: 2 };
const FILL: Record<Finding['severity'], string> = { error: '#F8CBAD', warning: '#FFE699', info: '#DDEBF7' };
const HEAD: CellStyle = { bold: true, fill: '#D9E1F2', border: true, horizontal: 'center', vertical: 'middle', wrap: true };
const CELL: CellStyle = { border: true, vertical: 'middle', wrap: true };
const NUM: CellStyle = { border: true, vertical: 'middle', horizontal: 'right' };

/** Chinese category of a finding code: its group in FINDING_GROUPS. */
export function categoryOf(code: string): string {
  return groupOf(code);
}

/** A figure as the table shows it: numbers (also numeric text) rounded to 4 places, 0.00 format. */
function figure(v: string | number | undefined): Pick<CellWrite, 'value' | 'numberFormat'> {
  if (v === undefined) return { value: null };
  const n = typeof v === 'number' ? v : /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : null;
  if (n === null || !Number.isFinite(n)) return { value: String(v) };
  const r = Number(n.toFixed(4));
  return { value: r, numberFormat: Number.isInteger(r) ? '0' : '0.00##' };
}

/** Characters per line of the 问题 column (width 60: two units per CJK character). */
const MESSAGE_WIDTH = 60;

export function buildReadableResultsSheet(findings: Finding[], snapshot: WorkbookSnapshot): SheetCreate {
  const cells: CellWrite[] = [];
  const rowHeights: Record<number, number> = {};
  const sheets = new Set(snapshot.sheets.map((s) => s.name));
  const sorted = findings.map((f, i) => ({ f, i })).sort((a, b) => ORDER[a.f.severity] - ORDER[b.f.severity] || a.i - b.i);
  const count = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  cells.push({ row: 1, col: 1, value: '校验结果', style: { bold: true, fontSize: 14, vertical: 'middle' } });
  cells.push({
    row: 2,
    col: 1,
    value: `错误 ${count('error')} 项，警告 ${count('warning')} 项，提示 ${count('info')} 项（按级别排列）。点击“位置”可跳转到对应单元格。`,
    style: { italic: true, wrap: true, vertical: 'middle' },
  });
  ['序号', '级别', '工作表', '位置', '问题', '应为', '实为', '类别', '代码'].forEach((h, i) => cells.push({ row: 4, col: i + 1, value: h, style: HEAD }));
  sorted.forEach(({ f }, i) => {
    const r = 5 + i;
    const link = f.sheet && sheets.has(f.sheet) ? `${quoteSheetName(f.sheet)}!${f.cell ?? 'A1'}` : undefined;
    const message = fitNote(f.message, '其余从略');
    cells.push({ row: r, col: 1, value: i + 1, style: { ...NUM, horizontal: 'center' } });
    cells.push({ row: r, col: 2, value: SEVERITY[f.severity], style: { ...CELL, fill: FILL[f.severity], horizontal: 'center' } });
    cells.push({ row: r, col: 3, value: f.sheet ?? '', style: CELL });
    cells.push({ row: r, col: 4, value: f.cell ?? (link ? '（工作表）' : ''), style: { ...CELL, horizontal: 'center' }, link });
    cells.push({ row: r, col: 5, value: message, style: { ...CELL, horizontal: 'left' } });
    const e = figure(f.expected);
    const a = figure(f.actual);
    cells.push({ row: r, col: 6, ...e, style: typeof e.value === 'number' ? NUM : CELL });
    cells.push({ row: r, col: 7, ...a, style: typeof a.value === 'number' ? NUM : CELL });
    cells.push({ row: r, col: 8, value: categoryOf(f.code), style: { ...CELL, horizontal: 'center' } });
    cells.push({ row: r, col: 9, value: f.code, style: { ...CELL, color: '#7F7F7F', fontSize: 8 } });
    // Wrapped 应为/实为 text (a range, a word) counts too: 6 CJK characters per line there.
    const h = Math.max(lineHeight(message, MESSAGE_WIDTH / 2), lineHeight(String(e.value ?? ''), 6), lineHeight(String(a.value ?? ''), 6));
    // At least two lines of the small code text in the narrow last column.
    rowHeights[r] = Math.max(h, 24);
  });
  return {
    kind: 'create',
    sheet: READABLE_RESULTS_SHEET,
    replace: true,
    cells,
    merges: ['A1:I1', 'A2:I2'],
    columnWidths: { 1: 5, 2: 6, 3: 18, 4: 8, 5: MESSAGE_WIDTH, 6: 12, 7: 12, 8: 11, 9: 10 },
    rowHeights: { 2: 30, ...rowHeights },
    freezeRows: 4,
    print: { landscape: true, fitToWidth: true, title: READABLE_RESULTS_SHEET },
  };
}
