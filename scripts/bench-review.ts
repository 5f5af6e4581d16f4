/**
 * Throughput of `review`: 10, 100 and 1,000 copies of the sample workbooks, on 1, 2 and all cores.
 *
 *   npx tsx scripts/bench-review.ts [--sizes 10,100,1000]
 *
 * Prints workbooks per second per (copies, threads); worker start-up (loading the TypeScript sources
 * through tsx in each thread) is included, as a user would see it.
 */
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { reviewAll } from '../src/cli/review';

async function main(): Promise<void> {
  const arg = process.argv.indexOf('--sizes');
  const sizes = (arg > 0 ? process.argv[arg + 1] : '10,100,1000').split(',').map(Number);
  const samplesDir = path.resolve(__dirname, '..', 'samples');
  const samples = readdirSync(samplesDir).filter((f) => f.endsWith('.xlsx') && !f.includes('.scored.'));
  const all = os.availableParallelism?.() ?? os.cpus().length;
  const threads = [...new Set([1, 2, all])];
  console.log(`samples: ${samples.length} workbooks; cores: ${all}`);
  for (const n of sizes) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pe-bench-review-'));
    const files: string[] = [];
    for (let i = 0; i < n; i++) {
      const src = samples[i % samples.length];
      const dst = path.join(dir, `${String(i).padStart(4, '0')}-${src}`);
      copyFileSync(path.join(samplesDir, src), dst);
      files.push(dst);
    }
    for (const t of threads) {
      const start = process.hrtime.bigint();
      const rows = await reviewAll(files, { score: true, jobs: t });
      const secs = Number(process.hrtime.bigint() - start) / 1e9;
      const bad = rows.filter((r) => r.status.startsWith('无法读取')).length;
      console.log(
        `copies ${String(n).padStart(5)}  threads ${t}  ${secs.toFixed(2).padStart(7)} s  ${(n / secs).toFixed(1).padStart(6)} workbooks/s${bad ? `  unreadable ${bad}` : ''}`,
      );
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
