/**
 * The national 项目支出绩效自评表 (annex of 财预〔2020〕10号 and its provincial copies) as a
 * layout of its own: a funds block (年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分)
 * above 一级/二级/三级指标 | 年度指标值 | 全年实际值 | 分值 | 得分 | 偏差原因分析及改进措施, and a note
 * with the form's own rules. There is no 评分标准 column: the form's rule applies —
 *
 * - quantitative: reaching the 年度指标值 gives full points, otherwise B/A × points for a "≥"
 *   target and A/B × points for a "≤" one (A the target, B the actual);
 * - qualitative: the evaluator places it in three bands (达成 / 部分达成并具有一定效果 /
 *   未达成且效果较差) whose edges come from the note (100–80–60–0 % or 100–80–50–0 %);
 * - 预算执行率 × its points (10), capped at the points.
 *
 * Pure: reads a SheetView and the parsed table, returns the form's description and results.
 */
import { toA1 } from '../address';
import { Decimal, ONE, ZERO, dec, dmin, fmt, fmtPct, round2, sum } from '../decimal';
import { finding, type Finding } from '../findings';
import type { CellInput, IndicatorTable, LeafNode } from '../indicators/model';
import { parseQuantity, type Comparator, type Quantity } from '../quantity';
import type { SheetView } from '../sheetView';
import { normName, normText, toHalfWidth } from '../text';

export interface FundsBlock {
  /** The 年度资金总额 row and its cells. */
  row: number;
  label: string;
  budget: CellInput | null;
  /** 年初预算数, used when 全年预算数 is blank. */
  initial: CellInput | null;
  spent: CellInput;
  maxCell: CellInput | null;
  rateCell: CellInput | null;
  scoreCell: CellInput | null;
  /** The 其中 rows below the total (本年财政拨款, 上年结转资金, 其他资金). */
  parts: { row: number; label: string; budget: CellInput | null; spent: CellInput | null }[];
}

export interface FormNote {
  text: string;
  cell: string;
  /** First-level weights stated by the note (产出 → 50 …), by stem. */
  weights: { stem: string; label: string; points: Decimal }[];
}

export interface SelfAssessmentForm {
  sheet: string;
  funds: FundsBlock | null;
  note: FormNote | null;
  /** Qualitative band edges as fractions, high to low: [1, 0.8, 0.6, 0]. */
  bands: Decimal[];
  bandsSource: string;
  /** Columns of 指标性质 (≥/≤/=) and 度量单位 in provincial copies, when present. */
  natureCol?: number;
  unitCol?: number;
}

export interface FundsResult {
  max: Decimal;
  rate: Decimal | null;
  score: Decimal | null;
  source: 'computed' | 'entered' | 'pending';
  note: string;
}

const BUDGET = /^(全年预算数|调整后预算数|调整后预算|全年预算|预算数)(\(A\))?$/;
const INITIAL = /^(年初预算数|年初预算)(\(A\))?$/;
const SPENT = /^(全年执行数|预算执行数|执行数|实际执行数|全年支出数)(\(B\))?$/;
const MAXW = /^(分值|权重)(\(\d+分\))?$/;
const RATE = /^(执行率|预算执行率)(\(B\/A\))?$/;
const SCORE = /^得分$/;

function cellInput(view: SheetView, row: number, col: number): CellInput {
  return { row, col, value: view.raw(row, col), numberFormat: view.numberFormat(row, col), formula: view.formula(row, col) };
}

function label(view: SheetView, row: number, col: number): string {
  return normName(view.text(row, col)).replace(/[（(]万元[）)]/g, '');
}

function numberOf(c: CellInput | null): Decimal | null {
  if (!c) return null;
  const q = parseQuantity(c.value, c.numberFormat);
  return q.ok ? q.q.value : null;
}

