/**
 * Apply an engine Patch to the open workbook through Office.js: pre-check the
 * whole patch (nothing is written when it fails), then queue every range
 * write and sync once; only a patch above Excel on the web's ~5 MB request
 * limit is split into several syncs.
 */
import type { Patch } from '../../engine/patch';
import { patchCellCount } from '../../engine/patch';
import type { WorkbookSnapshot } from '../../engine/snapshot';
import { detectFeatures, type OfficeFeatures } from './features';
import { SAFE_REQUEST_BYTES } from './limits';
import { describeOfficeError, officeErrorInfo } from './officeError';
import { batchActions, describeAction, isStructural, planPatch, type Action } from './plan';
import { precheckPatch, type SheetInfo } from './precheck';

export interface ApplyOptions {
  /** The snapshot the patch was computed from: supplies sheets, protection and merges without another sync. */
  snapshot?: WorkbookSnapshot;
  features?: OfficeFeatures;
  /** Request size budget per sync (tests lower it). */
  maxRequestBytes?: number;
  /** The workbook's structure protection as read with the snapshot (ExcelApi 1.7); undefined when the host cannot tell. */
  structureProtected?: boolean;
}

export type ApplyResult =
  | { ok: true; syncs: number; batches: number; cells: number; notes: string[]; /** Tab order afterwards (when known). */ sheetOrder?: string[] }
  | {
      ok: false;
      error: string;
      /** False when the refusal came before any write; true when Excel may have applied part of it. */
      partial: boolean;
    };

type SheetCache = Map<string, Excel.Worksheet>;

function sheetOf(context: Excel.RequestContext, cache: SheetCache, name: string): Excel.Worksheet {
  const key = name.toLowerCase();
  let ws = cache.get(key);
  if (!ws) {
    ws = context.workbook.worksheets.getItem(name);
    cache.set(key, ws);
  }
  return ws;
}

const hex = (c: string) => (c.startsWith('#') ? c : `#${c}`);
const H_ALIGN = { left: 'Left', center: 'Center', right: 'Right' } as const;
const V_ALIGN = { top: 'Top', middle: 'Center', bottom: 'Bottom' } as const;

function queueStyle(range: Excel.Range, a: Extract<Action, { kind: 'style' }>): void {
  const s = a.style;
  const f = range.format;
  if (s.bold !== undefined) f.font.bold = s.bold;
  if (s.italic !== undefined) f.font.italic = s.italic;
  if (s.fontSize !== undefined) f.font.size = s.fontSize;
  if (s.color !== undefined) f.font.color = hex(s.color);
  if (a.underline) f.font.underline = 'Single';
  if (s.fill !== undefined) f.fill.color = hex(s.fill);
  if (s.horizontal !== undefined) f.horizontalAlignment = H_ALIGN[s.horizontal];
  if (s.vertical !== undefined) f.verticalAlignment = V_ALIGN[s.vertical];
  if (s.wrap !== undefined) f.wrapText = s.wrap;
  if (s.border !== undefined) {
    const edges: ('EdgeTop' | 'EdgeBottom' | 'EdgeLeft' | 'EdgeRight' | 'InsideHorizontal' | 'InsideVertical')[] = [
      'EdgeTop',
      'EdgeBottom',
      'EdgeLeft',
      'EdgeRight',
    ];
    // Inside borders exist only for blocks with more than one row/column.
    if (a.rows > 1) edges.push('InsideHorizontal');
    if (a.cols > 1) edges.push('InsideVertical');
    for (const e of edges) {
      const b = f.borders.getItem(e);
      if (s.border) {
        b.style = 'Continuous';
        b.weight = 'Thin';
      } else {
        b.style = 'None';
      }
    }
  }
}

/** Queue one action on the request context (nothing is sent until sync). */
function queue(context: Excel.RequestContext, cache: SheetCache, a: Action): void {
  switch (a.kind) {
    case 'deleteSheet':
      sheetOf(context, cache, a.sheet).delete();
      cache.delete(a.sheet.toLowerCase());
      return;
    case 'addSheet':
      cache.set(a.sheet.toLowerCase(), context.workbook.worksheets.add(a.sheet));
      return;
    case 'position':
      sheetOf(context, cache, a.sheet).position = a.position;
      return;
    case 'visibility':
      sheetOf(context, cache, a.sheet).visibility = a.visibility;
      return;
    case 'freezeRows':
      sheetOf(context, cache, a.sheet).freezePanes.freezeRows(a.rows);
      return;
    case 'print': {
      const layout = sheetOf(context, cache, a.sheet).pageLayout;
      if (a.landscape) layout.orientation = 'Landscape';
      // One page wide; fit-to-pages values are page counts, so "tall as needed" is a generous count.
      if (a.fitToWidth) layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: a.pagesTall };
      if (a.title) layout.headersFooters.defaultForAllPages.centerHeader = a.title;
      return;
    }
    case 'printArea':
      sheetOf(context, cache, a.sheet).pageLayout.setPrintArea(a.address);
      return;
    case 'clearSheet':
      // The whole sheet (getRange() without an address); only contents: the record sheet has no formatting.
      sheetOf(context, cache, a.sheet).getRange().clear('Contents');
      return;
    case 'autofitRows':
      sheetOf(context, cache, a.sheet).getRange(a.address).format.autofitRows();
      return;
    default:
      break;
  }
  const range = sheetOf(context, cache, a.sheet).getRange(a.address);
  switch (a.kind) {
    case 'clear':
      range.clear('All');
      return;
    case 'numberFormat':
      range.numberFormat = a.data;
      return;
    case 'values':
      range.values = a.data;
      return;
    case 'formulas':
      range.formulas = a.data;
      return;
    case 'style':
      queueStyle(range, a);
      return;
    case 'hyperlink':
      range.hyperlink = a.text !== undefined ? { documentReference: a.target, textToDisplay: a.text } : { documentReference: a.target };
      return;
    case 'merge':
      range.merge(false);
      return;
    case 'columnWidth':
      range.format.columnWidth = a.points;
      return;
    case 'rowHeight':
      range.format.rowHeight = a.points;
      return;
    case 'standardWidth':
      range.format.useStandardWidth = true;
      return;
  }
}

