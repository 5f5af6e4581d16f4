/**
 * 撤销本次评分: put back what every touched cell held before the engine first
 * wrote it, and remove the sheets the engine created (record included).
 *
 * Later work is respected: a recorded cell that no longer holds what the engine
 * wrote was changed by someone since (a corrected 得分, an expert's note). Such
 * cells are kept and listed as conflicts (sheet!cell, what the engine wrote →
 * what is there now), unless the caller asks to undo over them (`force`, after
 * the user confirmed). Layout the engine changed (widths of added columns,
 * heights of rows it raised, a widened print area) goes back as well.
 */
import { parseA1 } from './address';
import type { CellWrite, Patch, SheetEdit, SheetOp } from './patch';
import { readState, sameValue, STATE_SHEET, type EngineState } from './state';
import { findSheet, valueAt, type CellScalar, type WorkbookSnapshot } from './snapshot';

/** A recorded cell changed since the engine wrote it. */
export interface UndoConflict {
  sheet: string;
  cell: string;
  /** What the engine wrote there. */
  written: CellScalar;
  /** What the cell holds now. */
  now: CellScalar;
  /** What undo would put back (the content before the first run). */
  before: CellScalar;
}

export interface UndoOptions {
  /** Undo over cells changed since the run too (the user confirmed). */
  force?: boolean;
}

export interface UndoResult {
  ok: boolean;
  patch: Patch;
  message: string;
  /** Cells changed after the run: kept (or, with force, overwritten); empty when none. */
  conflicts: UndoConflict[];
}

function show(v: CellScalar): string {
  if (v === null || v === '') return '（空）';
  const s = String(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** "附件1!H9（85 → 80）" — one line per conflict, for messages and the pane. */
export function describeConflict(c: UndoConflict): string {
  return `${c.sheet}!${c.cell}（${show(c.written)} → ${show(c.now)}）`;
}

/** The cells changed since the last run (what undo would keep), without building a patch. */
export function undoConflicts(snapshot: WorkbookSnapshot, state: EngineState | null = readState(snapshot)): UndoConflict[] {
  const out: UndoConflict[] = [];
  if (!state) return out;
  for (const [sheet, cells] of Object.entries(state.previous)) {
    if (state.createdSheets.includes(sheet)) continue;
    const snap = findSheet(snapshot, sheet);
    if (!snap) continue;
    for (const [a1, before] of Object.entries(cells)) {
      const addr = parseA1(a1);
      if (!addr) continue;
      const written = state.written[sheet]?.[a1] ?? null;
      const now = valueAt(snap, addr.row, addr.col);
      if (!sameValue(written, now)) out.push({ sheet, cell: a1, written, now, before: before.v });
    }
  }
  return out;
}

function layoutOp(state: EngineState, sheet: string): SheetEdit['restoreLayout'] | undefined {
  const l = state.layout?.[sheet];
  if (!l) return undefined;
  const r: NonNullable<SheetEdit['restoreLayout']> = {};
  if (l.widths) r.columnWidths = Object.fromEntries(Object.entries(l.widths).map(([k, v]) => [Number(k), v]));
  if (l.heights) r.rowHeights = Object.fromEntries(Object.entries(l.heights).map(([k, v]) => [Number(k), v]));
  if (l.printArea !== undefined) r.printArea = l.printArea;
  return Object.keys(r).length > 0 ? r : undefined;
}

export function buildUndo(snapshot: WorkbookSnapshot, options: UndoOptions = {}): UndoResult {
  const state = readState(snapshot);
  if (!state) return { ok: false, patch: { ops: [] }, message: '没有可撤销的评分记录', conflicts: [] };
  const present = new Set(snapshot.sheets.map((s) => s.name));
  const conflicts = undoConflicts(snapshot, state);
  const keep = new Set(options.force ? [] : conflicts.map((c) => `${c.sheet}!${c.cell}`));
  const ops: SheetOp[] = [];
  let restored = 0;
  const sheets = new Set([...Object.keys(state.previous), ...Object.keys(state.layout ?? {})]);
  for (const sheet of sheets) {
    if (!present.has(sheet) || state.createdSheets.includes(sheet)) continue;
    const writes: CellWrite[] = [];
    for (const [a1, before] of Object.entries(state.previous[sheet] ?? {})) {
      const addr = parseA1(a1);
      if (!addr || keep.has(`${sheet}!${a1}`)) continue;
      const w: CellWrite = { row: addr.row, col: addr.col };
      if (before.s) w.clear = true;
      if (before.f) w.formula = before.f;
      w.value = before.v;
      if (before.n) w.numberFormat = before.n;
      writes.push(w);
      restored++;
    }
    const layout = layoutOp(state, sheet);
    if (writes.length > 0 || layout) ops.push({ kind: 'edit', sheet, cells: writes, ...(layout ? { restoreLayout: layout } : {}) });
  }
  for (const s of state.createdSheets) if (present.has(s)) ops.push({ kind: 'delete', sheet: s });
  ops.push({ kind: 'delete', sheet: STATE_SHEET });
  let message = `已恢复${restored}个单元格${state.createdSheets.length ? `，删除工作表${state.createdSheets.map((s) => `“${s}”`).join('、')}` : ''}`;
  if (conflicts.length > 0) {
    const list = conflicts.slice(0, 10).map(describeConflict).join('、');
    const more = conflicts.length > 10 ? `等${conflicts.length}个` : '';
    message += options.force
      ? `；评分后改动过的单元格${list}${more}也已恢复为评分前的内容`
      : `；评分后改动过的${conflicts.length}个单元格保留现状未恢复：${list}${more}`;
  }
  return { ok: true, patch: { ops }, message, conflicts };
}
