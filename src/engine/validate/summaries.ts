/**
 * Figures the workbook states elsewhere, checked against the indicator sheet at their own cells:
 * summary sheets (得分汇总表, 综合评价表) listing group maxes and scores and the total, stated grades
 * ("绩效等级：良" in a header cell, a 等级 cell beside its label on a summary sheet) and stated
 * totals ("自评总分：92分") against the total and the workbook's own grade scheme.
 */
import { toA1 } from '../address';
import { Decimal, dec, fmt } from '../decimal';
import { finding, type Finding } from '../findings';
import { ENGINE_SHEETS } from '../indicators/detect';
import { classifyLabel } from '../indicators/headers';
import { classifySpecialLabel, parseIndicatorName } from '../indicators/names';
import { parseQuantity } from '../quantity';
import { isGroupResult, type GroupResult } from '../scoring/aggregate';
import type { LeafResult } from '../scoring/leaf';
import type { RunState } from '../scoring/run';
import type { SheetView } from '../sheetView';
import { STATE_SHEET } from '../state';
import { gradeFor, type GradeScheme } from '../summary/grade';
import { normName } from '../text';

const TOL = dec('0.005');

interface Known {
  name: string;
  max: Decimal | null;
  score: Decimal | null;
}

function knownGroups(run: RunState): Map<string, Known> {
  const out = new Map<string, Known>();
  const walk = (items: (GroupResult | LeafResult)[]) => {
    for (const x of items) {
      if (!isGroupResult(x)) continue;
      const key = normName(x.node.name);
      // A name used twice (two 数量指标 groups) cannot be matched by name.
      if (out.has(key)) out.set(key, { name: x.node.name, max: null, score: null });
      else out.set(key, { name: x.node.name, max: x.max, score: x.pending === 0 ? x.score : null });
      walk(x.children);
    }
  };
  walk(run.groups);
  if (run.form?.funds) out.set('预算执行率', { name: '预算执行率', max: run.form.funds.max, score: run.form.funds.score });
  return out;
}

type ColKind = 'score' | 'max';

/** Column kinds of a summary table: the label cells (得分/自评得分 …, 分值/权重 …) above a row. */
function columnKinds(view: SheetView, row: number): Map<number, ColKind> {
  const kinds = new Map<number, ColKind>();
  for (let r = row - 1; r >= Math.max(view.firstRow, row - 30); r--) {
    for (let c = view.firstCol; c <= view.lastCol; c++) {
      if (kinds.has(c)) continue;
      const t = view.text(r, c);
      if (!t || t.length > 12) continue;
      const k = classifyLabel(t);
      if (k === 'score' || k === 'subtotal') kinds.set(c, 'score');
      else if (k === 'max' || k === 'maxOrTarget') kinds.set(c, 'max');
    }
  }
  return kinds;
}

const GRADE_WORD = '优秀|良好|合格|不合格|一般|较差|优|良|中|差';
const NORMAL: Record<string, string> = { 优秀: '优', 良好: '良', 合格: '中', 一般: '中', 较差: '差', 不合格: '差' };

function sameGrade(stated: string, expected: string, scheme: GradeScheme): boolean {
  if (stated === expected) return true;
  if (scheme.bands.some((b) => b.label === stated)) return false;
  return (NORMAL[stated] ?? stated) === (NORMAL[expected] ?? expected);
}

const STATED_GRADE = new RegExp(
  `(?:绩效等级|评价等级|评价等次|绩效等次|自评等级|自评等次|评价结果|综合评价等级|等级|等次)[为是:：]\\s*[“"]?(${GRADE_WORD})(?![\\u4e00-\\u9fff]{2})`,
);
const STATED_TOTAL = /(?:自评总分|自评得分|评价总分|综合得分|总得分|绩效评价得分|评价得分|综合评分)[为是:：]\s*(\d+(?:\.\d+)?)\s*分?/;

