/**
 * Re-evaluates the plain part of Excel's formula language on cached inputs:
 * arithmetic, comparison, & and a handful of functions whose semantics are
 * exact (SUM, AVERAGE, MIN, MAX, COUNT, COUNTA, ROUND*, IF, IFERROR, ABS,
 * INT, MOD, SQRT, POWER, PRODUCT, SUMPRODUCT, AND, OR, NOT). Anything else
 * (other functions, defined names, references it cannot read) makes the
 * result Unknown, never a guess.
 */
import { Decimal } from '../decimal';
import type { CellScalar } from '../snapshot';
import { isErrorValue } from '../snapshot';
import type { Expr } from './parser';
import { resolveRef } from './references';
import type { Reference } from './tokenizer';

export interface ErrorValue {
  error: string;
}
export type Scalar = number | string | boolean | ErrorValue | null;
interface RangeValue {
  range: Scalar[][];
}
type Value = Scalar | RangeValue;

/** What a referenced cell holds: its cached value, and whether that value came from a formula. */
export interface CellRead {
  value: CellScalar;
  isFormula: boolean;
}

export interface EvalContext {
  /** Host sheet, for unqualified references. */
  sheet: string;
  /** Read a cell; undefined when the sheet does not exist. */
  read(sheet: string, row: number, col: number): CellRead | undefined;
  /** Used extent of a sheet, to clip whole-column/row references. */
  extent(sheet: string): { bottom: number; right: number } | undefined;
}

/** Thrown to abandon an evaluation whose result cannot be known exactly. */
export class Unknown extends Error {}

const MAX_CELLS = 200000;

export function isError(v: unknown): v is ErrorValue {
  return typeof v === 'object' && v !== null && 'error' in v;
}

function isRange(v: Value): v is RangeValue {
  return typeof v === 'object' && v !== null && 'range' in v;
}

function err(code: string): ErrorValue {
  return { error: code };
}

function fromCell(read: CellRead | undefined): Scalar {
  if (!read) throw new Unknown('sheet');
  const v = read.value;
  // A formula without a cached result (never calculated, or lost by the file writer) is unknowable.
  if (read.isFormula && v === null) throw new Unknown('uncached');
  if (typeof v === 'string') {
    if (isErrorValue(v)) return err(v.trim());
    return v;
  }
  return v;
}

function readRef(ref: Reference, ctx: EvalContext): Value {
  if (ref.book !== undefined || ref.sheetTo !== undefined) throw new Unknown('external');
  const r = resolveRef(ref, ctx.sheet);
  const ext = ctx.extent(r.sheet);
  if (!ext) throw new Unknown('sheet');
  if (ref.kind === 'cell') return fromCell(ctx.read(r.sheet, r.top, r.left));
  const bottom = Math.min(r.bottom, Math.max(ext.bottom, r.top));
  const right = Math.min(r.right, Math.max(ext.right, r.left));
  if ((bottom - r.top + 1) * (right - r.left + 1) > MAX_CELLS) throw new Unknown('size');
  const rows: Scalar[][] = [];
  for (let row = r.top; row <= bottom; row++) {
    const line: Scalar[] = [];
    for (let col = r.left; col <= right; col++) line.push(fromCell(ctx.read(r.sheet, row, col)));
    rows.push(line);
  }
  return { range: rows };
}

/** Scalar coercion for operators: blank → 0, TRUE → 1, numeric text → number. */
function toNumber(v: Scalar): number | ErrorValue {
  if (v === null) return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (isError(v)) return v;
  const t = v.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
  // Excel also reads "95%", "$1,000" and dates typed as text; rather than mimic that, give up.
  if (/\d/.test(t)) throw new Unknown('text to number');
  return err('#VALUE!');
}

function scalar(v: Value): Scalar {
  if (!isRange(v)) return v;
  // A range in a scalar slot needs implicit intersection; only a single cell is unambiguous.
  if (v.range.length === 1 && v.range[0].length === 1) return v.range[0][0];
  throw new Unknown('implicit intersection');
}

function numArg(v: Value): number | ErrorValue {
  return toNumber(scalar(v));
}

function truthy(v: Scalar): boolean | ErrorValue {
  if (isError(v)) return v;
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  const u = v.trim().toUpperCase();
  if (u === 'TRUE') return true;
  if (u === 'FALSE') return false;
  return err('#VALUE!');
}

function textOf(v: Scalar): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') {
    // Excel's General rendering differs from JS for long fractions and exponents.
    if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
    throw new Unknown('number to text');
  }
  return v as string;
}

/** Excel rounds the decimal it shows (15 significant digits), not the binary double. */
function roundDecimal(x: number, places: number, mode: 'half' | 'up' | 'down'): number {
  const d = new Decimal(x.toPrecision(15));
  const rm = mode === 'half' ? Decimal.ROUND_HALF_UP : mode === 'up' ? Decimal.ROUND_UP : Decimal.ROUND_DOWN;
  if (places >= 0) return d.toDecimalPlaces(places, rm).toNumber();
  const f = new Decimal(10).pow(-places);
  return d.div(f).toDecimalPlaces(0, rm).times(f).toNumber();
}

