/**
 * What one run (score / validate / undo) produced, in the same shape for the
 * Office host and the browser workbench, so the task pane and the ribbon
 * commands render it alike. Messages from the engine and adapters are Chinese.
 */
import type { Finding } from '../../engine/findings';
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
}

export function failedOutcome(action: RunAction, error: string, extra: Partial<RunOutcome> = {}): RunOutcome {
  return { action, ok: false, error, report: null, findings: [], notes: [], cellsWritten: 0, ...extra };
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
