/**
 * Scoring one leaf indicator. Quantitative rules are computed from the actual
 * value; scores the evaluator typed are kept (and checked); an indicator with
 * neither is pending, never given a made-up score.
 */
import { toA1 } from '../address';
import { Decimal, ZERO, fmt, round2 } from '../decimal';
import { finding, type Finding } from '../findings';
import type { CellInput, LeafNode } from '../indicators/model';
import type { IndicatorOverride } from '../options';
import { parseQuantity } from '../quantity';
import { explainRule, parseRule, scoreBounds, type scoreRule } from '../rules';
import { scoreActual } from './actual';
import { statementBound, statementOf, statementReadable } from './statement';
import { splitActualTarget } from './inputs';
import { QUANTITATIVE_KINDS, type Rule } from '../rules/types';
import type { ScoreSource } from '../result';
import { isEngineValue, type EngineState } from '../state';
import { cellText, normText, stripInvisible } from '../text';
import type { DataContext } from '../data/context';
import { actualFromCell, bindFromData, namedInputs, type Bound } from '../data/bind';
import { checkEnteredChecklist, leafChecklist, type ChecklistOutcome } from '../checklist';
import type { ItemJudgement } from '../options';
// Hook (issue 12): an evidence column that explains the deduction counts as its 扣分说明.
import { evidenceExplainsDeduction } from '../validate/evidence';

export interface LeafResult {
  leaf: LeafNode;
  sheet: string;
  max: Decimal | null;
  rule: Rule | null;
  ruleText: string;
  ruleCell: string | null;
  ruleOrigin: 'sheet' | 'companion' | 'override' | 'none';
  explanation: string;
  source: ScoreSource;
  score: Decimal | null;
  deduction: Decimal | null;
  /** Trace for computed scores; the evaluator's note for entered ones. */
  note: string;
  /** The evaluator's note came from a cell note on the score cell (no 扣分说明 in the row). */
  noteFromComment?: boolean;
  /** What the rule gives on the actual value, also when the evaluator's score is kept. */
  computed: Decimal | null;
  bound: Bound | null;
  /** The score cell held the engine's own earlier output (safe to overwrite). */
  scoreCellIsEngine: boolean;
  findings: Finding[];
  /** Checklist items with the evaluator's judgements (src/engine/checklist), when the rule is judged item by item. */
  checklist?: ChecklistOutcome | null;
  /** The note was written from the checklist judgements (an entered score they agree with): write it out. */
  noteFromItems?: boolean;
  /** The score (and reason) came from a correction (the pane's 修改 or the 评分规则 sheet): write both out. */
  scoreFromOverride?: boolean;
}

export interface LeafEnv {
  sheet: string;
  state: EngineState | null;
  data: DataContext;
  /** Rule texts and context from companion tables (指标体系 sheets) with the same leaf. */
  companion?: { sheet: string; ruleText?: string; ruleCell?: string; context: string[] };
  override?: IndicatorOverride;
  /** The cell note (comment) at a cell of the indicator sheet. */
  noteAt?: (row: number, col: number) => string | null;
  /** Checklist judgements for this leaf (逐项评分 sheet, then the pane's). */
  judgements?: readonly ItemJudgement[];
}

function cellAddress(c: CellInput | undefined): string | null {
  return c ? toA1(c.row, c.col) : null;
}

function isBlank(c: CellInput | undefined): boolean {
  return !c || c.value === null || (typeof c.value === 'string' && c.value.trim() === '');
}

type Scored = ReturnType<typeof scoreRule>;

/**
 * Many indicators can share one bound series (same data column): score identical work once.
 * The key (the rule as JSON) is only built once a series is scored a second time: most
 * actual values (typed in the row) are used by one indicator and never need it.
 */
const scoreMemo = new WeakMap<object, { rule: Rule; max: Decimal; result: Scored; byKey?: Map<string, Scored> }>();

/** A rule's JSON, built once per rule object (rules are never mutated; a run shares one object per text). */
const ruleJson = new WeakMap<Rule, string>();
function memoKey(rule: Rule, max: Decimal): string {
  let json = ruleJson.get(rule);
  if (json === undefined) ruleJson.set(rule, (json = JSON.stringify(rule)));
  return `${json}\u0001${max.toString()}`;
}

function scoreCached(rule: Rule, bound: Bound, max: Decimal, context?: string[]): Scored {
  const memo = scoreMemo.get(bound.actual);
  if (!memo) {
    const result = scoreActual(rule, bound.actual, max, context);
    scoreMemo.set(bound.actual, { rule, max, result });
    return result;
  }
  if (memo.rule === rule && memo.max.eq(max)) return memo.result;
  memo.byKey ??= new Map([[memoKey(memo.rule, memo.max), memo.result]]);
  const key = memoKey(rule, max);
  let r = memo.byKey.get(key);
  if (!r) memo.byKey.set(key, (r = scoreActual(rule, bound.actual, max, context)));
  return r;
}