/** The funds block above the indicator header: the row of labels, then the first row with an amount. */
function findFunds(view: SheetView, headerTop: number): FundsBlock | null {
  for (let r = Math.max(view.firstRow, headerTop - 40); r < headerTop; r++) {
    let budgetCol: number | undefined;
    let initialCol: number | undefined;
    let spentCol: number | undefined;
    let maxCol: number | undefined;
    let rateCol: number | undefined;
    let scoreCol: number | undefined;
    for (let c = view.firstCol; c <= view.lastCol; c++) {
      if (!view.isAnchor(r, c)) continue;
      const t = label(view, r, c);
      if (!t) continue;
      if (BUDGET.test(t)) budgetCol ??= c;
      else if (INITIAL.test(t)) initialCol ??= c;
      else if (SPENT.test(t)) spentCol ??= c;
      else if (MAXW.test(t)) maxCol ??= c;
      else if (RATE.test(t)) rateCol ??= c;
      else if (SCORE.test(t)) scoreCol ??= c;
    }
    if (spentCol === undefined || (budgetCol === undefined && initialCol === undefined)) continue;
    for (let d = r + 1; d < headerTop; d++) {
      if (!parseQuantity(view.raw(d, spentCol)).ok && !parseQuantity(view.raw(d, budgetCol ?? initialCol!)).ok) continue;
      let rowLabel = '';
      for (let c = view.firstCol; c < Math.min(spentCol, budgetCol ?? spentCol, initialCol ?? spentCol); c++) {
        const t = view.text(d, c);
        if (t && !/项目资金|万元/.test(t)) rowLabel = t;
      }
      const parts: FundsBlock['parts'] = [];
      for (let p = d + 1; p < headerTop; p++) {
        let pl = '';
        for (let c = view.firstCol; c < spentCol; c++) {
          const t = view.rawText(p, c);
          if (t && /其中|财政|结转|其他资金|单位资金|专户|自有|自筹|社会/.test(t)) pl = t;
        }
        if (!pl) break;
        parts.push({
          row: p,
          label: pl,
          budget: budgetCol !== undefined ? cellInput(view, p, budgetCol) : null,
          spent: cellInput(view, p, spentCol),
        });
      }
      return {
        row: d,
        label: rowLabel || '年度资金总额',
        budget: budgetCol !== undefined ? cellInput(view, d, budgetCol) : null,
        initial: initialCol !== undefined ? cellInput(view, d, initialCol) : null,
        spent: cellInput(view, d, spentCol),
        maxCell: maxCol !== undefined ? cellInput(view, d, maxCol) : null,
        rateCell: rateCol !== undefined ? cellInput(view, d, rateCol) : null,
        scoreCell: scoreCol !== undefined ? cellInput(view, d, scoreCol) : null,
        parts,
      };
    }
  }
  return null;
}

const WEIGHT_STEMS: [string, RegExp][] = [
  ['产出', /产出指标/],
  ['效益', /效益指标/],
  ['满意度', /满意度指标/],
  ['执行率', /预算(?:资金)?执行率/],
];

/** The form's note ("注：1.一级指标分值统一设置为：产出指标50分、效益指标30分…"), anywhere on the sheet. */
function findNote(view: SheetView): FormNote | null {
  for (let r = view.firstRow; r <= view.lastRow; r++) {
    for (let c = view.firstCol; c <= view.lastCol; c++) {
      if (!view.isAnchor(r, c)) continue;
      const v = view.raw(r, c);
      if (typeof v !== 'string' || v.length < 20) continue;
      const t = normText(v);
      if (!/定性指标|定量指标|一级指标分值|分值统一设置|执行率/.test(t) || (!/注|说明/.test(t.slice(0, 12)) && !/定性指标|定量指标/.test(t))) continue;
      const weights: FormNote['weights'] = [];
      const s = toHalfWidth(t);
      const re = /((?:服务对象)?满意度指标|产出指标|效益指标|预算(?:资金)?执行率)[为:：]?\s*(\d+(?:\.\d+)?)\s*分/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(s))) {
        const stem = WEIGHT_STEMS.find(([, x]) => x.test(m![1]))?.[0];
        if (stem && !weights.some((w) => w.stem === stem)) weights.push({ stem, label: m[1], points: dec(m[2]) });
      }
      return { text: t, cell: toA1(r, c), weights };
    }
  }
  return null;
}

/** Band edges from the note: "100-80%（含）、80-60%（含）、60-0%" → [1, 0.8, 0.6, 0]. */
export function bandsFromNote(text: string): Decimal[] | null {
  const s = toHalfWidth(text).replace(/\s+/g, '');
  const at = s.indexOf('定性');
  if (at < 0) return null;
  const tail = s.slice(at, at + 240);
  const pairs = [...tail.matchAll(/(\d+(?:\.\d+)?)%?(?:\(含\)|（含）)?[-—~～至到](\d+(?:\.\d+)?)%/g)].slice(0, 3);
  if (pairs.length !== 3) return null;
  const edges = [dec(pairs[0][1]), ...pairs.map((p) => dec(p[2]))];
  for (let i = 1; i < edges.length; i++) if (!edges[i].lt(edges[i - 1])) return null;
  if (!edges[0].eq(100) || !edges[3].eq(0)) return null;
  return edges.map((e) => e.div(100));
}