function sheetsFromSnapshot(snapshot: WorkbookSnapshot): SheetInfo[] {
  return snapshot.sheets.map((s) => ({ name: s.name, visibility: s.visibility, protected: s.protected, merges: s.merges }));
}

async function loadSheets(context: Excel.RequestContext): Promise<SheetInfo[]> {
  const ws = context.workbook.worksheets;
  ws.load('items/name,items/visibility,items/protection/protected');
  await context.sync();
  return ws.items.map((s) => ({
    name: s.name,
    visibility: s.visibility === 'Hidden' ? 'hidden' : s.visibility === 'VeryHidden' ? 'veryHidden' : 'visible',
    protected: s.protection.protected === true,
  }));
}

const COSMETIC_LOCATION = /FreezePanes|PageLayout|HeaderFooter|PrintArea|Autofit/i;

/** Which of the batch's actions the failure most likely belongs to, for the message. */
function suspects(batch: Action[], context: string): string {
  const named = batch.filter((a) => context.includes(a.sheet));
  const pool = named.length > 0 ? named : batch;
  const ops = [...new Set(pool.map((a) => a.op))];
  const shown = ops.slice(0, 3).map((op) => {
    const first = pool.find((a) => a.op === op)!;
    return `第 ${op + 1} 项操作（${describeAction(first)}${pool.filter((a) => a.op === op).length > 1 ? ' 等' : ''}）`;
  });
  return shown.join('、') + (ops.length > 3 ? ` 等 ${ops.length} 项` : '');
}

export async function applyPatch(context: Excel.RequestContext, patch: Patch, options: ApplyOptions = {}): Promise<ApplyResult> {
  const features = options.features ?? detectFeatures();
  const maxBytes = options.maxRequestBytes ?? SAFE_REQUEST_BYTES;
  if (!patch || !Array.isArray(patch.ops)) return { ok: false, error: '补丁格式无效，未写入任何内容', partial: false };
  if (patch.ops.length === 0) return { ok: true, syncs: 0, batches: 0, cells: 0, notes: [] };

  let syncs = 0;
  let sheets: SheetInfo[];
  if (options.snapshot) {
    sheets = sheetsFromSnapshot(options.snapshot);
  } else {
    try {
      sheets = await loadSheets(context);
      syncs++;
    } catch (e) {
      return { ok: false, error: `读取工作表列表失败，未写入任何内容：${describeOfficeError(e)}`, partial: false };
    }
  }

  const problem = precheckPatch(sheets, patch);
  if (problem) return { ok: false, error: `未写入任何内容：${problem}`, partial: false };

  const printAreas = new Map<string, string>();
  for (const s of options.snapshot?.sheets ?? []) if (s.printArea) printAreas.set(s.name.toLowerCase(), s.printArea);
  const visibility = new Map(sheets.map((s) => [s.name.toLowerCase(), s.visibility ?? 'visible'] as const));
  const plan = planPatch(patch, { features, maxActionBytes: Math.floor(maxBytes / 2), sheetOrder: sheets.map((s) => s.name), printAreas, visibility });
  if (options.structureProtected && plan.actions.some(isStructural)) {
    return {
      ok: false,
      partial: false,
      error: '未写入任何内容：工作簿结构受保护，无法添加或删除工作表（评分汇总、评分记录）；请先在“审阅”选项卡中点击“保护工作簿”撤销保护后再试',
    };
  }
  const batches = batchActions(plan.actions, maxBytes);
  const notes = [...plan.notes];
  for (let b = 0; b < batches.length; b++) {
    const batch = batches[b];
    const cache: SheetCache = new Map();
    try {
      for (const a of batch) queue(context, cache, a);
      // One sync per batch; there is more than one batch only above the ~5 MB request limit.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      syncs++;
    } catch (e) {
      syncs++;
      const info = officeErrorInfo(e);
      const last = b === batches.length - 1;
      // Freeze panes and print setup run last: when only they fail, the scores are already in the workbook.
      if (last && COSMETIC_LOCATION.test(info.location ?? info.context) && batch.some((a) => 'cosmetic' in a)) {
        notes.push(`冻结窗格或打印设置未能应用（${describeOfficeError(e)}），评分内容已全部写入`);
        return { ok: true, syncs, batches: batches.length, cells: patchCellCount(patch), notes, sheetOrder: plan.sheetOrder };
      }
      const where = batches.length > 1 ? `（第 ${b + 1}/${batches.length} 批${b > 0 ? `，前 ${b} 批已写入` : ''}）` : '';
      return {
        ok: false,
        partial: true,
        error:
          `写入失败${where}：${describeOfficeError(e)}。出错的可能是：${suspects(batch, info.context)}。` +
          '出错位置之前的修改可能已生效，请检查工作簿，必要时使用“撤销本次评分”或关闭不保存。',
      };
    }
  }
  return { ok: true, syncs, batches: batches.length, cells: patchCellCount(patch), notes, sheetOrder: plan.sheetOrder };
}
