/** The run-based checks of one sheet: every row and column run, judged once. */
import { evalContext } from './context';
import { checkHardcoded } from './hardcoded';
import { checkAdjustedCopies, checkInconsistent } from './inconsistency';
import type { SheetGrid, WorkbookGrids } from './grid';
import { groupsOf, runsOf, type RunFinding } from './runs';

export function checkRuns(grid: SheetGrid, grids: WorkbookGrids, deadline: number): RunFinding[] {
  const out: RunFinding[] = [];
  const ctx = evalContext(grids, grid.name);
  for (const axis of ['col', 'row'] as const) {
    for (const run of runsOf(grid, axis)) {
      if (Date.now() > deadline) return out;
      const formulas = run.members.filter((m) => m.kind === 'formula');
      if (formulas.length < 2) continue;
      const groups = groupsOf(grid, formulas);
      checkInconsistent(grid, run, formulas, groups, ctx, out);
      checkAdjustedCopies(grid, run, groups, out);
      checkHardcoded(grid, run, groups, ctx, out);
    }
  }
  return out;
}
