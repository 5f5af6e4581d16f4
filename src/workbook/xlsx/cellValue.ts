/** ExcelJS cell values → the snapshot's plain scalars (what Office.js `range.values` gives). */
import type { CellScalar } from '../../engine/snapshot';

const MS_PER_DAY = 86400000;
/** 1970-01-01 as an Excel 1900-system serial. */
const UNIX_EPOCH_SERIAL = 25569;
/** Days between the 1900 and the 1904 date systems. */
const DATE1904_OFFSET = 1462;

/**
 * ExcelJS turns numbers with a date format into JS Dates (rounded to the
 * millisecond); Office.js gives the serial number, so turn them back.
 */
export function dateToSerial(d: Date, date1904: boolean): number {
  const serial = UNIX_EPOCH_SERIAL + d.getTime() / MS_PER_DAY - (date1904 ? DATE1904_OFFSET : 0);
  // Whole milliseconds are all ExcelJS kept; drop the float noise of the division.
  return Math.round(serial * MS_PER_DAY) / MS_PER_DAY;
}

export function serialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - UNIX_EPOCH_SERIAL + (date1904 ? DATE1904_OFFSET : 0)) * MS_PER_DAY));
}

interface RichTextRun {
  text?: unknown;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function richTextOf(v: Record<string, unknown>): string | null {
  const runs = v.richText;
  if (!Array.isArray(runs)) return null;
  return (runs as RichTextRun[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join('');
}

/** A plain value, rich text, date, error or hyperlink text → scalar. Formula objects are handled by the caller. */
export function scalarOf(v: unknown, date1904: boolean): CellScalar {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : dateToSerial(v, date1904);
  if (isObject(v)) {
    if (typeof v.error === 'string') return v.error;
    const rich = richTextOf(v);
    if (rich !== null) return rich;
    if ('hyperlink' in v) return scalarOf(v.text, date1904);
    if ('text' in v) return scalarOf(v.text, date1904);
  }
  return null;
}
