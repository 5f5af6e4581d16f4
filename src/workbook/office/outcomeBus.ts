/**
 * The last run's outcome, shared between the ribbon commands and the task
 * pane (one shared runtime, one module instance: webpack's single runtime
 * chunk). A command that runs while the pane is closed leaves its outcome
 * here; the pane shows it when it opens.
 */
import type { RunOutcome } from './outcome';

type Listener = (outcome: RunOutcome) => void;

let last: RunOutcome | null = null;
const listeners = new Set<Listener>();

export function publishOutcome(outcome: RunOutcome): void {
  last = outcome;
  for (const l of listeners) {
    try {
      l(outcome);
    } catch {
      // A broken listener must not stop the others (or the command that published).
    }
  }
}

export function subscribeOutcome(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function lastOutcome(): RunOutcome | null {
  return last;
}
