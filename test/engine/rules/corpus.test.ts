/**
 * The rule corpus (test/engine/rules/corpus/*.json): real 评分标准 texts from
 * published tables with actual values scored by hand. No case may come out as
 * a number the hand scoring does not allow; pending is acceptable, wrong is not.
 */
import fc from 'fast-check';
import { dec } from '../../../src/engine/decimal';
import { explainRule, parseRule } from '../../../src/engine/rules';
import { scoreTyped } from '../../../src/engine/scoring/typed';
import { loadCorpus, runCase, runEntry } from './corpus/run';

const corpus = loadCorpus();
const results = corpus.map(runEntry);

/** Rules computed and right on every case when this floor was set; raise it as the engine learns. */
const CORRECT_FLOOR = 158;

describe('rule corpus', () => {
  test('is well-formed: unique ids, a source, a max and 2+ cases each', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(150);
    expect(new Set(corpus.map((e) => e.id)).size).toBe(corpus.length);
    for (const e of corpus) {
      expect(e.source).toMatch(/^https?:\/\//);
      expect(dec(e.max).gt(0)).toBe(true);
      expect(e.cases.length).toBeGreaterThanOrEqual(2);
    }
  });

  test('no case is scored with a number the hand scoring does not allow', () => {
    const wrong = results.flatMap((r) => r.cases.filter((c) => c.verdict === 'wrong'));
    expect(wrong.map((c) => `${c.entry.id} ${c.c.actual ?? JSON.stringify(c.c.inputs)} → ${c.got}, want ${JSON.stringify(c.c.expected)}: ${c.detail}`)).toEqual(
      [],
    );
  });

  test(`at least ${CORRECT_FLOOR} rules are computed right on every case`, () => {
    expect(results.filter((r) => r.correct).length).toBeGreaterThanOrEqual(CORRECT_FLOOR);
  });

  test('a computed rule with one numbered clause deleted is never read or scored as the same rule', () => {
    const same: string[] = [];
    for (const r of results.filter((x) => x.computed)) {
      const e = r.entry;
      const ctx = { name: e.indicator, max: dec(e.max), context: e.context };
      const whole = explainRule(parseRule(e.text, ctx), ctx.max);
      // Clauses that score (扣/得/计/分) with a number found nowhere else in the text and other than the max.
      // Item numbers ("(4)", "2、", "3.") are no quantities.
      const numbersOf = (t: string) => (t.replace(/(^|[；;。\n])\s*[(（]?\d{1,2}[)）、.](?!\d)/g, '$1').match(/\d+(?:\.\d+)?/g) ?? []).map((n) => dec(n));
      const clauses = e.text.split(/(?<=[；;。\n])/).filter((c) => {
        if (!/[扣得计记]|分/.test(c)) return false;
        const rest = numbersOf(e.text.replace(c, ''));
        return numbersOf(c).some((n) => !n.eq(ctx.max) && !rest.some((x) => x.eq(n)));
      });
      if (clauses.length < 2) continue;
      // What each case comes to: rules scored part by part (several inputs) read clauses the explanation does not show.
      const outcomes = (text: string) => e.cases.map((c) => JSON.stringify(runCase({ ...e, text }, c).got ?? runCase({ ...e, text }, c).detail));
      const wholeOutcomes = outcomes(e.text).join('\u0001');
      for (const c of clauses) {
        const cut = parseRule(e.text.replace(c, ''), ctx);
        if (cut.kind !== 'judgement' && explainRule(cut, ctx.max) === whole && outcomes(e.text.replace(c, '')).join('\u0001') === wholeOutcomes) {
          same.push(`${e.id}: without “${c}”`);
        }
      }
    }
    expect(same).toEqual([]);
  });

  test('parsing any corpus text with random cuts and splices never throws', () => {
    const texts = corpus.map((e) => e.text);
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.nat(), fc.nat(), (t, a, b) => {
        const [i, j] = [a % (t.length + 1), b % (t.length + 1)].sort((x, y) => x - y);
        const rule = parseRule(t.slice(0, i) + t.slice(j), { name: '指标', max: dec(5) });
        expect(explainRule(rule, dec(5)).length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('monotonic rules give monotonic scores', () => {
  // Every corpus rule read as a per-unit step or a proportion, on percentages in 0..150%.
  const monotone = corpus
    .map((e) => ({ e, rule: parseRule(e.text, { name: e.indicator, max: dec(e.max), context: e.context }) }))
    .filter(({ rule }) => (rule.kind === 'step' && rule.threshold.unit === 'percent' && !rule.rank) || (rule.kind === 'proportional' && !rule.inverse));

  test('there are such rules to check', () => expect(monotone.length).toBeGreaterThanOrEqual(10));

  test('more of a higher-is-better measure never scores less (less of a lower-is-better one never scores less)', () => {
    const pct = fc.integer({ min: 0, max: 15000 }).map((n) => `${(n / 100).toFixed(2)}%`);
    fc.assert(
      fc.property(fc.constantFrom(...monotone), pct, pct, ({ e, rule }, x, y) => {
        const [lo, hi] = parseFloat(x) <= parseFloat(y) ? [x, y] : [y, x];
        const at = (a: string) => scoreTyped({ name: e.indicator, max: dec(e.max), ruleText: e.text, context: e.context, actual: a });
        const a = at(lo);
        const b = at(hi);
        if (!a.ok || !b.ok) return;
        const up = rule.kind === 'proportional' || (rule.kind === 'step' && rule.direction === 'below');
        const down = rule.kind === 'step' && rule.direction === 'above';
        if (up) expect(a.score.lte(b.score)).toBe(true);
        if (down) expect(a.score.gte(b.score)).toBe(true);
        expect(a.score.gte(0) && a.score.lte(dec(e.max))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
