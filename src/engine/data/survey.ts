/**
 * Survey sheets: a Likert distribution per question (非常了解 50%, 比较了解 40%,
 * 一般 5%, 不太了解 5%, 非常不了解 0%) or counts per level, often followed by a
 * summary row ("公众知晓率 … 85.00%") whose stated rate may contradict the
 * distribution (003: stated 85%, the distribution gives 86.5%).
 */
import { toA1 } from '../address';
import { Decimal, ONE, ZERO, dec, sum } from '../decimal';
import { parseQuantity, type Quantity } from '../quantity';
import type { SheetView } from '../sheetView';
import { normName, normText } from '../text';

export interface SurveyItem {
  sheet: string;
  row: number;
  question: string;
  /** Label of the summary row under the question ("公众知晓率"), or ''. */
  summaryLabel: string;
  levels: string[];
  /** Per level: a share (percent quantity) or a count. */
  values: (Quantity | null)[];
  valueCells: string[];
  /** The stated result (计算值) on the question or summary row, with its cell. */
  stated: Quantity | null;
  statedCell: string | null;
}

export interface SurveyTable {
  sheet: string;
  items: SurveyItem[];
}

const LIKERT = /^(非常|十分|很|比较|较|基本|一般|不太|不大|较不|不|非常不|很不)(满意|了解|认可|同意|知晓|熟悉|清楚|支持|方便|及时|好|赞同|理解)?$/;
const POINT_LEVEL = /^([1-5])分$/;
const RESULT_HEADER = /^(计算值|得分|结果|满意度|知晓率|认可率|综合得分|满意率|计算结果)$/;

function isLikert(t: string): boolean {
  const n = normName(t);
  return n !== '' && (LIKERT.test(n) || POINT_LEVEL.test(n)) && n !== '不' && n !== '非常' && n !== '比较';
}

/** Default weights by number of levels (5: the seeds' 100/80/60/30/0). */
export function defaultWeights(levels: string[]): Decimal[] {
  if (levels.every((l) => POINT_LEVEL.test(normName(l)))) {
    return levels.map((l) => dec(POINT_LEVEL.exec(normName(l))![1]).div(5));
  }
  if (levels.length === 5) return ['1', '0.8', '0.6', '0.3', '0'].map(dec);
  if (levels.length === 4) return ['1', '0.8', '0.5', '0'].map(dec);
  if (levels.length === 3) return ['1', '0.5', '0'].map(dec);
  return levels.map((_, i) => (levels.length === 1 ? ONE : dec(levels.length - 1 - i).div(levels.length - 1)));
}

export function readSurveyTable(view: SheetView): SurveyTable | null {
  const items: SurveyItem[] = [];
  let header: { row: number; levelCols: number[]; levels: string[]; resultCol: number | null; questionCol: number } | null = null;
  for (let r = view.firstRow; r <= view.lastRow; r++) {
    const levelCols: number[] = [];
    let resultCol: number | null = null;
    for (let c = view.firstCol; c <= view.lastCol; c++) {
      const t = view.text(r, c);
      if (!t) continue;
      if (isLikert(t)) levelCols.push(c);
      else if (RESULT_HEADER.test(normName(t))) resultCol = c;
    }
    if (levelCols.length >= 3) {
      const questionCol = Math.max(view.firstCol, levelCols[0] - 1);
      header = { row: r, levelCols, levels: levelCols.map((c) => view.text(r, c)), resultCol, questionCol };
      continue;
    }
    if (!header) continue;
    const values = header.levelCols.map((c) => {
      const q = parseQuantity(view.value(r, c), view.numberFormat(r, c));
      return q.ok ? q.q : null;
    });
    const label = view.text(r, header.questionCol);
    const statedRes = header.resultCol ? parseQuantity(view.value(r, header.resultCol), view.numberFormat(r, header.resultCol)) : null;
    const stated = statedRes && statedRes.ok ? statedRes.q : null;
    if (values.filter((v) => v !== null).length >= 2) {
      items.push({
        sheet: view.name,
        row: r,
        question: label,
        summaryLabel: '',
        levels: header.levels,
        values,
        valueCells: header.levelCols.map((c) => toA1(r, c)),
        stated,
        statedCell: stated && header.resultCol ? toA1(r, header.resultCol) : null,
      });
    } else if (label && items.length > 0 && items[items.length - 1].row === r - 1) {
      // The summary row right below a question: "公众知晓率 … 85.00%".
      const last = items[items.length - 1];
      last.summaryLabel = normText(label);
      if (stated) {
        last.stated = stated;
        last.statedCell = header.resultCol ? toA1(r, header.resultCol) : null;
      }
    }
  }
  return items.length > 0 ? { sheet: view.name, items } : null;
}

export interface SurveyScore {
  value: Decimal;
  /** Share per level as fractions (normalised to sum 1). */
  shares: Decimal[];
  /** Σ of the stated shares before normalising (1 when consistent), or the respondent count. */
  total: Decimal;
  byCounts: boolean;
  trace: string;
}

/** Weighted result of one survey item: Σ weight × share. */
export function scoreSurvey(item: SurveyItem, weights: Decimal[]): SurveyScore | null {
  const vals = item.values.map((v) => v?.value ?? ZERO);
  const byCounts = item.values.every((v) => !v || v.unit !== 'percent');
  const total = sum(vals);
  if (total.isZero() || weights.length !== vals.length) return null;
  const shares = vals.map((v) => v.div(total));
  const value = sum(shares.map((s, i) => s.times(weights[i])));
  const terms = item.levels.map((l, i) =>
    byCounts
      ? `${l}${vals[i].toString()}人×${weights[i].times(100).toString()}%`
      : `${l}${vals[i].times(100).toString()}%×${weights[i].times(100).toString()}%`,
  );
  const trace = byCounts
    ? `(${terms.join('+')})÷${total.toString()}人=${value.times(100).toDecimalPlaces(2).toString()}%`
    : `${terms.join('+')}=${value.times(100).toDecimalPlaces(2).toString()}%`;
  return { value, shares, total, byCounts, trace };
}