function compare(a: Scalar, b: Scalar): number {
  // Excel orders number < text < logical; blank acts as 0 or "" as the other side needs.
  const rank = (v: Scalar) => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  const x = a === null ? (typeof b === 'string' ? '' : typeof b === 'boolean' ? false : 0) : a;
  const y = b === null ? (typeof x === 'string' ? '' : typeof x === 'boolean' ? false : 0) : b;
  if (rank(x) !== rank(y)) return rank(x) - rank(y);
  if (typeof x === 'string') {
    const p = x.toLowerCase();
    const q = (y as string).toLowerCase();
    return p < q ? -1 : p > q ? 1 : 0;
  }
  const p = Number(x);
  const q = Number(y);
  return p < q ? -1 : p > q ? 1 : 0;
}

interface Collected {
  nums: number[];
  error?: ErrorValue;
  nonBlank: number;
}

/**
 * Arguments of SUM-like functions: in ranges only numbers count; typed
 * arguments are coerced (TRUE → 1, "3" → 3) and bad text is #VALUE!.
 */
function collect(args: Value[], countTextArgs: boolean): Collected {
  const out: Collected = { nums: [], nonBlank: 0 };
  for (const a of args) {
    if (isRange(a)) {
      for (const line of a.range)
        for (const v of line) {
          if (v !== null) out.nonBlank++;
          if (isError(v)) out.error ??= v;
          else if (typeof v === 'number') out.nums.push(v);
        }
      continue;
    }
    if (a === null) continue;
    out.nonBlank++;
    if (isError(a)) {
      out.error ??= a;
      continue;
    }
    const n = toNumber(a);
    if (isError(n)) {
      if (!countTextArgs) out.error ??= n;
      continue;
    }
    out.nums.push(n);
  }
  return out;
}

function sumOf(nums: number[]): number {
  let s = 0;
  for (const n of nums) s += n;
  return s;
}

function asRange(v: Value): Value {
  return isRange(v) ? v : { range: [[v]] };
}

function evalFunc(name: string, argExprs: Expr[], ctx: EvalContext): Value {
  if (name === 'IF') {
    if (argExprs.length < 2 || argExprs.length > 3) throw new Unknown('IF arity');
    const c = truthy(scalar(evaluateExpr(argExprs[0], ctx)));
    if (isError(c)) return c;
    const branch = c ? argExprs[1] : argExprs[2];
    if (!branch) return false;
    if (branch.type === 'missing') return 0;
    return evaluateExpr(branch, ctx);
  }
  if (name === 'IFERROR') {
    if (argExprs.length !== 2) throw new Unknown('IFERROR arity');
    const v = evaluateExpr(argExprs[0], ctx);
    const s = isRange(v) ? scalar(v) : v;
    return isError(s) ? evaluateExpr(argExprs[1], ctx) : s;
  }
  // A reference argument is a range to SUM and friends even when it is one cell: text in it is skipped, not coerced.
  const args = argExprs.map((a) => (a.type === 'missing' ? null : a.type === 'ref' ? asRange(evaluateExpr(a, ctx)) : evaluateExpr(a, ctx)));
  switch (name) {
    case 'SUM': {
      const c = collect(args, false);
      return c.error ?? sumOf(c.nums);
    }
    case 'AVERAGE': {
      const c = collect(args, false);
      if (c.error) return c.error;
      return c.nums.length ? sumOf(c.nums) / c.nums.length : err('#DIV/0!');
    }
    case 'MIN':
    case 'MAX': {
      const c = collect(args, false);
      if (c.error) return c.error;
      if (!c.nums.length) return 0;
      return name === 'MIN' ? Math.min(...c.nums) : Math.max(...c.nums);
    }
    case 'PRODUCT': {
      const c = collect(args, false);
      if (c.error) return c.error;
      return c.nums.length ? c.nums.reduce((p, n) => p * n, 1) : 0;
    }
    case 'COUNT':
      return collect(args, true).nums.length;
    case 'COUNTA':
      return collect(args, true).nonBlank;
    case 'ABS':
    case 'INT':
    case 'SQRT': {
      if (args.length !== 1) throw new Unknown('arity');
      const n = numArg(args[0]);
      if (isError(n)) return n;
      if (name === 'ABS') return Math.abs(n);
      if (name === 'INT') return Math.floor(n);
      return n < 0 ? err('#NUM!') : Math.sqrt(n);
    }
    case 'ROUND':
    case 'ROUNDUP':
    case 'ROUNDDOWN': {
      if (args.length !== 2) throw new Unknown('arity');
      const n = numArg(args[0]);
      const p = numArg(args[1]);
      if (isError(n)) return n;
      if (isError(p)) return p;
      return roundDecimal(n, Math.trunc(p), name === 'ROUND' ? 'half' : name === 'ROUNDUP' ? 'up' : 'down');
    }
    case 'MOD': {
      if (args.length !== 2) throw new Unknown('arity');
      const n = numArg(args[0]);
      const d = numArg(args[1]);
      if (isError(n)) return n;
      if (isError(d)) return d;
      if (d === 0) return err('#DIV/0!');
      return n - d * Math.floor(n / d);
    }
    case 'POWER': {
      if (args.length !== 2) throw new Unknown('arity');
      return power(numArg(args[0]), numArg(args[1]));
    }
    case 'SUMPRODUCT':
      return sumProduct(args);
    case 'AND':
    case 'OR': {
      const vals: boolean[] = [];
      for (const a of args) {
        const items = isRange(a) ? a.range.flat().filter((v) => typeof v === 'boolean' || typeof v === 'number' || isError(v)) : [a];
        for (const v of items) {
          const t = truthy(v);
          if (isError(t)) return t;
          vals.push(t);
        }
      }
      if (!vals.length) return err('#VALUE!');
      return name === 'AND' ? vals.every(Boolean) : vals.some(Boolean);
    }
    case 'NOT': {
      if (args.length !== 1) throw new Unknown('arity');
      const t = truthy(scalar(args[0]));
      return isError(t) ? t : !t;
    }
    default:
      throw new Unknown(`function ${name}`);
  }
}

