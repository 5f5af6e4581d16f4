/**
 * The engine's record inside the workbook (a very hidden sheet): what it wrote
 * last time and what every touched cell held before the first run. It lets a
 * second run recognise its own output (and leave evaluator-typed values
 * alone), makes runs repeatable, and lets 撤销本次评分 restore the workbook
 * exactly, even after Excel is closed and reopened.
 */
import { parseA1, toA1 } from './address';
import type { CellWrite, SheetCreate, SheetEdit } from './patch';
import { findSheet, formulaAt, numberFormatAt, valueAt, type CellScalar, type WorkbookSnapshot } from './snapshot';

export const STATE_SHEET = '_绩效评分记录';
const CHUNK = 30000;

export interface PriorCell {
  v: CellScalar;
  f: string | null;
  n: string | null;
  /** 1 when the engine also styled the cell: undo clears its formatting. */
  s?: 1;
}

export interface EngineState {
  v: 1;
  /** Last value the engine wrote per sheet and A1 address. */
  written: Record<string, Record<string, CellScalar>>;
  /** Content before the engine first touched the cell. */
  previous: Record<string, Record<string, PriorCell>>;
  /** Sheets the engine created (deleted by undo). */
  createdSheets: string[];
  /** The indicator sheet the evaluator chose in the pane (later runs use it instead of detecting). */
  indicatorSheet?: string;
  /** Layout before the engine first changed it, per sheet (undo puts it back). */
  layout?: Record<string, PriorLayout>;
}

/** Column widths / row heights (null: the default) and print area (null: none) before the first run. */
export interface PriorLayout {
  widths?: Record<string, number | null>;
  heights?: Record<string, number | null>;
  printArea?: string | null;
}

/** What a run changes besides cells: the layout parts of its edits. */
export type RunEdit = Pick<SheetEdit, 'sheet' | 'cells'> & Partial<Pick<SheetEdit, 'columnWidths' | 'minRowHeights' | 'printThroughCol'>>;

export function emptyState(): EngineState {
  return { v: 1, written: {}, previous: {}, createdSheets: [] };
}

/** Read the record; null when absent or unreadable (then nothing counts as the engine's). */
export function readState(snapshot: WorkbookSnapshot): EngineState | null {
  const sheet = findSheet(snapshot, STATE_SHEET);
  if (!sheet) return null;
  let json = '';
  for (let r = sheet.origin.row; r < sheet.origin.row + sheet.values.length; r++) {
    const v = valueAt(sheet, r, 1);
    if (typeof v === 'string') json += v;
  }
  try {
    const parsed = JSON.parse(json) as EngineState;
    if (parsed && parsed.v === 1 && parsed.written && parsed.previous) return parsed;
  } catch {
    return null;
  }
  return null;
}

export function sameValue(a: CellScalar, b: CellScalar): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-9;
  if ((a === null || a === '') && (b === null || b === '')) return true;
  return a === b;
}

/** True when the cell still holds exactly what the engine wrote there last time. */
export function isEngineValue(state: EngineState | null, sheet: string, row: number, col: number, current: CellScalar): boolean {
  if (!state) return false;
  const w = state.written[sheet]?.[toA1(row, col)];
  return w !== undefined && sameValue(w, current);
}

/**
 * Record a run's writes: the first-seen content of each touched cell is kept
 * from an earlier record when the engine's own value is still there, so
 * running twice leaves the same record (and undo goes back to before the first run).
 */
export function recordRun(
  snapshot: WorkbookSnapshot,
  prior: EngineState | null,
  edits: RunEdit[],
  createdSheets: string[],
  indicatorSheet?: string,
): EngineState {
  const next = emptyState();
  for (const { sheet, cells } of edits) {
    const snap = findSheet(snapshot, sheet);
    for (const w of cells) {
      const a1 = toA1(w.row, w.col);
      const current = snap ? valueAt(snap, w.row, w.col) : null;
      const earlier = prior?.previous[sheet]?.[a1];
      const ours = earlier !== undefined && isEngineValue(prior, sheet, w.row, w.col, current);
      const before: PriorCell = ours
        ? earlier
        : {
            v: current,
            f: snap ? formulaAt(snap, w.row, w.col) : null,
            n: snap ? numberFormatAt(snap, w.row, w.col) : null,
          };
      const record: PriorCell = w.style || before.s ? { ...before, s: 1 } : before;
      (next.previous[sheet] ??= {})[a1] = record;
      (next.written[sheet] ??= {})[a1] = w.value ?? null;
    }
  }
  // Cells written last time but not this time keep their original content on record.
  if (prior) {
    for (const [sheet, cells] of Object.entries(prior.previous)) {
      for (const [a1, before] of Object.entries(cells)) {
        if (next.previous[sheet]?.[a1]) continue;
        const addr = parseA1(a1);
        const snap = findSheet(snapshot, sheet);
        if (!addr || !snap) continue;
        if (!isEngineValue(prior, sheet, addr.row, addr.col, valueAt(snap, addr.row, addr.col))) continue;
        (next.previous[sheet] ??= {})[a1] = before;
        (next.written[sheet] ??= {})[a1] = prior.written[sheet][a1];
      }
    }
  }
  next.layout = recordLayout(snapshot, prior, edits);
  if (Object.keys(next.layout).length === 0) delete next.layout;
  const created = new Set([...(prior?.createdSheets ?? []), ...createdSheets]);
  next.createdSheets = [...created].filter((s) => s !== STATE_SHEET).sort();
  if (indicatorSheet) next.indicatorSheet = indicatorSheet;
  return next;
}

