/**
 * The Office.js adapter against the strict Excel simulator, on every sample
 * and every host profile: score, score again, undo, score, then save, reopen
 * and undo — every cell of every original sheet ends as it was, and so do the
 * column widths, row heights and print areas, and no stray sheet is left.
 * Undo keeps cells changed by hand since the run (and lists them) unless forced. Plus the refusals (protected structure, protected indicator
 * sheet: nothing written) and a 200,000-row data sheet read under the 5 MB
 * response limit of Excel on the web.
 */
import { detectFeatures } from '../../../src/workbook/office/features';
import { readSnapshot } from '../../../src/workbook/office/readSnapshot';
import { runScoring, runUndo, runValidation, type SheetNameCache } from '../../../src/workbook/office/run';
import { STATE_SHEET } from '../../../src/engine/state';
import { parseA1 } from '../../../src/engine/address';
import { sampleSnapshot } from './simulate';
import { PROFILES, StrictExcel, dumpCells, dumpLayout, officeGlobals, sheetOf, workbookFromSnapshot, type HostProfile } from './strictExcel';

const g = globalThis as unknown as { Office?: unknown; Excel?: unknown };
afterEach(() => {
  delete g.Office;
  delete g.Excel;
});

/** Run options on the simulator: Excel.run gives a fresh context each time, features as the host reports them. */
function runner(sim: () => StrictExcel, session: SheetNameCache = { names: null }) {
  g.Office = officeGlobals(sim).Office;
  return { run: <T>(batch: (c: Excel.RequestContext) => Promise<T>) => batch(sim().context()), features: detectFeatures(), sheetNames: session };
}

const SAMPLES: [string, number][] = [
  ['lvliang-2020.xlsx', 85.6],
  ['haikou-2021.xlsx', 95.95],
  ['qixia-2022.xlsx', 92.31],
  ['qixia-2022-survey.xlsx', 92.47],
];

/** Syncs per step, by profile and sample, printed once at the end for the report. */
const figures: string[] = [];
afterAll(() => {
  if (figures.length) console.log(['syncs per step (score, rescore, undo, score, undo after reopen):', ...figures].join('\n'));
});

