/**
 * A strict Excel simulator for the Office.js adapter: a small model of a
 * workbook behind proxy objects that behave as Excel's do, where
 * office-addin-mock accepts anything. Every behaviour modelled here cites the
 * Microsoft page it follows, in a one-line comment next to the code.
 *
 * What it models: queued commands run only at context.sync(), in order; a
 * property read before it was loaded and synced throws; *OrNullObject
 * methods; very hidden and hidden sheets; sheet and workbook-structure
 * protection; request and response payload limits (Excel on the web); the
 * 32,767-character cell limit; a failing batch keeping what ran before the
 * failing command; requirement sets per host profile; and the Office global
 * (requirements, showAsTaskpane ignored for a Marketplace add-in, actions).
 *
 * It measures every sync (commands, request bytes, response bytes), so tests
 * can report how a run used Excel.
 */
import { colToLetters, parseA1, parseRange, quoteSheetName, type RangeAddress } from '../../../src/engine/address';
import type { CellScalar, WorkbookSnapshot } from '../../../src/engine/snapshot';

// ---------------------------------------------------------------------------------------------
// Host profiles
// ---------------------------------------------------------------------------------------------

export interface HostProfile {
  name: string;
  /** Highest ExcelApi minor version: 1.<n> and every lower one are supported. */
  excelApi: number;
  /** SharedRuntime 1.1 (ribbon and pane in one runtime). */
  sharedRuntime: boolean;
  /** Request and response payload limit in bytes; null where none is documented (desktop). */
  payloadLimit: number | null;
  platform: 'PC' | 'Mac' | 'OfficeOnline';
}

// Requirement sets per client: https://learn.microsoft.com/javascript/api/requirement-sets/excel/excel-api-requirement-sets
// Payload limit (Excel on the web, 5 MB request and response): https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins
// Shared runtime availability: https://learn.microsoft.com/javascript/api/requirement-sets/common/shared-runtime-requirement-sets
export const PROFILES: HostProfile[] = [
  // Excel 2016 (updated builds reach ExcelApi 1.4–1.7): modelled at 1.4, the manifest's floor, so every optional API is missing.
  { name: 'excel2016', excelApi: 4, sharedRuntime: false, payloadLimit: null, platform: 'PC' },
  { name: 'excel2016-1.7', excelApi: 7, sharedRuntime: false, payloadLimit: null, platform: 'PC' },
  // Excel 2019 (volume licensed): ExcelApi 1.8.
  { name: 'excel2019', excelApi: 8, sharedRuntime: false, payloadLimit: null, platform: 'PC' },
  { name: 'm365-windows', excelApi: 20, sharedRuntime: true, payloadLimit: null, platform: 'PC' },
  { name: 'm365-mac', excelApi: 20, sharedRuntime: true, payloadLimit: null, platform: 'Mac' },
  { name: 'web', excelApi: 20, sharedRuntime: true, payloadLimit: 5 * 1024 * 1024, platform: 'OfficeOnline' },
];

export const profile = (name: string): HostProfile => {
  const p = PROFILES.find((x) => x.name === name);
  if (!p) throw new Error(`no profile ${name}`);
  return p;
};

// ---------------------------------------------------------------------------------------------
// Workbook model
// ---------------------------------------------------------------------------------------------

export type Visibility = 'Visible' | 'Hidden' | 'VeryHidden';

export interface SimCell {
  v: CellScalar;
  f: string | null;
  n: string | null;
}

export interface SimSheet {
  id: number;
  name: string;
  visibility: Visibility;
  protected: boolean;
  cells: Map<string, SimCell>;
  merges: RangeAddress[];
  printArea: string | null;
  /** Cell notes by A1 address. */
  notes: Map<string, string>;
  /** Column widths in points, by 1-based column; absent: the sheet's standard width. */
  columnWidths: Map<number, number>;
  /** Row heights in points, by 1-based row; absent: the standard height. */
  rowHeights: Map<number, number>;
  /** Cells formatted to wrap their text (what autofit measures), by cell key. */
  wrapped: Set<string>;
}

/** The standard column width (8.43 characters of Calibri 11, 64 pixels) and row height, in points. */
export const STANDARD_WIDTH = 48;
export const STANDARD_HEIGHT = 15;

/**
 * A width in characters (as the file stores it) in points: characters × 7-pixel digit + 5 pixels of padding,
 * at 0.75 points a pixel: https://learn.microsoft.com/dotnet/api/documentformat.openxml.spreadsheet.column (width)
 */
export const charsToPoints = (chars: number) => Math.round((chars * 7 + 5) * 0.75 * 100) / 100;

export interface SimWorkbook {
  sheets: SimSheet[];
  structureProtected: boolean;
  activeSheetId: number | null;
}

const key = (row: number, col: number) => `${row},${col}`;
const unkey = (k: string) => k.split(',').map(Number) as [number, number];
let nextId = 1;

export interface SheetSpec {
  name: string;
  visibility?: Visibility;
  protected?: boolean;
  /** Rows from A1 (or `origin`): values; strings starting with "=" are formulas. */
  rows?: CellScalar[][];
  origin?: { row: number; col: number };
  merges?: string[];
  printArea?: string;
  notes?: Record<string, string>;
  /** Column widths and row heights in points. */
  columnWidths?: Record<number, number>;
  rowHeights?: Record<number, number>;
}

export function sheetOf(spec: SheetSpec): SimSheet {
  const cells = new Map<string, SimCell>();
  const o = spec.origin ?? { row: 1, col: 1 };
  (spec.rows ?? []).forEach((row, r) =>
    row.forEach((v, c) => {
      if (v === null || v === '') return;
      const formula = typeof v === 'string' && v.startsWith('=') ? v : null;
      cells.set(key(o.row + r, o.col + c), { v: formula ? null : v, f: formula, n: null });
    }),
  );
  return {
    id: nextId++,
    name: spec.name,
    visibility: spec.visibility ?? 'Visible',
    protected: !!spec.protected,
    cells,
    merges: (spec.merges ?? []).map((m) => parseRange(m)!).filter(Boolean),
    printArea: spec.printArea ?? null,
    notes: new Map(Object.entries(spec.notes ?? {})),
    columnWidths: new Map(Object.entries(spec.columnWidths ?? {}).map(([c, w]) => [Number(c), w])),
    rowHeights: new Map(Object.entries(spec.rowHeights ?? {}).map(([r, h]) => [Number(r), h])),
    wrapped: new Set(),
  };
}

/** The model of a workbook as the ExcelJS reader saw it (cached formula values kept). */
export function workbookFromSnapshot(snapshot: WorkbookSnapshot): SimWorkbook {
  const sheets = snapshot.sheets.map((s) => {
    const sheet = sheetOf({
      name: s.name,
      visibility: s.visibility === 'hidden' ? 'Hidden' : s.visibility === 'veryHidden' ? 'VeryHidden' : 'Visible',
      protected: !!s.protected,
      merges: s.merges,
      notes: s.notes,
      // The file's widths are in characters, Excel reports points.
      columnWidths: Object.fromEntries(Object.entries(s.columnWidths ?? {}).map(([c, w]) => [c, charsToPoints(w)])),
      rowHeights: s.rowHeights,
    });
    const rows = Math.max(s.values.length, s.formulas.length, s.numberFormats.length);
    for (let r = 0; r < rows; r++) {
      const cols = Math.max(s.values[r]?.length ?? 0, s.formulas[r]?.length ?? 0, s.numberFormats[r]?.length ?? 0);
      for (let c = 0; c < cols; c++) {
        const cell = { v: s.values[r]?.[c] ?? null, f: s.formulas[r]?.[c] ?? null, n: s.numberFormats[r]?.[c] ?? null };
        if (cell.v !== null || cell.f !== null || cell.n !== null) sheet.cells.set(key(s.origin.row + r, s.origin.col + c), cell);
      }
    }
    if (s.printArea) sheet.printArea = s.printArea;
    return sheet;
  });
  return { sheets, structureProtected: false, activeSheetId: sheets.find((s) => s.visibility === 'Visible')?.id ?? null };
}

