/** Wording shared by the findings: numbers, lines and cell spans as a Chinese message shows them. */
import { colToLetters, toA1 } from '../address';

/** A number as the message shows it: integers as is, fractions to 12 significant digits. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toPrecision(12)));
}

/** "第17行" for a row, "F列" for a column. */
export function lineName(axis: 'row' | 'col', line: number): string {
  return axis === 'row' ? `第${line}行` : `${colToLetters(line)}列`;
}

/** "B14:G14" for cells along one line (first to last), "B14" for one. */
export function spanText(cells: { row: number; col: number }[]): string {
  const first = cells[0];
  const last = cells[cells.length - 1];
  const a = toA1(first.row, first.col);
  return cells.length === 1 ? a : `${a}:${toA1(last.row, last.col)}`;
}
