import ExcelJS from 'exceljs';
import type { Patch } from '../../../src/engine/patch';
import { formulaAt, numberFormatAt, valueAt } from '../../../src/engine/snapshot';
import { applyPatch } from '../../../src/workbook/xlsx/applyPatch';
import { loadWorkbook, saveWorkbook } from '../../../src/workbook/xlsx/io';
import { snapshotFromWorkbook } from '../../../src/workbook/xlsx/readSnapshot';
import { fillArrayFormula, reread, roundTrip, sheetOf, zipEntryText } from './helpers';

const BOLD_BLUE: Partial<ExcelJS.Style> = { font: { bold: true, color: { argb: 'FF1F4E79' } }, numFmt: '0.00' };

/** An evaluation-like workbook, saved and reloaded so it looks like a user's file. */
async function userWorkbook(): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  const annex = wb.addWorksheet('附件1');
  annex.getCell('A1').value = '附件1：指标体系及评分表';
  annex.mergeCells('A1:H1');
  annex.getCell('A3').value = '决策';
  annex.mergeCells('A3:A9');
  for (let r = 3; r <= 9; r++) {
    annex.getCell(r, 2).value = `指标${r}`;
    annex.getCell(r, 3).value = 2;
    annex.getCell(r, 3).style = BOLD_BLUE; // one shared style object, as ExcelJS loads it
  }
  annex.fillFormula('D3:D9', 'C3*2', [4, 4, 4, 4, 4, 4, 4]);
  annex.fillFormula('E3:E9', "D3+'附件3 数据'!$B$2", [5, 5, 5, 5, 5, 5, 5]);
  annex.getColumn(2).width = 30;
  annex.getCell('G5').dataValidation = { type: 'list', allowBlank: true, formulae: ['"优,良,中,差"'] };
  annex.addConditionalFormatting({
    ref: 'C3:C9',
    rules: [
      {
        type: 'cellIs',
        operator: 'lessThan',
        formulae: [1],
        priority: 1,
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } } },
      },
    ],
  });
  const data = wb.addWorksheet('附件3 数据');
  data.getCell('B2').value = 1;
  data.fillFormula('C2:C4', 'B2+1', [2, 2, 2]);
  data.getColumn(1).width = 12;
  const locked = wb.addWorksheet('封面');
  locked.getCell('A1').value = '不要改';
  await locked.protect('', {});
  wb.definedNames.add("'附件3 数据'!$B$2", '目标值');
  return roundTrip(wb);
}

function allSheetsJson(wb: ExcelJS.Workbook): string {
  return JSON.stringify(snapshotFromWorkbook(wb));
}

