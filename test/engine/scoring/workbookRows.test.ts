/**
 * Statements of fact and several named inputs typed in a workbook's 实际值 column, scored
 * by the engine the way a row is (scoreWorkbook), written back with their traces; words
 * that say nothing the rule reads stay pending with the cell named.
 */
import { scoreWorkbook } from '../../../src/engine';
import { sheetFromRows, type CellScalar, type WorkbookSnapshot } from '../../../src/engine/snapshot';

function workbook(rows: { name: string; max: number; rule: string; actual: string }[]): WorkbookSnapshot {
  const header: CellScalar[] = ['一级指标', '二级指标', '三级指标', '分值', '评分标准', '实际值', '得分', '扣分说明'];
  const body = rows.map((r): CellScalar[] => ['过程', '业务管理', r.name, r.max, r.rule, r.actual, null, null]);
  return { sheets: [sheetFromRows('附件1 评分表', [['附件1 绩效评价指标评分表'], header, ...body])] };
}

// Rule texts from the corpus (test/engine/rules/corpus: prj-ldl-03, prj-hzz-01, prj-gc-02).
const ROWS = [
  { name: '任务下达', max: 2, rule: '未按时下达任务扣1分,扣完为止', actual: '未按时下达' },
  {
    name: '一河一策',
    max: 6,
    rule: '未制定“一河一策”的,少1條扣1分,最高扣4分;未制定年度計劃的,每少1條扣1分,最高扣4分。',
    actual: '少制定一河一策：5條；少制定年度計劃：1條',
  },
  { name: '改厕经费', max: 5, rule: '2.2项:无工作经费扣3分,未列入年度预算,扣2分。', actual: '有工作经费但未列入年度预算' },
  { name: '档案管理', max: 2, rule: '未按时下达任务扣1分,扣完为止', actual: '档案齐全' },
];

describe('a workbook row typed in words or by parts', () => {
  const run = scoreWorkbook(workbook(ROWS));
  const leaf = (name: string) => run.report!.indicators.find((i) => i.path[2] === name)!;

  test('scored, with the deduction explained', () => {
    expect(run.ok).toBe(true);
    expect(leaf('任务下达')).toMatchObject({ source: 'computed', score: 1, deduction: 1 });
    expect(leaf('任务下达').note).toContain('符合“未按时下达任务扣1分');
    // 5 missing → 4 (the cap) + 1 = 5 deducted from 6.
    expect(leaf('一河一策')).toMatchObject({ source: 'computed', score: 1 });
    expect(leaf('一河一策').note).toMatch(/^分项扣分：/);
    expect(leaf('改厕经费')).toMatchObject({ source: 'computed', score: 3 });
  });

  test('the scores are written into the 得分 column', () => {
    const edit = run.patch.ops.find((o) => o.kind === 'edit' && o.sheet === '附件1 评分表');
    const scores = edit && edit.kind === 'edit' ? edit.cells.filter((c) => c.col === 7).map((c) => [c.row, c.value]) : [];
    expect(scores).toEqual(
      expect.arrayContaining([
        [3, 1],
        [4, 1],
        [5, 3],
      ]),
    );
  });

  test('words the rule does not speak of: pending, the 得分 cell named', () => {
    expect(leaf('档案管理').source).toBe('pending');
    expect(run.report!.findings.find((f) => f.code === 'SCORE_PENDING' && f.cell === 'G6')?.message).toMatch(/档案管理/);
  });

  test('the same inputs against a rule that reads a number: the number reader refuses, the cell is named', () => {
    const other = scoreWorkbook(workbook([{ name: '资金到位率', max: 5, rule: '资金到位率≥95%得5分，每低1%扣1分', actual: '档案齐全' }]));
    expect(other.report!.findings.some((f) => f.code === 'ACTUAL_UNREADABLE' && f.cell === 'F3')).toBe(true);
  });
});