export function cloneWorkbook(wb: SimWorkbook): SimWorkbook {
  return {
    structureProtected: wb.structureProtected,
    activeSheetId: wb.activeSheetId,
    sheets: wb.sheets.map((s) => ({
      ...s,
      cells: new Map([...s.cells].map(([k, c]) => [k, { ...c }])),
      merges: s.merges.map((m) => ({ ...m })),
      notes: new Map(s.notes),
      columnWidths: new Map(s.columnWidths),
      rowHeights: new Map(s.rowHeights),
      wrapped: new Set(s.wrapped),
    })),
  };
}

/** A sheet's layout as the user sees it: custom widths and heights (points) and the print area; equal dumps mean equal layout. */
export function dumpLayout(wb: SimWorkbook, only?: readonly string[]): string[] {
  const out: string[] = [];
  for (const s of wb.sheets) {
    if (only && !only.includes(s.name)) continue;
    // A size equal to the standard one looks the same whether it is set or not.
    for (const [c, w] of s.columnWidths) if (w !== STANDARD_WIDTH) out.push(`${s.name}!${colToLetters(c)}:${colToLetters(c)} width ${w}`);
    for (const [r, h] of s.rowHeights) if (h !== STANDARD_HEIGHT) out.push(`${s.name}!${r}:${r} height ${h}`);
    if (s.printArea) out.push(`${s.name} printArea ${s.printArea.replace(/\$/g, '')}`);
  }
  return out.sort();
}

