/**
 * Sheets the engine keeps with the evaluator (评分规则, 逐项评分): a header row,
 * within the first rows, that names each field's column by one of its words.
 */
import type { SheetView } from './sheetView';
import { normName } from './text';

export interface FieldHeader<F extends string> {
  row: number;
  cols: Partial<Record<F, number>>;
}

/** Rows looked at for the header, from the sheet's first. */
const HEADER_ROWS = 10;

/** The first row whose labels name enough fields (`complete`), and the column of each field it names. */
export function locateFieldHeader<F extends string>(
  view: SheetView,
  fields: readonly [F, RegExp][],
  complete: (cols: Partial<Record<F, number>>) => boolean,
): FieldHeader<F> | null {
  for (let r = view.firstRow; r <= Math.min(view.lastRow, view.firstRow + HEADER_ROWS); r++) {
    const cols: Partial<Record<F, number>> = {};
    for (let c = view.firstCol; c <= view.lastCol; c++) {
      const t = normName(view.text(r, c));
      for (const [field, re] of fields) if (re.test(t) && cols[field] === undefined) cols[field] = c;
    }
    if (complete(cols)) return { row: r, cols };
  }
  return null;
}
