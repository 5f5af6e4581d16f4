/**
 * The add-in's three services, shared by the task pane and the ribbon
 * commands: read the workbook into a snapshot, run the pure engine, apply its
 * patch. Never throws: every failure comes back as a RunOutcome.
 */
import { scoreWorkbook, undoLastRun, validateWorkbook, type ScoreOptions } from '../../engine';
import type { Patch } from '../../engine/patch';
import type { WorkbookSnapshot } from '../../engine/snapshot';
import type { Finding } from '../../engine/findings';
import { applyPatch } from './applyPatch';
import { detectFeatures, type OfficeFeatures } from './features';
import { describeOfficeError } from './officeError';
import { conflictsMessage, errorText, failedOutcome, type RunAction, type RunOutcome } from './outcome';
import { readSnapshot } from './readSnapshot';

export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export type RunPhase = 'read' | 'compute' | 'write';

export interface OfficeRunOptions {
  /** Excel.run by default; tests pass a mock context. */
  run?: ExcelRunner;
  features?: OfficeFeatures;
  /** Progress for the pane; called before each phase. */
  onPhase?: (phase: RunPhase) => void;
  /** The pane's corrections: indicator sheet, per-indicator rule / actual / data source. */
  score?: ScoreOptions;
  /** Sheet names seen by the last run (the session's by default; tests pass their own). */
  sheetNames?: SheetNameCache;
  /**
   * Ribbon commands: Excel.run({ delayForCellEdit: true }) where the host has it (ExcelApi 1.11), so a
   * click while the user edits a cell waits for the edit to end instead of failing.
   */
  delayForCellEdit?: boolean;
}

/** What the last read or write left as the workbook's sheets, so the next read takes one sync. */
export interface SheetNameCache {
  names: string[] | null;
}

const sessionSheetNames: SheetNameCache = { names: null };

async function readFrom(context: Excel.RequestContext, options: OfficeRunOptions, features: OfficeFeatures) {
  const cache = options.sheetNames ?? sessionSheetNames;
  const result = await readSnapshot(context, { features, knownSheets: cache.names ?? undefined });
  cache.names = result.ok ? result.snapshot.sheets.map((s) => s.name) : null;
  return result;
}

async function writeTo(
  context: Excel.RequestContext,
  options: OfficeRunOptions,
  features: OfficeFeatures,
  patch: Patch,
  read: { snapshot: WorkbookSnapshot; structureProtected?: boolean },
) {
  const cache = options.sheetNames ?? sessionSheetNames;
  const applied = await applyPatch(context, patch, { snapshot: read.snapshot, features, structureProtected: read.structureProtected });
  cache.names = applied.ok && applied.sheetOrder ? applied.sheetOrder : null;
  return applied;
}

const defaultRunner: ExcelRunner = (batch) => Excel.run(batch);
// RunOptions.delayForCellEdit: https://learn.microsoft.com/javascript/api/excel/excel.runoptions
const delayedRunner: ExcelRunner = (batch) => Excel.run({ delayForCellEdit: true }, batch);

function runnerOf(options: OfficeRunOptions, features: OfficeFeatures): ExcelRunner {
  if (options.run) return options.run;
  return options.delayForCellEdit && features.delayForCellEdit ? delayedRunner : defaultRunner;
}

/** Ribbon and pane share one runtime: a second click while a run is busy is refused, not interleaved. */
let busy: RunAction | null = null;

const BUSY_TEXT: Record<RunAction, string> = { score: '评分', validate: '校验', undo: '撤销' };

async function guarded(
  action: RunAction,
  options: OfficeRunOptions,
  body: (context: Excel.RequestContext, features: OfficeFeatures) => Promise<RunOutcome>,
): Promise<RunOutcome> {
  if (busy) return failedOutcome(action, `正在${BUSY_TEXT[busy]}，请等待完成后再试`);
  busy = action;
  try {
    const features = options.features ?? detectFeatures();
    return await runnerOf(options, features)((context) => body(context, features));
  } catch (e) {
    const text = e && typeof e === 'object' && 'code' in e ? describeOfficeError(e) : errorText(e);
    return failedOutcome(action, `运行失败：${text}`);
  } finally {
    busy = null;
  }
}

/** Report the phase, then let the pane paint it before the synchronous engine call. */
async function phase(options: OfficeRunOptions, p: RunPhase): Promise<void> {
  if (!options.onPhase) return;
  options.onPhase(p);
  await new Promise((resolve) => setTimeout(resolve, 0));
}

function firstError(findings: Finding[]): string {
  const f = findings.find((x) => x.severity === 'error');
  if (!f) return '工作簿无法评分';
  return `${f.message}${f.sheet ? `（${f.sheet}${f.cell ? `!${f.cell}` : ''}）` : ''}`;
}

