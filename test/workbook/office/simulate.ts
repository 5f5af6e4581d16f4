/**
 * Test helpers around the Excel mock: a snapshot as Office.js would return it
 * (mockSheet), and a small model of what Excel does with the writes the
 * adapter queued (applyWrites): enough to score through the mock, reopen the
 * result through the mock and undo, and compare cells with the original.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseRange, quoteSheetName } from '../../../src/engine/address';
import { ALL_FEATURES } from '../../../src/workbook/office/features';
import type { SheetNameCache } from '../../../src/workbook/office/run';
import { loadWorkbook } from '../../../src/workbook/xlsx/io';
import { snapshotFromWorkbook } from '../../../src/workbook/xlsx/readSnapshot';
import type { CellScalar, SheetSnapshot, WorkbookSnapshot } from '../../../src/engine/snapshot';
import type { MockSheet, WriteEvent } from './excelMock';

/** A bundled sample workbook (samples/), as the ExcelJS reader sees it. */
export async function sampleSnapshot(file: string): Promise<WorkbookSnapshot> {
  const bytes = fs.readFileSync(path.join(__dirname, '../../../samples', file));
  return snapshotFromWorkbook(await loadWorkbook(new Uint8Array(bytes)));
}

/** Run options for the services on the mock; cold (no sheet names remembered) unless a session cache is passed. */
export const runnerFor = (context: Excel.RequestContext, sheetNames: SheetNameCache = { names: null }) => ({
  run: <T>(batch: (c: Excel.RequestContext) => Promise<T>) => batch(context),
  features: ALL_FEATURES,
  sheetNames,
});

/** What Office.js would return for a sheet: dense arrays, "" for empty, constants repeated in `formulas`. */
export function mockSheet(s: SheetSnapshot): MockSheet {
  const width = Math.max(0, ...s.values.map((r) => r.length), ...s.formulas.map((r) => r.length));
  const height = Math.max(s.values.length, s.formulas.length);
  const visibility = s.visibility === 'hidden' ? 'Hidden' : s.visibility === 'veryHidden' ? 'VeryHidden' : 'Visible';
  const base = {
    name: s.name,
    visibility,
    protected: !!s.protected,
    merged: s.merges.length ? s.merges.map((m) => `${quoteSheetName(s.name)}!${m}`).join(', ') : null,
  } as const;
  if (height === 0 || width === 0) return { ...base, used: null };
  const grid = <T>(f: (r: number, c: number) => T) => Array.from({ length: height }, (_, r) => Array.from({ length: width }, (_, c) => f(r, c)));
  const value = (r: number, c: number) => s.values[r]?.[c] ?? '';
  return {
    ...base,
    used: {
      rowIndex: s.origin.row - 1,
      columnIndex: s.origin.col - 1,
      values: grid(value),
      formulas: grid((r, c) => s.formulas[r]?.[c] ?? value(r, c)),
      numberFormat: grid((r, c) => s.numberFormats[r]?.[c] ?? 'General'),
    },
  };
}

interface Cell {
  v: CellScalar;
  f: string | null;
  n: string | null;
}

interface ModelSheet {
  name: string;
  visibility: SheetSnapshot['visibility'];
  cells: Map<string, Cell>;
}

const key = (row: number, col: number) => `${row},${col}`;

function toModel(s: SheetSnapshot): ModelSheet {
  const cells = new Map<string, Cell>();
  const rows = Math.max(s.values.length, s.formulas.length, s.numberFormats.length);
  for (let r = 0; r < rows; r++) {
    const cols = Math.max(s.values[r]?.length ?? 0, s.formulas[r]?.length ?? 0, s.numberFormats[r]?.length ?? 0);
    for (let c = 0; c < cols; c++) {
      const cell = { v: s.values[r]?.[c] ?? null, f: s.formulas[r]?.[c] ?? null, n: s.numberFormats[r]?.[c] ?? null };
      if (cell.v !== null || cell.f !== null || cell.n !== null) cells.set(key(s.origin.row + r, s.origin.col + c), cell);
    }
  }
  return { name: s.name, visibility: s.visibility ?? 'visible', cells };
}