describe('applyPatch', () => {
  it('writes cells, styles, links and widths and keeps everything else through save/reload', async () => {
    const wb = await userWorkbook();
    const patch: Patch = {
      ops: [
        {
          kind: 'edit',
          sheet: '附件1',
          columnWidths: { 9: 40 },
          cells: [
            { row: 3, col: 9, value: 5.47, numberFormat: '0.00', style: { bold: true, italic: true, fontSize: 12, color: '#C00000', fill: '#FFF2CC', border: true, horizontal: 'right', vertical: 'middle', wrap: true } },
            { row: 4, col: 9, formula: '=SUM(C3:C9)', value: 14, numberFormat: '0.0' },
            { row: 5, col: 9, formula: '=IFS(C5>1,"高",TRUE,"低")', value: '高' },
            { row: 6, col: 9, value: '接通率74.26%，得分=74.26%÷95%×7=5.47分', style: { wrap: true } },
            { row: 7, col: 9, value: '→ 附件3', link: "'附件3 数据'!B2" },
            { row: 8, col: 3, style: { italic: true } },
          ],
        },
      ],
    };
    expect(applyPatch(wb, patch)).toEqual({ ok: true });
    const bytes = await saveWorkbook(wb);
    const back = await loadWorkbook(bytes);
    const snap = snapshotFromWorkbook(back);
    const annex = sheetOf(snap, '附件1');
    const ws = back.getWorksheet('附件1')!;

    expect(valueAt(annex, 3, 9)).toBe(5.47);
    expect(numberFormatAt(annex, 3, 9)).toBe('0.00');
    const i3 = ws.getCell('I3');
    expect(i3.font).toMatchObject({ bold: true, italic: true, size: 12, color: { argb: 'FFC00000' } });
    expect(i3.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } });
    expect(i3.border.top?.style).toBe('thin');
    expect(i3.border.right?.style).toBe('thin');
    expect(i3.alignment).toMatchObject({ horizontal: 'right', vertical: 'middle', wrapText: true });
    expect(formulaAt(annex, 4, 9)).toBe('=SUM(C3:C9)');
    expect(valueAt(annex, 4, 9)).toBe(14);
    expect(numberFormatAt(annex, 4, 9)).toBe('0.0');
    expect(formulaAt(annex, 5, 9)).toBe('=IFS(C5>1,"高",TRUE,"低")');
    expect(valueAt(annex, 6, 9)).toBe('接通率74.26%，得分=74.26%÷95%×7=5.47分');
    expect(valueAt(annex, 7, 9)).toBe('→ 附件3');
    expect(ws.getCell('I7').value).toEqual({ text: '→ 附件3', hyperlink: "#'附件3 数据'!B2" });
    expect(ws.getColumn(9).width).toBe(40);
    expect(zipEntryText(bytes, 'xl/workbook.xml')).toMatch(/<calcPr [^>]*fullCalcOnLoad="1"/); // ExcelJS does not read calcPr back

    // The file holds a real in-workbook link and a prefixed future function.
    const sheetXml = zipEntryText(bytes, `xl/worksheets/sheet${ws.id}.xml`)!;
    expect(sheetXml).toContain('<hyperlink ref="I7" location="&apos;附件3 数据&apos;!B2"/>');
    expect(sheetXml).toContain('_xlfn.IFS(');

    // Untouched content survived.
    expect(valueAt(annex, 1, 1)).toBe('附件1：指标体系及评分表');
    expect(annex.merges).toEqual(['A1:H1', 'A3:A9']);
    expect(formulaAt(annex, 9, 4)).toBe('=C9*2');
    expect(formulaAt(annex, 9, 5)).toBe("=D9+'附件3 数据'!$B$2");
    expect((ws.getCell('D9').value as ExcelJS.CellSharedFormulaValue).sharedFormula).toBe('D3'); // not needlessly unshared
    expect(ws.getColumn(2).width).toBe(30);
    expect(ws.getCell('C8').font).toMatchObject({ bold: true, italic: true });
    expect(ws.getCell('C7').font).toMatchObject({ bold: true });
    expect(ws.getCell('C7').font.italic).toBeFalsy(); // the shared style object was not mutated
    expect(ws.getCell('G5').dataValidation).toMatchObject({ type: 'list', formulae: ['"优,良,中,差"'] });
    const cf = (ws as unknown as { conditionalFormattings: { ref: string; rules: { type: string }[] }[] }).conditionalFormattings;
    expect(cf.map((c) => c.ref)).toEqual(['C3:C9']);
    expect(back.definedNames.getRanges('目标值').ranges).toEqual(["'附件3 数据'!$B$2"]);
    const data = sheetOf(snap, '附件3 数据');
    expect(formulaAt(data, 4, 3)).toBe('=B4+1');
    expect(back.getWorksheet('附件3 数据')!.getColumn(1).width).toBe(12);
    expect(valueAt(sheetOf(snap, '封面'), 1, 1)).toBe('不要改');
    expect(sheetOf(snap, '封面').protected).toBe(true);
  });

  it('unshares a shared-formula group when its master or a dependent is overwritten', async () => {
    const wb = await userWorkbook();
    const patch: Patch = {
      ops: [
        {
          kind: 'edit',
          sheet: '附件1',
          cells: [
            { row: 3, col: 4, value: 99 }, // master of D3:D9
            { row: 6, col: 5, formula: '=D6+1', value: 5 }, // dependent of E3:E9
            { row: 8, col: 5, clear: true },
          ],
        },
        { kind: 'edit', sheet: '附件3 数据', cells: [{ row: 2, col: 3, value: null }] }, // master of C2:C4
      ],
    };
    expect(applyPatch(wb, patch)).toEqual({ ok: true });
    const { snapshot } = await reread(wb); // ExcelJS would throw here if a dependent lost its master
    const annex = sheetOf(snapshot, '附件1');
    expect(valueAt(annex, 3, 4)).toBe(99);
    expect(formulaAt(annex, 3, 4)).toBeNull();
    for (let r = 4; r <= 9; r++) expect(formulaAt(annex, r, 4)).toBe(`=C${r}*2`);
    expect(valueAt(annex, 5, 4)).toBe(4); // cached results kept
    expect(formulaAt(annex, 6, 5)).toBe('=D6+1');
    expect(formulaAt(annex, 8, 5)).toBeNull();
    expect(valueAt(annex, 8, 5)).toBeNull();
    expect(formulaAt(annex, 9, 5)).toBe("=D9+'附件3 数据'!$B$2");
    const data = sheetOf(snapshot, '附件3 数据');
    expect(valueAt(data, 2, 3)).toBeNull();
    expect(formulaAt(data, 4, 3)).toBe('=B4+1');
  });

  it('does not mistake merged cells next to a shared formula for members of it', async () => {
    const src = new ExcelJS.Workbook();
    const ws = src.addWorksheet('s');
    for (let r = 1; r <= 4; r++) ws.getCell(r, 1).value = r;
    ws.fillFormula('B1:B4', 'A1*10', [10, 20, 30, 40]);
    ws.mergeCells('B2:C2'); // ExcelJS reports C2's value as B2's (a shared-formula dependent)
    const wb = await roundTrip(src);
    expect(applyPatch(wb, { ops: [{ kind: 'edit', sheet: 's', cells: [{ row: 1, col: 2, value: 0 }] }] })).toEqual({ ok: true });
    const snap = sheetOf(snapshotFromWorkbook(await roundTrip(wb)), 's');
    expect(formulaAt(snap, 2, 2)).toBe('=A2*10');
    expect(formulaAt(snap, 2, 3)).toBeNull();
    expect(valueAt(snap, 2, 3)).toBeNull();
    expect(formulaAt(snap, 4, 2)).toBe('=A4*10');
    expect(snap.merges).toEqual(['B2:C2']);
  });

  it('refuses to write into a protected sheet and leaves the workbook untouched', async () => {
    const wb = await userWorkbook();
    const before = allSheetsJson(wb);
    const result = applyPatch(wb, {
      ops: [
        { kind: 'edit', sheet: '附件1', cells: [{ row: 3, col: 9, value: 1 }] },
        { kind: 'edit', sheet: '封面', cells: [{ row: 1, col: 1, value: '改了' }] },
      ],
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain('受保护');
    expect(allSheetsJson(wb)).toBe(before);
    expect(allSheetsJson(await roundTrip(wb))).toBe(before);
  });

  it.each<[string, Patch, string]>([
    ['a missing sheet', { ops: [{ kind: 'edit', sheet: '不存在', cells: [] }] }, '不存在'],
    ['an invalid name', { ops: [{ kind: 'create', sheet: '评分/汇总', replace: false, cells: [] }] }, '不能包含'],
    ['a name over 31 chars', { ops: [{ kind: 'create', sheet: '很'.repeat(32), replace: false, cells: [] }] }, '31'],
    ['a collision without replace', { ops: [{ kind: 'create', sheet: '附件1', replace: false, cells: [] }] }, '已存在'],
    ['a write inside a merge', { ops: [{ kind: 'edit', sheet: '附件1', cells: [{ row: 5, col: 1, value: 'x' }] }] }, '合并区域 A3:A9'],
    ['a link to a missing sheet', { ops: [{ kind: 'edit', sheet: '附件1', cells: [{ row: 3, col: 9, value: 'x', link: "'无'!A1" }] }] }, '不存在的工作表'],
    ['a formula without =', { ops: [{ kind: 'edit', sheet: '附件1', cells: [{ row: 3, col: 9, formula: 'SUM(A1)' }] }] }, '“=”'],
    ['a bad colour', { ops: [{ kind: 'edit', sheet: '附件1', cells: [{ row: 3, col: 9, style: { fill: 'red' } }] }] }, '#RRGGBB'],
    ['after a missing sheet', { ops: [{ kind: 'create', sheet: '新表', replace: false, cells: [], after: '无' }] }, '不存在'],
    [
      'hiding every sheet',
      {
        ops: [
          { kind: 'delete', sheet: '附件1' },
          { kind: 'delete', sheet: '附件3 数据' },
          { kind: 'delete', sheet: '封面' },
          { kind: 'create', sheet: '记录', replace: false, cells: [], visibility: 'veryHidden' },
        ],
      },
      '没有可见的工作表',
    ],
  ])('rejects %s without touching anything', async (_what, patch, message) => {
    const wb = await userWorkbook();
    const before = allSheetsJson(wb);
    const result = applyPatch(wb, {
      ops: [{ kind: 'edit', sheet: '附件1', cells: [{ row: 2, col: 2, value: '先写的' }] }, ...patch.ops],
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain(message);
    expect(allSheetsJson(wb)).toBe(before);
  });

  it('rejects a write into part of an array formula', async () => {
    const src = new ExcelJS.Workbook();
    fillArrayFormula(src.addWorksheet('s'), 'B1:B3', 'A1:A3*2', [[0], [0], [0]]);
    const wb = await roundTrip(src);
    const result = applyPatch(wb, { ops: [{ kind: 'edit', sheet: 's', cells: [{ row: 2, col: 2, value: 1 }] }] });
    expect(!result.ok && result.error).toContain('数组公式区域 B1:B3');
  });

  it('replaces a sheet in place, creates one right after another, hidden and very hidden', async () => {
    const wb = await userWorkbook();
    const first = applyPatch(wb, {
      ops: [{ kind: 'create', sheet: '评分汇总', replace: true, cells: [{ row: 1, col: 1, value: '旧的' }, { row: 9, col: 9, value: '旧的角落' }], after: '附件1' }],
    });
    expect(first).toEqual({ ok: true });
    let back = await roundTrip(wb);
    expect(back.worksheets.map((s) => s.name)).toEqual(['附件1', '评分汇总', '附件3 数据', '封面']);

    const second = applyPatch(back, {
      ops: [
        { kind: 'create', sheet: '评分汇总', replace: true, cells: [{ row: 1, col: 1, value: '新的' }] },
        { kind: 'create', sheet: '评分记录', replace: false, cells: [{ row: 1, col: 1, value: '{"v":1}' }], visibility: 'veryHidden' },
        { kind: 'create', sheet: '草稿', replace: false, cells: [], visibility: 'hidden', after: '附件3 数据' },
      ],
    });
    expect(second).toEqual({ ok: true });
    back = await roundTrip(back);
    expect(back.worksheets.map((s) => s.name)).toEqual(['附件1', '评分汇总', '附件3 数据', '草稿', '封面', '评分记录']);
    const snap = snapshotFromWorkbook(back);
    const summary = sheetOf(snap, '评分汇总');
    expect(summary.values).toEqual([['新的']]); // the old sheet's cells are gone
    expect(sheetOf(snap, '评分记录').visibility).toBe('veryHidden');
    expect(sheetOf(snap, '草稿').visibility).toBe('hidden');
    expect(back.views[0].activeTab).toBe(0);
  });

  it('sets up merges, frozen header rows and printing on a created sheet', async () => {
    const wb = await userWorkbook();
    const result = applyPatch(wb, {
      ops: [
        {
          kind: 'create',
          sheet: '评分汇总',
          replace: true,
          after: '附件1',
          cells: [
            { row: 1, col: 1, value: '评分汇总', style: { bold: true, fontSize: 14, horizontal: 'center' } },
            { row: 3, col: 1, value: '一级指标', style: { border: true } },
            { row: 3, col: 2, value: null, style: { border: true } }, // inside the merge: style only
            { row: 4, col: 1, formula: "=SUM('附件1'!C3:C9)", value: 14 },
          ],
          merges: ['A1:F1', 'A3:B3'],
          columnWidths: { 1: 18, 6: 56 },
          freezeRows: 3,
          print: { landscape: true, fitToWidth: true, title: '评分汇总' },
        },
      ],
    });
    expect(result).toEqual({ ok: true });
    const back = await roundTrip(wb);
    const ws = back.getWorksheet('评分汇总')!;
    const snap = sheetOf(snapshotFromWorkbook(back), '评分汇总');
    expect(snap.merges).toEqual(['A1:F1', 'A3:B3']);
    expect(valueAt(snap, 1, 1)).toBe('评分汇总');
    expect(valueAt(snap, 3, 1)).toBe('一级指标');
    expect(formulaAt(snap, 4, 1)).toBe("=SUM('附件1'!C3:C9)");
    expect(ws.getColumn(1).width).toBe(18);
    expect(ws.getColumn(6).width).toBe(56);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:3' });
    expect(ws.headerFooter.oddHeader).toBe('&C评分汇总');
    expect(ws.getCell('A1').font).toMatchObject({ bold: true, size: 14 });
  });

  it('deletes sheets and keeps the active tab on a visible sheet', async () => {
    const wb = await userWorkbook();
    wb.views = [{ x: 0, y: 0, width: 10000, height: 20000, visibility: 'visible', activeTab: 1, firstSheet: 0 }];
    expect(applyPatch(wb, { ops: [{ kind: 'create', sheet: '评分汇总', replace: false, cells: [], after: '附件1' }] })).toEqual({ ok: true });
    expect(wb.views[0].activeTab).toBe(2); // still 附件3 数据
    expect(applyPatch(wb, { ops: [{ kind: 'delete', sheet: '评分汇总' }] })).toEqual({ ok: true });
    const back = await roundTrip(wb);
    expect(back.worksheets.map((s) => s.name)).toEqual(['附件1', '附件3 数据', '封面']);
    expect(back.views[0].activeTab).toBe(1);
  });

  it('clears a styled cell and keeps a merged anchor when a null write hits a merged cell', async () => {
    const wb = await userWorkbook();
    const result = applyPatch(wb, {
      ops: [
        {
          kind: 'edit',
          sheet: '附件1',
          cells: [
            { row: 3, col: 3, clear: true },
            { row: 4, col: 3, clear: true, value: 3, numberFormat: '0' },
            { row: 5, col: 1, value: null, style: { border: true } },
          ],
        },
      ],
    });
    expect(result).toEqual({ ok: true });
    const back = await roundTrip(wb);
    const ws = back.getWorksheet('附件1')!;
    const snap = sheetOf(snapshotFromWorkbook(back), '附件1');
    expect(valueAt(snap, 3, 3)).toBeNull();
    expect(ws.getCell('C3').font?.bold).toBeFalsy();
    expect(numberFormatAt(snap, 3, 3)).toBeNull();
    expect(valueAt(snap, 4, 3)).toBe(3);
    expect(numberFormatAt(snap, 4, 3)).toBe('0');
    expect(ws.getCell('C4').font?.bold).toBeFalsy();
    expect(valueAt(snap, 3, 1)).toBe('决策'); // the merge anchor kept its text
    expect(snap.merges).toContain('A3:A9');
  });

  it('restores the workbook when ExcelJS throws halfway through', async () => {
    const wb = await userWorkbook();
    const before = allSheetsJson(wb);
    const spy = jest.spyOn(wb, 'addWorksheet').mockImplementation(() => {
      throw new Error('boom');
    });
    const result = applyPatch(wb, {
      ops: [
        { kind: 'edit', sheet: '附件1', cells: [{ row: 3, col: 4, value: 1 }, { row: 2, col: 2, value: '写了一半' }] },
        { kind: 'create', sheet: '评分汇总', replace: false, cells: [] },
      ],
    });
    spy.mockRestore();
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain('boom');
    expect(allSheetsJson(wb)).toBe(before);
    const back = await roundTrip(wb);
    expect(allSheetsJson(back)).toBe(before);
    expect(back.getWorksheet('附件1')!.getColumn(2).width).toBe(30);
    expect(back.getWorksheet('附件1')!.getCell('G5').dataValidation).toMatchObject({ type: 'list' });
  });
});
