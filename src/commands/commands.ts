/**
 * Ribbon commands (ExecuteFunction): 一键评分, 校验, 撤销本次评分. They run in
 * the shared runtime, call the same services as the task pane, publish the
 * outcome for the pane, and always call event.completed(), also on failure:
 * Office keeps the button busy until it is called. This module carries the
 * engine; ./functions registers lightweight handlers that load it on demand.
 */
import { publishOutcome } from '../workbook/office/outcomeBus';
import { errorText, failedOutcome, type RunAction, type RunOutcome } from '../workbook/office/outcome';
import { goToCell, runScoring, runUndo, runValidation } from '../workbook/office/run';
import { COMMAND_IDS, type CommandId, type CompletableEvent } from './ids';
import { waitForPane } from './paneState';

export { COMMAND_IDS, type CommandId } from './ids';

export interface CommandDeps {
  score: () => Promise<RunOutcome>;
  validate: () => Promise<RunOutcome>;
  undo: () => Promise<RunOutcome>;
  /**
   * Surface an outcome without a dialog: open the task pane that shows it. Resolves false when the
   * pane could not be shown (no shared runtime, or showAsTaskpane ignored as for Marketplace add-ins).
   */
  showPane: () => void | boolean | Promise<boolean>;
  publish: (outcome: RunOutcome) => void;
  /** 校验 when the pane cannot be shown: write the 校验结果 sheet (or 校验结果(新) …, the name it got) and select it. */
  validateIntoSheet?: () => Promise<RunOutcome>;
}

/** How long a shown pane has to report itself visible before the ribbon falls back. */
export const PANE_TIMEOUT_MS = 1500;

async function showTaskpane(): Promise<boolean> {
  try {
    const addin = typeof Office !== 'undefined' ? Office.addin : undefined;
    // showAsTaskpane needs SharedRuntime 1.1: https://learn.microsoft.com/javascript/api/office/office.addin#office-office-addin-showastaskpane-member(1)
    if (!addin?.showAsTaskpane || !Office.context?.requirements?.isSetSupported('SharedRuntime', '1.1')) return false;
    const visible = waitForPane(PANE_TIMEOUT_MS);
    // Not awaited alone: a pane that never reports "shown" must not hold the command open.
    await Promise.race([addin.showAsTaskpane(), new Promise((r) => setTimeout(r, PANE_TIMEOUT_MS))]);
    // Ignored for add-ins from Microsoft Marketplace: the promise resolves, no pane appears, no visibility event comes.
    return await visible;
  } catch {
    return false;
  }
}

/** Ribbon runs wait for a cell edit to end instead of failing (where the host allows it). */
const ribbon = { delayForCellEdit: true } as const;

async function validateIntoSheet(): Promise<RunOutcome> {
  const outcome = await runValidation({ ...ribbon, writeResults: true });
  // The sheet the patch created: 校验结果, or a free name when the user has a sheet of that name.
  const sheet = outcome.createdSheets?.[0];
  if (sheet && (outcome.ok || outcome.cellsWritten > 0)) {
    const problem = await goToCell(sheet, 'A1', ribbon);
    if (problem) outcome.notes = [...outcome.notes, problem];
  }
  return outcome;
}

export const defaultDeps: CommandDeps = {
  score: () => runScoring(ribbon),
  validate: () => runValidation(ribbon),
  undo: () => runUndo(ribbon),
  showPane: showTaskpane,
  publish: publishOutcome,
  validateIntoSheet,
};

/**
 * Wrap a service as a command handler. Scoring and undo stay silent when they
 * succeed (the workbook shows the result); validation results and every
 * failure open the pane, and so does an undo that kept cells changed by hand
 * since the run (its message names them: 附件1!H9（85 → 80）). When the pane
 * cannot be shown, 校验 writes its results into the sheet the patch created
 * (校验结果, or a free name) and selects it instead.
 */
function handler(action: RunAction, run: () => Promise<RunOutcome>, deps: CommandDeps, alwaysShow: boolean) {
  return async (event: CompletableEvent): Promise<void> => {
    try {
      let outcome: RunOutcome;
      try {
        outcome = await run();
      } catch (e) {
        outcome = failedOutcome(action, `运行失败：${errorText(e)}`);
      }
      deps.publish(outcome);
      const kept = (outcome.conflicts?.length ?? 0) > 0;
      if (alwaysShow || !outcome.ok || kept) {
        const shown = await deps.showPane();
        if (shown === false && action === 'validate' && deps.validateIntoSheet) {
          deps.publish(await deps.validateIntoSheet());
        }
      }
    } catch {
      // Publishing or showing the pane failed: nothing more to tell the user from here.
    } finally {
      event.completed();
    }
  };
}

export function createHandlers(deps: CommandDeps = defaultDeps): Record<CommandId, (event: CompletableEvent) => Promise<void>> {
  return {
    scoreWorkbook: handler('score', deps.score, deps, false),
    validateWorkbook: handler('validate', deps.validate, deps, true),
    undoScoring: handler('undo', deps.undo, deps, false),
  };
}

export function registerCommands(actions: { associate: (id: string, fn: (event: CompletableEvent) => void) => void }, deps: CommandDeps = defaultDeps): void {
  const handlers = createHandlers(deps);
  for (const id of COMMAND_IDS) actions.associate(id, handlers[id]);
}
