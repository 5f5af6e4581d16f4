/**
 * One scoring run: detect the indicator sheet, read data and overrides, score
 * every leaf, aggregate, grade, and build the patch. Pure; a failed run
 * returns findings and an empty patch.
 */
import { toA1 } from '../address';
import { Decimal, round2 } from '../decimal';
import { dedupeFindings, finding, groupFindings, sortFindings, type Finding } from '../findings';
import { detectIndicatorTables, ENGINE_SHEETS, explainNoTable } from '../indicators/detect';
import type { IndicatorNode, IndicatorTable, LeafNode } from '../indicators/model';
import type { IndicatorOverride, ItemJudgement, ScoreOptions } from '../options';
import { overrideMatches, readOverrideSheet, OVERRIDE_SHEET_NAMES } from '../overrides';
import type { Patch } from '../patch';
import type { Detection, GroupReport, IndicatorReport, ScoreReport, ScoreRun } from '../result';
import type { WorkbookSnapshot } from '../snapshot';
import { readState, recordRun, stateSheetOp, STATE_SHEET, type RunEdit } from '../state';
import { claimSheetNames } from '../writeback/sheetNames';
import { normName } from '../text';
import { loadDataContext, type DataContext } from '../data/context';
import { DEFAULT_SCHEME, gradeFor, parseGradeScheme, type GradeScheme } from '../summary/grade';
import { aggregate, isGroupResult, parseComposite, totalsOf, type Composite, type GroupResult } from './aggregate';
import { scoreLeaf, type LeafResult } from './leaf';
import { buildOverrideSheetOp } from '../writeback/overrideSheet';
import { allocateColumns, buildIndicatorEdit, type WriteColumns } from '../writeback/indicatorSheet';
import { buildSummarySheet } from '../writeback/summarySheet';
import type { FormulaDisagreement } from '../writeback/keepFormulas';
import type { SheetView } from '../sheetView';
import { judgementsFor, readJudgementSheet } from '../checklist';
import { JUDGEMENT_SHEET_NAMES } from '../checklist/sheet';
import { buildJudgementSheetOp } from '../writeback/judgementSheet';
import type { ChecklistItemReport } from '../result';
import { describeBands, detectSelfAssessmentForm, scoreFormLeaf, scoreFunds, type FundsResult, type SelfAssessmentForm } from '../selfAssessment';

export interface RunState {
  table: IndicatorTable;
  companions: IndicatorTable[];
  leaves: LeafResult[];
  groups: (GroupResult | LeafResult)[];
  total: Decimal;
  totalMax: Decimal | null;
  pending: number;
  grade: string | null;
  scheme: GradeScheme;
  composite: Composite | null;
  findings: Finding[];
  views: Map<string, SheetView>;
  detection: Detection;
  columns: WriteColumns;
  data: DataContext;
  /** Sheets read as indicator, data, survey, override or engine sheets (the rest may be narrative). */
  usedSheets: Set<string>;
  /** The indicator sheet chosen by the evaluator (now or in an earlier run), when there is one. */
  chosenSheet?: string;
  /** The 项目支出绩效自评表 layout (src/engine/selfAssessment), when the table is one. */
  form?: { info: SelfAssessmentForm; funds: FundsResult | null };
}

function fail(code: Finding['code'], message: string, extra: Finding[] = []): ScoreRun {
  const findings = sortFindings(dedupeFindings([finding(code, 'error', message), ...extra]));
  return { ok: false, report: null, patch: { ops: [] }, findings };
}

/** Grade scheme stated anywhere in the workbook ("90（含）-100分为优…"), else the default. */
function findGradeScheme(views: Map<string, SheetView>): GradeScheme {
  for (const view of views.values()) {
    for (let r = view.firstRow; r <= view.lastRow; r++) {
      for (let c = view.firstCol; c <= view.lastCol; c++) {
        if (!view.isAnchor(r, c)) continue;
        const v = view.raw(r, c);
        if (typeof v !== 'string' || v.length < 12 || !/[优良中差]/.test(v)) continue;
        const bands = parseGradeScheme(v);
        if (bands) return { bands, source: `${view.name}!${toA1(r, c)}`, text: v };
      }
    }
  }
  return DEFAULT_SCHEME;
}

/** Each companion table's leaves by normalised name (the first leaf of a name), built once per run. */
type CompanionIndex = { table: IndicatorTable; byName: Map<string, LeafNode> }[];

