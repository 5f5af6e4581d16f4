/**
 * What the pane needs from wherever the workbook lives: the open Excel
 * workbook (Office.js) or an uploaded file (ExcelJS in the browser). Both run
 * the same engine and return the same RunOutcome.
 */
import type { ScoreOptions } from '../engine/options';
import type { UndoConflict } from '../engine/undo';
import type { RunOutcome } from '../workbook/office/outcome';
import type { RunPhase } from '../workbook/office/run';
import type { ReviewRow } from '../workbook/xlsx/reviewRow';

export type { ReviewRow, RunOutcome, RunPhase, ScoreOptions, UndoConflict };
export type OnPhase = (phase: RunPhase) => void;

export interface ValidateOptions {
  /** The indicator sheet the evaluator picked in the pane. */
  indicatorSheet?: string;
  writeResults?: boolean;
}

export interface UndoOptions {
  /** Also put back the cells changed by hand since the run (ask the user first: outcome.conflicts of a dry run). */
  force?: boolean;
  /** Write nothing: outcome.conflicts lists the cells undo would keep (outcome.preview is true). */
  dryRun?: boolean;
}

export interface Actions {
  /** 一键评分, with the pane's corrections when there are any (they are saved into 评分规则). */
  score(onPhase?: OnPhase, options?: ScoreOptions): Promise<RunOutcome>;
  /** Rescore with corrections and write nothing (outcome.preview is true). */
  preview(options: ScoreOptions, onPhase?: OnPhase): Promise<RunOutcome>;
  /** 校验; with writeResults, also write the 校验结果 sheet (links to the cells). */
  validate(onPhase?: OnPhase, options?: ValidateOptions): Promise<RunOutcome>;
  /**
   * 撤销本次评分. Cells changed by hand since the run are kept unless `force`; either way they are
   * listed in outcome.conflicts ("sheet!cell（written → now）" via describeConflict) and the message.
   */
  undo(onPhase?: OnPhase, options?: UndoOptions): Promise<RunOutcome>;
}

export interface OfficeBackend extends Actions {
  /** Activate the sheet and select the cell; a Chinese error, or null when done. */
  goToCell(sheet: string, cell: string): Promise<string | null>;
  /** Outcomes of ribbon commands run in the same runtime. */
  subscribe(listener: (o: RunOutcome) => void): () => void;
  last(): RunOutcome | null;
}

export interface WorkbenchSession extends Actions {
  fileName: string;
  /** Parts of the uploaded file the download cannot keep (charts, pivot tables …), in Chinese. */
  lostOnSave: string[];
  /** The workbook as it is now (scored, undone), as .xlsx bytes. */
  save(): Promise<Uint8Array>;
  /** Visible sheets, for choosing the indicator sheet when detection fails. */
  sheets?: string[];
  /** The uploaded workbook carries the record of an earlier scoring (undo can act). */
  hasRecord?: boolean;
}

export type OpenWorkbench = (data: ArrayBuffer, fileName: string) => Promise<WorkbenchSession>;

/** One of several files chosen at once: its name, and its bytes when the review comes to it. */
export interface ReviewInput {
  name: string;
  read: () => Promise<ArrayBuffer>;
}

export interface ReviewResult {
  /** One row per file, in the order given (a file that cannot be read: a row with the reason). */
  rows: ReviewRow[];
  /** 审核汇总.xlsx (审核汇总 and 问题清单 sheets), as the command line's `review --score --out` writes it. */
  summary: Uint8Array;
}

/** Review several workbooks one after another; `onProgress(current, total)` before each, the page repainted in between. */
export type ReviewWorkbooks = (files: ReviewInput[], onProgress?: (current: number, total: number) => void) => Promise<ReviewResult>;

/** "评价.xlsx" → "评价.scored.xlsx" */
export function scoredFileName(name: string): string {
  const base = name.replace(/\.xlsx$/i, '');
  return `${base}.scored.xlsx`;
}
