/**
 * A sheet seen by the formula checks: what kind of content each cell holds
 * and, for formula cells, the analysed formula (computed once, on demand).
 */
import { isErrorValue, lastCol, lastRow, type CellScalar, type SheetSnapshot, type WorkbookSnapshot } from '../snapshot';
import { analyzeFormula, type FormulaInfo } from './references';

export type CellKind = 'empty' | 'text' | 'number' | 'bool' | 'error' | 'formula';

export class SheetGrid {
  readonly name: string;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  private readonly infos = new Map<number, FormulaInfo>();

  constructor(readonly sheet: SheetSnapshot) {
    this.name = sheet.name;
    this.top = sheet.origin.row;
    this.left = sheet.origin.col;
    this.bottom = lastRow(sheet);
    this.right = lastCol(sheet);
  }

  value(row: number, col: number): CellScalar {
    const r = this.sheet.values[row - this.top];
    if (!r) return null;
    const v = r[col - this.left];
    return v === undefined ? null : v;
  }

  formula(row: number, col: number): string | null {
    const r = this.sheet.formulas[row - this.top];
    if (!r) return null;
    const f = r[col - this.left];
    return f && f.length > 1 ? f : null;
  }

  numberFormat(row: number, col: number): string | null {
    const r = this.sheet.numberFormats[row - this.top];
    if (!r) return null;
    return r[col - this.left] ?? null;
  }

  kind(row: number, col: number): CellKind {
    if (this.formula(row, col)) return 'formula';
    const v = this.value(row, col);
    if (v === null) return 'empty';
    if (typeof v === 'number') return 'number';
    if (typeof v === 'boolean') return 'bool';
    if (isErrorValue(v)) return 'error';
    return v.trim() === '' ? 'empty' : 'text';
  }

  info(row: number, col: number): FormulaInfo | null {
    const f = this.formula(row, col);
    if (!f) return null;
    const key = row * 20000 + col;
    let i = this.infos.get(key);
    if (!i) {
      i = analyzeFormula(f, this.name, row, col);
      this.infos.set(key, i);
    }
    return i;
  }

  /** Every formula cell, row by row. */
  *formulaCells(): Generator<{ row: number; col: number; formula: string }> {
    const fs = this.sheet.formulas;
    for (let i = 0; i < fs.length; i++) {
      const r = fs[i];
      if (!r) continue;
      for (let j = 0; j < r.length; j++) {
        const f = r[j];
        if (f && f.length > 1) yield { row: this.top + i, col: this.left + j, formula: f };
      }
    }
  }
}

/** Grids for a workbook, shared by all checks (cross-sheet references read other sheets). */
export class WorkbookGrids {
  private readonly grids = new Map<string, SheetGrid>();
  private readonly byLower = new Map<string, SheetSnapshot>();

  constructor(readonly snapshot: WorkbookSnapshot) {
    for (const s of snapshot.sheets) {
      this.byLower.set(s.name.toLowerCase(), s);
    }
  }

  /** Sheet names match case-insensitively, as in Excel. */
  get(name: string): SheetGrid | undefined {
    const s = this.byLower.get(name.toLowerCase());
    if (!s) return undefined;
    let g = this.grids.get(s.name);
    if (!g) {
      g = new SheetGrid(s);
      this.grids.set(s.name, g);
    }
    return g;
  }
}
