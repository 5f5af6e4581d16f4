/**
 * Excel (Office.js) → WorkbookSnapshot, in bands that stay under Excel on the
 * web's 5 MB response limit. Office.js cannot address a worksheet before the
 * collection is loaded, so a cold read takes:
 *  1. the sheet list (name, visibility, protection) and the workbook's
 *     structure protection (ExcelApi 1.7);
 *  2. every sheet's used-range size, merged areas, print area and notes —
 *     no cell contents yet, so an oversized sheet is refused before Excel
 *     has to send it;
 *  3. the contents (values, formulas, number formats) in row bands packed
 *     into syncs under a byte budget: small workbooks take one sync, a sheet
 *     of 200,000 rows a handful. The first band's size is a cautious guess,
 *     later ones use the bytes per cell measured so far; a band Excel still
 *     refuses as too large is read again in halves (the one error a retry fixes).
 *     The first of these syncs also brings the row heights and column widths
 *     of each table (so undo can put back what a run changes): one result per
 *     sheet with ExcelApi 1.9, else one small read per row and column.
 * Once a run has seen the sheet names, later reads address the sheets by name
 * and skip step 1, checked against the sheet count.
 */
import type { CellScalar, SheetSnapshot, WorkbookSnapshot } from '../../engine/snapshot';
import { parseRange, rangeToA1, toA1 } from '../../engine/address';
import { detectFeatures, type OfficeFeatures } from './features';
import {
  INITIAL_BYTES_PER_CELL,
  LAYOUT_BYTES_PER_ITEM,
  LAYOUT_EXTRA_COLS,
  MAX_LAYOUT_COLS,
  MAX_LAYOUT_ROWS,
  MAX_USED_RANGE_CELLS,
  SAFE_RESPONSE_BYTES,
} from './limits';
import { describeOfficeError, officeErrorInfo } from './officeError';
import { jsonBytes, pointsToChars } from './plan';

/**
 * `syncs`: round trips used (2 with known sheet names, 3 cold, plus one per further band of a large
 * workbook). `responseBytes`: the estimated size of what each contents sync returned.
 * `structureProtected`: the workbook's structure protection, when the host can tell (ExcelApi 1.7).
 */
export type ReadResult =
  | { ok: true; snapshot: WorkbookSnapshot; syncs: number; notes: string[]; structureProtected?: boolean; responseBytes: number[] }
  | { ok: false; error: string };

export interface ReadOptions {
  features?: OfficeFeatures;
  /** Sheet names in tab order from an earlier read in this session: the sheet list is not read again when still right. */
  knownSheets?: readonly string[];
  /** Refuse a used range above this many cells (tests lower it). */
  maxCells?: number;
  /** Response budget per contents sync, in bytes (tests lower it). */
  maxResponseBytes?: number;
  source?: string;
}

/** One sheet's metadata, read before any contents. */
interface Meta {
  sheet: Excel.Worksheet;
  used: Excel.Range;
  merged: Excel.RangeAreas | null;
  printArea: Excel.RangeAreas | null;
  notes: Excel.NoteCollection | null;
}

function visibilityOf(v: unknown): SheetSnapshot['visibility'] {
  if (v === 'Hidden') return 'hidden';
  if (v === 'VeryHidden') return 'veryHidden';
  return 'visible';
}

function cellValue(v: unknown): CellScalar {
  if (v === '' || v === undefined || v === null) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}

/** Office.js returns a constant's value in `formulas`; only "=..." is a formula. */
function cellFormula(f: unknown): string | null {
  return typeof f === 'string' && f.length > 1 && f.startsWith('=') ? f : null;
}

function cellFormat(f: unknown): string | null {
  return typeof f === 'string' && f !== '' && f.toLowerCase() !== 'general' ? f : null;
}

/**
 * "Sheet1!A1:B2, 'a b'!C3:C5" → ["A1:B2", "C3:C5"]: each area is "<sheet>!<address>",
 * and the address is what follows the last "!" before the next separator.
 */
export function parseAreasAddress(address: string): string[] {
  const out: string[] = [];
  const re = /!(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)\s*(?=,|$)/g;
  for (let m = re.exec(address); m; m = re.exec(address)) {
    const r = parseRange(m[1].replace(/\$/g, ''));
    if (r) out.push(rangeToA1(r));
  }
  return out;
}

