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
import { CELL_LIMIT, fitNote } from './cellText';
export { CELL_LIMIT, fitNote } from './cellText';
import type { IndicatorOverride } from '../options';
import { overrideMatches } from '../overrides';
import { disagreementMessage, FormulaOverlay, omittedCells, type FormulaDisagreement } from './keepFormulas';

const HEAD: CellStyle = { bold: true, border: true, horizontal: 'center', vertical: 'middle', wrap: true };
const NOTE: CellStyle = { wrap: true, vertical: 'top', border: true, horizontal: 'left' };
const BOX: CellStyle = { border: true, horizontal: 'center', vertical: 'middle' };
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
  /** Every sheet, for formulas that reference another one (else only the indicator sheet is read). */
  views?: Map<string, SheetView>;
  /** The pane's corrections: a corrected actual value is written into its 实际值 cell. */
  corrections?: readonly IndicatorOverride[];
  /** Filled with the evaluator's formulas that disagree with the new scores (for 评分汇总). */
  disagreements?: FormulaDisagreement[];
}

export function buildIndicatorEdit(input: IndicatorWriteInput, findings: Finding[]): SheetEdit {
  const { table, view, state, columns } = input;
  const cells: CellWrite[] = [];
  const sheet = table.sheet;
  const overlay = new FormulaOverlay(view, input.views);
  /** Writes into cells holding the evaluator's formulas: decided once every new value is known. */
  const formulaCells: { index: number; what: string; omit?: { row: number; col: number; name: string }[] }[] = [];
  /** Write unless the evaluator typed something else there; a formula is judged on the new scores. */
  const write = (row: number, col: number, w: Omit<CellWrite, 'row' | 'col'>, what: string, omit?: { row: number; col: number; name: string }[]) => {
    if (view.formula(row, col) && (typeof w.value === 'number' || typeof w.value === 'string')) {
      formulaCells.push({ index: cells.length, what, omit });
      cells.push({ row, col, ...w });
      return;
    }
    const current = view.raw(row, col);
    const blank = current === null || (typeof current === 'string' && current.trim() === '');
    const mine = isEngineValue(state, sheet, row, col, current);
    const same = w.value !== undefined && w.value !== null && current === w.value;
    if (blank || mine || same) {
      if (blank && (w.value === null || w.value === '')) return;
      cells.push({ row, col, ...w });
      if (w.value !== undefined) overlay.set(row, col, w.value);
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
  /**
   * The evaluator's own correction (the pane's 修改): it replaces what the cell holds, and the
   * run says so (undo restores it from the record). A formula is never replaced.
   */
  const replace = (row: number, col: number, w: Omit<CellWrite, 'row' | 'col'>, what: string) => {
    const current = view.raw(row, col);
    const blank = current === null || (typeof current === 'string' && current.trim() === '');
    const formula = view.formula(row, col);
    if (formula) {
      if (typeof w.value === 'number' || typeof w.value === 'string') return write(row, col, w, what);
      return;
    }
    if (blank && (w.value === null || w.value === '')) return;
    cells.push({ row, col, ...w });
    if (w.value !== undefined) overlay.set(row, col, w.value);
    const same = w.value === current || (typeof w.value === 'number' && typeof current === 'number' && Math.abs(w.value - current) < 1e-9);
    if (!blank && !same && !isEngineValue(state, sheet, row, col, current)) {
      findings.push(
        finding(
          'CELL_REPLACED',
          'info',
          `${what}由“${String(current)}”改为“${String(w.value ?? '')}”（面板中的修改；撤销本次评分可恢复）`,
          { sheet, cell: toA1(row, col) },
          {
            expected: w.value === null || w.value === undefined ? '' : (w.value as string | number),
            actual: String(current),
          },
        ),
      );
    }
  };
  const clearIfMine = (row: number, col: number) => {
    // A formula is the evaluator's, whatever it shows.
    if (view.formula(row, col)) return;
    const current = view.raw(row, col);
    if (current !== null && isEngineValue(state, sheet, row, col, current)) {
      cells.push({ row, col, value: null });
      overlay.set(row, col, null);
    }
  };

  for (const a of columns.added) {
    cells.push({ row: table.header.top, col: a.col, value: ADDED[a.role].label, style: HEAD });
  }

  // A corrected actual value goes into its 实际值 cell too: the row never contradicts its note.
  for (const l of input.leaves) {
    const cell = l.leaf.cells.actual;
    const col = cell?.col ?? table.header.columns.actual;
    if (col === undefined) continue;
    const o = [...(input.corrections ?? [])].reverse().find((x) => x.actual !== undefined && overrideMatches(x, l.leaf.path));
    if (!o) continue;
    replace(l.leaf.row, col, typedActual(o.actual!, view.numberFormat(l.leaf.row, col)), `“${l.leaf.name}”实际值`);
  }

  for (const l of input.leaves) {
    const row = l.leaf.row;
    if (l.source === 'computed' && l.score) {
      write(row, columns.score, { value: toCellNumber(l.score) }, `“${l.leaf.name}”得分`);
      write(row, columns.deduction, { value: toCellNumber(l.deduction ?? new Decimal(0)) }, `“${l.leaf.name}”扣分`);
      const noteAdded = columns.added.some((a) => a.role === 'note');
      write(row, columns.note, noteAdded ? { value: l.note, style: NOTE } : { value: l.note }, `“${l.leaf.name}”扣分说明`);
    } else if (l.source === 'entered' && l.scoreFromOverride && l.score) {
      // A score and reason the evaluator gave in the pane: into 得分, 扣分 and 扣分说明.
      const noteAdded = columns.added.some((a) => a.role === 'note');
      replace(row, columns.score, { value: toCellNumber(l.score) }, `“${l.leaf.name}”得分`);
      if (l.deduction) replace(row, columns.deduction, { value: toCellNumber(l.deduction) }, `“${l.leaf.name}”扣分`);
      replace(row, columns.note, noteAdded ? { value: l.note || null, style: NOTE } : { value: l.note || null }, `“${l.leaf.name}”扣分说明`);
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
        const under = input.leaves.filter((l) => l.leaf.row >= g.node.firstRow && l.leaf.row <= g.node.lastRow);
        const omit = under.map((l) => ({ row: l.leaf.row, col: g.node.subtotalCell!.col, name: l.leaf.name }));
        write(g.node.subtotalCell.row, g.node.subtotalCell.col, { value: toCellNumber(g.score) }, `“${g.node.name}”小计`, omit);
      }
      walk(g.children.filter((c): c is GroupResult => (c as GroupResult).node !== undefined));
    }
  };
  walk(input.groups);

  const totalMax = input.groups.reduce<Decimal | null>((a, g) => (a && g.max ? a.plus(g.max) : null), new Decimal(0));
  for (const s of table.specialRows) {
    if (s.kind === 'total') {
      const scoreCells = input.leaves.map((l) => ({ row: l.leaf.row, col: columns.score, name: l.leaf.name }));
      const dedCells = input.leaves.map((l) => ({ row: l.leaf.row, col: columns.deduction, name: l.leaf.name }));
      write(s.row, columns.score, { value: toCellNumber(input.total) }, '合计得分', scoreCells);
      if (totalMax) write(s.row, columns.deduction, { value: toCellNumber(totalMax.minus(input.total)) }, '合计扣分', dedCells);
    } else if (s.kind === 'grade' && input.grade) {
      write(s.row, columns.score, { value: input.grade }, '评价等次');
    }
  }

  // The evaluator's formulas: kept when they give the new result, reported (and left alone) when not.
  const dropped = new Set<number>();
  for (const fc of formulaCells) {
    const w = cells[fc.index];
    const formula = view.formula(w.row, w.col)!;
    const verdict = overlay.judge(w.row, w.col, w.value as number | string);
    if (verdict.kind === 'agrees') {
      cells[fc.index] = { ...w, formula };
      continue;
    }
    // The formula stays as written; its cached result becomes what it gives on the new scores
    // (what Excel will show), or the cell is left alone when that cannot be computed exactly.
    if (verdict.shown === null) dropped.add(fc.index);
    else cells[fc.index] = { row: w.row, col: w.col, formula, value: verdict.shown };
    const d: FormulaDisagreement = {
      sheet,
      cell: toA1(w.row, w.col),
      formula,
      shown: verdict.shown,
      computed: w.value as number | string,
      what: fc.what,
      omitted: fc.omit ? omittedCells(formula, sheet, fc.omit) : [],
    };
    input.disagreements?.push(d);
    findings.push(finding('FORMULA_DISAGREES', 'error', disagreementMessage(d), { sheet, cell: d.cell }, { expected: d.computed, actual: d.shown ?? formula }));
  }
  if (dropped.size > 0) {
    const kept = cells.filter((_, i) => !dropped.has(i));
    cells.length = 0;
    cells.push(...kept);
  }

  dressCells(cells, input);

  const columnWidths: Record<number, number> = {};
  for (const a of columns.added) columnWidths[a.col] = ADDED[a.role].width;
  const edit: SheetEdit = { kind: 'edit', sheet, cells, columnWidths };
  // Notes: the rows must grow for them to show, in an added 扣分说明 column (the width is ours) and
  // in the sheet's own one (its width as the sheet sets it).
  const noteAdded = columns.added.some((a) => a.role === 'note');
  const noteWidth = noteAdded ? ADDED.note.width : view.sheet.columnWidths?.[columns.note];
  if (noteWidth) {
    const heights: Record<number, number> = {};
    for (const w of cells) {
      if (w.col !== columns.note || w.row === table.header.top || typeof w.value !== 'string' || !w.value) continue;
      // A column width counts digits; a CJK character takes about two.
      const h = lineHeight(w.value, Math.max(2, Math.floor(noteWidth / 2)));
      if (h > 18) heights[w.row] = h;
    }
    if (Object.keys(heights).length > 0) edit.minRowHeights = heights;
  }
  if (columns.added.length > 0) edit.printThroughCol = Math.max(...columns.added.map((a) => a.col));
  return edit;
}

/**
 * A corrected actual value as the cell would hold it typed: "80%" into a percentage cell is 0.8
 * in that format, a plain number a number; anything else ("33.52万件", "无") as text.
 */
export function typedActual(text: string, format: string | null): Pick<CellWrite, 'value' | 'numberFormat'> {
  const t = text.trim();
  const pct = /^([+-]?\d+(?:\.(\d+))?)\s*[%％]$/.exec(t);
  if (pct) {
    const places = pct[2]?.length ?? 0;
    const value = Number(new Decimal(pct[1]).div(100).toString());
    const keep = format && format.includes('%') ? format : places === 0 ? '0%' : `0.${'0'.repeat(places)}%`;
    return { value, numberFormat: keep };
  }
  if (/^[+-]?\d+(?:\.\d+)?$/.test(t)) return { value: Number(t) };
  return { value: t === '' ? null : t };
}

/**
 * Written cells look like their table: cells of an added column get borders on every table row
 * (also where nothing is written), the table's alignment, the score column's number format;
 * notes wrap (also in the sheet's own 扣分说明 column) and fit a cell.
 */
function dressCells(cells: CellWrite[], input: IndicatorWriteInput): void {
  const { table, view, columns } = input;
  const added = new Map(columns.added.map((a) => [a.col, a.role]));
  const top = table.header.top;
  const last = Math.max(...table.leaves.map((l) => l.lastRow), ...table.specialRows.map((s) => s.row), top);
  // The number format the table shows scores in (its 得分 or 分值 column), for added number cells.
  let numFmt: string | undefined;
  for (const col of [table.header.columns.score, table.header.columns.deduction, table.header.columns.max3, table.header.columns.max2]) {
    if (col === undefined || numFmt) continue;
    for (const l of table.leaves) {
      const f = view.numberFormat(l.row, col);
      if (f && f !== 'General' && !/[%@]/.test(f)) {
        numFmt = f;
        break;
      }
    }
  }
  const byCell = new Map<number, CellWrite>();
  for (const w of cells) byCell.set(w.row * 16385 + w.col, w);
  for (const w of cells) {
    if (typeof w.value === 'string' && w.value.length > CELL_LIMIT) w.value = fitNote(w.value);
    if (w.row === top) continue;
    if (w.col === columns.note && typeof w.value === 'string' && !added.has(w.col)) w.style = { ...w.style, wrap: true };
    const role = added.get(w.col);
    if (!role) continue;
    w.style = role === 'note' ? { ...NOTE, ...w.style, vertical: 'middle' } : { ...BOX, ...w.style };
    if (role !== 'note' && typeof w.value === 'number' && numFmt && w.numberFormat === undefined && !w.formula) w.numberFormat = numFmt;
  }
  // Borders down the whole added column, as the table's own columns have them.
  for (const [col, role] of added) {
    for (let r = top + 1; r <= last; r++) {
      if (byCell.has(r * 16385 + col)) continue;
      if (view.coveredBy(r, col)) continue;
      cells.push({ row: r, col, style: role === 'note' ? { ...NOTE, vertical: 'middle' } : BOX });
    }
  }
}
