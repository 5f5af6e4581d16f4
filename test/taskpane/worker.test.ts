/**
 * The workbench worker's protocol: the pane's session over a message port is the
 * in-page session (same outcomes, phases in order, bytes that reopen), errors
 * arrive as rejected calls, and a dead worker fails every waiting call.
 * The two ends are paired in-process; messages are structured-cloned and
 * delivered asynchronously, as between a page and a worker.
 */
import * as fs from 'fs';
import * as path from 'path';
import { openWorkbench } from '../../src/taskpane/workbench';
import { workbenchOverPort } from '../../src/taskpane/worker/client';
import type { Port, WorkbenchRequest, WorkbenchResponse } from '../../src/taskpane/worker/protocol';
import { serveWorkbench } from '../../src/taskpane/worker/serve';
import type { OpenWorkbench } from '../../src/taskpane/backend';
import { loadWorkbook } from '../../src/workbook/xlsx/io';
import { snapshotFromWorkbook } from '../../src/workbook/xlsx/readSnapshot';

const sample = (file: string) => {
  const b = fs.readFileSync(path.join(__dirname, '../../samples', file));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};

/** Two ports wired to each other, as a Worker and its global scope are. */
function pair(): { page: Port<WorkbenchResponse, WorkbenchRequest>; worker: Port<WorkbenchRequest, WorkbenchResponse>; sent: WorkbenchRequest[] } {
  const sent: WorkbenchRequest[] = [];
  const page: Port<WorkbenchResponse, WorkbenchRequest> = {
    onmessage: null,
    postMessage: (m) => {
      sent.push(m);
      const copy = structuredClone(m);
      setTimeout(() => worker.onmessage?.({ data: copy }), 0);
    },
  };
  const worker: Port<WorkbenchRequest, WorkbenchResponse> = {
    onmessage: null,
    postMessage: (m) => {
      const copy = structuredClone(m);
      setTimeout(() => page.onmessage?.({ data: copy }), 0);
    },
  };
  return { page, worker, sent };
}

test('a session over the worker port scores, saves and undoes like the in-page one', async () => {
  const { page, worker } = pair();
  serveWorkbench(worker, openWorkbench);
  const channel = workbenchOverPort(page);
  const session = await channel.open(sample('lvliang-2020.xlsx'), 'lvliang-2020.xlsx');
  expect(session.fileName).toBe('lvliang-2020.xlsx');
  expect(session.sheets).toContain('附件1 评分表');
  const phases: string[] = [];
  const scored = await session.score((p) => phases.push(p));
  expect(scored).toMatchObject({ action: 'score', ok: true });
  expect(scored.report?.total).toBe(85.6);
  expect(scored.report?.grade).toBe('良');
  expect(phases).toEqual(['read', 'compute', 'write']);
  const saved = snapshotFromWorkbook(await loadWorkbook(await session.save()));
  expect(saved.sheets.some((s) => s.visibility === 'veryHidden')).toBe(true);
  const undone = await session.undo();
  expect(undone).toMatchObject({ action: 'undo', ok: true });
  expect(channel.broken()).toBe(false);
});

test('the same outcome as the in-page session (report and findings)', async () => {
  const { page, worker } = pair();
  serveWorkbench(worker, openWorkbench);
  const remote = await workbenchOverPort(page).open(sample('haikou-2021.xlsx'), 'haikou-2021.xlsx');
  const local = await openWorkbench(sample('haikou-2021.xlsx'), 'haikou-2021.xlsx');
  const [a, b] = [await remote.validate(), await local.validate()];
  expect(a).toEqual(b);
  const [c, d] = [await remote.preview({}), await local.preview({})];
  expect(c.report?.total).toBe(95.95);
  expect(c).toEqual(d);
});

test('an error in the worker rejects that call with its message; later calls still work', async () => {
  const { page, worker } = pair();
  let opens = 0;
  const flaky: OpenWorkbench = async (data, name) => {
    opens += 1;
    if (opens === 1) throw new Error('不是有效的 .xlsx 文件');
    return openWorkbench(data, name);
  };
  serveWorkbench(worker, flaky);
  const channel = workbenchOverPort(page);
  await expect(channel.open(new ArrayBuffer(4), 'bad.xlsx')).rejects.toThrow('不是有效的 .xlsx 文件');
  const session = await channel.open(sample('lvliang-2020.xlsx'), 'lvliang-2020.xlsx');
  expect((await session.preview({})).report?.total).toBe(85.6);
});

test('a call before any workbook is open is refused with a message, not a hang', async () => {
  const { page, worker } = pair();
  serveWorkbench(worker, openWorkbench);
  const answer = new Promise<WorkbenchResponse>((resolve) => {
    page.onmessage = ({ data }) => resolve(data);
  });
  page.postMessage({ id: 99, op: 'save' });
  expect(await answer).toEqual({ id: 99, error: '没有打开的工作簿' });
});

test('a dead worker fails every waiting call, and every later one, with its reason', async () => {
  const { page } = pair(); // nobody answers
  const channel = workbenchOverPort(page);
  const waiting = channel.open(sample('lvliang-2020.xlsx'), 'x.xlsx');
  channel.fail('工作线程无法运行');
  await expect(waiting).rejects.toThrow('工作线程无法运行');
  expect(channel.broken()).toBe(true);
  await expect(channel.open(sample('lvliang-2020.xlsx'), 'x.xlsx')).rejects.toThrow('工作线程无法运行');
});

test('phases reach only the call they belong to', async () => {
  const { page, worker, sent } = pair();
  serveWorkbench(worker, openWorkbench);
  const session = await workbenchOverPort(page).open(sample('lvliang-2020.xlsx'), 'x.xlsx');
  const a: string[] = [];
  const b: string[] = [];
  const [va, vb] = await Promise.all([session.validate((p) => a.push(p)), session.preview({}, (p) => b.push(p))]);
  expect(va.action).toBe('validate');
  expect(vb.preview).toBe(true);
  expect(a).toEqual(['read', 'compute']);
  expect(b).toEqual(['compute']);
  expect(sent.map((m) => m.op)).toEqual(['open', 'validate', 'preview']);
  expect(new Set(sent.map((m) => m.id)).size).toBe(3);
});
