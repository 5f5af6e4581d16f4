/**
 * A small Excel formula tokenizer (A1 notation only). It knows just enough to
 * find every reference exactly: quoted and unquoted sheet names (CJK and
 * spaces included), `$` anchors, ranges, whole columns/rows, 3-D and external
 * prefixes, and to tell them from function names, defined names, numbers,
 * strings and error literals.
 */
import { lettersToCol } from '../address';
import { ERROR_VALUES } from '../snapshot';

export const MAX_ROW = 1048576;
export const MAX_COL = 16384;

/** One end of a reference; `row`/`col` absent for whole-column/whole-row ranges. */
export interface RefEnd {
  row?: number;
  col?: number;
  rowAbs: boolean;
  colAbs: boolean;
}

export interface Reference {
  /** Sheet name without quotes ('' escapes undone); undefined = the formula's own sheet. */
  sheet?: string;
  /** External workbook part ("[1]", "[Book.xlsx]") when present. */
  book?: string;
  /** Last sheet of a 3-D reference (Sheet1:Sheet3!A1). */
  sheetTo?: string;
  kind: 'cell' | 'range' | 'cols' | 'rows';
  start: RefEnd;
  end: RefEnd;
}

export type TokenType =
  'number' | 'string' | 'bool' | 'error' | 'ref' | 'name' | 'func' | 'op' | 'open' | 'close' | 'sep' | 'arrayOpen' | 'arrayClose' | 'unknown';

export interface Token {
  type: TokenType;
  /** Source text of the token. */
  text: string;
  /** Offset in the formula (without the leading "="). */
  pos: number;
  /** Numeric value for numbers. */
  value?: number;
  /** Parsed reference for refs. */
  ref?: Reference;
  /** Upper-case function name (without _xlfn.) for funcs. */
  name?: string;
}

/** Characters that end a bare word. */
const DELIMS = new Set(Array.from('+-*/^&=<>%,;(){}: !"\'\n\r\t\u00a0@#'));
const OPS2 = ['<=', '>=', '<>'];
const OPS1 = new Set(Array.from('+-*/^&=<>%:@'));
const ERRORS_LONGEST_FIRST = [...ERROR_VALUES].sort((a, b) => b.length - a.length);

const CELL_RX = /^(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})$/;
const COL_RX = /^(\$?)([A-Za-z]{1,3})$/;
const ROW_RX = /^(\$?)(\d{1,7})$/;
const NUMBER_RX = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function cellEnd(word: string): RefEnd | null {
  const m = CELL_RX.exec(word);
  if (!m) return null;
  const col = lettersToCol(m[2]);
  const row = Number(m[4]);
  if (col > MAX_COL || row < 1 || row > MAX_ROW) return null;
  return { row, col, rowAbs: m[3] === '$', colAbs: m[1] === '$' };
}

function colEnd(word: string): RefEnd | null {
  const m = COL_RX.exec(word);
  if (!m) return null;
  const col = lettersToCol(m[2]);
  if (col > MAX_COL) return null;
  return { col, colAbs: m[1] === '$', rowAbs: false };
}

function rowEnd(word: string): RefEnd | null {
  const m = ROW_RX.exec(word);
  if (!m) return null;
  const row = Number(m[2]);
  if (row < 1 || row > MAX_ROW) return null;
  return { row, rowAbs: m[1] === '$', colAbs: false };
}

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

/** End of a bare word; square-bracket parts ([1], [Col]) are kept inside the word. */
function wordEnd(f: string, i: number): number {
  let j = i;
  while (j < f.length) {
    const ch = f[j];
    if (ch === '[') {
      let depth = 0;
      for (; j < f.length; j++) {
        if (f[j] === '[') depth++;
        else if (f[j] === ']' && --depth === 0) break;
      }
      j++;
      continue;
    }
    if (DELIMS.has(ch)) break;
    j++;
  }
  return j;
}

/** Split "[Book.xlsx]Sheet" into its book and sheet parts. */
function splitBook(s: string): { book?: string; sheet: string } {
  const m = /^(\[[^\]]*\])(.*)$/.exec(s);
  return m ? { book: m[1], sheet: m[2] } : { sheet: s };
}

