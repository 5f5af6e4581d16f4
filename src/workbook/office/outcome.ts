/**
 * What one run (score / validate / undo) produced, in the same shape for the
 * Office host and the browser workbench, so the task pane and the ribbon
 * commands render it alike. Messages from the engine and adapters are Chinese.
 */
import type { Finding } from '../../engine/findings';
import { describeConflict, type UndoConflict } from '../../engine/undo';
import type { ScoreReport } from '../../engine/result';

export type RunAction = 'score' | 'validate' | 'undo';

export interface RunOutcome {
  action: RunAction;
  ok: boolean;
  /** Why the run failed or was refused (Chinese); absent on success. */
  error?: string;
  /** Undo's own summary ("已恢复12个单元格…"), when there is one. */
  message?: string;
  report: ScoreReport | null;
  findings: Finding[];
  /** Features skipped on this host, cosmetic failures (Chinese). */
  notes: string[];
  /** Cells the applied patch wrote. */
  cellsWritten: number;
  /** A dry run with the pane's corrections: scores shown, nothing written. */
  preview?: boolean;
  /** context.sync() round trips used (Office only). */
  syncs?: number;
  /**
   * Undo: cells changed by hand since the run (sheet, cell, what the run wrote, what is there now,
   * what undo puts back). Kept as they are unless the undo was forced; with `preview`, what undo would
   * keep (nothing written). Absent for other actions; empty when there are none.
   */
  conflicts?: UndoConflict[];
  /** Sheets the run created, by the names they got (a taken name gets a free one: 校验结果(新)). */
  createdSheets?: string[];
}

export function failedOutcome(action: RunAction, error: string, extra: Partial<RunOutcome> = {}): RunOutcome {
  return { action, ok: false, error, report: null, findings: [], notes: [], cellsWritten: 0, ...extra };
}

/** A dry-run undo's message: the cells changed by hand since the run, which undo keeps unless forced. */
export function conflictsMessage(conflicts: readonly UndoConflict[]): string {
  const n = conflicts.length;
  if (n === 0) return '评分后没有改动过的单元格';
  return `评分后改动过的${n}个单元格（撤销时默认保留现状）：${conflicts.slice(0, 10).map(describeConflict).join('、')}${n > 10 ? `等${n}个` : ''}`;
}

/** Text of an unexpected exception, never "[object Object]". */
export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  if (typeof e === 'string') return e;
  try {
    return JSON.stringify(e);
  } catch {
    return String(e);
  }
}
