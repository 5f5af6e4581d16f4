import { batchActions, charsToPoints, jsonBytes, needsTextGuard, planPatch, pointsToChars, toInput, widenedPrintArea } from '../../../src/workbook/office/plan';
import { groupRects } from '../../../src/workbook/office/rects';
import { ALL_FEATURES, NO_FEATURES } from '../../../src/workbook/office/features';

const at = (row: number, col: number) => ({ row, col });
const shape = (rects: ReturnType<typeof groupRects>) => rects.map((r) => `${r.top},${r.left} ${r.cells.length}x${r.cells[0].length}`);

describe('groupRects', () => {
  it('covers a full block with one rectangle', () => {
    expect(shape(groupRects([at(3, 8), at(4, 9), at(3, 9), at(5, 8), at(4, 8), at(5, 9)]))).toEqual(['3,8 3x2']);
  });

  it('keeps scattered cells apart and never covers a gap', () => {
    expect(shape(groupRects([at(1, 1), at(3, 3), at(5, 5)]))).toEqual(['1,1 1x1', '3,3 1x1', '5,5 1x1']);
    // An L shape: the row with the longer run is its own rectangle.
    expect(shape(groupRects([at(1, 1), at(2, 1), at(2, 2), at(3, 1)]))).toEqual(['1,1 1x1', '2,1 1x2', '3,1 1x1']);
  });

  it('stacks a column of single cells and keeps the last duplicate', () => {
    const rects = groupRects([
      { row: 1, col: 2, v: 'a' },
      { row: 2, col: 2, v: 'b' },
      { row: 1, col: 2, v: 'c' },
    ]);
    expect(rects.map((r) => r.cells.map((row) => row.map((c) => c.v)))).toEqual([[['c'], ['b']]]);
  });
});

describe('text guard', () => {
  it('protects strings Excel would parse as numbers, dates, formulas or booleans', () => {
    for (const s of ['00123', '2020年7月', '=A1', '+5', '-', '95.44%', '(5)', 'TRUE', '#N/A', 'Jan 2020', '１２３']) expect(needsTextGuard(s)).toBe(true);
    for (const s of ['优', '接通率74.26%，得分=5.47', '合计', '']) expect(needsTextGuard(s)).toBe(false);
    expect(toInput('00123')).toBe("'00123");
    expect(toInput(null)).toBe('');
    expect(toInput(4.5)).toBe(4.5);
  });
});

describe('planning helpers', () => {
  it('converts character widths to points', () => {
    expect(charsToPoints(10)).toBe(56.25);
    expect(charsToPoints(0)).toBe(0);
  });

  it('estimates UTF-8 JSON sizes', () => {
    expect(jsonBytes('ab')).toBe(4);
    expect(jsonBytes('得分')).toBe(8);
    // An upper bound: separators are counted generously.
    const exact = JSON.stringify([[1, 'a']]).length;
    expect(jsonBytes([[1, 'a']])).toBeGreaterThanOrEqual(exact);
    expect(jsonBytes([[1, 'a']])).toBeLessThanOrEqual(exact + 4);
  });

  it('puts each batch under the budget unless a single action is bigger', () => {
    const { actions } = planPatch(
      { ops: [{ kind: 'edit', sheet: 'S', cells: Array.from({ length: 50 }, (_, i) => ({ row: i * 2 + 1, col: 1, value: 'x'.repeat(100) })) }] },
      { features: ALL_FEATURES, maxActionBytes: 1000, sheetOrder: ['S'] },
    );
    expect(actions).toHaveLength(50);
    const batches = batchActions(actions, 1200);
    expect(batches.length).toBeGreaterThan(1);
    for (const b of batches) expect(b.reduce((n, a) => n + a.bytes, 0)).toBeLessThanOrEqual(1200);
    expect(batches.flat()).toEqual(actions);
  });
});

