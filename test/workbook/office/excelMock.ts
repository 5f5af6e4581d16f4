/**
 * A fake Excel request context for the Office.js adapter tests.
 *
 * Reads use office-addin-mock objects, so a property read before it was
 * loaded and synced returns the mock's error string instead of the data: a
 * test that asserts on real values proves the code loaded, then synced.
 * Writes go to recording proxies that log every property set and method call
 * (with the sheet and range address in the path), next to the sync calls, so
 * a test can check what was queued before which sync.
 */
import { OfficeMockObject } from 'office-addin-mock';

export interface MockUsedRange {
  rowIndex: number;
  columnIndex: number;
  rowCount?: number;
  columnCount?: number;
  values: unknown;
  formulas?: unknown;
  numberFormat?: unknown;
}

export interface MockSheet {
  name: string;
  visibility?: 'Visible' | 'Hidden' | 'VeryHidden';
  protected?: boolean;
  /** null: a blank sheet (getUsedRangeOrNullObject gives a null object). */
  used?: MockUsedRange | null;
  /** RangeAreas.address of the merged areas, e.g. "Sheet1!A1:B2, Sheet1!C3:C9"; null: none. */
  merged?: string | null;
  /** RangeAreas.address of the print area, e.g. "Sheet1!A1:H37"; null/absent: none. */
  printArea?: string | null;
}

export type MockEvent =
  | { type: 'sync'; n: number }
  | { type: 'set'; path: string; value: unknown }
  | { type: 'call'; path: string; args: unknown[] }
  | { type: 'load'; path: string; props: unknown };

export type WriteEvent = Extract<MockEvent, { type: 'set' | 'call' }>;

export interface ExcelMock {
  context: Excel.RequestContext;
  events: MockEvent[];
  /** Number of context.sync() calls so far. */
  syncs(): number;
  /** Property sets whose path ends with `suffix` (e.g. ".values"). */
  sets(suffix: string): { path: string; value: unknown }[];
  calls(suffix: string): { path: string; args: unknown[] }[];
  /** Events of kind set/call (the writes), in order. */
  writes(): WriteEvent[];
}

export interface MockOptions {
  /** Make the n-th sync(s) (1-based) reject with this error. */
  failSync?: { at: number | number[]; error: unknown };
}

const q = (v: unknown) => JSON.stringify(v);

/** A proxy that records every set and call under `path` and returns more proxies. */
function recorder(path: string, events: MockEvent[]): any {
  const target = function () {
    /* callable target for the apply trap */
  };
  return new Proxy(target, {
    get(_t, prop) {
      if (prop === 'then' || typeof prop === 'symbol') return undefined;
      return recorder(`${path}.${prop}`, events);
    },
    set(_t, prop, value) {
      events.push({ type: 'set', path: `${path}.${String(prop)}`, value });
      return true;
    },
    apply(_t, _this, args) {
      events.push({ type: 'call', path, args });
      return recorder(`${path}(${args.map(q).join(',')})`, events);
    },
  });
}

function usedRangeMock(used: MockUsedRange | null | undefined): OfficeMockObject {
  if (!used) {
    const n = new OfficeMockObject({ rowIndex: 0, columnIndex: 0, rowCount: 0, columnCount: 0, values: undefined, formulas: undefined, numberFormat: undefined });
    (n as any).isNullObject = true;
    return n;
  }
  const values = Array.isArray(used.values) ? (used.values as unknown[][]) : null;
  const rows = values ? values.length : 0;
  const cols = values && rows > 0 ? values[0].length : 0;
  const data: Record<string, unknown> = {
    rowIndex: used.rowIndex,
    columnIndex: used.columnIndex,
    rowCount: used.rowCount ?? rows,
    columnCount: used.columnCount ?? cols,
    values: values ?? undefined,
    formulas: used.formulas ?? values ?? undefined,
    numberFormat: used.numberFormat ?? values?.map((row) => row.map(() => 'General')),
  };
  const r = new OfficeMockObject(data);
  // office-addin-mock cannot be populated with null; a loaded null is set directly (it survives load and sync).
  for (const k of ['values', 'formulas', 'numberFormat'] as const) if (data[k] === undefined) (r as any)[k] = null;
  (r as any).isNullObject = false;
  return r;
}

