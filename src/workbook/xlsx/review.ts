/**
 * Reviewing many workbooks (issue 12), shared by the command line's `review` (src/cli/review.ts,
 * files on disk, worker threads) and the browser workbench (several uploaded files, one after
 * another). Environment-neutral like io.ts: no fs, no path, no Node Buffer, so the same rows and
 * the same 审核汇总 workbook come out of both.
 *
 * A row per workbook: file, project, sheet, total, grade, errors, warnings, status (and every
 * finding, for the 问题清单 sheet). Reviewing never throws: a workbook that cannot be read is a row
 * whose status gives the reason.
 */
import ExcelJS from 'exceljs';
import { scoreWorkbook, validateWorkbook } from '../../engine';
import { detectIndicatorTables } from '../../engine/indicators/detect';
import type { WorkbookSnapshot } from '../../engine/snapshot';
import { loadWorkbook, WorkbookLoadError } from './io';
import { snapshotFromWorkbook } from './readSnapshot';
import { baseName, REVIEW_STATUS, stemName, type ReviewRow } from './reviewRow';

export { baseName, REVIEW_FILE_NAME, REVIEW_STATUS, reviewStatusKind, stemName, type ReviewRow, type ReviewStatusKind } from './reviewRow';

/** The project name a form states ("项目名称 | 委托业务项目"), else the table's title, else the file name. */
export function projectName(snapshot: WorkbookSnapshot, title: string | undefined, file: string): string {
  for (const s of snapshot.sheets) {
    for (let r = 0; r < Math.min(s.values.length, 15); r++) {
      const row = s.values[r] ?? [];
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (typeof v !== 'string') continue;
        const t = v.replace(/\s+/g, '');
        const inline = /^项目名称[:：](.+)$/.exec(t);
        if (inline) return inline[1];
        if (/^项目名称[:：]?$/.test(t)) {
          for (let k = c + 1; k < row.length; k++) if (typeof row[k] === 'string' && String(row[k]).trim()) return String(row[k]).trim();
        }
      }
    }
  }
  return title?.replace(/^附件\s*\d*\s*[:：.、．]?\s*/, '') || stemName(file);
}

/** The row of a workbook that could not be read (or reviewed): the reason in the status and as a finding. */
export function unreadableRow(file: string, error: unknown, ms = 0): ReviewRow {
  const reason = (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ');
  return {
    file,
    project: stemName(file),
    sheet: null,
    total: null,
    grade: null,
    errors: 1,
    warnings: 0,
    status: `${REVIEW_STATUS.unreadable}：${reason}`,
    findings: [{ code: 'FILE_UNREADABLE', severity: 'error', message: reason }],
    ms,
  };
}

/**
 * Review one workbook: `read` gives its snapshot (from a file on disk, or uploaded bytes); with
 * `score` it is scored too (without writing). Never throws: an unreadable file is a row with its reason.
 */
export async function reviewSnapshot(file: string, score: boolean, read: () => Promise<WorkbookSnapshot>): Promise<ReviewRow> {
  const started = Date.now();
  try {
    const snapshot = await read();
    const v = validateWorkbook(snapshot);
    const findings = [...v.findings];
    const row: ReviewRow = { file, project: '', sheet: null, total: null, grade: null, errors: 0, warnings: 0, status: '', findings, ms: 0 };
    if (score) {
      const s = scoreWorkbook(snapshot, { writeBack: false });
      row.sheet = s.report?.sheet ?? null;
      row.total = s.report?.total ?? null;
      row.grade = s.report?.grade ?? null;
    }
    const detected = detectIndicatorTables(snapshot);
    row.sheet ??= detected.primary?.sheet ?? null;
    row.project = projectName(snapshot, detected.primary?.title, file);
    row.errors = findings.filter((f) => f.severity === 'error').length;
    row.warnings = findings.filter((f) => f.severity === 'warning').length;
    row.status = !v.usable ? REVIEW_STATUS.noTable : row.errors > 0 ? REVIEW_STATUS.errors : row.warnings > 0 ? REVIEW_STATUS.warnings : REVIEW_STATUS.passed;
    row.ms = Date.now() - started;
    return row;
  } catch (e) {
    return unreadableRow(file, e, Date.now() - started);
  }
}

/**
 * Review uploaded bytes (the browser workbench). The reason a file cannot be opened names the file
 * as the command line's readXlsxFile does, so both give the same row.
 */
export function reviewBytes(file: string, score: boolean, data: () => Promise<ArrayBuffer | Uint8Array>): Promise<ReviewRow> {
  return reviewSnapshot(file, score, async () => {
    const bytes = await data();
    try {
      return snapshotFromWorkbook(await loadWorkbook(bytes), baseName(file));
    } catch (e) {
      if (e instanceof WorkbookLoadError) throw new WorkbookLoadError(e.code, `“${baseName(file)}”${e.message}`, { cause: e });
      throw e;
    }
  });
}

/** Column headers, keys and widths of a sheet. */
function columns(spec: [header: string, key: string, width: number][]): Partial<ExcelJS.Column>[] {
  return spec.map(([header, key, width]) => ({ header, key, width }));
}

/** The 审核汇总 workbook: one row per workbook, then every finding with its file and cell. */
export function buildReviewWorkbook(rows: ReviewRow[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const sum = wb.addWorksheet('审核汇总', { views: [{ state: 'frozen', ySplit: 1 }] });
  sum.columns = columns([
    ['文件', 'file', 36],
    ['项目', 'project', 30],
    ['指标表', 'sheet', 22],
    ['总分', 'total', 9],
    ['等次', 'grade', 7],
    ['错误', 'errors', 7],
    ['警告', 'warnings', 7],
    ['状态', 'status', 40],
  ]);
  for (const r of rows) {
    sum.addRow({
      file: r.file,
      project: r.project,
      sheet: r.sheet ?? '',
      total: r.total,
      grade: r.grade ?? '',
      errors: r.errors,
      warnings: r.warnings,
      status: r.status,
    });
  }
  const all = wb.addWorksheet('问题清单', { views: [{ state: 'frozen', ySplit: 1 }] });
  all.columns = columns([
    ['文件', 'file', 36],
    ['严重程度', 'severity', 9],
    ['代码', 'code', 26],
    ['工作表', 'sheet', 22],
    ['单元格', 'cell', 8],
    ['说明', 'message', 80],
    ['应为', 'expected', 12],
    ['实为', 'actual', 12],
  ]);
  const sev = { error: '错误', warning: '警告', info: '提示' } as const;
  for (const r of rows) {
    for (const f of r.findings) {
      all.addRow({
        file: r.file,
        severity: sev[f.severity],
        code: f.code,
        sheet: f.sheet ?? '',
        cell: f.cell ?? '',
        message: f.message,
        expected: f.expected ?? '',
        actual: f.actual ?? '',
      });
    }
  }
  for (const ws of [sum, all]) ws.getRow(1).font = { bold: true };
  return wb;
}
