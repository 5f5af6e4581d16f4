/** @jest-environment jsdom */
/**
 * A pane that never misleads: outcomes say what happened with counts and severity, filters follow
 * the list, a preview offers no stale download, one message per problem, a sheet picker when
 * detection fails, Esc closes 修改, and evaluator-judged indicators take a score and a reason.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { IndicatorOverride } from '../../src/engine/options';
import type { ScoreReport } from '../../src/engine/result';
import { App } from '../../src/taskpane/App';
import type { RunOutcome, WorkbenchSession } from '../../src/taskpane/backend';
import { translator } from '../../src/taskpane/i18n';

const detection = {
  indicatorSheet: '附件1',
  sheets: ['附件1', '说明'],
  headerRows: [3, 4] as [number, number],
  columns: { name: 'C：三级指标' },
  companionSheets: [],
  dataSheets: [],
  surveySheets: [],
  bindings: [],
  gradeScheme: [],
};

const report: ScoreReport = {
  sheet: '附件1',
  detection,
  total: 85.6,
  grade: '良',
  groups: [{ name: '决策', max: 20, score: 20 }],
  indicators: [
    {
      path: ['过程', '业务管理', '业务管理规范性'],
      max: 4,
      score: null,
      deduction: null,
      source: 'pending',
      rule: '需评价人判断',
      ruleKind: 'judgement',
      note: '',
      cell: 'L15',
    },
  ],
  findings: [],
};

const withError: RunOutcome['findings'] = [
  {
    code: 'FORMULA_DISAGREES',
    severity: 'error',
    sheet: '附件1',
    cell: 'L26',
    message: '合计得分单元格L26的公式按本次得分计算为90.95，与按指标计算的95.95不一致',
  },
  { code: 'RULE_FULL_MARK_MISMATCH', severity: 'warning', sheet: '附件1', cell: 'H9', message: '评分标准写明满分1分' },
];

function session(over: Partial<WorkbenchSession> = {}): WorkbenchSession {
  return {
    fileName: '海口.xlsx',
    lostOnSave: [],
    sheets: ['附件1', '说明'],
    score: jest.fn(async () => ({ action: 'score', ok: true, report, findings: withError, notes: [], cellsWritten: 40 }) as RunOutcome),
    preview: jest.fn(async () => ({ action: 'score', ok: true, preview: true, report, findings: [withError[1]], notes: [], cellsWritten: 0 }) as RunOutcome),
    validate: jest.fn(async () => ({ action: 'validate', ok: true, report: null, findings: withError, notes: [], cellsWritten: 0 }) as RunOutcome),
    undo: jest.fn(async () => ({ action: 'undo', ok: true, message: '已恢复', report: null, findings: [], notes: [], cellsWritten: 3 }) as RunOutcome),
    save: jest.fn(async () => new Uint8Array([80, 75, 3, 4])),
    ...over,
  };
}

beforeAll(() => {
  URL.createObjectURL = jest.fn(() => 'blob:scored');
  URL.revokeObjectURL = jest.fn();
});
beforeEach(() => localStorage.clear());

const file = () => new File([new Uint8Array([80, 75, 3, 4])], '海口.xlsx');

async function loaded(s: WorkbenchSession) {
  const user = userEvent.setup();
  render(<App mode="workbench" openWorkbench={async () => s} />);
  await user.upload(screen.getByLabelText('上传 .xlsx 工作簿'), file());
  await screen.findByText('当前工作簿：海口.xlsx');
  return user;
}

test('English plurals', () => {
  const t = translator('en');
  expect(t('outcomeCounts', { errors: 1, warnings: 2 })).toBe('1 error, 2 warnings');
  expect(t('counts', { errors: 0, warnings: 1, infos: 1 })).toBe('0 errors, 1 warning, 1 note');
});

test('a validation with errors is no green tick: counts and severity, announced in a live region; focus stays', async () => {
  const user = await loaded(session());
  const validate = screen.getByRole('button', { name: '校验' });
  await user.click(validate);
  const banner = await screen.findByTestId('outcome');
  expect(banner.getAttribute('data-intent')).toBe('error');
  expect(banner.textContent).toContain('校验完成：1 个错误，1 个警告');
  expect(screen.getByTestId('live').getAttribute('aria-live')).toBe('polite');
  expect(screen.getByTestId('live').contains(banner)).toBe(true);
  expect(document.activeElement).toBe(validate);
});

test('the severity filter follows the list after a rescore', async () => {
  const user = await loaded(session());
  await user.click(screen.getByRole('button', { name: '一键评分' }));
  await screen.findByTestId('outcome');
  const filters = screen.getByRole('group', { name: '按严重程度筛选' });
  await user.click(within(filters).getByRole('button', { name: /错误/ }));
  expect(screen.getAllByText(/合计得分单元格L26/).length).toBeGreaterThan(0);
  // Rescoring (a correction) leaves no error: the list shows what there is, not an empty filtered list.
  await user.click(screen.getByRole('button', { name: '修改“业务管理规范性”的实际值或规则' }));
  await user.type(screen.getByTestId('score-input'), '3');
  await user.click(screen.getByRole('button', { name: '重新计算' }));
  await screen.findByTestId('preview');
  expect(screen.getByText('评分标准写明满分1分')).toBeTruthy();
});

test('a preview offers no stale download; 撤销 is enabled once scored', async () => {
  const s = session();
  const user = await loaded(s);
  expect((screen.getByRole('button', { name: '撤销本次评分' }) as HTMLButtonElement).disabled).toBe(true);
  await user.click(screen.getByRole('button', { name: '一键评分' }));
  await screen.findByTestId('download');
  expect((screen.getByRole('button', { name: '撤销本次评分' }) as HTMLButtonElement).disabled).toBe(false);
  await user.click(screen.getByRole('button', { name: '修改“业务管理规范性”的实际值或规则' }));
  await user.type(screen.getByTestId('score-input'), '3');
  await user.click(screen.getByRole('button', { name: '重新计算' }));
  await screen.findByTestId('preview');
  expect(screen.queryByTestId('download')).toBeNull();
});

test('an evaluator-judged indicator takes a score and a reason; out-of-range scores are refused; Esc closes', async () => {
  const s = session();
  const user = await loaded(s);
  await user.click(screen.getByRole('button', { name: '一键评分' }));
  await screen.findByTestId('outcome');
  const edit = screen.getByRole('button', { name: '修改“业务管理规范性”的实际值或规则' });
  await user.click(edit);
  expect(screen.queryByTestId('actual-input')).toBeNull();
  await user.type(screen.getByTestId('score-input'), '5');
  await user.click(screen.getByRole('button', { name: '重新计算' }));
  expect(screen.getByText('请输入 0～4 之间的分值')).toBeTruthy();
  expect(s.preview).not.toHaveBeenCalled();
  await user.keyboard('{Escape}');
  expect(screen.queryByTestId('score-input')).toBeNull();
  await waitFor(() => expect(document.activeElement).toBe(edit));
  await user.click(edit);
  await user.type(screen.getByTestId('score-input'), '3');
  await user.type(screen.getByTestId('reason-input'), '台账未按月归档，扣1分');
  await user.click(screen.getByRole('button', { name: '重新计算' }));
  await waitFor(() => expect(s.preview).toHaveBeenCalled());
  const options = (s.preview as jest.Mock).mock.calls[0][0] as { overrides: IndicatorOverride[] };
  expect(options.overrides).toEqual([{ path: ['过程', '业务管理', '业务管理规范性'], score: '3', reason: '台账未按月归档，扣1分' }]);
});

test('no indicator sheet: one message, and a picker that scores the chosen sheet', async () => {
  const message = '没有找到指标评分表：工作表“附件1”、“说明”中都没有表头';
  const failed: RunOutcome = {
    action: 'score',
    ok: false,
    error: `无法评分：${message}`,
    report: null,
    findings: [{ code: 'NO_INDICATOR_SHEET', severity: 'error', message }],
    notes: [],
    cellsWritten: 0,
  };
  const s = session({ score: jest.fn(async () => failed) });
  const user = await loaded(s);
  await user.click(screen.getByRole('button', { name: '一键评分' }));
  await screen.findByTestId('outcome');
  expect(screen.getAllByText(new RegExp(message)).length).toBe(1);
  const picker = screen.getByTestId('sheet-picker');
  await user.selectOptions(within(picker).getByRole('combobox'), '说明');
  await user.click(within(picker).getByRole('button', { name: '用此表评分' }));
  await waitFor(() => expect(s.preview).toHaveBeenCalledWith({ indicatorSheet: '说明' }, expect.any(Function)));
});
