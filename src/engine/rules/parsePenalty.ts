/**
 * Counted events where one kind of event settles the score outright: "每发生一起一般事故扣1分；
 * 发生较大及以上事故的，该项不得分，倒扣10分" (a stated negative score), "每发现一处扣0.5分；发生
 * 重大事故的，该项不得分". The deductions per event are the per-occurrence reading's; this reading
 * adds each outright clause as an item of its own, so the evaluator counts it by name.
 */
import { Decimal } from '../decimal';
import type { PerOccurrenceRule } from './types';
import { NUM } from './lexicon';
import type { ParseEnv } from './env';
import { parsePerOccurrence } from './parseOccurrence';

/**
 * "发生较大及以上事故的，该项不得分，倒扣10分", "出现重大安全事故的，本项得0分". Groups: the event,
 * the points 倒扣 (a negative score) when stated. 该/該: texts mirrored in traditional characters.
 */
const OUTRIGHT_RE = new RegExp(
  `(?:若|如|凡|一旦)?(?:发生|出现|存在|发现)([^，；。\\d]{2,20}?)(?:的)?[，]?(?:则)?(?:[该該]项|本项|[该該]指标|本指标)?(?:直接)?(?:不得分|得0分|为0分|计0分)(?:[，]?(?:并|且)?倒扣(${NUM})分)?`,
  'g',
);

/** The unit word an event is counted in ("一般事故" counted in 起 beside "每发生一起一般事故"). */
function unitOf(items: PerOccurrenceRule['items']): string {
  return items[0]?.unitWord ?? '次';
}

export function parseOutright(env: ParseEnv): PerOccurrenceRule | null {
  const { text } = env;
  OUTRIGHT_RE.lastIndex = 0;
  const found = [...text.matchAll(OUTRIGHT_RE)];
  if (found.length === 0) return null;
  const base = parsePerOccurrence(env);
  if (!base) return null;
  // A per-event item read out of an outright clause would count the same event twice.
  if (base.items.some((i) => found.some((f) => f[1].includes(i.label) || (i.label && i.label.includes(f[1]))))) return null;
  const items: PerOccurrenceRule['items'] = [...base.items];
  for (const f of found) {
    const label = f[1].replace(/^(?:了|过)/, '');
    const outright = f[2] ? new Decimal(f[2].replace(/,/g, '')).neg() : new Decimal(0);
    items.push({ label, deduction: new Decimal(0), unitWord: unitOf(base.items), outright });
  }
  const rule: PerOccurrenceRule = { ...base, items };
  // The outright clause is now an item: no separate zeroing condition.
  if (rule.zeroIf && found.some((f) => rule.zeroIf!.includes(f[1]))) delete rule.zeroIf;
  return rule;
}
