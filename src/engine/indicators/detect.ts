/**
 * Finding the indicator sheet without being told: every sheet whose header
 * reads as an indicator table is parsed; the primary one is the score sheet
 * (a score column, most leaves, a telling name); the others are companions
 * (indicator system with rule texts, target table, results table).
 */
import type { Finding } from '../findings';
import { SheetView } from '../sheetView';
import type { WorkbookSnapshot } from '../snapshot';
import { findHeader } from './headers';
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
    const header = findHeader(view);
    if (!header) continue;
    const parsed = parseIndicatorTable(view, header);
    if (parsed.table.leaves.length === 0) continue;
    parsedTables.push(parsed);
  }
  const tables = parsedTables.map((p) => p.table);
  let primary: IndicatorTable | null = null;
  if (preferred) primary = tables.find((t) => t.sheet === preferred) ?? null;
  if (!primary && tables.length > 0) primary = [...tables].sort((a, b) => rank(b) - rank(a))[0];
  const companions = tables.filter((t) => t !== primary);
  const own = parsedTables.find((p) => p.table === primary);
  if (own) findings.push(...own.findings);
  return { primary, companions, findings, views };
}
