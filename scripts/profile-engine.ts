/**
 * Profile scoreWorkbook on one generated bench workbook (scripts/benchWorkbook.ts).
 *
 *   node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof scripts/profile-engine.ts [indicators] [months] [runs]
 *   npx tsx scripts/cpuprofile-top.ts /tmp/prof/<file>.cpuprofile
 *
 * tsx puts each module on one line, so profile lines are useless; for file:line
 * attribution bundle first (esbuild keeps names and lines):
 *
 *   npx esbuild scripts/profile-engine.ts --bundle --platform=node --outfile=/tmp/prof.js
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof /tmp/prof.js 5000 1200 20
 *
 * Reads the workbook once, then runs the engine `runs` times (default 20) and
 * prints the per-run minimum and median, so the profile is dominated by the engine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { scoreWorkbook } from '../src/engine';
import { readXlsxFile } from '../src/workbook/xlsx/node';
import { build } from './benchWorkbook';

async function main(): Promise<void> {
  const [n = 5000, months = 1200, runs = 20] = process.argv.slice(2).map(Number);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pe-prof-'));
  try {
    const file = path.join(dir, `bench-${n}.xlsx`);
    await build(n, months).xlsx.writeFile(file);
    const { snapshot } = await readXlsxFile(file);
    const times: number[] = [];
    let total: number | null = null;
    for (let k = 0; k < runs; k++) {
      const t0 = performance.now();
      const run = scoreWorkbook(snapshot);
      times.push(performance.now() - t0);
      total = run.report?.total ?? null;
    }
    times.sort((a, b) => a - b);
    console.log(`${n} indicators, ${months} rows, ${runs} runs: min ${times[0].toFixed(1)} ms, median ${times[runs >> 1].toFixed(1)} ms (total ${total})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