export const DEFAULT_BANDS = [ONE, dec('0.8'), dec('0.6'), ZERO];

/**
 * The form, when the table is one: 年度指标值 and 实际值 columns, no 评分标准 column (or only the
 * form's generic 得分计算方法), and a funds block above or a 自评表 title.
 */
export function detectSelfAssessmentForm(view: SheetView, table: IndicatorTable): SelfAssessmentForm | null {
  const cols = table.header.columns;
  if (cols.target === undefined || cols.score === undefined) return null;
  const ruleHeader = cols.rule !== undefined ? normName(table.header.labels[cols.rule] ?? '') : '';
  if (cols.rule !== undefined && !/得分计算方法/.test(ruleHeader)) return null;
  const funds = findFunds(view, table.header.top);
  if (!funds && !/自评表/.test(normName(table.title))) return null;
  const note = findNote(view);
  const fromNote = note ? bandsFromNote(note.text) : null;
  const form: SelfAssessmentForm = {
    sheet: view.name,
    funds,
    note,
    bands: fromNote ?? DEFAULT_BANDS,
    bandsSource: fromNote
      ? `表注（${note!.cell}）：${fromNote.map((b) => b.times(100).toString()).join('–')}%`
      : '表中未注明，按财预〔2020〕10号附件：100–80–60–0%',
  };
  for (let c = view.firstCol; c <= view.lastCol; c++) {
    const l = normName(table.header.labels[c] ?? '');
    if (/^(指标性质|指标方向)$/.test(l)) form.natureCol = c;
    if (/^(度量单位|计量单位|单位)$/.test(l)) form.unitCol = c;
  }
  return form;
}

export interface FormTarget {
  kind: 'quantitative' | 'qualitative';
  comparator: Comparator;
  q?: Quantity;
  text: string;
}

const LOWER_BETTER = /成本|费用|支出|投诉|事故|差错|超支|时长|用时|天数|发生率/;

/** "≥90%", "≤20万元", "100%", "=100" with 度量单位 "%", "显著提升", "≥100百分比". */
export function parseTarget(text: string, name: string, nature?: string, unit?: string): FormTarget | null {
  let s = toHalfWidth(normText(text)).replace(/\s+/g, '');
  if (!s) return null;
  if (nature) s = `${toHalfWidth(nature).trim()}${s}`;
  if (unit && /^[\d.]+$/.test(s.replace(/^[≥≤=<>]+/, ''))) s += unit;
  s = s.replace(/百分比$/, '%').replace(/^=/, '');
  const q = parseQuantity(s);
  if (q.ok) {
    const comparator = q.q.comparator ?? (LOWER_BETTER.test(name) ? '<=' : '>=');
    return { kind: 'quantitative', comparator, q: q.q, text };
  }
  return { kind: 'qualitative', comparator: '>=', text };
}

/** Which band an actual written as words places a qualitative indicator in (0, 1, 2), or null. */
export function bandOfWords(text: string): number | null {
  const t = normName(text);
  if (!t) return null;
  if (/未达成|未完成|未达到|效果较差|没有完成/.test(t)) return 2;
  if (/部分达成|部分完成|基本达成|基本完成|一定效果/.test(t)) return 1;
  if (/达成|完成|达到|实现|符合|效果明显|显著|良好|满意|合格|是$|已/.test(t)) return 0;
  return null;
}

export interface FormLeafOutcome {
  computed: Decimal | null;
  trace: string;
  explanation: string;
  /** Why no score can be computed (qualitative without an entered one, unreadable actual). */
  pendingReason: string;
  findings: Finding[];
}

