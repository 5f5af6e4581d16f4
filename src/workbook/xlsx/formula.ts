/**
 * Formula text helpers for the ExcelJS adapter.
 *
 * ExcelJS's own slideFormula (used by cell.formula for shared-formula
 * dependents) is a regex that also shifts look-alikes inside quoted sheet
 * names ('Q1 2003'!A1), string literals ("A1") and misses whole-column/row
 * ranges (A:A, 3:5). This is a small tokenizer that only touches real
 * references.
 */
import { ERROR_VALUES } from '../../engine/snapshot';

const MAX_ROW = 1048576;
const MAX_COL = 16384;

/** Characters that end a bare token (operators, separators, quotes, brackets). */
const DELIMS = new Set(Array.from('+-*/^&=<>%,;(){}: !"\'[]\n\r\t@#'));

const CELL_RX = /^(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})$/;
const COL_RX = /^(\$?)([A-Za-z]{1,3})$/;
const ROW_RX = /^(\$?)(\d{1,7})$/;

function letters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function colNumber(l: string): number {
  let n = 0;
  for (const ch of l.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

function shiftCell(tok: string, dRow: number, dCol: number): string | null {
  const m = CELL_RX.exec(tok);
  if (!m) return null;
  const col = colNumber(m[2]);
  const row = Number(m[4]);
  if (col > MAX_COL || row < 1 || row > MAX_ROW) return null; // a name such as ABCD1 or TAX2003-like beyond XFD
  const c = m[1] ? col : col + dCol;
  const r = m[3] ? row : row + dRow;
  if (c < 1 || c > MAX_COL || r < 1 || r > MAX_ROW) return '#REF!';
  return `${m[1]}${letters(c)}${m[3]}${r}`;
}

function shiftCol(tok: string, dCol: number): string | null {
  const m = COL_RX.exec(tok);
  if (!m) return null;
  const col = colNumber(m[2]);
  if (col > MAX_COL) return null;
  const c = m[1] ? col : col + dCol;
  if (c < 1 || c > MAX_COL) return '#REF!';
  return `${m[1]}${letters(c)}`;
}

function shiftRow(tok: string, dRow: number): string | null {
  const m = ROW_RX.exec(tok);
  if (!m) return null;
  const row = Number(m[2]);
  if (row < 1 || row > MAX_ROW) return null;
  const r = m[1] ? row : row + dRow;
  if (r < 1 || r > MAX_ROW) return '#REF!';
  return `${m[1]}${r}`;
}

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

function bracketEnd(f: string, i: number): number {
  let depth = 0;
  for (let j = i; j < f.length; j++) {
    if (f[j] === '[') depth++;
    else if (f[j] === ']' && --depth === 0) return j + 1;
  }
  return f.length;
}

function tokenEnd(f: string, i: number): number {
  let j = i;
  while (j < f.length && !DELIMS.has(f[j])) j++;
  return j;
}

const ERRORS_LONGEST_FIRST = [...ERROR_VALUES].sort((a, b) => b.length - a.length);

/**
 * Move a formula from one cell to another the way Excel copies it: relative
 * row/column parts shift by (dRow, dCol), `$` parts stay, references that fall
 * off the sheet become #REF!. Strings, sheet names, function names, defined
 * names and structured references are left alone. A leading "=" is kept.
 */
export function translateFormula(formula: string, dRow: number, dCol: number): string {
  if (dRow === 0 && dCol === 0) return formula;
  const f = formula;
  let out = '';
  let i = 0;
  while (i < f.length) {
    const ch = f[i];
    if (ch === '"' || ch === "'") {
      const j = quotedEnd(f, i, ch);
      out += f.slice(i, j);
      i = j;
      continue;
    }
    if (ch === '[') {
      const j = bracketEnd(f, i);
      out += f.slice(i, j);
      i = j;
      continue;
    }
    if (ch === '#') {
      const err = ERRORS_LONGEST_FIRST.find((e) => f.startsWith(e, i));
      const len = err ? err.length : 1;
      out += f.slice(i, i + len);
      i += len;
      continue;
    }
    if (DELIMS.has(ch)) {
      out += ch;
      i++;
      continue;
    }
    const j = tokenEnd(f, i);
    const tok = f.slice(i, j);
    const next = f[j];
    if (next === '(' || next === '!') {
      out += tok; // function name or sheet name
      i = j;
      continue;
    }
    if (next === ':') {
      const k = tokenEnd(f, j + 1);
      const tok2 = f.slice(j + 1, k);
      if (f[k] === '!') {
        out += f.slice(i, k); // 3-D reference Sheet1:Sheet3!
        i = k;
        continue;
      }
      const c1 = shiftCol(tok, dCol);
      const c2 = c1 !== null ? shiftCol(tok2, dCol) : null;
      if (c1 !== null && c2 !== null) {
        out += `${c1}:${c2}`;
        i = k;
        continue;
      }
      const r1 = shiftRow(tok, dRow);
      const r2 = r1 !== null ? shiftRow(tok2, dRow) : null;
      if (r1 !== null && r2 !== null) {
        out += `${r1}:${r2}`;
        i = k;
        continue;
      }
    }
    out += shiftCell(tok, dRow, dCol) ?? tok;
    i = j;
  }
  return out;
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
  'IFS', 'SWITCH', 'MAXIFS', 'MINIFS', 'CONCAT', 'TEXTJOIN', 'XLOOKUP', 'XMATCH', 'IFNA',
  'STDEV.S', 'STDEV.P', 'VAR.S', 'VAR.P', 'CEILING.MATH', 'FLOOR.MATH', 'RANK.EQ', 'RANK.AVG',
  'PERCENTILE.INC', 'PERCENTILE.EXC', 'QUARTILE.INC', 'QUARTILE.EXC', 'MODE.SNGL', 'NORM.DIST',
  'NORM.INV', 'AGGREGATE', 'DAYS', 'ISOWEEKNUM', 'NUMBERVALUE', 'LET',
];
const FUTURE_RX = new RegExp(
  `(^|[^A-Za-z0-9_.])(${FUTURE_FUNCTIONS.map((n) => n.replace('.', '\\.')).join('|')})\\(`,
  'gi',
);

/** Inverse of stripFuturePrefixes for the functions above (for formulas we write). */
export function addFuturePrefixes(formula: string): string {
  return mapOutsideQuotes(formula, (code) => code.replace(FUTURE_RX, (_m, pre: string, name: string) => `${pre}_xlfn.${name}(`));
}
