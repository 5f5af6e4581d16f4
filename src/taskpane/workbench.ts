/**
 * The browser workbench: the same engine on an uploaded .xlsx through the
 * ExcelJS adapter. Loaded with a dynamic import() only when there is no
 * Office host, so ExcelJS stays out of the add-in's main bundle.
 */
import type ExcelJS from 'exceljs';
import { scoreWorkbook, undoLastRun, validateWorkbook } from '../engine';
import type { Patch } from '../engine/patch';
import { patchCellCount } from '../engine/patch';
import { applyPatch } from '../workbook/xlsx/applyPatch';
import { loadWorkbook, saveWorkbook, unsupportedParts } from '../workbook/xlsx/io';
import { snapshotFromWorkbook } from '../workbook/xlsx/readSnapshot';
import { errorText, failedOutcome, type RunAction, type RunOutcome } from '../workbook/office/outcome';
import type { OnPhase, WorkbenchSession } from './backend';

/** Let the pane paint the progress before the synchronous engine call. */
const paint = () => new Promise((resolve) => setTimeout(resolve, 0));

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

export async function openWorkbench(data: ArrayBuffer, fileName: string): Promise<WorkbenchSession> {
  const wb = await loadWorkbook(data);
  const snapshot = () => snapshotFromWorkbook(wb, fileName);
  return {
    fileName,
    lostOnSave: unsupportedParts(data),
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
    undo: (onPhase) =>
      guard('undo', async () => {
        await step(onPhase, 'read');
        const undo = undoLastRun(snapshot());
        if (!undo.ok) return failedOutcome('undo', undo.message);
        await step(onPhase, 'write');
        const w = write(wb, undo.patch);
        if (!w.ok) return failedOutcome('undo', w.error);
        return { action: 'undo', ok: true, message: undo.message, report: null, findings: [], notes: [], cellsWritten: w.cells };
      }),
    save: () => saveWorkbook(wb),
  };
}