/**
 * Parse the address part of a reference at f[i] (after any sheet prefix):
 * A1, $A$1, A1:B2, A:B, 1:3. Returns null when it is not an address.
 */
function parseAddress(f: string, i: number): { kind: Reference['kind']; start: RefEnd; end: RefEnd; next: number } | null {
  const j = wordEnd(f, i);
  const w1 = f.slice(i, j);
  if (!w1) return null;
  const cell1 = cellEnd(w1);
  if (f[j] === ':') {
    const k = wordEnd(f, j + 1);
    const w2 = f.slice(j + 1, k);
    if (f[k] === '!' || f[k] === '(') {
      // "A1:Sheet2!B2" or "A1:INDEX(...)": the colon is a range operator between two operands.
      return cell1 ? { kind: 'cell', start: cell1, end: cell1, next: j } : null;
    }
    const cell2 = cellEnd(w2);
    if (cell1 && cell2) return { kind: 'range', start: cell1, end: cell2, next: k };
    const c1 = colEnd(w1);
    const c2 = colEnd(w2);
    if (c1 && c2) return { kind: 'cols', start: c1, end: c2, next: k };
    const r1 = rowEnd(w1);
    const r2 = rowEnd(w2);
    if (r1 && r2) return { kind: 'rows', start: r1, end: r2, next: k };
  }
  if (cell1) return { kind: 'cell', start: cell1, end: cell1, next: j };
  return null;
}

function refToken(f: string, start: number, prefix: { sheet?: string; book?: string; sheetTo?: string }, at: number): Token | null {
  const a = parseAddress(f, at);
  if (!a) return null;
  const ref: Reference = { kind: a.kind, start: a.start, end: a.end };
  if (prefix.sheet !== undefined) ref.sheet = prefix.sheet;
  if (prefix.book !== undefined) ref.book = prefix.book;
  if (prefix.sheetTo !== undefined) ref.sheetTo = prefix.sheetTo;
  return { type: 'ref', text: f.slice(start, a.next), pos: start, ref };
}

/** Sheet prefix → its parts; handles 3-D "Sheet1:Sheet3". */
function sheetPrefix(raw: string): { sheet: string; book?: string; sheetTo?: string } {
  const { book, sheet } = splitBook(raw);
  const colon = sheet.indexOf(':');
  const out: { sheet: string; book?: string; sheetTo?: string } = { sheet: colon >= 0 ? sheet.slice(0, colon) : sheet };
  if (book !== undefined) out.book = book;
  if (colon >= 0) out.sheetTo = sheet.slice(colon + 1);
  return out;
}

/**
 * Tokenize a formula. A leading "=" is skipped; whitespace is dropped (the
 * intersection operator is not needed for reference extraction). Never
 * throws: anything it does not understand becomes an 'unknown' token.
 */
