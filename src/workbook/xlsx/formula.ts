/**
 * Formula text helpers for the ExcelJS adapter.
 *
 * Moving a formula (shared-formula dependents, copies) uses the engine's
 * tokenizer-based translateFormula: ExcelJS's own slideFormula is a regex that
 * also shifts look-alikes inside quoted sheet names ('Q1 2003'!A1) and string
 * literals ("A1") and misses whole-column/row ranges (A:A, 3:5).
 */
export { translateFormula } from '../../engine/formulas/references';

/** End index (exclusive) of a quoted run starting at i (quote char q, doubled to escape). */
function quotedEnd(f: string, i: number, q: string): number {
  let j = i + 1;
  while (j < f.length) {
    if (f[j] === q) {
      if (f[j + 1] === q) j += 2;
      else return j + 1;
    } else j++;
  }
  return j;
}

/** Replace outside string literals and quoted sheet names. */
function mapOutsideQuotes(f: string, fn: (code: string) => string): string {
  let out = '';
  let start = 0;
  let i = 0;
  while (i < f.length) {
    const ch = f[i];
    if (ch === '"' || ch === "'") {
      out += fn(f.slice(start, i));
      const j = quotedEnd(f, i, ch);
      out += f.slice(i, j);
      i = start = j;
    } else i++;
  }
  return out + fn(f.slice(start));
}

/**
 * Files store functions newer than Excel 2007 with a `_xlfn.` prefix
 * (`_xlfn.IFS(`); Excel and Office.js show them without it.
 */
export function stripFuturePrefixes(formula: string): string {
  if (!formula.includes('_xl')) return formula;
  return mapOutsideQuotes(formula, (code) => code.replace(/_xlfn\.(_xlws\.)?|_xlws\./gi, ''));
}

/** Post-2007 scalar functions Excel only recognises in a file with the `_xlfn.` prefix. */
const FUTURE_FUNCTIONS = [
  'IFS',
  'SWITCH',
  'MAXIFS',
  'MINIFS',
  'CONCAT',
  'TEXTJOIN',
  'XLOOKUP',
  'XMATCH',
  'IFNA',
  'STDEV.S',
  'STDEV.P',
  'VAR.S',
  'VAR.P',
  'CEILING.MATH',
  'FLOOR.MATH',
  'RANK.EQ',
  'RANK.AVG',
  'PERCENTILE.INC',
  'PERCENTILE.EXC',
  'QUARTILE.INC',
  'QUARTILE.EXC',
  'MODE.SNGL',
  'NORM.DIST',
  'NORM.INV',
  'AGGREGATE',
  'DAYS',
  'ISOWEEKNUM',
  'NUMBERVALUE',
  'LET',
];
const FUTURE_RX = new RegExp(`(^|[^A-Za-z0-9_.])(${FUTURE_FUNCTIONS.map((n) => n.replace('.', '\\.')).join('|')})\\(`, 'gi');

/** Inverse of stripFuturePrefixes for the functions above (for formulas we write). */
export function addFuturePrefixes(formula: string): string {
  return mapOutsideQuotes(formula, (code) => code.replace(FUTURE_RX, (_m, pre: string, name: string) => `${pre}_xlfn.${name}(`));
}
