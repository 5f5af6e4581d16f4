/**
 * Aggregate ranges. SUM_OMITS_ADJACENT: a range stopping short of numbers
 * of its own block (=SUM(B2:B9) in B11 while B10 holds a number; the sibling
 * case, a total covering one line less than its row neighbours, is judged in
 * inconsistency.ts with omittedBySibling). SUM_DOUBLE_COUNTS: a total that
 * adds a subtotal together with the lines it already adds.
 */
import { rangeToA1, toA1 } from '../address';
import { finding, type Finding } from '../findings';
import type { SheetGrid } from './grid';
import { refSize, resolveRef, type FormulaInfo, type ResolvedRef } from './references';

const AGGREGATES = new Set(['SUM', 'AVERAGE', 'MIN', 'MAX', 'COUNT', 'COUNTA', 'PRODUCT', 'SUBTOTAL', 'MEDIAN']);

export interface AggregateCall {
  func: string;
  range: ResolvedRef;
}

/** Calls such as SUM(B2:B9) (one plain range argument; SUBTOTAL's function number allowed first). */
export function aggregateCalls(info: FormulaInfo, sheet: string): AggregateCall[] {
  const out: AggregateCall[] = [];
  const t = info.tokens;
  for (let i = 0; i + 3 < t.length; i++) {
    if (t[i].type !== 'func' || !AGGREGATES.has(t[i].name!) || t[i + 1].type !== 'open') continue;
    let j = i + 2;
    if (t[i].name === 'SUBTOTAL') {
      if (t[j]?.type !== 'number' || t[j + 1]?.type !== 'sep') continue;
      j += 2;
    }
    if (t[j]?.type === 'ref' && t[j + 1]?.type === 'close' && t[j].ref!.kind === 'range') {
      const r = resolveRef(t[j].ref!, sheet);
      if (r.local) out.push({ func: t[i].name!, range: r });
    }
  }
  return out;
}

function readsAny(info: FormulaInfo, cells: { row: number; col: number }[], sheet: string): boolean {
  return info.refs.some(
    (r) => r.sheet.toLowerCase() === sheet.toLowerCase() && cells.some((c) => r.top <= c.row && r.bottom >= c.row && r.left <= c.col && r.right >= c.col),
  );
}

function numericCount(grid: SheetGrid, r: ResolvedRef): number {
  let n = 0;
  for (let y = r.top; y <= Math.min(r.bottom, grid.bottom); y++)
    for (let x = r.left; x <= Math.min(r.right, grid.right); x++) if (typeof grid.value(y, x) === 'number') n++;
  return n;
}

/** The number format most numbers of the range share ('General' when none is set). */
function blockFormat(grid: SheetGrid, r: ResolvedRef): string {
  const counts = new Map<string, number>();
  for (let y = r.top; y <= Math.min(r.bottom, grid.bottom); y++)
    for (let x = r.left; x <= Math.min(r.right, grid.right); x++) {
      if (typeof grid.value(y, x) !== 'number') continue;
      const f = grid.numberFormat(y, x) ?? 'General';
      counts.set(f, (counts.get(f) ?? 0) + 1);
    }
  let best = 'General';
  let n = -1;
  for (const [f, c] of counts) if (c > n) [best, n] = [f, c];
  return best;
}

/**
 * A one-row range over a block of formulas filled along it, added up in
 * another row (=SUM(B68:H68) in B70 over seven column totals), when the
 * block goes on past either end with the same formula (I68 =SUM(I14:I67)):
 * that member was left out, typically a column added later.
 */
