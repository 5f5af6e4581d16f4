/**
 * `validate` finds every inconsistency of the published reports (domain.md)
 * at its cell, and no error on the consistent golden fixtures.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { AS_PUBLISHED } from '../../scripts/fixtures/asPublished';
import { EXPECTED, type FixtureId } from '../../scripts/fixtures/expected';
import { readXlsxFile } from '../../src/workbook/xlsx/node';
import { cli, fixturesDir, tempDir } from './helpers';

interface F {
  code: string;
  severity: string;
  sheet: string | null;
  cell: string | null;
  message: string;
  expected?: string;
  actual?: string;
}

let dir: string;
beforeAll(async () => {
  dir = tempDir('pe-published-');
  for (const f of AS_PUBLISHED) await f.build().xlsx.writeFile(path.join(dir, f.file));
});

async function validate(file: string): Promise<{ code: number; findings: F[] }> {
  const r = await cli('validate', file, '--json');
  const json = JSON.parse(r.stdout);
  expect(Object.keys(json)).toEqual(['findings']);
  return { code: r.code, findings: json.findings };
}

function at(findings: F[], code: string, sheet: string, cell: string): F | undefined {
  return findings.find((f) => f.code === code && f.sheet === sheet && f.cell === cell);
}

test.each(Object.keys(EXPECTED) as FixtureId[])('golden %s: no error-severity finding, exit 0', async (id) => {
  const { code, findings } = await validate(path.join(await fixturesDir(), EXPECTED[id].file));
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  expect(code).toBe(0);
});

test('000 Haikou as published', async () => {
  const { code, findings } = await validate(path.join(dir, 'haikou-2021-as-published.xlsx'));
  expect(code).toBe(1);
  // Level-2 weights in the target table disagree with their only leaf.
  expect(at(findings, 'MAX_SUM_MISMATCH', '绩效目标', 'B3')).toMatchObject({ severity: 'error', expected: '8', actual: '7' });
  expect(at(findings, 'MAX_SUM_MISMATCH', '绩效目标', 'B4')).toMatchObject({ expected: '7', actual: '8' });
  // The results table swaps 月热线办件数 and 外包费用.
  expect(at(findings, 'MAX_INCONSISTENT', '绩效目标实现情况', 'B3')).toMatchObject({ expected: '8', actual: '7' });
  expect(at(findings, 'MAX_INCONSISTENT', '绩效目标实现情况', 'B4')).toMatchObject({ expected: '7', actual: '8' });
  expect(at(findings, 'SCORE_INCONSISTENT', '绩效目标实现情况', 'C3')).toBeDefined();
  // "接通率分析（指标分值7分，得分2分）" beside 5.47; "资金使用合规性 … 指标分值2分" while the max is 4.
  expect(at(findings, 'NARRATIVE_MISMATCH', '评价报告', 'A2')).toMatchObject({ expected: '5.47', actual: '2' });
  expect(at(findings, 'NARRATIVE_MISMATCH', '评价报告', 'A6')).toMatchObject({ expected: '4', actual: '2' });
  // 资金到位率: ×1 in the rule text, max 2.
  expect(at(findings, 'RULE_FULL_MARK_MISMATCH', '附件1 指标体系及评分表', 'H9')).toMatchObject({ expected: '2', actual: '1' });
  // Consistent headings are not flagged.
  expect(findings.filter((f) => f.sheet === '评价报告').map((f) => f.cell).sort()).toEqual(['A2', 'A6']);
});

test('001 Lvliang as published', async () => {
  const { findings } = await validate(path.join(dir, 'lvliang-2020-as-published.xlsx'));
  const data = '附件3 基础数据采集表';
  expect(at(findings, 'NUMBER_REPAIRED', data, 'H9')!.message).toMatch(/10281/);
  expect(at(findings, 'NUMBER_REPAIRED', data, 'Q9')!.message).toMatch(/12507/);
  expect(at(findings, 'NUMBER_REPAIRED', data, 'C15')!.message).toMatch(/344111/);
  expect(at(findings, 'DUPLICATE_HEADER', data, 'V2')!.message).toMatch(/回访满意度/);
  expect(at(findings, 'SELF_ASSESSMENT_DIFFERS', '附件1 评分表', 'H38')).toMatchObject({ expected: '85.6', actual: '99.95' });
  // The annex's SUM over a cell holding "1028⏎1" as text gives less than the cached 合计.
  expect(at(findings, 'CACHED_RESULT_MISMATCH', data, 'H15')).toBeDefined();
});

test('003 Qixia as published', async () => {
  const { findings } = await validate(path.join(dir, 'qixia-2022-as-published.xlsx'));
  expect(at(findings, 'SURVEY_RATE_MISMATCH', '附件1 调查问卷统计', 'H4')).toMatchObject({ expected: '86.5%', actual: '85%' });
  expect(at(findings, 'NARRATIVE_MISMATCH', '评价报告', 'A3')).toMatchObject({ expected: '20', actual: '23' });
  expect(at(findings, 'RULE_FULL_MARK_MISMATCH', '附件2 绩效评价得分表', 'E9')).toMatchObject({ expected: '6', actual: '4' });
  expect(findings.filter((f) => f.sheet === '评价报告')).toHaveLength(1);
});

test('validate writes nothing unless asked; --out adds a linked 校验结果 sheet', async () => {
  const src = path.join(dir, 'qixia-2022-as-published.xlsx');
  const before = await readXlsxFile(src);
  await validate(src);
  const after = await readXlsxFile(src);
  expect(after.snapshot.sheets).toEqual(before.snapshot.sheets);
  const out = path.join(tempDir(), 'checked.xlsx');
  const r = await cli('validate', src, '--out', out);
  expect(r.code).toBe(0);
  expect(existsSync(out)).toBe(true);
  const wb = await readXlsxFile(out);
  const sheet = wb.snapshot.sheets.find((s) => s.name === '校验结果')!;
  const rows = sheet.values.map((row) => row.map((v) => (v === null ? '' : String(v))));
  const narrative = rows.find((row) => row[2] === '评价报告')!;
  expect(narrative[3]).toBe('A3');
  expect(narrative[4]).toMatch(/过程.*23/);
  const original = wb.snapshot.sheets.filter((s) => s.name !== '校验结果');
  expect(original).toEqual(before.snapshot.sheets);
});

test('validate refuses an unreadable file with exit 2', async () => {
  const r = await cli('validate', path.join(tempDir(), 'missing.xlsx'));
  expect(r.code).toBe(2);
});

test('writing a file says what the save cannot keep (charts, external links)', async () => {
  const out = path.join(tempDir(), 'checked.xlsx');
  const r = await cli('validate', path.join(__dirname, '../fixtures/excelint/FinalBudget.xlsx'), '--json', '--out', out);
  expect(existsSync(out)).toBe(true);
  expect(r.stderr).toMatch(/^注意：输出文件不含原文件中的图表、图表工作表、外部工作簿链接/);
  expect(JSON.parse(r.stdout).findings).toBeInstanceOf(Array);
  // Without --out nothing is written, so nothing to warn about.
  expect((await cli('validate', path.join(__dirname, '../fixtures/excelint/FinalBudget.xlsx'), '--json')).stderr).toBe('');
});
