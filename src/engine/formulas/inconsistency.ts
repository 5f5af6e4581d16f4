/**
 * FORMULA_INCONSISTENT, after ExceLint (Barowy, Berger, Zorn, OOPSLA 2018):
 * formulas filled along a row or a column read the same cells relative to
 * themselves (one reference fingerprint). A cell whose fingerprint breaks a
 * regular stretch of its run is the likely error. As in ExceLint: fixes are
 * single-row or single-column, a fix needs at least three cells, sheet links
 * and constants do not count as references, aggregates of the run itself are
 * not errors, and the smaller, one-off side of a split is the suspect.
 */
import { toA1 } from '../address';
import { finding } from '../findings';
import { tryEvaluate } from './context';
import { lineName, spanText } from './describe';
import { isError, sameNumber, type EvalContext, type Scalar } from './evaluate';
import type { SheetGrid } from './grid';
import { analyzeFormula, refSize, translateFormula, type FormulaInfo } from './references';
import type { Group, Run, RunFinding, RunMember } from './runs';
import { comparable } from './similarity';
import { omittedBySibling } from './sumRange';

/** Share of formulas among the members spanned by the model group and the flagged cell. */
const MIN_DENSITY = 0.6;
/** Copies needed when the deviation is a different computation rather than shifted references. */
const MIN_COPIES_OTHER_COMPUTATION = 3;

