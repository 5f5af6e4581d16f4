/**
 * Issue 9: the scorer tried the way a careless colleague, a strange workbook
 * and a full disk would try it. Inputs are generated once per suite.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { scoreWorkbook, undoLastRun, validateWorkbook } from '../../src/engine';
import { findSheet, sheetFromRows, valueAt } from '../../src/engine/snapshot';
import { chunkText, emptyState, readState, stateSheetOp, STATE_SHEET } from '../../src/engine/state';
import { applyPatch } from '../../src/workbook/xlsx/applyPatch';
import { loadWorkbook, lostOnSave } from '../../src/workbook/xlsx/io';
import { readXlsxFile } from '../../src/workbook/xlsx/node';
import { snapshotFromWorkbook } from '../../src/workbook/xlsx/readSnapshot';
import { cli } from '../cli/helpers';
import * as gen from './generate';

const dir = gen.tortureDir();
const out = (name: string) => path.join(dir, name);

describe('sizes Excel allows', () => {
  test('a value at XFD1048576: scored quickly, the stray cell named', async () => {
    const file = await gen.farCorner(dir);
    const t0 = Date.now();
    const r = await cli('score', file, '--out', out('far.out.xlsx'), '--json');
    expect(Date.now() - t0).toBeLessThan(20000);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.total).toBe(85.6);
    expect(json.findings.find((f: { code: string }) => f.code === 'STRAY_CONTENT')).toMatchObject({ sheet: gen.INDICATOR_SHEET, cell: 'XFD1048576' });
  });

  test('a merged area to XFD1048576: no exhausted heap, the cut is reported on save', async () => {
    const file = await gen.sheetWideMerge(dir);
    const v = await cli('validate', file);
    expect([0, 1]).toContain(v.code);
    const r = await cli('score', file, '--out', out('merge.out.xlsx'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/总分：85\.6/);
    expect(r.stderr).toMatch(/合并单元格.*A40:XFD1048576/);
    expect(process.memoryUsage().heapUsed).toBeLessThan(2e9);
  });

  describe('a 200,000-row data sheet', () => {
    let snapshot: Awaited<ReturnType<typeof readXlsxFile>>['snapshot'];
    beforeAll(async () => {
      snapshot = (await readXlsxFile(await gen.bigDataSheet(dir))).snapshot;
    }, 120000);

    test('validate does not overflow the stack; a text ID column is one grouped finding', () => {
      const v = validateWorkbook(snapshot);
      const ids = v.findings.filter((f) => f.sheet === '工单明细' && f.cell?.startsWith('A'));
      expect(ids).toHaveLength(1);
      expect(ids[0]).toMatchObject({ count: gen.BIG_ROWS, cell: 'A2' });
      expect(ids[0].cells).toEqual(['A2', 'A3', 'A4', 'A5', 'A6']);
      expect(v.findings.length).toBeLessThan(50);
    });

    test('score still gives the published total', () => {
      const run = scoreWorkbook(snapshot);
      expect(run.ok).toBe(true);
      expect(run.report!.total).toBe(85.6);
      expect(run.findings.length).toBeLessThan(50);
    });
  });
});

describe('the right indicator sheet', () => {
  test('a hidden older version before it in tab order is not scored', async () => {
    const r = await cli('score', await gen.hiddenOlderSheet(dir), '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ sheet: gen.INDICATOR_SHEET, total: 85.6, grade: '良' });
  });

  test('two visible candidates: stop, name both, no total; --sheet picks', async () => {
    const file = await gen.twoVisibleSheets(dir);
    const plain = await cli('score', file);
    expect(plain.code).toBe(2);
    expect(plain.stdout).not.toMatch(/总分/);
    expect(plain.stderr.trim().split('\n')).toHaveLength(1);
    expect(plain.stderr).toMatch(/附件1 评分表\(初稿\)/);
    expect(plain.stderr).toMatch(/“附件1 评分表”/);
    const json = await cli('score', file, '--json');
    const obj = JSON.parse(json.stdout);
    expect(obj.error).toMatchObject({ code: 'AMBIGUOUS_INDICATOR_SHEET' });
    expect(obj.total).toBeUndefined();
    const picked = await cli('score', file, '--sheet', gen.INDICATOR_SHEET, '--json');
    expect(JSON.parse(picked.stdout).total).toBe(85.6);
  });

  test('maxima adding up to 110 are a warning naming the cells', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(gen.SAMPLE);
    const ws = wb.getWorksheet(gen.INDICATOR_SHEET)!;
    ws.getCell('B3').value = 30; // 决策 20 -> 30
    const run = scoreWorkbook(snapshotFromWorkbook(wb), { writeBack: false });
    const f = run.findings.find((x) => x.code === 'MAX_TOTAL_NOT_100')!;
    expect(f).toMatchObject({ severity: 'warning', sheet: gen.INDICATOR_SHEET, cell: 'B3', actual: '110' });
    expect(f.message).toMatch(/B3、/);
  });
});

describe("never overwrite the evaluator's sheets", () => {
  test('own 评分汇总 / 评分汇总(新) / 校验结果 are kept; free names are chosen and reported; undo leaves them', async () => {
    const file = await gen.ownSheets(dir);
    const scored = out('own.scored.xlsx');
    const r = await cli('score', file, '--out', scored, '--json');
    expect(r.code).toBe(0);
    const taken = JSON.parse(r.stdout).findings.find((f: { code: string }) => f.code === 'SHEET_NAME_TAKEN');
    expect(taken.message).toMatch(/评分汇总\(新2\)/);
    let snap = (await readXlsxFile(scored)).snapshot;
    for (const name of ['校验结果', '评分汇总', '评分汇总(新)']) expect(valueAt(findSheet(snap, name)!, 1, 1)).toBe(`我的${name}`);
    expect(findSheet(snap, '评分汇总(新2)')).toBeDefined();

    const validated = out('own.validated.xlsx');
    const v = await cli('validate', file, '--out', validated);
    expect(v.stdout).toMatch(/校验结果\(新\)/);
    snap = (await readXlsxFile(validated)).snapshot;
    expect(valueAt(findSheet(snap, '校验结果')!, 1, 1)).toBe('我的校验结果');
    expect(valueAt(findSheet(snap, '校验结果(新)')!, 1, 1)).toBe('校验结果');

    const undone = out('own.undone.xlsx');
    expect((await cli('undo', scored, '--out', undone)).code).toBe(0);
    snap = (await readXlsxFile(undone)).snapshot;
    expect(snap.sheets.map((s) => s.name).sort()).toEqual((await readXlsxFile(file)).snapshot.sheets.map((s) => s.name).sort());
  });

  test('--out equal to the input needs --in-place; a read-only target is refused', async () => {
    const file = out('inplace.xlsx');
    copyFileSync(gen.SAMPLE, file);
    const before = readFileSync(file);
    const same = await cli('score', file, '--out', file);
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/--in-place/);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect((await cli('score', file, '--out', file, '--in-place')).code).toBe(0);
    expect(readFileSync(file).equals(before)).toBe(false);

    const ro = out('readonly.xlsx');
    writeFileSync(ro, 'keep me');
    chmodSync(ro, 0o444);
    const refused = await cli('score', gen.SAMPLE, '--out', ro, '--json');
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stdout).error.code).toBe('OUTPUT_REFUSED');
    expect(readFileSync(ro, 'utf8')).toBe('keep me');
  });
});

describe('undo respects later work', () => {
  test('a hand edit after scoring is kept and named; --force undoes it; layout comes back', async () => {
    const scored = out('edit.scored.xlsx');
    expect((await cli('score', gen.SAMPLE, '--out', scored)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(scored);
    const ws = wb.getWorksheet(gen.INDICATOR_SHEET)!;
    const written = ws.getCell('H9').value;
    ws.getCell('H9').value = 3.5; // the expert corrects a computed score
    const noteCol = ws.getRow(2).values as unknown[];
    const col = noteCol.findIndex((v) => v === '扣分说明');
    expect(col).toBeGreaterThan(8);
    ws.getCell(10, col).value = '专家意见：执行率口径另议';
    const edited = out('edit.edited.xlsx');
    await wb.xlsx.writeFile(edited);

    const kept = await cli('undo', edited, '--out', out('edit.undone.xlsx'));
    expect(kept.code).toBe(0);
    expect(kept.stdout).toContain(`${gen.INDICATOR_SHEET}!H9（${written} → 3.5）`);
    expect(kept.stdout).toMatch(/专家意见/);
    let snap = (await readXlsxFile(out('edit.undone.xlsx'))).snapshot;
    let sheet = findSheet(snap, gen.INDICATOR_SHEET)!;
    expect(valueAt(sheet, 9, 8)).toBe(3.5);
    expect(valueAt(sheet, 10, col)).toBe('专家意见：执行率口径另议');
    expect(findSheet(snap, STATE_SHEET)).toBeUndefined();

    const forced = await cli('undo', edited, '--out', out('edit.forced.xlsx'), '--force');
    expect(forced.code).toBe(0);
    const original = findSheet((await readXlsxFile(gen.SAMPLE)).snapshot, gen.INDICATOR_SHEET)!;
    snap = (await readXlsxFile(out('edit.forced.xlsx'))).snapshot;
    sheet = findSheet(snap, gen.INDICATOR_SHEET)!;
    expect(valueAt(sheet, 9, 8)).toBe(valueAt(original, 9, 8));
    expect(valueAt(sheet, 10, col)).toBeNull();
    // The added column's width goes back to what it was (the default).
    const restored = new ExcelJS.Workbook();
    await restored.xlsx.readFile(out('edit.forced.xlsx'));
    const src = new ExcelJS.Workbook();
    await src.xlsx.readFile(gen.SAMPLE);
    expect(restored.getWorksheet(gen.INDICATOR_SHEET)!.getColumn(col).width).toBe(src.getWorksheet(gen.INDICATOR_SHEET)!.getColumn(col).width);
  });

  test('the engine reports conflicts for the pane before undoing', async () => {
    const wb = await loadWorkbook(readFileSync(gen.SAMPLE));
    const run = scoreWorkbook(snapshotFromWorkbook(wb));
    expect(applyPatch(wb, run.patch)).toEqual({ ok: true });
    wb.getWorksheet(gen.INDICATOR_SHEET)!.getCell('H9').value = 1;
    const undo = undoLastRun(snapshotFromWorkbook(wb));
    expect(undo.conflicts).toEqual([expect.objectContaining({ sheet: gen.INDICATOR_SHEET, cell: 'H9', now: 1 })]);
  });

  test('rare CJK Extension B characters survive the record, whatever the chunk boundary', async () => {
    for (const pad of [0, 1]) {
      const state = emptyState();
      const text = 'x'.repeat(pad) + gen.EXT_B.repeat(12000);
      state.previous[gen.INDICATOR_SHEET] = { H9: { v: text, f: null, n: null } };
      state.written[gen.INDICATOR_SHEET] = { H9: 1 };
      const op = stateSheetOp(state);
      for (const c of op.cells) expect(String(c.value)).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
      // The record sheet as any adapter reads it back: one chunk per row of column A.
      const back = {
        sheets: [
          sheetFromRows(
            STATE_SHEET,
            op.cells.map((c) => [c.value ?? null]),
          ),
        ],
      };
      expect(readState(back)!.previous[gen.INDICATOR_SHEET].H9.v).toBe(text);
    }
    expect(chunkText('a𠀀b', 2)).toEqual(['a', '𠀀', 'b']);
  });
});

describe('honest outcomes', () => {
  test('`—` and `/` actuals make those indicators pending with a finding, not the run', async () => {
    const r = await cli('score', await gen.dashActuals(dir), '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    const pending = json.indicators.filter((i: { source: string }) => i.source === 'pending').map((i: { path: string[] }) => i.path[2]);
    expect(pending).toEqual(['资金到位率', '预算执行率']);
    expect(json.grade).toBeNull();
    const unreadable = json.findings.filter((f: { code: string }) => f.code === 'ACTUAL_UNREADABLE');
    expect(unreadable.map((f: { cell: string; severity: string }) => [f.cell, f.severity])).toEqual([
      ['G9', 'warning'],
      ['G10', 'warning'],
    ]);
  });

  test('--json prints exactly one object even when nothing could be read', async () => {
    const bad = out('not-a-workbook.xlsx');
    writeFileSync(bad, 'hello');
    const r = await cli('score', bad, '--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'NOT_ZIP' });
    const missing = await cli('validate', out('missing.xlsx'), '--json');
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout).error.code).toBe('NOT_FOUND');
  });

  test('a closed pipe (score … | head -1) still writes --out and exits 0', () => {
    const target = out('pipe.out.xlsx');
    const bin = path.join(__dirname, '..', '..', 'bin', 'perf-eval.js');
    const r = spawnSync('sh', ['-c', `node "${bin}" score "${gen.SAMPLE}" --out "${target}" --json | head -c 1 >/dev/null; exit \${PIPESTATUS:-0}`], {
      encoding: 'utf8',
    });
    expect(r.stderr).not.toMatch(/EPIPE|内部错误/);
    expect(existsSync(target)).toBe(true);
  });
});

describe('say what a save drops', () => {
  test('text boxes, sparklines, custom properties and workbook protection are named before writing; no dangling relationships', async () => {
    const file = await gen.textBoxesAndSparklines(dir);
    expect(await lostOnSave(readFileSync(file))).toEqual(expect.arrayContaining(['文本框和形状', '迷你图', '自定义文档属性', '工作簿结构保护']));
    const target = out('tb.out.xlsx');
    const r = await cli('score', file, '--out', target);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/文本框和形状.*迷你图/);
    expect(await gen.danglingRelationships(readFileSync(target))).toEqual([]);
  });
});
