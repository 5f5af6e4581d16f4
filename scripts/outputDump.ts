/**
 * Everything a run produces, as one deterministic JSON value per input: the CLI's
 * `score --json --out` and `validate --json --out` (exit code, stdout, stderr and
 * every cell, formula, format, merge and layout of the written workbook) and the
 * engine's patch. test/cli/output-identical.test.ts compares it with the dump
 * stored (as digests, test/fixtures/output-digests.json) before the performance work (issue 10).
 *
 *   npx tsx scripts/outputDump.ts write   # refresh the stored digests (only when a change of output is intended)
 *   npx tsx scripts/outputDump.ts dump    # full dumps into .tmp/output/, to diff when a digest differs
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../src/cli/main';
import { scoreWorkbook, validateWorkbook } from '../src/engine';
import { readXlsxFile } from '../src/workbook/xlsx/node';
import { build } from './benchWorkbook';

const ROOT = path.join(__dirname, '..');
/** The stored digests (committed); full dumps go to .tmp/output/ (gitignored) for diffing. */
export const DIGESTS = path.join(ROOT, 'test', 'fixtures', 'output-digests.json');
const FULL_DIR = path.join(ROOT, '.tmp', 'output');

/** JSON with sorted object keys, so a digest does not depend on property order. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

/** One digest per part: stdout byte for byte, the rest canonical JSON. */
export function digests(d: Record<string, unknown>): Record<string, string> {
  const h = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(d)) {
    if (v && typeof v === 'object' && 'run' in (v as object)) {
      const { run, written } = v as { run: { code: number; stdout: string; stderr: string }; written: unknown };
      out[`${k}.code`] = String(run.code);
      out[`${k}.stdout`] = h(run.stdout);
      out[`${k}.stderr`] = h(run.stderr);
      out[`${k}.written`] = h(canonical(written));
    } else out[k] = h(canonical(v));
  }
  return out;
}

/** Inputs: every sample, every excelint fixture and two generated bench workbooks. */
export function inputs(): { id: string; file: string | null; bench?: [number, number] }[] {
  const list: { id: string; file: string | null; bench?: [number, number] }[] = [];
  for (const f of readdirSync(path.join(ROOT, 'samples')).sort())
    if (f.endsWith('.xlsx') && !f.endsWith('.scored.xlsx')) list.push({ id: `samples-${f}`, file: path.join(ROOT, 'samples', f) });
  const ex = path.join(ROOT, 'test', 'fixtures', 'excelint');
  for (const f of readdirSync(ex).sort()) if (f.endsWith('.xlsx')) list.push({ id: `excelint-${f}`, file: path.join(ex, f) });
  list.push({ id: 'bench-50x12', file: null, bench: [50, 12] });
  list.push({ id: 'bench-200x100', file: null, bench: [200, 100] });
  return list;
}

async function workbookDump(file: string): Promise<unknown> {
  const { snapshot } = await readXlsxFile(file);
  return snapshot.sheets;
}

async function cli(argv: string[], tmp: string): Promise<unknown> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { out: (s) => (stdout += s), err: (s) => (stderr += s) });
  const clean = (s: string) => s.split(tmp).join('<tmp>');
  return { code, stdout: clean(stdout), stderr: clean(stderr) };
}

export async function dump(input: { id: string; file: string | null; bench?: [number, number] }): Promise<Record<string, unknown>> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'pe-dump-'));
  try {
    let file = input.file;
    if (!file) {
      file = path.join(tmp, `${input.id}.xlsx`);
      await build(input.bench![0], input.bench![1]).xlsx.writeFile(file);
    }
    const { snapshot } = await readXlsxFile(file);
    const run = scoreWorkbook(snapshot);
    const v = validateWorkbook(snapshot);
    const out: Record<string, unknown> = { patch: run.patch ?? null, validatePatch: (v as { patch?: unknown }).patch ?? null };
    for (const cmd of ['score', 'validate']) {
      const o = path.join(tmp, `${cmd}.xlsx`);
      const r = await cli([cmd, file, '--json', '--out', o], tmp);
      let written: unknown = null;
      try {
        written = await workbookDump(o);
      } catch {
        written = null;
      }
      out[cmd] = { run: r, written };
    }
    return JSON.parse(JSON.stringify(out));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function write(): Promise<void> {
  mkdirSync(FULL_DIR, { recursive: true });
  const all: Record<string, Record<string, string>> = {};
  for (const input of inputs()) {
    const d = await dump(input);
    writeFileSync(path.join(FULL_DIR, `${input.id}.json`), JSON.stringify(d, null, 1) + '\n');
    all[input.id] = digests(d);
    console.log(input.id);
  }
  if (process.argv[2] === 'write') writeFileSync(DIGESTS, JSON.stringify(all, null, 2) + '\n');
}

/** `write` stores the digests; `dump` only writes the full dumps to .tmp/output/ (to diff against a copy). */
if (require.main === module && (process.argv[2] === 'write' || process.argv[2] === 'dump')) {
  write().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
