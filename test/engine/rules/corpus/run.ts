/**
 * Runs the rule corpus (test/engine/rules/corpus/*.json, see README.md there)
 * through the engine the way a workbook row is scored: the rule text parsed
 * with the indicator's name, max, context and target; the actual value read
 * as typed in a 实际值 cell; several named inputs bound by name.
 */
import * as fs from 'fs';
import * as path from 'path';
import { dec, round2 } from '../../../../src/engine/decimal';
import { scoreTyped } from '../../../../src/engine/scoring/typed';

export interface CorpusCase {
  actual?: string;
  inputs?: Record<string, string>;
  items?: string[];
  expected: string | string[];
  why?: string;
}

export interface CorpusEntry {
  id: string;
  source: string;
  table?: string;
  indicator: string;
  max: string;
  text: string;
  target?: string;
  context?: string[];
  shape: string;
  cases: CorpusCase[];
  file: string;
}

export type Verdict = 'correct' | 'wrong' | 'pending' | 'correctPending';

export interface CaseResult {
  entry: CorpusEntry;
  c: CorpusCase;
  verdict: Verdict;
  got: string | null;
  detail: string;
}

export interface EntryResult {
  entry: CorpusEntry;
  cases: CaseResult[];
  /** Every case scored and right (or rightly pending). */
  correct: boolean;
  /** Some case scored with a number the hand scoring does not allow. */
  wrong: boolean;
  /** Some case computed. */
  computed: boolean;
}

export function loadCorpus(dir = __dirname): CorpusEntry[] {
  const out: CorpusEntry[] = [];
  for (const f of fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    const list = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Omit<CorpusEntry, 'file'>[];
    for (const e of list) out.push({ ...e, file: f });
  }
  return out;
}

function expectedList(c: CorpusCase): string[] {
  return (Array.isArray(c.expected) ? c.expected : [c.expected]).map(String);
}

export function runCase(entry: CorpusEntry, c: CorpusCase): CaseResult {
  const r = scoreTyped({
    name: entry.indicator,
    max: dec(entry.max),
    ruleText: entry.text,
    context: entry.context,
    target: entry.target,
    actual: c.actual,
    inputs: c.inputs,
    items: c.items,
  });
  const want = expectedList(c);
  if (!r.ok) {
    const verdict: Verdict = want.includes('pending') ? 'correctPending' : 'pending';
    return { entry, c, verdict, got: null, detail: r.reason };
  }
  const got = round2(r.score).toString();
  const ok = want.some((w) => w !== 'pending' && dec(w).eq(r.score));
  return { entry, c, verdict: ok ? 'correct' : 'wrong', got, detail: r.trace };
}

export function runEntry(entry: CorpusEntry): EntryResult {
  const cases = entry.cases.map((c) => runCase(entry, c));
  const wrong = cases.some((x) => x.verdict === 'wrong');
  const computed = cases.some((x) => x.verdict === 'correct' || x.verdict === 'wrong');
  const correct = !wrong && cases.every((x) => x.verdict === 'correct' || x.verdict === 'correctPending') && computed;
  return { entry, cases, correct, wrong, computed };
}
