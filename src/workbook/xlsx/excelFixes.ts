/**
 * Work-arounds for ExcelJS 4.4 file-model bugs, installed per workbook by
 * wrapping two methods of that workbook's own `xlsx` object (no global
 * patching; if a future ExcelJS lacks them nothing is wrapped).
 *
 * Read side (`reconcile`, before ExcelJS builds the workbook):
 * - internal hyperlinks (`<hyperlink location="Sheet!A1">`, no relationship,
 *   which is how Excel writes every in-workbook link) are dropped by ExcelJS;
 *   we give each a synthetic "#location" relationship so it survives as
 *   `{ text, hyperlink: "#Sheet!A1" }`.
 * - a drawing ExcelJS cannot parse (charts with absolute anchors) crashes
 *   the load with "reading 'anchors'"; it becomes an empty drawing.
 * - a print area whose range ExcelJS cannot parse crashes the load; dropped.
 *
 * Write side (`prepareModel`, before ExcelJS renders XML):
 * - "#Sheet!A1" hyperlinks are written location-only. ExcelJS writes a
 *   relationship *and* a location, which Excel resolves to a broken
 *   "#Sheet!A1#Sheet!A1" address (exceljs issue #3027).
 * - print areas/titles of sheets whose name contains an apostrophe are
 *   written unescaped ('d'origine'!…), which Excel rejects; print-area rows
 *   lack `$`. Both are corrected.
 */
import type ExcelJS from 'exceljs';

const HYPERLINK_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink';

interface Rel {
  Id: string;
  Type?: string;
  Target: string;
  TargetMode?: string;
}
interface LinkModel {
  address?: string;
  rId?: string;
  target?: string;
}
interface CellFileModel {
  address?: string;
  type?: number;
}
interface SheetFileModel {
  name?: string;
  rows?: ({ number?: number; cells?: (CellFileModel | undefined)[] } | undefined)[];
  mergeCells?: string[];
  sheetNo?: string | number;
  hyperlinks?: LinkModel[];
  rels?: Rel[];
}
interface DefinedNameModel {
  name?: string;
  ranges?: string[];
  localSheetId?: number;
}
interface BookFileModel {
  worksheets?: SheetFileModel[];
  worksheetRels?: Record<string, Rel[] | undefined>;
  drawings?: Record<string, unknown>;
  definedNames?: DefinedNameModel[];
  themes?: Record<string, unknown>;
}
type Method = (model: BookFileModel, options: unknown) => unknown;
interface XlsxInternals {
  reconcile?: Method;
  prepareModel?: Method;
}

const installed = new WeakSet<object>();

/** A merged area larger than this is cut to the sheet's content before ExcelJS sees it. */
const HUGE_MERGE = 1_000_000;
const clipped = new WeakMap<object, string[]>();

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function parseArea(a1: string): { top: number; left: number; bottom: number; right: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(a1.trim());
  if (!m) return null;
  const [l, t, r, b] = [colNumber(m[1]), Number(m[2]), colNumber(m[3] ?? m[1]), Number(m[4] ?? m[2])];
  return { top: Math.min(t, b), left: Math.min(l, r), bottom: Math.max(t, b), right: Math.max(l, r) };
}

