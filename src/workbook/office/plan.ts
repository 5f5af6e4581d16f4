/**
 * Patch → an ordered list of range-level write actions (plain data), each
 * with an estimated request size. Contiguous cells become one rectangular
 * write; the list is then cut into batches that stay under Excel on the
 * web's request limit (one batch = one context.sync()).
 */
import { colToLetters, quoteSheetName, toA1 } from '../../engine/address';
import type { CellScalar } from '../../engine/snapshot';
import type { CellStyle, CellWrite, Patch, SheetEdit } from '../../engine/patch';
import { STATE_SHEET } from '../../engine/state';
import type { OfficeFeatures } from './features';
import { ACTION_OVERHEAD_BYTES } from './limits';
import { groupRects, splitRows, type Rect } from './rects';

export type InputValue = string | number | boolean;

interface Base {
  /** Index of the patch op this action comes from (for error messages). */
  op: number;
  sheet: string;
  bytes: number;
}

export type Action = Base &
  (
    | { kind: 'deleteSheet' }
    | { kind: 'addSheet' }
    | { kind: 'position'; position: number }
    | { kind: 'visibility'; visibility: 'Visible' | 'Hidden' | 'VeryHidden' }
    | { kind: 'clear'; address: string }
    /** Clear the contents of a whole sheet (the record sheet, rewritten in place). */
    | { kind: 'clearSheet' }
    | { kind: 'numberFormat'; address: string; data: string[][] }
    | { kind: 'values'; address: string; data: InputValue[][] }
    | { kind: 'formulas'; address: string; data: InputValue[][] }
    | { kind: 'style'; address: string; style: CellStyle; underline: boolean; rows: number; cols: number }
    | { kind: 'hyperlink'; address: string; target: string; text?: string }
    | { kind: 'merge'; address: string }
    | { kind: 'columnWidth'; address: string; points: number }
    | { kind: 'rowHeight'; address: string; points: number }
    /** Back to the sheet's standard column width (undo of a width the run set; ExcelApi 1.7). */
    | { kind: 'standardWidth'; address: string }
    /** Cosmetic: placed last, a failure there does not undo the content. */
    | { kind: 'freezeRows'; rows: number; cosmetic: true }
    | { kind: 'print'; landscape: boolean; fitToWidth: boolean; pagesTall: number; title?: string; cosmetic: true }
    | { kind: 'printArea'; address: string; cosmetic: true }
    | { kind: 'autofitRows'; address: string; cosmetic: true }
  );

export interface Plan {
  actions: Action[];
  /** Sheet names in tab order once the patch is applied. */
  sheetOrder: string[];
  /** Features the host lacks and what was done instead (Chinese). */
  notes: string[];
}

const LINK_BLUE = '#0563C1';

/**
 * Office.js parses strings written to `values`/`formulas` like typed input
 * ("00123" → 123, "2020年7月" → a date, "=x" → a formula). A leading
 * apostrophe keeps such a string as text; the apostrophe is not stored in the value.
 */
