/**
 * HARDCODED_IN_FORMULA_REGION: a typed number sitting among formulas filled
 * along a row or column (a subtotal typed between two SUMs). Warning when the
 * number differs from what the neighbours' formula gives at its place (stale
 * or wrong); information when it equals that result (right today, but it
 * will not follow the data).
 */
import { toA1 } from '../address';
import { finding } from '../findings';
import { tryEvaluate } from './context';
import { formatNumber, lineName, spanText } from './describe';
import { sameNumber, type EvalContext } from './evaluate';
import type { SheetGrid } from './grid';
import { analyzeFormula, translateFormula } from './references';
import type { Group, Run, RunFinding, RunMember } from './runs';

/** Decimals a typed number shows (1.15 → 2), capped. */
function decimalsOf(n: number): number {
  const t = String(n);
  if (/e/i.test(t)) return 15;
  const dot = t.indexOf('.');
  return dot < 0 ? 0 : Math.min(15, t.length - dot - 1);
}

/**
 * The typed number is the formula's result give or take presentation: rounded
 * to the digits that were typed, or within 2% (a published or estimated figure
 * entered on purpose). Larger gaps mean the number is stale or wrong.
 */
export function typedMatches(typed: number, computed: number): boolean {
  if (sameNumber(typed, computed)) return true;
  const d = decimalsOf(typed);
  if (d < 15 && Math.abs(typed - computed) <= 0.5 * Math.pow(10, -d) + 1e-12) return true;
  return Math.abs(typed - computed) <= 0.02 * Math.max(Math.abs(typed), Math.abs(computed));
}

/**
 * The formulas framing member i on their stride: a row total typed between
 * two SUMs, not the data column of an interleaved "count | share | count |
 * share" layout; and typed numbers must be the exception in the stretch.
 */
function framingGroup(grid: SheetGrid, run: Run, groups: Map<string, Group>, i: number): { model: RunMember; group: Group } | null {
  const c = run.members[i];
  const before = run.members[i - 1];
  const after = run.members[i + 1];
  if (!before || !after || before.kind !== 'formula' || after.kind !== 'formula') return null;
  if (c.pos - before.pos !== after.pos - c.pos) return null;
  const fp = grid.info(before.row, before.col)!.fingerprint;
  if (grid.info(after.row, after.col)!.fingerprint !== fp) return null;
  const group = groups.get(fp)!;
  if (group.cells.length < 3) return null;
  const step = c.pos - before.pos;
  const beyond = [before.pos - step, after.pos + step].map((p) => run.members.find((x) => x.pos === p));
  if (beyond.some((x) => x && x.kind === 'formula' && grid.info(x.row, x.col)!.fingerprint !== fp)) return null;
  const lo = group.cells[0].pos;
  const hi = group.cells[group.cells.length - 1].pos;
  const numbers = run.members.filter((x) => x.kind === 'number' && x.pos > lo && x.pos < hi).length;
  if (numbers * 3 > group.cells.length) return null;
  return { model: before, group };
}

function readsCell(formula: string, sheet: string, row: number, col: number): boolean {
  return analyzeFormula(formula, sheet, row, col).refs.some(
    (r) => r.sheet.toLowerCase() === sheet.toLowerCase() && r.top <= row && r.bottom >= row && r.left <= col && r.right >= col,
  );
}

/** Formulas of one fingerprint directly around member i, on both sides. */
function adjacentFormulas(grid: SheetGrid, run: Run, i: number, fp: string): RunMember[] {
  const same = (x: RunMember | undefined) => !!x && x.kind === 'formula' && grid.info(x.row, x.col)!.fingerprint === fp;
  const out: RunMember[] = [];
  for (let j = i - 1; same(run.members[j]); j--) out.unshift(run.members[j]);
  for (let j = i + 1; same(run.members[j]); j++) out.push(run.members[j]);
  return out;
}

export function checkHardcoded(grid: SheetGrid, run: Run, groups: Map<string, Group>, ctx: EvalContext, out: RunFinding[]): void {
  run.members.forEach((c, i) => {
    // Only a real typed number (a formula without references also counts as "number" in runs).
    if (c.kind !== 'number' || grid.kind(c.row, c.col) !== 'number') return;
    const framing = framingGroup(grid, run, groups, i);
    if (!framing) return;
    const { model, group } = framing;
    const rep = grid.info(model.row, model.col)!;
    if (rep.refs.length === 0) return;
    const expected = translateFormula(rep.formula, c.row - model.row, c.col - model.col);
    // A formula here reading this very cell would be circular: the number is an input, not a result.
    if (expected.includes('#REF!') || readsCell(expected, grid.name, c.row, c.col)) return;
    const typed = grid.value(c.row, c.col) as number;
    const v = tryEvaluate(expected, ctx);
    const computed = typeof v === 'number' ? v : undefined;
    const differs = computed !== undefined && !typedMatches(typed, computed);
    const self = toA1(c.row, c.col);
    const note = computed === undefined ? '' : differs ? `，而按公式应为 ${formatNumber(computed)}` : '，数值与公式结果相同，但不会随数据更新';
    const message = `${self} 是手工录入的数值 ${formatNumber(typed)}，而${lineName(run.axis, run.line)} ${spanText(group.cells)}中的同类单元格都是公式（应为 ${expected}）${note}`;
    out.push({
      finding: finding('HARDCODED_IN_FORMULA_REGION', differs ? 'warning' : 'info', message, { sheet: grid.name, cell: self }, { expected, actual: typed }),
      peers: adjacentFormulas(grid, run, i, group.fingerprint).map((x) => ({ row: x.row, col: x.col })),
    });
  });
}
