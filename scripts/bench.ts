/**
 * Engine cost against the bare `.xlsx` read, on generated workbooks of 50, 500
 * and 5,000 indicators with 12, 120 and 1,200 monthly data rows.
 *
 *   npm run bench
 *
 * Per size it prints the read time, the engine time (scoreWorkbook: detection,
 * binding, scoring, summary, patch) and R = (read + engine) / read; then the
 * engine time per indicator and per data row (linear growth keeps these flat);
 * the last line is `max ratio R`. Target: R ≤ 1.2 at every size.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { scoreWorkbook, validateWorkbook } from '../src/engine';
import { BIG_ROWS, bigDataSheet, tortureDir } from '../test/torture/generate';
import { readXlsxFile } from '../src/workbook/xlsx/node';
import { build } from './benchWorkbook';

const SIZES: [number, number][] = [
  [50, 12],
  [500, 120],
  [5000, 1200],
];
const REPEAT = 3;

function ms(t: number): string {
  return `${t.toFixed(1)} ms`;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pe-bench-'));
  let maxR = 0;
  const rows: string[] = [];
  try {
    for (const [n, months] of SIZES) {
      const file = path.join(dir, `bench-${n}.xlsx`);
      await build(n, months).xlsx.writeFile(file);
      let read = Infinity;
      let engine = Infinity;
      let total: number | null = null;
      for (let k = 0; k < REPEAT; k++) {
        const t0 = performance.now();
        const { snapshot } = await readXlsxFile(file);
        const t1 = performance.now();
        const run = scoreWorkbook(snapshot);
        const t2 = performance.now();
        read = Math.min(read, t1 - t0);
        engine = Math.min(engine, t2 - t1);
        total = run.report?.total ?? null;
        if (!run.ok) throw new Error(`scoring failed at ${n}: ${run.findings.find((f) => f.severity === 'error')?.message}`);
      }
      const r = (read + engine) / read;
      maxR = Math.max(maxR, r);
      rows.push(
        `${String(n).padStart(5)} indicators, ${String(months).padStart(4)} data rows: read ${ms(read)}, engine ${ms(engine)}, R = ${r.toFixed(3)}; engine per indicator ${(engine / n).toFixed(3)} ms, per data row ${(engine / months).toFixed(3)} ms (total ${total})`,
      );
      console.log(rows[rows.length - 1]);
    }
  } finally {
    if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
    else console.log(dir);
  }
  console.log(`max ratio R ${maxR.toFixed(3)}`);
  await torture();
}

/** Issue 9's largest input: the sample plus a 200,000-row detail sheet; read + score + validate, time and peak memory. */
async function torture(): Promise<void> {
  const dir = tortureDir();
  try {
    const file = await bigDataSheet(dir);
    let peak = process.memoryUsage().rss;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const t0 = performance.now();
    const { snapshot } = await readXlsxFile(file);
    const t1 = performance.now();
    const run = scoreWorkbook(snapshot);
    const t2 = performance.now();
    const v = validateWorkbook(snapshot);
    const t3 = performance.now();
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    console.log(
      `torture ${BIG_ROWS} data rows: read ${ms(t1 - t0)}, score ${ms(t2 - t1)} (total ${run.report?.total}), validate ${ms(t3 - t2)} (${v.findings.length} findings); peak RSS ${(peak / 2 ** 20).toFixed(0)} MB`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
