/**
 * What the indicator sheet's own cells claim against what their parts give:
 * 扣分 + 得分 = 分值, notes and deductions that come alone, subtotal, total,
 * 得分率 and grade cells.
 */
import { toA1 } from '../address';
import { Decimal, dec, fmt } from '../decimal';
import { finding, type Finding } from '../findings';
import type { CellInput } from '../indicators/model';
import { parseQuantity } from '../quantity';
import { isGroupResult, type GroupResult } from '../scoring/aggregate';
import type { LeafResult } from '../scoring/leaf';
import type { RunState } from '../scoring/run';
import { isEngineValue, type EngineState } from '../state';
import { gradeFor } from '../summary/grade';
import { normText } from '../text';

const TOL = dec('0.005');

function numberIn(c: CellInput | undefined): Decimal | null {
  if (!c || c.value === null || c.value === '') return null;
  const q = parseQuantity(c.value, c.numberFormat);
  return q.ok ? q.q.value : null;
}

function where(sheet: string, c: { row: number; col: number }) {
  return { sheet, cell: toA1(c.row, c.col) };
}

export function checkLeafCells(run: RunState, state: EngineState | null, findings: Finding[]): void {
  const sheet = run.table.sheet;
  for (const l of run.leaves) {
    if (!l.max || l.score === null) continue;
    const dc = l.leaf.cells.deduction;
    const d = numberIn(dc);
    if (dc && d !== null && !d.plus(l.score).minus(l.max).abs().lt(TOL)) {
      findings.push(
        finding('DEDUCTION_MISMATCH', 'error', `“${l.leaf.name}”扣分${fmt(d)}加得分${fmt(l.score)}不等于分值${fmt(l.max)}`, where(sheet, dc), {
          expected: fmt(l.max.minus(l.score)),
          actual: fmt(d),
        }),
      );
    }
    const nc = l.leaf.cells.note;
    const note = nc && nc.value !== null ? normText(nc.value) : '';
    const noteIsEngine = nc ? isEngineValue(state, sheet, nc.row, nc.col, nc.value) : false;
    if (note && !noteIsEngine && l.score.eq(l.max) && /扣(除|减)?\s*\d|扣分/.test(note) && !/不扣分|无扣分|未扣分/.test(note)) {
      findings.push(finding('NOTE_WITHOUT_DEDUCTION', 'warning', `“${l.leaf.name}”得满分，但扣分说明写有扣分：“${note.slice(0, 40)}”`, where(sheet, nc!)));
    }
    const rc = l.leaf.cells.rate;
    const rate = numberIn(rc);
    if (rc && rate !== null && !l.max.isZero()) {
      const expected = l.score.div(l.max);
      const asFraction = rate.gt(1.0001) ? rate.div(100) : rate;
      if (!asFraction.minus(expected).abs().lt(dec('0.00005'))) {
        findings.push(
          finding('RATE_CELL_MISMATCH', 'error', `“${l.leaf.name}”得分率应为${fmt(expected.times(100))}%`, where(sheet, rc), {
            expected: `${fmt(expected.times(100))}%`,
            actual: String(rc.value),
          }),
        );
      }
    }
  }
}

export function checkAggregateCells(run: RunState, findings: Finding[]): void {
  const sheet = run.table.sheet;
  const walk = (items: (GroupResult | LeafResult)[]) => {
    for (const g of items) {
      if (!isGroupResult(g)) continue;
      walk(g.children);
      const sc = g.node.subtotalCell;
      if (!sc) continue;
      const cell = run.views.get(sheet)!;
      const v = parseQuantity(cell.raw(sc.row, sc.col), cell.numberFormat(sc.row, sc.col));
      if (v.ok && !v.q.value.minus(g.score).abs().lt(TOL)) {
        findings.push(
          finding('SUBTOTAL_MISMATCH', 'error', `“${g.node.name}”小计为${fmt(v.q.value)}，其下指标得分合计为${fmt(g.score)}`, where(sheet, sc), {
            expected: fmt(g.score),
            actual: fmt(v.q.value),
          }),
        );
      }
    }
  };
  walk(run.groups);

  const maxSum = run.totalMax;
  for (const s of run.table.specialRows) {
    if (s.kind === 'total') {
      const score = numberIn(s.cells.score);
      if (s.cells.score && score !== null && run.pending === 0 && !score.minus(run.total).abs().lt(TOL)) {
        findings.push(
          finding('TOTAL_MISMATCH', 'error', `合计得分为${fmt(score)}，各指标得分合计为${fmt(run.total)}`, where(sheet, s.cells.score), {
            expected: fmt(run.total),
            actual: fmt(score),
          }),
        );
      }
      const ded = numberIn(s.cells.deduction);
      if (s.cells.deduction && ded !== null && maxSum && run.pending === 0 && !ded.minus(maxSum.minus(run.total)).abs().lt(TOL)) {
        findings.push(
          finding('TOTAL_DEDUCTION_MISMATCH', 'error', `合计扣分为${fmt(ded)}，应为${fmt(maxSum.minus(run.total))}`, where(sheet, s.cells.deduction), {
            expected: fmt(maxSum.minus(run.total)),
            actual: fmt(ded),
          }),
        );
      }
    }
    if (s.kind === 'grade' && run.pending === 0) {
      const stated = [s.cells.score?.value, s.text].map((v) => (typeof v === 'string' ? normText(v) : '')).find((t) => t);
      const expected = gradeFor(run.total, run.scheme);
      if (stated && run.scheme.bands.some((b) => b.label === stated) && stated !== expected) {
        const c = s.cells.score ?? { row: s.row, col: run.table.header.columns.level1 ?? 1 };
        findings.push(
          finding('GRADE_MISMATCH', 'error', `评价等次写为“${stated}”，总分${fmt(run.total)}按等级标准应为“${expected}”`, where(sheet, c), {
            expected,
            actual: stated,
          }),
        );
      }
    }
  }
}
