/**
 * Apply an engine Patch to an ExcelJS workbook: validate everything first
 * (a failed run writes nothing), then write cells, sheets and layout. What the
 * patch does not mention is left as ExcelJS loaded it.
 */
import type ExcelJS from 'exceljs';
import { parseA1, toA1 } from '../../engine/address';
import type { CellWrite, Patch, SheetCreate, SheetEdit } from '../../engine/patch';
import { isErrorValue, type CellScalar } from '../../engine/snapshot';
import { addFuturePrefixes, translateFormula } from './formula';
import { internalHyperlink } from './excelFixes';
import { captureWorkbook } from './rollback';
import { formulaModel, indexFormulas, isMergeSlave, type SharedGroup } from './sheetCells';
import { linkStyle, mergedStyle } from './style';
import { findWorksheet, validatePatch } from './validatePatch';

export type ApplyResult = { ok: true } | { ok: false; error: string };

interface OrderedSheet {
  orderNo: number;
}

/** Rewrite a shared-formula group as plain per-cell formulas (same text, same cached results). */
function unshare(group: SharedGroup): void {
  const master = formulaModel(group.master);
  const text = master?.formula;
  const at = parseA1(group.master.address);
  if (!text || !at) return;
  for (const cell of group.dependents) {
    const dep = formulaModel(cell);
    const row = Number(cell.row);
    const col = Number(cell.col);
    cell.value = { formula: translateFormula(text, row - at.row, col - at.col), result: dep?.result } as ExcelJS.CellFormulaValue;
  }
  group.master.value = { formula: text, result: master?.result } as ExcelJS.CellFormulaValue;
}

/**
 * ExcelJS refuses to save a shared-formula dependent whose master is gone or
 * no longer a formula, so a group any write touches is unshared first.
 */
function unshareTouched(ws: ExcelJS.Worksheet, cells: CellWrite[]): void {
  const touches = (w: CellWrite) => w.clear || w.value !== undefined || (w.formula !== undefined && w.formula !== null) || !!w.link;
  const touched = cells.filter(touches);
  if (touched.length === 0) return;
  const index = indexFormulas(ws);
  if (index.shared.size === 0) return;
  const masters = new Set<string>();
  for (const w of touched) {
    const m = index.memberOf.get(toA1(w.row, w.col));
    if (m) masters.add(m);
  }
  for (const m of masters) {
    const g = index.shared.get(m);
    if (g) unshare(g);
  }
}

function formulaResult(v: CellScalar | undefined): ExcelJS.CellFormulaValue['result'] {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string' && isErrorValue(v)) return { error: v.trim() } as ExcelJS.CellErrorValue;
  return v;
}

/** Write one cell; true when its content (not just its format) changed. */
function writeCell(ws: ExcelJS.Worksheet, w: CellWrite, fontName?: string): boolean {
  const cell = ws.getCell(w.row, w.col);
  // A merged non-anchor cell forwards value writes to its anchor; only its style is its own.
  const slave = isMergeSlave(cell);
  let changed = false;
  if (w.clear) {
    if (!slave) cell.value = null;
    cell.style = {};
    changed = !slave;
  }
  const hasFormula = w.formula !== undefined && w.formula !== null;
  const hasLink = !hasFormula && w.link !== undefined && w.link !== null;
  if (hasFormula) {
    cell.value = { formula: addFuturePrefixes(w.formula!.slice(1)), result: formulaResult(w.value) } as ExcelJS.CellFormulaValue;
  } else if (hasLink) {
    cell.value = { text: w.value === null || w.value === undefined ? '' : String(w.value), hyperlink: internalHyperlink(w.link!) };
  } else if (w.value !== undefined && !(slave && w.value === null)) {
    cell.value = w.value;
    changed = true;
  }
  if (w.style || w.numberFormat !== undefined) cell.style = mergedStyle(cell.style, w.style, w.numberFormat);
  if (hasLink) cell.style = linkStyle(cell.style, w.style);
  // A font without a name is drawn in a fallback face (LibreOffice: a serif): take the table's.
  // A cell the engine styles without a font of its own (an added column) takes its row's font.
  if (cell.style.font && !cell.style.font.name) {
    cell.style = { ...cell.style, font: { ...cell.style.font, name: fontName ?? neighbourFont(ws, w.row, w.col)?.name ?? DEFAULT_FONT } };
  } else if (!cell.style.font && w.style && fontName === undefined) {
    const f = neighbourFont(ws, w.row, w.col);
    if (f) cell.style = { ...cell.style, font: { name: f.name, size: f.size, bold: w.style.bold ?? false } };
  }
  return changed || hasFormula || hasLink;
}

