import { sheetFromRows, type CellScalar } from '../../src/engine/snapshot';
import { detectIndicatorTables } from '../../src/engine/indicators/detect';

const N = null;

function wb(rows: CellScalar[][], merges: string[] = [], name = '附件1') {
  return { sheets: [sheetFromRows(name, rows, { merges })] };
}

describe('indicator table parsing', () => {
  test('three-row header 评价指标 / 一级指标 / 名称|权重 with merged groups', () => {
    const rows: CellScalar[][] = [
      ['附件2：指标体系', N, N, N, N, N, N, N],
      ['评价指标', N, N, N, N, N, '指标解释', '评价标准'],
      ['一级指标', N, '二级指标', N, '三级指标', N, N, N],
      ['名称', '权重', '名称', '权重', '名称', '权重', N, N],
      ['决策', 20, '项目立项', 10, '立项依据充分性', 5, '解释', '①…得1分'],
      [N, N, N, N, '立项程序规范性', 5, '解释2', '②…'],
      [N, N, '绩效目标', 10, '绩效目标合理性', 10, 'x', 'y'],
      ['评价指标', N, N, N, N, N, '指标解释', '评价标准'],
      ['一级指标', N, '二级指标', N, '三级指标', N, N, N],
      ['名称', '权重', '名称', '权重', '名称', '权重', N, N],
      ['过程', 80, '资金管理', 80, '资金到位率', 80, 'z', '得分=资金到位率×80'],
      ['合计', 100, N, N, N, N, N, N],
    ];
    const merges = ['A1:H1', 'A2:F2', 'G2:G4', 'H2:H4', 'A3:B3', 'C3:D3', 'E3:F3', 'A5:A7', 'B5:B7', 'C5:C6', 'D5:D6'];
    const d = detectIndicatorTables(wb(rows, merges));
    const t = d.primary!;
    expect(t.header.top).toBe(2);
    expect(t.header.bottom).toBe(4);
    expect(t.header.columns).toMatchObject({ level1: 1, max1: 2, level2: 3, max2: 4, level3: 5, max3: 6, explanation: 7, rule: 8 });
    expect(t.leaves.map((l) => l.path.join('/'))).toEqual([
      '决策/项目立项/立项依据充分性',
      '决策/项目立项/立项程序规范性',
      '决策/绩效目标/绩效目标合理性',
      '过程/资金管理/资金到位率',
    ]);
    expect(t.skippedRows).toEqual([8, 9, 10]);
    expect(t.roots.map((g) => [g.name, g.kind === 'group' && g.max?.toString()])).toEqual([
      ['决策', '20'],
      ['过程', '80'],
    ]);
    expect(t.specialRows.map((s) => [s.kind, s.row])).toEqual([['total', 12]]);
    expect(t.title).toBe('附件2：指标体系');
  });

  test('max embedded in names, blank level cells mean same as above, score column', () => {
    const rows: CellScalar[][] = [
      ['一级指标', '二级指标', '三级指标', '指标解释', '评价标准', '得分'],
      ['决策 (20)', '项目立项 (8)', '立项依据充分性 (4)', 'a', 'b', 4],
      [N, N, '政府采购程序规范性 (4)', 'a', 'b', 4],
      [N, '资金投入 (12)', '预算编制科学性 (12)', 'a', 'b', N],
      ['产出\n（80分）', '数量（80）', '服务时间（80）', 'a', '每出现1次无人在岗，扣1分', N],
      ['合计', N, N, N, N, 92.31],
    ];
    const t = detectIndicatorTables(wb(rows)).primary!;
    expect(t.leaves.map((l) => [l.path.join('/'), l.max?.toString(), l.cells.score?.value])).toEqual([
      ['决策/项目立项/立项依据充分性', '4', 4],
      ['决策/项目立项/政府采购程序规范性', '4', 4],
      ['决策/资金投入/预算编制科学性', '12', null],
      ['产出/数量/服务时间', '80', null],
    ]);
    expect(t.roots.map((g) => g.kind === 'group' && [g.name, g.max?.toString()])).toEqual([
      ['决策', '20'],
      ['产出', '80'],
    ]);
  });

  test('no indicator table yields no primary', () => {
    const d = detectIndicatorTables(
      wb(
        [
          ['月份', '话务量'],
          ['2020年7月', 11389],
        ],
        [],
        '数据',
      ),
    );
    expect(d.primary).toBeNull();
  });
});