describe.each(PROFILES.map((p) => [p.name, p] as [string, HostProfile]))('strict Excel, %s', (_name, hostProfile) => {
  it.each(SAMPLES)('%s: score, score again, undo, score, reopen and undo leave every original cell as it was', async (file, total) => {
    const original = await sampleSnapshot(file);
    let sim = new StrictExcel(workbookFromSnapshot(original), hostProfile);
    const names = sim.workbook.sheets.map((s) => s.name);
    const before = dumpCells(sim.workbook);
    const layout = dumpLayout(sim.workbook);
    const session: SheetNameCache = { names: null };
    const opts = runner(() => sim, session);
    const steps: number[] = [];
    const step = async <T>(f: () => Promise<T>): Promise<T> => {
      const at = sim.syncs();
      const out = await f();
      steps.push(sim.syncs() - at);
      return out;
    };

    const first = await step(() => runScoring(opts));
    expect(first.error).toBeUndefined();
    expect(first.report?.total).toBe(total);
    expect(sim.workbook.sheets.map((s) => s.name)).toEqual(expect.arrayContaining([...names, '评分汇总', STATE_SHEET]));
    expect(sim.workbook.sheets.find((s) => s.name === STATE_SHEET)?.visibility).toBe('VeryHidden');
    expect(dumpCells(sim.workbook, names)).not.toEqual(before);
    // Widths of the added columns, rows fitted to their notes, the widened print area (ExcelApi 1.9).
    expect(dumpLayout(sim.workbook, names)).not.toEqual(layout);

    const again = await step(() => runScoring(opts));
    expect(again.error).toBeUndefined();
    expect(again.report?.total).toBe(total);
    // The record was rewritten in place, never deleted (a very hidden sheet cannot be).
    expect(sim.workbook.sheets.filter((s) => s.name === STATE_SHEET)).toHaveLength(1);

    const undone = await step(() => runUndo(opts));
    expect(undone.error).toBeUndefined();
    expect(undone.ok).toBe(true);
    expect(sim.workbook.sheets.map((s) => s.name)).toEqual(names);
    expect(dumpCells(sim.workbook)).toEqual(before);
    expect(dumpLayout(sim.workbook)).toEqual(layout);
    expect(undone.conflicts).toEqual([]);

    const third = await step(() => runScoring(opts));
    expect(third.report?.total).toBe(total);

    // Saved, closed and opened again: a new session, nothing remembered but the record in the workbook.
    sim = sim.reopen();
    const reopened = runner(() => sim, { names: null });
    const last = await step(() => runUndo(reopened));
    expect(last.error).toBeUndefined();
    expect(sim.workbook.sheets.map((s) => s.name)).toEqual(names);
    expect(dumpCells(sim.workbook)).toEqual(before);
    expect(dumpLayout(sim.workbook)).toEqual(layout);
    figures.push(`${hostProfile.name.padEnd(14)} ${file.padEnd(24)} ${steps.join(', ')}`);
  });

  it('score, change nothing, undo: rows of the standard height that scoring fitted to its notes go back to it', async () => {
    const wb = workbookFromSnapshot(await sampleSnapshot('lvliang-2020.xlsx'));
    for (const s of wb.sheets) s.rowHeights.clear();
    const sim = new StrictExcel(wb, hostProfile);
    const layout = dumpLayout(sim.workbook);
    const opts = runner(() => sim);
    expect((await runScoring(opts)).ok).toBe(true);
    const scored = dumpLayout(sim.workbook);
    // The rows holding a written note grew (autofit, ExcelApi 1.2).
    expect(scored.filter((l) => / height /.test(l)).length).toBeGreaterThan(0);
    const undone = await runUndo(opts);
    expect(undone.error).toBeUndefined();
    expect(dumpLayout(sim.workbook)).toEqual(layout);
  });

  it('undo keeps a cell changed by hand since the run and names it; forced, it puts that cell back too', async () => {
    const original = await sampleSnapshot('lvliang-2020.xlsx');
    const make = async () => {
      const sim = new StrictExcel(workbookFromSnapshot(original), hostProfile);
      const opts = runner(() => sim);
      const scored = await runScoring(opts);
      const leaf = scored.report!.indicators.find((i) => i.source === 'computed' && typeof i.score === 'number' && i.score !== 1.5)!;
      const sheet = sim.workbook.sheets.find((s) => s.name === scored.report!.sheet)!;
      const at = parseA1(leaf.cell)!;
      // The evaluator corrects a score after the run.
      sheet.cells.set(`${at.row},${at.col}`, { v: 1.5, f: null, n: null });
      return { sim, opts, sheet: sheet.name, cell: leaf.cell, written: leaf.score };
    };
    const before = dumpCells(workbookFromSnapshot(original));

    // Dry run: the list, nothing written.
    const kept = await make();
    const edited = dumpCells(kept.sim.workbook);
    const at = kept.sim.syncs();
    const check = await runUndo({ ...kept.opts, dryRun: true });
    expect(check).toMatchObject({ action: 'undo', ok: true, preview: true, cellsWritten: 0 });
    expect(check.conflicts).toEqual([expect.objectContaining({ sheet: kept.sheet, cell: kept.cell, written: kept.written, now: 1.5 })]);
    expect(check.message).toContain(`${kept.sheet}!${kept.cell}`);
    expect(kept.sim.syncs() - at).toBeLessThanOrEqual(3);
    expect(dumpCells(kept.sim.workbook)).toEqual(edited);

    // Undo: everything else restored, the edited cell kept and named.
    const undone = await runUndo(kept.opts);
    expect(undone.ok).toBe(true);
    expect(undone.conflicts).toHaveLength(1);
    expect(undone.message).toContain(`${kept.sheet}!${kept.cell}`);
    expect(undone.message).toMatch(/保留现状未恢复/);
    const rest = (cells: string[]) => cells.filter((c) => !c.startsWith(`${kept.sheet}!${kept.cell} `));
    expect(rest(dumpCells(kept.sim.workbook))).toEqual(rest(before));
    expect(dumpCells(kept.sim.workbook, [kept.sheet]).find((c) => c.startsWith(`${kept.sheet}!${kept.cell} `))).toMatch(/ 1\.5\|/);

    // Forced: that cell too.
    const forced = await make();
    const all = await runUndo({ ...forced.opts, force: true });
    expect(all.ok).toBe(true);
    expect(all.conflicts).toHaveLength(1);
    expect(all.message).toMatch(/也已恢复为评分前的内容/);
    expect(dumpCells(forced.sim.workbook)).toEqual(before);
  });

  it('refuses a workbook whose structure is protected, with nothing written', async () => {
    const original = await sampleSnapshot('lvliang-2020.xlsx');
    const wb = workbookFromSnapshot(original);
    wb.structureProtected = true;
    const sim = new StrictExcel(wb, hostProfile);
    const before = dumpCells(sim.workbook);
    const outcome = await runScoring(runner(() => sim));
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toMatch(/结构受保护|保护/);
    expect(dumpCells(sim.workbook)).toEqual(before);
    expect(sim.workbook.sheets.map((s) => s.name)).toEqual(original.sheets.map((s) => s.name));
  });

  it('refuses a protected indicator sheet, with nothing written', async () => {
    const original = await sampleSnapshot('lvliang-2020.xlsx');
    const wb = workbookFromSnapshot(original);
    const scored = new StrictExcel(workbookFromSnapshot(original), hostProfile);
    // Which sheet the engine writes to: score a copy, see which original sheet changed.
    await runScoring(runner(() => scored));
    const indicator = wb.sheets.find((s) => dumpCells(scored.workbook, [s.name]).join() !== dumpCells(wb, [s.name]).join())!;
    indicator.protected = true;
    const sim = new StrictExcel(wb, hostProfile);
    const before = dumpCells(sim.workbook);
    const outcome = await runScoring(runner(() => sim));
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toContain('受保护');
    expect(dumpCells(sim.workbook)).toEqual(before);
    expect(sim.workbook.sheets).toHaveLength(original.sheets.length);
  });

  it('校验 with results writes its 校验结果 sheet', async () => {
    const sim = new StrictExcel(workbookFromSnapshot(await sampleSnapshot('lvliang-2020-as-published.xlsx')), hostProfile);
    const outcome = await runValidation({ ...runner(() => sim), writeResults: true });
    expect(outcome.error).toBeUndefined();
    expect(sim.workbook.sheets.map((s) => s.name)).toContain('校验结果');
    expect(outcome.createdSheets).toEqual(['校验结果']);
  });
});

