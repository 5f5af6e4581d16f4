/** @jest-environment jsdom */
/**
 * The checklist under a checklist indicator: judge each item, rescore (a
 * preview by the real engine), then 一键评分 passes the judgements on. The
 * backend here runs the engine on a small in-memory workbook.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { scoreWorkbook } from '../../src/engine';
import type { ScoreOptions } from '../../src/engine/options';
import { sheetFromRows, type WorkbookSnapshot } from '../../src/engine/snapshot';
import { App } from '../../src/taskpane/App';
import type { OfficeBackend, RunOutcome } from '../../src/taskpane/backend';

const snapshot: WorkbookSnapshot = {
  sheets: [
    sheetFromRows('附件1 评分表', [
      ['附件1 绩效评价指标评分表'],
      ['一级指标', '二级指标', '三级指标', '分值', '评分标准', '扣分说明', '得分'],
      ['决策', '项目立项', '实施规划', 4, '根据需要制定中长期实施规划（1分），规划内容完整（1分），规划经过审批（2分）', null, null],
      ['决策', '项目立项', '综合评价', 6, '按优6分、良4分、中2分、差1分', null, null],
    ]),
  ],
};

function engineOffice(): OfficeBackend & { score: jest.Mock; preview: jest.Mock } {
  const outcome = (options: ScoreOptions, preview: boolean): RunOutcome => {
    const run = scoreWorkbook(snapshot, { ...options, writeBack: !preview });
    return { action: 'score', ok: run.ok, preview, report: run.report, findings: run.findings, notes: [], cellsWritten: preview ? 0 : 10 };
  };
  return {
    score: jest.fn(async (_onPhase, options?: ScoreOptions) => outcome(options ?? {}, false)),
    preview: jest.fn(async (options: ScoreOptions) => outcome(options, true)),
    validate: jest.fn(),
    undo: jest.fn(),
    goToCell: jest.fn(async () => null),
    subscribe: () => () => undefined,
    last: () => null,
  } as unknown as OfficeBackend & { score: jest.Mock; preview: jest.Mock };
}

const indicator = (name: string) => screen.getAllByTestId('indicator').find((el) => within(el).queryByText(name))!;

it('judges a checklist item by item, bounds 部分 by the item, rescores and writes with 一键评分', async () => {
  const user = userEvent.setup();
  const office = engineOffice();
  render(<App mode="office" office={office} />);
  await user.click(screen.getByRole('button', { name: '一键评分' }));
  const plan = indicator('实施规划');
  expect(within(plan).getByText('待定')).toBeTruthy();

  // The toggle says how many items are judged and opens the checklist (keyboard: Enter on the button).
  const toggle = within(plan).getByRole('button', { name: '“实施规划”逐项评分' });
  expect(toggle.textContent).toBe('逐项评分（已判断 0/3）');
  toggle.focus();
  await user.keyboard('{Enter}');
  expect(toggle.getAttribute('aria-expanded')).toBe('true');
  const form = screen.getByRole('form', { name: '“实施规划”逐项评分' });
  const groups = within(form).getAllByRole('radiogroup');
  expect(groups).toHaveLength(3);
  expect(within(form).getByText('1. 根据需要制定中长期实施规划（1分）')).toBeTruthy();
  expect(within(form).getByText('3. 规划经过审批（2分）')).toBeTruthy();

  const items = within(form).getAllByTestId('checklist-item');
  await user.click(within(items[0]).getByRole('radio', { name: '不符合' }));
  await user.type(within(items[0]).getByRole('textbox', { name: '理由' }), '未根据需要制定中长期实施规划');
  await user.click(within(items[1]).getByRole('radio', { name: '符合' }));
  await user.click(within(items[2]).getByRole('radio', { name: '部分' }));
  // 部分 asks for points within the item's 2 points.
  const points = within(items[2]).getByRole('spinbutton', { name: '得分（0～2分）' });
  await user.type(points, '3');
  expect(within(items[2]).getByText('请输入 0～2 之间的分值')).toBeTruthy();
  const apply = within(form).getByRole('button', { name: '按判断计算' });
  expect((apply as HTMLButtonElement).disabled).toBe(true);
  await user.clear(points);
  await user.type(points, '1.5');
  expect((apply as HTMLButtonElement).disabled).toBe(false);
  await user.click(apply);

  const path = ['决策', '项目立项', '实施规划'];
  const judgements = [
    { path, seq: 1, label: '根据需要制定中长期实施规划', verdict: 'unmet', reason: '未根据需要制定中长期实施规划' },
    { path, seq: 2, label: '规划内容完整', verdict: 'met' },
    { path, seq: 3, label: '规划经过审批', verdict: 'partial', points: '1.5' },
  ];
  expect(office.preview).toHaveBeenLastCalledWith({ judgements }, expect.any(Function));
  // The engine's answer is shown: score, source and the 扣分说明.
  await screen.findByTestId('preview');
  const after = indicator('实施规划');
  expect(within(after).getByText('2.5 / 4')).toBeTruthy();
  expect(within(after).getByText('计算')).toBeTruthy();
  expect(within(after).getByText('未根据需要制定中长期实施规划，扣1分；“规划经过审批”部分符合，扣0.5分；共扣1.5分，得2.5分')).toBeTruthy();
  expect(screen.getByText(/3 项逐项判断未写入/)).toBeTruthy();
  expect(within(after).getByRole('button', { name: '“实施规划”逐项评分' }).textContent).toBe('逐项评分（已判断 3/3）');

  await user.click(screen.getByRole('button', { name: '一键评分' }));
  expect(office.score).toHaveBeenLastCalledWith(expect.any(Function), { judgements });
  const written = (await office.score.mock.results[office.score.mock.results.length - 1].value) as RunOutcome;
  expect(written.report!.indicators[0]).toMatchObject({ score: 2.5, source: 'computed' });
  expect(screen.queryByTestId('preview')).toBeNull();
});

it('a grade rule is one choice of grade, in English too', async () => {
  const user = userEvent.setup();
  const office = engineOffice();
  render(<App mode="office" office={office} lang="en" />);
  await user.click(screen.getByRole('button', { name: 'Score' }));
  const grade = indicator('综合评价');
  await user.click(within(grade).getByRole('button', { name: 'Checklist of “综合评价”' }));
  const form = screen.getByRole('form', { name: 'Checklist of “综合评价”' });
  expect(within(form).getAllByRole('radio')).toHaveLength(4);
  await user.click(within(form).getByRole('radio', { name: '良（4分）' }));
  await user.click(within(form).getByRole('button', { name: 'Score from judgements' }));
  const call = office.preview.mock.calls[office.preview.mock.calls.length - 1][0] as ScoreOptions;
  expect(call.judgements!.map((j) => [j.seq, j.verdict])).toEqual([
    [1, 'unmet'],
    [2, 'met'],
    [3, 'unmet'],
    [4, 'unmet'],
  ]);
  await screen.findByTestId('preview');
  expect(within(indicator('综合评价')).getByText('4 / 6')).toBeTruthy();
  expect(within(indicator('综合评价')).getByText('评定为良，得4分')).toBeTruthy();
});