export function needsTextGuard(s: string): boolean {
  const t = s.trim();
  if (t === '') return false;
  if (/^[=+\-@'#]/.test(t)) return true;
  if (/^[0-9０-９.,$¥￥(（%]/.test(t)) return true;
  if (/^(true|false)$/i.test(t)) return true;
  return /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[\s\-/.,]*\d/i.test(t);
}

export function toInput(v: CellScalar | undefined): InputValue {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return needsTextGuard(v) ? `'${v}` : v;
  return v;
}

/** Column width in characters (as in the patch and ExcelJS) → points (Office.js). */
export function charsToPoints(chars: number): number {
  if (chars <= 0) return 0;
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

/** Points (Office.js) → width in characters (the snapshot's unit), the inverse of charsToPoints. */
export function pointsToChars(points: number): number {
  if (points <= 0) return 0;
  return Math.max(0, Math.round(((points / 0.75 - 5) / 7) * 10000) / 10000);
}

/** UTF-8 size of a JSON encoding, cheaply estimated. */
export function jsonBytes(v: unknown): number {
  if (v === null || v === undefined) return 4;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v).length;
  if (typeof v === 'string') {
    let n = 2;
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      n += c < 0x80 ? (c === 0x22 || c === 0x5c || c < 0x20 ? 2 : 1) : c < 0x800 ? 2 : 3;
    }
    return n;
  }
  if (Array.isArray(v)) return v.reduce((s: number, x) => s + jsonBytes(x) + 1, 2);
  return JSON.stringify(v).length;
}

function rectAddress<T>(r: Rect<T>): string {
  const rows = r.cells.length;
  const cols = r.cells[0].length;
  const a = toA1(r.top, r.left);
  return rows === 1 && cols === 1 ? a : `${a}:${toA1(r.top + rows - 1, r.left + cols - 1)}`;
}

function styleKey(s: CellStyle): string {
  return JSON.stringify(
    Object.keys(s)
      .sort()
      .map((k) => [k, s[k as keyof CellStyle]]),
  );
}

const hasFormula = (w: CellWrite) => typeof w.formula === 'string' && w.formula !== '';
const hasLink = (w: CellWrite) => typeof w.link === 'string' && w.link !== '' && !hasFormula(w);

function hyperlinkFormula(target: string, text: CellScalar | undefined): string {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const shown = text === null || text === undefined ? target : String(text);
  return `=HYPERLINK(${q(`#${target.replace(/^#/, '')}`)},${q(shown)})`;
}

interface PlanOptions {
  features: OfficeFeatures;
  /** Rectangles above this estimated size are cut into row bands. */
  maxActionBytes: number;
  /** Sheet names in tab order before the patch (for positions). */
  sheetOrder: string[];
  /** Print areas the sheets already have (from the snapshot), by sheet name. */
  printAreas?: Map<string, string>;
  /** Visibility of the sheets before the patch, by lower-case name (very hidden sheets cannot be deleted). */
  visibility?: Map<string, 'visible' | 'hidden' | 'veryHidden'>;
}

/** Longest record chunk in UTF-16 units (the engine's size; Excel's cell limit is 32,767). */
export const RECORD_CHUNK = 30000;

/**
 * Cut text into pieces of at most `size` UTF-16 units without splitting a
 * surrogate pair (a CJK Extension B character is two units): a piece that
 * ends in a high surrogate hands it to the next piece.
 */
export function splitCodePoints(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length;) {
    let end = Math.min(text.length, i + size);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && end - 1 > i && last >= 0xd800 && last <= 0xdbff) end--;
    out.push(text.slice(i, end));
    i = end;
  }
  return out.length ? out : [''];
}

/** The record's JSON, re-cut on code-point boundaries (the engine cuts every 30,000 units, which can split a pair). */
function recordCells(cells: CellWrite[]): CellWrite[] {
  const inColumnA = cells.filter((w) => w.col === 1 && typeof w.value === 'string' && !w.formula);
  if (inColumnA.length !== cells.length) return cells;
  const json = [...inColumnA]
    .sort((a, b) => a.row - b.row)
    .map((w) => w.value as string)
    .join('');
  return splitCodePoints(json, RECORD_CHUNK).map((value, i) => ({ row: i + 1, col: 1, value }));
}

function pushRects<T extends { row: number; col: number }>(
  out: Action[],
  items: T[],
  maxBytes: number,
  make: (rect: Rect<T>, address: string) => Action,
): void {
  for (const rect of groupRects(items)) {
    const whole = make(rect, rectAddress(rect));
    if (whole.bytes <= maxBytes || rect.cells.length === 1) {
      out.push(whole);
      continue;
    }
    const rowsPer = Math.max(1, Math.floor((rect.cells.length * maxBytes) / whole.bytes));
    for (const band of splitRows(rect, rowsPer)) out.push(make(band, rectAddress(band)));
  }
}

