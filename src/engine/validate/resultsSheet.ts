/** The 校验结果 sheet: one row per finding, each cell address a link to the cell. */
import { quoteSheetName } from '../address';
import type { Finding } from '../findings';
import type { CellStyle, CellWrite, SheetCreate } from '../patch';
import type { WorkbookSnapshot } from '../snapshot';

export const RESULTS_SHEET = '校验结果';

const SEVERITY: Record<Finding['severity'], string> = { error: '错误', warning: '警告', info: '提示' };
const FILL: Record<Finding['severity'], string> = { error: '#F8CBAD', warning: '#FFE699', info: '#DDEBF7' };
const HEAD: CellStyle = { bold: true, fill: '#D9E1F2', border: true, horizontal: 'center', vertical: 'middle' };
const CELL: CellStyle = { border: true, vertical: 'top', wrap: true };

export function buildResultsSheet(findings: Finding[], snapshot: WorkbookSnapshot): SheetCreate {
  const cells: CellWrite[] = [];
  const sheets = new Set(snapshot.sheets.map((s) => s.name));
  const count = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  cells.push({ row: 1, col: 1, value: '校验结果', style: { bold: true, fontSize: 14 } });
  cells.push({
    row: 2,
    col: 1,
    value: `错误 ${count('error')} 项，警告 ${count('warning')} 项，提示 ${count('info')} 项。点击“位置”可跳转到对应单元格。`,
    style: { italic: true },
  });
  ['序号', '级别', '工作表', '位置', '问题', '应为', '实为', '代码'].forEach((h, i) => cells.push({ row: 4, col: i + 1, value: h, style: HEAD }));
  findings.forEach((f, i) => {
    const r = 5 + i;
    const link = f.sheet && f.cell && sheets.has(f.sheet) ? `${quoteSheetName(f.sheet)}!${f.cell}` : undefined;
    cells.push({ row: r, col: 1, value: i + 1, style: CELL });
    cells.push({ row: r, col: 2, value: SEVERITY[f.severity], style: { ...CELL, fill: FILL[f.severity], horizontal: 'center' } });
    cells.push({ row: r, col: 3, value: f.sheet ?? '', style: CELL });
    cells.push({ row: r, col: 4, value: f.cell ?? '', style: { ...CELL, color: link ? '#0563C1' : undefined }, link });
    cells.push({ row: r, col: 5, value: f.message, style: CELL });
    cells.push({ row: r, col: 6, value: f.expected === undefined ? '' : String(f.expected), style: CELL });
    cells.push({ row: r, col: 7, value: f.actual === undefined ? '' : String(f.actual), style: CELL });
    cells.push({ row: r, col: 8, value: f.code, style: { ...CELL, color: '#7F7F7F' } });
  });
  return {
    kind: 'create',
    sheet: RESULTS_SHEET,
    replace: true,
    cells,
    merges: ['A1:H1', 'A2:H2'],
    columnWidths: { 1: 6, 2: 7, 3: 20, 4: 8, 5: 70, 6: 12, 7: 12, 8: 24 },
    freezeRows: 4,
    print: { landscape: true, fitToWidth: true, title: RESULTS_SHEET },
  };
}