export function tokenize(formula: string): Token[] {
  const f = formula.startsWith('=') ? formula.slice(1) : formula;
  const out: Token[] = [];
  let i = 0;
  while (i < f.length) {
    const ch = f[i];
    if (ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t' || ch === '\u00a0') {
      i++;
      continue;
    }
    if (ch === '"') {
      const j = quotedEnd(f, i, '"');
      out.push({ type: 'string', text: f.slice(i, j), pos: i, value: undefined });
      i = j;
      continue;
    }
    if (ch === "'") {
      const j = quotedEnd(f, i, "'");
      const inner = f.slice(i + 1, j - 1).replace(/''/g, "'");
      if (f[j] === '!') {
        const prefix = sheetPrefix(inner);
        if (f.startsWith('#REF!', j + 1)) {
          out.push({ type: 'error', text: f.slice(i, j + 6), pos: i });
          i = j + 6;
          continue;
        }
        const t = refToken(f, i, prefix, j + 1);
        if (t) {
          out.push(t);
          i = i + t.text.length;
          continue;
        }
        // A sheet-qualified defined name ('Sheet 1'!Rate).
        const k = wordEnd(f, j + 1);
        out.push({ type: 'name', text: f.slice(i, k), pos: i });
        i = k;
        continue;
      }
      out.push({ type: 'unknown', text: f.slice(i, j), pos: i });
      i = j;
      continue;
    }
    if (ch === '#') {
      const err = ERRORS_LONGEST_FIRST.find((e) => f.slice(i, i + e.length).toUpperCase() === e);
      const len = err ? err.length : 1;
      out.push({ type: err ? 'error' : 'unknown', text: f.slice(i, i + len), pos: i });
      i += len;
      continue;
    }
    if (ch === '(' || ch === ')') {
      out.push({ type: ch === '(' ? 'open' : 'close', text: ch, pos: i });
      i++;
      continue;
    }
    if (ch === '{' || ch === '}') {
      out.push({ type: ch === '{' ? 'arrayOpen' : 'arrayClose', text: ch, pos: i });
      i++;
      continue;
    }
    if (ch === ',' || ch === ';') {
      out.push({ type: 'sep', text: ch, pos: i });
      i++;
      continue;
    }
    const two = f.slice(i, i + 2);
    if (OPS2.includes(two)) {
      out.push({ type: 'op', text: two, pos: i });
      i += 2;
      continue;
    }
    if (OPS1.has(ch)) {
      out.push({ type: 'op', text: ch, pos: i });
      i++;
      continue;
    }
    if (ch === '!') {
      out.push({ type: 'unknown', text: ch, pos: i });
      i++;
      continue;
    }
    // A bare word: number, bool, function, sheet prefix, reference or name.
    let j = wordEnd(f, i);
    let word = f.slice(i, j);
    if (/^(\d+\.?\d*|\.\d+)[eE]$/.test(word) && (f[j] === '+' || f[j] === '-') && /\d/.test(f[j + 1] ?? '')) {
      j = wordEnd(f, j + 1);
      word = f.slice(i, j);
    }
    if (f[j] === '!') {
      const prefix = sheetPrefix(word);
      if (f.startsWith('#REF!', j + 1)) {
        out.push({ type: 'error', text: f.slice(i, j + 6), pos: i });
        i = j + 6;
        continue;
      }
      const t = refToken(f, i, prefix, j + 1);
      if (t) {
        out.push(t);
        i += t.text.length;
        continue;
      }
      const k = wordEnd(f, j + 1);
      out.push({ type: 'name', text: f.slice(i, k), pos: i });
      i = k;
      continue;
    }
    if (f[j] === ':') {
      // A 3-D prefix "Sheet1:Sheet3!A1" (sheet names may look like cells: Q1:Q4!B2).
      const k = wordEnd(f, j + 1);
      if (f[k] === '!') {
        const t = refToken(f, i, sheetPrefix(f.slice(i, k)), k + 1);
        if (t) {
          out.push(t);
          i += t.text.length;
          continue;
        }
      }
    }
    if (f[j] === '(') {
      out.push({
        type: 'func',
        text: word,
        pos: i,
        name: word.toUpperCase().replace(/^_XLFN\.(_XLWS\.)?|^_XLWS\./, ''),
      });
      i = j;
      continue;
    }
    if (NUMBER_RX.test(word)) {
      // "1:3" is a row range, not a number.
      const t = f[j] === ':' ? refToken(f, i, {}, i) : null;
      if (t) {
        out.push(t);
        i += t.text.length;
        continue;
      }
      out.push({ type: 'number', text: word, pos: i, value: Number(word) });
      i = j;
      continue;
    }
    const upper = word.toUpperCase();
    if ((upper === 'TRUE' || upper === 'FALSE') && f[j] !== ':') {
      out.push({ type: 'bool', text: word, pos: i, value: upper === 'TRUE' ? 1 : 0 });
      i = j;
      continue;
    }
    const t = refToken(f, i, {}, i);
    if (t) {
      out.push(t);
      i += t.text.length;
      continue;
    }
    out.push({ type: word ? 'name' : 'unknown', text: word || ch, pos: i });
    i = word ? j : i + 1;
  }
  return out;
}

/** All references in a formula, in order of appearance. */
export function extractReferences(formula: string): Reference[] {
  return tokenize(formula)
    .filter((t) => t.type === 'ref')
    .map((t) => t.ref as Reference);
}
