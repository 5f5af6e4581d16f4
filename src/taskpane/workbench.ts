/**
 * The browser workbench: the same engine on an uploaded .xlsx through the
 * ExcelJS adapter. Loaded with a dynamic import() only when there is no
 * Office host, so ExcelJS stays out of the add-in's main bundle.
 */
import type ExcelJS from 'exceljs';
import { scoreWorkbook, undoLastRun, validateWorkbook } from '../engine';
import type { Patch } from '../engine/patch';
import { STATE_SHEET } from '../engine/state';
import { patchCellCount } from '../engine/patch';
import { applyPatch } from '../workbook/xlsx/applyPatch';
import { clippedMerges } from '../workbook/xlsx/excelFixes';
import { loadWorkbook, lostOnSave, saveWorkbook } from '../workbook/xlsx/io';
import { snapshotFromWorkbook } from '../workbook/xlsx/readSnapshot';
import { buildReviewWorkbook, reviewBytes, type ReviewRow } from '../workbook/xlsx/review';
import { conflictsMessage, errorText, failedOutcome, type RunAction, type RunOutcome } from '../workbook/office/outcome';
import type { OnPhase, ReviewInput, ReviewResult, WorkbenchSession } from './backend';

/** Let the pane paint the progress before the synchronous engine call. */
const paint = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Between two workbooks of a review: give the browser a frame to paint the progress (and handle
 * input); a hidden tab gets no animation frames, so a timer goes on regardless.
 */
const nextFrame = () =>
  new Promise<void>((resolve) => {
    let done = false;
    const go = () => {
      if (done) return;
      done = true;
      setTimeout(resolve, 0);
    };
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(go);
    setTimeout(go, 50);
  });

async function step(onPhase: OnPhase | undefined, phase: Parameters<OnPhase>[0]): Promise<void> {
  onPhase?.(phase);
  await paint();
}

function firstError(findings: RunOutcome['findings']): string {
  const f = findings.find((x) => x.severity === 'error');
  return f ? `${f.message}${f.sheet ? `（${f.sheet}${f.cell ? `!${f.cell}` : ''}）` : ''}` : '工作簿无法评分';
}

function write(wb: ExcelJS.Workbook, patch: Patch): { ok: true; cells: number } | { ok: false; error: string } {
  const applied = applyPatch(wb, patch);
  return applied.ok ? { ok: true, cells: patchCellCount(patch) } : { ok: false, error: `写入失败，未修改任何内容：${applied.error}` };
}

async function guard(action: RunAction, body: () => Promise<RunOutcome>): Promise<RunOutcome> {
  try {
    return await body();
  } catch (e) {
    return failedOutcome(action, `运行失败：${errorText(e)}`);
  }
}

/** What the download will not keep, as the command line says it before a write (src/workbook/xlsx/node.ts). */
async function lostParts(data: ArrayBuffer, wb: ExcelJS.Workbook): Promise<string[]> {
  const lost = await lostOnSave(data);
  const cut = clippedMerges(wb);
  if (cut.length > 0) lost.push(`超出内容范围的合并单元格（${cut.slice(0, 3).join('、')}，已截到内容范围）`);
  return lost;
}

export async function openWorkbench(data: ArrayBuffer, fileName: string): Promise<WorkbenchSession> {
  const wb = await loadWorkbook(data);
  const snapshot = () => snapshotFromWorkbook(wb, fileName);
  return {
    fileName,
    lostOnSave: await lostParts(data, wb),
    sheets: wb.worksheets.filter((w) => w.state !== 'hidden' && w.state !== 'veryHidden').map((w) => w.name),
    hasRecord: wb.worksheets.some((w) => w.name === STATE_SHEET),
    score: (onPhase, options) =>
      guard('score', async () => {
        await step(onPhase, 'read');
        const snap = snapshot();
        await step(onPhase, 'compute');
        const run = scoreWorkbook(snap, { ...options, writeBack: true });
        const base = { report: run.report, findings: run.findings };
        if (!run.ok) return failedOutcome('score', `无法评分：${firstError(run.findings)}`, base);
        await step(onPhase, 'write');
        const w = write(wb, run.patch);
        if (!w.ok) return failedOutcome('score', w.error, base);
        return { action: 'score', ok: true, ...base, notes: [], cellsWritten: w.cells };
      }),
    preview: (options, onPhase) =>
      guard('score', async () => {
        await step(onPhase, 'compute');
        const run = scoreWorkbook(snapshot(), { ...options, writeBack: false });
        const base = { report: run.report, findings: run.findings, preview: true };
        if (!run.report) return failedOutcome('score', `无法评分：${firstError(run.findings)}`, base);
        return { action: 'score', ok: run.ok, ...base, notes: [], cellsWritten: 0 };
      }),
    validate: (onPhase, options) =>
      guard('validate', async () => {
        await step(onPhase, 'read');
        const snap = snapshot();
        await step(onPhase, 'compute');
        const v = validateWorkbook(snap, { indicatorSheet: options?.indicatorSheet });
        const base = { action: 'validate' as const, report: null, findings: v.findings, notes: [] };
        if (!options?.writeResults) return { ...base, ok: v.usable, cellsWritten: 0 };
        await step(onPhase, 'write');
        const w = write(wb, v.patch);
        if (!w.ok) return failedOutcome('validate', w.error, { findings: v.findings });
        return { ...base, ok: v.usable, cellsWritten: w.cells };
      }),
    undo: (onPhase, options) =>
      guard('undo', async () => {
        await step(onPhase, 'read');
        const undo = undoLastRun(snapshot(), { force: !!options?.force });
        if (!undo.ok) return failedOutcome('undo', undo.message);
        const base = { action: 'undo' as const, ok: true, report: null, findings: [], notes: [], conflicts: undo.conflicts };
        if (options?.dryRun) return { ...base, preview: true, message: conflictsMessage(undo.conflicts), cellsWritten: 0 };
        await step(onPhase, 'write');
        const w = write(wb, undo.patch);
        if (!w.ok) return failedOutcome('undo', w.error);
        return { ...base, message: undo.message, cellsWritten: w.cells };
      }),
    save: () => saveWorkbook(wb),
  };
}

/**
 * Several uploaded workbooks, reviewed one after another as the command line's `review --score`
 * does (src/workbook/xlsx/review.ts): validated and scored, nothing written. A file that cannot be
 * read is a row with the reason and the review goes on.
 */
export async function reviewWorkbooks(files: ReviewInput[], onProgress?: (current: number, total: number) => void): Promise<ReviewResult> {
  const rows: ReviewRow[] = [];
  for (let i = 0; i < files.length; i++) {
    onProgress?.(i + 1, files.length);
    await nextFrame();
    rows.push(await reviewBytes(files[i].name, true, files[i].read));
  }
  return { rows, summary: await saveWorkbook(buildReviewWorkbook(rows)) };
}
