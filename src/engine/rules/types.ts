/**
 * Typed scoring rules parsed from 评分标准 text. Each rule keeps the text it
 * came from; `explainRule` renders it back in Chinese for the evaluator to
 * confirm, `scoreRule` applies it to an actual value with a Chinese trace.
 */
import type { Decimal } from '../decimal';
import type { Quantity } from '../quantity';

/**
 * A measure the text defines from named amounts: numerator ÷ denominator, or
 * (numerator − minus) ÷ denominator for a change against last year.
 */
export interface Measure {
  numerator: string;
  denominator: string;
  minus?: string;
  /** The definition as written. */
  text: string;
}

interface RuleBase {
  /** The rule text as found (normalised whitespace). */
  text: string;
  /** What is measured, as the text names it ("接通率", "话务量", "公众知晓率"); may be empty. */
  subject: string;
  /**
   * Full mark the text itself states ("×7", "得8分", "得满分" gives none). When it
   * differs from the indicator's max the engine scores against the max and reports it.
   */
  statedFull: Decimal | null;
  /**
   * What the parser had to decide about the text, in Chinese, for the evaluator to
   * confirm ("评分标准中“4,060.00元”与“4,060.00万元”单位不一致，按4,060.00万元计").
   */
  notes?: string[];
  /**
   * Numbers of the text the parser read without making them parameters (a
   * standard restated: "以100%为标准"; a deduction cap equal to the max). Every
   * number of the text must be a parameter or listed here, or the rule is not
   * scored (see account.ts).
   */
  accounted?: Decimal[];
  /** How the text defines the measured quantity from named amounts, when it does. */
  measure?: Measure;
}

/**
 * score = actual ÷ target × points, capped at the max.
 * "得分=实际接通率÷目标值×7" (target from the text or the indicator's context),
 * "得分=热线整合完成率*2，最高不超过2分" (target 100%),
 * "得分=公众知晓率/96%*10分(超过10分按10分计)".
 */
export interface ProportionalRule extends RuleBase {
  kind: 'proportional';
  /** null when the text names a target it does not give ("÷目标值"): taken from context/target column. */
  target: Quantity | null;
  /** Name of the target when given by reference only, e.g. "热线接通率目标值". */
  targetRef?: string;
  /** Points multiplier in the text; null means "the indicator's max". */
  points: Decimal | null;
  /** True when the text states the cap explicitly (最高不超过/超过按满分计). The max caps anyway. */
  capStated: boolean;
  /** "(实际到位资金/预算资金)×100%": the actual is a ratio of these two named amounts. */
  ratioOf?: { numerator: string; denominator: string };
  /** A cut-off below which the score is 0 ("达到90%以上按比例得分，低于90%不得分"). */
  zeroBelow?: Quantity;
  /** True when the strict reading of zeroBelow is "at or below" ("90%及以下不得分"). */
  zeroAtCutoff?: boolean;
  /**
   * A line at or above which the score is the full points, the formula applying below it
   * ("造林成活率达95%，得10分，低于95%，得分=造林成活率×10分": 94% gives 9.4, 95% gives 10).
   */
  fullAt?: Quantity;
  /**
   * Lower is better (结转结余率 ≤ target): full marks at or below the target,
   * otherwise target ÷ actual × points.
   */
  inverse?: boolean;
}

/**
 * Per-unit shortfall or excess against a threshold, floor 0:
 * "平均接通率不低于95%，每低1%扣1分" (absolute percentage points),
 * "月均不低于3万通，每低于5%扣1分，不足5%按5%计算" (relative to the threshold),
 * "月办件数≥19000件得8分，每减少500件扣1分" / "每超出100万元扣1分" (absolute units),
 * "超5分钟通话率应低于36%，每高1%扣0.5分" (excess above a ceiling).
 */
export interface StepRule extends RuleBase {
  kind: 'step';
  /**
   * 'below': deduct when actual falls short of threshold; 'above': when it exceeds it;
   * 'either': by the distance from it in either direction ("与计划每相差2%扣1分").
   */
  direction: 'below' | 'above' | 'either';
  threshold: Quantity;
  /**
   * Step size. mode 'absolute': in the threshold's own unit (0.01 = one percentage
   * point for percent thresholds; 500 for 件; 1e6 for 100万元). mode 'relative':
   * a fraction of the threshold (0.05 for "每低于5%" against 3万通).
   */
  step: Decimal;
  stepMode: 'absolute' | 'relative';
  /** How the step was written, for traces: "1%", "5%", "500件", "100万元", "1个百分点". */
  stepText: string;
  deduction: Decimal;
  /** How a partial unit counts: 'up' (不足1%按1%计算), 'down' (满1%才扣), 'exact' (pro rata). */
  rounding: 'up' | 'down' | 'exact';
  /** True when the text says how partial units count; false when the default was applied. */
  roundingStated: boolean;
  /** A condition that zeroes the score outright ("低于85%的，该指标得0分"), if any. */
  zeroBelow?: Quantity;
  /** A condition past which the score is 0 ("迟报四天及以上不得分"), for excess and delay rules. */
  zeroAbove?: Quantity;
  /** zeroAbove includes the value itself ("及以上"). */
  zeroAboveInclusive?: boolean;
  /** The threshold is first place and the actual a rank ("第5名"): each place down costs the deduction. */
  rank?: boolean;
  /** "扣满10分为止": deductions stop at this many points (the max when not said). */
  maxDeduction?: Decimal;
}

