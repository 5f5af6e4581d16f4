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
interface SheetFileModel {
  name?: string;
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
}
type Method = (model: BookFileModel, options: unknown) => unknown;
interface XlsxInternals {
  reconcile?: Method;
  prepareModel?: Method;
}

const installed = new WeakSet<object>();

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
      adoptLocations(model);
      fillMissingDrawings(model);
      dropUnreadablePrintNames(model);
      return reconcile.call(this, model, options);
    };
  }
  if (typeof prepareModel === 'function') {
    xlsx.prepareModel = function (this: unknown, model, options) {
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
