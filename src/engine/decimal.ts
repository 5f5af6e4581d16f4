/**
 * Exact decimal arithmetic for scores. Reports round each leaf half-up to two
 * places; floating point gets 0.2×6 and 1179.5105/1241.59 ≥ 95% wrong.
 */
import DecimalBase from 'decimal.js';

/** A private Decimal constructor so our settings never leak into other users of decimal.js. */
export const Decimal = DecimalBase.clone({ precision: 40, rounding: DecimalBase.ROUND_HALF_UP });
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);
export const HUNDRED = new Decimal(100);

export function dec(v: number | string | Decimal): Decimal {
  return new Decimal(v as never);
}

/** Half-up to `places` decimals (2 by default, as the reports do). */
export function round2(v: Decimal, places = 2): Decimal {
  return v.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
}

export function clamp(v: Decimal, lo: Decimal, hi: Decimal): Decimal {
  if (v.lt(lo)) return lo;
  if (v.gt(hi)) return hi;
  return v;
}

export function dmin(a: Decimal, b: Decimal): Decimal {
  return a.lt(b) ? a : b;
}

export function dmax(a: Decimal, b: Decimal): Decimal {
  return a.gt(b) ? a : b;
}

export function sum(values: Decimal[]): Decimal {
  return values.reduce((acc, v) => acc.plus(v), ZERO);
}

/**
 * v.toDecimalPlaces(places, ROUND_HALF_UP).toFixed(places), with one Decimal fewer (formatting
 * runs for every trace and report number): toFixed rounds by itself, but keeps the sign of a
 * negative value that rounds to zero ("-0.00"), which rounding first would drop.
 */
export function fixedHalfUp(v: Decimal, places: number): string {
  const s = v.toFixed(places, Decimal.ROUND_HALF_UP);
  return s.charCodeAt(0) === 45 && NEGATIVE_ZERO.test(s) ? s.slice(1) : s;
}

const NEGATIVE_ZERO = /^-[0.]+$/;

/**
 * Plain text for a number as a report writes it: no exponent, trailing zeros
 * dropped ("5.50" -> "5.5", "8.00" -> "8"), at most `maxPlaces` decimals.
 */
export function fmt(v: Decimal, maxPlaces = 2): string {
  let s = fixedHalfUp(v, maxPlaces);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  if (s === '-0') s = '0';
  return s;
}

/** A fraction as a percentage with two decimals: 0.7426 -> "74.26%". */
export function fmtPct(fraction: Decimal, places = 2): string {
  return `${fixedHalfUp(fraction.times(100), places)}%`;
}

/** A number with thousands separators and fixed decimals: 41450000 -> "41,450,000.00". */
export function fmtGrouped(v: Decimal, places = 2): string {
  const [i, f] = fixedHalfUp(v, places).split('.');
  const neg = i.startsWith('-');
  const digits = neg ? i.slice(1) : i;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${grouped}${f !== undefined ? `.${f}` : ''}`;
}

/** Convert for writing into a cell: a JS number that prints the same as the decimal. */
export function toCellNumber(v: Decimal): number {
  return Number(v.toString());
}