function stopsShortOfBlock(grid: SheetGrid, r: ResolvedRef, row: number, col: number): { row: number; col: number } | null {
  // Only a row of totals added up away from that row. Down a column, or
  // within its own row, a block running on is as often the next section or
  // a grand total as a forgotten member (measured on the ExceLint annotations).
  if (r.top !== r.bottom || r.left === r.right || row === r.top) return null;
  if (r.right > grid.right || r.bottom > grid.bottom) return null;
  let fp: string | null = null;
  for (let y = r.top; y <= r.bottom; y++)
    for (let x = r.left; x <= r.right; x++) {
      const inner = grid.info(y, x);
      if (!inner || inner.refs.length === 0) return null;
      if (fp === null) fp = inner.fingerprint;
      else if (inner.fingerprint !== fp) return null;
    }
  const beyond = [
    { row: r.top, col: r.right + 1 },
    { row: r.top, col: r.left - 1 },
  ];
  for (const c of beyond) {
    if (c.col < 1 || c.row < 1 || (c.row === row && c.col === col)) continue;
    if (grid.info(c.row, c.col)?.fingerprint === fp) return c;
  }
  return null;
}

/**
 * The total sits below (or right of) its own column (row) range, and the
 * cells between the range's end and the total are all typed numbers: the
 * range was not extended when a line was added.
 */
export function checkSumOmits(grid: SheetGrid): Finding[] {
  const out: Finding[] = [];
  for (const { row, col, formula } of grid.formulaCells()) {
    const info = grid.info(row, col)!;
    for (const call of aggregateCalls(info, grid.name)) {
      const r = call.range;
      if (r.sheet.toLowerCase() !== grid.name.toLowerCase() || r.kind !== 'range') continue;
      const gap: { row: number; col: number }[] = [];
      const cut = stopsShortOfBlock(grid, r, row, col);
      if (cut) {
        if (readsAny(info, [cut], grid.name)) continue;
        const wider = {
          ...r,
          top: Math.min(r.top, cut.row),
          bottom: Math.max(r.bottom, cut.row),
          left: Math.min(r.left, cut.col),
          right: Math.max(r.right, cut.col),
        };
        out.push(
          finding(
            'SUM_OMITS_ADJACENT',
            'warning',
            `${toA1(row, col)} 的 ${call.func}(${rangeToA1(r)}) 没有包含紧邻的同类公式 ${toA1(cut.row, cut.col)}（${grid.info(cut.row, cut.col)!.formula}），区域可能应为 ${rangeToA1(wider)}`,
            { sheet: grid.name, cell: toA1(row, col) },
            { expected: rangeToA1(wider), actual: formula },
          ),
        );
        continue;
      }
      if (r.left === r.right && r.left === col && r.bottom < row) {
        for (let y = r.bottom + 1; y < row; y++) gap.push({ row: y, col });
      } else if (r.top === r.bottom && r.top === row && r.right < col) {
        for (let x = r.right + 1; x < col; x++) gap.push({ row, col: x });
      } else continue;
      if (gap.length === 0 || gap.length > 2) continue;
      if (!gap.every((c) => grid.kind(c.row, c.col) === 'number')) continue;
      if (numericCount(grid, r) < 2) continue;
      // A percentage under a column of counts is another quantity, not a forgotten line.
      const fmt = blockFormat(grid, r);
      if (gap.some((c) => (grid.numberFormat(c.row, c.col) ?? 'General') !== fmt)) continue;
      // A line read elsewhere in the formula (=SUM(B2:B9)-B10) is accounted for.
      if (readsAny(info, gap, grid.name)) continue;
      const missing = gap.map((c) => toA1(c.row, c.col)).join('、');
      // Omitted zeros change nothing today, but the range is still wrong for tomorrow's data.
      const zeros = gap.every((c) => grid.value(c.row, c.col) === 0);
      const wider = {
        ...r,
        bottom: r.left === r.right ? row - 1 : r.bottom,
        right: r.top === r.bottom ? col - 1 : r.right,
      };
      out.push(
        finding(
          'SUM_OMITS_ADJACENT',
          'warning',
          `${toA1(row, col)} 的 ${call.func}(${rangeToA1(r)}) 没有包含紧邻的数值单元格 ${missing}，区域可能应为 ${rangeToA1(wider)}${zeros ? '（遗漏的单元格目前为 0，结果暂未受影响）' : ''}`,
          { sheet: grid.name, cell: toA1(row, col) },
          { expected: rangeToA1(wider), actual: formula },
        ),
      );
    }
  }
  return out;
}