function toSnapshot(m: ModelSheet): SheetSnapshot {
  const at = [...m.cells.keys()].map((k) => k.split(',').map(Number));
  const base = { name: m.name, visibility: m.visibility, merges: [] as string[] };
  if (at.length === 0) return { ...base, origin: { row: 1, col: 1 }, values: [], formulas: [], numberFormats: [] };
  const top = Math.min(...at.map(([r]) => r));
  const left = Math.min(...at.map(([, c]) => c));
  const bottom = Math.max(...at.map(([r]) => r));
  const right = Math.max(...at.map(([, c]) => c));
  const grid = <T>(f: (c: Cell | undefined) => T) =>
    Array.from({ length: bottom - top + 1 }, (_, r) => Array.from({ length: right - left + 1 }, (_, c) => f(m.cells.get(key(top + r, left + c)))));
  return {
    ...base,
    origin: { row: top, col: left },
    values: grid((c) => c?.v ?? null),
    formulas: grid((c) => c?.f ?? null),
    numberFormats: grid((c) => c?.n ?? null),
  };
}

/** What Excel keeps of a typed input: "'text" is the text, "=..." a formula, the rest as given. */
function input(x: unknown): { v: CellScalar; f: string | null } {
  if (typeof x === 'string' && x.startsWith("'")) return { v: x.slice(1), f: null };
  if (typeof x === 'string' && x.startsWith('=') && x.length > 1) return { v: null, f: x };
  if (x === '' || x === null || x === undefined) return { v: null, f: null };
  return { v: x as CellScalar, f: null };
}

const RANGE = /^ws\("((?:[^"\\]|\\.)*)"\)\.getRange\("([^"]+)"\)\.(values|formulas|numberFormat)$/;
const CLEAR = /^ws\("((?:[^"\\]|\\.)*)"\)\.getRange\("([^"]+)"\)\.clear$/;
const SHEET = /^ws\("((?:[^"\\]|\\.)*)"\)\.(delete|visibility|position)$/;

/**
 * Replay the adapter's writes on a copy of the snapshot, the way Excel would
 * apply them (values, formulas, number formats, clear, add/delete sheet,
 * visibility, position). Formatting and layout writes do not change cell contents and
 * are ignored. A formula's value is left empty: Excel would recalculate it.
 */
export function applyWrites(snapshot: WorkbookSnapshot, writes: WriteEvent[]): WorkbookSnapshot {
  const sheets = snapshot.sheets.map(toModel);
  const find = (name: string) => {
    const s = sheets.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!s) throw new Error(`write to a missing sheet ${name}`);
    return s;
  };
  for (const e of writes) {
    if (e.type === 'call' && e.path === 'worksheets.add') {
      sheets.push({ name: String(e.args[0]), visibility: 'visible', cells: new Map() });
      continue;
    }
    let m = SHEET.exec(e.path);
    if (m) {
      const name = JSON.parse(`"${m[1]}"`) as string;
      if (m[2] === 'delete' && e.type === 'call') sheets.splice(sheets.indexOf(find(name)), 1);
      if (m[2] === 'position' && e.type === 'set') {
        const sheet = find(name);
        sheets.splice(sheets.indexOf(sheet), 1);
        sheets.splice(e.value as number, 0, sheet);
      }
      if (m[2] === 'visibility' && e.type === 'set')
        find(name).visibility = e.value === 'VeryHidden' ? 'veryHidden' : e.value === 'Hidden' ? 'hidden' : 'visible';
      continue;
    }
    m = CLEAR.exec(e.path);
    if (m && e.type === 'call') {
      const sheet = find(JSON.parse(`"${m[1]}"`));
      const r = parseRange(m[2])!;
      for (let y = r.top; y <= r.bottom; y++) for (let x = r.left; x <= r.right; x++) sheet.cells.delete(key(y, x));
      continue;
    }
    m = RANGE.exec(e.path);
    if (!m || e.type !== 'set') continue;
    const sheet = find(JSON.parse(`"${m[1]}"`));
    const r = parseRange(m[2])!;
    const data = e.value as unknown[][];
    for (let y = r.top; y <= r.bottom; y++)
      for (let x = r.left; x <= r.right; x++) {
        const k = key(y, x);
        const cell = sheet.cells.get(k) ?? { v: null, f: null, n: null };
        const d = data[y - r.top][x - r.left];
        if (m[3] === 'numberFormat') cell.n = d === 'General' ? null : (d as string);
        else Object.assign(cell, input(d));
        sheet.cells.set(k, cell);
      }
  }
  return { sheets: sheets.map(toSnapshot) };
}