function is2d(a: unknown): a is unknown[][] {
  return Array.isArray(a) && a.every((r) => Array.isArray(r));
}

/** Queue one sheet's metadata (used-range size, merges, print area, notes); nothing is read until the sync. */
function queueMeta(sheet: Excel.Worksheet, features: OfficeFeatures, withMerges: boolean): Meta {
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load('rowIndex,columnIndex,rowCount,columnCount');
  let merged: Excel.RangeAreas | null = null;
  if (withMerges) {
    // Merges are formatting: look in the used range including formatting, not the values-only one.
    merged = sheet.getUsedRange().getMergedAreasOrNullObject();
    merged.load('address');
  }
  // The print area (ExcelApi 1.9), so a write that adds columns can widen it without another read.
  let printArea: Excel.RangeAreas | null = null;
  if (features.pageLayout) {
    printArea = sheet.pageLayout.getPrintAreaOrNullObject();
    printArea.load('address');
  }
  // Cell notes (ExcelApi 1.18): the command line reads them from the file, so Excel must too.
  let notes: Excel.NoteCollection | null = null;
  if (features.notes) {
    notes = sheet.notes;
    notes.load('items/content');
  }
  return { sheet, used, merged, printArea, notes };
}

/** Merged areas can fail to come back (too many areas); only then is it worth reading again without them. */
function isMergeFailure(e: unknown): boolean {
  const info = officeErrorInfo(e);
  if (/PayloadSizeLimitExceeded|AccessDenied|InvalidOperationInCellEditMode|ApiNotFound/.test(info.code)) return false;
  return /MergedAreas/i.test(`${info.location ?? ''}\n${info.context}\n${info.message}`);
}

/** A band was refused as too large: reading it again in smaller pieces fixes that, nothing else. */
function isPayloadFailure(e: unknown): boolean {
  return /PayloadSizeLimitExceeded/.test(officeErrorInfo(e).code);
}

/**
 * The metadata sync when the caller knows the sheet names from an earlier run
 * in this session: each sheet is addressed by name, with the sheet count in the
 * same sync. Null when the workbook's sheets are no longer those names (added,
 * renamed, deleted) or the sync failed: the caller reads the sheet list afresh.
 */
async function readKnownSheets(
  context: Excel.RequestContext,
  names: readonly string[],
  features: OfficeFeatures,
  protection: Excel.WorkbookProtection | null,
): Promise<Meta[] | null> {
  const worksheets = context.workbook.worksheets;
  const count = worksheets.getCount();
  const sheets = names.map((n) => {
    const ws = worksheets.getItemOrNullObject(n);
    ws.load('name,position,visibility,protection/protected');
    return ws;
  });
  protection?.load('protected');
  const metas = sheets.map((ws) => queueMeta(ws, features, features.mergedAreas));
  try {
    await context.sync();
  } catch {
    // A sheet that is gone makes its queued reads fail: read the sheet list afresh.
    return null;
  }
  // getCount() returns a ClientResult: the sync fills its value, no load() exists for it.
  // eslint-disable-next-line office-addins/load-object-before-read
  if (count.value !== names.length || sheets.some((ws, i) => ws.isNullObject || ws.name !== names[i] || ws.position !== i)) return null;
  return metas;
}

/** One sheet's queued layout reads: row heights from `top`, column widths from `left` (1-based). */
interface Layout {
  sheet: number;
  top: number;
  left: number;
  rows: number;
  cols: number;
  rowProps?: OfficeExtension.ClientResult<Excel.RowProperties[]>;
  colProps?: OfficeExtension.ClientResult<Excel.ColumnProperties[]>;
  rowFormats?: Excel.RangeFormat[];
  colFormats?: Excel.RangeFormat[];
}

type Dims = { rowIndex: number; columnIndex: number; rows: number; cols: number };

/**
 * Queue the row heights of the table's first MAX_LAYOUT_ROWS rows and the widths of its columns plus the
 * few a run may add at its right. Standard rows and columns are told apart where the host can
 * (ExcelApi 1.7) and left out, as a file leaves them out.
 */
