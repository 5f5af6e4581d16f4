/**
 * The evaluator's own formulas in the cells the engine would write (扣分 `=D5-L5`, 小计 and 合计
 * SUMs, a score computed in the cell): each is evaluated on the new scores. A formula that gives
 * the engine's result stays a formula (its cached result updated); one that gives another number
 * (a 合计 that leaves a row out) stays untouched and is an error at its cell, with both figures.
 * Pure: the sheet's cached values with the run's writes laid over them.
 */
import { toA1 } from '../address';
import { fmt, Decimal } from '../decimal';
import { parseFormula } from '../formulas/parser';
import { evaluateToScalar, isError, Unknown, type EvalContext, type Scalar } from '../formulas/evaluate';
import { resolveRef } from '../formulas/references';
import { extractReferences } from '../formulas/tokenizer';
import type { CellScalar } from '../snapshot';
import type { SheetView } from '../sheetView';

/** A formula cell whose result on the new scores is not the engine's. */
export interface FormulaDisagreement {
  sheet: string;
  cell: string;
  formula: string;
  /** What the formula gives on the new scores (null when it cannot be computed exactly). */
  shown: number | string | null;
  /** What the engine computed for the cell (a number, or a grade word). */
  computed: number | string;
  /** “合计得分”, “‘预算执行率’扣分” … */
  what: string;
  /** Score cells of the same column the formula leaves out (a total omitting rows), with their names. */
  omitted: { cell: string; name: string }[];
}

export type FormulaVerdict = { kind: 'agrees' } | { kind: 'disagrees'; shown: number | string | null };

const key = (row: number, col: number) => row * 16385 + col;

/**
 * Evaluates formulas of one sheet with some cells replaced by new values. A formula cell
 * reads as its formula's result on those values (recursively), so a 合计 over 扣分 formulas
 * sees the new deductions.
 */
export class FormulaOverlay {
  private readonly overlay = new Map<number, CellScalar>();
  private readonly memo = new Map<number, Scalar | undefined>();
  private readonly busy = new Set<number>();

  constructor(
    private readonly view: SheetView,
    private readonly others: Map<string, SheetView> = new Map(),
  ) {}

  set(row: number, col: number, value: CellScalar): void {
    this.overlay.set(key(row, col), value);
    this.memo.clear();
  }

  /** The formula's result on the overlaid values; undefined when not exactly computable. */
  evaluateCell(row: number, col: number): Scalar | undefined {
    const k = key(row, col);
    if (this.memo.has(k)) return this.memo.get(k);
    const f = this.view.formula(row, col);
    if (!f) return undefined;
    if (this.busy.has(k)) return undefined;
    this.busy.add(k);
    let out: Scalar | undefined;
    try {
      const ast = parseFormula(f);
      out = ast ? evaluateToScalar(ast, this.context()) : undefined;
    } catch (e) {
      if (!(e instanceof Unknown || e instanceof RangeError)) throw e;
      out = undefined;
    } finally {
      this.busy.delete(k);
    }
    this.memo.set(k, out);
    return out;
  }

  private context(): EvalContext {
    return {
      sheet: this.view.name,
      read: (name, row, col) => {
        if (name !== this.view.name) {
          const other = this.others.get(name);
          if (!other) return undefined;
          return { value: other.raw(row, col), isFormula: other.formula(row, col) !== null };
        }
        if (this.view.formula(row, col)) {
          const v = this.evaluateCell(row, col);
          if (v === undefined) throw new Unknown('nested');
          return { value: isError(v) ? v.error : (v as CellScalar), isFormula: false };
        }
        const k = key(row, col);
        if (this.overlay.has(k)) return { value: this.overlay.get(k)!, isFormula: false };
        return { value: this.view.raw(row, col), isFormula: false };
      },
      extent: (name) => {
        const v = name === this.view.name ? this.view : this.others.get(name);
        return v ? { bottom: v.lastRow, right: v.lastCol } : undefined;
      },
    };
  }

  /** Does the formula at (row, col) give `expected` (to the cent, as the sheet shows it)? */
  judge(row: number, col: number, expected: number | string): FormulaVerdict {
    const v = this.evaluateCell(row, col);
    if (typeof expected === 'string') {
      if (typeof v === 'string') return v.trim() === expected ? { kind: 'agrees' } : { kind: 'disagrees', shown: v };
      return { kind: 'disagrees', shown: typeof v === 'number' ? v : null };
    }
    const n = typeof v === 'number' ? v : v === null ? 0 : null;
    if (n === null) return { kind: 'disagrees', shown: null };
    const same = new Decimal(n.toPrecision(15)).toDecimalPlaces(2).eq(new Decimal(expected).toDecimalPlaces(2));
    return same ? { kind: 'agrees' } : { kind: 'disagrees', shown: Number(new Decimal(n.toPrecision(15)).toDecimalPlaces(4).toString()) };
  }
}

/** Cells among `candidates` (same sheet) that the formula does not reference. */
export function omittedCells(formula: string, sheet: string, candidates: { row: number; col: number; name: string }[]): { cell: string; name: string }[] {
  let refs;
  try {
    refs = extractReferences(formula).map((r) => resolveRef(r, sheet));
  } catch {
    return [];
  }
  const local = refs.filter((r) => r.local && r.sheet === sheet);
  if (local.length === 0) return [];
  return candidates
    .filter((c) => !local.some((r) => c.row >= r.top && c.row <= r.bottom && c.col >= r.left && c.col <= r.right))
    .map((c) => ({ cell: toA1(c.row, c.col), name: c.name }));
}

/** The finding's message: both figures, what is missing, and that the formula was left as it is. */
const show = (v: number | string) => (typeof v === 'number' ? fmt(new Decimal(v)) : `“${v}”`);

export function disagreementMessage(d: FormulaDisagreement): string {
  const shown = d.shown === null ? '无法按本次得分核算' : `按本次得分计算为${show(d.shown)}`;
  const missing = d.omitted.length > 0 ? `，公式未包含${d.omitted.map((o) => `${o.cell}（${o.name}）`).join('、')}` : '';
  return `${d.what}单元格${d.cell}的公式${d.formula}${shown}，与按指标计算的${show(d.computed)}不一致${missing}；公式保持原样未覆盖，评分汇总按${show(d.computed)}计，请修正公式`;
}