function indexCompanions(companions: IndicatorTable[]): CompanionIndex {
  return companions.map((table) => {
    const byName = new Map<string, LeafNode>();
    for (const l of table.leaves) {
      const k = normName(l.name);
      if (!byName.has(k)) byName.set(k, l);
    }
    return { table, byName };
  });
}

/** Companion tables (指标体系 sheets) that carry the same leaf: rule texts and context. */
function companionFor(leaf: LeafNode, companions: CompanionIndex) {
  // A map lookup per table instead of normalising every companion leaf for every leaf (quadratic).
  const key = normName(leaf.name);
  for (const { table: t, byName } of companions) {
    const hit = byName.get(key);
    if (hit && (hit.texts.rule || hit.texts.explanation || hit.texts.description)) {
      return {
        sheet: t.sheet,
        ruleText: hit.texts.rule,
        ruleCell: hit.cells.rule ? toA1(hit.cells.rule.row, hit.cells.rule.col) : undefined,
        context: [hit.texts.explanation, hit.texts.description].filter((x): x is string => !!x),
      };
    }
  }
  return undefined;
}

/**
 * An actual value that cannot be read (“—”, “/”) makes that indicator pending
 * and says so; it never stops the whole run.
 */
function honestActual(f: Finding, result: LeafResult): Finding {
  if (f.code !== 'ACTUAL_UNREADABLE' || f.severity !== 'error') return f;
  const shown = f.actual !== undefined ? `“${f.actual}”` : '';
  const state = result.source === 'pending' ? '，该指标待评分' : '';
  const detail = f.message.replace(/^实际值无法读取[：:]?/, '').trim();
  const why = detail && detail !== '空单元格' ? `（${detail}）` : '';
  return { ...f, severity: 'warning', message: `实际值${shown}无法读取为数值${why}${state}，请填写实际值或在评分规则表中指定数据来源` };
}

/** Content the adapter left out because it lies far outside every table (one finding per sheet). */
function strayContent(snapshot: WorkbookSnapshot): Finding[] {
  const out: Finding[] = [];
  for (const s of snapshot.sheets) {
    if (!s.outliers || s.outliers.count === 0) continue;
    const more = s.outliers.count > s.outliers.cells.length ? `等${s.outliers.count}个单元格` : '';
    out.push(
      finding(
        'STRAY_CONTENT',
        'warning',
        `${s.outliers.cells.join('、')}${more}远离表格内容，未读取；如有用请移到表格附近`,
        {
          sheet: s.name,
          cell: s.outliers.cells[0],
        },
        { actual: s.outliers.count },
      ),
    );
  }
  return out;
}

/** The level-1 maxima should add up to 100 (without a composite weighting): a warning naming their cells. */
function checkMaxTotal(table: IndicatorTable, level1: GroupResult[], findings: Finding[]): void {
  if (level1.length === 0 || level1.some((g) => g.max === null)) return;
  const sum = level1.reduce((a, g) => a.plus(g.max!), new Decimal(0));
  if (sum.eq(100)) return;
  const cells = level1.map((g) => g.node.maxCell ?? g.node.nameCell).map((c) => toA1(c.row, c.col));
  findings.push(
    finding(
      'MAX_TOTAL_NOT_100',
      'warning',
      `各一级指标分值（${cells.join('、')}）合计为${sum.toString()}分，不是100分，总分与等次按此计算，请核对分值`,
      { sheet: table.sheet, cell: cells[0] },
      { expected: 100, actual: sum.toString() },
    ),
  );
}

