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
}

export interface ScoreOptions {
  /** Use this sheet as the indicator sheet instead of detecting it. */
  indicatorSheet?: string;
  /** Per-indicator corrections from the task pane (the 评分规则 sheet is read as well; these win). */
  overrides?: IndicatorOverride[];
  /** Build the patch (write-back, summary sheet, record). Off for a dry run in the pane. */
  writeBack?: boolean;
}
