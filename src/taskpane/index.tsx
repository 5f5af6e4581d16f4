/**
 * Task pane entry: decide Office host vs browser workbench, then render.
 * ExcelJS (through ./workbench) is imported on demand, workbench mode only.
 */
import { createRoot } from 'react-dom/client';
import { App } from './App';
import type { OpenWorkbench, ReviewWorkbooks } from './backend';
import { detectHost, prefersDark, type HostMode } from './host';
import { officeBackend } from './officeBackend';

const openWorkbench: OpenWorkbench = async (data, name) => {
  const { openWorkbench: open } = await import(/* webpackChunkName: "workbench" */ './workbench');
  return open(data, name);
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
