/**
 * The generated workbook scripts/bench.ts times (and scripts/profile-engine.ts
 * profiles): `indicators` leaves cycling six rule shapes, plus a monthly data
 * sheet of `months` rows.
 */
import ExcelJS from 'exceljs';

/** Rule shapes cycled over the leaves; the data-bound ones name a column of the data sheet. */
const SHAPES: { name: (i: number) => string; rule: string; actual?: (i: number) => string | number; entered?: number }[] = [
  { name: () => '话务接通率', rule: '平均接通率不低于95%，每低1%扣1分，扣完为止' },
  { name: () => '知识库月更新量', rule: '知识库及时更新，每月不少于100条，每发现一个月不足，扣除0.2分，扣完为止' },
  { name: (i) => `资金到位率${i}`, rule: '得分=资金到位率×100%×MAX', actual: (i) => `${90 + (i % 10)}%` },
  { name: (i) => `工单按时办结率${i}`, rule: '90%以上得MAX分；在80%-90%之间得1分；80%以下不得分', actual: (i) => `${75 + (i % 20)}%` },
  { name: (i) => `月办件数${i}`, rule: '月办件数≥19000件得MAX分，每减少500件扣1分，直至扣完', actual: (i) => `${17000 + i * 7}件` },
  { name: (i) => `立项依据充分性${i}`, rule: '①符合规划得1分；②符合职责得1分', entered: 2 },
];

/**
 * The 得分 formula of each rule shape in the formula template (what evaluators use
 * today: the indicator sheet with Excel formulas over the same data); `r` is the
 * indicator's row, `last` the data sheet's last row.
 */
const TEMPLATE_SCORE: ((r: number, last: number) => string | number)[] = [
  (_r, last) => `MAX(0,2-MAX(0,ROUNDUP((0.95-AVERAGE('基础数据'!$D$2:$D$${last}))*100,0)))`,
  (_r, last) => `MAX(0,2-0.2*COUNTIF('基础数据'!$E$2:$E$${last},"<100"))`,
  (r) => `MIN(2,VALUE(H${r})*2)`,
  (r) => `IF(VALUE(H${r})>=0.9,2,IF(VALUE(H${r})>=0.8,1,0))`,
  (r) => `MAX(0,2-MAX(0,ROUNDUP((19000-VALUE(SUBSTITUTE(H${r},"件","")))/500,0)))`,
  () => 2,
];

/** The same workbook as a formula template: 得分, 扣分, 扣分说明 and 合计 are formulas (scripts/bench.ts). */
export function buildFormulaTemplate(indicators: number, months: number): ExcelJS.Workbook {
  return build(indicators, months, true);
}

export function build(indicators: number, months: number, formulas = false): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('附件1 评分表');
  ws.addRow(['一级指标', '分值', '二级指标', '分值', '三级指标', '分值', '评分标准', '实际值', '得分', '扣分', '扣分说明']);
  const perGroup = Math.max(1, Math.ceil(indicators / 20));
  for (let i = 0; i < indicators; i++) {
    const shape = SHAPES[i % SHAPES.length];
    const g1 = Math.floor(i / (perGroup * 5));
    const g2 = Math.floor(i / perGroup);
    const firstOf1 = i % (perGroup * 5) === 0;
    const firstOf2 = i % perGroup === 0;
    ws.addRow([
      firstOf1 ? `一级${g1}` : null,
      firstOf1 ? 2 * Math.min(perGroup * 5, indicators - g1 * perGroup * 5) : null,
      firstOf2 ? `二级${g2}` : null,
      firstOf2 ? 2 * Math.min(perGroup, indicators - g2 * perGroup) : null,
      shape.name(i),
      2,
      shape.rule.replace('MAX', '2'),
      shape.actual ? shape.actual(i) : null,
      shape.entered ?? null,
      null,
      null,
    ]);
  }
  if (formulas) {
    const last = months + 1;
    for (let i = 0; i < indicators; i++) {
      const r = i + 2;
      const f = TEMPLATE_SCORE[i % SHAPES.length](r, last);
      ws.getCell(r, 9).value = typeof f === 'number' ? f : { formula: f };
      ws.getCell(r, 10).value = { formula: `F${r}-I${r}` };
      ws.getCell(r, 11).value = { formula: `IF(J${r}>0,"扣"&J${r}&"分","")` };
    }
  }
  const total = ws.addRow(['合计', 2 * indicators]);
  if (formulas) total.getCell(9).value = { formula: `SUM(I2:I${indicators + 1})` };
  const data = wb.addWorksheet('基础数据');
  data.addRow(['月份', '话务量', '话务接通数', '话务接通率', '知识库月更新量（条）']);
  for (let m = 0; m < months; m++) {
    const calls = 30000 + ((m * 7919) % 9000);
    const answered = Math.round(calls * (0.9 + ((m * 31) % 9) / 100));
    const row = data.addRow([`${2000 + Math.floor(m / 12)}年${(m % 12) + 1}月`, calls, answered, answered / calls, 60 + ((m * 13) % 90)]);
    row.getCell(4).numFmt = '0.00%';
  }
  return wb;
}
