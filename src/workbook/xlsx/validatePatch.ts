/**
 * The ExcelJS adapter's pre-check: the sheet list comes from the loaded
 * workbook (with its array formulas), the checks themselves are shared with
 * the Office.js adapter (../patchCheck).
 */
import type ExcelJS from 'exceljs';
import type { RangeAddress } from '../../engine/address';
import type { Patch } from '../../engine/patch';
import { checkPatch, type CheckSheet } from '../patchCheck';
import { indexFormulas, isProtected, mergedRanges } from './sheetCells';

export { sheetNameProblem } from '../patchCheck';

export function findWorksheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined {
  const key = name.toLowerCase();
  return wb.worksheets.find((ws) => ws.name.toLowerCase() === key);
}

function checkSheetOf(ws: ExcelJS.Worksheet): CheckSheet {
  let arrays: RangeAddress[] | null = null;
  return {
    name: ws.name,
    visibility: ws.state === 'hidden' || ws.state === 'veryHidden' ? ws.state : 'visible',
    protected: isProtected(ws),
    merges: mergedRanges(ws),
    // Scanning formulas costs a pass over the sheet; only edited sheets need it.
    get arrays() {
      if (!arrays) {
        arrays = indexFormulas(ws)
          .arrays.map((a) => a.range)
          .filter((r) => r.bottom > r.top || r.right > r.left);
      }
      return arrays;
    },
  };
}

/** Null when the patch can be applied in full; otherwise the (Chinese) reason. */
export function validatePatch(wb: ExcelJS.Workbook, patch: Patch): string | null {
  return checkPatch(wb.worksheets.map(checkSheetOf), patch);
}
