/**
 * REF_TO_EMPTY: a formula reading a single blank cell that sits inside a block
 * of numbers (a value not yet typed, or a reference that slipped by a line).
 * Blank cells are legitimate in most places, so only this narrow case is
 * reported, and only as information.
 */
import { toA1 } from '../address';
import { finding, type Finding } from '../findings';
import type { SheetGrid, WorkbookGrids } from './grid';

function isNumber(g: SheetGrid, row: number, col: number): boolean {
  return typeof g.value(row, col) === 'number';
}

/** Numbers on both sides of the blank, vertically or horizontally. */
function insideNumericBlock(g: SheetGrid, row: number, col: number): boolean {
  return (isNumber(g, row - 1, col) && isNumber(g, row + 1, col)) || (isNumber(g, row, col - 1) && isNumber(g, row, col + 1));
}

export function checkEmptyRefs(grid: SheetGrid, grids: WorkbookGrids): Finding[] {
  const out: Finding[] = [];
  for (const { row, col, formula } of grid.formulaCells()) {
    const info = grid.info(row, col)!;
    for (const r of info.refs) {
      if (!r.local || r.kind !== 'cell') continue;
      const g = r.sheet.toLowerCase() === grid.name.toLowerCase() ? grid : grids.get(r.sheet);
      if (!g || g.kind(r.top, r.left) !== 'empty') continue;
      if (!insideNumericBlock(g, r.top, r.left)) continue;
      const target = g === grid ? toA1(r.top, r.left) : `${g.name}!${toA1(r.top, r.left)}`;
      out.push(
        finding(
          'REF_TO_EMPTY',
          'info',
          `公式 ${formula} 引用的 ${target} 是空单元格，而它上下（或左右）都是数值：可能漏填了数据，或引用错了行列`,
          { sheet: grid.name, cell: toA1(row, col) },
          { actual: target },
        ),
      );
      break;
    }
  }
  return out;
}
