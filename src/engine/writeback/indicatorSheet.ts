/**
 * Writing scores, deductions and notes back into the indicator sheet: into its
 * 得分/扣分/扣分说明 columns, added at the right when missing, plus subtotal,
 * total and grade cells where the sheet has them. A cell the evaluator typed
 * is never overwritten; the engine's own earlier output is.
 */
import { toA1 } from '../address';
import { Decimal, toCellNumber } from '../decimal';
import { finding, type Finding } from '../findings';
import type { ColumnRole, IndicatorTable } from '../indicators/model';
import type { CellStyle, CellWrite, SheetEdit } from '../patch';
import type { SheetView } from '../sheetView';
import { isEngineValue, type EngineState } from '../state';
import type { GroupResult } from '../scoring/aggregate';
import type { LeafResult } from '../scoring/leaf';
import { lineHeight } from './summarySheet';

const HEAD: CellStyle = { bold: true, border: true, horizontal: 'center', vertical: 'middle', wrap: true };
const NOTE: CellStyle = { wrap: true, vertical: 'top', border: true };
const ADDED: Record<'score' | 'deduction' | 'note', { label: string; width: number }> = {
  score: { label: '得分', width: 9 },
  deduction: { label: '扣分', width: 9 },
  note: { label: '扣分说明', width: 48 },
};

export interface WriteColumns {
  score: number;
  deduction: number;
  note: number;
  /** Columns this run adds (with their header labels). */
  added: { role: 'score' | 'deduction' | 'note'; col: number }[];
}

/** Where 得分/扣分/扣分说明 go: the sheet's own columns, or new ones right of the table. */
export function allocateColumns(table: IndicatorTable, view: SheetView): WriteColumns {
  const cols = table.header.columns;
  const added: WriteColumns['added'] = [];
  let next = Math.max(table.header.lastCol, lastUsedColInTable(table, view)) + 1;
  const pick = (role: 'score' | 'deduction' | 'note'): number => {
    const have = cols[role as ColumnRole];
    if (have !== undefined) return have;
    const col = next++;
    added.push({ role, col });
    return col;
  };
  return { score: pick('score'), deduction: pick('deduction'), note: pick('note'), added };
}

function lastUsedColInTable(table: IndicatorTable, view: SheetView): number {
  let last = table.header.lastCol;
  const lastRow = Math.max(...table.leaves.map((l) => l.lastRow), ...table.specialRows.map((s) => s.row));
  for (let r = table.header.top; r <= lastRow; r++) {
    for (let c = view.lastCol; c > last; c--) {
      if (!view.isEmpty(r, c)) {
        last = c;
        break;
      }
    }
  }
  return last;
}

export interface IndicatorWriteInput {
  table: IndicatorTable;
  view: SheetView;
  state: EngineState | null;
  columns: WriteColumns;
  leaves: LeafResult[];
  groups: GroupResult[];
  total: Decimal;
  grade: string | null;
}

export function buildIndicatorEdit(input: IndicatorWriteInput, findings: Finding[]): SheetEdit {
  const { table, view, state, columns } = input;
  const cells: CellWrite[] = [];
  const sheet = table.sheet;
  /** Write unless the evaluator typed something else there. */
  const write = (row: number, col: number, w: Omit<CellWrite, 'row' | 'col'>, what: string) => {
    const current = view.raw(row, col);
    const blank = current === null || (typeof current === 'string' && current.trim() === '');
    const mine = isEngineValue(state, sheet, row, col, current);
    const same = w.value !== undefined && w.value !== null && current === w.value;
    if (blank || mine || same) {
      if (blank && (w.value === null || w.value === '')) return;
      cells.push({ row, col, ...w });
      return;
    }
    findings.push(
      finding(
        'CELL_KEPT',
        'info',
        `${what}单元格已有评价人填写的内容，未覆盖`,
        { sheet, cell: toA1(row, col) },
        {
          actual: String(current),
        },
      ),
    );
  };
  const clearIfMine = (row: number, col: number) => {
    const current = view.raw(row, col);
    if (current !== null && isEngineValue(state, sheet, row, col, current)) cells.push({ row, col, value: null });
  };

  for (const a of columns.added) {
    cells.push({ row: table.header.top, col: a.col, value: ADDED[a.role].label, style: HEAD });
  }

  for (const l of input.leaves) {
    const row = l.leaf.row;
    if (l.source === 'computed' && l.score) {
      write(row, columns.score, { value: toCellNumber(l.score) }, `“${l.leaf.name}”得分`);
      write(row, columns.deduction, { value: toCellNumber(l.deduction ?? new Decimal(0)) }, `“${l.leaf.name}”扣分`);
      const noteAdded = columns.added.some((a) => a.role === 'note');
      write(row, columns.note, noteAdded ? { value: l.note, style: NOTE } : { value: l.note }, `“${l.leaf.name}”扣分说明`);
    } else if (l.source === 'entered' && l.deduction) {
      // The evaluator's score stays; fill the deduction only where it is blank (or ours).
      write(row, columns.deduction, { value: toCellNumber(l.deduction) }, `“${l.leaf.name}”扣分`);
      // A reason kept as a note on the score cell (or written from agreeing checklist judgements) goes where the printed sheet shows it.
      if ((l.noteFromComment || l.noteFromItems) && l.note) {
        const noteAdded = columns.added.some((a) => a.role === 'note');
        write(row, columns.note, noteAdded ? { value: l.note, style: NOTE } : { value: l.note }, `“${l.leaf.name}”扣分说明`);
      }
    } else if (l.source === 'pending') {
      clearIfMine(row, columns.score);
      clearIfMine(row, columns.deduction);
      clearIfMine(row, columns.note);
    }
  }

  const walk = (gs: GroupResult[]) => {
    for (const g of gs) {
      if (g.node.subtotalCell) {
        write(g.node.subtotalCell.row, g.node.subtotalCell.col, { value: toCellNumber(g.score) }, `“${g.node.name}”小计`);
      }
      walk(g.children.filter((c): c is GroupResult => (c as GroupResult).node !== undefined));
    }
  };
  walk(input.groups);

  const totalMax = input.groups.reduce<Decimal | null>((a, g) => (a && g.max ? a.plus(g.max) : null), new Decimal(0));
  for (const s of table.specialRows) {
    if (s.kind === 'total') {
      write(s.row, columns.score, { value: toCellNumber(input.total) }, '合计得分');
      if (totalMax) write(s.row, columns.deduction, { value: toCellNumber(totalMax.minus(input.total)) }, '合计扣分');
    } else if (s.kind === 'grade' && input.grade) {
      write(s.row, columns.score, { value: input.grade }, '评价等次');
    }
  }

  const columnWidths: Record<number, number> = {};
  for (const a of columns.added) columnWidths[a.col] = ADDED[a.role].width;
  const edit: SheetEdit = { kind: 'edit', sheet, cells, columnWidths };
  // Notes in a 扣分说明 column we added: the rows must grow for them to show (the width is ours, so the lines are known).
  if (columns.added.some((a) => a.role === 'note')) {
    const heights: Record<number, number> = {};
    for (const w of cells) {
      if (w.col !== columns.note || w.row === table.header.top || typeof w.value !== 'string' || !w.value) continue;
      // A column width counts digits; a CJK character takes about two.
      const h = lineHeight(w.value, Math.floor(ADDED.note.width / 2));
      if (h > 18) heights[w.row] = h;
    }
    if (Object.keys(heights).length > 0) edit.minRowHeights = heights;
  }
  if (columns.added.length > 0) edit.printThroughCol = Math.max(...columns.added.map((a) => a.col));
  return edit;
}
