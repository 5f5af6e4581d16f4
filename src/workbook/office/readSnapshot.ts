/**
 * Excel (Office.js) → WorkbookSnapshot. Office.js cannot address a worksheet
 * before the collection is loaded, so a cold read takes two round trips
 * whatever the number of sheets: the sheet list (name, visibility,
 * protection), then every sheet's used range (values, formulas, number
 * formats), merged areas and print area, all queued before it. Once a run
 * has seen the sheet names, later reads address the sheets by name and take
 * one round trip, checked against the sheet count.
 */
import type { CellScalar, SheetSnapshot, WorkbookSnapshot } from '../../engine/snapshot';
import { parseRange, rangeToA1, toA1 } from '../../engine/address';
import { detectFeatures, type OfficeFeatures } from './features';
import { MAX_USED_RANGE_CELLS } from './limits';
import { describeOfficeError } from './officeError';

/**
 * `syncs`: round trips used (1 with known sheet names; 2 cold: the sheet list, then
 * every sheet's contents; one more when the names were stale, or when the merged
 * areas could not be read and the contents were fetched again without them).
 */
export type ReadResult = { ok: true; snapshot: WorkbookSnapshot; syncs: number; notes: string[] } | { ok: false; error: string };

export interface ReadOptions {
  features?: OfficeFeatures;
  /** Sheet names in tab order from an earlier read in this session: one sync instead of two when still right. */
  knownSheets?: readonly string[];
  /** Refuse a used range above this many cells (tests lower it). */
  maxCells?: number;
  source?: string;
}

interface Pending {
  sheet: Excel.Worksheet;
  used: Excel.Range;
  merged: Excel.RangeAreas | null;
  printArea: Excel.RangeAreas | null;
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

/** Queue one sheet's contents (used range, merges, print area); nothing is read until the sync. */
function queueSheet(sheet: Excel.Worksheet, features: OfficeFeatures, withMerges: boolean): Pending {
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load('rowIndex,columnIndex,rowCount,columnCount,values,formulas,numberFormat');
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
  return { sheet, used, merged, printArea };
}

/**
 * One round trip when the caller knows the sheet names from an earlier run
 * in this session: each sheet is addressed by name and its contents queued
 * with the sheet count, in the same sync. Null when the workbook's sheets are
 * no longer those names (added, renamed, deleted): the caller reads afresh.
 */
async function readKnownSheets(context: Excel.RequestContext, names: readonly string[], features: OfficeFeatures): Promise<Pending[] | null> {
  const worksheets = context.workbook.worksheets;
  const count = worksheets.getCount();
  const sheets = names.map((n) => {
    const ws = worksheets.getItemOrNullObject(n);
    ws.load('name,position,visibility,protection/protected');
    return ws;
  });
  const pending = sheets.map((ws) => queueSheet(ws, features, features.mergedAreas));
  try {
    await context.sync();
  } catch {
    // A sheet that is gone makes its queued reads fail: read the sheet list afresh.
    return null;
  }
  // getCount() returns a ClientResult: the sync fills its value, no load() exists for it.
  // eslint-disable-next-line office-addins/load-object-before-read
  if (count.value !== names.length || sheets.some((ws, i) => ws.isNullObject || ws.name !== names[i] || ws.position !== i)) return null;
  return pending;
}

export async function readSnapshot(context: Excel.RequestContext, options: ReadOptions = {}): Promise<ReadResult> {
  const features = options.features ?? detectFeatures();
  const maxCells = options.maxCells ?? MAX_USED_RANGE_CELLS;
  const worksheets = context.workbook.worksheets;
  let syncs = 0;
  const notes: string[] = [];
  const queueAll = (withMerges: boolean): Pending[] => worksheets.items.map((sheet) => queueSheet(sheet, features, withMerges));
  let pending: Pending[] | null = null;
  try {
    if (options.knownSheets?.length) {
      pending = await readKnownSheets(context, options.knownSheets, features);
      syncs++;
    }
    if (!pending) {
      worksheets.load('items/name,items/visibility,items/protection/protected');
      await context.sync();
      syncs++;
      pending = queueAll(features.mergedAreas);
      try {
        await context.sync();
        syncs++;
      } catch (e) {
        if (!features.mergedAreas) throw e;
        // getMergedAreasOrNullObject fails above 512 merged areas in a range: read again without merges.
        syncs++;
        pending = queueAll(false);
        await context.sync();
        syncs++;
        notes.push(`未能读取合并单元格信息（${describeOfficeError(e)}），已按未合并处理`);
      }
    }
  } catch (e) {
    return { ok: false, error: `读取工作簿失败：${describeOfficeError(e)}` };
  }

  const sheets: SheetSnapshot[] = [];
  for (const p of pending) {
    const base: Pick<SheetSnapshot, 'name' | 'visibility' | 'protected' | 'printArea'> = {
      name: p.sheet.name,
      visibility: visibilityOf(p.sheet.visibility),
      protected: p.sheet.protection.protected === true,
    };
    const areas = p.printArea && !p.printArea.isNullObject ? parseAreasAddress(p.printArea.address) : [];
    if (areas.length === 1) base.printArea = areas[0];
    const merges = p.merged && !p.merged.isNullObject ? parseAreasAddress(p.merged.address) : [];
    if (p.used.isNullObject) {
      sheets.push({ ...base, origin: { row: 1, col: 1 }, values: [], formulas: [], numberFormats: [], merges });
      continue;
    }
    const { rowIndex, columnIndex, rowCount, columnCount } = p.used;
    const where = rowCount > 0 && columnCount > 0 ? `${toA1(rowIndex + 1, columnIndex + 1)}:${toA1(rowIndex + rowCount, columnIndex + columnCount)}` : '';
    const cells = rowCount * columnCount;
    if (cells > maxCells) {
      return {
        ok: false,
        error:
          `工作表“${p.sheet.name}”的已用区域 ${where} 共 ${cells.toLocaleString('en-US')} 个单元格，超过 ${maxCells.toLocaleString('en-US')} 个单元格的上限，无法读取。` +
          '请删除表格下方或右侧多余的内容后再试。',
      };
    }
    const { values, formulas, numberFormat } = p.used;
    if (!is2d(values) || !is2d(formulas)) {
      return {
        ok: false,
        error: `工作表“${p.sheet.name}”（${where}）的单元格值没有返回（Excel 返回了空值），可能是区域过大或单元格正在编辑。请退出单元格编辑状态后重试。`,
      };
    }
    const formats = is2d(numberFormat) ? numberFormat : [];
    sheets.push({
      ...base,
      origin: { row: rowIndex + 1, col: columnIndex + 1 },
      values: values.map((row) => row.map(cellValue)),
      formulas: formulas.map((row) => row.map(cellFormula)),
      numberFormats: formats.map((row) => row.map(cellFormat)),
      merges,
    });
  }
  const snapshot: WorkbookSnapshot = { sheets };
  if (options.source !== undefined) snapshot.source = options.source;
  return { ok: true, snapshot, syncs, notes };
}
