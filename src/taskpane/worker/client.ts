/**
 * The pane's side: a WorkbenchSession whose every call is a request to the
 * workbench worker (./serve.ts). The pane cannot tell it from the in-page
 * session, except that the engine no longer blocks the page.
 */
import type { OnPhase, OpenWorkbench, RunOutcome, WorkbenchSession } from '../backend';
import type { OpenedInfo, Port, WorkbenchRequest, WorkbenchResponse } from './protocol';

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void; onPhase?: OnPhase };

/** Distributive Omit: the request without its id, for each op. */
type Request = WorkbenchRequest extends infer R ? (R extends WorkbenchRequest ? Omit<R, 'id'> : never) : never;

export interface WorkbenchChannel {
  open: OpenWorkbench;
  /** The worker died (a script that failed to load, an uncaught error): every waiting call fails with `reason`. */
  fail(reason: string): void;
  /** True once `fail` was called: the pane falls back to the in-page workbench. */
  broken(): boolean;
}

/**
 * Sessions over one worker port. Opening another file replaces the worker's
 * session, as the pane replaces its own. The uploaded bytes are copied to the
 * worker (not transferred), so the pane can still open them itself if the
 * worker fails.
 */
export function workbenchOverPort(port: Port<WorkbenchResponse, WorkbenchRequest>): WorkbenchChannel {
  let failed: string | null = null;
  let next = 1;
  const pending = new Map<number, Pending>();
  port.onmessage = ({ data }) => {
    const p = pending.get(data.id);
    if (!p) return;
    if ('phase' in data) {
      p.onPhase?.(data.phase);
      return;
    }
    pending.delete(data.id);
    if ('error' in data) p.reject(new Error(data.error));
    else if ('bytes' in data) p.resolve(data.bytes);
    else p.resolve(JSON.parse(data.json));
  };
  const call = <T>(req: Request, onPhase?: OnPhase): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (failed !== null) return reject(new Error(failed));
      const id = next++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onPhase });
      port.postMessage({ ...req, id } as WorkbenchRequest);
    });
  const open: OpenWorkbench = async (data, fileName) => {
    const info = await call<OpenedInfo>({ op: 'open', data, fileName });
    const session: WorkbenchSession = {
      ...info,
      score: (onPhase, options) => call<RunOutcome>({ op: 'score', options }, onPhase),
      preview: (options, onPhase) => call<RunOutcome>({ op: 'preview', options }, onPhase),
      validate: (onPhase, options) => call<RunOutcome>({ op: 'validate', options }, onPhase),
      undo: (onPhase, options) => call<RunOutcome>({ op: 'undo', options }, onPhase),
      save: () => call<Uint8Array>({ op: 'save' }),
    };
    return session;
  };
  const fail = (reason: string) => {
    failed = reason;
    for (const p of pending.values()) p.reject(new Error(reason));
    pending.clear();
  };
  return { open, fail, broken: () => failed !== null };
}