export function checkStatedFigures(run: RunState, findings: Finding[]): void {
  const complete = run.pending === 0;
  const expectedGrade = complete ? gradeFor(run.total, run.scheme) : null;
  const known = knownGroups(run);
  const primary = run.table.sheet;
  // Companion sheets that repeat the indicator system leaf by leaf are checked by checkAcrossTables.
  const leafNames = new Set(run.table.leaves.map((l) => normName(l.name)));
  const systems = new Set(run.companions.filter((t) => t.sheet !== primary && t.leaves.some((l) => leafNames.has(normName(l.name)))).map((t) => t.sheet));
  for (const view of run.views.values()) {
    if (ENGINE_SHEETS.includes(view.name) || view.name === STATE_SHEET) continue;
    if (systems.has(view.name)) continue;
    const onIndicator = view.name === primary;
    const tableRows = onIndicator
      ? [run.table.header.top, Math.max(run.table.header.bottom, ...run.table.leaves.map((l) => l.lastRow), ...run.table.specialRows.map((s) => s.row))]
      : null;
    const inTable = (r: number) => !!tableRows && r >= tableRows[0] && r <= tableRows[1];
    for (let r = view.firstRow; r <= view.lastRow; r++) {
      let kinds: Map<number, ColKind> | null = null;
      for (let c = view.firstCol; c <= view.lastCol; c++) {
        if (!view.isAnchor(r, c)) continue;
        const v = view.raw(r, c);
        if (typeof v !== 'string') continue;
        const text = normName(v);
        if (!text) continue;
        const where = { sheet: view.name, cell: toA1(r, c) };
        // "绩效等级：良" / "自评总分：92分" in one cell (title blocks, notes, summary sheets).
        if (!inTable(r) && text.length <= 40) {
          const g = STATED_GRADE.exec(text);
          if (g && expectedGrade && !sameGrade(g[1], expectedGrade, run.scheme)) {
            findings.push(
              finding(
                'STATED_GRADE_MISMATCH',
                'error',
                `“${v.trim()}”与总分${fmt(run.total)}按等级标准（${run.scheme.source}）应得的“${expectedGrade}”不符`,
                where,
                {
                  expected: expectedGrade,
                  actual: g[1],
                },
              ),
            );
          }
          const t = STATED_TOTAL.exec(text);
          if (t && complete && !dec(t[1]).minus(run.total).abs().lt(TOL) && !/自评/.test(t[0])) {
            findings.push(
              finding('STATED_TOTAL_MISMATCH', 'error', `“${v.trim()}”与各指标得分合计${fmt(run.total)}分不符`, where, {
                expected: fmt(run.total),
                actual: t[1],
              }),
            );
          }
        }
        if (onIndicator) continue;
        // A summary row: a group name, a total or a grade label, with figures to its right.
        const special = classifySpecialLabel(text);
        const key = normName(parseIndicatorName(v).name);
        const group = known.get(key);
        if (!group && special !== 'total' && special !== 'grade') continue;
        kinds ??= columnKinds(view, r);
        for (let k = c + 1; k <= view.lastCol; k++) {
          if (!view.isAnchor(r, k)) continue;
          const cv = view.raw(r, k);
          if (cv === null || cv === '') continue;
          if (special === 'grade') {
            const stated = normName(cv);
            if (expectedGrade && new RegExp(`^(${GRADE_WORD})$`).test(stated) && !sameGrade(stated, expectedGrade, run.scheme)) {
              findings.push(
                finding(
                  'STATED_GRADE_MISMATCH',
                  'error',
                  `“${view.name}”中评价等级写为“${stated}”，总分${fmt(run.total)}按等级标准应为“${expectedGrade}”`,
                  { sheet: view.name, cell: toA1(r, k) },
                  {
                    expected: expectedGrade,
                    actual: stated,
                  },
                ),
              );
            }
            break;
          }
          const kind = kinds.get(k);
          if (!kind) continue;
          const q = parseQuantity(cv, view.numberFormat(r, k));
          if (!q.ok || q.q.unit === 'percent') continue;
          const at = { sheet: view.name, cell: toA1(r, k) };
          const name = group?.name ?? '合计';
          const expected = group ? (kind === 'score' ? group.score : group.max) : kind === 'score' ? (complete ? run.total : null) : run.totalMax;
          if (!expected || q.q.value.minus(expected).abs().lt(TOL)) continue;
          findings.push(
            finding(
              kind === 'score' ? 'SUMMARY_SCORE_MISMATCH' : 'SUMMARY_MAX_MISMATCH',
              'error',
              `“${view.name}”中“${name}”的${kind === 'score' ? '得分' : '分值'}为${fmt(q.q.value)}，指标表“${primary}”中为${fmt(expected)}`,
              at,
              { expected: fmt(expected), actual: fmt(q.q.value) },
            ),
          );
        }
      }
    }
  }
}