function queueLayout(ws: Excel.Worksheet, sheet: number, d: Dims, features: OfficeFeatures): Layout {
  const top = d.rowIndex + 1;
  const left = d.columnIndex + 1;
  const rows = Math.min(d.rows, MAX_LAYOUT_ROWS);
  const cols = Math.min(d.cols + LAYOUT_EXTRA_COLS, MAX_LAYOUT_COLS, 16384 - d.columnIndex);
  const l: Layout = { sheet, top, left, rows, cols };
  if (features.rowColumnProperties) {
    l.rowProps = ws.getRange(`${toA1(top, left)}:${toA1(top + rows - 1, left)}`).getRowProperties({ format: { rowHeight: true, useStandardHeight: true } });
    l.colProps = ws.getRange(`${toA1(top, left)}:${toA1(top, left + cols - 1)}`).getColumnProperties({ format: { columnWidth: true, useStandardWidth: true } });
    return l;
  }
  const load = (f: Excel.RangeFormat, size: 'rowHeight' | 'columnWidth', standard: string) => {
    f.load(features.standardSizes ? `${size},${standard}` : size);
    return f;
  };
  l.rowFormats = Array.from({ length: rows }, (_, i) => load(ws.getRange(toA1(top + i, left)).format, 'rowHeight', 'useStandardHeight'));
  l.colFormats = Array.from({ length: cols }, (_, i) => load(ws.getRange(toA1(top, left + i)).format, 'columnWidth', 'useStandardWidth'));
  return l;
}

/**
 * What the layout reads brought back: custom column widths (characters) and row heights (points). Only
 * undo needs them: a host that returns nothing usable leaves them out (undo then fits rows to their content).
 */
function layoutOf(l: Layout, features: OfficeFeatures): Pick<SheetSnapshot, 'columnWidths' | 'rowHeights'> {
  const widths: Record<number, number> = {};
  const heights: Record<number, number> = {};
  const size = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null);
  const list = <T>(r: OfficeExtension.ClientResult<T[]> | undefined): T[] => {
    const v: unknown = r?.value;
    return Array.isArray(v) ? (v as T[]) : [];
  };
  try {
    list(l.rowProps).forEach((p, i) => {
      const h = size(p?.format?.rowHeight);
      if (h !== null && p.format?.useStandardHeight !== true) heights[l.top + i] = h;
    });
    list(l.colProps).forEach((p, i) => {
      const w = size(p?.format?.columnWidth);
      if (w !== null && p.format?.useStandardWidth !== true) widths[l.left + i] = pointsToChars(w);
    });
    (l.rowFormats ?? []).forEach((f, i) => {
      const h = size(f.rowHeight);
      if (h !== null && !(features.standardSizes && f.useStandardHeight === true)) heights[l.top + i] = h;
    });
    (l.colFormats ?? []).forEach((f, i) => {
      const w = size(f.columnWidth);
      if (w !== null && !(features.standardSizes && f.useStandardWidth === true)) widths[l.left + i] = pointsToChars(w);
    });
  } catch {
    return {};
  }
  const out: Pick<SheetSnapshot, 'columnWidths' | 'rowHeights'> = {};
  if (Object.keys(widths).length > 0) out.columnWidths = widths;
  if (Object.keys(heights).length > 0) out.rowHeights = heights;
  return out;
}

interface Band {
  sheet: number;
  /** 0-based offset of the band's first row within the used range, and its row count. */
  from: number;
  rows: number;
  range: Excel.Range;
}

/** Excel's "'Sheet 1'!$H$12" → "H12". */
function cellOfAddress(address: string): string | null {
  const m = /!?\$?([A-Za-z]{1,3})\$?(\d+)(?::.*)?$/.exec(address);
  return m ? `${m[1].toUpperCase()}${m[2]}` : null;
}

