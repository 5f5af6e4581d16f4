/**
 * The engine's public result shapes. The CLI prints ScoreReport as JSON (a
 * contract scripts rely on); the task pane renders the same objects.
 */
import type { Finding } from './findings';
import type { Patch } from './patch';

export type ScoreSource = 'computed' | 'entered' | 'pending';

export interface IndicatorReport {
  /** [level1, level2, leaf]; shorter when the sheet has fewer levels. */
  path: string[];
  max: number | null;
  score: number | null;
  deduction: number | null;
  source: ScoreSource;
  /** The rule in words (Chinese), or the reason it is left to the evaluator. */
  rule: string;
  /** Rule kind: proportional, step, bands, perMonth, perOccurrence, additive, checklist, categorical, grade, judgement. */
  ruleKind: string;
  /** The deduction note / trace written to 扣分说明. */
  note: string;
  /** A1 address of the score cell on the indicator sheet. */
  cell: string;
  /** Actual value used, as displayed ("94.36%"), with where it came from. */
  actual?: string;
  actualSource?: string;
  /** The original rule text. */
  ruleText?: string;
  /** Checklist items (评分要点) with the evaluator's judgements, when the rule is judged item by item. */
  items?: ChecklistItemReport[];
}

/** One 评分要点 of a checklist indicator and how the evaluator judged it. */
export interface ChecklistItemReport {
  /** 1-based 序号, as the 逐项评分 sheet and ItemJudgement.seq use it. */
  seq: number;
  label: string;
  /** award: points when met; option: one grade of a pick-one set (按优6分、良4分…); deduct: a deduction range (扣2-5分). */
  kind: 'award' | 'deduct' | 'option';
  /** Points of the item (deduct: the largest deduction). */
  points: number;
  /** deduct: the smallest deduction of its range. */
  minPoints?: number | null;
  /**
   * deduct: true when the label is a requirement ("资金拨付有完整的审批程序和手续": 不符合 deducts);
   * otherwise a deduct item's label names a defect ("未装订"): 符合 means the defect was not found.
   */
  requirement?: boolean;
  verdict: 'met' | 'partial' | 'unmet' | null;
  /** Points earned (a deduction is negative); null when not judged (yet). */
  awarded: number | null;
  reason: string;
}

export interface GroupReport {
  name: string;
  max: number | null;
  score: number | null;
  /** 得分率 as a fraction (0.8667), null when max is 0 or unknown. */
  rate?: number | null;
  /** Level-2 groups inside a level-1 group. */
  children?: GroupReport[];
}

/** What the engine detected, so the user can confirm or correct it. */
export interface Detection {
  indicatorSheet: string;
  /** Visible sheets the evaluator could pick as the indicator sheet instead. */
  sheets: string[];
  /** Header rows (1-based) and the column each role was found in. */
  headerRows: [number, number];
  columns: Record<string, string>;
  /** Other sheets recognised as indicator tables (rule sources, target/results tables). */
  companionSheets: string[];
  dataSheets: { sheet: string; months: number; columns: string[] }[];
  surveySheets: string[];
  /** One line per bound indicator: "话务接通率 ← 附件3!D4:D15 (Σ话务接通数/Σ话务量)". */
  bindings: { path: string[]; source: string }[];
  gradeScheme: { label: string; min: number }[];
  composite?: string;
  /** Why each role went to its column (role → reason), e.g. rule: "表头“评分细则”：评分标准的同义词". */
  why?: Record<string, string>;
  /** The 项目支出绩效自评表 layout and the rules used for it, when the table is one. */
  form?: string;
}

export interface ScoreReport {
  sheet: string;
  total: number | null;
  grade: string | null;
  groups: GroupReport[];
  indicators: IndicatorReport[];
  findings: Finding[];
  detection?: Detection;
}

export interface ScoreRun {
  /** False when the workbook cannot be used; then `patch` is empty and `findings` say why. */
  ok: boolean;
  report: ScoreReport | null;
  patch: Patch;
  findings: Finding[];
}
