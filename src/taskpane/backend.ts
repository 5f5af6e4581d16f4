/**
 * What the pane needs from wherever the workbook lives: the open Excel
 * workbook (Office.js) or an uploaded file (ExcelJS in the browser). Both run
 * the same engine and return the same RunOutcome.
 */
import type { RunOutcome } from '../workbook/office/outcome';
import type { RunPhase } from '../workbook/office/run';

export type { RunOutcome, RunPhase };
export type OnPhase = (phase: RunPhase) => void;

export interface Actions {
  score(onPhase?: OnPhase): Promise<RunOutcome>;
  validate(onPhase?: OnPhase): Promise<RunOutcome>;
  undo(onPhase?: OnPhase): Promise<RunOutcome>;
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
  /** The workbook as it is now (scored, undone), as .xlsx bytes. */
  save(): Promise<Uint8Array>;
}

export type OpenWorkbench = (data: ArrayBuffer, fileName: string) => Promise<WorkbenchSession>;

/** "评价.xlsx" → "评价.scored.xlsx" */
export function scoredFileName(name: string): string {
  const base = name.replace(/\.xlsx$/i, '');
  return `${base}.scored.xlsx`;
}