export function runScoring(snapshot: WorkbookSnapshot, options: ScoreOptions = {}): { run: RunState | null; failure: ScoreRun | null } {
  if (!snapshot.sheets || snapshot.sheets.length === 0) {
    return { run: null, failure: fail('EMPTY_WORKBOOK', '工作簿中没有工作表') };
  }
  if (options.indicatorSheet && !snapshot.sheets.some((s) => s.name === options.indicatorSheet)) {
    return { run: null, failure: fail('SHEET_NOT_FOUND', `找不到工作表“${options.indicatorSheet}”`) };
  }
  // A sheet the evaluator picked once stays picked (kept in the engine's record) while it exists.
  const remembered = readState(snapshot)?.indicatorSheet;
  const chosen = options.indicatorSheet ?? (remembered && snapshot.sheets.some((s) => s.name === remembered) ? remembered : undefined);
  let detected = detectIndicatorTables(snapshot, chosen);
  // A remembered sheet that no longer holds the table: detect afresh.
  if (!detected.primary && chosen && !options.indicatorSheet) detected = detectIndicatorTables(snapshot, undefined);
  if (detected.ambiguous) return { run: null, failure: fail('AMBIGUOUS_INDICATOR_SHEET', detected.ambiguous.message) };
  if (!detected.primary) {
    const names = snapshot.sheets.map((s) => `“${s.name}”`).join('、');
    return {
      run: null,
      failure: fail(
        'NO_INDICATOR_SHEET',
        `没有找到指标评分表：工作表${names}中都没有“一级指标/二级指标/三级指标”或“指标名称”与“分值/评分标准/得分”等表头`,
        explainNoTable(snapshot),
      ),
    };
  }
  const table = detected.primary;
  const findings: Finding[] = [...detected.findings, ...strayContent(snapshot)];
  const view = detected.views.get(table.sheet)!;
  const state = readState(snapshot);
  const overrides: (IndicatorOverride & { sheet?: string; row?: number })[] = [...readOverrideSheet(detected.views, findings), ...(options.overrides ?? [])];
  const skip = new Set<string>([table.sheet, ...detected.companions.map((c) => c.sheet), ...ENGINE_SHEETS, STATE_SHEET]);
  for (const n of detected.views.keys()) if (OVERRIDE_SHEET_NAMES.includes(normName(n)) || JUDGEMENT_SHEET_NAMES.includes(normName(n))) skip.add(n);
  // Checklist judgements: the 逐项评分 sheet, then the pane's (later ones win per item).
  const judgements = [...readJudgementSheet(detected.views, findings), ...(options.judgements ?? [])];
  const data = loadDataContext(detected.views.values(), skip, findings);

  const notes = snapshot.sheets.find((s) => s.name === table.sheet)?.notes ?? {};
  const noteAt = (row: number, col: number) => notes[toA1(row, col)] ?? null;
  const byLeaf = new Map<IndicatorNode, LeafResult>();
  const leaves: LeafResult[] = [];
  const companions = indexCompanions(detected.companions);
  // An override can only match a leaf with the same last path segment: index both sides by it
  // instead of testing every override against every leaf (a 评分规则 sheet may list every leaf).
  const lastOf = (path: string[]) => (path.length > 0 ? normName(path[path.length - 1]) : null);
  const overridesByLast = new Map<string, number[]>();
  overrides.forEach((o, i) => {
    const k = lastOf(o.path);
    if (k !== null) (overridesByLast.get(k) ?? overridesByLast.set(k, []).get(k)!).push(i);
  });
  const leavesByLast = new Map<string, LeafNode[]>();
  if (overrides.length > 0) {
    for (const leaf of table.leaves) {
      const k = lastOf(leaf.path);
      if (k !== null) (leavesByLast.get(k) ?? leavesByLast.set(k, []).get(k)!).push(leaf);
    }
  }
  // Hook (issue 12): a 项目支出绩效自评表 is scored by the form's own rule, not by 评分标准 texts.
  const form = detectSelfAssessmentForm(view, table);
  for (const leaf of table.leaves) {
    // Later entries win: the task pane's corrections come after the 评分规则 sheet.
    const candidates = (overrides.length > 0 && overridesByLast.get(lastOf(leaf.path) ?? '')) || [];
    let override: (typeof overrides)[number] | undefined;
    for (let j = candidates.length - 1; j >= 0 && !override; j--) {
      if (overrideMatches(overrides[candidates[j]], leaf.path)) override = overrides[candidates[j]];
    }
    const result =
      form && !override
        ? scoreFormLeaf(leaf, form, view, state)
        : scoreLeaf(leaf, {
            sheet: table.sheet,
            state,
            data,
            companion: companionFor(leaf, companions),
            override,
            noteAt,
            judgements: judgements.length > 0 ? judgementsFor(judgements, leaf.path) : undefined,
          });
    byLeaf.set(leaf, result);
    leaves.push(result);
    for (const f of result.findings) findings.push(honestActual(f, result));
  }
  for (const o of overrides) {
    const k = lastOf(o.path);
    if (!(k !== null && (leavesByLast.get(k) ?? []).some((l) => overrideMatches(o, l.path)))) {
      const where = o.sheet && o.row ? { sheet: o.sheet, cell: `A${o.row}` } : {};
      findings.push(finding('OVERRIDE_UNMATCHED', 'warning', `评分规则中的指标“${o.path.join('/')}”在指标表中找不到`, where));
    }
  }

  const groups = aggregate(table.roots, byLeaf);
  const totals = totalsOf(groups);
  const level1 = groups.filter(isGroupResult);
  const composite = parseComposite(table.specialRows, level1);
  // Hook (issue 12): the form's 预算执行率 points count in its 总分.
  const funds = form ? scoreFunds(form, findings) : null;
  if (funds) {
    totals.score = totals.score.plus(funds.score ?? 0);
    if (totals.max) totals.max = totals.max.plus(funds.max);
    if (funds.source === 'pending') totals.pending++;
  }
  const total = composite ? composite.total : round2(totals.score);
  if (!composite && !form) checkMaxTotal(table, level1, findings); // a form checks its 总分 with 执行率 (issue 12)
  const scheme = findGradeScheme(detected.views);
  const grade = totals.pending === 0 ? gradeFor(total, scheme) : null;
  if (totals.pending > 0) {
    findings.push(
      finding('TOTAL_INCOMPLETE', 'warning', `还有${totals.pending}个指标待评分，总分${total.toString()}不完整，暂不评定等次`, {
        sheet: table.sheet,
      }),
    );
  }

  const detection: Detection = {
    indicatorSheet: table.sheet,
    sheets: snapshot.sheets
      .filter(
        (s) =>
          (s.visibility ?? 'visible') === 'visible' &&
          !ENGINE_SHEETS.includes(s.name) &&
          s.name !== STATE_SHEET &&
          !JUDGEMENT_SHEET_NAMES.includes(normName(s.name)),
      )
      .map((s) => s.name),
    headerRows: [table.header.top, table.header.bottom],
    columns: Object.fromEntries(
      Object.entries(table.header.columns).map(([role, col]) => [
        role,
        `${toA1(table.header.top, col as number).replace(/\d+$/, '')}：${table.header.labels[col as number] ?? ''}`,
      ]),
    ),
    companionSheets: detected.companions.map((c) => c.sheet),
    dataSheets: data.tables.map((t) => ({ sheet: t.sheet, months: t.periods.length, columns: t.columns.map((c) => c.header) })),
    surveySheets: data.surveys.map((s) => s.sheet),
    bindings: leaves.filter((l) => l.bound).map((l) => ({ path: l.leaf.path, source: l.bound!.source })),
    gradeScheme: scheme.bands.map((b) => ({ label: b.label, min: Number(b.min.toString()) })),
    composite: composite?.text,
    // Why each column got its role (issue 12: the detection panel and --json say so).
    form: form
      ? `项目支出绩效自评表：${funds ? `预算执行率${funds.max.toString()}分（${funds.note}）；` : ''}定量指标按完成比例，定性指标三档（${describeBands(form.bands)}；${form.bandsSource}）`
      : undefined,
    why: Object.fromEntries(Object.entries(table.header.why ?? {}).map(([role, w]) => [role, w as string])),
  };

  return {
    run: {
      table,
      companions: detected.companions,
      leaves,
      groups,
      total,
      totalMax: totals.max,
      pending: totals.pending,
      grade,
      scheme,
      composite,
      // One finding per kind and column, not one per row of a 200,000-row sheet.
      findings: groupFindings(findings),
      views: detected.views,
      detection,
      columns: allocateColumns(table, view),
      data,
      chosenSheet: chosen,
      form: form ? { info: form, funds } : undefined,
      usedSheets: new Set([...skip, ...data.tables.map((t) => t.sheet), ...data.surveys.map((s) => s.sheet)]),
    },
    failure: null,
  };
}

