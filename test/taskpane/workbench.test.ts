import * as fs from 'fs';
import * as path from 'path';
import { openWorkbench } from '../../src/taskpane/workbench';
import { loadWorkbook } from '../../src/workbook/xlsx/io';
import { snapshotFromWorkbook } from '../../src/workbook/xlsx/readSnapshot';

const sample = (file: string) => {
  const b = fs.readFileSync(path.join(__dirname, '../../samples', file));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};

describe('browser workbench session (ExcelJS adapter + engine)', () => {
  it('scores an uploaded workbook, saves it, and undoes the scoring', async () => {
    const session = await openWorkbench(sample('lvliang-2020.xlsx'), 'lvliang-2020.xlsx');
    const phases: string[] = [];
    const scored = await session.score((p) => phases.push(p));
    expect(scored.error).toBeUndefined();
    expect(scored).toMatchObject({ action: 'score', ok: true });
    expect(scored.report?.total).toBe(85.6);
    expect(scored.cellsWritten).toBeGreaterThan(0);
    expect(phases).toEqual(['read', 'compute', 'write']);

    // The download is a real .xlsx holding the engine's record sheet.
    const saved = snapshotFromWorkbook(await loadWorkbook(await session.save()));
    expect(saved.sheets.some((s) => s.visibility === 'veryHidden')).toBe(true);

    const undone = await session.undo();
    expect(undone).toMatchObject({ action: 'undo', ok: true });
    expect(undone.message).toMatch(/已恢复/);
    const restored = snapshotFromWorkbook(await loadWorkbook(await session.save()));
    const original = snapshotFromWorkbook(await loadWorkbook(new Uint8Array(sample('lvliang-2020.xlsx'))));
    expect(restored.sheets.map((s) => s.name)).toEqual(original.sheets.map((s) => s.name));
  });

  it('undo keeps a cell changed by hand since the run and lists it; a dry run lists it first; forced, it goes back too', async () => {
    const session = await openWorkbench(sample('lvliang-2020.xlsx'), 'lvliang-2020.xlsx');
    const scored = await session.score();
    const leaf = scored.report!.indicators.find((i) => i.source === 'computed' && typeof i.score === 'number' && i.score !== 1.5)!;
    // The evaluator corrects that score in the downloaded file and uploads it again.
    const wb = await loadWorkbook(await session.save());
    wb.getWorksheet(scored.report!.sheet)!.getCell(leaf.cell).value = 1.5;
    const edited = await wb.xlsx.writeBuffer();
    const reopen = () => openWorkbench(edited as ArrayBuffer, 'lvliang-2020.scored.xlsx');

    const again = await reopen();
    const check = await again.undo(undefined, { dryRun: true });
    expect(check).toMatchObject({ action: 'undo', ok: true, preview: true, cellsWritten: 0 });
    expect(check.conflicts).toEqual([expect.objectContaining({ sheet: scored.report!.sheet, cell: leaf.cell, written: leaf.score, now: 1.5 })]);
    const kept = await again.undo();
    expect(kept.conflicts).toHaveLength(1);
    expect(kept.message).toContain(`${scored.report!.sheet}!${leaf.cell}`);
    const after = await loadWorkbook(await again.save());
    expect(after.getWorksheet(scored.report!.sheet)!.getCell(leaf.cell).value).toBe(1.5);

    const forcedSession = await reopen();
    const forced = await forcedSession.undo(undefined, { force: true });
    expect(forced).toMatchObject({ ok: true });
    expect(forced.message).toMatch(/也已恢复为评分前的内容/);
    const original = await loadWorkbook(new Uint8Array(sample('lvliang-2020.xlsx')));
    const restored = await loadWorkbook(await forcedSession.save());
    const cellOf = (w: typeof original) => w.getWorksheet(scored.report!.sheet)!.getCell(leaf.cell).value ?? null;
    expect(cellOf(restored)).toEqual(cellOf(original));
  });

  it('previews a correction without writing, then scores with it and keeps it in 评分规则', async () => {
    const session = await openWorkbench(sample('lvliang-2020.xlsx'), 'lvliang-2020.xlsx');
    const overrides = [{ path: ['热线整合完成率'], actual: '50%' }];
    // Compare contents, not bytes: the saved file carries its save time.
    const contents = async () => snapshotFromWorkbook(await loadWorkbook(await session.save()));
    const before = await contents();
    const preview = await session.preview({ overrides });
    expect(preview).toMatchObject({ action: 'score', ok: true, preview: true, cellsWritten: 0 });
    expect(preview.report?.total).toBe(84.6);
    expect(await contents()).toEqual(before);

    const scored = await session.score(undefined, { overrides });
    expect(scored.report?.total).toBe(84.6);
    const wb = await loadWorkbook(await session.save());
    expect(wb.getWorksheet('评分规则')?.getCell('D2').value).toBe('50%');
    // A plain rerun (the ribbon, no pane) reads the saved correction.
    expect((await session.score()).report?.total).toBe(84.6);
  });

  it('tells what the download cannot keep', async () => {
    expect((await openWorkbench(sample('lvliang-2020.xlsx'), 'l.xlsx')).lostOnSave).toEqual([]);
    const b = fs.readFileSync(path.join(__dirname, '../fixtures/excelint/FinalBudget.xlsx'));
    const withCharts = await openWorkbench(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer, 'FinalBudget.xlsx');
    // As the command line says before a write (lostOnSave): also what only shows inside the parts.
    expect(withCharts.lostOnSave).toEqual(['图表', '图表工作表', '外部工作簿链接（引用其他文件的公式保存后会失效）', '自定义文档属性']);
  });

  it('writes the 校验结果 sheet only when asked', async () => {
    const session = await openWorkbench(sample('haikou-2021-as-published.xlsx'), 'h.xlsx');
    const listed = await session.validate();
    expect(listed.cellsWritten).toBe(0);
    const written = await session.validate(undefined, { writeResults: true });
    expect(written).toMatchObject({ action: 'validate', ok: true });
    expect(written.cellsWritten).toBeGreaterThan(listed.findings.length);
    const wb = await loadWorkbook(await session.save());
    const sheet = wb.getWorksheet('校验结果')!;
    expect(sheet).toBeDefined();
    // One row per finding: 序号, 级别, 工作表, 位置 (a link), 问题 …
    const rows: string[] = [];
    sheet.eachRow((row) => rows.push([3, 4, 5].map((c) => String((row.getCell(c).value as { text?: string })?.text ?? row.getCell(c).value)).join('|')));
    expect(rows).toContain('绩效目标|B3|“服务数量”在“绩效目标”中分值为7，在“附件1 指标体系及评分表”中为8');
  });

  it('validates without writing', async () => {
    const session = await openWorkbench(sample('haikou-2021.xlsx'), 'haikou-2021.xlsx');
    const v = await session.validate();
    expect(v).toMatchObject({ action: 'validate', ok: true, cellsWritten: 0 });
    expect(v.findings.length).toBeGreaterThan(0);
  });

  it('refuses a file that is not an .xlsx with the adapter’s Chinese reason', async () => {
    await expect(openWorkbench(new TextEncoder().encode('<html></html>').buffer as ArrayBuffer, 'x.xlsx')).rejects.toThrow(/不是有效的 \.xlsx 文件/);
  });
});