function cellActions(opIndex: number, sheet: string, cells: CellWrite[], o: PlanOptions, out: Action[], notes: Set<string>): void {
  const base = { op: opIndex, sheet };
  const links = cells.filter(hasLink);
  if (links.length > 0 && !o.features.hyperlinks) notes.add('此版本 Excel 不支持 Range.hyperlink（ExcelApi 1.7），链接改为 HYPERLINK 公式');
  const linkAsFormula = (w: CellWrite) => hasLink(w) && !o.features.hyperlinks;

  pushRects(
    out,
    cells.filter((w) => w.clear),
    o.maxActionBytes,
    (_r, address) => ({ ...base, kind: 'clear', address, bytes: ACTION_OVERHEAD_BYTES }),
  );

  pushRects(
    out,
    cells.filter((w) => typeof w.numberFormat === 'string'),
    o.maxActionBytes,
    (r, address) => {
      const data = r.cells.map((row) => row.map((w) => w.numberFormat as string));
      return { ...base, kind: 'numberFormat', address, data, bytes: ACTION_OVERHEAD_BYTES + jsonBytes(data) };
    },
  );

  const content = cells.filter((w) => hasFormula(w) || w.value !== undefined || linkAsFormula(w));
  pushRects(out, content, o.maxActionBytes, (r, address) => {
    const anyFormula = r.cells.some((row) => row.some((w) => hasFormula(w) || linkAsFormula(w)));
    const data = r.cells.map((row) =>
      row.map((w) => (hasFormula(w) ? (w.formula as string) : linkAsFormula(w) ? hyperlinkFormula(w.link as string, w.value) : toInput(w.value))),
    );
    return { ...base, kind: anyFormula ? 'formulas' : 'values', address, data, bytes: ACTION_OVERHEAD_BYTES + jsonBytes(data) };
  });

  // Styles: one write per rectangle of cells sharing the same style; links get the usual blue underline.
  const styled = new Map<string, { style: CellStyle; cells: CellWrite[] }>();
  for (const w of cells) {
    const style: CellStyle = { ...(w.style ?? {}) };
    if (hasLink(w) && style.color === undefined) style.color = LINK_BLUE;
    if (Object.keys(style).length === 0 && !hasLink(w)) continue;
    const key = styleKey(style) + (hasLink(w) ? '|link' : '');
    const entry = styled.get(key) ?? { style, cells: [] };
    entry.cells.push(w);
    styled.set(key, entry);
  }
  for (const [key, { style, cells: group }] of styled) {
    const withUnderline = key.endsWith('|link');
    pushRects(out, group, o.maxActionBytes, (r, address) => ({
      ...base,
      kind: 'style',
      address,
      style,
      underline: withUnderline,
      rows: r.cells.length,
      cols: r.cells[0].length,
      bytes: ACTION_OVERHEAD_BYTES * 4,
    }));
  }

  if (o.features.hyperlinks) {
    for (const w of links) {
      const target = (w.link as string).replace(/^#/, '');
      const action: Action = { ...base, kind: 'hyperlink', address: toA1(w.row, w.col), target, bytes: ACTION_OVERHEAD_BYTES + jsonBytes(target) };
      if (w.value !== undefined && w.value !== null) action.text = String(w.value);
      out.push(action);
    }
  }
}

function widthActions(opIndex: number, sheet: string, widths: Record<number, number> | undefined, out: Action[]): void {
  for (const [k, w] of Object.entries(widths ?? {})) {
    const letters = colToLetters(Number(k));
    out.push({ op: opIndex, sheet, kind: 'columnWidth', address: `${letters}:${letters}`, points: charsToPoints(w), bytes: ACTION_OVERHEAD_BYTES });
  }
}

/** Runs of consecutive rows with the same height become one "5:7" range write. */
function heightActions(opIndex: number, sheet: string, heights: Record<number, number> | undefined, out: Action[]): void {
  const rows = Object.keys(heights ?? {})
    .map(Number)
    .filter((r) => Number.isInteger(r) && r > 0)
    .sort((a, b) => a - b);
  for (let i = 0; i < rows.length;) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j] + 1 && heights![rows[j + 1]] === heights![rows[i]]) j++;
    out.push({ op: opIndex, sheet, kind: 'rowHeight', address: `${rows[i]}:${rows[j]}`, points: heights![rows[i]], bytes: ACTION_OVERHEAD_BYTES });
    i = j + 1;
  }
}

