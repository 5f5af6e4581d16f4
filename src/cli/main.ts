/**
 * Command line: score, validate or undo an `.xlsx` workbook with the same
 * engine the add-in uses.
 *
 *   perf-eval score <in.xlsx> [--out <out.xlsx>] [--json] [--sheet <name>]
 *   perf-eval validate <in.xlsx> [--out <out.xlsx>] [--json]
 *   perf-eval undo <in.xlsx> --out <out.xlsx>
 *
 * score: exit 0 when scored, 2 when the file or its indicator sheet cannot be
 * used (one-line reason on stderr). validate: 0 without error-severity
 * findings, 1 with some, 2 when the file cannot be read. With --json, stdout
 * is exactly one JSON object.
 */
import { scoreWorkbook, undoLastRun, validateWorkbook } from '../engine';
import type { Finding } from '../engine/findings';
import type { ScoreReport } from '../engine/result';
import { applyPatch } from '../workbook/xlsx/applyPatch';
import { readXlsxFile, writeXlsxFile } from '../workbook/xlsx/node';
import { formatFindings, formatReport } from './format';

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

const defaultIo: CliIo = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
};

interface Args {
  command: string;
  input?: string;
  out?: string;
  json: boolean;
  sheet?: string;
  help: boolean;
}

function parseArgs(argv: string[]): Args | string {
  const args: Args = { command: argv[0] ?? '', json: false, help: false };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') args.json = true;
    else if (a === '--help' || a === '-h') args.help = true;
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
  perf-eval score <输入.xlsx> [--out <输出.xlsx>] [--json] [--sheet <指标表名>]
  perf-eval validate <输入.xlsx> [--out <输出.xlsx>] [--json]
  perf-eval undo <输入.xlsx> --out <输出.xlsx>
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
  if (f.actual !== undefined) o.actual = f.actual;
  return o;
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}

export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.err(`${args}\n${USAGE}`);
    return 2;
  }
  if (args.help || !args.command) {
    io.out(USAGE);
    return args.help ? 0 : 2;
  }
  if (!args.input) {
    io.err(`缺少输入文件\n${USAGE}`);
    return 2;
  }
  let loaded;
  try {
    loaded = await readXlsxFile(args.input);
  } catch (e) {
    io.err(`${oneLine(e instanceof Error ? e.message : String(e))}\n`);
    return 2;
  }
  const { workbook, snapshot, lostOnSave } = loaded;
  // What a save through ExcelJS cannot keep: say so whenever a file is written.
  const warnLost = () => {
    if (lostOnSave.length > 0) io.err(`注意：输出文件不含原文件中的${lostOnSave.join('、')}（保存时无法保留），请以原文件为准另行处理\n`);
  };

  if (args.command === 'score') {
    const run = scoreWorkbook(snapshot, { indicatorSheet: args.sheet });
    if (args.json) io.out(`${JSON.stringify(reportJson(run.report, run.findings), null, 2)}\n`);
    else if (run.report) io.out(formatReport(run.report));
    if (!run.ok) {
      const first = run.findings.find((f) => f.severity === 'error');
      const where = first?.sheet ? `（${first.sheet}${first.cell ? `!${first.cell}` : ''}）` : '';
      io.err(`无法评分：${oneLine(first?.message ?? '工作簿无法使用')}${where}\n`);
      if (!args.json && !run.report) for (const f of run.findings) io.err(`  - ${f.message}\n`);
      return 2;
    }
    if (args.out) {
      const applied = applyPatch(workbook, run.patch);
      if (!applied.ok) {
        io.err(`写入失败，未修改任何内容：${oneLine(applied.error)}\n`);
        return 2;
      }
      try {
        await writeXlsxFile(workbook, args.out);
      } catch (e) {
        io.err(`${oneLine(e instanceof Error ? e.message : String(e))}\n`);
        return 2;
      }
      warnLost();
      if (!args.json) io.out(`已写入 ${args.out}\n`);
    }
    return 0;
  }

  if (args.command === 'validate') {
    const v = validateWorkbook(snapshot, { indicatorSheet: args.sheet });
    if (args.json) io.out(`${JSON.stringify({ findings: v.findings.map(findingJson) }, null, 2)}\n`);
    else io.out(formatFindings(v.findings));
    if (args.out) {
      // Only with --out: the workbook gets a 校验结果 sheet; nothing else changes.
      const applied = applyPatch(workbook, v.patch);
      if (!applied.ok) {
        io.err(`写入失败，未修改任何内容：${oneLine(applied.error)}\n`);
        return 2;
      }
      await writeXlsxFile(workbook, args.out);
      warnLost();
      if (!args.json) io.out(`已写入 ${args.out}（校验结果工作表）\n`);
    }
    return v.ok ? 0 : 1;
  }

  if (args.command === 'undo') {
    if (!args.out) {
      io.err('undo 需要 --out 指定输出文件\n');
      return 2;
    }
    const undo = undoLastRun(snapshot);
    if (!undo.ok) {
      io.err(`${undo.message}\n`);
      return 2;
    }
    const applied = applyPatch(workbook, undo.patch);
    if (!applied.ok) {
      io.err(`撤销失败，未修改任何内容：${oneLine(applied.error)}\n`);
      return 2;
    }
    await writeXlsxFile(workbook, args.out);
    warnLost();
    io.out(`${undo.message}；已写入 ${args.out}\n`);
    return 0;
  }

  io.err(`未知命令 ${args.command}\n${USAGE}`);
  return 2;
}