/** The font the sheet's table uses: the nearest named font to the left in the row, else above. */
function neighbourFont(ws: ExcelJS.Worksheet, row: number, col: number): Partial<ExcelJS.Font> | undefined {
  for (let c = col - 1; c >= Math.max(1, col - 30); c--) {
    const f = ws.findCell(row, c)?.font;
    if (f?.name) return f;
  }
  for (let r = row - 1; r >= Math.max(1, row - 30); r--) {
    const f = ws.findCell(r, col)?.font;
    if (f?.name) return f;
  }
  return undefined;
}

/** The workbook's body font: the first named font in the first sheet's first rows. */
function bodyFont(wb: ExcelJS.Workbook): string {
  for (const ws of wb.worksheets) {
    if (ws.state === 'veryHidden') continue;
    let found: string | undefined;
    ws.eachRow((row, n) => {
      if (found || n > 40) return;
      row.eachCell((c) => {
        if (!found && c.font?.name && !c.font.bold) found = c.font.name;
      });
    });
    if (found) return found;
  }
  return DEFAULT_FONT;
}

/** Excel's default body font for Chinese (Office 2016 and later). */
const DEFAULT_FONT = '等线';

function setWidths(ws: ExcelJS.Worksheet, widths: Record<number, number> | undefined): void {
  for (const [k, width] of Object.entries(widths ?? {})) ws.getColumn(Number(k)).width = width;
}

function applyEdit(wb: ExcelJS.Workbook, op: SheetEdit): boolean {
  const ws = findWorksheet(wb, op.sheet)!;
  unshareTouched(ws, op.cells);
  let changed = false;
  for (const w of op.cells) changed = writeCell(ws, w) || changed;
  setWidths(ws, op.columnWidths);
  if (op.printThroughCol) widenPrintArea(ws, op.printThroughCol);
  for (const [r, h] of Object.entries(op.minRowHeights ?? {})) {
    const row = ws.getRow(Number(r));
    if ((row.height ?? 15) < h) row.height = h;
  }
  if (op.restoreLayout) restoreLayout(ws, op.restoreLayout);
  return changed;
}

/** Undo: widths, heights and print area back as they were before the first run (null: default / none). */
function restoreLayout(ws: ExcelJS.Worksheet, layout: NonNullable<SheetEdit['restoreLayout']>): void {
  for (const [c, w] of Object.entries(layout.columnWidths ?? {})) ws.getColumn(Number(c)).width = w ?? (undefined as unknown as number);
  for (const [r, h] of Object.entries(layout.rowHeights ?? {})) ws.getRow(Number(r)).height = h ?? (undefined as unknown as number);
  if (layout.printArea !== undefined) ws.pageSetup.printArea = layout.printArea ?? (undefined as unknown as string);
}

/** "A1:H37" -> "A1:J37" when columns were added right of the printed table. */
function widenPrintArea(ws: ExcelJS.Worksheet, col: number): void {
  const area = ws.pageSetup.printArea;
  if (!area) return;
  const m = /^(\$?[A-Z]+\$?\d+):\$?([A-Z]+)\$?(\d+)$/.exec(area);
  if (!m || ws.getColumn(m[2]).number >= col) return;
  ws.pageSetup.printArea = `${m[1]}:${ws.getColumn(col).letter}${m[3]}`;
}

