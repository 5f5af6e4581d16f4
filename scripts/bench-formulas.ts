/**
 * Formula-check benchmark on the ExceLint subjects (70 workbooks, hand
 * annotations from the ExceLint study, ../shared/benchmarks/excelint).
 *
 * Flags: the cells of the findings that claim a formula error, i.e. codes
 * FORMULA_INCONSISTENT, SUM_OMITS_ADJACENT, HARDCODED_IN_FORMULA_REGION and
 * CACHED_RESULT_MISMATCH at warning or error severity, plus
 * FORMULA_ERROR_VALUE for broken references (#REF!, #NAME?). Left out: info
 * findings (weak by design), REF_TO_EMPTY, and error values such as #DIV/0!
 * that come from blank inputs: the study's annotations cover formula errors
 * (wrong, missing or extra references), not templates awaiting data.
 * With --peers, a flag also covers the regular run the flagged cell breaks
 * (ExceLint-core's CLI counts both rectangles of a proposed fix this way).
 *
 * Counting is per cell, per workbook, sheet names compared trimmed
 * (the annotations drop trailing spaces):
 *   precision = TP / (TP + FP), and 1 when the workbook gets no flag at all;
 *               so 0 when a workbook without annotated bugs gets any flag;
 *   recall    = TP / (TP + FN), and 1 when the workbook has no annotated bug.
 * The means are plain averages over all 70 workbooks. These are the ExceLint
 * paper's definitions (OOPSLA 2018, §5.4: "When a tool flags nothing, we
 * define precision to be 1 ... When a benchmark contains no errors but the
 * tool flags anything, we define precision to be 0"), with recall = 1 for
 * bug-free workbooks as in the study's runner (recall(0, 0) = 1). The paper
 * additionally counts a "bug dual" (two inconsistent sets, both annotated)
 * once per flagged cell up to the smaller set's size; the processed
 * annotations do not record duals, so every annotated cell counts here.
 *
 * Time per workbook = reading the file + checkFormulas.
 *
 * Usage: npm run bench:formulas [-- --no-peers | --all-peers] [--verbose] [workbook filter]
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { toA1 } from '../src/engine/address';
import { checkFormulasDetailed, BROKEN_REFERENCE_ERRORS, type FormulaFinding } from '../src/engine/formulas';
import { readXlsxFile } from '../src/workbook/xlsx/node';

// The 70 workbooks sit next to the repository (../shared), or wherever EXCELINT_DIR says.
const ROOT = process.env.EXCELINT_DIR ?? path.resolve(__dirname, '../../shared/benchmarks/excelint');
const COUNTED = new Set(['FORMULA_INCONSISTENT', 'SUM_OMITS_ADJACENT', 'SUM_DOUBLE_COUNTS', 'HARDCODED_IN_FORMULA_REGION', 'CACHED_RESULT_MISMATCH']);

type Annotations = Record<string, Record<string, { bugs: [number, number, number][] }>>;

function counts(it: FormulaFinding): boolean {
  const f = it.finding;
  if (f.severity === 'info' || !f.sheet || !f.cell) return false;
  if (COUNTED.has(f.code)) return true;
  return f.code === 'FORMULA_ERROR_VALUE' && BROKEN_REFERENCE_ERRORS.has(String(f.actual));
}

/** A finding's peer run counts as flagged when it has at most this many cells (see the header). */
const PEER_LIMIT = 12;

function flaggedCells(items: FormulaFinding[], peerLimit: number): Set<string> {
  const out = new Set<string>();
  for (const it of items) {
    if (!counts(it)) continue;
    const sheet = it.finding.sheet!.trim();
    out.add(`${sheet}!${it.finding.cell}`);
    if (it.peers.length <= peerLimit) for (const p of it.peers) out.add(`${sheet}!${toA1(p.row, p.col)}`);
  }
  return out;
}

function displayName(file: string): string {
  try {
    return decodeURIComponent(file);
  } catch {
    return file;
  }
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const peerLimit = args.includes('--no-peers') ? -1 : args.includes('--all-peers') ? Infinity : PEER_LIMIT;
  const verbose = args.includes('--verbose');
  const filter = args.find((a) => !a.startsWith('--'));
  const ann: Annotations = JSON.parse(await fs.readFile(path.join(ROOT, 'annotations-processed.json'), 'utf8'));
  const names = Object.keys(ann).sort((a, b) => a.localeCompare(b));
  const precisions: number[] = [];
  const recalls: number[] = [];
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let maxSeconds = 0;
  for (const wb of names) {
    if (filter && !wb.includes(filter)) continue;
    const truth = new Set<string>();
    for (const [sheet, { bugs }] of Object.entries(ann[wb])) for (const [col, row] of bugs) truth.add(`${sheet.trim()}!${toA1(row, col)}`);
    const t0 = performance.now();
    const { snapshot } = await readXlsxFile(path.join(ROOT, 'subjects_xlsx', wb));
    const t1 = performance.now();
    const items = checkFormulasDetailed(snapshot);
    const t2 = performance.now();
    const flags = flaggedCells(items, peerLimit);
    const hits = [...flags].filter((c) => truth.has(c));
    const wTp = hits.length;
    const wFp = flags.size - wTp;
    const wFn = truth.size - wTp;
    tp += wTp;
    fp += wFp;
    fn += wFn;
    const p = flags.size === 0 ? 1 : wTp / flags.size;
    const r = truth.size === 0 ? 1 : wTp / truth.size;
    precisions.push(p);
    recalls.push(r);
    const seconds = (t2 - t0) / 1000;
    maxSeconds = Math.max(maxSeconds, seconds);
    console.log(
      `${displayName(wb).padEnd(44)} P ${pct(p).padStart(6)}  R ${pct(r).padStart(6)}  TP ${String(wTp).padStart(3)} FP ${String(wFp).padStart(3)} FN ${String(wFn).padStart(3)}  ${seconds.toFixed(2)} s (check ${((t2 - t1) / 1000).toFixed(2)} s)`,
    );
    if (verbose) {
      for (const it of items) {
        const f = it.finding;
        const key = `${f.sheet?.trim()}!${f.cell}`;
        const mark = !counts(it) ? ' ' : truth.has(key) ? '+' : '-';
        console.log(`   ${mark} ${f.code} ${f.severity} ${key} ${f.message}`);
      }
      const missed = [...truth].filter((c) => !flags.has(c));
      if (missed.length) console.log(`   missed: ${missed.join(' ')}`);
    }
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log('');
  console.log(
    `workbooks ${precisions.length}; TP ${tp}, FP ${fp}, FN ${fn}; median precision ${pct(median(precisions))}, median recall ${pct(median(recalls))}`,
  );
  console.log(`mean precision ${(mean(precisions) * 100).toFixed(1)}%, mean recall ${(mean(recalls) * 100).toFixed(1)}%, max seconds ${maxSeconds.toFixed(2)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
