/**
 * A review's row (src/workbook/xlsx/review.ts) and its statuses, without ExcelJS or the engine:
 * the task pane's main bundle imports this to show the rows; the reviewing itself is loaded on demand.
 */
import type { Finding } from '../../engine/findings';

export interface ReviewRow {
  file: string;
  project: string;
  sheet: string | null;
  total: number | null;
  grade: string | null;
  errors: number;
  warnings: number;
  status: string;
  findings: Finding[];
  ms: number;
}

/** The statuses a row can have (an unreadable file's status goes on with the reason: `无法读取：…`). */
export const REVIEW_STATUS = {
  passed: '通过',
  warnings: '有警告',
  errors: '有错误',
  noTable: '无法识别指标表',
  unreadable: '无法读取',
} as const;

export type ReviewStatusKind = keyof typeof REVIEW_STATUS;

/** Which of REVIEW_STATUS a row's status is (for a translated label); the reason of an unreadable file is the rest. */
export function reviewStatusKind(row: Pick<ReviewRow, 'status'>): { kind: ReviewStatusKind; reason: string } {
  for (const kind of Object.keys(REVIEW_STATUS) as ReviewStatusKind[]) {
    const label = REVIEW_STATUS[kind];
    if (row.status === label) return { kind, reason: '' };
    if (kind === 'unreadable' && row.status.startsWith(label)) return { kind, reason: row.status.slice(label.length).replace(/^[:：]\s*/, '') };
  }
  return { kind: 'errors', reason: row.status };
}

/** "dir/评价.xlsx" → "评价.xlsx" (either separator), as path.basename on the file names the CLI sees. */
export function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

/** "dir/评价.xlsx" → "评价", as path.basename(file, path.extname(file)). */
export function stemName(file: string): string {
  const base = baseName(file);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/** The 审核汇总 workbook's file name, the command line's documented default for --out. */
export const REVIEW_FILE_NAME = '审核汇总.xlsx';
