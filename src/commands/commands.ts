/**
 * Ribbon commands (ExecuteFunction): 一键评分, 校验, 撤销本次评分. They run in
 * the shared runtime, call the same services as the task pane, publish the
 * outcome for the pane, and always call event.completed(), also on failure:
 * Office keeps the button busy until it is called.
 */
import { publishOutcome } from '../workbook/office/outcomeBus';
import { errorText, failedOutcome, type RunAction, type RunOutcome } from '../workbook/office/outcome';
import { runScoring, runUndo, runValidation } from '../workbook/office/run';

export const COMMAND_IDS = ['scoreWorkbook', 'validateWorkbook', 'undoScoring'] as const;
export type CommandId = (typeof COMMAND_IDS)[number];

interface CompletableEvent {
  completed: (options?: { allowEvent?: boolean }) => void;
}

export interface CommandDeps {
  score: () => Promise<RunOutcome>;
  validate: () => Promise<RunOutcome>;
  undo: () => Promise<RunOutcome>;
  /** Surface an outcome without a dialog: open the task pane that shows it. */
  showPane: () => void;
  publish: (outcome: RunOutcome) => void;
}

function showTaskpane(): void {
  try {
    const addin = typeof Office !== 'undefined' ? Office.addin : undefined;
    // Fire and forget: a pane that never reports "shown" must not hold the command open.
    addin?.showAsTaskpane?.().catch(() => undefined);
  } catch {
    // No shared runtime: the outcome stays published for when the pane is opened.
  }
}

export const defaultDeps: CommandDeps = {
  score: () => runScoring(),
  validate: () => runValidation(),
  undo: () => runUndo(),
  showPane: showTaskpane,
  publish: publishOutcome,
};

/**
 * Wrap a service as a command handler. Scoring and undo stay silent when they
 * succeed (the workbook shows the result); validation results and every
 * failure open the pane.
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
      if (alwaysShow || !outcome.ok) deps.showPane();
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

// Outside Office (workbench, tests) there is nothing to register.
if (typeof Office !== 'undefined' && typeof Office.onReady === 'function') {
  Office.onReady(() => {
    if (Office.actions) registerCommands(Office.actions);
  });
}
