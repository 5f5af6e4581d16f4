/**
 * Review many workbooks at once (a finance bureau receives every department's 绩效自评表):
 *
 *   perf-eval review <folder or files…> [--out 审核汇总.xlsx] [--score] [--jobs N] [--json] [--progress]
 *   perf-eval detect <in.xlsx>            which column got which role and why (JSON)
 *
 * Every workbook is validated (with --score also scored) on worker threads, one per core by
 * default; a progress bar goes to stderr (on a terminal, or with --progress). The output workbook
 * has a 审核汇总 sheet (one row per workbook: file, project, sheet, total, grade, errors, warnings,
 * status) and a 问题清单 sheet (every finding with its file, sheet and cell). A file that cannot be
 * read is listed with the reason; the run goes on. Exit 0 when every workbook was reviewed without
 * error-severity findings, 1 when some have errors or could not be read, 2 on bad arguments.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { detectIndicatorTables, explainNoTable } from '../engine/indicators/detect';
import type { WorkbookSnapshot } from '../engine/snapshot';
import { readXlsxFile } from '../workbook/xlsx/node';
import { buildReviewWorkbook, reviewSnapshot, type ReviewRow } from '../workbook/xlsx/review';

// The rows and the 审核汇总 workbook are shared with the browser workbench (src/workbook/xlsx/review.ts).
export { buildReviewWorkbook, type ReviewRow };

export interface ReviewIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

const USAGE = `用法：
  perf-eval review <文件夹或文件…> [--out 审核汇总.xlsx] [--score] [--jobs N] [--json] [--progress]
  perf-eval detect <输入.xlsx>
`;

/** Review one workbook: never throws; an unreadable file is a row with its reason. */
export function reviewFile(file: string, score: boolean): Promise<ReviewRow> {
  return reviewSnapshot(file, score, async () => (await readXlsxFile(file)).snapshot);
}

/** Every .xlsx under the given folders and files, sorted, without Excel's lock files (~$…). */
export async function collectFiles(inputs: string[]): Promise<{ files: string[]; missing: string[] }> {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = async (p: string) => {
    let st;
    try {
      st = await fs.stat(p);
    } catch {
      missing.push(p);
      return;
    }
    if (st.isDirectory()) {
      const entries = (await fs.readdir(p)).sort();
      for (const e of entries) {
        if (e.startsWith('.') || e.startsWith('~$')) continue;
        const full = path.join(p, e);
        const s = await fs.stat(full).catch(() => null);
        if (s?.isDirectory()) await walk(full);
        else if (/\.xls[xm]?$/i.test(e)) files.push(full);
      }
    } else files.push(p);
  };
  for (const i of inputs) await walk(i);
  return { files, missing };
}

/** The worker's side: review the files it is sent, one at a time. */
export function workerLoop(): void {
  const { parentPort } = require('node:worker_threads') as typeof import('node:worker_threads');
  parentPort!.on('message', (msg: { id: number; file: string; score: boolean }) => {
    void reviewFile(msg.file, msg.score).then((row) => parentPort!.postMessage({ id: msg.id, row }));
  });
}