/** Every non-empty cell as "sheet!A1 v|f|n", sorted: equal lists mean equal contents. */
export function dumpCells(wb: SimWorkbook, only?: readonly string[]): string[] {
  const out: string[] = [];
  for (const s of wb.sheets) {
    if (only && !only.includes(s.name)) continue;
    for (const [k, c] of s.cells) {
      if ((c.v === null || c.v === '') && c.f === null && c.n === null) continue;
      const [r, col] = unkey(k);
      // A formula's value is Excel's to recalculate: compare the formula itself.
      out.push(`${s.name}!${colToLetters(col)}${r} ${c.f ?? JSON.stringify(c.v)}|${c.n ?? ''}`);
    }
  }
  return out.sort();
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

// Error object shape (code, message, debugInfo): https://learn.microsoft.com/javascript/api/office/officeextension.error
// Error codes: https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling#error-codes
export class SimError extends Error {
  code: string;
  debugInfo: { code: string; message: string; errorLocation?: string; statement?: string };
  constructor(code: string, message: string, location?: string) {
    super(message);
    this.name = 'RichApi.Error';
    this.code = code;
    this.debugInfo = { code, message, ...(location ? { errorLocation: location, statement: location } : {}) };
  }
}

// ---------------------------------------------------------------------------------------------
// The request context
// ---------------------------------------------------------------------------------------------

interface Command {
  location: string;
  requestBytes: number;
  /** Runs against the model; returns the bytes it adds to the response. */
  run: () => number | void;
}

export interface SyncRecord {
  commands: number;
  requestBytes: number;
  responseBytes: number;
  error?: string;
}

const utf8 = (v: unknown) => Buffer.byteLength(JSON.stringify(v ?? null), 'utf8');
const MAX_TEXT = 32767;

// Version each member was introduced in (ExcelApi 1.x): https://learn.microsoft.com/javascript/api/excel (each member's "API set" remark)
const SINCE = {
  getItemOrNullObject: 4,
  getUsedRangeOrNullObject: 4,
  getCount: 4,
  workbookProtection: 7,
  freezePanes: 7,
  hyperlink: 7,
  pageLayout: 9,
  standardSizes: 7,
  rowColumnProperties: 9,
  mergedAreas: 13,
  notes: 18,
} as const;

export class StrictExcel {
  workbook: SimWorkbook;
  readonly profile: HostProfile;
  readonly log: SyncRecord[] = [];
  /** Injected failures: the next `times` commands at `location` fail with `error` (for error paths Excel rarely takes). */
  readonly faults: { location: RegExp; error: () => SimError; times: number }[] = [];
  private queue: Command[] = [];
  /** Objects whose loaded state sync fills. */
  private generation = 0;

  constructor(workbook: SimWorkbook, hostProfile: HostProfile) {
    this.workbook = workbook;
    this.profile = hostProfile;
  }

  /** A fresh request context on this workbook (one Excel.run). */
  context(): Excel.RequestContext {
    const sim = this;
    const workbook = {
      worksheets: new WorksheetCollectionProxy(sim),
      get protection() {
        sim.require(SINCE.workbookProtection, 'Workbook.protection');
        return new WorkbookProtectionProxy(sim);
      },
      get notes() {
        sim.require(SINCE.notes, 'Workbook.notes');
        throw new Error('Workbook.notes is not modelled; use Worksheet.notes');
      },
    };
    return { workbook, sync: () => sim.sync() } as unknown as Excel.RequestContext;
  }

  /** Save and reopen: a fresh model copy (the record sheet and everything else persist). */
  reopen(): StrictExcel {
    return new StrictExcel(cloneWorkbook(this.workbook), this.profile);
  }

  syncs(): number {
    return this.log.length;
  }

  supports(minor: number): boolean {
    return this.profile.excelApi >= minor;
  }

  /** An API the host lacks is not on the proxy: using it fails as a missing member would. */
  require(minor: number, member: string): void {
    // Using an API outside the host's requirement sets fails: https://learn.microsoft.com/office/dev/add-ins/develop/specify-office-hosts-and-api-requirements
    if (!this.supports(minor)) throw new SimError('ApiNotFound', `${member} 需要 ExcelApi 1.${minor}（此主机为 1.${this.profile.excelApi}）`, member);
  }

  enqueue(location: string, requestBytes: number, run: Command['run']): void {
    this.queue.push({ location, requestBytes: 80 + requestBytes, run });
  }

  get syncGeneration(): number {
    return this.generation;
  }

  async sync(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    const record: SyncRecord = { commands: batch.length, requestBytes: batch.reduce((s, c) => s + c.requestBytes, 0), responseBytes: 0 };
    this.log.push(record);
    this.generation++;
    const limit = this.profile.payloadLimit;
    // Excel on the web refuses a request above 5 MB before running any of it: https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins
    if (limit !== null && record.requestBytes > limit) {
      record.error = 'RequestPayloadSizeLimitExceeded';
      throw new SimError('RequestPayloadSizeLimitExceeded', `请求 ${record.requestBytes} 字节超过 ${limit} 字节`);
    }
    for (const c of batch) {
      try {
        const fault = this.faults.find((f) => f.times > 0 && f.location.test(c.location));
        if (fault) {
          fault.times--;
          throw fault.error();
        }
        record.responseBytes += c.run() ?? 0;
      } catch (e) {
        // Commands queued before the failing one have run and stay applied; the rest of the batch does not run:
        // https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling
        const err = e instanceof SimError ? e : new SimError('GeneralException', String(e), c.location);
        if (!err.debugInfo.errorLocation) Object.assign(err.debugInfo, { errorLocation: c.location, statement: c.location });
        record.error = err.code;
        throw err;
      }
    }
    // And a response above 5 MB on the web: https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins
    if (limit !== null && record.responseBytes > limit) {
      record.error = 'ResponsePayloadSizeLimitExceeded';
      throw new SimError('ResponsePayloadSizeLimitExceeded', `响应 ${record.responseBytes} 字节超过 ${limit} 字节`);
    }
  }

  // --- model helpers used by the proxies ---

  findSheet(name: string): SimSheet | undefined {
    return this.workbook.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  sheetById(id: number): SimSheet | undefined {
    return this.workbook.sheets.find((s) => s.id === id);
  }

  visibleCount(): number {
    return this.workbook.sheets.filter((s) => s.visibility === 'Visible').length;
  }

  checkStructure(what: string): void {
    // A protected workbook structure refuses adding, deleting, moving, hiding and renaming sheets: https://learn.microsoft.com/javascript/api/excel/excel.workbookprotection
    if (this.workbook.structureProtected) throw new SimError('AccessDenied', `工作簿结构受保护，不能${what}`, what);
  }

  checkSheetEditable(sheet: SimSheet, what: string): void {
    // A protected worksheet refuses edits to its (locked) cells and their formats: https://learn.microsoft.com/javascript/api/excel/excel.worksheetprotection
    if (sheet.protected) throw new SimError('AccessDenied', `工作表“${sheet.name}”受保护，不能${what}`, what);
  }
}

// ---------------------------------------------------------------------------------------------
// Proxy objects
// ---------------------------------------------------------------------------------------------

/**
 * Loaded state of a proxy: a property can be read only after load() and a sync.
 * Reading one before throws PropertyNotLoaded: https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model#load
 */
class Loadable {
  protected loaded = new Map<string, unknown>();
  protected resolvedNull: boolean | undefined;
  constructor(
    protected sim: StrictExcel,
    protected kind: string,
  ) {}

  protected read<T>(prop: string): T {
    if (!this.loaded.has(prop)) {
      throw new SimError('PropertyNotLoaded', `${this.kind}.${prop} 尚未加载：请先 load("${prop}") 并 context.sync()`, `${this.kind}.${prop}`);
    }
    return this.loaded.get(prop) as T;
  }

  /** *OrNullObject: isNullObject is known after the sync: https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model#ornullobject-methods-and-properties */
  get isNullObject(): boolean {
    if (this.resolvedNull === undefined)
      throw new SimError('PropertyNotLoaded', `${this.kind}.isNullObject 需要先 context.sync()`, `${this.kind}.isNullObject`);
    return this.resolvedNull;
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loaded);
  }
}

const propsOf = (props: unknown): string[] => {
  if (Array.isArray(props)) return props.map(String);
  if (typeof props === 'string')
    return props
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
  if (props && typeof props === 'object' && 'select' in props) return propsOf((props as { select: unknown }).select);
  throw new SimError('InvalidArgument', 'load() 需要明确的属性列表（不要空 load）');
};

/** How a worksheet proxy finds its sheet when a command runs. */
type SheetRef = { byName: string } | { byId: number } | { pending: { sheet?: SimSheet } } | { none: true };

class WorksheetProxy extends Loadable {
  private sheet: SimSheet | null | undefined;
  readonly protection: Loadable & { protected: boolean };

  constructor(
    sim: StrictExcel,
    private ref: SheetRef,
    private nullable: boolean,
  ) {
    super(sim, 'Worksheet');
    const self = this;
    const protection = new (class extends Loadable {
      get protected(): boolean {
        return this.read('protected');
      }
      fill(v: boolean) {
        this.loaded.set('protected', v);
      }
    })(sim, 'WorksheetProtection');
    this.protection = protection as unknown as Loadable & { protected: boolean };
    (this as unknown as { fillProtection: (v: boolean) => void }).fillProtection = (v) => protection.fill(v);
    if (nullable) {
      sim.enqueue('WorksheetCollection.getItemOrNullObject', 40, () => {
        self.resolvedNull = self.resolve() === null;
      });
    }
  }

  /** The sheet this proxy stands for, or null (null object); throws ItemNotFound for getItem. */
  resolve(): SimSheet | null {
    if (this.sheet !== undefined && this.sheet !== null && this.sim.sheetById(this.sheet.id)) return this.sheet;
    const r = this.ref;
    let found: SimSheet | undefined;
    if ('byName' in r) found = this.sim.findSheet(r.byName);
    else if ('byId' in r) found = this.sim.sheetById(r.byId);
    else if ('pending' in r) found = r.pending.sheet && this.sim.sheetById(r.pending.sheet.id);
    if (found) {
      this.sheet = found;
      return found;
    }
    if (this.nullable || 'none' in r) return null;
    // getItem on a missing sheet: https://learn.microsoft.com/javascript/api/excel/excel.worksheetcollection#excel-excel-worksheetcollection-getitem-member(1)
    throw new SimError('ItemNotFound', `找不到工作表“${'byName' in r ? r.byName : '?'}”`, 'WorksheetCollection.getItem');
  }

  /** The sheet for a command that needs a real one (a null object's commands fail). */
  must(location: string): SimSheet {
    const s = this.resolve();
    if (!s) throw new SimError('ItemNotFound', '对象不存在（null object）', location);
    return s;
  }

  fill(props: string[]): number {
    const s = this.resolve();
    let bytes = 0;
    for (const p of props) {
      const v = !s
        ? null
        : p === 'name'
          ? s.name
          : p === 'position'
            ? this.sim.workbook.sheets.indexOf(s)
            : p === 'visibility'
              ? s.visibility
              : p === 'protection/protected'
                ? s.protected
                : p === 'id'
                  ? `{${s.id}}`
                  : undefined;
      if (v === undefined) throw new SimError('InvalidArgument', `Worksheet 没有属性 ${p}`, `Worksheet.load(${p})`);
      if (p === 'protection/protected') (this as unknown as { fillProtection: (v: boolean) => void }).fillProtection(v as boolean);
      else this.loaded.set(p, v);
      bytes += utf8(v) + p.length + 4;
    }
    return bytes;
  }

  load(props: unknown): this {
    const list = propsOf(props);
    this.sim.enqueue('Worksheet.load', 20, () => this.fill(list));
    return this;
  }

  get name(): string {
    return this.read('name');
  }
  get position(): number {
    return this.read('position');
  }
  set position(p: number) {
    this.sim.enqueue('Worksheet.position', 10, () => {
      const s = this.must('Worksheet.position');
      this.sim.checkStructure('移动工作表');
      const list = this.sim.workbook.sheets;
      if (!Number.isInteger(p) || p < 0 || p >= list.length) throw new SimError('InvalidArgument', `位置 ${p} 无效`, 'Worksheet.position');
      list.splice(list.indexOf(s), 1);
      list.splice(p, 0, s);
    });
  }
  get visibility(): Visibility {
    return this.read('visibility');
  }
  set visibility(v: Visibility) {
    this.sim.enqueue('Worksheet.visibility', 10, () => {
      const s = this.must('Worksheet.visibility');
      if (s.visibility === v) return;
      this.sim.checkStructure('隐藏或显示工作表');
      // A workbook keeps at least one visible sheet: https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-visibility-member
      if (s.visibility === 'Visible' && this.sim.visibleCount() === 1)
        throw new SimError('InvalidOperation', '不能隐藏最后一个可见工作表', 'Worksheet.visibility');
      s.visibility = v;
    });
  }

  delete(): void {
    this.sim.enqueue('Worksheet.delete', 10, () => {
      const s = this.must('Worksheet.delete');
      this.sim.checkStructure('删除工作表');
      // Worksheet.delete throws InvalidOperation for a very hidden sheet (and for the last visible one):
      // https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-delete-member(1)
      if (s.visibility === 'VeryHidden') throw new SimError('InvalidOperation', `不能删除非常隐藏（VeryHidden）的工作表“${s.name}”`, 'Worksheet.delete');
      if (s.visibility === 'Visible' && this.sim.visibleCount() === 1) throw new SimError('InvalidOperation', '不能删除最后一个可见工作表', 'Worksheet.delete');
      const list = this.sim.workbook.sheets;
      list.splice(list.indexOf(s), 1);
      if (this.sim.workbook.activeSheetId === s.id) this.sim.workbook.activeSheetId = list.find((x) => x.visibility === 'Visible')?.id ?? null;
    });
  }

  activate(): void {
    this.sim.enqueue('Worksheet.activate', 10, () => {
      const s = this.must('Worksheet.activate');
      // Activating a hidden or very hidden sheet fails: https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-activate-member(1)
      if (s.visibility !== 'Visible') throw new SimError('InvalidOperation', `不能激活隐藏的工作表“${s.name}”`, 'Worksheet.activate');
      this.sim.workbook.activeSheetId = s.id;
    });
  }

  getRange(address?: string): RangeProxy {
    return new RangeProxy(this.sim, this, address ?? null);
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    this.sim.require(SINCE.getUsedRangeOrNullObject, 'Worksheet.getUsedRangeOrNullObject');
    return RangeProxy.used(this.sim, this, !!valuesOnly, true);
  }

  getUsedRange(valuesOnly?: boolean): RangeProxy {
    return RangeProxy.used(this.sim, this, !!valuesOnly, false);
  }

  get freezePanes() {
    this.sim.require(SINCE.freezePanes, 'Worksheet.freezePanes');
    return {
      freezeRows: (n: number) =>
        this.sim.enqueue('WorksheetFreezePanes.freezeRows', 10, () => {
          this.must('WorksheetFreezePanes.freezeRows');
          if (!Number.isInteger(n) || n < 0) throw new SimError('InvalidArgument', `冻结行数 ${n} 无效`, 'WorksheetFreezePanes.freezeRows');
        }),
    };
  }

  get pageLayout() {
    this.sim.require(SINCE.pageLayout, 'Worksheet.pageLayout');
    const sim = this.sim;
    const ws = this;
    const setter = (prop: string, check?: (v: unknown) => void) => (v: unknown) =>
      sim.enqueue(`PageLayout.${prop}`, utf8(v), () => {
        ws.must(`PageLayout.${prop}`);
        check?.(v);
      });
    const setOrientation = setter('orientation');
    const setZoom = setter('zoom', (z) => {
      // Fit-to-pages values are page counts; scale is 10–400: https://learn.microsoft.com/javascript/api/excel/excel.pagelayoutzoomoptions
      const o = z as Excel.PageLayoutZoomOptions;
      for (const k of ['horizontalFitToPages', 'verticalFitToPages'] as const) {
        const n = o[k];
        if (n !== undefined && n !== null && !(Number.isInteger(n) && n >= 1))
          throw new SimError('InvalidArgument', `${k} = ${n} 不是有效的页数`, `PageLayout.zoom.${k}`);
      }
      if (o.scale !== undefined && o.scale !== null && !(o.scale >= 10 && o.scale <= 400))
        throw new SimError('InvalidArgument', `scale = ${o.scale} 超出 10–400`, 'PageLayout.zoom.scale');
    });
    const setHeader = setter('headersFooters.centerHeader');
    return {
      set orientation(v: unknown) {
        setOrientation(v);
      },
      set zoom(v: unknown) {
        setZoom(v);
      },
      headersFooters: {
        defaultForAllPages: {
          set centerHeader(v: unknown) {
            setHeader(v);
          },
        },
      },
      setPrintArea: (address: string) =>
        sim.enqueue('PageLayout.setPrintArea', utf8(address), () => {
          const s = ws.must('PageLayout.setPrintArea');
          if (!parseRange(address.replace(/\$/g, ''))) throw new SimError('InvalidArgument', `打印区域 ${address} 无效`, 'PageLayout.setPrintArea');
          s.printArea = address;
        }),
      getPrintAreaOrNullObject: () => RangeAreasProxy.printArea(sim, ws),
    };
  }

  get notes(): NoteCollectionProxy {
    this.sim.require(SINCE.notes, 'Worksheet.notes');
    return new NoteCollectionProxy(this.sim, this);
  }
}

class WorksheetCollectionProxy extends Loadable {
  private itemsList: WorksheetProxy[] | null = null;
  constructor(sim: StrictExcel) {
    super(sim, 'WorksheetCollection');
  }

  load(props: unknown): this {
    const list = propsOf(props).map((p) => p.replace(/^items\//, ''));
    this.sim.enqueue('WorksheetCollection.load', 20, () => {
      this.itemsList = this.sim.workbook.sheets.map((s) => new WorksheetProxy(this.sim, { byId: s.id }, false));
      let bytes = 0;
      for (const ws of this.itemsList) bytes += ws.fill(list.filter((p) => p !== 'items'));
      return bytes;
    });
    return this;
  }

  get items(): WorksheetProxy[] {
    if (!this.itemsList) throw new SimError('PropertyNotLoaded', 'WorksheetCollection.items 尚未加载', 'WorksheetCollection.items');
    return this.itemsList;
  }

  getCount(): { value: number } {
    this.sim.require(SINCE.getCount, 'WorksheetCollection.getCount');
    const result = { filled: false, n: 0 };
    this.sim.enqueue('WorksheetCollection.getCount', 10, () => {
      result.n = this.sim.workbook.sheets.length;
      result.filled = true;
      return 8;
    });
    return {
      get value() {
        // A ClientResult's value is there only after the sync: https://learn.microsoft.com/javascript/api/office/officeextension.clientresult
        if (!result.filled) throw new SimError('PropertyNotLoaded', 'ClientResult.value 需要先 context.sync()', 'ClientResult.value');
        return result.n;
      },
    };
  }

  getItem(name: string): WorksheetProxy {
    return new WorksheetProxy(this.sim, { byName: name }, false);
  }

  getItemOrNullObject(name: string): WorksheetProxy {
    this.sim.require(SINCE.getItemOrNullObject, 'WorksheetCollection.getItemOrNullObject');
    return new WorksheetProxy(this.sim, { byName: name }, true);
  }

  add(name: string): WorksheetProxy {
    const pending: { sheet?: SimSheet } = {};
    this.sim.enqueue('WorksheetCollection.add', utf8(name), () => {
      this.sim.checkStructure('添加工作表');
      // Sheet names: unique, ≤ 31 characters, none of : \ / ? * [ ]: https://learn.microsoft.com/javascript/api/excel/excel.worksheetcollection#excel-excel-worksheetcollection-add-member(1)
      if (this.sim.findSheet(name)) throw new SimError('ItemAlreadyExists', `工作表“${name}”已存在`, 'WorksheetCollection.add');
      if (!name || name.length > 31 || /[[\]:*?/\\]/.test(name)) throw new SimError('InvalidArgument', `工作表名称“${name}”无效`, 'WorksheetCollection.add');
      pending.sheet = sheetOf({ name });
      this.sim.workbook.sheets.push(pending.sheet);
    });
    return new WorksheetProxy(this.sim, { pending }, false);
  }
}

class WorkbookProtectionProxy extends Loadable {
  constructor(sim: StrictExcel) {
    super(sim, 'WorkbookProtection');
  }
  load(props: unknown): this {
    const list = propsOf(props);
    this.sim.enqueue('WorkbookProtection.load', 10, () => {
      for (const p of list) {
        if (p !== 'protected') throw new SimError('InvalidArgument', `WorkbookProtection 没有属性 ${p}`);
        this.loaded.set('protected', this.sim.workbook.structureProtected);
      }
      return 16;
    });
    return this;
  }
  get protected(): boolean {
    return this.read('protected');
  }
}

// --- ranges ---

type RangeTarget = { sheet: SimSheet; r: RangeAddress } | null;

/** What Excel keeps of a value written to Range.values: https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-ranges-set-get-values */
function inputCell(x: unknown, formulas: boolean): Partial<SimCell> | null {
  if (x === null || x === undefined) return null; // null leaves the cell unchanged
  if (typeof x === 'number' || typeof x === 'boolean') return { v: x, f: null };
  const s = String(x);
  if (s.startsWith("'")) return { v: s.slice(1), f: null };
  if (s.startsWith('=') && s.length > 1) return { v: null, f: s };
  if (s === '') return { v: null, f: null };
  // Typed input is parsed: numbers, percentages and booleans become numbers and booleans (hence the adapter's apostrophe guard).
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s.trim())) return { v: Number(s), f: null };
  if (/^[+-]?\d+(\.\d+)?%$/.test(s.trim())) return { v: Number(s.trim().slice(0, -1)) / 100, f: null };
  if (/^(true|false)$/i.test(s.trim())) return { v: s.trim().toLowerCase() === 'true', f: null };
  void formulas;
  return { v: s, f: null };
}

const WHOLE: RangeAddress = { top: 1, left: 1, bottom: 1048576, right: 16384 };

function bounds(sheet: SimSheet, valuesOnly: boolean): RangeAddress | null {
  let b: RangeAddress | null = null;
  const grow = (r: number, c: number) => {
    if (!b) b = { top: r, left: c, bottom: r, right: c };
    else {
      b.top = Math.min(b.top, r);
      b.left = Math.min(b.left, c);
      b.bottom = Math.max(b.bottom, r);
      b.right = Math.max(b.right, c);
    }
  };
  for (const [k, c] of sheet.cells) {
    const has = (c.v !== null && c.v !== '') || c.f !== null || (!valuesOnly && c.n !== null);
    if (has) grow(...unkey(k));
  }
  if (!valuesOnly) for (const m of sheet.merges) (grow(m.top, m.left), grow(m.bottom, m.right));
  return b;
}

const a1 = (sheet: SimSheet, r: RangeAddress) =>
  `${quoteSheetName(sheet.name)}!${colToLetters(r.left)}${r.top}${r.top === r.bottom && r.left === r.right ? '' : `:${colToLetters(r.right)}${r.bottom}`}`;

class RangeProxy extends Loadable {
  private target: RangeTarget | undefined;
  constructor(
    sim: StrictExcel,
    private ws: WorksheetProxy,
    private addr: string | null,
    private locate?: () => RangeTarget,
    private nullable = false,
  ) {
    super(sim, 'Range');
    if (nullable) {
      sim.enqueue('Range.*OrNullObject', 20, () => {
        this.resolvedNull = this.resolve() === null;
      });
    }
  }

  static used(sim: StrictExcel, ws: WorksheetProxy, valuesOnly: boolean, nullable: boolean): RangeProxy {
    return new RangeProxy(
      sim,
      ws,
      null,
      () => {
        const s = nullable ? ws.resolve() : ws.must('Worksheet.getUsedRange');
        if (!s) return null;
        const b = bounds(s, valuesOnly);
        // getUsedRange on a blank sheet gives A1; the OrNullObject variant a null object: https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-getusedrangeornullobject-member(1)
        if (!b) return nullable ? null : { sheet: s, r: { top: 1, left: 1, bottom: 1, right: 1 } };
        return { sheet: s, r: b };
      },
      nullable,
    );
  }

  resolve(): RangeTarget {
    if (this.target !== undefined) return this.target;
    let t: RangeTarget;
    if (this.locate) t = this.locate();
    else {
      const s = this.ws.must('Worksheet.getRange');
      if (this.addr === null) t = { sheet: s, r: WHOLE };
      else {
        const clean = this.addr.replace(/\$/g, '');
        const rows = /^(\d+):(\d+)$/.exec(clean);
        const cols = /^([A-Z]+):([A-Z]+)$/i.exec(clean);
        const r = rows
          ? { top: +rows[1], bottom: +rows[2], left: 1, right: 16384 }
          : cols
            ? { top: 1, bottom: 1048576, left: parseA1(`${cols[1]}1`)!.col, right: parseA1(`${cols[2]}1`)!.col }
            : parseRange(clean);
        if (!r) throw new SimError('InvalidArgument', `地址 ${this.addr} 无效`, 'Worksheet.getRange');
        t = { sheet: s, r };
      }
    }
    this.target = t;
    return t;
  }

  private must(location: string): { sheet: SimSheet; r: RangeAddress } {
    const t = this.resolve();
    if (!t) throw new SimError('ItemNotFound', '对象不存在（null object）', location);
    return t;
  }

  load(props: unknown): this {
    const list = propsOf(props);
    this.sim.enqueue('Range.load', 20, () => {
      const t = this.resolve();
      let bytes = 0;
      for (const p of list) {
        const v = t ? this.value(t, p) : null;
        this.loaded.set(p, v);
        bytes += utf8(v) + p.length + 4;
      }
      return bytes;
    });
    return this;
  }

  private value(t: { sheet: SimSheet; r: RangeAddress }, p: string): unknown {
    const { sheet, r } = t;
    const grid = (f: (c: SimCell | undefined) => unknown) => {
      const rows = r.bottom - r.top + 1;
      const cols = r.right - r.left + 1;
      if (rows * cols > 5_000_000) throw new SimError('ResponsePayloadSizeLimitExceeded', '区域过大');
      return Array.from({ length: rows }, (_, y) => Array.from({ length: cols }, (_, x) => f(sheet.cells.get(key(r.top + y, r.left + x)))));
    };
    switch (p) {
      case 'rowIndex':
        return r.top - 1;
      case 'columnIndex':
        return r.left - 1;
      case 'rowCount':
        return r.bottom - r.top + 1;
      case 'columnCount':
        return r.right - r.left + 1;
      case 'address':
        return a1(sheet, r);
      case 'values':
        return grid((c) => (c?.v === null || c?.v === undefined ? '' : c.v));
      case 'formulas':
        return grid((c) => c?.f ?? (c?.v === null || c?.v === undefined ? '' : c.v));
      case 'numberFormat':
        return grid((c) => c?.n ?? 'General');
      default:
        throw new SimError('InvalidArgument', `Range 没有（模拟的）属性 ${p}`, `Range.load(${p})`);
    }
  }

  get rowIndex(): number {
    return this.read('rowIndex');
  }
  get columnIndex(): number {
    return this.read('columnIndex');
  }
  get rowCount(): number {
    return this.read('rowCount');
  }
  get columnCount(): number {
    return this.read('columnCount');
  }
  get address(): string {
    return this.read('address');
  }
  get values(): unknown[][] {
    return this.read('values');
  }
  set values(data: unknown[][]) {
    this.write('values', data);
  }
  get formulas(): unknown[][] {
    return this.read('formulas');
  }
  set formulas(data: unknown[][]) {
    this.write('formulas', data);
  }
  get numberFormat(): unknown[][] {
    return this.read('numberFormat');
  }
  set numberFormat(data: unknown[][]) {
    this.write('numberFormat', data);
  }

  private write(prop: 'values' | 'formulas' | 'numberFormat', data: unknown[][]): void {
    this.sim.enqueue(`Range.${prop}`, utf8(data), () => {
      const { sheet, r } = this.must(`Range.${prop}`);
      this.sim.checkSheetEditable(sheet, '写入单元格');
      const rows = r.bottom - r.top + 1;
      const cols = r.right - r.left + 1;
      // The 2D array must match the range's dimensions: https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-values-member
      if (!Array.isArray(data) || data.length !== rows || data.some((row) => !Array.isArray(row) || row.length !== cols)) {
        throw new SimError('InvalidArgument', `${prop} 数组大小与区域 ${a1(sheet, r)} 不一致`, `Range.${prop}`);
      }
      for (const row of data)
        for (const x of row) {
          // A cell holds at most 32,767 characters: https://support.microsoft.com/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3
          if (typeof x === 'string' && x.length > MAX_TEXT) throw new SimError('InvalidArgument', `文本超过 ${MAX_TEXT} 个字符`, `Range.${prop}`);
          // A lone surrogate is not valid text (it cannot be stored as UTF-8 in the file); Excel's strings are UTF-16: https://learn.microsoft.com/office/open-xml/spreadsheet/working-with-the-shared-string-table
          if (typeof x === 'string' && /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(x)) {
            throw new SimError('InvalidArgument', '文本含有被截断的代理项对（lone surrogate）', `Range.${prop}`);
          }
        }
      for (let y = 0; y < rows; y++)
        for (let x = 0; x < cols; x++) {
          const k = key(r.top + y, r.left + x);
          const d = data[y][x];
          const cell = sheet.cells.get(k) ?? { v: null, f: null, n: null };
          if (prop === 'numberFormat') {
            if (d === null) continue;
            cell.n = d === 'General' || d === '' ? null : String(d);
          } else {
            const next = inputCell(d, prop === 'formulas');
            if (!next) continue;
            Object.assign(cell, next);
          }
          sheet.cells.set(k, cell);
        }
    });
  }

  set hyperlink(link: unknown) {
    this.sim.require(SINCE.hyperlink, 'Range.hyperlink');
    this.sim.enqueue('Range.hyperlink', utf8(link), () => {
      this.sim.checkSheetEditable(this.must('Range.hyperlink').sheet, '写入链接');
    });
  }

  clear(applyTo?: string): void {
    this.sim.enqueue('Range.clear', 10, () => {
      const { sheet, r } = this.must('Range.clear');
      this.sim.checkSheetEditable(sheet, '清除单元格');
      const what = applyTo ?? 'All';
      for (const [k, c] of [...sheet.cells]) {
        const [row, col] = unkey(k);
        if (row < r.top || row > r.bottom || col < r.left || col > r.right) continue;
        if (what === 'All' || what === 'Contents') ((c.v = null), (c.f = null));
        if (what === 'All' || what === 'Formats') c.n = null;
        if (c.v === null && c.f === null && c.n === null) sheet.cells.delete(k);
      }
      if (what === 'All' || what === 'Formats') {
        sheet.merges = sheet.merges.filter((m) => m.bottom < r.top || m.top > r.bottom || m.right < r.left || m.left > r.right);
        for (const k of [...sheet.wrapped]) {
          const [row, col] = unkey(k);
          if (row >= r.top && row <= r.bottom && col >= r.left && col <= r.right) sheet.wrapped.delete(k);
        }
      }
    });
  }

  merge(): void {
    this.sim.enqueue('Range.merge', 10, () => {
      const { sheet, r } = this.must('Range.merge');
      this.sim.checkSheetEditable(sheet, '合并单元格');
      sheet.merges.push({ ...r });
    });
  }

  select(): void {
    this.sim.enqueue('Range.select', 10, () => {
      const { sheet } = this.must('Range.select');
      // Selecting needs the sheet shown: https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-select-member(1)
      if (sheet.visibility !== 'Visible') throw new SimError('InvalidOperation', '不能在隐藏的工作表中选择', 'Range.select');
      this.sim.workbook.activeSheetId = sheet.id;
    });
  }

  getMergedAreasOrNullObject(): RangeAreasProxy {
    this.sim.require(SINCE.mergedAreas, 'Range.getMergedAreasOrNullObject');
    return RangeAreasProxy.merged(this.sim, this);
  }

  /**
   * Formatting is not modelled beyond protection and existence (every set or call is one checked command),
   * except the layout: column widths, row heights, the standard sizes and autofit.
   */
  get format(): unknown {
    const sim = this.sim;
    const self = this;
    const loaded = new Map<string, unknown>();
    const layout = new Set(['columnWidth', 'rowHeight', 'useStandardWidth', 'useStandardHeight']);
    const rec = (path: string): unknown =>
      new Proxy(function () {}, {
        get(_t, prop) {
          if (typeof prop === 'symbol' || prop === 'then') return undefined;
          if (prop === 'borders') return { getItem: (e: string) => rec(`${path}.borders(${e})`) };
          if (path === 'format' && prop === 'load') return (props: unknown) => self.loadLayout(propsOf(props), loaded);
          if (path === 'format' && prop === 'autofitRows') return () => self.autofitRows();
          if (path === 'format' && layout.has(prop)) {
            if (!loaded.has(prop))
              throw new SimError('PropertyNotLoaded', `RangeFormat.${prop} 尚未加载：请先 load("${prop}") 并 context.sync()`, `RangeFormat.${prop}`);
            return loaded.get(prop);
          }
          return rec(`${path}.${String(prop)}`);
        },
        set(_t, prop, value) {
          if (path === 'format' && typeof prop === 'string' && layout.has(prop)) {
            self.setLayout(prop, value);
            return true;
          }
          if (path === 'format' && prop === 'wrapText') {
            sim.enqueue('Range.format.wrapText', utf8(value), () => {
              const { sheet, r } = self.must('Range.format.wrapText');
              sim.checkSheetEditable(sheet, '设置格式');
              for (let y = r.top; y <= Math.min(r.bottom, r.top + 100_000); y++)
                for (let x = r.left; x <= Math.min(r.right, r.left + 1000); x++) {
                  if (value === true) sheet.wrapped.add(key(y, x));
                  else sheet.wrapped.delete(key(y, x));
                }
            });
            return true;
          }
          sim.enqueue(`Range.${path}.${String(prop)}`, utf8(value), () => {
            sim.checkSheetEditable(self.must(`Range.${path}`).sheet, '设置格式');
          });
          return true;
        },
        apply() {
          sim.enqueue(`Range.${path}()`, 10, () => {
            sim.checkSheetEditable(self.must(`Range.${path}`).sheet, '设置格式');
          });
          return undefined;
        },
      });
    return rec('format');
  }

  private columns(r: RangeAddress): number[] {
    return Array.from({ length: r.right - r.left + 1 }, (_, i) => r.left + i);
  }

  private rows(r: RangeAddress): number[] {
    return Array.from({ length: r.bottom - r.top + 1 }, (_, i) => r.top + i);
  }

  /** RangeFormat.columnWidth / rowHeight (ExcelApi 1.2): null when not uniform; useStandard* (ExcelApi 1.7): https://learn.microsoft.com/javascript/api/excel/excel.rangeformat */
  private loadLayout(props: string[], into: Map<string, unknown>): void {
    for (const p of props) if (p.startsWith('useStandard')) this.sim.require(SINCE.standardSizes, `RangeFormat.${p}`);
    this.sim.enqueue('RangeFormat.load', 20, () => {
      const { sheet, r } = this.must('RangeFormat.load');
      const uniform = <T>(xs: T[]): T | null => (xs.every((x) => x === xs[0]) ? xs[0] : null);
      let bytes = 0;
      for (const p of props) {
        let v: unknown;
        if (p === 'columnWidth') v = uniform(this.columns(r).map((c) => sheet.columnWidths.get(c) ?? STANDARD_WIDTH));
        else if (p === 'rowHeight') v = uniform(this.rows(r).map((x) => sheet.rowHeights.get(x) ?? STANDARD_HEIGHT));
        else if (p === 'useStandardWidth') v = uniform(this.columns(r).map((c) => !sheet.columnWidths.has(c)));
        else if (p === 'useStandardHeight') v = uniform(this.rows(r).map((x) => !sheet.rowHeights.has(x)));
        else throw new SimError('InvalidArgument', `RangeFormat 没有（模拟的）属性 ${p}`, `RangeFormat.load(${p})`);
        into.set(p, v);
        bytes += utf8(v) + p.length + 4;
      }
      return bytes;
    });
  }

  private setLayout(prop: string, value: unknown): void {
    if (prop.startsWith('useStandard')) this.sim.require(SINCE.standardSizes, `RangeFormat.${prop}`);
    this.sim.enqueue(`Range.format.${prop}`, utf8(value), () => {
      const { sheet, r } = this.must(`Range.format.${prop}`);
      this.sim.checkSheetEditable(sheet, '设置格式');
      const n = value as number;
      if (prop === 'columnWidth') {
        // Up to 255 characters wide: https://support.microsoft.com/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3
        if (typeof n !== 'number' || !(n >= 0) || n > charsToPoints(255)) throw new SimError('InvalidArgument', `列宽 ${n} 无效`, 'Range.format.columnWidth');
        for (const c of this.columns(r)) sheet.columnWidths.set(c, n);
      } else if (prop === 'rowHeight') {
        // Up to 409 points high: same page.
        if (typeof n !== 'number' || !(n >= 0) || n > 409) throw new SimError('InvalidArgument', `行高 ${n} 无效`, 'Range.format.rowHeight');
        for (const x of this.rows(r)) sheet.rowHeights.set(x, n);
      } else if (value === true) {
        // Only meant to be set to true; false has no effect: https://learn.microsoft.com/javascript/api/excel/excel.rangeformat#excel-excel-rangeformat-usestandardwidth-member
        if (prop === 'useStandardWidth') for (const c of this.columns(r)) sheet.columnWidths.delete(c);
        else for (const x of this.rows(r)) sheet.rowHeights.delete(x);
      }
    });
  }

  /**
   * Autofit (ExcelApi 1.2) sets each row to what its content needs: modelled as one 15-point line per 20
   * characters of its longest wrapped text (unwrapped text stays on one line), the standard height for
   * a row without any.
   */
  private autofitRows(): void {
    this.sim.enqueue('Range.format.autofitRows()', 10, () => {
      const { sheet, r } = this.must('Range.format.autofitRows');
      this.sim.checkSheetEditable(sheet, '设置格式');
      for (const row of this.rows(r)) {
        let longest = 0;
        for (const [k, c] of sheet.cells) {
          const [y] = unkey(k);
          if (y === row && typeof c.v === 'string' && sheet.wrapped.has(k)) longest = Math.max(longest, c.v.length);
        }
        const lines = Math.ceil(longest / 20);
        if (lines <= 1) sheet.rowHeights.delete(row);
        else sheet.rowHeights.set(row, Math.min(409, lines * STANDARD_HEIGHT));
      }
    });
  }

  /** Range.getRowProperties / getColumnProperties (ExcelApi 1.9): a ClientResult filled by the sync: https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-getrowproperties-member(1) */
  getRowProperties(options: { rowIndex?: boolean; format?: { rowHeight?: boolean; useStandardHeight?: boolean } }): { value: unknown[] } {
    return this.properties('getRowProperties', (sheet, r) =>
      this.rows(r).map((row) => ({
        ...(options.rowIndex ? { rowIndex: row - 1 } : {}),
        format: {
          ...(options.format?.rowHeight ? { rowHeight: sheet.rowHeights.get(row) ?? STANDARD_HEIGHT } : {}),
          ...(options.format?.useStandardHeight ? { useStandardHeight: !sheet.rowHeights.has(row) } : {}),
        },
      })),
    );
  }

  getColumnProperties(options: { columnIndex?: boolean; format?: { columnWidth?: boolean; useStandardWidth?: boolean } }): { value: unknown[] } {
    return this.properties('getColumnProperties', (sheet, r) =>
      this.columns(r).map((col) => ({
        ...(options.columnIndex ? { columnIndex: col - 1 } : {}),
        format: {
          ...(options.format?.columnWidth ? { columnWidth: sheet.columnWidths.get(col) ?? STANDARD_WIDTH } : {}),
          ...(options.format?.useStandardWidth ? { useStandardWidth: !sheet.columnWidths.has(col) } : {}),
        },
      })),
    );
  }

  private properties(method: string, read: (sheet: SimSheet, r: RangeAddress) => unknown[]): { value: unknown[] } {
    this.sim.require(SINCE.rowColumnProperties, `Range.${method}`);
    const result: { filled: boolean; value: unknown[] } = { filled: false, value: [] };
    this.sim.enqueue(`Range.${method}`, 40, () => {
      const { sheet, r } = this.must(`Range.${method}`);
      result.value = read(sheet, r);
      result.filled = true;
      return utf8(result.value);
    });
    return {
      get value() {
        if (!result.filled) throw new SimError('PropertyNotLoaded', 'ClientResult.value 需要先 context.sync()', 'ClientResult.value');
        return result.value;
      },
    };
  }
}

class RangeAreasProxy extends Loadable {
  private constructor(
    sim: StrictExcel,
    location: string,
    private locate: () => string | null,
  ) {
    super(sim, 'RangeAreas');
    sim.enqueue(location, 20, () => {
      this.resolvedNull = this.locate() === null;
    });
  }

  static merged(sim: StrictExcel, range: RangeProxy): RangeAreasProxy {
    return new RangeAreasProxy(sim, 'Range.getMergedAreasOrNullObject', () => {
      const t = range.resolve();
      if (!t) throw new SimError('ItemNotFound', '对象不存在（null object）', 'Range.getMergedAreasOrNullObject');
      const inside = t.sheet.merges.filter((m) => m.top >= t.r.top && m.bottom <= t.r.bottom && m.left >= t.r.left && m.right <= t.r.right);
      return inside.length ? inside.map((m) => a1(t.sheet, m)).join(', ') : null;
    });
  }

  static printArea(sim: StrictExcel, ws: WorksheetProxy): RangeAreasProxy {
    return new RangeAreasProxy(sim, 'PageLayout.getPrintAreaOrNullObject', () => {
      const s = ws.resolve();
      if (!s) throw new SimError('ItemNotFound', '对象不存在（null object）', 'PageLayout.getPrintAreaOrNullObject');
      return s.printArea ? `${quoteSheetName(s.name)}!${s.printArea.replace(/^.*!/, '')}` : null;
    });
  }

  load(props: unknown): this {
    const list = propsOf(props);
    this.sim.enqueue('RangeAreas.load', 10, () => {
      const address = this.locate();
      for (const p of list) {
        if (p !== 'address') throw new SimError('InvalidArgument', `RangeAreas 没有（模拟的）属性 ${p}`);
        this.loaded.set('address', address ?? '');
      }
      return utf8(address);
    });
    return this;
  }

  get address(): string {
    return this.read('address');
  }
}

// --- notes (ExcelApi 1.18) ---

class NoteProxy extends Loadable {
  constructor(
    sim: StrictExcel,
    private sheet: () => SimSheet,
    private at: string,
  ) {
    super(sim, 'Note');
  }
  fill(props: string[]): number {
    let bytes = 0;
    for (const p of props) {
      if (p !== 'content') throw new SimError('InvalidArgument', `Note 没有（模拟的）属性 ${p}`);
      const v = this.sheet().notes.get(this.at) ?? '';
      this.loaded.set('content', v);
      bytes += utf8(v) + 12;
    }
    return bytes;
  }
  load(props: unknown): this {
    const list = propsOf(props);
    this.sim.enqueue('Note.load', 10, () => this.fill(list));
    return this;
  }
  get content(): string {
    return this.read('content');
  }
  /** https://learn.microsoft.com/javascript/api/excel/excel.note#excel-excel-note-getlocation-member(1) */
  getLocation(): RangeProxy {
    const ws = new WorksheetProxy(this.sim, { byId: this.sheet().id }, false);
    return new RangeProxy(this.sim, ws, this.at);
  }
}

class NoteCollectionProxy extends Loadable {
  private list: NoteProxy[] | null = null;
  constructor(
    sim: StrictExcel,
    private ws: WorksheetProxy,
  ) {
    super(sim, 'NoteCollection');
  }
  // Notes of a worksheet: https://learn.microsoft.com/javascript/api/excel/excel.notecollection
  load(props: unknown): this {
    const list = propsOf(props)
      .map((p) => p.replace(/^items\//, ''))
      .filter((p) => p !== 'items');
    this.sim.enqueue('NoteCollection.load', 10, () => {
      const s = this.ws.must('NoteCollection.load');
      this.list = [...s.notes.keys()].map((at) => new NoteProxy(this.sim, () => s, at));
      return this.list.reduce((n, note) => n + note.fill(list), 0);
    });
    return this;
  }
  get items(): NoteProxy[] {
    if (!this.list) throw new SimError('PropertyNotLoaded', 'NoteCollection.items 尚未加载', 'NoteCollection.items');
    return this.list;
  }
}

// ---------------------------------------------------------------------------------------------
// The Office and Excel globals
// ---------------------------------------------------------------------------------------------

export interface OfficeGlobalOptions {
  /** An add-in installed from Microsoft Marketplace: Office.addin.showAsTaskpane() resolves but shows nothing. */
  marketplace?: boolean;
  /** Office.onReady resolves after this many ms (default at once). */
  readyAfterMs?: number;
}

export interface SimOffice {
  Office: unknown;
  Excel: unknown;
  associated: Map<string, (event: { completed: () => void }) => unknown>;
  /** Times the task pane was actually shown. */
  paneShown: () => number;
  runOptions: unknown[];
}

/** Globals for code that calls Office.* and Excel.run against the simulator. */
export function officeGlobals(sim: () => StrictExcel, options: OfficeGlobalOptions = {}): SimOffice {
  const associated = new Map<string, (event: { completed: () => void }) => unknown>();
  let shown = 0;
  const visibilityHandlers: ((a: { visibilityMode: string }) => void)[] = [];
  const runOptions: unknown[] = [];
  const p = () => sim().profile;
  const Office = {
    onReady: (cb?: (info: unknown) => void) =>
      new Promise((resolve) => {
        const info = { host: 'Excel', platform: p().platform };
        setTimeout(() => {
          cb?.(info);
          resolve(info);
        }, options.readyAfterMs ?? 0);
      }),
    context: {
      requirements: {
        // Runtime checks of requirement sets: https://learn.microsoft.com/javascript/api/office/office.requirementsetsupport#office-office-requirementsetsupport-issetsupported-member(1)
        isSetSupported: (name: string, version?: string) => {
          const minor = Number(String(version ?? '1.1').split('.')[1] ?? 1);
          if (name === 'ExcelApi') return p().excelApi >= minor;
          if (name === 'SharedRuntime') return p().sharedRuntime && minor <= 1;
          return false;
        },
      },
    },
    actions: {
      // Function-command handlers are registered with Office.actions.associate: https://learn.microsoft.com/javascript/api/office/office.actions#office-office-actions-associate-member(1)
      associate: (id: string, fn: (event: { completed: () => void }) => unknown) => associated.set(id, fn),
    },
    get addin() {
      if (!p().sharedRuntime) return undefined;
      return {
        // showAsTaskpane (SharedRuntime 1.1): https://learn.microsoft.com/javascript/api/office/office.addin#office-office-addin-showastaskpane-member(1)
        // Ignored for add-ins acquired from Microsoft Marketplace (the promise still resolves; nothing is shown).
        showAsTaskpane: () => {
          if (!options.marketplace) {
            shown++;
            for (const h of visibilityHandlers) h({ visibilityMode: 'Taskpane' });
          }
          return Promise.resolve();
        },
        onVisibilityModeChanged: (h: (a: { visibilityMode: string }) => void) => {
          visibilityHandlers.push(h);
          return Promise.resolve(() => Promise.resolve());
        },
      };
    },
  };
  const Excel = {
    run: async (a: unknown, b?: unknown) => {
      const batch = (typeof a === 'function' ? a : b) as (c: Excel.RequestContext) => Promise<unknown>;
      if (typeof a !== 'function') runOptions.push(a);
      return batch(sim().context());
    },
  };
  return { Office, Excel, associated, paneShown: () => shown, runOptions };
}