/** The form's rule on one indicator; checks the actual cell and, when typed, the score against it. */
export function formLeaf(leaf: LeafNode, form: SelfAssessmentForm, view: SheetView, entered: Decimal | null): FormLeafOutcome {
  const findings: Finding[] = [];
  const at = (c: { row: number; col: number } | undefined) => ({ sheet: form.sheet, cell: toA1(c?.row ?? leaf.row, c?.col ?? leaf.nameCell.col) });
  const max = leaf.max;
  const tc = leaf.cells.target;
  const ac = leaf.cells.actual;
  const nature = form.natureCol !== undefined ? view.text(leaf.row, form.natureCol) : undefined;
  const unit = form.unitCol !== undefined ? view.text(leaf.row, form.unitCol) : undefined;
  const targetText =
    tc && tc.value !== null ? (typeof tc.value === 'number' ? (isPct(tc) ? `${dec(tc.value).times(100)}%` : String(tc.value)) : String(tc.value)) : '';
  const target = targetText ? parseTarget(targetText, leaf.name, nature, unit) : null;
  const actualRaw = ac?.value ?? null;
  const actualText = actualRaw === null ? '' : normText(String(actualRaw));
  const out: FormLeafOutcome = { computed: null, trace: '', explanation: '', pendingReason: '', findings };
  const bandText = describeBands(form.bands);

  // A target typed where the actual belongs: "≥266米", or the target copied as it is.
  if (ac && actualText) {
    const q = parseQuantity(actualRaw, ac.numberFormat);
    const copied =
      targetText && typeof actualRaw === 'string' && normName(actualRaw) === normName(targetText) && /[≥≤<>]|不低于|不高于|不超过|不少于/.test(targetText);
    if ((q.ok && q.q.comparator) || copied || /^[≥≤<>]/.test(toHalfWidth(actualText))) {
      findings.push(
        finding(
          'FORM_TARGET_AS_ACTUAL',
          'error',
          `“${leaf.name}”的实际完成值“${actualText}”是目标值的写法${copied ? '（与年度指标值相同）' : ''}，应填写全年实际完成的数值`,
          at(ac),
          { expected: '实际完成值', actual: actualText },
        ),
      );
      out.pendingReason = '实际完成值填写的是目标值';
      out.explanation = '项目支出绩效自评表：实际值达到年度指标值得满分，否则按完成比例计分';
      return out;
    }
  }

  if (!max) {
    out.pendingReason = '没有分值';
    return out;
  }
  if (!target) {
    out.explanation = '项目支出绩效自评表：没有年度指标值';
    out.pendingReason = '没有年度指标值';
    return out;
  }

  if (target.kind === 'quantitative') {
    out.explanation = `项目支出绩效自评表定量指标：年度指标值${target.text}，达到得满分${fmt(max)}分，否则${target.comparator === '<=' ? '年度指标值÷实际值' : '实际值÷年度指标值'}×${fmt(max)}`;
    if (!ac || !actualText) {
      out.pendingReason = '没有填写全年实际值';
      return out;
    }
    const aq = parseQuantity(actualRaw, ac.numberFormat);
    if (!aq.ok) {
      const band = bandOfWords(actualText);
      out.pendingReason = `实际值“${actualText}”不是数字`;
      if (band === null)
        findings.push(finding('FORM_ACTUAL_UNREADABLE', 'warning', `“${leaf.name}”定量指标的实际值“${actualText}”不是数字，无法按完成比例计分`, at(ac)));
      return out;
    }
    let a = aq.q.value;
    let t = target.q!.value;
    // "≥100百分比" against a bare 100, or 95 against 90%: put both on the same scale.
    if (target.q!.unit === 'percent' && aq.q.unit !== 'percent' && a.gt(1)) a = a.div(100);
    if (aq.q.unit === 'percent' && target.q!.unit !== 'percent' && t.gt(1)) t = t.div(100);
    if (target.q!.unit === 'money' && aq.q.unit !== 'money' && target.q!.scale !== 1) a = a.times(target.q!.scale);
    const lower = target.comparator === '<=' || target.comparator === '<';
    const reached = lower ? a.lte(t) : a.gte(t);
    let score: Decimal;
    if (reached) {
      score = max;
      out.trace = `实际值${actualText}达到年度指标值${target.text}，得满分${fmt(max)}分`;
    } else if (lower) {
      score = a.isZero() ? ZERO : round2(t.div(a).times(max));
      out.trace = `实际值${actualText}未达到年度指标值${target.text}：${fmtNum(t)}÷${fmtNum(a)}×${fmt(max)}=${fmt(score)}分`;
    } else {
      score = t.isZero() ? max : round2(dmin(a.div(t), ONE).times(max));
      out.trace = `实际值${actualText}未达到年度指标值${target.text}：${fmtNum(a)}÷${fmtNum(t)}×${fmt(max)}=${fmt(score)}分`;
    }
    out.computed = score;
    return out;
  }

  // Qualitative: the evaluator's placement in three bands.
  out.explanation = `项目支出绩效自评表定性指标（${target.text}）：按达成/部分达成并具有一定效果/未达成且效果较差三档评分（${bandText}，${form.bandsSource}）`;
  const band = actualText ? bandOfWords(actualText) : null;
  if (entered === null) {
    out.pendingReason = `定性指标需评价人按三档评分（${bandText}）${band !== null ? `，实际完成情况“${actualText}”属第${band + 1}档：${bandRange(form.bands, band, max)}` : ''}`;
    return out;
  }
  if (band !== null && max.gt(0)) {
    const share = entered.div(max);
    const hi = form.bands[band];
    const lo = form.bands[band + 1];
    const inside = band === 0 ? share.lte(hi) && share.gte(lo) : share.lt(hi) && share.gte(lo);
    if (!inside) {
      findings.push(
        finding(
          'FORM_BAND_MISMATCH',
          'warning',
          `“${leaf.name}”实际完成情况为“${actualText}”（第${band + 1}档，应得${bandRange(form.bands, band, max)}），但填写得分${fmt(entered)}分（${form.bandsSource}）`,
          at(leaf.cells.score),
          { expected: bandRange(form.bands, band, max), actual: fmt(entered) },
        ),
      );
    }
  }
  return out;
}