export function createExcelMock(sheets: MockSheet[], options: MockOptions = {}): ExcelMock {
  const events: MockEvent[] = [];
  const registry: OfficeMockObject[] = [];
  const track = <T extends OfficeMockObject>(m: T): T => {
    registry.push(m);
    return m;
  };
  let syncCount = 0;

  const items = sheets.map((spec, position) => {
    const ws = track(
      new OfficeMockObject({
        name: spec.name,
        position,
        visibility: spec.visibility ?? 'Visible',
        protection: { protected: !!spec.protected },
      }),
    );
    (ws as any).getUsedRangeOrNullObject = (valuesOnly?: boolean) => {
      events.push({ type: 'call', path: `ws(${q(spec.name)}).getUsedRangeOrNullObject`, args: [valuesOnly] });
      return track(usedRangeMock(spec.used));
    };
    (ws as any).pageLayout = {
      getPrintAreaOrNullObject: () => {
        events.push({ type: 'call', path: `ws(${q(spec.name)}).pageLayout.getPrintAreaOrNullObject`, args: [] });
        const area = track(new OfficeMockObject({ address: spec.printArea ?? '' }));
        (area as any).isNullObject = !spec.printArea;
        return area;
      },
    };
    (ws as any).getUsedRange = () => {
      const formatted = track(new OfficeMockObject({ address: `${spec.name}!A1` }));
      (formatted as any).getMergedAreasOrNullObject = () => {
        const areas = track(new OfficeMockObject({ address: spec.merged ?? '' }));
        (areas as any).isNullObject = !spec.merged;
        return areas;
      };
      return formatted;
    };
    return ws;
  });

  const worksheets = track(new OfficeMockObject({ items }));
  const baseLoad = worksheets.load.bind(worksheets);
  (worksheets as any).load = (props: string) => {
    events.push({ type: 'load', path: 'worksheets', props });
    // office-addin-mock cannot navigate into an array: load "items", then each item's own properties.
    baseLoad('items');
    for (const p of String(props).split(',')) {
      const sub = p.trim().replace(/^items\//, '');
      if (sub && sub !== 'items') items.forEach((ws) => ws.load(sub));
    }
    return worksheets;
  };
  (worksheets as any).getCount = () => {
    events.push({ type: 'call', path: 'worksheets.getCount', args: [] });
    // A ClientResult: sync fills `value` without a load.
    const result = track(new OfficeMockObject({ value: items.length }));
    result.load('value');
    return result;
  };
  // Reads by name: the sheet's mock, or a null object whose reads come back as null objects too.
  (worksheets as any).getItemOrNullObject = (name: string) => {
    events.push({ type: 'call', path: 'worksheets.getItemOrNullObject', args: [name] });
    const i = sheets.findIndex((s) => s.name.toLowerCase() === name.toLowerCase());
    if (i >= 0) return items[i];
    const none = track(new OfficeMockObject({ name: '', position: -1, visibility: 'Visible', protection: { protected: false } }));
    (none as any).isNullObject = true;
    const nullRange = (): OfficeMockObject => {
      const r = track(new OfficeMockObject({ address: '', rowIndex: 0, columnIndex: 0, rowCount: 0, columnCount: 0, values: undefined, formulas: undefined, numberFormat: undefined }));
      (r as any).isNullObject = true;
      (r as any).getMergedAreasOrNullObject = () => nullRange();
      return r;
    };
    (none as any).getUsedRangeOrNullObject = nullRange;
    (none as any).getUsedRange = nullRange;
    (none as any).pageLayout = { getPrintAreaOrNullObject: nullRange };
    return none;
  };
  (worksheets as any).getItem = (name: string) => {
    events.push({ type: 'call', path: 'worksheets.getItem', args: [name] });
    return recorder(`ws(${q(name)})`, events);
  };
  (worksheets as any).add = (name: string) => {
    events.push({ type: 'call', path: 'worksheets.add', args: [name] });
    return recorder(`ws(${q(name)})`, events);
  };

  const context = {
    workbook: { worksheets },
    sync: async () => {
      syncCount++;
      events.push({ type: 'sync', n: syncCount });
      if (options.failSync && ([] as number[]).concat(options.failSync.at).includes(syncCount)) throw options.failSync.error;
      for (const m of registry) await m.sync();
    },
  } as unknown as Excel.RequestContext;

  const isWrite = (e: MockEvent): e is WriteEvent => e.type === 'set' || (e.type === 'call' && e.path !== 'worksheets.getItem' && !e.path.endsWith('getUsedRangeOrNullObject') && !e.path.endsWith('getPrintAreaOrNullObject') && e.path !== 'worksheets.getCount' && e.path !== 'worksheets.getItemOrNullObject');
  return {
    context,
    events,
    syncs: () => syncCount,
    sets: (suffix) => events.filter((e): e is Extract<MockEvent, { type: 'set' }> => e.type === 'set' && e.path.endsWith(suffix)),
    calls: (suffix) => events.filter((e): e is Extract<MockEvent, { type: 'call' }> => e.type === 'call' && e.path.endsWith(suffix)),
    writes: () => events.filter(isWrite),
  };
}

/** An Office.js-style error as Excel.run rejects with. */
export function officeError(code: string, message: string, debugInfo: Record<string, unknown> = {}): Error {
  const e = new Error(message) as Error & { code: string; debugInfo: Record<string, unknown> };
  e.name = 'RichApi.Error';
  e.code = code;
  e.debugInfo = { code, message, ...debugInfo };
  return e;
}
