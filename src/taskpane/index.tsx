/**
 * Task pane entry: decide Office host vs browser workbench, then render.
 * ExcelJS (through ./workbench) is imported on demand, workbench mode only.
 */
import { createRoot } from 'react-dom/client';
import { App } from './App';
import type { OpenWorkbench } from './backend';
import { detectHost, prefersDark } from './host';
import { officeBackend } from './officeBackend';

const openWorkbench: OpenWorkbench = async (data, name) => {
  const { openWorkbench: open } = await import(/* webpackChunkName: "workbench" */ './workbench');
  return open(data, name);
};

async function main(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) return;
  const mode = await detectHost();
  const office = mode === 'office' ? officeBackend : undefined;
  document.body.dataset.mode = mode;
  createRoot(container).render(<App mode={mode} office={office} openWorkbench={openWorkbench} dark={prefersDark()} />);
}

void main();
