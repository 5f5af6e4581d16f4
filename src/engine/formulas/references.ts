/**
 * References of one formula, resolved against the cell that holds it, and the
 * two keys the consistency checks compare: the relative "shape" (an R1C1
 * rendering, so copies of one formula share it) and the "skeleton" (the same
 * with every reference and number blanked out, so two shapes that differ only
 * in where they point can be recognised as one computation gone astray).
 */
import { MAX_COL, MAX_ROW, tokenize, type RefEnd, type Reference, type Token } from './tokenizer';

export interface ResolvedRef {
  /** The sheet the reference points to (the host sheet when unqualified). */
  sheet: string;
  /** False for external-workbook and 3-D references (they cannot be read). */
  local: boolean;
  kind: Reference['kind'];
  top: number;
  left: number;
  bottom: number;
  right: number;
  ref: Reference;
}

export interface FormulaInfo {
  formula: string;
  tokens: Token[];
  refs: ResolvedRef[];
  /** Relative shape: equal for cells filled from one another. */
  shape: string;
  /** Shape with number values blanked: copies that differ only in a typed constant still match. */
  form: string;
  /**
   * ExceLint's reference fingerprint, made exact: the set of cells read,
   * relative to the formula (small ranges expanded), so =C5*E5 and =E5*C5,
   * or =SUM(B5:D5) and =B5+C5+D5, are the same computation's copies.
   */
  fingerprint: string;
  /** Shape with references and numbers blanked. */
  skeleton: string;
  /** Numeric literals in order. */
  numbers: number[];
  /** Function names in order. */
  funcs: string[];
  /** Error literals written into the formula text (#REF! ...). */
  errorLiterals: string[];
}

export function resolveRef(ref: Reference, hostSheet: string): ResolvedRef {
  const sheet = ref.sheet ?? hostSheet;
  const local = ref.book === undefined && ref.sheetTo === undefined;
  let top: number;
  let bottom: number;
  let left: number;
  let right: number;
  if (ref.kind === 'cols') {
    top = 1;
    bottom = MAX_ROW;
    left = Math.min(ref.start.col!, ref.end.col!);
    right = Math.max(ref.start.col!, ref.end.col!);
  } else if (ref.kind === 'rows') {
    left = 1;
    right = MAX_COL;
    top = Math.min(ref.start.row!, ref.end.row!);
    bottom = Math.max(ref.start.row!, ref.end.row!);
  } else {
    top = Math.min(ref.start.row!, ref.end.row!);
    bottom = Math.max(ref.start.row!, ref.end.row!);
    left = Math.min(ref.start.col!, ref.end.col!);
    right = Math.max(ref.start.col!, ref.end.col!);
  }
  return { sheet, local, kind: ref.kind, top, left, bottom, right, ref };
}

function r1c1End(e: RefEnd, row: number, col: number): string {
  let s = '';
  if (e.row !== undefined) s += e.rowAbs ? `R${e.row}` : `R[${e.row - row}]`;
  if (e.col !== undefined) s += e.colAbs ? `C${e.col}` : `C[${e.col - col}]`;
  return s;
}

function sheetKey(ref: Reference, hostSheet: string): string {
  if (ref.book !== undefined || ref.sheetTo !== undefined) return `${ref.book ?? ''}${ref.sheet ?? ''}:${ref.sheetTo ?? ''}!`;
  if (ref.sheet === undefined || ref.sheet === hostSheet) return '';
  return `${ref.sheet.toLowerCase()}!`;
}

/** R1C1 text of one reference relative to (row, col). */
export function refShape(ref: Reference, hostSheet: string, row: number, col: number): string {
  const a = r1c1End(ref.start, row, col);
  const b = ref.kind === 'cell' ? '' : `:${r1c1End(ref.end, row, col)}`;
  return `${sheetKey(ref, hostSheet)}${a}${b}`;
}

/** Ranges up to this many cells are expanded into their cells for the fingerprint. */
const EXPAND_LIMIT = 64;

function cellToken(r: number, c: number, rowAbs: boolean, colAbs: boolean, row: number, col: number): string {
  return `${rowAbs ? `R${r}` : `r${r - row}`},${colAbs ? `C${c}` : `c${c - col}`}`;
}

function fingerprintTokens(r: ResolvedRef, hostSheet: string, row: number, col: number): string[] {
  const sk = sheetKey(r.ref, hostSheet);
  // Links into another sheet are placed by hand, row by row; like ExceLint, only the sheet counts.
  if (sk) return [`${sk}§`];
  const { start, end } = r.ref;
  if (r.kind === 'cell') return [cellToken(start.row!, start.col!, start.rowAbs, start.colAbs, row, col)];
  const sameAnchors = start.rowAbs === end.rowAbs && start.colAbs === end.colAbs;
  if (r.kind === 'range' && sameAnchors && refSize(r) <= EXPAND_LIMIT) {
    const out: string[] = [];
    for (let y = r.top; y <= r.bottom; y++) for (let x = r.left; x <= r.right; x++) out.push(cellToken(y, x, start.rowAbs, start.colAbs, row, col));
    return out;
  }
  return [refShape(r.ref, hostSheet, row, col)];
}

