/** @jest-environment jsdom */
/**
 * The indicator list's quick filters (全部 / 扣分项 / 待评分 / 有问题), its search and its pages:
 * 5,000 indicators render LIST_PAGE rows at a time.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import type { Finding } from '../../src/engine/findings';
import type { IndicatorReport } from '../../src/engine/result';
import { DetectionPanel } from '../../src/taskpane/components/DetectionPanel';
import { IndicatorList } from '../../src/taskpane/components/IndicatorList';
import { I18nProvider } from '../../src/taskpane/i18n';
import { filterCounts, filterIndicators, isDeducted, LIST_PAGE, problemRows } from '../../src/taskpane/indicatorFilter';
import type { IndicatorFilter } from '../../src/taskpane/state';

function leaf(name: string, cell: string, over: Partial<IndicatorReport> = {}): IndicatorReport {
  return { path: ['决策', '项目立项', name], max: 4, score: 4, deduction: 0, source: 'computed', rule: '≥95%得满分', ruleKind: 'bands', note: '', cell, ...over };
}

const full = leaf('立项依据充分性', 'L5');
const deducted = leaf('资金到位率', 'L6', { score: 3.99, deduction: 0.01, note: '资金到位率94.36%，扣0.01分', actual: '94.36%' });
const pending = leaf('业务管理规范性', 'L7', { score: null, deduction: null, source: 'pending', rule: '需评价人判断' });
const zeroMax = leaf('加分项', 'L8', { max: 0, score: 0 });
const findings: Finding[] = [
  { code: 'RULE_FULL_MARK_MISMATCH', severity: 'warning', sheet: '附件1', cell: 'H5', message: '评分标准写明满分1分' },
  { code: 'RULE_FULL_MARK_MISMATCH', severity: 'warning', sheet: '其他表', cell: 'H6', message: '另一张表' },
];

test('扣分项: a score below the max, not at it; 待评分: pending only', () => {
  expect(isDeducted(deducted)).toBe(true);
  expect(isDeducted(full)).toBe(false);
  expect(isDeducted(zeroMax)).toBe(false);
  expect(isDeducted(pending)).toBe(false);
  const all = [full, deducted, pending, zeroMax];
  expect(filterIndicators(all, 'deducted', '', new Set()).map((i) => i.cell)).toEqual(['L6']);
  expect(filterIndicators(all, 'pending', '', new Set()).map((i) => i.cell)).toEqual(['L7']);
  expect(filterIndicators(all, 'all', '', new Set())).toHaveLength(4);
});

test('有问题: a finding in the indicator row of the indicator sheet, not of another sheet', () => {
  const rows = problemRows(findings, '附件1');
  expect([...rows]).toEqual([5]);
  const all = [full, deducted, pending];
  expect(filterIndicators(all, 'problems', '', rows).map((i) => i.cell)).toEqual(['L5']);
  expect(filterCounts(all, rows)).toEqual({ all: 3, deducted: 1, pending: 1, problems: 1 });
});

test('the search matches names, cells, actual values and notes, ignoring case and spaces', () => {
  const all = [full, deducted, pending];
  expect(filterIndicators(all, 'all', ' 到位 ', new Set()).map((i) => i.cell)).toEqual(['L6']);
  expect(filterIndicators(all, 'all', 'l7', new Set()).map((i) => i.cell)).toEqual(['L7']);
  expect(filterIndicators(all, 'all', '94.36', new Set()).map((i) => i.cell)).toEqual(['L6']);
  expect(filterIndicators(all, 'all', '项目立项', new Set())).toHaveLength(3);
  expect(filterIndicators(all, 'deducted', '立项依据', new Set())).toHaveLength(0);
});

function Harness({ indicators }: { indicators: IndicatorReport[] }) {
  const [filter, setFilter] = useState<IndicatorFilter>('all');
  const [search, setSearch] = useState('');
  return (
    <I18nProvider lang="zh">
      <IndicatorList indicators={indicators} findings={findings} sheet="附件1" filter={filter} search={search} onFilter={setFilter} onSearch={setSearch} />
    </I18nProvider>
  );
}

test('the filter buttons and search narrow the list and say how many are shown', async () => {
  const user = userEvent.setup();
  render(<Harness indicators={[full, deducted, pending]} />);
  expect(screen.getAllByTestId('indicator')).toHaveLength(3);
  const group = screen.getByRole('group', { name: '筛选指标' });
  await user.click(within(group).getByRole('button', { name: '扣分项 1' }));
  expect(screen.getAllByTestId('indicator')).toHaveLength(1);
  expect(screen.getByTestId('indicator-count').textContent).toBe('显示 1 / 3 项');
  await user.click(within(group).getByRole('button', { name: '待评分 1' }));
  expect(screen.getByText('业务管理规范性')).toBeTruthy();
  await user.click(within(group).getByRole('button', { name: '有问题 1' }));
  expect(screen.getByText('立项依据充分性')).toBeTruthy();
  // The chosen button again: everything.
  await user.click(within(group).getByRole('button', { name: '有问题 1' }));
  expect(screen.getAllByTestId('indicator')).toHaveLength(3);
  await user.type(screen.getByRole('searchbox', { name: '搜索指标、单元格或说明' }), '到位率');
  expect(screen.getAllByTestId('indicator')).toHaveLength(1);
  expect(screen.getByText('资金到位率')).toBeTruthy();
});

test('5,000 indicators render one page at a time', async () => {
  const user = userEvent.setup();
  const many = Array.from({ length: 5000 }, (_, k) => leaf(`指标${k + 1}`, `L${k + 5}`, k % 2 ? { score: 3, deduction: 1 } : {}));
  render(<Harness indicators={many} />);
  expect(screen.getAllByTestId('indicator')).toHaveLength(LIST_PAGE);
  const more = screen.getByTestId('indicator-more');
  expect(more.textContent).toBe(`再显示 ${LIST_PAGE} 项（还有 ${5000 - LIST_PAGE} 项）`);
  await user.click(more);
  expect(screen.getAllByTestId('indicator')).toHaveLength(2 * LIST_PAGE);
  // A filter starts again at the first page.
  await user.click(screen.getByRole('button', { name: '扣分项 2500' }));
  expect(screen.getAllByTestId('indicator')).toHaveLength(LIST_PAGE);
  expect(screen.getByText('指标2')).toBeTruthy();
  expect(screen.queryByText('指标1')).toBeNull();
});

test('a list of one page has no 显示更多; a filter that keeps everything offers no buttons', () => {
  render(<Harness indicators={Array.from({ length: LIST_PAGE }, (_, k) => leaf(`指标${k}`, `L${k + 5}`))} />);
  expect(screen.getAllByTestId('indicator')).toHaveLength(LIST_PAGE);
  expect(screen.queryByTestId('indicator-more')).toBeNull();
  // Only 有问题 (row 5) differs from 全部.
  const group = screen.getByRole('group', { name: '筛选指标' });
  expect(within(group).getAllByRole('button').map((b) => b.textContent)).toEqual([`全部 ${LIST_PAGE}`, '有问题 1']);
});

test('the detection panel lists bindings one page at a time', async () => {
  const user = userEvent.setup();
  const bindings = Array.from({ length: LIST_PAGE + 20 }, (_, k) => ({ path: ['产出', `指标${k}`], source: `附件3!D${k + 4}` }));
  const detection = {
    indicatorSheet: '附件1',
    sheets: ['附件1'],
    headerRows: [3, 4] as [number, number],
    columns: {},
    companionSheets: [],
    dataSheets: [],
    surveySheets: [],
    bindings,
    gradeScheme: [],
  };
  render(
    <I18nProvider lang="zh">
      <DetectionPanel detection={detection} />
    </I18nProvider>,
  );
  const list = screen.getByRole('list', { name: '数据绑定' });
  expect(within(list).getAllByRole('listitem')).toHaveLength(LIST_PAGE);
  await user.click(screen.getByTestId('bindings-more'));
  expect(within(list).getAllByRole('listitem')).toHaveLength(LIST_PAGE + 20);
  expect(screen.queryByTestId('bindings-more')).toBeNull();
});
