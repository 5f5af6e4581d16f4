/**
 * The rule corpus measures the product only if a workbook row reads a rule the way the
 * corpus harness does (scoreTyped, the pane's single-indicator preview). Every case with a
 * typed 实际值 or named inputs is put into a one-row indicator sheet (评分标准, 指标解释,
 * 目标值, 实际值 as an evaluator types them; several inputs as "名称：值；名称：值") and
 * scored by scoreWorkbook: the score, or pending, must be the same.
 */
import { scoreWorkbook } from '../../../src/engine';
import { sheetFromRows, type CellScalar } from '../../../src/engine/snapshot';
import { loadCorpus, runCase } from './corpus/run';

const HEADER: CellScalar[] = ['一级指标', '二级指标', '三级指标', '分值', '评分标准', '指标解释', '目标值', '实际值', '得分', '扣分说明'];

test('every corpus case scores the same as a workbook row', () => {
  const differ: string[] = [];
  let n = 0;
  for (const e of loadCorpus()) {
    for (const c of e.cases) {
      if (c.items) continue;
      const entries = Object.entries(c.inputs ?? {});
      const typed = c.inputs ? (entries.length === 1 ? entries[0][1] : entries.map(([k, v]) => `${k}：${v}`).join('；')) : c.actual!;
      const row: CellScalar[] = ['一级', '二级', e.indicator, Number(e.max), e.text, e.context?.join('；') ?? null, e.target ?? null, typed, null, null];
      const run = scoreWorkbook({ sheets: [sheetFromRows('附件1 评分表', [['附件1 绩效评价指标评分表'], HEADER, row])] }, { writeBack: false });
      const leaf = run.report?.indicators[0];
      const inBook = leaf && leaf.source === 'computed' ? String(leaf.score) : 'pending';
      const r = runCase(e, c);
      const inPane = r.got === null ? 'pending' : String(Number(r.got));
      n++;
      if (inBook !== inPane) differ.push(`${e.id} “${typed}”: workbook ${inBook}, preview ${inPane}`);
    }
  }
  expect(n).toBeGreaterThan(500);
  expect(differ).toEqual([]);
});
