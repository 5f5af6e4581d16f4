/**
 * Command line: score, validate or undo an `.xlsx` workbook with the same
 * engine the add-in uses.
 *
 *   perf-eval score <in.xlsx> [--out <out.xlsx>] [--json] [--sheet <name>]
 *   perf-eval validate <in.xlsx> [--out <out.xlsx>] [--json]
 *   perf-eval undo <in.xlsx> --out <out.xlsx> [--force]
 *
 * `--out` equal to the input needs `--in-place`; a read-only `--out` is refused.
 * Exit codes: 0 done, 1 validate found errors, 2 anything that stopped the
 * command (a one-line reason on stderr; nothing written).
 * score: exit 0 when scored, 2 when the file or its indicator sheet cannot be
 * used (one-line reason on stderr). validate: 0 without error-severity
 * findings, 1 with some, 2 when the file cannot be read. With --json, stdout
 * is exactly one JSON object.
 */
import { scoreWorkbook, undoLastRun, validateWorkbook } from '../engine';
import type { Finding, FindingCode } from '../engine/findings';
import type { ScoreReport } from '../engine/result';
import { constants as fsConstants, promises as fs } from 'fs';
import * as path from 'path';
import type { Patch } from '../engine/patch';
import { applyPatch } from '../workbook/xlsx/applyPatch';
import { WorkbookLoadError } from '../workbook/xlsx/io';
import { readXlsxFile, writeXlsxFile } from '../workbook/xlsx/node';
import { formatFindings, formatReport } from './format';
import { runReview } from './review';

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** A closed pipe (`score … | head -1`) ends the output, not the command: `--out` is still written. */
let stdoutClosed = false;
let guarded = false;
function guardStdout(): void {
  if (guarded) return;
  guarded = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') stdoutClosed = true;
    else throw e;
  });
}

const defaultIo: CliIo = {
  out: (s) => {
    guardStdout();
    if (!stdoutClosed) process.stdout.write(s);
  },
  err: (s) => process.stderr.write(s),
};

interface Args {
  command: string;
  input?: string;
  out?: string;
  json: boolean;
  sheet?: string;
  help: boolean;
  /** --out may be the input file itself. */
  inPlace: boolean;
  /** undo: also restore cells changed since the run. */
  force: boolean;
}

function parseArgs(argv: string[]): Args | string {
  const args: Args = { command: argv[0] ?? '', json: false, help: false, inPlace: false, force: false };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') args.json = true;
    else if (a === '--help' || a === '-h') args.help = true;
    else if (a === '--in-place') args.inPlace = true;
    else if (a === '--force') args.force = true;
    else if (a === '--out' || a === '-o') {
      args.out = argv[++i];
      if (!args.out) return '--out 后缺少输出文件名';
    } else if (a === '--sheet') {
      args.sheet = argv[++i];
      if (!args.sheet) return '--sheet 后缺少工作表名';
    } else if (a.startsWith('-')) return `未知选项 ${a}`;
    else if (!args.input) args.input = a;
    else return `多余的参数 ${a}`;
  }
  return args;
}

const USAGE = `用法：
  perf-eval score <输入.xlsx> [--out <输出.xlsx>] [--in-place] [--json] [--sheet <指标表名>]
  perf-eval validate <输入.xlsx> [--out <输出.xlsx>] [--in-place] [--json] [--sheet <指标表名>]
  perf-eval undo <输入.xlsx> --out <输出.xlsx> [--in-place] [--force] [--json]
退出码：0 完成；1 校验发现错误；2 无法完成（原因见 stderr 一行说明）
`;