describe('row heights and print area', () => {
  const o = { features: ALL_FEATURES, maxActionBytes: 1e6, sheetOrder: ['附件1'] };

  it('sets row heights as one range write per run of equal heights', () => {
    const plan = planPatch({ ops: [{ kind: 'create', sheet: '评分汇总', replace: false, cells: [], rowHeights: { 5: 30, 6: 30, 7: 45, 9: 30 } }] }, o);
    const heights = plan.actions.filter((a) => a.kind === 'rowHeight').map((a) => [(a as { address: string }).address, (a as { points: number }).points]);
    expect(heights).toEqual([
      ['5:6', 30],
      ['7:7', 45],
      ['9:9', 30],
    ]);
  });

  it('widens an existing print area to the added columns, last, as a cosmetic action', () => {
    expect(widenedPrintArea('A1:H37', 11)).toBe('A1:K37');
    expect(widenedPrintArea('$A$1:$H$37', 11)).toBe('$A$1:$K$37');
    expect(widenedPrintArea('A1:M37', 11)).toBeNull();
    const edit = { ops: [{ kind: 'edit' as const, sheet: '附件1', cells: [{ row: 3, col: 11, value: '扣分说明' }], printThroughCol: 11 }] };
    const plan = planPatch(edit, { ...o, printAreas: new Map([['附件1', 'A1:H37']]) });
    expect(plan.actions[plan.actions.length - 1]).toMatchObject({ kind: 'printArea', sheet: '附件1', address: 'A1:K37', cosmetic: true });
    // No print area set: the whole sheet prints already; without page layout support: a note.
    expect(planPatch(edit, o).actions.some((a) => a.kind === 'printArea')).toBe(false);
    const old = planPatch(edit, { ...o, features: { ...ALL_FEATURES, pageLayout: false }, printAreas: new Map([['附件1', 'A1:H37']]) });
    expect(old.actions.some((a) => a.kind === 'printArea')).toBe(false);
    expect(old.notes).toEqual(['此版本 Excel 不支持页面设置（ExcelApi 1.9），打印区域未扩展到新增的列']);
  });

  it('autofits the rows of the notes an edit wrote, runs of rows at once, after the content', () => {
    const edit = { ops: [{ kind: 'edit' as const, sheet: '附件1', cells: [{ row: 5, col: 11, value: '扣1分：…' }], minRowHeights: { 5: 33, 6: 48, 9: 33 } }] };
    const plan = planPatch(edit, o);
    const fits = plan.actions.filter((a) => a.kind === 'autofitRows');
    expect(fits.map((a) => (a as { address: string }).address)).toEqual(['5:6', '9:9']);
    expect(plan.actions.indexOf(fits[0])).toBeGreaterThan(plan.actions.findIndex((a) => a.kind === 'values'));
  });
});

describe('undo puts the layout back (SheetEdit.restoreLayout)', () => {
  const o = { features: ALL_FEATURES, maxActionBytes: 1e6, sheetOrder: ['附件1'] };
  const undo = (restoreLayout: NonNullable<import('../../../src/engine/patch').SheetEdit['restoreLayout']>) => ({
    ops: [{ kind: 'edit' as const, sheet: '附件1', cells: [{ row: 5, col: 10, value: null, clear: true }], restoreLayout }],
  });
  const brief = (plan: ReturnType<typeof planPatch>) =>
    plan.actions
      .filter((a) => ['columnWidth', 'standardWidth', 'rowHeight', 'autofitRows', 'printArea'].includes(a.kind))
      .map((a) => `${a.kind} ${(a as { address: string }).address}${'points' in a ? ` ${a.points}` : ''}${'cosmetic' in a ? ' (last)' : ''}`);

  it('widths, heights and the print area as they were: a width of null is the standard width, a height of null fits the row again', () => {
    const plan = planPatch(undo({ columnWidths: { 9: null, 10: 12 }, rowHeights: { 5: 20, 6: 20, 7: null, 8: null, 12: 33 }, printArea: 'A1:H37' }), o);
    expect(brief(plan)).toEqual([
      'standardWidth I:I',
      `columnWidth J:J ${charsToPoints(12)}`,
      'rowHeight 5:6 20',
      'rowHeight 12:12 33',
      'autofitRows 7:8 (last)',
      'printArea A1:H37 (last)',
    ]);
    expect(plan.notes).toEqual([]);
    // Exact sizes go with the cell writes; autofit measures the restored contents, so it runs after them.
    expect(plan.actions.findIndex((a) => a.kind === 'autofitRows')).toBeGreaterThan(plan.actions.findIndex((a) => a.kind === 'values'));
  });

  it('on a host without ExcelApi 1.7 / 1.9 it sets what it can and says what it left', () => {
    const plan = planPatch(undo({ columnWidths: { 9: null, 10: 12 }, rowHeights: { 5: 20, 7: null }, printArea: 'A1:H37' }), { ...o, features: NO_FEATURES });
    expect(brief(plan)).toEqual([`columnWidth J:J ${charsToPoints(12)}`, 'rowHeight 5:5 20', 'autofitRows 7:7 (last)']);
    expect(plan.notes).toEqual([
      '此版本 Excel 不支持恢复标准列宽（ExcelApi 1.7），评分时新增列的列宽保持不变',
      '此版本 Excel 不支持页面设置（ExcelApi 1.9），工作表“附件1”的打印区域未恢复为 A1:H37',
    ]);
  });

  it('a print area of null (none before the run) cannot be removed through Office.js: a note says how', () => {
    const plan = planPatch(undo({ printArea: null }), o);
    expect(brief(plan)).toEqual([]);
    expect(plan.notes[0]).toMatch(/打印区域.*取消打印区域/);
  });

  it('reads widths in points back as the characters the snapshot uses', () => {
    for (const chars of [5, 8.43, 12, 24.5, 48]) expect(charsToPoints(pointsToChars(charsToPoints(chars)))).toBe(charsToPoints(chars));
    expect(pointsToChars(0)).toBe(0);
  });
});
