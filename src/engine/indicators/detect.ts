/**
 * Finding the indicator sheet without being told: every sheet whose header
 * reads as an indicator table is parsed; the primary one is the score sheet
 * (a score column, most leaves, a telling name); the others are companions
 * (indicator system with rule texts, target table, results table).
 */
import { finding, type Finding } from '../findings';
import { SheetView } from '../sheetView';
import type { WorkbookSnapshot } from '../snapshot';
import { explainNoHeader, findHeader, findNextHeader } from './headers';
import type { IndicatorTable } from './model';
import { parseIndicatorTable } from './table';
import { normName } from '../text';

/** Names of the checklist judgement sheet (see src/engine/checklist/sheet.ts, which re-exports them). */
export const JUDGEMENT_SHEETS = ['逐项评分', '逐项评分表', '评分要点判断'];

export interface DetectedTables {
  primary: IndicatorTable | null;
  companions: IndicatorTable[];
  findings: Finding[];
  views: Map<string, SheetView>;
  /** Set when two sheets could each be the indicator sheet: only the evaluator can choose (--sheet, the pane's picker). */
  ambiguous?: { sheets: [string, string]; message: string };
}

/** Sheets the engine itself writes; never read them as input tables. */
export const ENGINE_SHEETS = ['评分汇总', '校验结果', '_绩效评分记录'];

const NAME_HINT = /附件|指标|评分|得分|评价|考核|绩效/;

function rank(t: IndicatorTable): number {
  const c = t.header.columns;
  let s = t.leaves.length;
  if (c.score !== undefined) s += 1000;
  if (c.rule !== undefined) s += 200;
  if (t.header.levels.length >= 2) s += 100;
  if (NAME_HINT.test(t.sheet)) s += 50;
  return s;
}

/** Two tables listing (nearly) the same indicators: versions of one score sheet, not a sheet and its companion. */
function sameIndicators(a: IndicatorTable, b: IndicatorTable): boolean {
  const names = (t: IndicatorTable) => new Set(t.leaves.map((l) => normName(l.name)));
  const x = names(a);
  const y = names(b);
  let common = 0;
  for (const n of x) if (y.has(n)) common++;
  return common >= 0.8 * Math.max(x.size, y.size);
}

/**
 * The indicator sheet among the parsed tables: visible sheets before hidden
 * ones (a hidden sheet is often an older version), then the rank. When two
 * visible score sheets remain (each with a score column, ranked alike, listing
 * the same indicators), nothing tells them apart: the evaluator picks.
 */
function chooseCandidate(
  tables: IndicatorTable[],
  snapshot: WorkbookSnapshot,
): { primary: IndicatorTable } | { ambiguous: NonNullable<DetectedTables['ambiguous']> } {
  const hidden = new Set(snapshot.sheets.filter((s) => (s.visibility ?? 'visible') !== 'visible').map((s) => s.name));
  const visible = tables.filter((t) => !hidden.has(t.sheet));
  const pool = [...(visible.length > 0 ? visible : tables)].sort((a, b) => rank(b) - rank(a));
  // Issue 12: a second table on the same sheet, or a summary of the top table (得分汇总表: its rows are
  // the top table's groups), is a companion, not a rival indicator sheet.
  const top = pool[0];
  const groupNames = top ? groupNamesOf(top) : new Set<string>();
  const scored = pool.filter(
    (t) => t.header.columns.score !== undefined && (t === top || (t.sheet !== top.sheet && !t.leaves.every((l) => groupNames.has(normName(l.name))))),
  );
  if (scored.length >= 2 && rank(scored[0]) - rank(scored[1]) < 100 && sameIndicators(scored[0], scored[1])) {
    const [a, b] = [scored[0].sheet, scored[1].sheet];
    return {
      ambiguous: {
        sheets: [a, b],
        message: `工作表“${a}”和“${b}”都像指标评分表，无法确定评哪一张；请用 --sheet 指定，或在任务窗格中选择指标表`,
      },
    };
  }
  return { primary: pool[0] };
}

function groupNamesOf(t: IndicatorTable): Set<string> {
  const out = new Set<string>();
  const walk = (nodes: IndicatorTable['roots']) => {
    for (const n of nodes)
      if (n.kind === 'group') {
        out.add(normName(n.name));
        walk(n.children);
      }
  };
  walk(t.roots);
  return out;
}

export function detectIndicatorTables(snapshot: WorkbookSnapshot, preferred?: string): DetectedTables {
  const parsedTables: { table: IndicatorTable; findings: Finding[] }[] = [];
  const findings: Finding[] = [];
  const views = new Map<string, SheetView>();
  for (const sheet of snapshot.sheets) {
    if (ENGINE_SHEETS.includes(sheet.name) || sheet.visibility === 'veryHidden') continue;
    const view = new SheetView(sheet);
    views.set(sheet.name, view);
    // The 逐项评分 sheet (指标/分值/得分 columns) is read as judgements, never as an indicator table.
    if (JUDGEMENT_SHEETS.includes(normName(sheet.name))) continue;
    // Several tables on one sheet: each runs to the row above the next one's header.
    let header = findHeader(view);
    while (header) {
      const next = findNextHeader(view, header);
      const parsed = parseIndicatorTable(view, header, next ? next.top - 1 : view.lastRow);
      if (parsed.table.leaves.length > 0) parsedTables.push(parsed);
      header = next;
    }
  }
  const tables = parsedTables.map((p) => p.table);
  let primary: IndicatorTable | null = null;
  if (preferred) primary = tables.find((t) => t.sheet === preferred) ?? null;
  if (!primary && tables.length > 0) {
    const choice = chooseCandidate(tables, snapshot);
    if ('ambiguous' in choice) return { primary: null, companions: [], findings, views, ambiguous: choice.ambiguous };
    primary = choice.primary;
  }
  const companions = tables.filter((t) => t !== primary);
  const own = parsedTables.find((p) => p.table === primary);
  if (own) findings.push(...own.findings);
  return { primary, companions, findings, views };
}

/**
 * Why no sheet could be read as an indicator table: per sheet, the header row that came closest and
 * what it lacked. Info findings, added to NO_INDICATOR_SHEET so the evaluator knows what to fix.
 */
export function explainNoTable(snapshot: WorkbookSnapshot): Finding[] {
  const out: Finding[] = [];
  for (const sheet of snapshot.sheets) {
    if (ENGINE_SHEETS.includes(sheet.name) || sheet.visibility === 'veryHidden') continue;
    const why = explainNoHeader(new SheetView(sheet));
    out.push(
      why
        ? finding('TABLE_UNREADABLE', 'info', why.message, { sheet: sheet.name, cell: `A${why.row}` })
        : finding('TABLE_UNREADABLE', 'info', `工作表“${sheet.name}”中没有任何可识别的表头（指标名称、分值、评分标准、得分等）`, { sheet: sheet.name }),
    );
  }
  return out;
}
