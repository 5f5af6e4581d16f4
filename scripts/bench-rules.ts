/**
 * The rule corpus (test/engine/rules/corpus/*.json): real 评分标准 texts from
 * published tables, each with actual values scored by hand. Prints per-shape
 * figures, then one line per rule that is wrong (and, with --pending, per rule
 * left pending), and last:
 *
 *   rules computed C/N, correct K/N, wrong W
 *
 * computed: some case got a number; correct: every case right (a number the
 * hand scoring allows, or pending where it says "pending"); wrong: some case
 * got a number the hand scoring does not allow.
 *
 * Usage: npm run bench:rules [-- --pending] [--verbose] [id filter]
 */
import { loadCorpus, runEntry, type EntryResult } from '../test/engine/rules/corpus/run';

const args = process.argv.slice(2);
const showPending = args.includes('--pending');
const verbose = args.includes('--verbose');
const filter = args.find((a) => !a.startsWith('--'));

const entries = loadCorpus().filter((e) => !filter || e.id.includes(filter) || e.shape === filter);
const results: EntryResult[] = entries.map(runEntry);

const byShape = new Map<string, EntryResult[]>();
for (const r of results) (byShape.get(r.entry.shape) ?? byShape.set(r.entry.shape, []).get(r.entry.shape)!).push(r);
const pct = (k: number, n: number) => (n ? `${((100 * k) / n).toFixed(0)}%` : '-');
console.log('shape           rules  computed  correct  wrong');
for (const [shape, rs] of [...byShape.entries()].sort((a, b) => b[1].length - a[1].length)) {
  const c = rs.filter((r) => r.computed).length;
  const k = rs.filter((r) => r.correct).length;
  const w = rs.filter((r) => r.wrong).length;
  console.log(
    `${shape.padEnd(15)} ${String(rs.length).padStart(5)}  ${String(c).padStart(8)}  ${String(k).padStart(7)}  ${String(w).padStart(5)}   ${pct(k, rs.length)}`,
  );
}
const show = (r: EntryResult, what: string) => {
  console.log(`\n[${what}] ${r.entry.id} ${r.entry.indicator} (max ${r.entry.max}, ${r.entry.shape}): ${r.entry.text}`);
  for (const c of r.cases) {
    const input = c.c.actual ?? (c.c.inputs ? JSON.stringify(c.c.inputs) : JSON.stringify(c.c.items));
    console.log(`   ${c.verdict.padEnd(14)} ${input} → ${c.got ?? '—'} (want ${JSON.stringify(c.c.expected)}): ${c.detail}`);
  }
};
for (const r of results) if (r.wrong) show(r, 'WRONG');
if (showPending || verbose) for (const r of results) if (!r.wrong && !r.correct) show(r, 'pending');
if (verbose) for (const r of results) if (r.correct) show(r, 'ok');

const n = results.length;
const computed = results.filter((r) => r.computed).length;
const correct = results.filter((r) => r.correct).length;
const wrong = results.filter((r) => r.wrong).length;
console.log(`\nrules computed ${computed}/${n}, correct ${correct}/${n}, wrong ${wrong}`);
