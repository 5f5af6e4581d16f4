/**
 * The validation pass: every inconsistency an auditor would catch, each with
 * its sheet and cell. Domain checks (max sums, cells, aggregation, rules,
 * narrative, data sheets) plus formula checks on every sheet.
 */
import { dedupeFindings, finding, hasErrors, sortFindings, type Finding } from '../findings';
import { checkFormulas } from '../formulas';
import type { ScoreOptions } from '../options';
import type { Patch } from '../patch';
import { runScoring } from '../scoring/run';
import type { WorkbookSnapshot } from '../snapshot';
import { readState } from '../state';
import { dec, fmt } from '../decimal';
import { parseQuantity } from '../quantity';
import { toA1 } from '../address';
import { checkAggregateCells, checkLeafCells } from './cells';
import { checkData } from './data';
import { checkNarrative } from './narrative';
import { buildResultsSheet } from './resultsSheet';
import { checkAcrossTables, checkMaxSums, checkTotalMax } from './structure';
import { checkEvidenceStatements } from './evidence';
import { checkStatedFigures } from './summaries';
import { checkFormArithmetic } from '../selfAssessment';
import { isGroupResult } from '../scoring/aggregate';

export interface ValidateRun {
  /** False when there is an error-severity finding (or the workbook cannot be used). */
  ok: boolean;
  /** True when the workbook could be read as a scoring workbook at all. */
  usable: boolean;
  findings: Finding[];
  /** A 校验结果 sheet listing the findings with links; apply only when asked. */
  patch: Patch;
}

/** Same code at the same cell reported twice (scoring and validation both see it): keep the first. */
function dedupeByCell(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    if (!f.cell) return true;
    const k = `${f.code}|${f.sheet}|${f.cell}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function validateWorkbook(snapshot: WorkbookSnapshot, options: ScoreOptions = {}): ValidateRun {
  const findings: Finding[] = [];
  const { run, failure } = runScoring(snapshot, options);
  if (run) {
    const state = readState(snapshot);
    findings.push(...run.findings);
    checkMaxSums(run.table, findings);
    for (const t of run.companions) checkMaxSums(t, findings);
    // A self-assessment form's 总分 includes its 预算执行率 points: checked by the form's own arithmetic.
    if (run.form) {
      const level1 = run.groups.filter(isGroupResult).map((g) => ({ name: g.node.name, max: g.max, cell: g.node.maxCell ?? g.node.nameCell }));
      checkFormArithmetic(run.form.info, run.table, level1, run.form.funds, findings);
    } else checkTotalMax(run.table, !!run.composite, findings);
    checkEvidenceStatements(run.leaves, run.table.sheet, findings);
    checkStatedFigures(run, findings);
    checkAcrossTables(run.table, run.leaves, run.companions, findings);
    checkLeafCells(run, state, findings);
    checkAggregateCells(run, findings);
    checkData(run.data, findings);
    const narrative = [...run.views.values()].filter((v) => !run.usedSheets.has(v.name));
    checkNarrative(run, state, narrative, findings);
    for (const s of run.table.specialRows.filter((r) => r.kind === 'self')) {
      const c = s.cells.score ?? s.cells.max3 ?? s.cells.max1;
      const q = c ? parseQuantity(c.value, c.numberFormat) : null;
      if (c && q?.ok && run.pending === 0 && !q.q.value.minus(run.total).abs().lt(dec('0.005'))) {
        findings.push(
          finding(
            'SELF_ASSESSMENT_DIFFERS',
            'warning',
            `${s.label}${fmt(q.q.value)}分，与评价得分${fmt(run.total)}分相差${fmt(q.q.value.minus(run.total).abs())}分，请在报告中说明差异原因`,
            { sheet: run.table.sheet, cell: toA1(c.row, c.col) },
            { expected: fmt(run.total), actual: fmt(q.q.value) },
          ),
        );
      }
    }
  } else if (failure) {
    findings.push(...failure.findings);
  }
  findings.push(...checkFormulas(snapshot));
  const sorted = sortFindings(dedupeByCell(dedupeFindings(findings)));
  return {
    ok: !hasErrors(sorted),
    usable: !!run,
    findings: sorted,
    patch: { ops: [buildResultsSheet(sorted, snapshot)] },
  };
}
