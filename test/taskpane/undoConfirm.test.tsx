/** @jest-environment jsdom */
/**
 * 撤销 over later work (issue 9): a dry run first; cells changed by hand since the run are listed in
 * a dialog that keeps them, undoes everything, or cancels. The dry run never clears the report.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ScoreReport } from '../../src/engine/result';
import { App } from '../../src/taskpane/App';
import type { RunOutcome, UndoConflict, UndoOptions, WorkbenchSession } from '../../src/taskpane/backend';

const report: ScoreReport = {
  sheet: '附件1',
  total: 85.6,
  grade: '良',
  groups: [{ name: '决策', max: 20, score: 20 }],
  indicators: [
    { path: ['产出', '话务接通率'], max: 5, score: 4, deduction: 1, source: 'computed', rule: '每低1%扣1分', ruleKind: 'step', note: '扣1分', cell: 'H12' },
  ],
  findings: [],
};

const conflicts: UndoConflict[] = [
  { sheet: '附件1', cell: 'H12', written: 4, now: 3.5, before: null },
  { sheet: '附件1', cell: 'J12', written: '扣1分', now: '', before: null },
];

const scored: RunOutcome = { action: 'score', ok: true, report, findings: [], notes: [], cellsWritten: 42 };

function session(found: UndoConflict[] = conflicts): WorkbenchSession & { undo: jest.Mock; save: jest.Mock } {
  return {
    fileName: '吕梁.xlsx',
    lostOnSave: [],
    hasRecord: true,
    score: jest.fn(async () => scored),
    preview: jest.fn(async () => scored),
    validate: jest.fn(async () => ({ action: 'validate', ok: true, report: null, findings: [], notes: [], cellsWritten: 0 }) as RunOutcome),
    undo: jest.fn(async (_onPhase?: unknown, o?: UndoOptions): Promise<RunOutcome> => {
      const base = { action: 'undo' as const, ok: true, report: null, findings: [], notes: [], conflicts: found };
      if (o?.dryRun) return { ...base, preview: true, cellsWritten: 0, message: `评分后改动过的${found.length}个单元格` };
      if (o?.force) return { ...base, cellsWritten: 44, message: '已恢复44个单元格；评分后改动过的单元格也已恢复为评分前的内容' };
      return { ...base, cellsWritten: 42 - found.length, message: `已恢复${42 - found.length}个单元格；保留了评分后改动过的${found.length}个单元格` };
    }),
    save: jest.fn(async () => new Uint8Array([80, 75, 3, 4])),
  };
}

/**
 * The dialog by test id, then its role and name: also while Fluent's focus manager (tabster) still has it aria-hidden: under jsdom
 * it sometimes stays so after opening (microsoft/fluentui#33897). The e2e checks the real thing with axe.
 */
