/** Issue 12: unseen layouts, the national self-assessment form, stated figures and summaries. */
import path from 'node:path';
import { PUBLISHED } from '../../scripts/fixtures/published';
import { validateWorkbook } from '../../src/engine';
import { detectIndicatorTables } from '../../src/engine/indicators/detect';
import { runScoring } from '../../src/engine/scoring/run';
import { sheetFromRows, type CellScalar, type WorkbookSnapshot } from '../../src/engine/snapshot';
import type { Finding } from '../../src/engine/findings';
import { snapshotFromWorkbook } from '../../src/workbook/xlsx/readSnapshot';
import { bandsFromNote, parseTarget } from '../../src/engine/selfAssessment/form';

const N = null;

async function fixture(file: string): Promise<WorkbookSnapshot> {
  const spec = PUBLISHED.find((p) => p.file === file)!;
  // Round-trip through bytes, as a user's file would arrive.
  const ExcelJS = (await import('exceljs')).default;
  const buf = await spec.build().xlsx.writeBuffer();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as ArrayBuffer);
  return snapshotFromWorkbook(wb, path.basename(file));
}

const at = (fs: Finding[], code: string, sheet: string, cell: string) => fs.find((f) => f.code === code && f.sheet === sheet && f.cell === cell);

describe('column roles in layouts not seen before', () => {
  test('部门整体支出 考评表: 项目 | 考核内容 | 考核指标 … 权数 | 考评得分, with reasons', async () => {
    const snap = await fixture('dept-overall-kaoping.xlsx');
    const t = detectIndicatorTables(snap).primary!;
    expect(t.header.columns).toMatchObject({ level1: 1, level2: 2, level3: 3, description: 4, target: 5, rule: 6, max3: 7, score: 8 });
    expect(t.header.why!.max3).toMatch(/权数/);
    expect(t.header.why!.level2).toMatch(/考核内容.*指标名称/);
    expect(t.leaves.map((l) => [l.path.join('/'), l.max?.toString()])).toEqual([
      ['一般公共预算支出管理/一般公共预算支出/一般公共预算支出实际完成率', '20'],
      ['一般公共预算支出管理/结转结余情况/结转结余率', '20'],
      ['一般公共预算支出管理/应付账款(暂存款)/应付账款(暂存款)率', '10'],
      ['一般公共预算支出管理/应收账款(暂付款)/应收账款(暂付款)率', '10'],
    ]);
    const v = validateWorkbook(snap);
    expect(at(v.findings, 'TOTAL_MISMATCH', '考评表', 'H7')).toMatchObject({ expected: '57', actual: '58' });
  });

  test('grades side by side (优 | 良 | 中 | 差 with points) are read as a bands rule', async () => {
    const snap = await fixture('project-grade-columns.xlsx');
    const { run } = runScoring(snap);
    const leaf = run!.leaves.find((l) => l.leaf.name === '预算执行率')!;
    expect(leaf.ruleText).toBe('执行率≥95%，得12分；执行率85%(含)-95%，得9分；执行率70%(含)-85%，得6分；执行率低于70%，不得分');
    expect(leaf.rule?.kind).toBe('bands');
    expect(run!.detection.why!.rule).toMatch(/“优”“良”“中”“差”/);
    const v = validateWorkbook(snap);
    expect(at(v.findings, 'SCORE_OUT_OF_RANGE', '自评表', 'I5')).toBeTruthy();
    expect(at(v.findings, 'MAX_SUM_MISMATCH', '自评表', 'A8')).toMatchObject({ expected: '35', actual: '40' });
    expect(at(v.findings, 'TOTAL_MAX_MISMATCH', '自评表', 'D10')).toMatchObject({ expected: '100', actual: '95' });
  });

  test('two levels: 考核指标 | 评分细则 | 权数 | 自评得分 | 扣分原因和其他说明, and a second table on the same sheet', () => {
    const rows: CellScalar[][] = [
      ['一、部门整体支出', N, N, N, N, N],
      ['考核项目', '考核指标', '评分细则', '权数', '自评得分', '扣分原因和其他说明'],
      ['预算编制', '预算编制准确率', '准确率100%得10分，每降低1%扣1分', 10, 9, '追加预算一次，扣1分'],
      [N, '预算调整率', '调整率≤5%得10分，每超1%扣1分', 10, 10, N],
      ['合计', N, N, 20, 19, N],
      ['二、专项支出评分表', N, N, N, N, N],
      ['指标名称', '评分标准', '分值', '考评得分', '备注', N],
      ['资金到位率', '到位率100%得5分', 5, 5, N, N],
      ['资金使用合规性', '无违规得5分，发现一处违规扣1分', 5, 3, '发现违规两处，扣2分', N],
    ];
    const snap = { sheets: [sheetFromRows('评分表', rows, { merges: ['A3:A4', 'A1:F1', 'A6:F6'] })] };
    const d = detectIndicatorTables(snap);
    const all = [d.primary!, ...d.companions].filter((t) => t.sheet === '评分表');
    expect(all.map((t) => [t.header.top, t.leaves.length])).toEqual([
      [2, 2],
      [7, 2],
    ]);
    const first = all[0];
    expect(first.header.columns).toMatchObject({ level2: 1, level3: 2, rule: 3, max3: 4, score: 5, note: 6 });
    expect(first.header.levels).toEqual(['level2', 'level3']);
    expect(all[1].header.columns).toMatchObject({ level3: 1, rule: 2, max3: 3, score: 4, evidence: 5 });
  });

  test('a table that cannot be read names what was missing', () => {
    const snap = {
      sheets: [
        sheetFromRows('Sheet1', [
          ['序号', '分值', '得分'],
          [1, 5, 4],
        ]),
      ],
    };
    const v = validateWorkbook(snap);
    expect(v.findings.find((f) => f.code === 'NO_INDICATOR_SHEET')).toBeTruthy();
    expect(v.findings.find((f) => f.code === 'TABLE_UNREADABLE')?.message).toMatch(/第1行.*缺少指标名称列/);
  });
});

