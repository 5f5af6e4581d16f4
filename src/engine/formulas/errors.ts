/**
 * FORMULA_ERROR_VALUE: formulas showing an error (#REF!, #DIV/0! ...) and
 * formulas with an error literal typed or left in their text (=A1+#REF!,
 * the trace of a deleted row or sheet). An error that only passes on an
 * error from a cell the formula reads is reported where it starts, not at
 * every cell downstream.
 */
import { toA1 } from '../address';
import { finding, type Finding } from '../findings';
import { isErrorValue } from '../snapshot';
import type { SheetGrid, WorkbookGrids } from './grid';
import { refSize } from './references';

const MEANING: Record<string, string> = {
  '#REF!': '引用了已删除的单元格、行或工作表',
  '#DIV/0!': '除数为零或为空',
  '#VALUE!': '对文本做了算术运算或参数类型不对',
  '#NAME?': '函数名或名称无法识别',
  '#N/A': '查找不到匹配值',
  '#NUM!': '数值无效或计算不收敛',
  '#NULL!': '区域交集为空',
};

/** Broken references: the formula itself is damaged, whatever the data. */
export const BROKEN_REFERENCE_ERRORS = new Set(['#REF!', '#NAME?']);

/** True when one of the cells the formula reads already holds the same error. */
function inherited(grid: SheetGrid, grids: WorkbookGrids, row: number, col: number, error: string): boolean {
  const info = grid.info(row, col)!;
  for (const r of info.refs) {
    if (!r.local) continue;
    const g = grids.get(r.sheet);
    if (!g) continue;
    if (refSize(r) > 5000) continue;
    for (let y = r.top; y <= Math.min(r.bottom, g.bottom); y++)
      for (let x = r.left; x <= Math.min(r.right, g.right); x++) {
        const v = g.value(y, x);
        if (typeof v === 'string' && v.trim() === error) return true;
      }
  }
  return false;
}

export function checkErrors(grid: SheetGrid, grids: WorkbookGrids): Finding[] {
  const out: Finding[] = [];
  for (const { row, col, formula } of grid.formulaCells()) {
    const cell = toA1(row, col);
    const info = grid.info(row, col)!;
    const literals = [...new Set(info.errorLiterals)];
    if (literals.length) {
      out.push(
        finding(
          'FORMULA_ERROR_VALUE',
          'error',
          `公式 ${formula} 中含有错误值 ${literals.join('、')}（${MEANING[literals[0]] ?? '公式已损坏'}），需要重新指定引用`,
          { sheet: grid.name, cell },
          { actual: literals[0] },
        ),
      );
      continue;
    }
    const v = grid.value(row, col);
    if (!isErrorValue(v)) continue;
    const error = (v as string).trim();
    if (inherited(grid, grids, row, col, error)) continue;
    out.push(
      finding(
        'FORMULA_ERROR_VALUE',
        'error',
        `公式 ${formula} 的结果是错误值 ${error}（${MEANING[error] ?? '计算出错'}）`,
        { sheet: grid.name, cell },
        { actual: error },
      ),
    );
  }
  return out;
}