/** One side of a reference line in a bonus rule: each step past the line is worth these points. */
export interface BonusStep {
  /**
   * Step size. mode 'absolute': in the reference's own unit (0.02 = two percentage points
   * against a percent reference; 1 for 1个 against 3个). mode 'relative': a fraction of the reference.
   */
  step: Decimal;
  stepMode: 'absolute' | 'relative';
  /** How the step was written, for traces: "2个百分点", "1个", "1%". */
  stepText: string;
  /** Points per step: added above the line, deducted below it. */
  points: Decimal;
  /** How a partial step counts: 'up' (不足…按…计), 'down' (满一步才计), 'exact' (按比例). */
  rounding: 'up' | 'down' | 'exact';
  /** True when the text says how partial steps count; false when the convention was applied. */
  roundingStated: boolean;
}

/**
 * Points at a reference line, more for each step above it (加分), none or less below it:
 * "达目标的计满分，不达目标不计分，每超目标两个百分点加1分" (no ceiling stated: the stated bonus
 * may take the score past the indicator's max),
 * "达到历史最佳水平给6分；比历史最佳水平提高1%则在6分基础上加1分，10分为上限；每低于历史最佳
 * 水平1%则扣1分，扣完为止", "每超目标任务引进1个项目加2分，最高不超过6分" (nothing at the line).
 */
export interface BonusRule extends RuleBase {
  kind: 'bonus';
  /**
   * The line: stated in the text ("增长8%的目标"), or the indicator's target (目标值 column, or the
   * input named 上年/历史最佳水平/目标任务). null only for a bonus item counted in units
   * ("每超目标任务引进1个项目加2分") whose line is given nowhere: the value typed is then the
   * count past the line itself ("超目标任务4个").
   */
  reference: Quantity | null;
  /** How the text names the line ("目标", "上年基数", "历史最佳水平"); may be empty. */
  referenceName: string;
  /** Points at the line ("给6分"); null = the indicator's max ("计满分"). */
  base: Decimal | null;
  /** Points added per step above the line. */
  above: BonusStep;
  /**
   * Below the line: 'zero' ("不达目标不计分"), a deduction per step ("每低于…1%扣1分", floor 0),
   * or 'none' when the text says nothing (only with a base of 0: a bonus item earns nothing).
   */
  below: { kind: 'zero' } | { kind: 'none' } | ({ kind: 'step' } & BonusStep);
  /** Highest score stated ("10分为上限", "最高不超过6分"); null = no ceiling: the bonus is uncapped. */
  cap: Decimal | null;
  /** Most points the bonus itself may add ("最多加5分", "加分不超过5分"), when stated. */
  bonusCap?: Decimal;
}

export interface Band {
  /** Lower edge; null = unbounded. */
  lo: Quantity | null;
  loInclusive: boolean;
  hi: Quantity | null;
  hiInclusive: boolean;
  points: Decimal;
  /** When the text gives the band as a deduction ("4-6名扣1分"): points = max − deduct. */
  deduct?: Decimal;
  /**
   * A band on another measure than the others ("前5名得满分…，占比为0的不得分": the share, beside
   * bands on the rank). A value in the other bands' unit passes it by, and the other way round.
   */
  measure?: string;
  /** The text of this band, for traces. */
  text: string;
  /**
   * The text gives a range of points for this band ("超额完成>100% | 5-3"): where in it is the
   * evaluator's call, so a value in this band is not scored. `points` holds the range's top.
   */
  judged?: { lo: Decimal; hi: Decimal };
}

/**
 * Bands: "≥95%得3分，90-95%得2分，85-90%得1分，低于85%得0分". Checked in order of
 * points, highest first, so overlapping edges go to the better band. "(含)"
 * marks an inclusive edge; "在85%-90%之间" reads lower-inclusive.
 */
export interface BandsRule extends RuleBase {
  kind: 'bands';
  bands: Band[];
  /** The bands count what is missing ("缺一项得7分，缺两项得4分"): "齐全" typed as the actual is none missing. */
  countsMissing?: boolean;
}

/**
 * Per failing month, counted on the monthly data:
 * "每月不少于100条，每发现一个月不足扣0.2分" / "每出现一个月满意度低于95%，扣除0.2分".
 */
export interface PerMonthRule extends RuleBase {
  kind: 'perMonth';
  threshold: Quantity;
  /** A month fails when its value is below (or above) the threshold. */
  failWhen: 'below' | 'above';
  /** True when a month exactly at the threshold also fails ("高于95%得满分" makes 95% fail). */
  failsAtThreshold: boolean;
  deduction: Decimal;
  /**
   * Months with nothing at all, deducted on their own ("凡出现发布信息“空白月”的，每个月扣10分"):
   * such a month costs `blank.deduction` and is not also counted as failing the threshold.
   */
  blank?: { deduction: Decimal; label: string };
}