export async function readSnapshot(context: Excel.RequestContext, options: ReadOptions = {}): Promise<ReadResult> {
  const features = options.features ?? detectFeatures();
  const maxCells = options.maxCells ?? MAX_USED_RANGE_CELLS;
  const budget = options.maxResponseBytes ?? SAFE_RESPONSE_BYTES;
  const worksheets = context.workbook.worksheets;
  let syncs = 0;
  const notes: string[] = [];
  const protection = features.workbookProtection ? context.workbook.protection : null;

  // 1–2: sheet list and metadata.
  let metas: Meta[] | null = null;
  try {
    if (options.knownSheets?.length) {
      metas = await readKnownSheets(context, options.knownSheets, features, protection);
      syncs++;
    }
    if (!metas) {
      worksheets.load('items/name,items/visibility,items/protection/protected');
      protection?.load('protected');
      await context.sync();
      syncs++;
      metas = worksheets.items.map((sheet) => queueMeta(sheet, features, features.mergedAreas));
      try {
        await context.sync();
        syncs++;
      } catch (e) {
        if (!features.mergedAreas || !isMergeFailure(e)) throw e;
        // getMergedAreasOrNullObject can fail on a sheet with very many merged areas: read the metadata again without merges.
        syncs++;
        metas = worksheets.items.map((sheet) => queueMeta(sheet, features, false));
        await context.sync();
        syncs++;
        notes.push(`未能读取合并单元格信息（${describeOfficeError(e)}），已按未合并处理`);
      }
    }
  } catch (e) {
    return { ok: false, error: `读取工作簿失败：${describeOfficeError(e)}` };
  }

  // Sizes are known before any contents are asked for: refuse what cannot be read.
  const dims = metas.map((m) =>
    m.used.isNullObject ? null : { rowIndex: m.used.rowIndex, columnIndex: m.used.columnIndex, rows: m.used.rowCount, cols: m.used.columnCount },
  );
  let total = 0;
  for (let i = 0; i < metas.length; i++) {
    const d = dims[i];
    if (!d) continue;
    const where = `${toA1(d.rowIndex + 1, d.columnIndex + 1)}:${toA1(d.rowIndex + d.rows, d.columnIndex + d.cols)}`;
    const cells = d.rows * d.cols;
    total += cells;
    if (cells > maxCells) {
      return {
        ok: false,
        error:
          `工作表“${metas[i].sheet.name}”的已用区域 ${where} 共 ${cells.toLocaleString('en-US')} 个单元格，超过 ${maxCells.toLocaleString('en-US')} 个单元格的上限，无法读取。` +
          '请删除表格下方或右侧多余的内容后再试。',
      };
    }
  }
  if (total > maxCells) {
    return {
      ok: false,
      error: `工作簿各表的已用区域合计 ${total.toLocaleString('en-US')} 个单元格，超过 ${maxCells.toLocaleString('en-US')} 个单元格的上限，无法读取。请删除不需要的大表后再试。`,
    };
  }

  // 3: contents in bands under the byte budget.
  const values: unknown[][][] = metas.map(() => []);
  const formulas: unknown[][][] = metas.map(() => []);
  const formats: unknown[][][] = metas.map(() => []);
  const done = metas.map(() => 0);
  const bytesPerCell = metas.map(() => INITIAL_BYTES_PER_CELL);
  const responseBytes: number[] = [];
  const noteItems = metas.map((m) => (m.notes ? m.notes.items : []));
  let locations: { sheet: number; content: string; range: Excel.Range }[] = [];
  let layouts: Layout[] = [];
  let locationsQueued = false;
  // The layout reads go with the first contents sync: their share of its budget.
  const layoutBytes = dims.reduce(
    (s, d) => s + (d ? (Math.min(d.rows, MAX_LAYOUT_ROWS) + Math.min(d.cols + LAYOUT_EXTRA_COLS, MAX_LAYOUT_COLS)) * LAYOUT_BYTES_PER_ITEM : 0),
    0,
  );
  let refusals = 0;
  const remaining = () => dims.some((d, i) => !!d && done[i] < d.rows);
  while (remaining() || !locationsQueued) {
    const bands: Band[] = [];
    let planned = locationsQueued ? 0 : Math.min(layoutBytes, Math.floor(budget / 2));
    for (let i = 0; i < metas.length; i++) {
      const d = dims[i];
      while (d && done[i] + bands.filter((b) => b.sheet === i).reduce((s, b) => s + b.rows, 0) < d.rows) {
        const from = done[i] + bands.filter((b) => b.sheet === i).reduce((s, b) => s + b.rows, 0);
        const rowBytes = d.cols * bytesPerCell[i];
        const fit = Math.floor((budget - planned) / rowBytes);
        if (fit < 1 && bands.length > 0) break;
        const rows = Math.min(Math.max(1, fit), d.rows - from);
        const top = d.rowIndex + from + 1;
        const range = metas[i].sheet.getRange(`${toA1(top, d.columnIndex + 1)}:${toA1(top + rows - 1, d.columnIndex + d.cols)}`);
        range.load('values,formulas,numberFormat');
        bands.push({ sheet: i, from, rows, range });
        planned += rows * rowBytes;
        if (planned >= budget) break;
      }
      if (planned >= budget) break;
    }
    if (!locationsQueued) {
      locations = noteItems.flatMap((items, sheet) =>
        items.map((n) => {
          const range = n.getLocation();
          range.load('address');
          return { sheet, content: n.content, range };
        }),
      );
      layouts = [];
      for (let i = 0; i < metas.length; i++) {
        const d = dims[i];
        if (d) layouts.push(queueLayout(metas[i].sheet, i, d, features));
      }
      locationsQueued = true;
    }
    if (bands.length === 0 && locations.length === 0 && layouts.length === 0) break;
    try {
      // One sync per band group is the point: each stays under the response limit.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      syncs++;
    } catch (e) {
      syncs++;
      if (!isPayloadFailure(e) || refusals >= 8) return { ok: false, error: `读取工作簿内容失败：${describeOfficeError(e)}` };
      // Too large after all: these bands are read again, smaller.
      refusals++;
      // At most half the rows next time: the estimate per cell at least doubles.
      for (const b of bands) bytesPerCell[b.sheet] = Math.max(bytesPerCell[b.sheet] * 2, Math.ceil((2 * budget) / Math.max(1, b.rows * dims[b.sheet]!.cols)));
      locationsQueued = false;
      continue;
    }
    let got = 0;
    for (const b of bands) {
      const v = b.range.values;
      const f = b.range.formulas;
      const n = b.range.numberFormat;
      if (!is2d(v) || !is2d(f)) {
        return {
          ok: false,
          error: `工作表“${metas[b.sheet].sheet.name}”的单元格值没有返回（Excel 返回了空值），可能是区域过大或单元格正在编辑。请退出单元格编辑状态后重试。`,
        };
      }
      const bytes = jsonBytes(v) + jsonBytes(f) + (is2d(n) ? jsonBytes(n) : 0);
      got += bytes;
      // Later bands of this sheet are sized by what this one measured, with a margin.
      bytesPerCell[b.sheet] = Math.max(8, Math.ceil((bytes / Math.max(1, b.rows * dims[b.sheet]!.cols)) * 1.5));
      values[b.sheet].push(...v);
      formulas[b.sheet].push(...f);
      formats[b.sheet].push(...(is2d(n) ? n : []));
      done[b.sheet] += b.rows;
    }
    responseBytes.push(got);
  }

  const sheets: SheetSnapshot[] = [];
  for (let i = 0; i < metas.length; i++) {
    const m = metas[i];
    const layout = layouts.find((l) => l.sheet === i);
    const base: Pick<SheetSnapshot, 'name' | 'visibility' | 'protected' | 'printArea' | 'notes' | 'columnWidths' | 'rowHeights'> = {
      name: m.sheet.name,
      visibility: visibilityOf(m.sheet.visibility),
      protected: m.sheet.protection.protected === true,
      ...(layout ? layoutOf(layout, features) : {}),
    };
    const areas = m.printArea && !m.printArea.isNullObject ? parseAreasAddress(m.printArea.address) : [];
    if (areas.length === 1) base.printArea = areas[0];
    const sheetNotes: Record<string, string> = {};
    for (const l of locations) {
      const at = l.sheet === i ? cellOfAddress(l.range.address) : null;
      const text = (l.content ?? '').trim();
      if (at && text) sheetNotes[at] = text;
    }
    if (Object.keys(sheetNotes).length > 0) base.notes = sheetNotes;
    const merges = m.merged && !m.merged.isNullObject ? parseAreasAddress(m.merged.address) : [];
    const d = dims[i];
    if (!d) {
      sheets.push({ ...base, origin: { row: 1, col: 1 }, values: [], formulas: [], numberFormats: [], merges });
      continue;
    }
    sheets.push({
      ...base,
      origin: { row: d.rowIndex + 1, col: d.columnIndex + 1 },
      values: values[i].map((row) => row.map(cellValue)),
      formulas: formulas[i].map((row) => row.map(cellFormula)),
      numberFormats: formats[i].map((row) => row.map(cellFormat)),
      merges,
    });
  }
  const snapshot: WorkbookSnapshot = { sheets };
  if (options.source !== undefined) snapshot.source = options.source;
  const result: ReadResult = { ok: true, snapshot, syncs, notes, responseBytes };
  if (protection) result.structureProtected = protection.protected === true;
  return result;
}
