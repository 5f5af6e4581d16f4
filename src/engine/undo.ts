/**
 * 撤销本次评分: put back what every touched cell held before the engine first
 * wrote it, and remove the sheets the engine created (record included).
 */
import { parseA1 } from './address';
import type { CellWrite, Patch, SheetOp } from './patch';
import { readState, STATE_SHEET } from './state';
import type { WorkbookSnapshot } from './snapshot';

export function buildUndo(snapshot: WorkbookSnapshot): { ok: boolean; patch: Patch; message: string } {
  const state = readState(snapshot);
  if (!state) return { ok: false, patch: { ops: [] }, message: '没有可撤销的评分记录' };
  const present = new Set(snapshot.sheets.map((s) => s.name));
  const ops: SheetOp[] = [];
  let restored = 0;
  for (const [sheet, cells] of Object.entries(state.previous)) {
    if (!present.has(sheet) || state.createdSheets.includes(sheet)) continue;
    const writes: CellWrite[] = [];
    for (const [a1, before] of Object.entries(cells)) {
      const addr = parseA1(a1);
      if (!addr) continue;
      const w: CellWrite = { row: addr.row, col: addr.col };
      if (before.s) w.clear = true;
      if (before.f) w.formula = before.f;
      w.value = before.v;
      if (before.n) w.numberFormat = before.n;
      writes.push(w);
      restored++;
    }
    if (writes.length > 0) ops.push({ kind: 'edit', sheet, cells: writes });
  }
  for (const s of state.createdSheets) if (present.has(s)) ops.push({ kind: 'delete', sheet: s });
  ops.push({ kind: 'delete', sheet: STATE_SHEET });
  return {
    ok: true,
    patch: { ops },
    message: `已恢复${restored}个单元格${state.createdSheets.length ? `，删除工作表${state.createdSheets.map((s) => `“${s}”`).join('、')}` : ''}`,
  };
}