/** The layout each edit changes, as it was before the first run (an earlier record's entries win). */
function recordLayout(snapshot: WorkbookSnapshot, prior: EngineState | null, edits: RunEdit[]): Record<string, PriorLayout> {
  const out: Record<string, PriorLayout> = {};
  for (const [sheet, l] of Object.entries(prior?.layout ?? {}))
    out[sheet] = { ...l, widths: l.widths && { ...l.widths }, heights: l.heights && { ...l.heights } };
  for (const e of edits) {
    const snap = findSheet(snapshot, e.sheet);
    if (!snap) continue;
    const l = (out[e.sheet] ??= {});
    for (const c of Object.keys(e.columnWidths ?? {})) {
      const widths = (l.widths ??= {});
      if (!(c in widths)) widths[c] = snap.columnWidths?.[Number(c)] ?? null;
    }
    for (const r of Object.keys(e.minRowHeights ?? {})) {
      const heights = (l.heights ??= {});
      if (!(r in heights)) heights[r] = snap.rowHeights?.[Number(r)] ?? null;
    }
    if (e.printThroughCol && snap.printArea && l.printArea === undefined) l.printArea = snap.printArea;
    if (Object.keys(l).length === 0) delete out[e.sheet];
  }
  return out;
}

/**
 * Cut `json` into cells of at most `size` UTF-16 units, never between the two
 * halves of a surrogate pair (CJK Extension B characters): a cut there would
 * turn the character into two replacement characters when the cell is saved.
 */
export function chunkText(json: string, size: number): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < json.length) {
    let end = Math.min(i + size, json.length);
    const last = json.charCodeAt(end - 1);
    if (end < json.length && last >= 0xd800 && last <= 0xdbff) end--;
    out.push(json.slice(i, end));
    i = end;
  }
  return out.length > 0 ? out : [''];
}

const PLAIN_A1 = /^[A-Z]{1,3}[1-9]\d*$/;

/** "K12" -> {row 12, col 11} without parseA1's trimming and case folding: records are written by toA1. */
function plainA1(a1: string): { row: number; col: number } {
  let col = 0;
  let i = 0;
  for (; i < a1.length; i++) {
    const c = a1.charCodeAt(i);
    if (c < 65) break;
    col = col * 26 + (c - 64);
  }
  return { row: Number(a1.slice(i)), col };
}

/** The very hidden sheet holding the record as JSON split into cells. */
/** Cells in sheet order, so the same record always serialises the same way. */
function canonical<T>(bySheet: Record<string, Record<string, T>>): Record<string, Record<string, T>> {
  const key = (a1: string) => {
    const p = PLAIN_A1.test(a1) ? plainA1(a1) : parseA1(a1);
    return p ? p.row * 20000 + p.col : 0;
  };
  const out: Record<string, Record<string, T>> = {};
  for (const sheet of Object.keys(bySheet).sort()) {
    // Parse each address once, not twice per comparison (records hold thousands of cells); the sort stays stable.
    const keyed = Object.keys(bySheet[sheet]).map((a1) => ({ a1, k: key(a1) }));
    let sorted = true;
    for (let i = 1; i < keyed.length && sorted; i++) sorted = keyed[i - 1].k <= keyed[i].k;
    // A run writes row by row, so the record is usually in order already: then it serialises as it is.
    if (sorted) {
      out[sheet] = bySheet[sheet];
      continue;
    }
    keyed.sort((x, y) => x.k - y.k);
    out[sheet] = {};
    for (const { a1 } of keyed) out[sheet][a1] = bySheet[sheet][a1];
  }
  return out;
}

export function stateSheetOp(state: EngineState): SheetCreate {
  const json = JSON.stringify({ ...state, written: canonical(state.written), previous: canonical(state.previous) });
  const cells: CellWrite[] = chunkText(json, CHUNK).map((value, i) => ({ row: i + 1, col: 1, value }));
  return { kind: 'create', sheet: STATE_SHEET, replace: true, cells, visibility: 'veryHidden' };
}
