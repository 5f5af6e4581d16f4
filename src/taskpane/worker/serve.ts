/**
 * The worker's side: one uploaded workbook per worker, opened with the same
 * ExcelJS workbench as the main thread would use (../workbench.ts), each run's
 * phases posted back as they happen.
 */
import type { WorkbenchSession } from '../backend';
import type { OpenWorkbench } from '../backend';
import type { JsonResult, Port, WorkbenchRequest, WorkbenchResponse } from './protocol';

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Answer the pane's requests on `port`; `open` opens (and replaces) the session. */
export function serveWorkbench(port: Port<WorkbenchRequest, WorkbenchResponse>, open: OpenWorkbench): void {
  let session: WorkbenchSession | null = null;
  const reply = (id: number, result: JsonResult) => port.postMessage({ id, json: JSON.stringify(result) });
  // Requests run one after another, as the pane issues them (a run never overlaps another).
  let queue: Promise<void> = Promise.resolve();
  const answer = async (req: WorkbenchRequest): Promise<void> => {
    const onPhase = (phase: Parameters<NonNullable<Parameters<WorkbenchSession['score']>[0]>>[0]) => port.postMessage({ id: req.id, phase });
    try {
      if (req.op === 'open') {
        session = await open(req.data, req.fileName);
        const { fileName, lostOnSave, sheets, hasRecord } = session;
        reply(req.id, { fileName, lostOnSave, sheets, hasRecord });
        return;
      }
      if (!session) throw new Error('没有打开的工作簿');
      switch (req.op) {
        case 'score':
          reply(req.id, await session.score(onPhase, req.options));
          return;
        case 'preview':
          reply(req.id, await session.preview(req.options, onPhase));
          return;
        case 'validate':
          reply(req.id, await session.validate(onPhase, req.options));
          return;
        case 'undo':
          reply(req.id, await session.undo(onPhase, req.options));
          return;
        case 'save': {
          const bytes = await session.save();
          port.postMessage({ id: req.id, bytes }, [bytes.buffer as ArrayBuffer]);
          return;
        }
      }
    } catch (e) {
      port.postMessage({ id: req.id, error: message(e) });
    }
  };
  port.onmessage = (event) => {
    queue = queue.then(() => answer(event.data));
  };
}
