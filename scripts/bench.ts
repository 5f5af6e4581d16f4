/**
 * Command line against the bare `.xlsx` read and against the formula template
 * evaluators use today, on generated workbooks (scripts/benchWorkbook.ts) of
 * 50, 500 and 5,000 indicators with 12 and 100,000 monthly data rows.
 *
 *   npm run bench                 # BENCH_REPEAT=n for more in-process repeats, BENCH_TORTURE=1 for issue 9's 200,000-row run
 *
 * Per size it prints, in process (minimum of BENCH_REPEAT runs): read (ExcelJS
 * load + snapshot), engine (scoreWorkbook), patch (applying it to the workbook),
 * write (saving the file) and R = (read + engine) / read; then the command line
 * as a user runs it (`node bin/perf-eval.js score <in> --out <out> --json`, one
 * process: wall and CPU time, peak RSS), its start-up (the same binary given no
 * file: loading the code, nothing else) and, where LibreOffice is installed
 * (`soffice`), the formula template: the same indicator sheet whose 得分 / 扣分 /
 * 合计 cells are Excel formulas over the same data, recalculated and saved by
 * LibreOffice headless (CPU time, peak RSS), with CLI / template as the ratio
 * (CPU time: the machine may be loaded, CPU time is what both need).
 * The last line is `max ratio R` (target ≤ 1.2).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { scoreWorkbook, validateWorkbook } from '../src/engine';
import { BIG_ROWS, bigDataSheet, tortureDir } from '../test/torture/generate';
import { applyPatch } from '../src/workbook/xlsx/applyPatch';
import { readXlsxFile, writeXlsxFile } from '../src/workbook/xlsx/node';
import { build, buildFormulaTemplate } from './benchWorkbook';

const SIZES: [number, number][] = [
  [50, 12],
  [500, 12],
  [5000, 12],
  [50, 100_000],
  [500, 100_000],
  [5000, 100_000],
];
const REPEAT = Number(process.env.BENCH_REPEAT ?? 2);
const ROOT = path.join(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'perf-eval.js');

function ms(t: number): string {
  return `${t.toFixed(0)} ms`;
}

interface Measured {
  wall: number;
  cpu: number;
  rssMB: number;
  code: number | null;
}

/** Run a command under /usr/bin/time: wall and CPU (user + sys, children included) in ms, peak RSS in MB. */
function timed(cmd: string, args: string[]): Measured {
  const log = path.join(os.tmpdir(), `pe-bench-time-${process.pid}.txt`);
  const r = spawnSync('/usr/bin/time', ['-o', log, '-f', '%e %U %S %M', cmd, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const [e, u, s, m] = readFileSync(log, 'utf8').trim().split('\n').pop()!.split(/\s+/).map(Number);
  rmSync(log, { force: true });
  return { wall: e * 1000, cpu: (u + s) * 1000, rssMB: m / 1024, code: r.status };
}

function best(runs: number, f: () => Measured): Measured {
  let b = f();
  for (let k = 1; k < runs; k++) {
    const m = f();
    const peak = Math.max(m.rssMB, b.rssMB);
    if (m.cpu < b.cpu) b = m;
    b = { ...b, rssMB: peak };
  }
  return b;
}

const SOFFICE = ['/usr/bin/soffice', '/usr/local/bin/soffice', '/opt/libreoffice/program/soffice'].find((p) => existsSync(p)) ?? null;

/** LibreOffice headless: open the template (formulas recalculated) and save it as .xlsx. */
function libreoffice(file: string, outDir: string, profile: string): Measured {
  return timed(SOFFICE!, [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'xlsx', '--outdir', outDir, file]);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pe-bench-'));
  const profile = path.join(dir, 'lo-profile');
  let maxR = 0;
  let maxT = 0;
  try {
    if (SOFFICE) {
      // First start of a fresh profile builds it: not part of any measurement.
      const warm = path.join(dir, 'warm.xlsx');
      await buildFormulaTemplate(5, 12).xlsx.writeFile(warm);
      libreoffice(warm, path.join(dir, 'lo-warm'), profile);
    }
    const startup = best(3, () => timed(process.execPath, [BIN, 'score']));
    for (const [n, months] of SIZES) {
      const file = path.join(dir, `bench-${n}-${months}.xlsx`);
      await build(n, months).xlsx.writeFile(file);
      let read = Infinity;
      let engine = Infinity;
      let patch = Infinity;
      let write = Infinity;
      let total: number | null = null;
      const repeat = months > 1000 ? 1 : REPEAT;
      for (let k = 0; k < repeat; k++) {
        const t0 = performance.now();
        const { workbook, snapshot } = await readXlsxFile(file);
        const t1 = performance.now();
        const run = scoreWorkbook(snapshot);
        const t2 = performance.now();
        if (!run.ok) throw new Error(`scoring failed at ${n}: ${run.findings.find((f) => f.severity === 'error')?.message}`);
        const applied = applyPatch(workbook, run.patch);
        const t3 = performance.now();
        if (!applied.ok) throw new Error(`patch failed at ${n}: ${applied.error}`);
        await writeXlsxFile(workbook, path.join(dir, 'out.xlsx'));
        const t4 = performance.now();
        read = Math.min(read, t1 - t0);
        engine = Math.min(engine, t2 - t1);
        patch = Math.min(patch, t3 - t2);
        write = Math.min(write, t4 - t3);
        total = run.report?.total ?? null;
      }
      const r = (read + engine) / read;
      maxR = Math.max(maxR, r);
      const label = `${String(n).padStart(5)} indicators, ${String(months).padStart(6)} data rows`;
      console.log(
        `${label}: read ${ms(read)}, engine ${ms(engine)} (${(engine / read).toFixed(2)}× read), patch ${ms(patch)}, write ${ms(write)}, R = ${r.toFixed(3)} (total ${total})`,
      );
      const cli = best(months > 1000 ? 1 : 2, () => timed(process.execPath, [BIN, 'score', file, '--out', path.join(dir, 'cli-out.xlsx'), '--json']));
      if (cli.code !== 0) throw new Error(`perf-eval exited ${cli.code} at ${n}`);
      let line = `${label}: command line ${ms(cli.wall)} wall, ${ms(cli.cpu)} CPU, peak ${cli.rssMB.toFixed(0)} MB; start-up ${ms(startup.wall)} wall, ${ms(startup.cpu)} CPU`;
      if (SOFFICE) {
        const template = path.join(dir, `template-${n}-${months}.xlsx`);
        await buildFormulaTemplate(n, months).xlsx.writeFile(template);
        const lo = best(months > 1000 ? 1 : 2, () => libreoffice(template, path.join(dir, 'lo-out'), profile));
        if (lo.code !== 0) throw new Error(`soffice exited ${lo.code} at ${n}`);
        const ratio = cli.cpu / lo.cpu;
        maxT = Math.max(maxT, ratio);
        line += `; formula template (LibreOffice) ${ms(lo.wall)} wall, ${ms(lo.cpu)} CPU, peak ${lo.rssMB.toFixed(0)} MB; ratio ${ratio.toFixed(2)}`;
      }
      console.log(line);
    }
  } finally {
    if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
    else console.log(dir);
  }
  if (process.env.BENCH_TORTURE === '1') await torture();
  if (SOFFICE) console.log(`max template ratio ${maxT.toFixed(2)} (command line CPU / formula template CPU; target ≤ 1.0)`);
  else console.log('LibreOffice (soffice) not installed: no formula-template comparison');
  console.log(`max ratio R ${maxR.toFixed(3)}`);
}

/** Issue 9's largest input: the sample plus a 200,000-row detail sheet; read + score + validate, time and peak memory. */
async function torture(): Promise<void> {
  const dir = tortureDir();
  mkdirSync(dir, { recursive: true });
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