function letters(col: number): string {
  let s = '';
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/**
 * ExcelJS creates a cell object for every cell of a merged area when it loads
 * one: a merge to XFD1048576 exhausts the heap. Such merges are cut to the
 * sheet's content (what they cover past it is empty) and remembered, so the
 * caller can say so.
 */
function clipHugeMerges(model: BookFileModel, notes: string[]): void {
  for (const ws of model.worksheets ?? []) {
    const merges = ws.mergeCells;
    if (!merges || merges.length === 0) continue;
    const areas = merges.map(parseArea);
    if (!areas.some((a) => a && (a.bottom - a.top + 1) * (a.right - a.left + 1) > HUGE_MERGE)) continue;
    let bottom = 1;
    let right = 1;
    for (const row of ws.rows ?? []) {
      for (const cell of row?.cells ?? []) {
        if (!cell?.address || !cell.type) continue;
        const a = parseArea(cell.address);
        if (!a) continue;
        if (a.bottom > bottom) bottom = a.bottom;
        if (a.right > right) right = a.right;
      }
    }
    const out: string[] = [];
    merges.forEach((m, i) => {
      const a = areas[i];
      if (!a || (a.bottom - a.top + 1) * (a.right - a.left + 1) <= HUGE_MERGE) {
        out.push(m);
        return;
      }
      const b = Math.max(a.top, Math.min(a.bottom, bottom));
      const r = Math.max(a.left, Math.min(a.right, right));
      notes.push(`${ws.name ?? ''}!${m}`);
      if (b > a.top || r > a.left) out.push(`${letters(a.left)}${a.top}:${letters(r)}${b}`);
    });
    ws.mergeCells = out;
  }
}

/** Merged areas cut at load ("Sheet!A40:XFD1048576"), empty when none. */
export function clippedMerges(wb: ExcelJS.Workbook): string[] {
  return clipped.get(wb.xlsx as unknown as object) ?? [];
}

function adoptLocations(model: BookFileModel): void {
  let n = 0;
  for (const ws of model.worksheets ?? []) {
    const links = (ws.hyperlinks ?? []).filter((h) => !h.rId && h.target);
    if (links.length === 0 || ws.sheetNo === undefined) continue;
    const rels = model.worksheetRels ?? (model.worksheetRels = {});
    const list = rels[String(ws.sheetNo)] ?? (rels[String(ws.sheetNo)] = []);
    for (const h of links) {
      const Id = `rIdInternalLink${++n}`;
      list.push({ Id, Type: HYPERLINK_REL, Target: `#${h.target}`, TargetMode: 'External' });
      h.rId = Id;
    }
  }
}

function fillMissingDrawings(model: BookFileModel): void {
  const drawings = model.drawings;
  if (!drawings) return;
  for (const k of Object.keys(drawings)) if (!drawings[k]) drawings[k] = { anchors: [] };
}

function dropUnreadablePrintNames(model: BookFileModel): void {
  if (!model.definedNames) return;
  model.definedNames = model.definedNames.filter((d) => !d.name?.startsWith('_xlnm.Print_') || (d.ranges?.length ?? 0) > 0);
}

function emitLocations(model: BookFileModel): void {
  for (const ws of model.worksheets ?? []) {
    for (const h of ws.hyperlinks ?? []) {
      if (!h.target || !h.target.startsWith('#')) continue;
      const location = h.target.slice(1).replace(/\$/g, '');
      // ExcelJS renders `location` only for the Sheet!A1 shape; anything else keeps its "#…" relationship.
      if (!/^[^!]+![a-zA-Z]+\d+$/.test(location)) continue;
      if (ws.rels && h.rId) ws.rels = ws.rels.filter((r) => r.Id !== h.rId);
      h.rId = undefined;
      h.target = location;
    }
  }
}

function fixPrintNames(model: BookFileModel): void {
  const quoted = new Map<string, string>();
  for (const ws of model.worksheets ?? []) {
    if (ws.name && ws.name.includes("'")) quoted.set(`'${ws.name}'!`, `'${ws.name.replace(/'/g, "''")}'!`);
  }
  for (const d of model.definedNames ?? []) {
    if (!d.name?.startsWith('_xlnm.Print_') || !d.ranges) continue;
    d.ranges = d.ranges.map((r) => {
      let out = r;
      for (const [bad, good] of quoted) if (out.startsWith(bad)) out = good + out.slice(bad.length);
      return out.replace(/!\$([A-Z]+)(\d+):\$([A-Z]+)(\d+)$/, '!$$$1$$$2:$$$3$$$4');
    });
  }
}

export function installExcelFixes(wb: ExcelJS.Workbook): void {
  const xlsx = wb.xlsx as unknown as XlsxInternals;
  if (installed.has(xlsx)) return;
  installed.add(xlsx);
  const { reconcile, prepareModel } = xlsx;
  if (typeof reconcile === 'function') {
    xlsx.reconcile = function (this: unknown, model, options) {
      const notes: string[] = [];
      clipHugeMerges(model, notes);
      if (notes.length > 0) clipped.set(xlsx, notes);
      adoptLocations(model);
      fillMissingDrawings(model);
      dropUnreadablePrintNames(model);
      return reconcile.call(this, model, options);
    };
  }
  if (typeof prepareModel === 'function') {
    xlsx.prepareModel = function (this: unknown, model, options) {
      // A file without a theme part (LibreOffice) loads with no themes; ExcelJS then writes a
      // relationship to theme1.xml but no part. Write its default theme instead.
      if (model.themes && Object.keys(model.themes).length === 0) model.themes = undefined;
      const result = prepareModel.call(this, model, options);
      emitLocations(model);
      fixPrintNames(model);
      return result;
    };
  }
}

/** The in-memory hyperlink value for an internal target such as "'附件1'!H12". */
export function internalHyperlink(target: string): string {
  return `#${target.replace(/^#/, '')}`;
}