function num(d: Decimal | null | undefined): number | null {
  return d === null || d === undefined ? null : Number(d.toString());
}

function groupReport(g: GroupResult | LeafResult): GroupReport {
  if (!isGroupResult(g)) {
    return {
      name: g.leaf.name,
      max: num(g.max),
      score: num(g.score),
      rate: g.max && g.score && !g.max.isZero() ? num(g.score.div(g.max).toDecimalPlaces(4)) : null,
    };
  }
  return {
    name: g.node.name,
    max: num(g.max),
    score: num(g.score),
    rate: g.max && !g.max.isZero() ? num(g.score.div(g.max).toDecimalPlaces(4)) : null,
    children: g.children.filter(isGroupResult).map(groupReport),
  };
}

/** The checklist's items with the evaluator's judgements, for the pane and `--json`. */
function itemsReport(l: LeafResult): ChecklistItemReport[] {
  return l.checklist!.judged.map((j) => {
    const r: ChecklistItemReport = {
      seq: j.item.seq,
      label: j.item.label,
      kind: j.item.kind,
      points: num(j.item.points)!,
      verdict: j.verdict,
      awarded: j.value === null ? null : num(j.item.kind === 'deduct' ? j.value.neg() : j.value),
      reason: j.reason,
    };
    if (j.item.minPoints) r.minPoints = num(j.item.minPoints);
    if (j.item.requirement) r.requirement = true;
    return r;
  });
}