describe('reading a 200,000-row data sheet', () => {
  const ROWS = 200_000;
  function bigWorkbook(): StrictExcel['workbook'] {
    const data = sheetOf({ name: '附件3 数据', rows: [['日期', '话务量', '接通数', '接通率', '备注']] });
    for (let r = 2; r <= ROWS + 1; r++) {
      data.cells.set(`${r},1`, { v: 43831 + (r % 366), f: null, n: 'yyyy-mm-dd' });
      data.cells.set(`${r},2`, { v: 1000 + (r % 97), f: null, n: null });
      data.cells.set(`${r},3`, { v: 900 + (r % 89), f: null, n: null });
      data.cells.set(`${r},4`, { v: null, f: `=C${r}/B${r}`, n: '0.00%' });
      data.cells.set(`${r},5`, { v: r % 10 === 0 ? '节假日值班，话务量偏高' : null, f: null, n: null });
    }
    const annex = sheetOf({
      name: '附件1',
      rows: [
        ['一级指标', '分值'],
        ['产出', 50],
      ],
    });
    return { sheets: [annex, data], structureProtected: false, activeSheetId: annex.id };
  }

  it('stays under the 5 MB response limit of Excel on the web, in bands', async () => {
    const sim = new StrictExcel(
      bigWorkbook(),
      PROFILES.find((p) => p.name === 'web')!,
    );
    g.Office = officeGlobals(() => sim).Office;
    const read = await readSnapshot(sim.context(), { features: detectFeatures() });
    if (!read.ok) throw new Error(read.error);
    const data = read.snapshot.sheets[1];
    expect(data.values).toHaveLength(ROWS + 1);
    expect(data.values[ROWS]).toEqual([43831 + ((ROWS + 1) % 366), 1000 + ((ROWS + 1) % 97), 900 + ((ROWS + 1) % 89), null, null]);
    expect(data.formulas[ROWS][3]).toBe(`=C${ROWS + 1}/B${ROWS + 1}`);
    const limit = 5 * 1024 * 1024;
    expect(sim.log.every((s) => !s.error && s.responseBytes <= limit && s.requestBytes <= limit)).toBe(true);
    console.log(
      `200,000-row sheet on the web: ${sim.syncs()} syncs; response bytes per sync: ${sim.log.map((s) => s.responseBytes).join(', ')}; ` +
        `max ${Math.max(...sim.log.map((s) => s.responseBytes))} of ${limit}`,
    );
  });

  it('refuses a used range above 5,000,000 cells before reading any contents', async () => {
    const wb = bigWorkbook();
    wb.sheets[1].cells.set('1048576,16384', { v: 'x', f: null, n: null });
    const sim = new StrictExcel(
      wb,
      PROFILES.find((p) => p.name === 'web')!,
    );
    g.Office = officeGlobals(() => sim).Office;
    const read = await readSnapshot(sim.context(), { features: detectFeatures() });
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error).toContain('5,000,000');
    // Sheet list and sizes only: no sync returned cell contents.
    expect(sim.log.every((s) => s.responseBytes < 10_000)).toBe(true);
  });
});
