/** @jest-environment jsdom */
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ScoreReport } from '../../src/engine/result';
import { App } from '../../src/taskpane/App';
import type { OfficeBackend, RunOutcome, WorkbenchSession } from '../../src/taskpane/backend';

const report: ScoreReport = {
  sheet: '附件1',
  detection: {
    indicatorSheet: '附件1',
    sheets: ['附件1', '附件3 基础数据采集表', '说明'],
    headerRows: [3, 4],
    columns: { name: 'C：三级指标' },
    companionSheets: [],
    dataSheets: [],
    surveySheets: [],
    bindings: [],
    gradeScheme: [],
  },
  total: 85.6,
  grade: '良',
  groups: [
    { name: '决策', max: 20, score: 20 },
    { name: '效益', max: 25, score: 20.6 },
  ],
  indicators: [
    {
      path: ['产出', '产出质量', '话务接通率'],
      max: 5,
      score: 4,
      deduction: 1,
      source: 'computed',
      rule: '每低1%扣1分',
      ruleKind: 'step',
      note: '接通率94.36%，低于95%，扣1分',
      cell: 'H12',
    },
  ],
  findings: [],
};

const findings: RunOutcome['findings'] = [
  { code: 'SUBTOTAL_MISMATCH', severity: 'error', sheet: '附件1', cell: 'H20', message: '小计19与下级指标之和18不一致' },
  { code: 'DEDUCTION_NOTE_MISSING', severity: 'warning', sheet: '附件1', cell: 'J12', message: '得分低于满分，缺少扣分说明' },
];

const scored: RunOutcome = { action: 'score', ok: true, report, findings, notes: [], cellsWritten: 42 };

const detection = {
  indicatorSheet: '附件1',
  sheets: ['附件1', '附件3 基础数据采集表', '说明'],
  headerRows: [3, 4] as [number, number],
  columns: { name: 'C：三级指标', max: 'D：分值', rule: 'E：评分标准' },
  companionSheets: [],
  dataSheets: [{ sheet: '附件3 基础数据采集表', months: 12, columns: ['话务量', '话务接通数'] }],
  surveySheets: [],
  bindings: [{ path: ['产出', '产出质量', '话务接通率'], source: '附件3 基础数据采集表!话务接通数/话务量' }],
  gradeScheme: [
    { label: '优', min: 90 },
    { label: '良', min: 80 },
  ],
};

/** What the engine gives back after the evaluator corrected 话务接通率's rule. */
const previewed: RunOutcome = {
  action: 'score',
  ok: true,
  preview: true,
  report: {
    ...report,
    total: 86.6,
    indicators: [{ ...report.indicators[0], score: 5, deduction: 0, rule: '不低于90%得满分', note: '接通率94.36%，达到90%，得满分' }],
    detection,
  },
  findings: [],
  notes: [],
  cellsWritten: 0,
};

function fakeSession(): WorkbenchSession & { save: jest.Mock } {
  return {
    fileName: '吕梁.xlsx',
    lostOnSave: [],
    score: jest.fn(async (onPhase) => {
      onPhase?.('compute');
      return scored;
    }),
    preview: jest.fn(async () => previewed),
    validate: jest.fn(async () => ({ action: 'validate', ok: true, report: null, findings, notes: [], cellsWritten: 0 }) as RunOutcome),
    undo: jest.fn(
      async () => ({ action: 'undo', ok: false, error: '没有可撤销的评分记录', report: null, findings: [], notes: [], cellsWritten: 0 }) as RunOutcome,
    ),
    save: jest.fn(async () => new Uint8Array([80, 75, 3, 4])),
  };
}

beforeAll(() => {
  // jsdom has no object URLs.
  URL.createObjectURL = jest.fn(() => 'blob:scored');
  URL.revokeObjectURL = jest.fn();
});

beforeEach(() => localStorage.clear());