export function buildReport(run: RunState, findings: Finding[]): ScoreReport {
  const indicators: IndicatorReport[] = run.leaves.map((l) => {
    const r: IndicatorReport = {
      path: l.leaf.path,
      max: num(l.max),
      score: num(l.score),
      deduction: num(l.deduction),
      source: l.source,
      rule: l.explanation,
      ruleKind: l.rule?.kind ?? 'none',
      note: l.note,
      cell: toA1(l.leaf.row, run.columns.score),
      ruleText: l.ruleText,
    };
    if (l.checklist) r.items = itemsReport(l);
    if (l.bound) {
      r.actual = l.bound.display;
      r.actualSource = l.bound.source;
    }
    return r;
  });
  const groups: GroupReport[] = run.composite
    ? run.composite.parts.map((p) => ({
        name: p.label,
        max: num(p.max),
        score: num(p.score),
        rate: p.max && !p.max.isZero() ? num(p.score.div(p.max).toDecimalPlaces(4)) : null,
      }))
    : run.groups.map(groupReport);
  return {
    sheet: run.table.sheet,
    total: num(run.total),
    grade: run.grade,
    groups,
    indicators,
    findings,
    detection: run.detection,
  };
}

export function buildPatch(
  snapshot: WorkbookSnapshot,
  run: RunState,
  findings: Finding[],
  overrides: readonly IndicatorOverride[] = [],
  judgements: readonly ItemJudgement[] = [],
): Patch {
  const view = run.views.get(run.table.sheet)!;
  const state = readState(snapshot);
  const columns = run.columns;
  const disagreements: FormulaDisagreement[] = [];
  const edit = buildIndicatorEdit(
    {
      table: run.table,
      view,
      state,
      columns,
      leaves: run.leaves,
      groups: run.groups.filter(isGroupResult),
      total: run.total,
      grade: run.grade,
      views: run.views,
      disagreements,
      corrections: overrides,
    },
    findings,
  );
  const summary = buildSummarySheet(
    {
      title: run.table.title.replace(/^附件\s*\d*\s*[:：.、．]\s*/, ''),
      sheet: run.table.sheet,
      scoreCol: columns.score,
      level1: run.groups,
      total: run.total,
      totalMax: run.totalMax,
      grade: run.grade,
      scheme: run.scheme,
      composite: run.composite,
      leaves: run.leaves,
      specialRows: run.table.specialRows.map((s) => s.row),
      disagreements,
    },
    run.table.sheet,
  );
  const prior = state;
  const saved = buildOverrideSheetOp(run.views, overrides, findings);
  const judged = buildJudgementSheetOp(run.views, run.leaves, judgements, findings);
  const creates: Patch = { ops: [summary, ...(saved?.created ? [saved.op] : []), ...(judged?.created ? [judged.op] : [])] };
  // Sheets of these names the evaluator made are never replaced: the output goes to a free name.
  claimSheetNames(snapshot, creates, prior?.createdSheets ?? [], findings);
  const created = creates.ops.map((op) => op.sheet);
  const edits: RunEdit[] = [edit];
  if (saved && !saved.created) edits.push({ sheet: saved.op.sheet, cells: saved.op.cells });
  if (judged && !judged.created) edits.push({ sheet: judged.op.sheet, cells: judged.op.cells });
  const record = recordRun(snapshot, prior, edits, created, run.chosenSheet);
  return { ops: [edit, summary, ...(saved ? [saved.op] : []), ...(judged ? [judged.op] : []), stateSheetOp(record)] };
}