/** Put `ws` at position `index` of the tab order; ExcelJS saves sheets sorted by orderNo. */
function moveTo(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet, index: number): void {
  const order = wb.worksheets.filter((s) => s !== ws);
  order.splice(Math.max(0, Math.min(index, order.length)), 0, ws);
  order.forEach((s, i) => {
    (s as unknown as OrderedSheet).orderNo = i + 1;
  });
}

function headerText(s: string): string {
  return s.replace(/&/g, '&&');
}

function applyCreate(wb: ExcelJS.Workbook, op: SheetCreate): boolean {
  const old = findWorksheet(wb, op.sheet);
  // A replaced sheet keeps its tab position unless `after` says otherwise.
  let position = old ? wb.worksheets.indexOf(old) : wb.worksheets.length;
  if (old) wb.removeWorksheet(old.id);
  if (op.after !== undefined) position = wb.worksheets.indexOf(findWorksheet(wb, op.after)!) + 1;

  const freeze = op.freezeRows ?? 0;
  const views: Partial<ExcelJS.WorksheetView>[] =
    freeze > 0 ? [{ state: 'frozen', xSplit: 0, ySplit: freeze, topLeftCell: `A${freeze + 1}`, activeCell: 'A1' }] : [{}];
  const ws = wb.addWorksheet(op.sheet, { state: op.visibility ?? 'visible', views });
  moveTo(wb, ws, position);

  if (op.print) {
    ws.pageSetup.paperSize = 9; // A4, what Chinese government reports print on
    if (op.print.landscape) ws.pageSetup.orientation = 'landscape';
    if (op.print.fitToWidth) {
      ws.pageSetup.fitToPage = true;
      ws.pageSetup.fitToWidth = 1;
      ws.pageSetup.fitToHeight = 0;
    }
    // `title` is either rows to repeat ("1:3") or a page-header text; frozen header rows repeat too.
    const rows = op.print.title && /^\$?\d+:\$?\d+$/.test(op.print.title) ? op.print.title.replace(/\$/g, '') : null;
    if (rows) ws.pageSetup.printTitlesRow = rows;
    else if (freeze > 0) ws.pageSetup.printTitlesRow = `1:${freeze}`;
    if (op.print.title && !rows) ws.headerFooter.oddHeader = `&C${headerText(op.print.title)}`;
    ws.headerFooter.oddFooter = '&C第 &P 页，共 &N 页';
  }

  let changed = false;
  const font = bodyFont(wb);
  for (const w of op.cells) changed = writeCell(ws, w, font) || changed;
  // Merge after writing: ExcelJS forwards writes on merged cells to the anchor.
  mergeAll(
    ws,
    (op.merges ?? []).filter((m) => {
      const [a, b] = m.split(':');
      return b && a !== b;
    }),
  );
  setWidths(ws, op.columnWidths);
  for (const [r, h] of Object.entries(op.rowHeights ?? {})) ws.getRow(Number(r)).height = h;
  return changed;
}

interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}
const TALL_MERGE = 1000;

/**
 * ws.mergeCells for each area, in order. ExcelJS checks a new area against every
 * merged area of the sheet (quadratic: 2.7 s for the 2,600 merges of 5,000
 * indicators); here it is checked against the areas on its rows only, and
 * ExcelJS then merges it with the sheet's list set aside for the call — the
 * same cells, the same list in the same order, and an overlapping area still
 * fails with ExcelJS's own error.
 */
