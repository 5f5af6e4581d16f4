/**
 * The formula checks of the validation pass. Pure: reads a WorkbookSnapshot,
 * returns Findings (Chinese messages, sheet and A1 cell), so the add-in and
 * the CLI share it.
 *
 * - FORMULA_INCONSISTENT (warning): a formula breaking the reference pattern of
 *   its row or column run (ExceLint); info for a copy with an extra typed constant
 * - SUM_OMITS_ADJACENT (warning): an aggregate stopping short of its block's numbers
 * - SUM_DOUBLE_COUNTS (warning): a total that adds a subtotal and its own lines
 * - HARDCODED_IN_FORMULA_REGION (warning; info when it equals the formula's result)
 * - FORMULA_ERROR_VALUE (error): error results where they start, error literals in the text
 * - REF_TO_EMPTY (info): a single-cell reference to a blank inside a numeric block
 * - CACHED_RESULT_MISMATCH (error): the shown value is not what the formula gives
 */
import type { Finding, FindingCode, Severity } from '../findings';
import type { WorkbookSnapshot } from '../snapshot';
import { checkCachedResults } from './cachedResult';
import { checkEmptyRefs } from './emptyRefs';
import { checkErrors } from './errors';
import { WorkbookGrids } from './grid';
import { checkRuns } from './regions';
import { checkDoubleCounts, checkSumOmits } from './sumRange';

export { tokenize, extractReferences, MAX_COL, MAX_ROW } from './tokenizer';
export type { Token, TokenType, Reference, RefEnd } from './tokenizer';
export { analyzeFormula, resolveRef, translateFormula, refShape } from './references';
export type { FormulaInfo, ResolvedRef } from './references';
export { parseFormula } from './parser';
export type { Expr } from './parser';
export { evaluateExpr, evaluateToScalar, sameNumber, Unknown } from './evaluate';
export { tryEvaluate, evalContext } from './context';
export type { EvalContext, Scalar, CellRead } from './evaluate';
export { BROKEN_REFERENCE_ERRORS } from './errors';

export interface CheckFormulasOptions {
  /** Only these sheets (all when omitted). */
  sheets?: string[];
  /** Stop starting new work after this many milliseconds (default 1500); what is found so far is returned. */
  timeBudgetMs?: number;
}

/** A finding plus, for run-based checks, the regular cells it was judged against (ExceLint's other rectangle). */
export interface FormulaFinding {
  finding: Finding;
  peers: { row: number; col: number }[];
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
/** When two checks flag one cell, keep the more specific explanation. */
const SPECIFICITY: Record<string, number> = {
  FORMULA_ERROR_VALUE: 0,
  SUM_OMITS_ADJACENT: 1,
  SUM_DOUBLE_COUNTS: 1,
  HARDCODED_IN_FORMULA_REGION: 2,
  FORMULA_INCONSISTENT: 3,
  CACHED_RESULT_MISMATCH: 4,
  REF_TO_EMPTY: 5,
} satisfies Partial<Record<FindingCode, number>>;
/** Codes that describe the same suspicion about a cell (at most one of them is kept per cell). */
const STRUCTURAL = new Set<FindingCode>(['SUM_DOUBLE_COUNTS', 'SUM_OMITS_ADJACENT', 'HARDCODED_IN_FORMULA_REGION', 'FORMULA_INCONSISTENT', 'REF_TO_EMPTY']);

function dedupe(items: FormulaFinding[]): FormulaFinding[] {
  const best = new Map<string, FormulaFinding>();
  const rest: FormulaFinding[] = [];
  for (const it of items) {
    const f = it.finding;
    if (!STRUCTURAL.has(f.code)) {
      rest.push(it);
      continue;
    }
    const k = `${f.sheet}|${f.cell}`;
    const cur = best.get(k);
    const better =
      !cur ||
      RANK[f.severity] < RANK[cur.finding.severity] ||
      (RANK[f.severity] === RANK[cur.finding.severity] && SPECIFICITY[f.code] < SPECIFICITY[cur.finding.code]);
    if (better) best.set(k, it);
  }
  const seen = new Set<string>();
  return [...rest, ...best.values()].filter((it) => {
    const k = `${it.finding.code}|${it.finding.sheet}|${it.finding.cell}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** All formula findings with the runs they break. */
export function checkFormulasDetailed(snapshot: WorkbookSnapshot, opts: CheckFormulasOptions = {}): FormulaFinding[] {
  const deadline = Date.now() + (opts.timeBudgetMs ?? 1500);
  const grids = new WorkbookGrids(snapshot);
  const wanted = opts.sheets ? new Set(opts.sheets) : null;
  const items: FormulaFinding[] = [];
  const plain = (fs: Finding[]) => fs.forEach((finding) => items.push({ finding, peers: [] }));
  const sheets = snapshot.sheets.filter((s) => !wanted || wanted.has(s.name)).map((s) => grids.get(s.name)!);
  // Cheap, certain checks first on every sheet; the time budget then bounds the rest.
  for (const g of sheets) plain(checkErrors(g, grids));
  for (const g of sheets) {
    if (Date.now() > deadline) break;
    items.push(...checkRuns(g, grids, deadline));
    plain(checkSumOmits(g));
    plain(checkDoubleCounts(g));
    plain(checkEmptyRefs(g, grids));
  }
  for (const g of sheets) {
    if (Date.now() > deadline) break;
    plain(checkCachedResults(g, grids, deadline));
  }
  return dedupe(items);
}

export function checkFormulas(snapshot: WorkbookSnapshot, opts: CheckFormulasOptions = {}): Finding[] {
  return checkFormulasDetailed(snapshot, opts).map((it) => it.finding);
}
