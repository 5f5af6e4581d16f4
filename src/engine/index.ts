/**
 * The engine's entry points: snapshot in, report + patch out. Pure: no Office,
 * no ExcelJS, no I/O, so the add-in, the CLI and the browser workbench share it.
 */
import type { WorkbookSnapshot } from './snapshot';
import { dedupeFindings, hasErrors, sortFindings } from './findings';
import type { Patch } from './patch';
import type { ScoreRun } from './result';
import type { ScoreOptions } from './options';
import { buildPatch, buildReport, runScoring } from './scoring/run';
import { buildUndo } from './undo';
export { validateWorkbook, type ValidateRun } from './validate';

export interface UndoRun {
  ok: boolean;
  patch: Patch;
  message: string;
}

/**
 * Score the workbook. `ok` is false (and the patch empty) when the workbook
 * cannot be used or any input is unreadable: a failed run writes nothing.
 */
export function scoreWorkbook(snapshot: WorkbookSnapshot, options: ScoreOptions = {}): ScoreRun {
  const { run, failure } = runScoring(snapshot, options);
  if (!run) return failure!;
  const findings = run.findings;
  const patch = options.writeBack === false || hasErrors(findings) ? { ops: [] } : buildPatch(snapshot, run, findings, options.overrides, options.judgements);
  const sorted = sortFindings(dedupeFindings(findings));
  return { ok: !hasErrors(sorted), report: buildReport(run, sorted), patch, findings: sorted };
}

/** Restore every cell the last scoring touched and remove the sheets it created. */
export function undoLastRun(snapshot: WorkbookSnapshot): UndoRun {
  return buildUndo(snapshot);
}

export type { ScoreOptions, IndicatorOverride, ItemJudgement, ItemVerdict } from './options';
export type { ScoreRun, ScoreReport, IndicatorReport, GroupReport, Detection, ScoreSource, ChecklistItemReport } from './result';
export type { WorkbookSnapshot, SheetSnapshot, CellScalar } from './snapshot';
export type { Patch, SheetOp, CellWrite, CellStyle } from './patch';
export type { Finding, Severity } from './findings';