/** True when '+' or '-' at index i is unary (nothing to its left that yields a value). */
function isUnary(tokens: Token[], i: number): boolean {
  if (i === 0) return true;
  const p = tokens[i - 1];
  return p.type === 'op' ? p.text !== '%' : p.type === 'open' || p.type === 'sep' || p.type === 'arrayOpen';
}

/** Analyse the formula held at (row, col) of `hostSheet`. */
export function analyzeFormula(formula: string, hostSheet: string, row: number, col: number): FormulaInfo {
  const tokens = tokenize(formula);
  const refs: ResolvedRef[] = [];
  const shape: string[] = [];
  const form: string[] = [];
  const skeleton: string[] = [];
  const numbers: number[] = [];
  const funcs: string[] = [];
  const errorLiterals: string[] = [];
  tokens.forEach((t, i) => {
    switch (t.type) {
      case 'ref': {
        refs.push(resolveRef(t.ref!, hostSheet));
        shape.push(refShape(t.ref!, hostSheet, row, col));
        // Links into another sheet are placed by hand, row by row; like ExceLint, compare only where they point to.
        form.push(sheetKey(t.ref!, hostSheet) ? `${sheetKey(t.ref!, hostSheet)}§` : shape[shape.length - 1]);
        skeleton.push('§');
        break;
      }
      case 'number':
        numbers.push(t.value!);
        shape.push(String(t.value));
        form.push('#');
        skeleton.push('#');
        break;
      case 'func':
        funcs.push(t.name!);
        shape.push(`${t.name}(`);
        form.push(`${t.name}(`);
        skeleton.push(`${t.name}(`);
        break;
      case 'open':
        // A function token already carries its "(".
        if (tokens[i - 1]?.type !== 'func') {
          shape.push('(');
          form.push('(');
          skeleton.push('(');
        }
        break;
      case 'op':
        // A unary plus (=+A1, Lotus style) changes nothing.
        if (t.text === '+' && isUnary(tokens, i)) break;
        shape.push(t.text);
        form.push(t.text);
        skeleton.push(t.text);
        break;
      case 'error':
        errorLiterals.push(t.text.slice(t.text.lastIndexOf('#')).toUpperCase());
        shape.push(t.text.toUpperCase());
        form.push(t.text.toUpperCase());
        skeleton.push(t.text.toUpperCase());
        break;
      case 'string':
        shape.push(t.text);
        form.push(t.text);
        skeleton.push('"');
        break;
      default:
        shape.push(t.text.toUpperCase());
        form.push(t.text.toUpperCase());
        skeleton.push(t.text.toUpperCase());
    }
  });
  const fingerprint = [...new Set(refs.flatMap((r) => fingerprintTokens(r, hostSheet, row, col)))].sort().join(' ');
  return {
    formula,
    tokens,
    refs,
    shape: shape.join(' '),
    form: form.join(' '),
    fingerprint,
    skeleton: skeleton.join(' '),
    numbers,
    funcs,
    errorLiterals,
  };
}

/** Number of cells a resolved reference covers. */
export function refSize(r: ResolvedRef): number {
  return (r.bottom - r.top + 1) * (r.right - r.left + 1);
}

function shiftEnd(e: RefEnd, dRow: number, dCol: number): RefEnd | null {
  const out: RefEnd = { ...e };
  if (e.row !== undefined && !e.rowAbs) out.row = e.row + dRow;
  if (e.col !== undefined && !e.colAbs) out.col = e.col + dCol;
  if (out.row !== undefined && (out.row < 1 || out.row > MAX_ROW)) return null;
  if (out.col !== undefined && (out.col < 1 || out.col > MAX_COL)) return null;
  return out;
}

function endText(e: RefEnd): string {
  let s = '';
  if (e.col !== undefined) s += `${e.colAbs ? '$' : ''}${colLetters(e.col)}`;
  if (e.row !== undefined) s += `${e.rowAbs ? '$' : ''}${e.row}`;
  return s;
}

function colLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * The formula as Excel would write it when copied (dRow, dCol) away:
 * relative parts move, `$` parts stay, references pushed off the sheet
 * become #REF!. Everything but the references is kept verbatim.
 */
export function translateFormula(formula: string, dRow: number, dCol: number): string {
  const lead = formula.startsWith('=') ? '=' : '';
  const body = lead ? formula.slice(1) : formula;
  if (dRow === 0 && dCol === 0) return formula;
  let out = '';
  let at = 0;
  for (const t of tokenize(body)) {
    if (t.type !== 'ref') continue;
    const ref = t.ref!;
    const a = shiftEnd(ref.start, dRow, dCol);
    const b = shiftEnd(ref.end, dRow, dCol);
    // Keep whatever sheet prefix the source text had.
    const addrStart = t.text.lastIndexOf('!') + 1;
    const prefix = t.text.slice(0, addrStart);
    const addr = !a || !b ? '#REF!' : ref.kind === 'cell' ? endText(a) : `${endText(a)}:${endText(b)}`;
    out += body.slice(at, t.pos) + prefix + addr;
    at = t.pos + t.text.length;
  }
  return lead + out + body.slice(at);
}