function progressBar(done: number, total: number, started: number): string {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const secs = (Date.now() - started) / 1000;
  const rate = secs > 0 ? done / secs : 0;
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}  ${rate.toFixed(1)} 个/秒`;
}

/** Review the files on `jobs` worker threads (1: in this thread); rows in input order. */
export async function reviewAll(
  files: string[],
  opts: { score: boolean; jobs: number; onProgress?: (done: number, total: number) => void },
): Promise<ReviewRow[]> {
  const rows: ReviewRow[] = new Array(files.length);
  let done = 0;
  if (opts.jobs <= 1 || files.length <= 1) {
    for (let i = 0; i < files.length; i++) {
      rows[i] = await reviewFile(files[i], opts.score);
      opts.onProgress?.(++done, files.length);
    }
    return rows;
  }
  // From the bundle (build/cli/perf-eval.js, which exports workerLoop) the worker loads the same file; from the sources, through tsx.
  const code = __filename.endsWith('.ts')
    ? `require('tsx/cjs/api').register(); require(${JSON.stringify(__filename)}).workerLoop();`
    : `require(${JSON.stringify(__filename)}).workerLoop();`;
  const count = Math.min(opts.jobs, files.length);
  let next = 0;
  await new Promise<void>((resolve, reject) => {
    const workers: Worker[] = [];
    let finished = 0;
    const feed = (w: Worker) => {
      if (next >= files.length) {
        void w.terminate();
        if (++finished === count) resolve();
        return;
      }
      const id = next++;
      w.postMessage({ id, file: files[id], score: opts.score });
    };
    for (let k = 0; k < count; k++) {
      const w = new Worker(code, { eval: true });
      workers.push(w);
      w.on('message', (m: { id: number; row: ReviewRow }) => {
        rows[m.id] = m.row;
        opts.onProgress?.(++done, files.length);
        feed(w);
      });
      w.on('error', (e) => {
        for (const x of workers) void x.terminate();
        reject(e);
      });
      feed(w);
    }
  });
  return rows;
}

async function detectCommand(argv: string[], io: ReviewIo): Promise<number> {
  const file = argv.find((a) => !a.startsWith('-'));
  if (!file) {
    io.err(`缺少输入文件\n${USAGE}`);
    return 2;
  }
  let snapshot: WorkbookSnapshot;
  try {
    snapshot = (await readXlsxFile(file)).snapshot;
  } catch (e) {
    io.err(`${(e instanceof Error ? e.message : String(e)).replace(/\s*\n\s*/g, ' ')}\n`);
    return 2;
  }
  const d = detectIndicatorTables(snapshot);
  const tables = d.primary ? [d.primary, ...d.companions] : d.companions;
  const out = {
    primary: d.primary?.sheet ?? null,
    ambiguous: d.ambiguous?.message ?? null,
    tables: tables.map((t) => ({
      sheet: t.sheet,
      headerRows: [t.header.top, t.header.bottom],
      leaves: t.leaves.length,
      levels: t.header.levels,
      columns: Object.entries(t.header.columns).map(([role, col]) => ({
        role,
        column: col,
        header: t.header.labels[col as number] ?? '',
        why: t.header.why?.[role as keyof typeof t.header.columns] ?? '',
      })),
      grades: t.header.grades?.map((g) => g.label) ?? [],
    })),
    missing: tables.length === 0 ? explainNoTable(snapshot).map((f) => ({ sheet: f.sheet, cell: f.cell, message: f.message })) : [],
  };
  io.out(`${JSON.stringify(out, null, 2)}\n`);
  return tables.length > 0 ? 0 : 2;
}

export async function runReview(argv: string[], io: ReviewIo): Promise<number> {
  if (argv[0] === 'detect') return detectCommand(argv.slice(1), io);
  const inputs: string[] = [];
  let out: string | undefined;
  let score = false;
  let json = false;
  let progress = !!process.stderr.isTTY;
  let jobs = os.availableParallelism?.() ?? os.cpus().length;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out' || a === '-o') out = argv[++i];
    else if (a === '--score') score = true;
    else if (a === '--json') json = true;
    else if (a === '--progress') progress = true;
    else if (a === '--jobs' || a === '-j') {
      jobs = Number(argv[++i]);
      if (!Number.isInteger(jobs) || jobs < 1) {
        io.err(`--jobs 需要正整数\n${USAGE}`);
        return 2;
      }
    } else if (a === '--help' || a === '-h') {
      io.out(USAGE);
      return 0;
    } else if (a.startsWith('-')) {
      io.err(`未知选项 ${a}\n${USAGE}`);
      return 2;
    } else inputs.push(a);
  }
  if (inputs.length === 0) {
    io.err(`缺少要审核的文件或文件夹\n${USAGE}`);
    return 2;
  }
  const { files, missing } = await collectFiles(inputs);
  const started = Date.now();
  const rows = await reviewAll(files, {
    score,
    jobs,
    onProgress: progress ? (d, t) => io.err(progressBar(d, t, started)) : undefined,
  });
  for (const m of missing) {
    rows.push({
      file: m,
      project: path.basename(m),
      sheet: null,
      total: null,
      grade: null,
      errors: 1,
      warnings: 0,
      status: '无法读取：文件不存在',
      findings: [],
      ms: 0,
    });
  }
  const secs = (Date.now() - started) / 1000;
  if (progress) io.err('\n');
  const failed = rows.filter((r) => r.status.startsWith('无法')).length;
  io.err(
    `已审核 ${rows.length} 个工作簿（${jobs} 个线程），用时 ${secs.toFixed(2)} 秒，${(rows.length / Math.max(secs, 1e-3)).toFixed(1)} 个/秒；有错误 ${rows.filter((r) => r.errors > 0).length} 个，无法读取或识别 ${failed} 个\n`,
  );
  if (json) {
    io.out(
      `${JSON.stringify(
        rows.map((r) => ({
          file: r.file,
          project: r.project,
          sheet: r.sheet,
          total: r.total,
          grade: r.grade,
          errors: r.errors,
          warnings: r.warnings,
          status: r.status,
        })),
        null,
        2,
      )}\n`,
    );
  }
  if (out) {
    try {
      await buildReviewWorkbook(rows).xlsx.writeFile(out);
    } catch (e) {
      io.err(`无法写入“${out}”：${e instanceof Error ? e.message : String(e)}\n`);
      return 2;
    }
    if (!json) io.out(`已写入 ${out}\n`);
  }
  return rows.some((r) => r.errors > 0) ? 1 : 0;
}