/**
 * Against a sibling's version of the same aggregate: the cells the sibling's
 * range covers that this one's does not, when they hold numbers; null when
 * the two do not differ by such an omission.
 */
export function omittedBySibling(grid: SheetGrid, actual: FormulaInfo, expected: FormulaInfo): { row: number; col: number }[] | null {
  if (actual.skeleton !== expected.skeleton) return null;
  const a = aggregateCalls(actual, grid.name);
  const e = aggregateCalls(expected, grid.name);
  if (a.length !== 1 || e.length !== 1 || a[0].func !== e[0].func) return null;
  const ra = a[0].range;
  const re = e[0].range;
  if (ra.sheet.toLowerCase() !== re.sheet.toLowerCase()) return null;
  const inside = re.top <= ra.top && re.bottom >= ra.bottom && re.left <= ra.left && re.right >= ra.right;
  if (!inside || (re.top === ra.top && re.bottom === ra.bottom && re.left === ra.left && re.right === ra.right)) return null;
  const g = ra.sheet.toLowerCase() === grid.name.toLowerCase() ? grid : null;
  if (!g) return null;
  const missing: { row: number; col: number }[] = [];
  for (let y = re.top; y <= re.bottom; y++)
    for (let x = re.left; x <= re.right; x++) {
      if (y >= ra.top && y <= ra.bottom && x >= ra.left && x <= ra.right) continue;
      if (typeof g.value(y, x) === 'number' || g.kind(y, x) === 'formula') missing.push({ row: y, col: x });
    }
  return missing.length ? missing : null;
}

/**
 * SUM_DOUBLE_COUNTS: a total whose range takes in a subtotal together with
 * the lines that subtotal already adds up (=SUM(D12:D92) over D89 =
 * SUM(D90:D92) and D90:D92): those lines count twice.
 */
export function checkDoubleCounts(grid: SheetGrid): Finding[] {
  const out: Finding[] = [];
  for (const { row, col, formula } of grid.formulaCells()) {
    const info = grid.info(row, col)!;
    const calls = aggregateCalls(info, grid.name);
    // Only a plain =SUM(range): =SUM(...)/2 is the known way to total a list that repeats its subtotals.
    if (calls.length !== 1 || calls[0].func !== 'SUM' || info.tokens.length !== 4) continue;
    const r = calls[0].range;
    if (r.sheet.toLowerCase() !== grid.name.toLowerCase() || refSize(r) < 3 || refSize(r) > 5000) continue;
    for (let y = r.top; y <= Math.min(r.bottom, grid.bottom); y++) {
      let hit: string | null = null;
      for (let x = r.left; x <= Math.min(r.right, grid.right); x++) {
        const inner = grid.info(y, x);
        if (!inner) continue;
        const sub = aggregateCalls(inner, grid.name).find((c) => c.func === 'SUM');
        if (!sub || inner.tokens.length !== 4) continue;
        const s = sub.range;
        const inside = s.sheet.toLowerCase() === r.sheet.toLowerCase() && s.top >= r.top && s.bottom <= r.bottom && s.left >= r.left && s.right <= r.right;
        if (!inside) continue;
        hit = `${toA1(y, x)}（${inner.formula}）及其明细 ${rangeToA1(s)}`;
        break;
      }
      if (!hit) continue;
      out.push(
        finding(
          'SUM_DOUBLE_COUNTS',
          'warning',
          `${toA1(row, col)} 的 ${formula} 同时包含小计 ${hit}，这些明细被重复计算`,
          { sheet: grid.name, cell: toA1(row, col) },
          { actual: formula },
        ),
      );
      break;
    }
  }
  return out;
}