function mergeAll(ws: ExcelJS.Worksheet, ranges: string[]): void {
  if (ranges.length === 0) return;
  const sheet = ws as unknown as { _merges: Record<string, Box> };
  const byRow = new Map<number, Box[]>();
  const tall: Box[] = [];
  const add = (b: Box) => {
    if (b.bottom - b.top >= TALL_MERGE) return void tall.push(b);
    for (let r = b.top; r <= b.bottom; r++) {
      const list = byRow.get(r);
      if (list) list.push(b);
      else byRow.set(r, [b]);
    }
  };
  const meets = (x: Box, y: Box) => !(x.bottom < y.top || x.top > y.bottom || x.right < y.left || x.left > y.right);
  for (const b of Object.values(sheet._merges)) add(b);
  for (const m of ranges) {
    const [a, b] = m.split(':').map((x) => parseA1(x));
    let clash = !a || !b;
    const box: Box | null =
      a && b ? { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) } : null;
    if (box && !clash) {
      clash = tall.some((t) => meets(t, box));
      if (box.bottom - box.top >= TALL_MERGE) clash ||= Object.values(sheet._merges).some((t) => meets(t, box));
      else for (let r = box.top; r <= box.bottom && !clash; r++) clash = (byRow.get(r) ?? []).some((t) => meets(t, box));
    }
    if (clash) {
      ws.mergeCells(m); // ExcelJS decides (and throws its own error on an overlap)
      byRow.clear();
      tall.length = 0;
      for (const t of Object.values(sheet._merges)) add(t);
      continue;
    }
    const saved = sheet._merges;
    sheet._merges = {};
    try {
      ws.mergeCells(m);
    } finally {
      const added = sheet._merges;
      sheet._merges = saved;
      for (const [k, v] of Object.entries(added)) {
        saved[k] = v;
        add(v);
      }
    }
  }
}

/** Keep the same sheet active (by identity) after sheets moved, and never a hidden one. */
function fixActiveTab(wb: ExcelJS.Workbook, activeBefore: ExcelJS.Worksheet | undefined): void {
  const sheets = wb.worksheets;
  let index = activeBefore ? sheets.indexOf(activeBefore) : -1;
  if (index < 0 || sheets[index].state === 'hidden' || sheets[index].state === 'veryHidden') {
    index = Math.max(
      0,
      sheets.findIndex((s) => s.state !== 'hidden' && s.state !== 'veryHidden'),
    );
  }
  const views = wb.views && wb.views.length > 0 ? wb.views : [{} as ExcelJS.WorkbookView];
  // Replace, never mutate: wb.views is shared with the rollback copy.
  wb.views = views.map((v) => ({ ...v, activeTab: index, firstSheet: Math.min(v.firstSheet ?? 0, index) }));
}

/**
 * Validate the whole patch, then apply it. On a validation error nothing is
 * touched; if ExcelJS still throws midway, the workbook is restored.
 */
export function applyPatch(wb: ExcelJS.Workbook, patch: Patch): ApplyResult {
  const problem = validatePatch(wb, patch);
  if (problem) return { ok: false, error: problem };
  if (patch.ops.length === 0) return { ok: true };

  const restore = captureWorkbook(wb);
  const before = wb.worksheets;
  const activeBefore = before[wb.views?.[0]?.activeTab ?? 0];
  try {
    let changed = false;
    for (const op of patch.ops) {
      if (op.kind === 'edit') changed = applyEdit(wb, op) || changed;
      else if (op.kind === 'create') changed = applyCreate(wb, op) || changed;
      else {
        wb.removeWorksheet(findWorksheet(wb, op.sheet)!.id);
        changed = true;
      }
    }
    fixActiveTab(wb, activeBefore);
    // New formulas may lack cached results and existing ones may now be stale: let Excel recalculate on open.
    if (changed) wb.calcProperties = { ...(wb.calcProperties ?? {}), fullCalcOnLoad: true };
    return { ok: true };
  } catch (e) {
    restore();
    return { ok: false, error: `写入工作簿时出错，已撤销本次全部修改：${e instanceof Error ? e.message : String(e)}` };
  }
}