function power(b: number | ErrorValue, e: number | ErrorValue): Scalar {
  if (isError(b)) return b;
  if (isError(e)) return e;
  if (b === 0 && e === 0) return err('#NUM!');
  if (b === 0 && e < 0) return err('#DIV/0!');
  const r = Math.pow(b, e);
  return Number.isFinite(r) ? r : err('#NUM!');
}

function sumProduct(args: Value[]): Scalar {
  const arrays = args.map((a) => (isRange(a) ? a.range : [[scalar(a)]]));
  if (!arrays.length) throw new Unknown('arity');
  const h = arrays[0].length;
  const w = arrays[0][0]?.length ?? 0;
  if (arrays.some((a) => a.length !== h || a.some((line) => line.length !== w))) return err('#VALUE!');
  let total = 0;
  for (let i = 0; i < h; i++)
    for (let j = 0; j < w; j++) {
      let p = 1;
      for (const a of arrays) {
        const v = a[i][j];
        if (isError(v)) return v;
        p *= typeof v === 'number' ? v : 0;
      }
      total += p;
    }
  return total;
}

function arith(op: string, a: Scalar, b: Scalar): Scalar {
  const x = toNumber(a);
  if (isError(x)) return x;
  const y = toNumber(b);
  if (isError(y)) return y;
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      return y === 0 ? err('#DIV/0!') : x / y;
    default:
      return power(x, y);
  }
}

export function evaluateExpr(e: Expr, ctx: EvalContext): Value {
  switch (e.type) {
    case 'num':
      return e.value;
    case 'str':
      return e.value;
    case 'bool':
      return e.value;
    case 'err':
      return err(e.value);
    case 'missing':
      return null;
    case 'ref':
      return readRef(e.ref, ctx);
    case 'func':
      return evalFunc(e.name, e.args, ctx);
    case 'unary': {
      const v = scalar(evaluateExpr(e.arg, ctx));
      if (e.op === '+') return v;
      if (e.op === '@') return v;
      const n = toNumber(v);
      return isError(n) ? n : -n;
    }
    case 'postfix': {
      const n = toNumber(scalar(evaluateExpr(e.arg, ctx)));
      return isError(n) ? n : n / 100;
    }
    case 'binary': {
      if (e.op === ':') throw new Unknown('range operator');
      const a = scalar(evaluateExpr(e.left, ctx));
      const b = scalar(evaluateExpr(e.right, ctx));
      if (e.op === '&') {
        if (isError(a)) return a;
        if (isError(b)) return b;
        return textOf(a) + textOf(b);
      }
      if (['=', '<>', '<', '>', '<=', '>='].includes(e.op)) {
        if (isError(a)) return a;
        if (isError(b)) return b;
        const c = compare(a, b);
        switch (e.op) {
          case '=':
            return c === 0;
          case '<>':
            return c !== 0;
          case '<':
            return c < 0;
          case '>':
            return c > 0;
          case '<=':
            return c <= 0;
          default:
            return c >= 0;
        }
      }
      return arith(e.op, a, b);
    }
    default:
      throw new Unknown(e.type);
  }
}

/** Evaluate to a single cell value; throws Unknown when the result cannot be known exactly. */
export function evaluateToScalar(e: Expr, ctx: EvalContext): Scalar {
  return scalar(evaluateExpr(e, ctx));
}

/**
 * Equal within what double arithmetic allows: a relative 1e-10 (far above
 * the noise of summing thousands of doubles, far below any typo: 0.01 on a
 * hundred million) and an absolute 1e-9 near zero.
 */
export function sameNumber(a: number, b: number): boolean {
  const diff = Math.abs(a - b);
  return diff <= 1e-9 || diff <= 1e-10 * Math.max(Math.abs(a), Math.abs(b));
}
