/**
 * Build the sample workbooks from the three published evaluation reports.
 *
 *   npx tsx scripts/build-fixtures.ts [outDir]      (default: samples/)
 *
 * Every number and text comes from the seed reports in ../shared/seeds/ and is
 * kept as a readable table in scripts/fixtures/<seed>.ts so a reviewer can check
 * it against the report; scripts/fixtures/expected.ts holds the published scores.
 * Each workbook looks like an evaluator's working file: a title row, the report's
 * header, level-1/level-2 cells merged vertically over their children, wrapped
 * text, borders, percentages typed as numbers with a % format, A4 landscape
 * printing fitted to the page width with the header repeated.
 *
 * haikou-2021.xlsx (000 海口 2021, total 95.95 优)
 *   `附件1 指标体系及评分表`: 一级指标 二级指标 三级指标 分值 指标解释 指标说明 实际值
 *   评分标准 评分依据 扣分说明 扣分 评价得分. 23 leaves; maxes embedded in level-1/2
 *   names (项目决策（16）, 产出（30分）; written with a line break before the
 *   parenthesis, as the report's cells show them); leaf max in 分值. 实际值 filled for the seven
 *   computable indicators, whose 扣分说明/扣分/评价得分 are blank; judgement
 *   indicators carry the evaluator's 扣分 and 评价得分 (业务管理规范性 2 with its
 *   扣分说明, 外语服务专度设置 4.5). 合计： row with 分值 100 and blank totals.
 *
 * lvliang-2020.xlsx (001 吕梁 2020, total 85.6 良)
 *   `附件1 评分表`: 一级指标 分值 二级指标 分值 三级指标 分值 实际值 得分; 34 leaves;
 *   得分 entered for judgement indicators, blank where the value is computable
 *   (实际值 given, or monthly data on 附件3); deduction reasons as cell notes.
 *   `附件2 指标体系`: 评价指标 / 一级|二级|三级指标 / 名称|权重 header, 指标解释
 *   评价标准 数据来源 取数方式; the header repeats at the report's 11 page breaks
 *   (3 with the report's running page header), groups continuing after a break
 *   have blank level cells.
 *   `附件3 基础数据采集表`: 2020年7月 … 2021年6月 with the figures corrected from
 *   tables 4-9…4-19, a 合计 row with SUM / pooled-rate formulas (94.36% …) and "-".
 *
 * qixia-2022.xlsx (003 栖霞 2022, total 92.31 优)
 *   `附件2 绩效评价得分表`: 一级指标 二级指标 三级指标 指标解释 评价标准 实际值 得分 依据
 *   依据来源 证据收集方式; maxes embedded in every name (决策 (20), 资金投入(4));
 *   16 leaves; 合计 row. `附件1 调查问卷统计`: Likert shares per question and the
 *   stated 计算值 (知晓率 85.00%, although the distribution gives 86.5%).
 * qixia-2022-survey.xlsx: the same with 公众知晓率 实际值 blank, so the rate must be
 *   taken from the survey distribution (86.5% → 9.01, total 92.47).
 *
 * *-as-published.xlsx (scripts/fixtures/asPublished.ts): every score filled in
 *   as printed, with each report's own inconsistencies, for `validate`.
 * haikou-2021-formulas.xlsx (scripts/fixtures/liveFormulas.ts): the Haikou annex with live
 *   formulas, 扣分 `=D3-L3` per row and a 合计 SUM that omits 营商环境专席设置 (90.95 shown).
 */
import path from 'node:path';
import { FIXTURES, writeFixtures } from './fixtures';
import { AS_PUBLISHED } from './fixtures/asPublished';
import { PUBLISHED } from './fixtures/published';
import { LIVE_FORMULAS } from './fixtures/liveFormulas';

async function main(): Promise<void> {
  const outDir = path.resolve(process.argv[2] ?? 'samples');
  const files = await writeFixtures(outDir);
  files.forEach((f, i) => console.log(`${path.relative(process.cwd(), f)}  ${FIXTURES[i].description}`));
  for (const f of AS_PUBLISHED) {
    const file = path.join(outDir, f.file);
    await f.build().xlsx.writeFile(file);
    console.log(`${path.relative(process.cwd(), file)}  as published, with the report's inconsistencies`);
  }
  // Issue 12: layouts that differ from the seeds (scripts/fixtures/published.ts, each with its source).
  for (const f of PUBLISHED) {
    const file = path.join(outDir, f.file);
    await f.build().xlsx.writeFile(file);
    console.log(`${path.relative(process.cwd(), file)}  ${f.source}`);
  }
  for (const f of LIVE_FORMULAS) {
    const file = path.join(outDir, f.file);
    await f.build().xlsx.writeFile(file);
    console.log(`${path.relative(process.cwd(), file)}  live formulas: 扣分 =分值−得分, a 合计 SUM that omits a row`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
