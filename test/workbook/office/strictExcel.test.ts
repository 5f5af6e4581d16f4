/**
 * The simulator itself: each behaviour it models (and office-addin-mock does
 * not) is pinned here, so the adapter tests that rely on it mean something.
 */
import { splitCodePoints } from '../../../src/workbook/office/plan';
import { readSnapshot } from '../../../src/workbook/office/readSnapshot';
import { ALL_FEATURES } from '../../../src/workbook/office/features';
import { StrictExcel, officeGlobals, profile, sheetOf, type SimWorkbook } from './strictExcel';

const wb = (...specs: Parameters<typeof sheetOf>[0][]): SimWorkbook => {
  const sheets = specs.map(sheetOf);
  return { sheets, structureProtected: false, activeSheetId: sheets[0]?.id ?? null };
};
const web = profile('web');
const desktop = profile('m365-windows');

describe('strict Excel simulator', () => {
  it('throws PropertyNotLoaded for a property read before load and sync', async () => {
    const sim = new StrictExcel(wb({ name: 'A', rows: [[1]] }), desktop);
    const ctx = sim.context();
    const ws = ctx.workbook.worksheets.getItem('A');
    expect(() => ws.name).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    ws.load('name');
    expect(() => ws.name).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    await ctx.sync();
    expect(ws.name).toBe('A');
  });

  it('gives null objects for *OrNullObject, known only after the sync', async () => {
    const sim = new StrictExcel(wb({ name: 'A' }), desktop);
    const ctx = sim.context();
    const missing = ctx.workbook.worksheets.getItemOrNullObject('B');
    const blank = ctx.workbook.worksheets.getItem('A').getUsedRangeOrNullObject(true);
    expect(() => missing.isNullObject).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    await ctx.sync();
    expect(missing.isNullObject).toBe(true);
    expect(blank.isNullObject).toBe(true);
    ctx.workbook.worksheets.getItem('B').load('name');
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'ItemNotFound' });
  });

  it('refuses to delete or activate a very hidden sheet, keeping what ran before in the batch', async () => {
    const sim = new StrictExcel(wb({ name: 'A' }, { name: 'rec', visibility: 'VeryHidden' }), desktop);
    const ctx = sim.context();
    ctx.workbook.worksheets.getItem('A').getRange('B2').values = [['kept']];
    ctx.workbook.worksheets.getItem('rec').delete();
    ctx.workbook.worksheets.getItem('A').getRange('C3').values = [['never']];
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidOperation', debugInfo: { errorLocation: 'Worksheet.delete' } });
    expect(sim.workbook.sheets.map((s) => s.name)).toEqual(['A', 'rec']);
    expect(sim.workbook.sheets[0].cells.get('2,2')?.v).toBe('kept');
    expect(sim.workbook.sheets[0].cells.has('3,3')).toBe(false);

    ctx.workbook.worksheets.getItem('rec').activate();
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidOperation' });
    // Made Hidden first, it can be deleted.
    ctx.workbook.worksheets.getItem('rec').visibility = 'Hidden';
    ctx.workbook.worksheets.getItem('rec').delete();
    await ctx.sync();
    expect(sim.workbook.sheets.map((s) => s.name)).toEqual(['A']);
  });

  it('models sheet protection and workbook structure protection', async () => {
    const sim = new StrictExcel(wb({ name: 'A', protected: true }, { name: 'B' }), desktop);
    const ctx = sim.context();
    ctx.workbook.worksheets.getItem('A').getRange('A1').values = [[1]];
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'AccessDenied' });
    sim.workbook.structureProtected = true;
    ctx.workbook.worksheets.add('C');
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'AccessDenied' });
    ctx.workbook.worksheets.getItem('B').delete();
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'AccessDenied' });
    const p = ctx.workbook.protection;
    p.load('protected');
    await ctx.sync();
    expect(p.protected).toBe(true);
  });

  it('refuses requests and responses above 5 MB on the web only; a refused request runs nothing', async () => {
    const big = [[`${'x'.repeat(30000)}`]];
    for (const [hostProfile, fails] of [
      [web, true],
      [desktop, false],
    ] as const) {
      const sim = new StrictExcel(wb({ name: 'A' }), hostProfile);
      const ctx = sim.context();
      for (let r = 1; r <= 200; r++) ctx.workbook.worksheets.getItem('A').getRange(`A${r}`).values = big;
      if (fails) await expect(ctx.sync()).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
      else await ctx.sync();
      expect(sim.workbook.sheets[0].cells.size).toBe(fails ? 0 : 200);
    }
    const sim = new StrictExcel(wb({ name: 'A', rows: Array.from({ length: 200 }, () => ['y'.repeat(30000)]) }), web);
    const ctx = sim.context();
    ctx.workbook.worksheets.getItem('A').getRange('A1:A200').load('values');
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
  });

  it('limits cell text to 32,767 characters and refuses a split surrogate pair', async () => {
    const sim = new StrictExcel(wb({ name: 'A' }), desktop);
    const ctx = sim.context();
    ctx.workbook.worksheets.getItem('A').getRange('A1').values = [['x'.repeat(32768)]];
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
    ctx.workbook.worksheets.getItem('A').getRange('A1').values = [['𠀀'.slice(0, 1)]];
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  it('has the requirement sets of each host profile', async () => {
    const old = new StrictExcel(wb({ name: 'A' }), profile('excel2016'));
    const { Office } = officeGlobals(() => old) as { Office: typeof globalThis.Office };
    expect(Office.context.requirements.isSetSupported('ExcelApi', '1.4')).toBe(true);
    expect(Office.context.requirements.isSetSupported('ExcelApi', '1.7')).toBe(false);
    expect(Office.addin).toBeUndefined();
    const ws = old.context().workbook.worksheets.getItem('A');
    expect(() => ws.freezePanes).toThrow(expect.objectContaining({ code: 'ApiNotFound' }));
    expect(() => old.context().workbook.protection).toThrow(expect.objectContaining({ code: 'ApiNotFound' }));
    expect(officeGlobals(() => new StrictExcel(wb(), profile('excel2019'))).Office).toMatchObject({});
  });

  it('accepts only page counts for fit-to-pages', async () => {
    const sim = new StrictExcel(wb({ name: 'A' }), desktop);
    const ctx = sim.context();
    ctx.workbook.worksheets.getItem('A').pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
    ctx.workbook.worksheets.getItem('A').pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 3 };
    await ctx.sync();
  });

  it('ignores showAsTaskpane for a Marketplace add-in', async () => {
    const sim = new StrictExcel(wb({ name: 'A' }), web);
    const store = officeGlobals(() => sim, { marketplace: true });
    await (store.Office as typeof globalThis.Office).addin.showAsTaskpane();
    expect(store.paneShown()).toBe(0);
    const sideloaded = officeGlobals(() => sim);
    await (sideloaded.Office as typeof globalThis.Office).addin.showAsTaskpane();
    expect(sideloaded.paneShown()).toBe(1);
  });
});

