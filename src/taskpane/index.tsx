/**
 * Task pane entry: decide Office host vs browser workbench, then render.
 * ExcelJS (through ./workbench) is imported on demand, workbench mode only.
 */
import { createRoot } from 'react-dom/client';
import { App } from './App';
import type { OpenWorkbench, ReviewWorkbooks } from './backend';
import { detectHost, prefersDark, type HostMode } from './host';
import { officeBackend } from './officeBackend';
import { workbenchOverPort, type WorkbenchChannel } from './worker/client';
import type { Port, WorkbenchRequest, WorkbenchResponse } from './worker/protocol';
import { spawnWorkbenchWorker } from './worker/spawn';

/** The workbench worker, started on first use; null where workers cannot run (the pane then scores in the page). */
let channel: WorkbenchChannel | null | undefined;
function workerChannel(): WorkbenchChannel | null {
  if (channel !== undefined) return channel;
  try {
    const worker = spawnWorkbenchWorker();
    channel = workbenchOverPort(worker as unknown as Port<WorkbenchResponse, WorkbenchRequest>);
    const c = channel;
    worker.addEventListener('error', (e) => c.fail(e.message || '工作线程无法运行'));
  } catch {
    channel = null;
  }
  return channel;
}

/** The uploaded workbook lives in the worker, the engine runs there; the page only renders. */
const openWorkbench: OpenWorkbench = async (data, name) => {
  const inPage = async () => {
    const { openWorkbench: open } = await import(/* webpackChunkName: "workbench" */ './workbench');
    return open(data, name);
  };
  const c = workerChannel();
  if (!c) return inPage();
  try {
    return await c.open(data, name);
  } catch (e) {
    if (c.broken()) return inPage();
    throw e;
  }
};

const reviewWorkbooks: ReviewWorkbooks = async (files, onProgress) => {
  const { reviewWorkbooks: review } = await import(/* webpackChunkName: "workbench" */ './workbench');
  return review(files, onProgress);
};

async function main(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) return;
  const root = createRoot(container);
  const render = (mode: HostMode) => {
    document.body.dataset.mode = mode;
    const office = mode === 'office' ? officeBackend : undefined;
    // A key per mode: switching remounts the app in Excel mode rather than keeping workbench state.
    root.render(<App key={mode} mode={mode} office={office} openWorkbench={openWorkbench} reviewWorkbooks={reviewWorkbooks} dark={prefersDark()} />);
  };
  // A slow Office start first shows the workbench, then switches to Excel mode when onReady answers.
  render(await detectHost(4000, () => render('office')));
}

void main();
