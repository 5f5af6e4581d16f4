/** The ExcelJS adapter's environment-neutral API (browser bundle and Node); file access is in ./node. */
export { applyPatch, type ApplyResult } from './applyPatch';
export { loadWorkbook, saveWorkbook, unsupportedParts, WorkbookLoadError, type WorkbookLoadErrorCode } from './io';
export { snapshotFromWorkbook, snapshotFromWorksheet } from './readSnapshot';
export { validatePatch } from './validatePatch';