describe('fixes the simulator exposed', () => {
  it('cuts the record on code-point boundaries', () => {
    const text = 'a' + '𠀀'.repeat(40000); // CJK Extension B: two UTF-16 units each
    const parts = splitCodePoints(text, 30000);
    expect(parts.join('')).toBe(text);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(30000);
      expect(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(p)).toBe(false);
    }
  });

  it('does not take a payload error for a merged-area problem (no retry without merges)', async () => {
    const rows = Array.from({ length: 200 }, () => ['z'.repeat(30000)]);
    const sim = new StrictExcel(wb({ name: 'A', rows, merges: ['B1:C1'] }), web);
    // 30,000 characters a cell: the first band, sized by the cautious guess, is still too large and is read again in halves.
    const read = await readSnapshot(sim.context(), { features: { ...ALL_FEATURES, notes: false, workbookProtection: false } });
    if (!read.ok) throw new Error(read.error);
    expect(read.notes).toEqual([]);
    expect(read.snapshot.sheets[0].merges).toEqual(['B1:C1']);
    expect(read.snapshot.sheets[0].values).toHaveLength(200);
    expect(sim.log.some((s) => s.error === 'ResponsePayloadSizeLimitExceeded')).toBe(true);
    expect(sim.log[sim.log.length - 1].error).toBeUndefined();
  });

  it('reads cell notes where the host has them (ExcelApi 1.18)', async () => {
    const sim = new StrictExcel(wb({ name: 'A', rows: [['得分', 5]], notes: { B1: '  扣2分：资料不全 ' } }), desktop);
    const read = await readSnapshot(sim.context(), { features: ALL_FEATURES });
    if (!read.ok) throw new Error(read.error);
    expect(read.snapshot.sheets[0].notes).toEqual({ B1: '扣2分：资料不全' });
    expect(read.syncs).toBe(3);
  });
});
