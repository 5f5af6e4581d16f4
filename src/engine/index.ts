/**
 * The engine's entry points: snapshot in, report + patch out. Pure: no Office,
 * no ExcelJS, no I/O, so the add-in, the CLI and the browser workbench share it.
 */
import type { WorkbookSnapshot } from './snapshot';
import { dedupeFindings, groupFindings, hasErrors, sortFindings, type Finding } from './findings';
import type { Patch } from './patch';
import type { ScoreRun } from './result';
import type { ScoreOptions } from './options';
import { buildPatch, buildReport, runScoring } from './scoring/run';
import { buildUndo, type UndoConflict, type UndoOptions } from './undo';
import { validateWorkbook as validateRaw, type ValidateRun } from './validate';
import { readState } from './state';
import { claimSheetNames } from './writeback/sheetNames';
import { buildReadableResultsSheet, READABLE_RESULTS_SHEET } from './writeback/resultsSheet';
import type { ScoreOptions as Options } from './options';
import { inRun } from './runCache';
export type { ValidateRun } from './validate';
export { undoConflicts, describeConflict, type UndoConflict, type UndoOptions } from './undo';

export interface UndoRun {
  ok: boolean;
  patch: Patch;
  message: string;
  /** Cells changed by hand since the run: kept unless `force` (listed either way). */
  conflicts: UndoConflict[];
}

/**
 * Score the workbook. `ok` is false (and the patch empty) when the workbook
 * cannot be used or any input is unreadable: a failed run writes nothing.
 */
export function scoreWorkbook(snapshot: WorkbookSnapshot, options: ScoreOptions = {}): ScoreRun {
  return inRun(() => scoreRun(snapshot, options));
}

function scoreRun(snapshot: WorkbookSnapshot, options: ScoreOptions): ScoreRun {
  const { run, failure } = runScoring(snapshot, options);
  if (!run) return failure!;
  const findings = run.findings;
  // Errors found while reading (an unreadable input, an unusable sheet) stop the run: nothing is written.
  // Errors found while writing (the evaluator's formula giving another total, a stated grade that
  // contradicts the total) leave those cells alone and are reported; the rest is written. The patch
  // is built for a preview too, so the pane shows those errors before anything is written.
  const blocked = hasErrors(findings);
  const built = blocked ? { ops: [] } : buildPatch(snapshot, run, findings, options.overrides, options.judgements);
  const patch = options.writeBack === false ? { ops: [] } : built;
  const sorted = sortFindings(dedupeFindings(findings));
  return { ok: !blocked, report: buildReport(run, sorted), patch, findings: sorted };
}

/**
 * Validate the workbook. The 校验结果 sheet of its patch never replaces a sheet
 * of the evaluator's: a free name is chosen and reported.
 */
export function validateWorkbook(snapshot: WorkbookSnapshot, options: Options = {}): ValidateRun {
  return inRun(() => validateRun(snapshot, options));
}

function validateRun(snapshot: WorkbookSnapshot, options: Options): ValidateRun {
  const raw = validateRaw(snapshot, options);
  // The 校验结果 sheet laid out to read and print (src/engine/writeback/resultsSheet.ts).
  const v: ValidateRun = {
    ...raw,
    patch: {
      ops: raw.patch.ops.map((op) => (op.kind === 'create' && op.sheet === READABLE_RESULTS_SHEET ? buildReadableResultsSheet(raw.findings, snapshot) : op)),
    },
  };
  const extra: Finding[] = [];
  claimSheetNames(snapshot, v.patch, readState(snapshot)?.createdSheets ?? [], extra);
  let findings = groupFindings(v.findings);
  // The scoring run's own warning is the validator's error when no total row states the sum.
  if (findings.some((f) => f.code === 'TOTAL_MAX_NOT_100')) findings = findings.filter((f) => f.code !== 'MAX_TOTAL_NOT_100');
  if (extra.length === 0 && findings === v.findings) return v;
  return { ...v, findings: sortFindings(findings.concat(extra)) };
}

/** Restore every cell the last scoring touched and remove the sheets it created. */
export function undoLastRun(snapshot: WorkbookSnapshot, options: UndoOptions = {}): UndoRun {
  return inRun(() => buildUndo(snapshot, options));
}

export type { ScoreOptions, IndicatorOverride, ItemJudgement, ItemVerdict } from './options';
export type { ScoreRun, ScoreReport, IndicatorReport, GroupReport, Detection, ScoreSource, ChecklistItemReport } from './result';
export type { WorkbookSnapshot, SheetSnapshot, CellScalar } from './snapshot';
export type { Patch, SheetOp, CellWrite, CellStyle } from './patch';
export type { Finding, Severity } from './findings';
