/** The evaluator corrects a rule, a data source or an actual value from a 评分规则 sheet. */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { EXPECTED } from '../../scripts/fixtures/expected';
import { cli, fixturesDir, tempDir } from './helpers';

test('评分规则 sheet overrides rule text, data source and actual value', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(await fixturesDir(), EXPECTED['lvliang-2020'].file));
  const ws = wb.addWorksheet('评分规则');
  ws.addRow(['指标', '评分标准', '数据来源', '实际值']);
  ws.addRow(['话务接通率', '平均接通率不低于90%，每低1%扣1分，扣完为止', null, null]);
  ws.addRow(['产出/产出质量/话务监听合格率', null, '附件3 基础数据采集表!话务监听合格数量/话务监听数量', null]);
  ws.addRow(['热线整合完成率', null, null, '50%']);
  ws.addRow(['不存在的指标', '得分=完成率×2', null, null]);
  const file = path.join(tempDir(), 'override.xlsx');
  await wb.xlsx.writeFile(file);
  const r = await cli('score', file, '--json');
  expect(r.code).toBe(0);
  const json = JSON.parse(r.stdout);
  const byName = (n: string) => json.indicators.find((i: { path: string[] }) => i.path[2] === n);
  expect(byName('话务接通率')).toMatchObject({ score: 5, source: 'computed' });
  expect(byName('话务接通率').rule).toMatch(/90%/);
  expect(byName('话务监听合格率')).toMatchObject({ score: 2 });
  expect(byName('话务监听合格率').note).toMatch(/343957÷351696/);
  expect(byName('热线整合完成率')).toMatchObject({ score: 1 });
  // 话务接通率 +1 (4 → 5), 热线整合完成率 −1 (2 → 1).
  expect(json.total).toBe(85.6);
  const unmatched = json.findings.find((f: { code: string }) => f.code === 'OVERRIDE_UNMATCHED');
  expect([unmatched.sheet, unmatched.cell]).toEqual(['评分规则', 'A5']);
});