/** The CLI's JSON contract: exactly these keys. */
export function reportJson(report: ScoreReport | null, findings: Finding[]): Record<string, unknown> {
  return {
    sheet: report?.sheet ?? null,
    total: report?.total ?? null,
    grade: report?.grade ?? null,
    groups: (report?.groups ?? []).map((g) => ({ name: g.name, max: g.max, score: g.score })),
    indicators: (report?.indicators ?? []).map((i) => ({
      path: i.path,
      max: i.max,
      score: i.score,
      deduction: i.deduction,
      source: i.source,
      rule: i.rule,
      note: i.note,
      cell: i.cell,
      // Checklist items (评分要点) with the evaluator's judgements; [] when the rule is not judged item by item.
      items: i.items ?? [],
    })),
    findings: findings.map(findingJson),
  };
}

export function findingJson(f: Finding): Record<string, unknown> {
  const o: Record<string, unknown> = {
    code: f.code,
    severity: f.severity,
    sheet: f.sheet ?? null,
    cell: f.cell ?? null,
    message: f.message,
  };
  if (f.expected !== undefined) o.expected = f.expected;
  if (f.count !== undefined) o.count = f.count;
  if (f.cells !== undefined) o.cells = f.cells;
  if (f.actual !== undefined) o.actual = f.actual;
  return o;
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}

/** Why `out` must not be written, or null: the input itself without --in-place, or a read-only file. */
async function targetProblem(input: string, out: string, inPlace: boolean): Promise<string | null> {
  const real = async (f: string) => {
    try {
      return await fs.realpath(f);
    } catch {
      return path.resolve(f);
    }
  };
  if (!inPlace && (await real(input)) === (await real(out))) {
    return `输出文件与输入文件相同（${out}），未写入；如确要覆盖原文件，请加 --in-place`;
  }
  try {
    const st = await fs.stat(out);
    if (st.isDirectory()) return `输出路径“${out}”是一个文件夹`;
    // Also refused when the process could write it anyway (root, or a rename round the protection).
    const readOnly =
      (st.mode & 0o222) === 0 ||
      (await fs.access(out, fsConstants.W_OK).then(
        () => false,
        () => true,
      ));
    if (readOnly) return `输出文件“${out}”是只读的，未覆盖；请换一个文件名或先取消只读`;
  } catch (e) {
    if ((e as { code?: string }).code !== 'ENOENT') return `无法检查输出文件“${out}”：${oneLine(e instanceof Error ? e.message : String(e))}`;
  }
  return null;
}

/** Exit codes: 0 done; 1 validate found errors; 2 anything that stopped the command (one line on stderr). */
export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  if (argv[0] === 'review' || argv[0] === 'detect') return runReview(argv, io);
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.err(`${args}\n${USAGE}`);
    return 2;
  }
  try {
    return await run(args, io);
  } catch (e) {
    const message = `内部错误：${oneLine(e instanceof Error ? e.message : String(e))}`;
    if (args.json) io.out(`${JSON.stringify({ error: { code: 'INTERNAL', message } }, null, 2)}\n`);
    io.err(`${message}\n`);
    return 2;
  }
}