/** Read → engine.scoreWorkbook → apply the patch (nothing written when the engine refuses, or in a preview). */
function score(options: OfficeRunOptions, apply: boolean): Promise<RunOutcome> {
  return guarded('score', options, async (context, features) => {
    await phase(options, 'read');
    const read = await readFrom(context, options, features);
    if (!read.ok) return failedOutcome('score', read.error);
    await phase(options, 'compute');
    const run = scoreWorkbook(read.snapshot, { ...options.score, writeBack: apply });
    const base = { report: run.report, findings: run.findings, ...(apply ? {} : { preview: true }) };
    if (!run.report || (apply && !run.ok)) return failedOutcome('score', `无法评分：${firstError(run.findings)}`, base);
    if (!apply) return { action: 'score', ok: run.ok, ...base, notes: read.notes, cellsWritten: 0, syncs: read.syncs };
    await phase(options, 'write');
    const applied = await writeTo(context, options, features, run.patch, read);
    if (!applied.ok) return failedOutcome('score', applied.error, base);
    return { action: 'score', ok: true, ...base, notes: [...read.notes, ...applied.notes], cellsWritten: applied.cells, syncs: read.syncs + applied.syncs };
  });
}

/** 一键评分, with the pane's corrections when it passes any. */
export function runScoring(options: OfficeRunOptions = {}): Promise<RunOutcome> {
  return score(options, true);
}

/**
 * Rescore at once after a correction in the pane: read and run the engine,
 * write nothing (the evaluator applies it with 一键评分).
 */
export function runPreview(options: OfficeRunOptions = {}): Promise<RunOutcome> {
  return score(options, false);
}

export interface ValidationOptions extends OfficeRunOptions {
  /** Also write the 校验结果 sheet the engine proposes. */
  writeResults?: boolean;
}

/** 校验: read → engine.validateWorkbook; writes only when asked to. */
export function runValidation(options: ValidationOptions = {}): Promise<RunOutcome> {
  return guarded('validate', options, async (context, features) => {
    await phase(options, 'read');
    const read = await readFrom(context, options, features);
    if (!read.ok) return failedOutcome('validate', read.error);
    await phase(options, 'compute');
    const v = validateWorkbook(read.snapshot, { indicatorSheet: options.score?.indicatorSheet });
    const base = { report: null, findings: v.findings };
    if (!options.writeResults) return { action: 'validate', ok: v.usable, ...base, notes: read.notes, cellsWritten: 0, syncs: read.syncs };
    await phase(options, 'write');
    const applied = await writeTo(context, options, features, v.patch, read);
    if (!applied.ok) return failedOutcome('validate', applied.error, base);
    return {
      action: 'validate',
      ok: v.usable,
      ...base,
      notes: [...read.notes, ...applied.notes],
      cellsWritten: applied.cells,
      syncs: read.syncs + applied.syncs,
      createdSheets: createdSheets(v.patch),
    };
  });
}

/** The sheets a patch creates, by the names the engine gave them (the engine's record left out). */
function createdSheets(patch: Patch): string[] {
  return patch.ops.filter((op) => op.kind === 'create' && op.visibility !== 'veryHidden').map((op) => op.sheet);
}

export interface UndoRunOptions extends OfficeRunOptions {
  /** Also put back cells changed by hand since the run (after the user confirmed). */
  force?: boolean;
  /** Only list the cells changed since the run (outcome.conflicts, preview: true); write nothing. */
  dryRun?: boolean;
}

/**
 * 撤销本次评分: the engine's record (a very hidden sheet) says what to restore. Cells changed by hand
 * since the run are kept and listed in outcome.conflicts (and the message), unless `force`.
 */
export function runUndo(options: UndoRunOptions = {}): Promise<RunOutcome> {
  return guarded('undo', options, async (context, features) => {
    await phase(options, 'read');
    const read = await readFrom(context, options, features);
    if (!read.ok) return failedOutcome('undo', read.error);
    const undo = undoLastRun(read.snapshot, { force: !!options.force });
    if (!undo.ok) return failedOutcome('undo', undo.message);
    if (options.dryRun) {
      const message = conflictsMessage(undo.conflicts);
      return {
        action: 'undo',
        ok: true,
        preview: true,
        message,
        report: null,
        findings: [],
        notes: read.notes,
        cellsWritten: 0,
        syncs: read.syncs,
        conflicts: undo.conflicts,
      };
    }
    await phase(options, 'write');
    const applied = await writeTo(context, options, features, undo.patch, read);
    if (!applied.ok) return failedOutcome('undo', applied.error);
    return {
      action: 'undo',
      ok: true,
      message: undo.message,
      report: null,
      findings: [],
      notes: [...read.notes, ...applied.notes],
      cellsWritten: applied.cells,
      syncs: read.syncs + applied.syncs,
      conflicts: undo.conflicts,
    };
  });
}

/** "Go to cell" from a finding: activate the sheet and select the cell. */
export async function goToCell(sheet: string, cell: string, options: OfficeRunOptions = {}): Promise<string | null> {
  try {
    await (options.run ?? defaultRunner)(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(cell).select();
      await context.sync();
    });
    return null;
  } catch (e) {
    return `无法定位到 ${sheet}!${cell}：${describeOfficeError(e)}`;
  }
}
