/** @jest-environment jsdom */
/**
 * A deduction item that names a defect ("存在凭证未装订，扣2-5分") is judged as found / not
 * found; one that states a requirement ("资金拨付有完整的审批程序和手续") as met / not met.
 * The engine's report says which (ChecklistItemReport.requirement).
 */
import { render, screen, within } from '@testing-library/react';
import { scoreWorkbook } from '../../src/engine';
import type { IndicatorReport } from '../../src/engine/result';
import { sheetFromRows } from '../../src/engine/snapshot';
import { Checklist } from '../../src/taskpane/components/Checklist';
import { I18nProvider, type Lang } from '../../src/taskpane/i18n';

function indicator(requirement: boolean): IndicatorReport {
  return {
    path: ['过程', '资金管理', '会计核算'],
    max: 5,
    score: null,
    deduction: null,
    source: 'pending',
    rule: '',
    ruleKind: 'judgement',
    note: '',
    cell: 'G4',
    items: [
      {
        seq: 1,
        label: requirement ? '资金拨付有完整的审批程序和手续' : '存在凭证未装订',
        kind: 'deduct',
        points: 5,
        minPoints: 2,
        verdict: null,
        awarded: null,
        reason: '',
        ...(requirement ? { requirement: true } : {}),
      },
    ],
  };
}

function radios(requirement: boolean, lang: Lang = 'zh'): string[] {
  const { unmount } = render(
    <I18nProvider lang={lang}>
      <Checklist indicator={indicator(requirement)} onApply={() => undefined} onClose={() => undefined} />
    </I18nProvider>,
  );
  const item = screen.getByTestId('checklist-item');
  const labels = within(item)
    .getAllByRole('radio')
    .map((r) => (r.id ? (document.querySelector(`label[for="${r.id}"]`)?.textContent ?? '') : '').trim());
  unmount();
  return labels;
}

test('a defect is found or not found; a requirement is met or not met', () => {
  expect(radios(false)).toEqual(['未发现', '部分', '存在']);
  expect(radios(true)).toEqual(['符合', '部分', '不符合']);
  expect(radios(false, 'en')).toEqual(['Not found', 'Partly', 'Found']);
});

test('the engine reports a defect item without the requirement flag', () => {
  const snap = {
    sheets: [
      sheetFromRows('附件1 评分表', [
        ['附件1 绩效评价指标评分表'],
        ['一级指标', '二级指标', '三级指标', '分值', '评分标准', '扣分说明', '得分'],
        ['过程', '资金管理', '会计核算', 5, '会计核算规范得5分；存在凭证未装订的扣2-5分', null, null],
      ]),
    ],
  };
  const items = scoreWorkbook(snap, {}).report!.indicators[0].items!;
  expect(items).toHaveLength(1);
  expect(items[0]).toMatchObject({ kind: 'deduct', label: '存在凭证未装订', points: 5, minPoints: 2 });
  expect(items[0].requirement).toBeUndefined();
});