/**
 * Per occurrence counted by the evaluator: "每出现1次无人在岗扣1分，扣完为止",
 * "每发现一处扣0.2分"; several kinds may carry different deductions
 * ("服务态度投诉每起扣0.1分；省级渠道每起扣2分").
 */
export interface PerOccurrenceRule extends RuleBase {
  kind: 'perOccurrence';
  items: {
    label: string;
    deduction: Decimal;
    unitWord: string;
    /**
     * One such occurrence sets the score to these points outright, whatever else was found:
     * 0 for "发生较大及以上事故的，该项不得分", −10 for "…该项不得分，倒扣10分" (a stated negative score).
     */
    outright?: Decimal;
  }[];
  /** A condition that zeroes the score ("若存在重大违法违规事件则该指标直接为0分"). */
  zeroIf?: string;
}

/** Additive with cap: "全国性奖项每项4分，省级每项3分...最多不超过该指标满分". */
export interface AdditiveRule extends RuleBase {
  kind: 'additive';
  items: { label: string; pointsEach: Decimal; unitWord: string }[];
}

/** Checklist of points: "①...得0.5分 ②...得0.5分 ③...得1分". Scored by the evaluator. */
export interface ChecklistRule extends RuleBase {
  kind: 'checklist';
  items: { label: string; points: Decimal }[];
  /** Deduction per defect when the text gives one ("每发现一处不明确的，扣0.2分"). */
  perDefect?: Decimal;
}

/** Categorical: "一次验收通过得满分；二次整改后通过得一半分；未通过不得分". */
export interface CategoricalRule extends RuleBase {
  kind: 'categorical';
  options: {
    label: string;
    /** Keywords the evaluator's text must contain to select this option. */
    keywords: string[];
    points?: Decimal;
    /** Fraction of the max ("得满分" = 1, "得一半分" = 0.5, "不得分" = 0). */
    fraction?: Decimal;
  }[];
}

/** Grade words: "按优6分、良4分、中2分、差1分". */
export interface GradeRule extends RuleBase {
  kind: 'grade';
  grades: { label: string; points: Decimal }[];
}

/** Text the parser leaves to the evaluator, with the reason. */
export interface JudgementRule extends RuleBase {
  kind: 'judgement';
  reason: string;
  /** Clauses holding numbers that no reading accounted for, shown to the evaluator. */
  unread?: string[];
  /** The reading that was set aside because of them (its kind), when there was one. */
  setAside?: RuleKind;
}

export type Rule =
  | ProportionalRule
  | StepRule
  | BonusRule
  | BandsRule
  | PerMonthRule
  | PerOccurrenceRule
  | AdditiveRule
  | ChecklistRule
  | CategoricalRule
  | GradeRule
  | JudgementRule;

export type RuleKind = Rule['kind'];

/** Rules whose score the engine computes from an actual value (the others are the evaluator's). */
export const QUANTITATIVE_KINDS: readonly RuleKind[] = ['proportional', 'step', 'bonus', 'bands', 'perMonth'];

/** Context the parser may use besides the rule text itself. */
export interface RuleContext {
  /** Indicator name (leaf), e.g. "12345热线接通率". */
  name?: string;
  /** The indicator's max points, when known. */
  max?: Decimal | null;
  /** Other text of the indicator (指标解释/指标说明/评价要点), where targets often live: "目标值为95%". */
  context?: string[];
  /** A target given in its own column (年度指标值/目标值), already parsed. */
  target?: Quantity | null;
}

export type ParseRuleResult = Rule;

/** One month of a monthly series (data sheet row). */
export interface MonthValue {
  label: string;
  value: Quantity;
  /** Sheet and A1 address of the cell, for notes and findings. */
  sheet?: string;
  cell?: string;
}

/** What an indicator is scored on. */
export type ActualValue =
  | { kind: 'quantity'; q: Quantity; label?: string }
  | { kind: 'monthly'; months: MonthValue[]; label?: string }
  | { kind: 'counts'; counts: { label: string; n: Decimal }[] }
  | { kind: 'text'; text: string }
  /**
   * Several named inputs no single reading of the rule combines ("少制定年度计划：1条",
   * "工程进度：未达到进度要求"): scored part by part (scoring/compound.ts); `why` says
   * why the rule as a whole could not take them.
   */
  | { kind: 'named'; inputs: { name: string; text: string }[]; why: string }
  /** A typed statement of fact with no number to read ("已及时清理", "未按时下达"): scored against the rule's clauses (scoring/statement.ts). */
  | { kind: 'statement'; text: string };

export type RuleScoreResult =
  | {
      ok: true;
      /** Before rounding, floor and cap. */
      raw: Decimal;
      /** Rounded half-up to 2 places, within 0..max, or the range the text states (scoreBounds: 加分 with no ceiling, 倒扣). */
      score: Decimal;
      /** Chinese trace, e.g. "接通率74.26%，低于目标值95%，得分=74.26%÷95%×7=5.47分". */
      trace: string;
    }
  | { ok: false; reason: string };