function sameSheet(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The formula reads cells of the run's own line inside the run's span (a row total in a row). */
function readsOwnLine(info: FormulaInfo, run: Run, sheet: string): boolean {
  const from = run.members[0].pos;
  const to = run.members[run.members.length - 1].pos;
  return info.refs.some((r) => {
    if (!sameSheet(r.sheet, sheet)) return false;
    return run.axis === 'row'
      ? r.top <= run.line && r.bottom >= run.line && r.left <= to && r.right >= from
      : r.left <= run.line && r.right >= run.line && r.top <= to && r.bottom >= from;
  });
}

/** A formula beyond the group adding up the lines the group sits on (a total under a column of row formulas). */
function summarisesGroup(info: FormulaInfo, g: Group, run: Run, m: RunMember, sheet: string): boolean {
  if (m.pos > g.cells[0].pos && m.pos < g.cells[g.cells.length - 1].pos) return false;
  return info.refs.some((r) => {
    if (!sameSheet(r.sheet, sheet)) return false;
    const covered = g.cells.filter((c) => (run.axis === 'col' ? r.top <= c.row && r.bottom >= c.row : r.left <= c.col && r.right >= c.col));
    return covered.length >= 2;
  });
}

/** The formula, placed at the cell, reads at least one typed number of its sheet: the cell's line is a data line. */
function readsTypedNumbers(grid: SheetGrid, formula: string, m: RunMember): boolean {
  return analyzeFormula(formula, grid.name, m.row, m.col).refs.some((r) => {
    if (!sameSheet(r.sheet, grid.name) || refSize(r) > 1000) return false;
    for (let y = r.top; y <= Math.min(r.bottom, grid.bottom); y++)
      for (let x = r.left; x <= Math.min(r.right, grid.right); x++) if (grid.kind(y, x) === 'number') return true;
    return false;
  });
}

/** The model reads the previous cell along the run (a running total): its first cell differs by design. */
function isRecurrent(info: FormulaInfo, run: Run): boolean {
  const previous = run.axis === 'col' ? 'R[-1]C[0]' : 'R[0]C[-1]';
  return info.shape.split(' ').includes(previous);
}

/** Some cell of the group reads the cell: it is their input (a base, a header), not a broken copy. */
function groupReads(grid: SheetGrid, g: Group, m: RunMember): boolean {
  return g.cells.some((c) =>
    grid.info(c.row, c.col)!.refs.some((r) => sameSheet(r.sheet, grid.name) && r.top <= m.row && r.bottom >= m.row && r.left <= m.col && r.right >= m.col),
  );
}

/** Every reference points into another sheet: hand-placed links, whose offsets mean nothing. */
function onlyOtherSheets(info: FormulaInfo, sheet: string): boolean {
  return info.refs.length > 0 && info.refs.every((r) => !sameSheet(r.sheet, sheet));
}

/** The same fingerprint a few cells across the run: the cell belongs to a family filled the other way. */
function perpendicularFamily(grid: SheetGrid, run: Run, m: RunMember, fp: string): boolean {
  for (const dir of [-1, 1])
    for (let d = 1; d <= 3; d++) {
      const [r, c] = run.axis === 'row' ? [m.row + dir * d, m.col] : [m.row, m.col + dir * d];
      const k = grid.kind(r, c);
      if (k === 'formula') {
        if (grid.info(r, c)!.fingerprint === fp) return true;
        break;
      }
      if (k !== 'empty') break;
    }
  return false;
}

/** Number of contiguous blocks the indexes form. */
function blockCount(idx: number[]): number {
  let n = 1;
  for (let k = 1; k < idx.length; k++) if (idx[k] !== idx[k - 1] + 1) n++;
  return n;
}

/** The model group is one contiguous block lying between the two blocks of the deviant group. */
function flankedBy(formulas: RunMember[], ownIdx: number[], g: Group): boolean {
  const idx = g.cells.map((c) => formulas.indexOf(c));
  if (blockCount(idx) !== 1) return false;
  return idx[0] > ownIdx[0] && idx[idx.length - 1] < ownIdx[ownIdx.length - 1];
}

/** The model's cells adjacent to the flagged one, on both sides (the region ExceLint would merge it into). */
function adjacentBlock(formulas: RunMember[], idx: number, g: Group): RunMember[] {
  const out: RunMember[] = [];
  for (let j = idx - 1; j >= 0 && g.cells.includes(formulas[j]); j--) out.unshift(formulas[j]);
  for (let j = idx + 1; j < formulas.length && g.cells.includes(formulas[j]); j++) out.push(formulas[j]);
  return out;
}

function valueAtCell(grid: SheetGrid, m: RunMember, ctx: EvalContext): Scalar | undefined {
  const v = grid.value(m.row, m.col);
  if (v !== null) return typeof v === 'string' && v.startsWith('#') ? { error: v } : v;
  return tryEvaluate(grid.formula(m.row, m.col)!, ctx);
}

function sameValue(a: Scalar | undefined, b: Scalar | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  if (typeof a === 'number' && typeof b === 'number') return sameNumber(a, b);
  if (isError(a) || isError(b)) return isError(a) && isError(b) && a.error === b.error;
  return a === b;
}

/** The group `m` should have followed, if it looks like a broken copy of one. */
function modelFor(grid: SheetGrid, run: Run, formulas: RunMember[], groups: Map<string, Group>, m: RunMember): Group | null {
  const info = grid.info(m.row, m.col)!;
  const own = groups.get(info.fingerprint)!;
  const idx = formulas.indexOf(m);
  // A bug is a one-off: the same deviation recurring along the run (a subtotal every few lines) is a pattern.
  const ownIdx = own.cells.map((c) => formulas.indexOf(c));
  const blocks = blockCount(ownIdx);
  if (blocks > 2) return null;
  const neighbours = [formulas[idx - 1], formulas[idx + 1]].filter(Boolean);
  let best: Group | null = null;
  for (const g of groups.values()) {
    if (g === own || g.cells.length < 2 || !neighbours.some((n) => g.cells.includes(n))) continue;
    // Two deviant blocks make one fix only around a single block of the model (=SUM(H3:H16) | =SUM(I4:I16)… | =SUM(N3:N16)).
    if (blocks === 2 && !flankedBy(formulas, ownIdx, g)) continue;
    const rep = grid.info(g.cells[0].row, g.cells[0].col)!;
    if (!comparable(info, rep) || (onlyOtherSheets(info, grid.name) && onlyOtherSheets(rep, grid.name))) continue;
    // Shifted references: the smaller side is suspect (both, on a tie). Another computation needs a clear majority.
    const shifted = info.skeleton === rep.skeleton;
    if (!shifted && (g.cells.length < MIN_COPIES_OTHER_COMPUTATION || g.cells.length < 2 * own.cells.length)) continue;
    if (shifted && g.cells.length < own.cells.length) continue;
    if (!best || g.cells.length > best.cells.length) best = g;
  }
  if (!best) return null;
  const rep = grid.info(best.cells[0].row, best.cells[0].col)!;
  // The model and the cell must make up most of the stretch they span (not a data column with sparse subtotals).
  const lo = Math.min(best.cells[0].pos, m.pos);
  const hi = Math.max(best.cells[best.cells.length - 1].pos, m.pos);
  const spanned = run.members.filter((x) => x.pos >= lo && x.pos <= hi);
  if (spanned.filter((x) => x.kind === 'formula').length / spanned.length < MIN_DENSITY) return null;
  if (m.pos < best.cells[0].pos && isRecurrent(rep, run)) return null;
  if (groupReads(grid, best, m) || perpendicularFamily(grid, run, m, info.fingerprint)) return null;
  return best;
}

/** Judge every formula of one run; `formulas` are its formula members in order. */
export function checkInconsistent(grid: SheetGrid, run: Run, formulas: RunMember[], groups: Map<string, Group>, ctx: EvalContext, out: RunFinding[]): void {
  if (formulas.length < 3 || groups.size < 2) return;
  for (const m of formulas) {
    const model = modelFor(grid, run, formulas, groups, m);
    if (!model) continue;
    const info = grid.info(m.row, m.col)!;
    const rep = grid.info(model.cells[0].row, model.cells[0].col)!;
    const first = model.cells[0];
    const expected = translateFormula(rep.formula, m.row - first.row, m.col - first.col);
    // A total of the run (a row total in its row, a column total under row formulas) is legitimate,
    // unless its own line holds typed inputs like the model's lines (=SUM(L2:L15) on a data row).
    const aggregate = (readsOwnLine(info, run, grid.name) && !readsOwnLine(rep, run, grid.name)) || summarisesGroup(info, model, run, m, grid.name);
    if (aggregate && !readsTypedNumbers(grid, expected, m)) continue;
    const actual = info.formula;
    const cell = toA1(m.row, m.col);
    const where = `${lineName(run.axis, run.line)} ${spanText(model.cells)}`;
    const n = model.cells.length;
    const peers = adjacentBlock(formulas, formulas.indexOf(m), model).map((c) => ({ row: c.row, col: c.col }));
    const omitted = omittedBySibling(grid, info, analyzeFormula(expected, grid.name, m.row, m.col));
    if (omitted) {
      const list = omitted.map((c) => toA1(c.row, c.col)).join('、');
      const message = `公式 ${actual} 的区域比${where}中其余 ${n} 个同类公式少了 ${list}，按同组规律应为 ${expected}`;
      out.push({
        finding: finding('SUM_OMITS_ADJACENT', 'warning', message, { sheet: grid.name, cell }, { expected, actual }),
        peers,
      });
      continue;
    }
    const here = valueAtCell(grid, m, ctx);
    const there = tryEvaluate(expected, ctx);
    // The model would find nothing here while the cell finds data: it was adapted to where this line's data sits.
    if ((there === 0 || there === null) && typeof here === 'number' && here !== 0) continue;
    // Same result today (the cells in between are blank or 0) is no comfort: the next value typed there is missed.
    const same = sameValue(here, there);
    const tail = same ? '（两种写法在当前数据下结果相同，但以后录入的数据会被算错）' : '';
    const message = `公式 ${actual} 与${where}中其余 ${n} 个公式的引用方式不一致，按同组规律应为 ${expected}${tail}`;
    out.push({
      finding: finding('FORMULA_INCONSISTENT', 'warning', message, { sheet: grid.name, cell }, { expected, actual }),
      peers,
    });
  }
}

/** The form without its typed constants and operators: what is read, and through which functions. */
function readingForm(info: FormulaInfo): string {
  return info.form
    .split(' ')
    .filter((t) => t !== '#' && !/^[-+*/^&=<>]+$/.test(t))
    .join(' ');
}

/**
 * Copies that read the same cells in the same way, but one of them carries
 * a typed constant term the others do not (=SUM(E11:E26)+1 among =SUM(B11:B26)…):
 * a manual adjustment. The ExceLint study counts such "fudge factors" as
 * suspicious, not as errors, so they are information.
 */
export function checkAdjustedCopies(grid: SheetGrid, run: Run, groups: Map<string, Group>, out: RunFinding[]): void {
  for (const g of groups.values()) {
    if (g.cells.length < 3) continue;
    const byNumbers = new Map<string, RunMember[]>();
    for (const c of g.cells) {
      // Per-line constants (=G8/365, =G9/235: a count per line) are data; an extra constant term is an adjustment.
      const k = String(grid.info(c.row, c.col)!.numbers.length);
      byNumbers.set(k, [...(byNumbers.get(k) ?? []), c]);
    }
    if (byNumbers.size < 2) continue;
    const major = [...byNumbers.values()].reduce((a, b) => (b.length > a.length ? b : a));
    if (major.length < 2) continue;
    const base = grid.info(major[0].row, major[0].col)!;
    for (const cells of byNumbers.values()) {
      if (cells.length !== 1 || cells === major) continue;
      const m = cells[0];
      const info = grid.info(m.row, m.col)!;
      if (readingForm(info) !== readingForm(base)) continue;
      const message = `公式 ${info.formula} 与${lineName(run.axis, run.line)} ${spanText(major)}中的同类公式（如 ${toA1(major[0].row, major[0].col)} ${base.formula}）引用相同，但常数项的个数不同（手工加减了数值？），请确认是否为有意调整`;
      out.push({
        finding: finding('FORMULA_INCONSISTENT', 'info', message, { sheet: grid.name, cell: toA1(m.row, m.col) }, { actual: info.formula }),
        peers: major.map((c) => ({ row: c.row, col: c.col })),
      });
    }
  }
}