function isPct(c: CellInput): boolean {
  return !!c.numberFormat && /%/.test(c.numberFormat);
}

function fmtNum(d: Decimal): string {
  return fmt(d, 4);
}

export function describeBands(bands: Decimal[]): string {
  const p = bands.map((b) => b.times(100).toString());
  return `达成${p[0]}–${p[1]}%（含），部分达成并具有一定效果${p[1]}–${p[2]}%（含），未达成且效果较差${p[2]}–${p[3]}%`;
}

function bandRange(bands: Decimal[], band: number, max: Decimal): string {
  const hi = round2(bands[band].times(max));
  const lo = round2(bands[band + 1].times(max));
  return band === 0 ? `${fmt(lo)}～${fmt(hi)}分` : `${fmt(lo)}分（含）至${fmt(hi)}分`;
}

/** 执行率 × its points, capped; checks the block's own 执行率, 得分 and 其中 rows. */
export function scoreFunds(form: SelfAssessmentForm, findings: Finding[]): FundsResult | null {
  const f = form.funds;
  if (!f) return null;
  const sheet = form.sheet;
  const at = (c: CellInput) => ({ sheet, cell: toA1(c.row, c.col) });
  const statedMax = numberOf(f.maxCell);
  const fromNote = form.note?.weights.find((w) => w.stem === '执行率')?.points ?? null;
  const max = statedMax ?? fromNote ?? dec(10);
  if (statedMax && fromNote && !statedMax.eq(fromNote)) {
    findings.push(
      finding('FORM_WEIGHT_MISMATCH', 'error', `预算执行率分值为${fmt(statedMax)}分，但表注规定为${fmt(fromNote)}分`, at(f.maxCell!), {
        expected: fmt(fromNote),
        actual: fmt(statedMax),
      }),
    );
  }
  let budget = numberOf(f.budget);
  let budgetLabel = '全年预算数';
  if (!budget || budget.isZero()) {
    const initial = numberOf(f.initial);
    if (initial && !initial.isZero() && !budget) {
      budget = initial;
      budgetLabel = '年初预算数';
    }
  }
  const spent = numberOf(f.spent);
  // The total row against its 其中 rows (本年财政拨款 + 上年结转资金 + 其他资金).
  for (const [key, total] of [
    ['budget', f.budget],
    ['spent', f.spent],
  ] as const) {
    if (!total) continue;
    const parts = f.parts.map((p) => numberOf(p[key])).filter((x): x is Decimal => x !== null);
    const t = numberOf(total) ?? ZERO;
    if (parts.length > 0 && !sum(parts).minus(t).abs().lt('0.005')) {
      findings.push(
        finding(
          'FUNDS_TOTAL_MISMATCH',
          'error',
          `${f.label}${key === 'budget' ? budgetLabel : '全年执行数'}为${fmt(t, 4)}万元，但其中各项合计为${fmt(sum(parts), 4)}万元`,
          at(total),
          { expected: fmt(sum(parts), 4), actual: fmt(t, 4) },
        ),
      );
    }
  }
  if (!budget || budget.isZero() || spent === null) {
    const statedScore = numberOf(f.scoreCell);
    return {
      max,
      rate: null,
      score: statedScore,
      source: statedScore !== null ? 'entered' : 'pending',
      note: '预算数或执行数缺失，无法计算执行率',
    };
  }
  const rate = spent.div(budget);
  const computed = round2(dmin(rate, ONE).times(max));
  const note = `执行率=${fmt(spent, 4)}÷${fmt(budget, 4)}=${fmtPct(rate)}，得分=${fmtPct(dmin(rate, ONE))}×${fmt(max)}=${fmt(computed)}分${rate.gt(1) ? '（超过100%按100%计）' : ''}`;
  const statedRate = f.rateCell ? parseQuantity(f.rateCell.value, f.rateCell.numberFormat) : null;
  if (f.rateCell && statedRate?.ok) {
    const v = statedRate.q.unit === 'percent' ? statedRate.q.value : statedRate.q.value.gt(1) ? statedRate.q.value.div(100) : statedRate.q.value;
    if (v.minus(rate).abs().gte('0.005')) {
      findings.push(
        finding(
          'FUNDS_RATE_MISMATCH',
          'error',
          `执行率填写为${fmtPct(v)}，按${budgetLabel}${fmt(budget, 4)}和全年执行数${fmt(spent, 4)}应为${fmtPct(rate)}`,
          at(f.rateCell),
          {
            expected: fmtPct(rate),
            actual: fmtPct(v),
          },
        ),
      );
    }
  }
  const entered = numberOf(f.scoreCell);
  if (f.scoreCell && entered !== null && entered.minus(computed).abs().gte('0.005')) {
    findings.push(
      finding(
        'FUNDS_SCORE_MISMATCH',
        'error',
        `预算执行率得分填写为${fmt(entered)}分，按表的规则（执行率×${fmt(max)}分，最高${fmt(max)}分）应为${fmt(computed)}分：${note}`,
        at(f.scoreCell),
        {
          expected: fmt(computed),
          actual: fmt(entered),
        },
      ),
    );
  }
  return entered !== null ? { max, rate, score: entered, source: 'entered', note } : { max, rate, score: computed, source: 'computed', note };
}