export function scoreLeaf(leaf: LeafNode, env: LeafEnv): LeafResult {
  const findings: Finding[] = [];
  // A finding's place: the given cell, else the indicator's name cell.
  const at = (c: { row: number; col: number } | undefined | null) => ({
    sheet: env.sheet,
    cell: c ? toA1(c.row, c.col) : toA1(leaf.row, leaf.nameCell.col),
  });
  const max = leaf.max;

  let ruleText = '';
  let ruleOrigin: LeafResult['ruleOrigin'] = 'none';
  let ruleCell: string | null = null;
  if (env.override?.ruleText) {
    ruleText = normText(env.override.ruleText);
    ruleOrigin = 'override';
  } else if (leaf.texts.rule) {
    ruleText = leaf.texts.rule;
    ruleOrigin = 'sheet';
    ruleCell = cellAddress(leaf.cells.rule);
  } else if (env.companion?.ruleText) {
    ruleText = env.companion.ruleText;
    ruleOrigin = 'companion';
  }

  const targetCell = leaf.cells.target;
  const context = [leaf.texts.explanation, leaf.texts.description, ...(env.companion?.context ?? [])].filter((t): t is string => !!t);
  // The 实际值 as typed (a correction from the pane first); several named inputs are read by name.
  const typedActual = env.override?.actual ?? (typeof leaf.cells.actual?.value === 'string' ? leaf.cells.actual.value : '');
  const named = namedInputs(normText(typedActual));
  // "实际完成值：82%；年度目标值：80%" and no 目标值 column: the line is the target, the other the actual.
  const split = named && isBlank(targetCell) && ruleText ? splitActualTarget(ruleText, { name: leaf.name, max, context }, named) : null;
  const targetParsed = split ? parseQuantity(split.target) : !isBlank(targetCell) ? parseQuantity(targetCell!.value, targetCell!.numberFormat) : null;
  // The cell as typed, line breaks kept: a table pasted into one cell has a row per line (normRuleText).
  const typedRule =
    ruleOrigin === 'sheet' && typeof leaf.cells.rule?.value === 'string' && normText(leaf.cells.rule.value) === ruleText ? leaf.cells.rule.value : ruleText;
  const rule = ruleText ? parseRule(typedRule, { name: leaf.name, max, context, target: targetParsed?.ok ? targetParsed.q : null }) : null;
  const explanation = rule ? explainRule(rule, max) : '没有评分标准，需评价人打分';

  if (rule && rule.statedFull && max && !rule.statedFull.eq(max)) {
    const where =
      ruleOrigin === 'sheet' && ruleCell
        ? { sheet: env.sheet, cell: ruleCell }
        : ruleOrigin === 'companion' && env.companion?.ruleCell
          ? { sheet: env.companion.sheet, cell: env.companion.ruleCell }
          : at(leaf.maxCell);
    findings.push(
      finding(
        'RULE_FULL_MARK_MISMATCH',
        'warning',
        `“${leaf.name}”评分标准写明满分${fmt(rule.statedFull)}分，但指标分值为${fmt(max)}分，已按${fmt(max)}分计算`,
        where,
        { expected: fmt(max), actual: fmt(rule.statedFull) },
      ),
    );
  }

  // The evaluator's score: kept unless it is the engine's own earlier output.
  const scoreCell = leaf.cells.score;
  const scoreCellIsEngine = !!scoreCell && !isBlank(scoreCell) && isEngineValue(env.state, env.sheet, scoreCell.row, scoreCell.col, scoreCell.value);
  let entered: Decimal | null = null;
  let enteredUnreadable = false;
  if (scoreCell && !isBlank(scoreCell) && !scoreCellIsEngine) {
    const r = parseQuantity(scoreCell.value, scoreCell.numberFormat);
    if (r.ok && (r.q.unit === 'none' || r.q.unit === 'score')) entered = r.q.value;
    else {
      enteredUnreadable = true;
      findings.push(finding('SCORE_NOT_A_NUMBER', 'error', `“${leaf.name}”的得分“${String(scoreCell.value)}”不是数字`, at(scoreCell)));
    }
  }

  // A score given as a correction (the pane, or the 评分规则 sheet) wins over the cell.
  let scoreFromOverride = false;
  if (env.override?.score !== undefined && env.override.score.trim() !== '') {
    const r = parseQuantity(env.override.score, null);
    if (r.ok && (r.q.unit === 'none' || r.q.unit === 'score')) {
      entered = r.q.value;
      enteredUnreadable = false;
      scoreFromOverride = true;
    } else {
      findings.push(finding('SCORE_NOT_A_NUMBER', 'error', `“${leaf.name}”修改的得分“${env.override.score}”不是数字`, at(scoreCell ?? null)));
    }
  }

  // The actual value: override, then the 实际值 cell, then the data sheets.
  let bound: Bound | null = null;
  // Several named inputs ("少制定年度计划：1条；…") are scored part by part whatever the whole text reads.
  const byParts = !!named && !split;
  // Rules the evaluator scores (judgement, checklist) still take a typed statement one clause speaks of.
  const statementOnly = !byParts && (rule?.kind === 'judgement' || rule?.kind === 'checklist');
  if (rule && (byParts || !statementOnly || statementReadable(rule))) {
    const actualAt = leaf.cells.actual ?? { row: leaf.row, col: leaf.nameCell.col };
    const overrideCell: CellInput | undefined = split
      ? { row: actualAt.row, col: actualAt.col, value: split.actual, numberFormat: null, formula: null }
      : env.override?.actual
        ? { row: leaf.row, col: leaf.nameCell.col, value: env.override.actual, numberFormat: null, formula: null }
        : undefined;
    let fromCell = actualFromCell(overrideCell ?? leaf.cells.actual, rule, env.sheet);
    // "已及时清理", "未按时下达": words, not a number, that one of the rule's clauses speaks of.
    if (fromCell && 'error' in fromCell) fromCell = statementBound(fromCell, rule, max) ?? fromCell;
    if (statementOnly && fromCell && !('error' in fromCell) && fromCell.actual.kind !== 'statement') {
      // A number read out of a sentence means nothing to a rule the evaluator scores; the sentence may.
      const cell = overrideCell ?? leaf.cells.actual;
      const text = cell && typeof cell.value === 'string' ? normText(cell.value) : '';
      fromCell = statementOf(text, rule, max, { sheet: env.sheet, cell: cell ? toA1(cell.row, cell.col) : undefined });
    }
    if (statementOnly && !(fromCell && !('error' in fromCell) && fromCell.actual.kind === 'statement')) fromCell = null;
    if (fromCell && 'error' in fromCell) findings.push(fromCell.error);
    else if (fromCell) bound = fromCell;
    if (!bound && !statementOnly && !byParts && rule.kind !== 'judgement' && rule.kind !== 'checklist' && !(fromCell && 'error' in fromCell)) {
      const b = bindFromData([leaf.name, rule.subject], rule, env.data, env.override?.dataSource);
      if (b.kind === 'bound') bound = b.bound;
      else if (b.kind === 'ambiguous') {
        findings.push(
          finding(
            'BINDING_AMBIGUOUS',
            'warning',
            `“${leaf.name}”可对应多个数据列（${b.options.join('、')}），请在评分规则表中指定数据来源`,
            at(leaf.cells.actual ?? null),
          ),
        );
      } else if (b.kind === 'badSpec') {
        findings.push(finding('DATA_SOURCE_NOT_FOUND', 'error', `“${leaf.name}”指定的数据来源“${b.spec}”找不到`, at(null)));
      }
    }
    if (bound) findings.push(...bound.findings);
    // A typed actual value that the data sheets (or the survey) contradict.
    if (bound && fromCell && !('error' in fromCell) && bound.actual.kind === 'quantity') {
      const b = bindFromData([leaf.name, rule.subject], rule, env.data, env.override?.dataSource);
      if (b.kind === 'bound' && !b.bound.unusable && b.bound.actual.kind === 'quantity') {
        const typed = bound.actual.q;
        const data = b.bound.actual.q;
        const tol = typed.unit === 'percent' ? '0.00005' : '0.005';
        if (typed.unit === data.unit && typed.value.minus(data.value).abs().gt(tol)) {
          findings.push(
            finding(
              'ACTUAL_DIFFERS_FROM_DATA',
              'warning',
              `“${leaf.name}”实际值填写为${bound.display}，按${b.bound.source}计算为${b.bound.display}${b.bound.derivation ? `（${b.bound.derivation}）` : ''}；评分按填写值`,
              at(leaf.cells.actual ?? null),
              { expected: b.bound.display, actual: bound.display },
            ),
          );
          findings.push(...b.bound.findings);
        }
      }
    }
  }

  let computed: Decimal | null = null;
  let trace = '';
  let whyNot = '';
  const dataUnusable = !!bound?.unusable;
  if (dataUnusable) bound = null;
  if (rule && bound && max) {
    const r = scoreCached(rule, bound, max, context);
    if (r.ok) {
      computed = r.score;
      trace = bound.derivation ? `${bound.derivation}；${r.trace}` : r.trace;
    } else whyNot = r.reason;
  }

  // Checklists judged item by item: complete judgements give the score (src/engine/checklist).
  const checklist = leafChecklist({
    name: leaf.name,
    rule,
    max,
    judgements: env.judgements ?? [],
    at: at(scoreCell ?? null),
    ruleAt: ruleCell ? { sheet: env.sheet, cell: ruleCell } : at(leaf.maxCell),
  });
  if (checklist) findings.push(...checklist.findings);
  if (checklist?.score && computed === null && entered === null) {
    computed = checklist.score;
    trace = checklist.trace;
  }

  let source: ScoreSource = 'pending';
  let score: Decimal | null = null;
  let note = '';
  let noteFromComment = false;
  if (entered !== null) {
    source = 'entered';
    score = entered;
    // The evaluator's words as typed (only invisible characters and outer spaces dropped).
    note = isBlank(leaf.cells.note) ? '' : stripInvisible(cellText(leaf.cells.note!.value)).trim();
    if (scoreFromOverride && env.override?.reason !== undefined) note = env.override.reason.trim();
    // Layouts without a 扣分说明 column: the reason is often a note on the score cell.
    const comment = !note && scoreCell ? env.noteAt?.(scoreCell.row, scoreCell.col) : null;
    if (comment) note = comment.trim(); // verbatim: it is written out as the evaluator typed it
    if (comment) noteFromComment = true;
    if (computed !== null && computed.minus(entered).abs().gte('0.005')) {
      findings.push(
        finding('SCORE_DIFFERS_FROM_RULE', 'warning', `“${leaf.name}”填写得分${fmt(entered)}，按评分标准计算应为${fmt(computed)}（${trace}）`, at(scoreCell), {
          expected: fmt(computed),
          actual: fmt(entered),
        }),
      );
    }
  } else if (computed !== null) {
    source = 'computed';
    score = computed;
    note = trace;
  } else if (!enteredUnreadable) {
    const quantitative =
      rule &&
      (QUANTITATIVE_KINDS.includes(rule.kind) ||
        rule.kind === 'perOccurrence' ||
        rule.kind === 'categorical' ||
        rule.kind === 'grade' ||
        rule.kind === 'additive');
    let reason: string;
    if (!max) reason = '没有分值';
    else if (checklist?.pending) reason = checklist.pending;
    else if (dataUnusable) reason = '数据无法读取';
    else if (whyNot) reason = whyNot;
    else if (quantitative && !bound)
      reason = rule!.kind === 'perOccurrence' ? '请在实际值列填写发现次数' : '未找到实际值，请在实际值列填写或在评分规则表中指定数据来源';
    else if (rule?.kind === 'judgement') reason = `评分标准需评价人判断（${rule.reason}）`;
    else if (rule?.kind === 'checklist') reason = '评分标准为逐项判断，需评价人打分';
    else reason = '没有评分标准，需评价人打分';
    findings.push(finding('SCORE_PENDING', 'warning', `“${leaf.name}”待评分：${reason}`, at(scoreCell ?? null)));
    note = '';
  }

  let noteFromItems = false;
  if (checklist && source === 'entered' && score !== null) {
    const c = checkEnteredChecklist(checklist, {
      name: leaf.name,
      score,
      max,
      note,
      evidence: isBlank(leaf.cells.evidence) ? undefined : stripInvisible(cellText(leaf.cells.evidence!.value)).trim(),
      at: at(scoreCell),
    });
    findings.push(...c.findings);
    note = c.note;
    noteFromItems = c.fromItems;
  }

  if (score !== null && max) {
    // A computed score may leave 0..max where the text states so (加分 with no ceiling, 倒扣).
    const range = source === 'computed' && rule ? scoreBounds(rule, max) : { lo: ZERO, hi: max };
    if (score.lt(range.lo) || (range.hi !== null && score.gt(range.hi))) {
      findings.push(
        finding('SCORE_OUT_OF_RANGE', 'error', `“${leaf.name}”得分${fmt(score)}不在0～${fmt(max)}分之间`, at(scoreCell), {
          expected: `0～${fmt(max)}`,
          actual: fmt(score),
        }),
      );
    } else if (source === 'entered' && score.lt(max) && !note && !evidenceExplainsDeduction(leaf)) {
      findings.push(
        finding('DEDUCTION_NOTE_MISSING', 'warning', `“${leaf.name}”扣${fmt(max.minus(score))}分，但没有扣分说明`, at(leaf.cells.note ?? scoreCell)),
      );
    }
  }

  const deduction = score !== null && max ? round2(max.minus(score)) : null;
  return {
    leaf,
    sheet: env.sheet,
    max,
    rule,
    ruleText,
    ruleCell,
    ruleOrigin,
    explanation,
    source,
    score,
    deduction,
    note,
    noteFromComment,
    computed,
    bound,
    scoreCellIsEngine,
    findings,
    checklist,
    noteFromItems,
    ...(scoreFromOverride ? { scoreFromOverride } : {}),
  };
}
