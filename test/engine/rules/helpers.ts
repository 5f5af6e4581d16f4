import { Decimal, dec } from '../../../src/engine/decimal';
import { parseQuantity, quantity, type Quantity } from '../../../src/engine/quantity';
import { parseRule, scoreRule } from '../../../src/engine/rules';
import type { ActualValue, Rule, RuleScoreResult } from '../../../src/engine/rules/types';
import type { SeedRule } from './seedRules';

export function qty(text: string): Quantity {
  const r = parseQuantity(text);
  if (!r.ok) throw new Error(`bad quantity ${text}: ${r.reason}`);
  return r.q;
}

export function actual(text: string, label?: string): ActualValue {
  return { kind: 'quantity', q: qty(text), label };
}

/** An exact ratio as a percentage quantity (4119.2/4145). */
export function ratio(num: string, den: string, label?: string): ActualValue {
  return { kind: 'quantity', q: quantity(dec(num).div(den), 'percent'), label };
}

/** Twelve months from 2020年7月, as the 001 data annex lists them. */
export function monthly(values: string[], label?: string): ActualValue {
  return {
    kind: 'monthly',
    label,
    months: values.map((v, i) => ({ label: `${i < 6 ? 2020 : 2021}年${((i + 6) % 12) + 1}月`, value: qty(v) })),
  };
}

export function text(t: string): ActualValue {
  return { kind: 'text', text: t };
}

export function counts(pairs: [string, number][]): ActualValue {
  return { kind: 'counts', counts: pairs.map(([label, n]) => ({ label, n: dec(n) })) };
}

export function parseSeed(r: SeedRule): Rule {
  return parseRule(r.text, { name: r.name, max: dec(r.max), context: r.context });
}

export function scoreSeed(r: SeedRule, a: ActualValue | null): RuleScoreResult {
  return scoreRule(parseSeed(r), a, dec(r.max));
}

/** The score of an ok result as a plain string ("5.47"), failing the test otherwise. */
export function scoreOf(r: RuleScoreResult): string {
  if (!r.ok) throw new Error(`not scored: ${r.reason}`);
  return r.score.toString();
}

export function traceOf(r: RuleScoreResult): string {
  if (!r.ok) throw new Error(`not scored: ${r.reason}`);
  return r.trace;
}

export function s(d: Decimal | null | undefined): string | null {
  return d ? d.toString() : null;
}
