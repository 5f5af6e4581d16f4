/**
 * CellStyle → ExcelJS style. ExcelJS shares one style object between all
 * cells loaded with the same style id, so `cell.font = …` would restyle every
 * such cell; we always build a fresh style object per cell instead.
 */
import type ExcelJS from 'exceljs';
import type { CellStyle } from '../../engine/patch';

/** "#1f4e79" → "FF1F4E79" (ExcelJS ARGB). */
export function argb(hex: string): string {
  return `FF${hex.replace(/^#/, '').toUpperCase()}`;
}

export function isHexColor(s: string): boolean {
  return /^#?[0-9a-fA-F]{6}$/.test(s);
}

const THIN: Partial<ExcelJS.Border> = { style: 'thin' };

/** A new style object for `current` with `style` (and optionally a number format) laid over it. */
export function mergedStyle(current: Partial<ExcelJS.Style>, style?: CellStyle, numFmt?: string): Partial<ExcelJS.Style> {
  const next: Partial<ExcelJS.Style> = { ...current };
  if (numFmt !== undefined) next.numFmt = numFmt;
  if (!style) return next;
  if (style.bold !== undefined || style.italic !== undefined || style.fontSize !== undefined || style.color !== undefined) {
    const font: Partial<ExcelJS.Font> = { ...(current.font ?? {}) };
    if (style.bold !== undefined) font.bold = style.bold;
    if (style.italic !== undefined) font.italic = style.italic;
    if (style.fontSize !== undefined) font.size = style.fontSize;
    if (style.color !== undefined) font.color = { argb: argb(style.color) };
    next.font = font;
  }
  if (style.fill !== undefined) {
    next.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(style.fill) } };
  }
  if (style.border !== undefined) {
    next.border = style.border ? { top: THIN, left: THIN, bottom: THIN, right: THIN } : {};
  }
  if (style.horizontal !== undefined || style.vertical !== undefined || style.wrap !== undefined) {
    const alignment: Partial<ExcelJS.Alignment> = { ...(current.alignment ?? {}) };
    if (style.horizontal !== undefined) alignment.horizontal = style.horizontal;
    if (style.vertical !== undefined) alignment.vertical = style.vertical;
    if (style.wrap !== undefined) alignment.wrapText = style.wrap;
    next.alignment = alignment;
  }
  return next;
}

/** Hyperlink look (blue, underlined) unless the write sets its own colour. */
export function linkStyle(current: Partial<ExcelJS.Style>, style?: CellStyle): Partial<ExcelJS.Style> {
  const font: Partial<ExcelJS.Font> = { ...(current.font ?? {}), underline: true };
  if (!style?.color) font.color = { argb: 'FF0563C1' };
  return { ...current, font };
}