describe('the national 项目支出绩效自评表', () => {
  test('targets: ≥90%, ≤20万元, 100%, 显著提升, ≥100百分比', () => {
    expect(parseTarget('≥90%', 'x')).toMatchObject({ kind: 'quantitative', comparator: '>=' });
    expect(parseTarget('≥90%', 'x')!.q!.value.toString()).toBe('0.9');
    expect(parseTarget('≤20万元', 'x')).toMatchObject({ kind: 'quantitative', comparator: '<=' });
    expect(parseTarget('≤20万元', 'x')!.q!.value.toString()).toBe('200000');
    expect(parseTarget('100%', '完成率')).toMatchObject({ kind: 'quantitative', comparator: '>=' });
    expect(parseTarget('显著提升', 'x')).toMatchObject({ kind: 'qualitative' });
    expect(parseTarget('≥100百分比', 'x')!.q!.unit).toBe('percent');
    expect(bandsFromNote('3.定性指标…分别按照该指标对应分值区间100-80%（含）、80-50%（含）、50-0%合理确定分值')!.map(String)).toEqual(['1', '0.8', '0.5', '0']);
  });

  test('complete form (池州 2022 as published): scored by the form, its funds block contradiction found', async () => {
    const snap = await fixture('form-chizhou-2022.xlsx');
    const { run } = runScoring(snap);
    expect(run!.form).toBeTruthy();
    expect(run!.form!.info.bandsSource).toMatch(/100–80–50–0%/);
    expect(run!.total.toString()).toBe('90');
    const q = run!.leaves.find((l) => l.leaf.name === '项目总成本')!;
    expect(q.computed?.toString()).toBe('8');
    const v = validateWorkbook(snap);
    expect(at(v.findings, 'FUNDS_TOTAL_MISMATCH', '项目支出绩效自评表', 'D5')).toMatchObject({ expected: '89.974', actual: '0' });
    expect(at(v.findings, 'FUNDS_TOTAL_MISMATCH', '项目支出绩效自评表', 'E5')).toMatchObject({ expected: '89.974', actual: '0' });
    expect(v.findings.filter((f) => f.code === 'MAX_TOTAL_NOT_100' || f.code === 'TOTAL_MAX_NOT_100')).toEqual([]);
  });

  test('incomplete form (青神 2023): pending items named, 执行率 scored 10', async () => {
    const snap = await fixture('form-qingshen-2023-incomplete.xlsx');
    const { run } = runScoring(snap);
    expect(run!.form!.funds).toMatchObject({ source: 'computed' });
    expect(run!.form!.funds!.score!.toString()).toBe('10');
    expect(run!.pending).toBe(2);
    expect(run!.grade).toBeNull();
    const v = validateWorkbook(snap);
    expect(at(v.findings, 'SCORE_PENDING', '项目支出绩效自评表', 'H8')?.message).toMatch(/没有填写全年实际值/);
  });

  test('self-contradictory form with its own 得分汇总表 and a header grade: every contradiction at its cell', async () => {
    const snap = await fixture('form-contradictory.xlsx');
    const v = validateWorkbook(snap);
    const S = '项目支出绩效自评表';
    expect(at(v.findings, 'FORM_WEIGHT_MISMATCH', S, 'B8')).toMatchObject({ expected: '50', actual: '60' });
    expect(at(v.findings, 'FORM_TARGET_AS_ACTUAL', S, 'F9')).toBeTruthy();
    expect(at(v.findings, 'FORM_TOTAL_MAX_MISMATCH', S, 'G15')).toMatchObject({ expected: '100', actual: '120' });
    expect(at(v.findings, 'FORM_BAND_MISMATCH', S, 'H10')).toBeTruthy();
    expect(at(v.findings, 'EVIDENCE_SCORE_MISMATCH', S, 'I11')).toMatchObject({ expected: '13', actual: '12' });
    expect(at(v.findings, 'SCORE_DIFFERS_FROM_RULE', S, 'H13')).toMatchObject({ expected: '9.44', actual: '8' });
    expect(at(v.findings, 'STATED_GRADE_MISMATCH', S, 'G2')).toMatchObject({ expected: '优', actual: '良' });
    expect(at(v.findings, 'STATED_GRADE_MISMATCH', '得分汇总表', 'B6')).toBeTruthy();
    expect(at(v.findings, 'SUMMARY_SCORE_MISMATCH', '得分汇总表', 'C4')).toMatchObject({ expected: '8', actual: '10' });
    // The deduction explained in the reasons column is not a missing note; the one without a reason is.
    expect(at(v.findings, 'DEDUCTION_NOTE_MISSING', S, 'I10')).toBeUndefined();
    expect(at(v.findings, 'DEDUCTION_NOTE_MISSING', S, 'I13')).toBeTruthy();
  });
});

describe('evidence text', () => {
  test('an evidence column explaining the deduction counts as its note; a stated score or deduction is checked', () => {
    const rows: CellScalar[][] = [
      ['一级指标', '二级指标', '三级指标', '分值', '评价依据', '得分'],
      ['决策(10)', '立项(10)', '立项依据充分性', 5, '未提供可行性研究报告，扣1分', 4],
      [N, N, '绩效目标合理性', 5, '目标未细化量化，该指标得3分', 4],
      ['过程(90)', '管理(90)', '资金管理', 90, '制度健全', 90],
      ['合计', N, N, 100, N, 98],
    ];
    const v = validateWorkbook({ sheets: [sheetFromRows('评分表', rows, { merges: ['A2:A3', 'B2:B3'] })] });
    expect(v.findings.filter((f) => f.code === 'DEDUCTION_NOTE_MISSING')).toEqual([]);
    expect(at(v.findings, 'EVIDENCE_SCORE_MISMATCH', '评分表', 'E3')).toMatchObject({ expected: '3', actual: '4' });
    expect(at(v.findings, 'EVIDENCE_DEDUCTION_MISMATCH', '评分表', 'E2')).toBeUndefined();
  });
});