/** Runs of consecutive row numbers as "5:7" addresses. */
function rowRuns(rows: number[]): string[] {
  const sorted = [...new Set(rows)].filter((r) => Number.isInteger(r) && r > 0).sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    out.push(`${sorted[i]}:${sorted[j]}`);
    i = j + 1;
  }
  return out;
}

/**
 * Undo's layout: widths and heights as they were before the first run (null: the standard width; a row
 * that had no height of its own is fitted to its restored content again, as Excel sizes such rows), and
 * the print area. Widths and heights go with the cell writes; autofit and the print area run last.
 */
function restoreLayoutActions(
  opIndex: number,
  sheet: string,
  layout: NonNullable<SheetEdit['restoreLayout']>,
  o: PlanOptions,
  out: Action[],
  cosmetic: Action[],
  notes: Set<string>,
): void {
  const base = { op: opIndex, sheet, bytes: ACTION_OVERHEAD_BYTES };
  const widths: Record<number, number> = {};
  for (const [k, w] of Object.entries(layout.columnWidths ?? {})) {
    const col = Number(k);
    if (!Number.isInteger(col) || col < 1) continue;
    if (typeof w === 'number') widths[col] = w;
    else if (o.features.standardSizes) {
      const letters = colToLetters(col);
      out.push({ ...base, kind: 'standardWidth', address: `${letters}:${letters}` });
    } else notes.add('此版本 Excel 不支持恢复标准列宽（ExcelApi 1.7），评分时新增列的列宽保持不变');
  }
  widthActions(opIndex, sheet, widths, out);
  const heights: Record<number, number> = {};
  const fit: number[] = [];
  for (const [k, h] of Object.entries(layout.rowHeights ?? {})) {
    if (typeof h === 'number') heights[Number(k)] = h;
    else fit.push(Number(k));
  }
  heightActions(opIndex, sheet, heights, out);
  for (const address of rowRuns(fit)) cosmetic.push({ ...base, kind: 'autofitRows', address, cosmetic: true });
  if (layout.printArea === undefined) return;
  if (layout.printArea === null) {
    // Office.js can set a print area (PageLayout.setPrintArea) but has no call that removes one.
    notes.add(`工作表“${sheet}”的打印区域无法通过 Excel 加载项移除，请在“页面布局 > 打印区域 > 取消打印区域”中手动取消`);
  } else if (o.features.pageLayout) {
    cosmetic.push({ ...base, kind: 'printArea', address: layout.printArea, cosmetic: true });
  } else {
    notes.add(`此版本 Excel 不支持页面设置（ExcelApi 1.9），工作表“${sheet}”的打印区域未恢复为 ${layout.printArea}`);
  }
}

/** "A1:H37" → "A1:J37" when the patch adds columns right of the printed table; null when already wide enough. */
export function widenedPrintArea(area: string, col: number): string | null {
  const m = /^(\$?[A-Za-z]+\$?\d+):(\$?)([A-Za-z]+)(\$?)(\d+)$/.exec(area.replace(/^.*!/, ''));
  if (!m) return null;
  let right = 0;
  for (const ch of m[3].toUpperCase()) right = right * 26 + ch.charCodeAt(0) - 64;
  if (right >= col) return null;
  return `${m[1]}:${m[2]}${colToLetters(col)}${m[4]}${m[5]}`;
}

