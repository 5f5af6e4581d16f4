/** Options a caller (task pane, CLI) passes to the engine. */

export interface IndicatorOverride {
  /** Leaf path as reported ([level1, level2, leaf]); matched by normalised names, the last segment at least. */
  path: string[];
  /** Replacement 评分标准 text. */
  ruleText?: string;
  /** Replacement actual value as typed ("94.36%", "3,998.90万元", "一次验收通过"). */
  actual?: string;
  /** Data source: "<sheet>!<column header>", "<column header>" or "<numerator>/<denominator>". */
  dataSource?: string;
  /** The evaluator's score for an indicator they judge ("3.5"): written to 得分, wins over the cell. */
  score?: string;
  /** The evaluator's reason for that score: written to 扣分说明. */
  reason?: string;
}

/** 符合 / 部分 / 不符合. */
export type ItemVerdict = 'met' | 'partial' | 'unmet';

/** The evaluator's judgement of one checklist item (a row of the 逐项评分 sheet). */
export interface ItemJudgement {
  /** Leaf path as reported; matched like an override (the last segment at least). */
  path: string[];
  /** 1-based item number (序号) as the report's `items` give it. */
  seq: number;
  /** null clears an earlier judgement. */
  verdict: ItemVerdict | null;
  /**
   * 部分: the points awarded (0 … the item's points). For a deduction item (存在…的扣2-5分)
   * judged 不符合/部分: the points deducted, within its range.
   */
  points?: string | number | null;
  /** Why, in the evaluator's words; becomes part of the 扣分说明. */
  reason?: string;
  /** The item's wording as the pane showed it: a judgement for an item since reworded is not applied. */
  label?: string;
}

export interface ScoreOptions {
  /** Use this sheet as the indicator sheet instead of detecting it. */
  indicatorSheet?: string;
  /** Per-indicator corrections from the task pane (the 评分规则 sheet is read as well; these win). */
  overrides?: IndicatorOverride[];
  /** Checklist judgements from the task pane (the 逐项评分 sheet is read as well; these win and are saved into it). */
  judgements?: ItemJudgement[];
  /** Build the patch (write-back, summary sheet, record). Off for a dry run in the pane. */
  writeBack?: boolean;
}
