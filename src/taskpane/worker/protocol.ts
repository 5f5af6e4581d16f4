/**
 * The messages between the pane (main thread) and the workbench worker, which
 * holds the uploaded workbook and runs the engine off the UI thread so the page
 * stays responsive while 5,000 indicators are scored.
 *
 * Every request carries an id; the worker answers with any number of phase
 * messages (the progress bar) and then one result or one error for that id.
 * Bytes travel as transferred ArrayBuffers (no copy).
 */
import type { ScoreOptions } from '../../engine/options';
import type { RunOutcome, RunPhase, UndoOptions, ValidateOptions } from '../backend';

export type WorkbenchRequest =
  | { id: number; op: 'open'; data: ArrayBuffer; fileName: string }
  | { id: number; op: 'score'; options?: ScoreOptions }
  | { id: number; op: 'preview'; options: ScoreOptions }
  | { id: number; op: 'validate'; options?: ValidateOptions }
  | { id: number; op: 'undo'; options?: UndoOptions }
  | { id: number; op: 'save' };

/** What `open` answers: the session's facts the pane shows before any run. */
export interface OpenedInfo {
  fileName: string;
  lostOnSave: string[];
  sheets?: string[];
  hasRecord?: boolean;
}

/**
 * Outcomes travel as JSON text: one string crosses the boundary in a single copy, and
 * JSON.parse on the page is several times faster than structured-clone deserialisation
 * of thousands of small objects (5,000 indicators: about 0.1 s against 0.6–0.8 s in V8),
 * which would otherwise be one long task on the page's thread.
 */
export type WorkbenchResponse =
  { id: number; phase: RunPhase } | { id: number; json: string } | { id: number; bytes: Uint8Array } | { id: number; error: string };

/** What a `json` response holds, by request. */
export type JsonResult = OpenedInfo | RunOutcome;

/** The part of a Worker (or of its global scope) both sides use: easy to pair in tests. */
export interface Port<In, Out> {
  postMessage(message: Out, transfer?: Transferable[]): void;
  onmessage: ((event: { data: In }) => void) | null;
}
