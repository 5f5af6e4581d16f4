/**
 * Undo for the in-memory workbook if applying a validated patch still throws.
 * ExcelJS's workbook model round-trips through `wb.model`, except that the
 * getter lists merges as `merges` while the setter reads `mergeCells`.
 */
import type ExcelJS from 'exceljs';

interface SheetModel {
  merges?: string[];
  mergeCells?: string[];
}

export function captureWorkbook(wb: ExcelJS.Workbook): () => void {
  const model = wb.model;
  return () => {
    for (const ws of model.worksheets as unknown as SheetModel[]) ws.mergeCells = ws.merges ?? [];
    wb.model = model;
  };
}