async function run(args: Args, io: CliIo): Promise<number> {
  // With --json stdout is always exactly one object: on failure `{ "error": { code, message } }`.
  const fail = (code: FindingCode, message: string, extra: Record<string, unknown> = {}, findings: Finding[] = []): number => {
    const line = oneLine(message);
    if (args.json) io.out(`${JSON.stringify({ error: { code, message: line, ...extra }, findings: findings.map(findingJson) }, null, 2)}\n`);
    io.err(`${line}\n`);
    return 2;
  };
  if (args.help || !args.command) {
    io.out(USAGE);
    return args.help ? 0 : 2;
  }
  if (!['score', 'validate', 'undo'].includes(args.command)) {
    io.err(`未知命令 ${args.command}\n${USAGE}`);
    return 2;
  }
  if (!args.input) return fail('USAGE', `缺少输入文件。${oneLine(USAGE)}`);
  if (args.command === 'undo' && !args.out) return fail('USAGE', 'undo 需要 --out 指定输出文件');
  if (args.out) {
    const problem = await targetProblem(args.input, args.out, args.inPlace);
    if (problem) return fail('OUTPUT_REFUSED', problem);
  }
  let loaded;
  try {
    loaded = await readXlsxFile(args.input);
  } catch (e) {
    return fail(e instanceof WorkbookLoadError ? e.code : 'READ_FAILED', e instanceof Error ? e.message : String(e));
  }
  const { workbook, snapshot, lostOnSave } = loaded;
  // What a save through ExcelJS cannot keep: said before every write.
  const warnLost = () => {
    if (lostOnSave.length > 0) io.err(`注意：输出文件不含原文件中的${lostOnSave.join('、')}（保存时无法保留），请以原文件为准另行处理\n`);
  };
  const write = async (patch: Patch, what: string): Promise<number | null> => {
    const applied = applyPatch(workbook, patch);
    if (!applied.ok) return fail('WRITE_FAILED', `${what}失败，未修改任何内容：${applied.error}`);
    warnLost();
    try {
      await writeXlsxFile(workbook, args.out!);
    } catch (e) {
      return fail('WRITE_FAILED', e instanceof Error ? e.message : String(e));
    }
    return null;
  };

  if (args.command === 'score') {
    const run = scoreWorkbook(snapshot, { indicatorSheet: args.sheet });
    if (!run.ok) {
      // A run that stops prints no total: only why, and (with --json) the findings.
      const first = run.findings.find((f) => f.severity === 'error');
      const where = first?.sheet ? `（${first.sheet}${first.cell ? `!${first.cell}` : ''}）` : '';
      if (!args.json) for (const f of run.findings.filter((x) => x.severity === 'error').slice(1, 6)) io.err(`  - ${oneLine(f.message)}\n`);
      return fail(
        first?.code ?? 'UNUSABLE',
        `无法评分：${first?.message ?? '工作簿无法使用'}${where}`,
        {
          sheet: first?.sheet ?? null,
          cell: first?.cell ?? null,
        },
        run.findings,
      );
    }
    if (args.out) {
      const failed = await write(run.patch, '写入');
      if (failed !== null) return failed;
    }
    if (args.json) io.out(`${JSON.stringify(reportJson(run.report, run.findings), null, 2)}\n`);
    else if (run.report) io.out(formatReport(run.report));
    if (args.out && !args.json) io.out(`已写入 ${args.out}\n`);
    return 0;
  }

  if (args.command === 'validate') {
    const v = validateWorkbook(snapshot, { indicatorSheet: args.sheet });
    if (args.out) {
      // Only with --out: the workbook gets a 校验结果 sheet (a free name if the evaluator has one); nothing else changes.
      const failed = await write(v.patch, '写入');
      if (failed !== null) return failed;
    }
    if (args.json) io.out(`${JSON.stringify({ findings: v.findings.map(findingJson) }, null, 2)}\n`);
    else io.out(formatFindings(v.findings));
    const sheet = v.patch.ops.find((op) => op.kind === 'create')?.sheet;
    if (args.out && !args.json) io.out(`已写入 ${args.out}（${sheet ?? '校验结果'}工作表）\n`);
    return v.ok ? 0 : 1;
  }

  // undo
  const undo = undoLastRun(snapshot, { force: args.force });
  if (!undo.ok) return fail('NOTHING_TO_UNDO', undo.message);
  const failed = await write(undo.patch, '撤销');
  if (failed !== null) return failed;
  if (args.json) {
    io.out(`${JSON.stringify({ message: undo.message, kept: args.force ? [] : undo.conflicts, overwritten: args.force ? undo.conflicts : [] }, null, 2)}\n`);
  } else {
    io.out(`${undo.message}；已写入 ${args.out}\n`);
    if (undo.conflicts.length > 0 && !args.force) io.out('（如确要恢复这些单元格，请加 --force 再撤销一次原文件）\n');
  }
  return 0;
}
