import type { CellWrite, Patch } from '../../../src/engine/patch';
import { sheetFromRows, type WorkbookSnapshot } from '../../../src/engine/snapshot';
import { applyPatch } from '../../../src/workbook/office/applyPatch';
import { ALL_FEATURES, NO_FEATURES } from '../../../src/workbook/office/features';
import { createExcelMock, officeError } from './excelMock';

function snapshot(...sheets: { name: string; protected?: boolean; merges?: string[]; visibility?: 'visible' | 'hidden' | 'veryHidden' }[]): WorkbookSnapshot {
  return {
    sheets: sheets.map((s) => ({ ...sheetFromRows(s.name, [['x']], { merges: s.merges }), protected: s.protected, visibility: s.visibility ?? 'visible' })),
  };
}

const mockOf = (...names: string[]) => createExcelMock(names.map((name) => ({ name, used: null })));

const edit = (sheet: string, cells: CellWrite[]): Patch => ({ ops: [{ kind: 'edit', sheet, cells }] });

describe('applyPatch (Office.js)', () => {
  it('writes a 3×2 block as one range write with a 3×2 array, in exactly one sync', async () => {
    const mock = mockOf('附件1');
    const cells: CellWrite[] = [];
    for (let r = 3; r <= 5; r++) for (let c = 8; c <= 9; c++) cells.push({ row: r, col: c, value: r * 10 + c });
    const result = await applyPatch(mock.context, edit('附件1', cells), { snapshot: snapshot({ name: '附件1' }), features: ALL_FEATURES });

    expect(result).toEqual({ ok: true, syncs: 1, batches: 1, cells: 6, notes: [], sheetOrder: ['附件1'] });
    expect(mock.syncs()).toBe(1);
    const values = mock.sets('.values');
    expect(values).toEqual([
      {
        type: 'set',
        path: 'ws("附件1").getRange("H3:I5").values',
        value: [
          [38, 39],
          [48, 49],
          [58, 59],
        ],
      },
    ]);
    // Everything was queued before the one sync.
    expect(mock.events[mock.events.length - 1]).toEqual({ type: 'sync', n: 1 });
  });

  it('writes scattered cells as separate single-cell writes', async () => {
    const mock = mockOf('附件1');
    const cells: CellWrite[] = [
      { row: 1, col: 1, value: 'a' },
      { row: 3, col: 3, value: 'b' },
      { row: 5, col: 5, formula: '=C3' },
    ];
    const result = await applyPatch(mock.context, edit('附件1', cells), { snapshot: snapshot({ name: '附件1' }), features: ALL_FEATURES });
    expect(result.ok).toBe(true);
    expect(mock.sets('.values').map((e) => [e.path, e.value])).toEqual([
      ['ws("附件1").getRange("A1").values', [['a']]],
      ['ws("附件1").getRange("C3").values', [['b']]],
    ]);
    expect(mock.sets('.formulas').map((e) => [e.path, e.value])).toEqual([['ws("附件1").getRange("E5").formulas', [['=C3']]]]);
    expect(mock.syncs()).toBe(1);
  });

  it('mixes formulas and constants of one block in a single formulas write', async () => {
    const mock = mockOf('S');
    const cells: CellWrite[] = [
      { row: 2, col: 2, value: 5.47 },
      { row: 2, col: 3, formula: '=B2*2', value: 10.94 },
      { row: 3, col: 2, value: null },
      { row: 3, col: 3, value: '2020年7月' },
    ];
    await applyPatch(mock.context, edit('S', cells), { snapshot: snapshot({ name: 'S' }), features: ALL_FEATURES });
    expect(mock.sets('.formulas')).toEqual([
      {
        type: 'set',
        path: 'ws("S").getRange("B2:C3").formulas',
        // null clears; a string Excel would turn into a date is kept as text with an apostrophe.
        value: [
          [5.47, '=B2*2'],
          ['', "'2020年7月"],
        ],
      },
    ]);
  });

  it('groups number formats and styles into rectangles too', async () => {
    const mock = mockOf('S');
    const style = { bold: true, fill: '#FFF2CC', border: true, horizontal: 'center' as const };
    const cells: CellWrite[] = [];
    for (let r = 1; r <= 2; r++) for (let c = 1; c <= 2; c++) cells.push({ row: r, col: c, value: 1, numberFormat: '0.00', style });
    cells.push({ row: 4, col: 1, value: 2, style: { italic: true } });
    await applyPatch(mock.context, edit('S', cells), { snapshot: snapshot({ name: 'S' }), features: ALL_FEATURES });

    expect(mock.sets('.numberFormat')).toEqual([
      {
        type: 'set',
        path: 'ws("S").getRange("A1:B2").numberFormat',
        value: [
          ['0.00', '0.00'],
          ['0.00', '0.00'],
        ],
      },
    ]);
    expect(mock.sets('.format.font.bold').map((e) => e.path)).toEqual(['ws("S").getRange("A1:B2").format.font.bold']);
    expect(mock.sets('.format.fill.color').map((e) => e.value)).toEqual(['#FFF2CC']);
    expect(mock.sets('.format.horizontalAlignment').map((e) => e.value)).toEqual(['Center']);
    // A 2×2 block gets inside borders as well as the edges.
    const borders = mock.calls('.format.borders.getItem').map((e) => e.args[0]);
    expect(borders).toEqual(['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideHorizontal', 'InsideVertical']);
    expect(mock.sets('.format.font.italic').map((e) => e.path)).toEqual(['ws("S").getRange("A4").format.font.italic']);
  });

  it('refuses a protected sheet and writes nothing (protection from the snapshot)', async () => {
    const mock = mockOf('附件1');
    const result = await applyPatch(mock.context, edit('附件1', [{ row: 1, col: 1, value: 1 }]), {
      snapshot: snapshot({ name: '附件1', protected: true }),
      features: ALL_FEATURES,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatch(/^未写入任何内容：工作表“附件1”受保护/);
      expect(result.partial).toBe(false);
    }
    expect(mock.syncs()).toBe(0);
    expect(mock.writes()).toEqual([]);
  });

  it('without a snapshot, loads protection.protected first and still writes nothing', async () => {
    const mock = createExcelMock([
      { name: '附件1', protected: true, used: null },
      { name: '其他', used: null },
    ]);
    const patch: Patch = {
      ops: [
        { kind: 'create', sheet: '评分汇总', replace: false, cells: [{ row: 1, col: 1, value: '总分' }] },
        { kind: 'edit', sheet: '附件1', cells: [{ row: 1, col: 1, value: 1 }] },
      ],
    };
    const result = await applyPatch(mock.context, patch, { features: ALL_FEATURES });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain('受保护');
    expect(mock.syncs()).toBe(1); // the pre-check read, no write sync
    expect(mock.writes()).toEqual([]);
  });

  it('refuses missing sheets and name collisions before writing', async () => {
    const snap = snapshot({ name: '附件1' }, { name: '评分汇总' });
    const missing = mockOf('附件1');
    const r1 = await applyPatch(missing.context, edit('附件2', [{ row: 1, col: 1, value: 1 }]), { snapshot: snap, features: ALL_FEATURES });
    expect(r1.ok).toBe(false);
    if (!r1.ok) expect(r1.error).toBe('未写入任何内容：工作表“附件2”不存在');
    expect(missing.writes()).toEqual([]);

    const clash = mockOf('附件1', '评分汇总');
    const r2 = await applyPatch(
      clash.context,
      { ops: [{ kind: 'create', sheet: '评分汇总', replace: false, cells: [] }] },
      { snapshot: snap, features: ALL_FEATURES },
    );
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.error).toBe('未写入任何内容：工作表“评分汇总”已存在，不能重复创建');
    expect(clash.syncs()).toBe(0);
    expect(clash.writes()).toEqual([]);
  });

  it('refuses a write inside a merged area (not its top-left cell)', async () => {
    const mock = mockOf('附件1');
    const result = await applyPatch(mock.context, edit('附件1', [{ row: 4, col: 1, value: 'x' }]), {
      snapshot: snapshot({ name: '附件1', merges: ['A3:A9'] }),
      features: ALL_FEATURES,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain('合并区域 A3:A9');
    expect(mock.writes()).toEqual([]);
  });

  it('creates, replaces, positions, merges, hides, freezes and sizes sheets in one sync', async () => {
    const mock = mockOf('附件1', '评分汇总', '_绩效评分记录');
    const patch: Patch = {
      ops: [
        {
          kind: 'create',
          sheet: '评分汇总',
          replace: true,
          after: '附件1',
          cells: [{ row: 1, col: 1, value: '评分汇总' }],
          merges: ['A1:F1'],
          columnWidths: { 1: 18, 2: 24 },
          freezeRows: 3,
          print: { landscape: true, fitToWidth: true, title: '评分汇总' },
        },
        { kind: 'create', sheet: '_绩效评分记录', replace: true, cells: [{ row: 1, col: 1, value: '{"v":1}' }], visibility: 'veryHidden' },
      ],
    };
    const result = await applyPatch(mock.context, patch, {
      snapshot: snapshot({ name: '附件1' }, { name: '评分汇总' }, { name: '_绩效评分记录', visibility: 'veryHidden' }),
      features: ALL_FEATURES,
    });
    expect(result).toMatchObject({ ok: true, syncs: 1, batches: 1 });
    const sheetOps = mock
      .writes()
      .filter(
        (e) =>
          (e.type === 'call' && /^(worksheets\.add|ws\("[^"]+"\)\.(delete|merge|freezePanes\.freezeRows))$|getRange\("A1:F1"\)\.merge$/.test(e.path)) ||
          (e.type === 'set' && /\.(position|visibility)$/.test(e.path)),
      )
      .map((e) => (e.type === 'set' ? `${e.path}=${String(e.value)}` : `${e.path}(${e.args.map(String).join(',')})`));
    expect(sheetOps).toEqual([
      'ws("评分汇总").delete()',
      'worksheets.add(评分汇总)',
      'ws("评分汇总").position=1',
      'ws("评分汇总").getRange("A1:F1").merge(false)',
      // The very hidden record is not deleted (Excel refuses): cleared and rewritten in place, still very hidden.
      // Cosmetic steps come last, so their failure cannot stop the content.
      'ws("评分汇总").freezePanes.freezeRows(3)',
    ]);
    expect(mock.calls('.clear').map((e) => [e.path, e.args])).toEqual([['ws("_绩效评分记录").getRange().clear', ['Contents']]]);
    expect(mock.sets('.values').map((e) => e.path)).toContain('ws("_绩效评分记录").getRange("A1").values');
    // Fit-to-pages values are page counts: one page wide, enough pages tall (never the undocumented 0).
    expect(mock.sets('.pageLayout.zoom').map((e) => e.value)).toEqual([{ horizontalFitToPages: 1, verticalFitToPages: 1 }]);
    expect(mock.sets('.format.columnWidth').map((e) => [e.path, e.value])).toEqual([
      ['ws("评分汇总").getRange("A:A").format.columnWidth', 98.25],
      ['ws("评分汇总").getRange("B:B").format.columnWidth', 129.75],
    ]);
    expect(mock.sets('.pageLayout.orientation').map((e) => e.value)).toEqual(['Landscape']);
    expect(mock.syncs()).toBe(1);
  });

  it('writes links with Range.hyperlink (ExcelApi 1.7) and falls back to HYPERLINK formulas', async () => {
    const patch = edit('校验结果', [{ row: 5, col: 8, value: '附件1!H12', link: "'附件1'!H12" }]);
    const snap = snapshot({ name: '附件1' }, { name: '校验结果' });

    const modern = mockOf('附件1', '校验结果');
    await applyPatch(modern.context, patch, { snapshot: snap, features: ALL_FEATURES });
    expect(modern.sets('.hyperlink').map((e) => e.value)).toEqual([{ documentReference: "'附件1'!H12", textToDisplay: '附件1!H12' }]);
    expect(modern.sets('.format.font.underline').map((e) => e.value)).toEqual(['Single']);

    const old = mockOf('附件1', '校验结果');
    const result = await applyPatch(old.context, patch, { snapshot: snap, features: NO_FEATURES });
    expect(old.sets('.hyperlink')).toEqual([]);
    expect(old.sets('.formulas').map((e) => e.value)).toEqual([[[`=HYPERLINK("#'附件1'!H12","附件1!H12")`]]]);
    expect(result.ok && result.notes[0]).toContain('ExcelApi 1.7');
  });

  it('splits into several syncs only when the request would exceed the size budget', async () => {
    const cells: CellWrite[] = [];
    for (let r = 1; r <= 400; r++) cells.push({ row: r, col: 1, value: '评分说明'.repeat(20) }, { row: r, col: 3, value: r });
    const patch: Patch = { ops: [{ kind: 'create', sheet: '大表', replace: false, cells }] };
    const snap = snapshot({ name: '附件1' });

    const small = mockOf('附件1');
    const r1 = await applyPatch(small.context, patch, { snapshot: snap, features: ALL_FEATURES, maxRequestBytes: 40_000 });
    expect(r1.ok).toBe(true);
    expect(small.syncs()).toBeGreaterThan(1);
    if (r1.ok) expect(r1.syncs).toBe(small.syncs());
    // The sheet is created in the first batch, before any write into it; every row arrives exactly once.
    expect(small.events.findIndex((e) => e.type === 'call' && e.path === 'worksheets.add')).toBeLessThan(small.events.findIndex((e) => e.type === 'sync'));
    const rows = small
      .sets('.values')
      .filter((e) => e.path.includes('getRange("A'))
      .reduce((n, e) => n + (e.value as unknown[][]).length, 0);
    expect(rows).toBe(400);

    const big = mockOf('附件1');
    await applyPatch(big.context, patch, { snapshot: snap, features: ALL_FEATURES });
    expect(big.syncs()).toBe(1);
  });

  it('reports a failing write sync with code, message, location and the op', async () => {
    const error = officeError('InvalidArgument', 'The argument is invalid or missing.', {
      errorLocation: 'Range.values',
      statement: 'range.values = ...;',
      surroundingStatements: ['var ws = context.workbook.worksheets.getItem("附件1");', 'var range = ws.getRange("H3");'],
    });
    const mock = createExcelMock([{ name: '附件1', used: null }], { failSync: { at: 1, error } });
    const result = await applyPatch(mock.context, edit('附件1', [{ row: 3, col: 8, value: 1 }]), {
      snapshot: snapshot({ name: '附件1' }),
      features: ALL_FEATURES,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.partial).toBe(true);
    expect(result.error).toContain('Excel 错误 InvalidArgument：The argument is invalid or missing.（位置：Range.values）');
    expect(result.error).toContain("第 1 项操作（写入数值 '附件1'!H3）");
  });

  it('treats a failure of freeze panes / print setup (queued last) as a note, not a failed run', async () => {
    const error = officeError('ApiNotFound', 'not supported', { errorLocation: 'WorksheetFreezePanes.freezeRows' });
    const mock = createExcelMock([{ name: '附件1', used: null }], { failSync: { at: 1, error } });
    const patch: Patch = { ops: [{ kind: 'create', sheet: '评分汇总', replace: false, cells: [{ row: 1, col: 1, value: 1 }], freezeRows: 2 }] };
    const result = await applyPatch(mock.context, patch, { snapshot: snapshot({ name: '附件1' }), features: ALL_FEATURES });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.notes.join()).toContain('冻结窗格或打印设置未能应用');
  });

  it('skips freeze panes and print setup when the host lacks them, and says so', async () => {
    const mock = mockOf('附件1');
    const patch: Patch = { ops: [{ kind: 'create', sheet: '评分汇总', replace: false, cells: [], freezeRows: 2, print: { landscape: true } }] };
    const result = await applyPatch(mock.context, patch, { snapshot: snapshot({ name: '附件1' }), features: NO_FEATURES });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.notes).toHaveLength(2);
    expect(mock.calls('freezePanes.freezeRows')).toEqual([]);
    expect(mock.sets('.pageLayout.orientation')).toEqual([]);
  });

  it('does nothing for an empty patch', async () => {
    const mock = mockOf('附件1');
    expect(await applyPatch(mock.context, { ops: [] }, { features: ALL_FEATURES })).toEqual({ ok: true, syncs: 0, batches: 0, cells: 0, notes: [] });
    expect(mock.syncs()).toBe(0);
  });

  it('clears before rewriting a cell the engine had styled (undo)', async () => {
    const mock = mockOf('附件1');
    await applyPatch(
      mock.context,
      edit('附件1', [
        { row: 2, col: 2, clear: true, value: 3 },
        { row: 2, col: 3, clear: true, value: null },
      ]),
      {
        snapshot: snapshot({ name: '附件1' }),
        features: ALL_FEATURES,
      },
    );
    const kinds = mock.writes().map((e) => e.path);
    expect(kinds).toEqual(['ws("附件1").getRange', 'ws("附件1").getRange("B2:C2").clear', 'ws("附件1").getRange', 'ws("附件1").getRange("B2:C2").values']);
    expect(mock.calls('.clear')[0].args).toEqual(['All']);
  });
});
