/**
 * The function file's own script. manifest.xml's FunctionFile is the task
 * pane page (one shared runtime), and this entry runs first on it, before the
 * pane's UI: it registers every ribbon handler at top level with
 * Office.actions.associate, so a first click never finds nothing registered.
 * The engine and the Office adapter (./commands) load only when a button is
 * clicked — or are already there when the pane loaded them. Every handler
 * calls event.completed() exactly once, also when loading fails.
 */
import { COMMAND_IDS, type CommandId, type CompletableEvent } from './ids';
import { watchPaneVisibility } from './paneState';

type Handlers = Record<CommandId, (event: CompletableEvent) => Promise<void>>;
export type LoadHandlers = () => Promise<Handlers>;

/** A handler that loads the real one on first use; completes the event once, whatever happens. */
export function lazyHandler(id: CommandId, load: LoadHandlers): (event: CompletableEvent) => Promise<void> {
  return async (event) => {
    let completed = false;
    const once: CompletableEvent = {
      completed: (options) => {
        if (completed) return;
        completed = true;
        event.completed(options);
      },
    };
    try {
      const handlers = await load();
      await handlers[id](once);
    } catch {
      // The chunk could not load (offline?): nothing ran, nothing to show; the button must not stay busy.
    } finally {
      once.completed();
    }
  };
}

export function registerFunctions(actions: { associate: (id: string, fn: (event: CompletableEvent) => void) => void }, load: LoadHandlers): void {
  for (const id of COMMAND_IDS) actions.associate(id, lazyHandler(id, load));
}

let cached: Promise<Handlers> | null = null;
const loadCommands: LoadHandlers = () =>
  (cached ??= import(/* webpackChunkName: "commands" */ './commands')
    .then((m) => m.createHandlers())
    .catch((e) => {
      cached = null;
      throw e;
    }));

// Top level, as soon as office.js is there: https://learn.microsoft.com/javascript/api/office/office.actions#office-office-actions-associate-member(1)
if (typeof Office !== 'undefined') {
  if (typeof Office.actions?.associate === 'function') registerFunctions(Office.actions, loadCommands);
  else if (typeof Office.onReady === 'function') void Office.onReady(() => Office.actions && registerFunctions(Office.actions, loadCommands));
  if (typeof Office.onReady === 'function') void Office.onReady(() => watchPaneVisibility());
}
