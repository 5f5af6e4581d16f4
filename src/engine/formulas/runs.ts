/**
 * Runs: stretches of one row or one column holding formulas and numbers, cut
 * by text (labels, headers) and by wide blank gaps. They are the regions the
 * consistency checks compare cells within, as ExceLint compares adjacent
 * same-fingerprint rectangles along a single row or column.
 */
import type { Finding } from '../findings';
import type { CellKind, SheetGrid } from './grid';

export type Axis = 'row' | 'col';

export interface RunMember {
  row: number;
  col: number;
  /** Position along the run's axis (column for a row run, row for a column run). */
  pos: number;
  kind: 'formula' | 'number';
}

export interface Run {
  axis: Axis;
  /** The fixed coordinate: the row of a row run, the column of a column run. */
  line: number;
  members: RunMember[];
}

/** Blank cells tolerated between two members (spacer columns, a blank row before a total). */
export const MAX_GAP = 2;

function flush(runs: Run[], axis: Axis, line: number, members: RunMember[]): void {
  if (members.length >= 2 && members.some((m) => m.kind === 'formula')) runs.push({ axis, line, members: members.slice() });
}

/** All runs of a sheet along one axis. */
export function runsOf(grid: SheetGrid, axis: Axis): Run[] {
  const runs: Run[] = [];
  const [lineFrom, lineTo, posFrom, posTo] = axis === 'row' ? [grid.top, grid.bottom, grid.left, grid.right] : [grid.left, grid.right, grid.top, grid.bottom];
  for (let line = lineFrom; line <= lineTo; line++) {
    let members: RunMember[] = [];
    let lastPos = -Infinity;
    for (let pos = posFrom; pos <= posTo; pos++) {
      const row = axis === 'row' ? line : pos;
      const col = axis === 'row' ? pos : line;
      let k: CellKind = grid.kind(row, col);
      // A formula without references (=495+26) is a typed value in disguise.
      if (k === 'formula' && grid.info(row, col)!.refs.length === 0) k = 'number';
      if (k === 'empty') continue;
      if (k === 'formula' || k === 'number') {
        if (pos - lastPos - 1 > MAX_GAP && members.length) {
          flush(runs, axis, line, members);
          members = [];
        }
        members.push({ row, col, pos, kind: k });
        lastPos = pos;
      } else {
        flush(runs, axis, line, members);
        members = [];
        lastPos = -Infinity;
      }
    }
    flush(runs, axis, line, members);
  }
  return runs;
}

/** Formulas of a run sharing one reference fingerprint, in run order. */
export interface Group {
  fingerprint: string;
  cells: RunMember[];
}

export function groupsOf(grid: SheetGrid, formulas: RunMember[]): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const m of formulas) {
    const fp = grid.info(m.row, m.col)!.fingerprint;
    let g = groups.get(fp);
    if (!g) groups.set(fp, (g = { fingerprint: fp, cells: [] }));
    g.cells.push(m);
  }
  return groups;
}

/** A run-based finding with the regular cells it was judged against (ExceLint's "other rectangle" of a fix). */
export interface RunFinding {
  finding: Finding;
  peers: { row: number; col: number }[];
}
