/**
 * Optional Excel features, probed once per run. The manifest only demands
 * ExcelApi 1.4; everything newer is used when the host has it and skipped
 * (or replaced) when it does not.
 */

export interface OfficeFeatures {
  /** Range.getMergedAreasOrNullObject (ExcelApi 1.13): without it merges are not read. */
  mergedAreas: boolean;
  /** Range.hyperlink (ExcelApi 1.7): without it links become =HYPERLINK() formulas. */
  hyperlinks: boolean;
  /** Worksheet.freezePanes (ExcelApi 1.7): without it rows are not frozen. */
  freezePanes: boolean;
  /** Worksheet.pageLayout (ExcelApi 1.9): without it print setup is skipped. */
  pageLayout: boolean;
  /**
   * Workbook.protection (ExcelApi 1.7): structure protection is checked before any write.
   * Without it the sheet additions and deletions are queued first, so a refusal comes before any cell is written.
   */
  workbookProtection?: boolean;
  /** Worksheet.notes (ExcelApi 1.18): cell notes are read, as the command line reads them. */
  notes?: boolean;
  /** Excel.run({ delayForCellEdit }) (ExcelApi 1.11): a batch waits while the user edits a cell. */
  delayForCellEdit?: boolean;
  /**
   * RangeFormat.useStandardWidth / useStandardHeight (ExcelApi 1.7): undo puts a column back to the
   * sheet's standard width, and the read tells standard rows and columns from custom ones.
   */
  standardSizes?: boolean;
  /**
   * Range.getRowProperties / getColumnProperties (ExcelApi 1.9): row heights and column widths come
   * back in one result per band. Without it they are read one row / column at a time (ExcelApi 1.2).
   */
  rowColumnProperties?: boolean;
}

export const ALL_FEATURES: OfficeFeatures = {
  mergedAreas: true,
  hyperlinks: true,
  freezePanes: true,
  pageLayout: true,
  workbookProtection: true,
  notes: true,
  delayForCellEdit: true,
  standardSizes: true,
  rowColumnProperties: true,
};
export const NO_FEATURES: OfficeFeatures = {
  mergedAreas: false,
  hyperlinks: false,
  freezePanes: false,
  pageLayout: false,
  workbookProtection: false,
  notes: false,
  delayForCellEdit: false,
  standardSizes: false,
  rowColumnProperties: false,
};

function supported(version: string): boolean {
  try {
    return typeof Office !== 'undefined' && !!Office.context?.requirements?.isSetSupported('ExcelApi', version);
  } catch {
    return false;
  }
}

export function detectFeatures(): OfficeFeatures {
  return {
    mergedAreas: supported('1.13'),
    hyperlinks: supported('1.7'),
    freezePanes: supported('1.7'),
    pageLayout: supported('1.9'),
    workbookProtection: supported('1.7'),
    notes: supported('1.18'),
    delayForCellEdit: supported('1.11'),
    standardSizes: supported('1.7'),
    rowColumnProperties: supported('1.9'),
  };
}
