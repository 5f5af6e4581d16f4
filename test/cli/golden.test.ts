/**
 * The three seed fixtures scored from the command line must reproduce every
 * published leaf score, group score, total and grade.
 */
import path from 'node:path';
import { EXPECTED, type FixtureId } from '../../scripts/fixtures/expected';
import { readXlsxFile } from '../../src/workbook/xlsx/node';
import { cli, fixturesDir, tempDir } from './helpers';

const IDS = Object.keys(EXPECTED) as FixtureId[];

interface Json {
  sheet: string;
  total: number;
  grade: string;
  groups: { name: string; max: number; score: number }[];
  indicators: { path: string[]; max: number; score: number; deduction: number; source: string; rule: string; note: string; cell: string }[];
  findings: { code: string; severity: string; sheet: string | null; cell: string | null; message: string }[];
}

describe.each(IDS)('score %s', (id) => {
  const exp = EXPECTED[id];
  let json: Json;
  let out: string;

  beforeAll(async () => {
    const dir = await fixturesDir();
    out = path.join(tempDir(), 'scored.xlsx');
    const r = await cli('score', path.join(dir, exp.file), '--json', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    json = JSON.parse(r.stdout);
  });

  test('stdout is exactly the JSON contract', () => {
    expect(Object.keys(json)).toEqual(['sheet', 'total', 'grade', 'groups', 'indicators', 'findings']);
    expect(Object.keys(json.indicators[0])).toEqual(['path', 'max', 'score', 'deduction', 'source', 'rule', 'note', 'cell', 'items']);
    expect(json.sheet).toBe(exp.sheet);
  });

  test('total and grade as published', () => {
    expect(json.total).toBe(exp.total);
    expect(json.grade).toBe(exp.grade);
  });

  test('every leaf score as published; computable leaves computed, the rest kept', () => {
    expect(json.indicators).toHaveLength(exp.leaves.length);
    for (const leaf of exp.leaves) {
      const got = json.indicators.find((i) => i.path.join('/') === leaf.path.join('/'));
      expect({ path: leaf.path.join('/'), score: got?.score, source: got?.source }).toEqual({
        path: leaf.path.join('/'),
        score: leaf.score,
        source: leaf.entered ? 'entered' : 'computed',
      });
      expect(got!.max).toBe(leaf.max);
      expect(got!.deduction).toBeCloseTo(leaf.max - leaf.score, 10);
      if (!leaf.entered) expect(got!.note).toContain(`${leaf.score}分`);
    }
  });

  test('level-1 groups as published', () => {
    const level1 = exp.groups.filter((g) => g.path.length === 1);
    expect(json.groups.map((g) => [g.name, g.max, g.score])).toEqual(level1.map((g) => [g.path[0], g.max, g.score]));
  });

  test('no error-severity finding', () => {
    expect(json.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('the written workbook carries scores, the summary sheet and the record', async () => {
    const { snapshot } = await readXlsxFile(out);
    const names = snapshot.sheets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining([exp.sheet, '评分汇总', '_绩效评分记录']));
    expect(snapshot.sheets.find((s) => s.name === '_绩效评分记录')!.visibility).toBe('veryHidden');
    const sheet = snapshot.sheets.find((s) => s.name === exp.sheet)!;
    for (const i of json.indicators) {
      const m = /^([A-Z]+)(\d+)$/.exec(i.cell)!;
      const col = m[1].split('').reduce((a, ch) => a * 26 + ch.charCodeAt(0) - 64, 0);
      expect(sheet.values[Number(m[2]) - sheet.origin.row][col - sheet.origin.col]).toBe(i.score);
    }
    const summary = snapshot.sheets.find((s) => s.name === '评分汇总')!;
    const rows = summary.values.map((r) => r.map((v) => (v === null ? '' : String(v))));
    const totalRow = rows.find((r) => r[0] === '合计')!;
    expect(Number(totalRow[3])).toBe(exp.total);
    expect(rows.find((r) => r[0] === '评价等次')![3]).toBe(exp.grade);
  });
});

test('003 with the survey: the stated 85% is reported against the recomputed 86.5%', async () => {
  const dir = await fixturesDir();
  const stated = JSON.parse((await cli('score', path.join(dir, EXPECTED['qixia-2022'].file), '--json')).stdout) as Json;
  expect(stated.total).toBe(92.31);
  expect(stated.findings.map((f) => f.code)).toEqual(expect.arrayContaining(['ACTUAL_DIFFERS_FROM_DATA', 'SURVEY_RATE_MISMATCH']));
  const survey = JSON.parse((await cli('score', path.join(dir, EXPECTED['qixia-2022-survey'].file), '--json')).stdout) as Json;
  expect(survey.total).toBe(92.47);
  const mismatch = survey.findings.find((f) => f.code === 'SURVEY_RATE_MISMATCH')!;
  expect(mismatch.sheet).toBe('附件1 调查问卷统计');
  expect(mismatch.message).toMatch(/85%.*86\.5%/);
});

test('human-readable output names total and grade', async () => {
  const dir = await fixturesDir();
  const r = await cli('score', path.join(dir, EXPECTED['lvliang-2020'].file));
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/总分：85\.6\s+等次：良/);
});

test('001: deduction reasons kept as notes on the 得分 cells count as 扣分说明 and are written out', async () => {
  const dir = await fixturesDir();
  const out = path.join(tempDir(), 'scored.xlsx');
  const r = await cli('score', path.join(dir, EXPECTED['lvliang-2020'].file), '--json', '--out', out);
  const json: Json = JSON.parse(r.stdout);
  expect(json.findings.filter((f) => f.code === 'DEDUCTION_NOTE_MISSING')).toEqual([]);
  const leaf = json.indicators.find((i) => i.path[2] === '制度执行有效性')!;
  expect(leaf).toMatchObject({ source: 'entered', score: 4, deduction: 1 });
  expect(leaf.note).toBe('扣1分：项目固定资产移交表中，“接收人员签字”“接收时间”均为空，也无相关单位签章。');
  // The layout has no 扣分说明 column: the added one shows the reason next to the score.
  const { workbook } = await readXlsxFile(out);
  const ws = workbook.getWorksheet('附件1 评分表')!;
  const row = ws.getRow(Number(leaf.cell.replace(/^[A-Z]+/, '')));
  const texts = (row.values as unknown[]).filter((v): v is string => typeof v === 'string');
  expect(texts).toContain(leaf.note);
  // Its row grew from the sheet's 20 points so the wrapped reason shows; short notes leave rows alone.
  expect(row.height).toBeGreaterThan(20);
  const short = json.indicators.find((i) => i.path[2] === '24小时可用率')!;
  expect(ws.getRow(Number(short.cell.replace(/^[A-Z]+/, ''))).height).toBe(20);
});