const VISIBILITY = { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' } as const;

/**
 * Turn a (pre-checked) patch into write actions, in the order they must run:
 *  1. sheet structure: sheets replaced (delete + add), added, moved, hidden,
 *     and sheets deleted outright — so a workbook whose structure is
 *     protected refuses the very first command, before any cell is written
 *     (Excel keeps what ran before a failing command);
 *  2. cell contents and formats;
 *  3. deleting very hidden sheets (the record): Worksheet.delete refuses a
 *     VeryHidden sheet, so it was made Hidden in step 1 and goes last — if
 *     anything fails before, the record is still there and undo can run again;
 *  4. cosmetic settings (freeze panes, print setup, autofit, the print area undo puts back).
 * The record sheet, very hidden, is never deleted to be replaced: it is
 * cleared and rewritten in place.
 */
export function planPatch(patch: Patch, o: PlanOptions): Plan {
  const structure: Action[] = [];
  const actions: Action[] = [];
  const lastDeletes: Action[] = [];
  const cosmetic: Action[] = [];
  const notes = new Set<string>();
  const order = [...o.sheetOrder];
  const indexOf = (name: string) => order.findIndex((s) => s.toLowerCase() === name.toLowerCase());
  const visibility = new Map(o.visibility ?? []);
  const veryHidden = (name: string) => visibility.get(name.toLowerCase()) === 'veryHidden';

  const deleteSheet = (i: number, sheet: string) => {
    if (veryHidden(sheet)) {
      // Worksheet.delete throws InvalidOperation on a VeryHidden sheet: make it Hidden first, delete it last.
      structure.push({ op: i, sheet, kind: 'visibility', visibility: 'Hidden', bytes: ACTION_OVERHEAD_BYTES });
      lastDeletes.push({ op: i, sheet, kind: 'deleteSheet', bytes: ACTION_OVERHEAD_BYTES });
    } else {
      structure.push({ op: i, sheet, kind: 'deleteSheet', bytes: ACTION_OVERHEAD_BYTES });
    }
    visibility.delete(sheet.toLowerCase());
  };

  patch.ops.forEach((op, i) => {
    if (op.kind === 'delete') {
      deleteSheet(i, op.sheet);
      const at = indexOf(op.sheet);
      if (at >= 0) order.splice(at, 1);
      return;
    }
    if (op.kind === 'edit') {
      cellActions(i, op.sheet, op.cells, o, actions, notes);
      widthActions(i, op.sheet, op.columnWidths, actions);
      if (op.restoreLayout) restoreLayoutActions(i, op.sheet, op.restoreLayout, o, actions, cosmetic, notes);
      // Rows holding the notes we wrote: Excel measures them (autofit, ExcelApi 1.2), runs of rows at once.
      const rows = Object.keys(op.minRowHeights ?? {})
        .map(Number)
        .filter((r) => Number.isInteger(r) && r > 0)
        .sort((a, b) => a - b);
      for (let k = 0; k < rows.length;) {
        let j = k;
        while (j + 1 < rows.length && rows[j + 1] === rows[j] + 1) j++;
        cosmetic.push({ op: i, sheet: op.sheet, kind: 'autofitRows', address: `${rows[k]}:${rows[j]}`, cosmetic: true, bytes: ACTION_OVERHEAD_BYTES });
        k = j + 1;
      }
      const area = op.printThroughCol ? o.printAreas?.get(op.sheet.toLowerCase()) : undefined;
      const wider = area ? widenedPrintArea(area, op.printThroughCol!) : null;
      if (wider) {
        if (o.features.pageLayout) cosmetic.push({ op: i, sheet: op.sheet, kind: 'printArea', address: wider, cosmetic: true, bytes: ACTION_OVERHEAD_BYTES });
        else notes.add('此版本 Excel 不支持页面设置（ExcelApi 1.9），打印区域未扩展到新增的列');
      }
      return;
    }
    const at = indexOf(op.sheet);
    const cells = op.sheet === STATE_SHEET ? recordCells(op.cells) : op.cells;
    const wanted = op.visibility && op.visibility !== 'visible' ? VISIBILITY[op.visibility] : null;
    if (at >= 0 && veryHidden(op.sheet)) {
      // Rewritten in place: a very hidden sheet cannot be deleted, and keeping it keeps its tab position.
      actions.push({ op: i, sheet: op.sheet, kind: 'clearSheet', bytes: ACTION_OVERHEAD_BYTES });
      cellActions(i, op.sheet, cells, o, actions, notes);
      if (wanted !== 'VeryHidden')
        structure.push({ op: i, sheet: op.sheet, kind: 'visibility', visibility: wanted ?? 'Visible', bytes: ACTION_OVERHEAD_BYTES });
      return;
    }
    if (at >= 0) {
      deleteSheet(i, op.sheet);
      order.splice(at, 1);
    }
    structure.push({ op: i, sheet: op.sheet, kind: 'addSheet', bytes: ACTION_OVERHEAD_BYTES });
    visibility.set(op.sheet.toLowerCase(), op.visibility ?? 'visible');
    const after = op.after !== undefined ? indexOf(op.after) : -1;
    if (after >= 0) {
      order.splice(after + 1, 0, op.sheet);
      structure.push({ op: i, sheet: op.sheet, kind: 'position', position: after + 1, bytes: ACTION_OVERHEAD_BYTES });
    } else {
      order.push(op.sheet);
    }
    if (wanted) structure.push({ op: i, sheet: op.sheet, kind: 'visibility', visibility: wanted, bytes: ACTION_OVERHEAD_BYTES });
    cellActions(i, op.sheet, cells, o, actions, notes);
    for (const m of op.merges ?? []) {
      if (m.includes(':')) actions.push({ op: i, sheet: op.sheet, kind: 'merge', address: m, bytes: ACTION_OVERHEAD_BYTES });
    }
    widthActions(i, op.sheet, op.columnWidths, actions);
    heightActions(i, op.sheet, op.rowHeights, actions);
    if (op.freezeRows && op.freezeRows > 0) {
      if (o.features.freezePanes)
        cosmetic.push({ op: i, sheet: op.sheet, kind: 'freezeRows', rows: op.freezeRows, cosmetic: true, bytes: ACTION_OVERHEAD_BYTES });
      else notes.add('此版本 Excel 不支持冻结窗格（ExcelApi 1.7），已跳过');
    }
    if (op.print && (op.print.landscape || op.print.fitToWidth || op.print.title)) {
      if (o.features.pageLayout) {
        const lastRow = cells.reduce((m, w) => Math.max(m, w.row), 1);
        const p: Action = {
          op: i,
          sheet: op.sheet,
          kind: 'print',
          landscape: !!op.print.landscape,
          fitToWidth: !!op.print.fitToWidth,
          // Fit-to-pages values are page counts (≥ 1); "as many pages tall as needed" has no documented value,
          // so allow generously many pages: at most the rows themselves, about 20 rows a page.
          pagesTall: Math.max(1, Math.ceil(lastRow / 20)),
          cosmetic: true,
          bytes: ACTION_OVERHEAD_BYTES * 3,
        };
        if (op.print.title) p.title = op.print.title;
        cosmetic.push(p);
      } else notes.add('此版本 Excel 不支持页面设置（ExcelApi 1.9），已跳过打印设置');
    }
  });
  return { actions: [...structure, ...actions, ...lastDeletes, ...cosmetic], notes: [...notes], sheetOrder: order };
}

/** True when an action adds, removes, moves or hides a sheet (refused while the workbook structure is protected). */
export function isStructural(a: Action): boolean {
  return a.kind === 'addSheet' || a.kind === 'deleteSheet' || a.kind === 'position' || a.kind === 'visibility';
}

/** Cut the action list into consecutive batches of at most `maxBytes` each (one sync per batch). */
export function batchActions(actions: Action[], maxBytes: number): Action[][] {
  const batches: Action[][] = [];
  let current: Action[] = [];
  let size = 0;
  for (const a of actions) {
    if (current.length > 0 && size + a.bytes > maxBytes) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(a);
    size += a.bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** "'附件1'!H12" for messages and link targets. */
export function describeAction(a: Action): string {
  const where = 'address' in a ? `${quoteSheetName(a.sheet)}!${a.address}` : `工作表“${a.sheet}”`;
  const what: Record<Action['kind'], string> = {
    deleteSheet: '删除工作表',
    addSheet: '新建工作表',
    position: '移动工作表',
    visibility: '设置工作表可见性',
    clear: '清除单元格',
    clearSheet: '清空工作表',
    numberFormat: '写入数字格式',
    values: '写入数值',
    formulas: '写入公式',
    style: '设置格式',
    hyperlink: '写入链接',
    merge: '合并单元格',
    columnWidth: '设置列宽',
    rowHeight: '设置行高',
    standardWidth: '恢复标准列宽',
    freezeRows: '冻结窗格',
    print: '页面设置',
    printArea: '设置打印区域',
    autofitRows: '自动调整行高',
  };
  return `${what[a.kind]} ${where}`;
}
