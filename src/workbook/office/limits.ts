/** Hard limits of the Office.js adapter. */

/** A used range above this many cells is refused (the engine reads everything into memory). */
export const MAX_USED_RANGE_CELLS = 5_000_000;

/** Excel on the web rejects a request payload above 5 MB; stay under it with a margin. */
export const MAX_REQUEST_BYTES = 5 * 1024 * 1024;
export const SAFE_REQUEST_BYTES = Math.floor(MAX_REQUEST_BYTES * 0.85);

/** Fixed per-operation overhead in a request (object path, method name, ids), estimated. */
export const ACTION_OVERHEAD_BYTES = 200;

/** Excel on the web also rejects a response above 5 MB: contents are read in bands that stay under this. */
export const MAX_RESPONSE_BYTES = 5 * 1024 * 1024;
export const SAFE_RESPONSE_BYTES = Math.floor(MAX_RESPONSE_BYTES * 0.8);

/**
 * Bytes one cell costs in a read (values + formulas + number format, JSON) before any band has been
 * measured: deliberately high (long CJK text); later bands use the measured size.
 */
export const INITIAL_BYTES_PER_CELL = 160;

/**
 * Row heights and column widths are read (so undo can put them back) for at most this many rows from
 * the top of each used range and this many columns, plus the columns a run may add right of a table.
 * Indicator tables, the only sheets a run lays out, are far smaller; data sheets below are left out.
 */
export const MAX_LAYOUT_ROWS = 1000;
export const MAX_LAYOUT_COLS = 256;
export const LAYOUT_EXTRA_COLS = 3;

/** Bytes one row or column of layout costs in a read response (JSON), estimated. */
export const LAYOUT_BYTES_PER_ITEM = 80;