function upload(name = '吕梁.xlsx') {
  return new File([new Uint8Array([80, 75, 3, 4])], name, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

describe('App in workbench mode (no Office host)', () => {
  it('renders Chinese labels first, with actions disabled until a workbook is loaded', () => {
    render(<App mode="workbench" openWorkbench={jest.fn()} />);
    expect(screen.getByRole('heading', { name: '绩效评分' })).toBeTruthy();
    expect(screen.getByText('浏览器工作台')).toBeTruthy();
    const score = screen.getByRole('button', { name: '一键评分' }) as HTMLButtonElement;
    expect(score.disabled).toBe(true);
    expect(screen.getByRole('button', { name: '校验' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '撤销本次评分' })).toBeTruthy();
    expect(screen.getByLabelText('上传 .xlsx 工作簿')).toBeTruthy();
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('switches to English and remembers it', async () => {
    const user = userEvent.setup();
    render(<App mode="workbench" openWorkbench={jest.fn()} />);
    await user.selectOptions(screen.getByRole('combobox', { name: '语言' }), 'en');
    expect(screen.getByRole('heading', { name: 'Performance scoring' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Score' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Validate' })).toBeTruthy();
    expect(screen.getByText('Browser workbench')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '一键评分' })).toBeNull();
    expect(localStorage.getItem('perf-eval.lang')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('loads an uploaded workbook, scores it, shows total, grade, findings and offers the download', async () => {
    const user = userEvent.setup();
    const session = fakeSession();
    const open = jest.fn(async () => session);
    render(<App mode="workbench" openWorkbench={open} />);

    await user.upload(screen.getByLabelText('上传 .xlsx 工作簿'), upload());
    await screen.findByText('当前工作簿：吕梁.xlsx');
    expect(open).toHaveBeenCalledWith(expect.any(ArrayBuffer), '吕梁.xlsx');

    await user.click(screen.getByRole('button', { name: '一键评分' }));
    await screen.findByText(/^评分完成，已写入 42 个单元格/);
    expect(screen.getByTestId('total').textContent).toBe('85.6');
    expect(screen.getByTestId('grade').textContent).toBe('良');
    expect(screen.getByText('决策')).toBeTruthy();
    expect(screen.getByText('话务接通率')).toBeTruthy();

    const list = screen.getByRole('region', { name: '问题清单' });
    expect(within(list).getByText('小计19与下级指标之和18不一致')).toBeTruthy();
    expect(within(list).getByText('错误')).toBeTruthy();
    expect(within(list).getByText('警告')).toBeTruthy();
    expect(within(list).getByText('附件1!H20')).toBeTruthy();
    expect(within(list).getByText('1 个错误，1 个警告，0 个提示')).toBeTruthy();
    // No Excel to jump to in the workbench.
    expect(within(list).queryByRole('button', { name: /定位/ })).toBeNull();

    const link = (await screen.findByTestId('download')) as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('blob:scored');
    expect(link.getAttribute('download')).toBe('吕梁.scored.xlsx');
    expect(session.save).toHaveBeenCalledTimes(1);
  });

  it('warns before scoring when the download cannot keep parts of the file', async () => {
    const user = userEvent.setup();
    render(<App mode="workbench" openWorkbench={async () => ({ ...fakeSession(), lostOnSave: ['图表', '数据透视表'] })} />);
    await user.upload(screen.getByLabelText('上传 .xlsx 工作簿'), upload());
    expect((await screen.findByTestId('lost-on-save')).textContent).toBe(
      '下载的工作簿将不含原文件中的：图表、数据透视表。请以原文件为准，或在 Excel 中使用本加载项。',
    );
  });

  it('writes the 校验结果 sheet on request after 校验 and offers the download', async () => {
    const user = userEvent.setup();
    const session = fakeSession();
    session.validate = jest.fn(
      async (_p, o) => ({ action: 'validate', ok: true, report: null, findings, notes: [], cellsWritten: o?.writeResults ? 30 : 0 }) as RunOutcome,
    );
    render(<App mode="workbench" openWorkbench={async () => session} />);
    await user.upload(screen.getByLabelText('上传 .xlsx 工作簿'), upload());
    await screen.findByText('当前工作簿：吕梁.xlsx');
    await user.click(screen.getByRole('button', { name: '校验' }));
    expect(session.validate).toHaveBeenLastCalledWith(expect.any(Function), { indicatorSheet: undefined, writeResults: false });
    expect(screen.queryByTestId('download')).toBeNull();
    await user.click(await screen.findByRole('button', { name: '写入“校验结果”工作表' }));
    expect(session.validate).toHaveBeenLastCalledWith(expect.any(Function), { indicatorSheet: undefined, writeResults: true });
    expect(await screen.findByTestId('download')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '写入“校验结果”工作表' })).toBeNull();
  });

  it('accepts a dropped file', async () => {
    const session = fakeSession();
    const open = jest.fn(async () => session);
    render(<App mode="workbench" openWorkbench={open} />);
    const file = upload('海口.xlsx');
    await act(async () => {
      const drop = new Event('drop', { bubbles: true }) as Event & { dataTransfer: unknown };
      drop.dataTransfer = { files: [file] };
      screen.getByTestId('drop-zone').dispatchEvent(drop);
    });
    await waitFor(() => expect(open).toHaveBeenCalledWith(expect.any(ArrayBuffer), '海口.xlsx'));
  });

  it('several files at once: reviewed one after another with progress, then the rows and 审核汇总.xlsx; one file opens as before', async () => {
    const user = userEvent.setup();
    const open = jest.fn(async () => fakeSession());
    let finish: () => void = () => undefined;
    const review = jest.fn(async (files: { name: string; read: () => Promise<ArrayBuffer> }[], onProgress?: (c: number, t: number) => void) => {
      onProgress?.(1, files.length);
      await new Promise<void>((resolve) => (finish = resolve));
      onProgress?.(2, files.length);
      expect((await files[1].read()).byteLength).toBe(4);
      return {
        rows: [
          { file: files[0].name, project: '吕梁', sheet: '附件1', total: 85.6, grade: '良', errors: 0, warnings: 2, status: '有警告', findings: [], ms: 5 },
          {
            file: files[1].name,
            project: '坏',
            sheet: null,
            total: null,
            grade: null,
            errors: 1,
            warnings: 0,
            status: '无法读取：“坏.xlsx”不是有效的 .xlsx 文件',
            findings: [],
            ms: 1,
          },
        ],
        summary: new Uint8Array([80, 75, 3, 4]),
      };
    });
    render(<App mode="workbench" openWorkbench={open} reviewWorkbooks={review} />);
    await user.upload(screen.getByLabelText('上传 .xlsx 工作簿'), [upload('吕梁.xlsx'), upload('坏.xlsx')]);
    const live = screen.getByTestId('review-live');
    expect(live.getAttribute('role')).toBe('status');
    await waitFor(() => expect(live.textContent).toContain('正在审核 1/2…'));
    expect((screen.getByLabelText('上传 .xlsx 工作簿') as HTMLInputElement).disabled).toBe(true);
    await act(async () => finish());
    const table = await screen.findByRole('table', { name: '审核汇总' });
    expect(open).not.toHaveBeenCalled();
    expect(live.textContent).toBe('已审核 2 个工作簿：0 个有错误，1 个无法读取');
    const rows = within(table).getAllByTestId('review-row');
    expect(rows.map((r) => r.getAttribute('data-status'))).toEqual(['warnings', 'unreadable']);
    expect(
      within(rows[0])
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['吕梁.xlsx', '85.6', '良', '0', '2', '有警告']);
    expect(
      within(rows[1])
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['坏.xlsx', '—', '—', '1', '0', '无法读取']);
    expect(within(table).getByText('“坏.xlsx”不是有效的 .xlsx 文件')).toBeTruthy();
    expect(within(table).getByRole('columnheader', { name: '警告' })).toBeTruthy();
    const download = screen.getByRole('link', { name: '下载审核汇总' });
    expect(download.getAttribute('download')).toBe('审核汇总.xlsx');
    expect(download.getAttribute('href')).toBe('blob:scored');
    expect((screen.getByRole('button', { name: '一键评分' }) as HTMLButtonElement).disabled).toBe(true);

    await user.selectOptions(screen.getByRole('combobox', { name: '语言' }), 'en');
    expect(within(table).getByRole('columnheader', { name: 'Warnings' })).toBeTruthy();
    expect(within(rows[1]).getByText('Unreadable')).toBeTruthy();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'zh');

    // One file again: opened as a workbook, the review gone.
    await user.upload(screen.getByLabelText('上传 .xlsx 工作簿'), upload('海口.xlsx'));
    await screen.findByText('当前工作簿：吕梁.xlsx');
    expect(open).toHaveBeenCalledWith(expect.any(ArrayBuffer), '海口.xlsx');
    expect(screen.queryByTestId('review')).toBeNull();
    expect(live.textContent).toBe('');
  });

  it('shows why a file cannot be opened', async () => {
    const user = userEvent.setup();
    const open = jest.fn(async () => {
      throw new Error('不是有效的 .xlsx 文件：文件不是 zip 格式。');
    });
    render(<App mode="workbench" openWorkbench={open} />);
    await user.upload(screen.getByLabelText('上传 .xlsx 工作簿'), upload('坏.xlsx'));
    expect(await screen.findByText('不是有效的 .xlsx 文件：文件不是 zip 格式。')).toBeTruthy();
    expect((screen.getByRole('button', { name: '一键评分' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('keeps 撤销 disabled before any scoring', async () => {
    const user = userEvent.setup();
    render(<App mode="workbench" openWorkbench={async () => fakeSession()} />);
    await user.upload(screen.getByLabelText('上传 .xlsx 工作簿'), upload());
    await screen.findByText('当前工作簿：吕梁.xlsx');
    expect((screen.getByRole('button', { name: '撤销本次评分' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows a refused run with its Chinese reason', async () => {
    const user = userEvent.setup();
    render(<App mode="workbench" openWorkbench={async () => ({ ...fakeSession(), hasRecord: true })} />);
    await user.upload(screen.getByLabelText('上传 .xlsx 工作簿'), upload());
    await screen.findByText('当前工作簿：吕梁.xlsx');
    await user.click(screen.getByRole('button', { name: '撤销本次评分' }));
    expect(await screen.findByText('没有可撤销的评分记录')).toBeTruthy();
    expect(screen.getByText('未完成')).toBeTruthy();
  });
});

describe('App in an Office host', () => {
  function fakeOffice(): OfficeBackend & { emit: (o: RunOutcome) => void } {
    const listeners = new Set<(o: RunOutcome) => void>();
    return {
      score: jest.fn(async () => scored),
      preview: jest.fn(async () => previewed),
      validate: jest.fn(async () => ({ action: 'validate', ok: true, report: null, findings, notes: [], cellsWritten: 0 }) as RunOutcome),
      undo: jest.fn(async () => scored),
      goToCell: jest.fn(async () => null),
      subscribe: (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
      last: () => null,
      emit: (o) => listeners.forEach((l) => l(o)),
    };
  }

  it('scores the open workbook and goes to a finding’s cell', async () => {
    const user = userEvent.setup();
    const office = fakeOffice();
    render(<App mode="office" office={office} />);
    expect(screen.queryByTestId('workbench')).toBeNull();
    await user.click(screen.getByRole('button', { name: '一键评分' }));
    await screen.findByText(/^评分完成，已写入 42 个单元格/);
    await user.click(screen.getByRole('button', { name: '定位到 附件1!H20' }));
    expect(office.goToCell).toHaveBeenCalledWith('附件1', 'H20');
  });

  it('shows the outcome of a ribbon command run while the pane was open', async () => {
    const office = fakeOffice();
    render(<App mode="office" office={office} />);
    act(() =>
      office.emit({ action: 'score', ok: false, error: '未写入任何内容：工作表“附件1”受保护', report: null, findings: [], notes: [], cellsWritten: 0 }),
    );
    expect(await screen.findByText('未写入任何内容：工作表“附件1”受保护')).toBeTruthy();
    expect(screen.getByText('功能区命令的结果：未完成')).toBeTruthy();
  });

  it('rescores at once when the evaluator corrects a rule, then writes it with 一键评分', async () => {
    const user = userEvent.setup();
    const office = fakeOffice();
    render(<App mode="office" office={office} />);
    await user.click(screen.getByRole('button', { name: '一键评分' }));
    await screen.findByText(/^评分完成，已写入 42 个单元格/);
    expect(office.score).toHaveBeenLastCalledWith(expect.any(Function), {});

    const item = screen.getAllByTestId('indicator')[0];
    expect(within(item).getByText('规则：每低1%扣1分')).toBeTruthy();
    await user.click(within(item).getByRole('button', { name: '修改“话务接通率”的实际值或规则' }));
    const form = screen.getByRole('form', { name: '修改“话务接通率”的实际值或规则' });
    const rule = within(form).getByRole('textbox', { name: '评分标准' });
    await user.clear(rule);
    await user.type(rule, '不低于90%得满分');
    await user.click(within(form).getByRole('button', { name: '重新计算' }));

    const overrides = [{ path: ['产出', '产出质量', '话务接通率'], ruleText: '不低于90%得满分' }];
    expect(office.preview).toHaveBeenCalledWith({ overrides }, expect.any(Function));
    expect(await screen.findByText('已按修改重新计算（尚未写入）')).toBeTruthy();
    expect(screen.queryByText(/评分完成/)).toBeNull(); // a preview writes nothing and does not say it did
    expect(screen.getByTestId('total').textContent).toBe('86.6');
    expect(screen.getByText('5 / 5')).toBeTruthy();
    expect(screen.getByText(/1 项修改未写入/)).toBeTruthy();
    // The binding the engine found is shown, and the sheet list offers a correction.
    expect(screen.getByText('话务接通率 ← 附件3 基础数据采集表!话务接通数/话务量')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: '一键评分' }));
    expect(office.score).toHaveBeenLastCalledWith(expect.any(Function), { overrides });
    await screen.findByText(/^评分完成，已写入 42 个单元格/);
    expect(screen.queryByTestId('preview')).toBeNull();
  });

  it('lets the evaluator pick another indicator sheet and filter findings by severity', async () => {
    const user = userEvent.setup();
    const office = fakeOffice();
    render(<App mode="office" office={office} />);
    await user.click(screen.getByRole('button', { name: '一键评分' }));
    await screen.findByText(/^评分完成，已写入 42 个单元格/);

    const list = screen.getByRole('region', { name: '问题清单' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    await user.click(within(list).getByRole('button', { name: '警告 1' }));
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    expect(within(list).getByText('得分低于满分，缺少扣分说明')).toBeTruthy();
    await user.click(within(list).getByRole('button', { name: '全部 2' }));
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);

    await user.selectOptions(screen.getByRole('combobox', { name: '指标表' }), '说明');
    expect(office.preview).toHaveBeenCalledWith({ indicatorSheet: '说明' }, expect.any(Function));
    await screen.findByTestId('preview');
    await user.click(screen.getByRole('button', { name: '放弃修改' }));
    expect(office.preview).toHaveBeenLastCalledWith({}, expect.any(Function));
  });
});