async function findDialog(name?: string): Promise<HTMLElement> {
  const dialog = await screen.findByTestId('undo-confirm', {}, { timeout: 5000 });
  expect(dialog.getAttribute('role')).toBe('alertdialog');
  expect(dialog.getAttribute('aria-modal')).toBe('true');
  // Named by its title, described by its question.
  if (name) expect(document.getElementById(dialog.getAttribute('aria-labelledby') ?? '')?.textContent).toBe(name);
  expect(document.getElementById(dialog.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(/单元格|cells?/);
  return dialog;
}

beforeAll(() => {
  URL.createObjectURL = jest.fn(() => 'blob:scored');
  URL.revokeObjectURL = jest.fn();
});

beforeEach(() => localStorage.clear());

async function scoredPane(s: WorkbenchSession) {
  const user = userEvent.setup();
  render(<App mode="workbench" openWorkbench={async () => s} />);
  await user.upload(screen.getByLabelText('上传 .xlsx 工作簿'), new File([new Uint8Array([80, 75, 3, 4])], '吕梁.xlsx'));
  await screen.findByText('当前工作簿：吕梁.xlsx');
  await user.click(screen.getByRole('button', { name: '一键评分' }));
  await screen.findByTestId('download');
  const undo = screen.getByRole('button', { name: '撤销本次评分' });
  // The run is over (the button is not held while busy).
  await waitFor(() => expect(undo.getAttribute('aria-disabled')).not.toBe('true'));
  await user.click(undo);
  return user;
}

describe('撤销 with cells changed by hand since the run', () => {
  it('asks first, listing sheet!cell with 评分时 → 现在, and keeps the report while asking', async () => {
    const s = session();
    await scoredPane(s);
    const dialog = await findDialog('评分后有单元格被修改过');
    expect(s.undo).toHaveBeenCalledTimes(1);
    expect(s.undo).toHaveBeenLastCalledWith(expect.any(Function), { dryRun: true });
    expect(within(dialog).getByText('以下 2 个单元格在评分后被手动修改过。撤销时如何处理这些单元格？')).toBeTruthy();
    const items = within(within(dialog).getByRole('list', { name: '评分后修改过的单元格', hidden: true })).getAllByRole('listitem', { hidden: true });
    expect(items.map((li) => li.textContent)).toEqual(['附件1!H12评分时 4 → 现在 3.5', '附件1!J12评分时 扣1分 → 现在 （空）']);
    expect(within(dialog).getByRole('button', { name: '保留这些修改并撤销其余', hidden: true })).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: '全部撤销', hidden: true })).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: '取消', hidden: true })).toBeTruthy();
    // The dry run wrote nothing: the scores and the download are still there, no banner claims an undo.
    expect(screen.getByTestId('total').textContent).toBe('85.6');
    expect(screen.getByTestId('download')).toBeTruthy();
    expect(screen.queryByText('已撤销')).toBeNull();
  });

  it('保留这些修改并撤销其余: an ordinary undo, then names the cells it kept', async () => {
    const s = session();
    const user = await scoredPane(s);
    const dialog = await findDialog();
    await user.click(within(dialog).getByRole('button', { name: '保留这些修改并撤销其余', hidden: true }));
    await screen.findByText('已撤销');
    expect(s.undo).toHaveBeenCalledTimes(2);
    expect(s.undo).toHaveBeenLastCalledWith(expect.any(Function), undefined);
    await waitFor(() => expect(screen.queryByTestId('undo-confirm')).toBeNull());
    const kept = screen.getByTestId('kept-cells');
    expect(within(kept).getByText('保留了 2 个评分后修改过的单元格')).toBeTruthy();
    expect(
      within(kept)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['附件1!H12评分时 4 → 现在 3.5', '附件1!J12评分时 扣1分 → 现在 （空）']);
    expect(screen.queryByTestId('total')).toBeNull();
    expect((screen.getByRole('button', { name: '撤销本次评分' }) as HTMLButtonElement).disabled).toBe(true);
    expect(await screen.findByTestId('download')).toBeTruthy();
  });

  it('全部撤销: a forced undo puts the changed cells back too; no cell is listed as kept', async () => {
    const s = session();
    const user = await scoredPane(s);
    await user.click(within(await findDialog()).getByRole('button', { name: '全部撤销', hidden: true }));
    await screen.findByText('已撤销');
    expect(s.undo).toHaveBeenCalledTimes(2);
    expect(s.undo).toHaveBeenLastCalledWith(expect.any(Function), { force: true });
    expect(screen.getByText(/也已恢复为评分前的内容/)).toBeTruthy();
    expect(screen.queryByTestId('kept-cells')).toBeNull();
    expect(screen.queryByTestId('total')).toBeNull();
  });

  it('取消: nothing is undone, the scores and the download stay, 撤销 can be asked again', async () => {
    const s = session();
    const user = await scoredPane(s);
    await user.click(within(await findDialog()).getByRole('button', { name: '取消', hidden: true }));
    await waitFor(() => expect(screen.queryByTestId('undo-confirm')).toBeNull());
    expect(s.undo).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('total').textContent).toBe('85.6');
    expect(screen.getByTestId('download')).toBeTruthy();
    expect(screen.queryByText('已撤销')).toBeNull();
    const undo = screen.getByRole('button', { name: '撤销本次评分' }) as HTMLButtonElement;
    expect(undo.disabled).toBe(false);
    await waitFor(() => expect(undo.getAttribute('aria-disabled')).not.toBe('true'));
    // Esc closes it as 取消 does.
    await user.click(undo);
    await findDialog();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByTestId('undo-confirm')).toBeNull());
    expect(s.undo).toHaveBeenCalledTimes(2);
    expect(s.undo.mock.calls.every((c) => c[1]?.dryRun)).toBe(true);
  });

  it('undoes at once, without asking, when no cell was changed since the run', async () => {
    const s = session([]);
    await scoredPane(s);
    await screen.findByText('已撤销');
    expect(s.undo.mock.calls.map((c) => c[1])).toEqual([{ dryRun: true }, undefined]);
    expect(screen.queryByTestId('undo-confirm')).toBeNull();
    expect(screen.queryByTestId('kept-cells')).toBeNull();
  });

  it('asks in English too', async () => {
    localStorage.setItem('perf-eval.lang', 'en');
    const s = session();
    const user = userEvent.setup();
    render(<App mode="workbench" openWorkbench={async () => s} />);
    await user.upload(screen.getByLabelText('Upload an .xlsx workbook'), new File([new Uint8Array([80, 75, 3, 4])], '吕梁.xlsx'));
    const undo = await screen.findByRole('button', { name: 'Undo scoring' });
    await waitFor(() => expect((undo as HTMLButtonElement).disabled).toBe(false));
    await user.click(undo);
    const dialog = await findDialog('Cells were changed after scoring');
    expect(within(dialog).getByText('2 cells were changed by hand after scoring. What should undo do with them?')).toBeTruthy();
    expect(within(dialog).getByText('at scoring 4 → now 3.5')).toBeTruthy();
    expect(within(dialog).getByText('at scoring 扣1分 → now (empty)')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Keep these changes, undo the rest', hidden: true }));
    expect(await screen.findByText('2 cells changed after scoring kept as they are')).toBeTruthy();
  });
});