/** First-level weights against the note, and every item's points against the stated 总分. */
export function checkFormArithmetic(
  form: SelfAssessmentForm,
  table: IndicatorTable,
  level1: { name: string; max: Decimal | null; cell: { row: number; col: number } }[],
  funds: FundsResult | null,
  findings: Finding[],
): void {
  const sheet = form.sheet;
  for (const w of form.note?.weights ?? []) {
    if (w.stem === '执行率') continue;
    const g = level1.find((x) => normName(x.name).includes(w.stem));
    if (!g || !g.max) continue;
    if (!g.max.eq(w.points)) {
      findings.push(
        finding(
          'FORM_WEIGHT_MISMATCH',
          'error',
          `一级指标“${g.name}”分值为${fmt(g.max)}分，但表注（${form.note!.cell}）规定${w.label}${fmt(w.points)}分`,
          { sheet, cell: toA1(g.cell.row, g.cell.col) },
          { expected: fmt(w.points), actual: fmt(g.max) },
        ),
      );
    }
  }
  const maxes = level1.map((g) => g.max);
  if (!maxes.every((m): m is Decimal => m !== null)) return;
  const itemsTotal = sum(maxes).plus(funds?.max ?? ZERO);
  const totalRow = table.specialRows.find((r) => r.kind === 'total');
  const cell = totalRow ? (['max4', 'max3', 'max2', 'max1'] as const).map((k) => totalRow.cells[k]).find((c) => c && numberOf(c) !== null) : undefined;
  const stated = cell ? numberOf(cell)! : dec(100);
  if (!itemsTotal.eq(stated)) {
    const parts = [...level1.map((g) => `${g.name}${fmt(g.max!)}`), ...(funds ? [`预算执行率${fmt(funds.max)}`] : [])].join('+');
    findings.push(
      finding(
        'FORM_TOTAL_MAX_MISMATCH',
        'error',
        `各项分值合计${fmt(itemsTotal)}分（${parts}），与总分${fmt(stated)}分不符${itemsTotal.gt(stated) ? '：有指标的分值在总分之外' : ''}`,
        cell ? { sheet, cell: toA1(cell.row, cell.col) } : { sheet, cell: toA1(level1[0].cell.row, level1[0].cell.col) },
        { expected: fmt(stated), actual: fmt(itemsTotal) },
      ),
    );
  }
}
