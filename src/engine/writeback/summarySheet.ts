/**
 * The 评分汇总 sheet: groups with 分值/得分/扣分/得分率, total, grade and the
 * grade standard, then the deduction details — laid out to read and print.
 * Group scores are SUM formulas over the indicator sheet's score cells so the
 * summary stays live if the evaluator edits a score; cached values are given.
 */
import { colToLetters, quoteSheetName, toA1 } from '../address';
import { Decimal, fmt, toCellNumber } from '../decimal';
import type { CellStyle, CellWrite, SheetCreate } from '../patch';
import { describeScheme, type GradeScheme } from '../summary/grade';
import { isGroupResult, type Composite, type GroupResult } from '../scoring/aggregate';
import type { LeafResult } from '../scoring/leaf';
import { disagreementMessage, type FormulaDisagreement } from './keepFormulas';
import { fitNote } from './cellText';

export const SUMMARY_SHEET = '评分汇总';

const TITLE: CellStyle = { bold: true, fontSize: 14, horizontal: 'center', vertical: 'middle' };
const HEAD: CellStyle = { bold: true, fill: '#D9E1F2', border: true, horizontal: 'center', vertical: 'middle', wrap: true };
const GROUP1: CellStyle = { bold: true, fill: '#F2F2F2', border: true, vertical: 'middle' };
const CELL: CellStyle = { border: true, vertical: 'middle' };
const NUM: CellStyle = { border: true, horizontal: 'right', vertical: 'middle' };
const TOTAL: CellStyle = { bold: true, fill: '#FFF2CC', border: true, vertical: 'middle' };
const NOTE: CellStyle = { border: true, wrap: true, vertical: 'top' };
/** Styles used on every detail row: built once, shared like the ones above. */
const CELL_WRAP: CellStyle = { ...CELL, wrap: true };
const WARN: CellStyle = { bold: true, color: '#C00000', wrap: true, vertical: 'top' };

/** CJK characters that fit on one line of the merged F:H note (66 width units, two per character). */
const NOTE_CHARS_PER_LINE = 31;

/** Lines beyond which lineHeight's 409 pt cap applies (27 × 15 + 3 < 409 ≤ 28 × 15 + 3). */
const MAX_LINES = 27;

/** Row height in points for wrapped text: 15 pt per line, at least one line for the path in A:B. */
/** Points a wrapped text needs at `perLine` CJK characters per line (ASCII counts half); `path` wraps at 20. */
export function lineHeight(note: string, perLine: number, path = ''): number {
  // Heights cap at 409 pt (28 lines): counting a long note (a trace listing hundreds of months) past that changes nothing.
  const lines = Math.max(Math.ceil(width(note, MAX_LINES * perLine) / perLine), Math.ceil(width(path, MAX_LINES * 20) / 20), 1);
  return Math.min(409, lines * 15 + 3);
}

/** Display width in CJK characters: 1 per code point above U+00FF, 0.5 otherwise; stops once past `limit`. */
function width(t: string, limit: number): number {
  // A plain loop over code units (runs for every note): a surrogate pair is one code point, counted once.
  let w = 0;
  for (let i = 0; i < t.length && w <= limit; i++) {
    const c = t.charCodeAt(i);
    w += c > 255 ? 1 : 0.5;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < t.length) {
      const d = t.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return w;
}

export interface SummaryInput {
  title: string;
  sheet: string;
  scoreCol: number;
  level1: (GroupResult | LeafResult)[];
  total: Decimal;
  totalMax: Decimal | null;
  grade: string | null;
  scheme: GradeScheme;
  composite: Composite | null;
  leaves: LeafResult[];
  /** Rows holding 小计/合计 inside the table: a SUM over them would double count. */
  specialRows: number[];
  /** The evaluator's formulas left in place that give another figure: both figures are stated. */
  disagreements?: FormulaDisagreement[];
}

function name(x: GroupResult | LeafResult): string {
  return isGroupResult(x) ? x.node.name : x.leaf.name;
}

function rowsOf(x: GroupResult | LeafResult): [number, number] {
  return isGroupResult(x) ? [x.node.firstRow, x.node.lastRow] : [x.leaf.row, x.leaf.row];
}

function scoreOf(x: GroupResult | LeafResult): Decimal | null {
  return isGroupResult(x) ? x.score : x.score;
}

export function buildSummarySheet(input: SummaryInput, after: string): SheetCreate {
  const cells: CellWrite[] = [];
  const merges: string[] = [];
  const rowHeights: Record<number, number> = {};
  const put = (row: number, col: number, w: Omit<CellWrite, 'row' | 'col'>) => cells.push({ row, col, ...w });
  const src = quoteSheetName(input.sheet);
  const scoreLetter = colToLetters(input.scoreCol);

  put(1, 1, { value: `${input.title || input.sheet} 评分汇总`, style: TITLE });
  merges.push('A1:H1');
  put(2, 1, { value: `依据“${input.sheet}”计算；每个三级指标得分四舍五入保留两位小数，上级指标与总分为其加总。`, style: { italic: true, color: '#595959' } });
  merges.push('A2:H2');

  const headRow = 4;
  ['一级指标', '二级指标', '分值', '得分', '扣分', '得分率'].forEach((h, i) => put(headRow, i + 1, { value: h, style: HEAD }));
  let r = headRow + 1;
  const level1Rows: number[] = [];

  const scoreFormula = (x: GroupResult | LeafResult): string | undefined => {
    const [a, b] = rowsOf(x);
    if (input.specialRows.some((s) => s >= a && s <= b)) return undefined;
    return `=SUM(${src}!${scoreLetter}${a}:${scoreLetter}${b})`;
  };
  const line = (row: number, x: GroupResult | LeafResult, level: 1 | 2) => {
    const style = level === 1 ? GROUP1 : CELL;
    const numStyle = level === 1 ? { ...GROUP1, horizontal: 'right' as const } : NUM;
    if (level === 1) {
      put(row, 1, { value: name(x), style });
      put(row, 2, { value: null, style });
    } else {
      put(row, 1, { value: null, style });
      put(row, 2, { value: name(x), style });
    }
    const max = x.max;
    const score = scoreOf(x);
    put(row, 3, { value: max ? toCellNumber(max) : null, numberFormat: '0.00', style: numStyle });
    const f = scoreFormula(x);
    put(
      row,
      4,
      f
        ? { formula: f, value: score ? toCellNumber(score) : 0, numberFormat: '0.00', style: numStyle }
        : { value: score ? toCellNumber(score) : null, numberFormat: '0.00', style: numStyle },
    );
    const ded = max && score ? max.minus(score) : null;
    put(row, 5, { formula: `=IF(C${row}="","",C${row}-D${row})`, value: ded ? toCellNumber(ded) : '', numberFormat: '0.00', style: numStyle });
    const rate = max && score && !max.isZero() ? score.div(max) : null;
    put(row, 6, {
      formula: `=IF(N(C${row})=0,"",D${row}/C${row})`,
      value: rate ? Number(rate.toDecimalPlaces(6).toString()) : '',
      numberFormat: '0.00%',
      style: numStyle,
    });
  };

  for (const g1 of input.level1) {
    line(r, g1, 1);
    level1Rows.push(r);
    r++;
    if (isGroupResult(g1)) {
      for (const g2 of g1.children) {
        if (!isGroupResult(g2)) continue;
        line(r, g2, 2);
        r++;
      }
    }
  }
  const totalRow = r;
  put(totalRow, 1, { value: '合计', style: TOTAL });
  put(totalRow, 2, { value: null, style: TOTAL });
  merges.push(`A${totalRow}:B${totalRow}`);
  const totalNum = { ...TOTAL, horizontal: 'right' as const };
  put(totalRow, 3, { value: input.totalMax ? toCellNumber(input.totalMax) : null, numberFormat: '0.00', style: totalNum });
  const level1Refs = level1Rows.map((x) => `D${x}`).join(',');
  const levelSum = input.level1.reduce((a, x) => a.plus(scoreOf(x) ?? 0), new Decimal(0));
  put(totalRow, 4, { formula: `=SUM(${level1Refs})`, value: toCellNumber(levelSum), numberFormat: '0.00', style: totalNum });
  put(totalRow, 5, {
    formula: `=IF(C${totalRow}="","",C${totalRow}-D${totalRow})`,
    value: input.totalMax ? toCellNumber(input.totalMax.minus(levelSum)) : '',
    numberFormat: '0.00',
    style: totalNum,
  });
  put(totalRow, 6, {
    formula: `=IF(N(C${totalRow})=0,"",D${totalRow}/C${totalRow})`,
    value: input.totalMax && !input.totalMax.isZero() ? Number(levelSum.div(input.totalMax).toDecimalPlaces(6).toString()) : '',
    numberFormat: '0.00%',
    style: totalNum,
  });
  r = totalRow + 1;

  let finalRef = `D${totalRow}`;
  if (input.composite) {
    for (const p of input.composite.parts) {
      put(r, 1, { value: `${p.label}（权重${fmt(p.weight.times(100))}%）`, style: CELL });
      put(r, 2, { value: null, style: CELL });
      merges.push(`A${r}:B${r}`);
      put(r, 3, { value: p.max ? toCellNumber(p.max) : null, numberFormat: '0.00', style: NUM });
      put(r, 4, { value: toCellNumber(p.score), numberFormat: '0.00', style: NUM });
      put(r, 5, { value: null, style: NUM });
      put(r, 6, { value: null, style: NUM });
      r++;
    }
    put(r, 1, { value: '综合得分', style: TOTAL });
    put(r, 2, { value: null, style: TOTAL });
    merges.push(`A${r}:B${r}`);
    put(r, 3, { value: input.composite.text, style: { ...TOTAL, wrap: true } });
    merges.push(`C${r}:C${r}`);
    put(r, 4, { value: toCellNumber(input.composite.total), numberFormat: '0.00', style: totalNum });
    put(r, 5, { value: null, style: TOTAL });
    put(r, 6, { value: null, style: TOTAL });
    finalRef = `D${r}`;
    r++;
  }

  put(r, 1, { value: '评价等次', style: TOTAL });
  put(r, 2, { value: null, style: TOTAL });
  merges.push(`A${r}:B${r}`);
  const bands = input.scheme.bands;
  let gradeFormula = `"${bands[bands.length - 1].label}"`;
  for (let i = bands.length - 2; i >= 0; i--) gradeFormula = `IF(${finalRef}>=${bands[i].min.toString()},"${bands[i].label}",${gradeFormula})`;
  put(r, 3, { value: null, style: TOTAL });
  put(r, 4, { formula: input.grade ? `=${gradeFormula}` : undefined, value: input.grade ?? '待定', style: { ...TOTAL, horizontal: 'center' } });
  put(r, 5, { value: null, style: TOTAL });
  put(r, 6, { value: null, style: TOTAL });
  r++;
  put(r, 1, { value: `等级标准（${input.scheme.source}）：${describeScheme(input.scheme)}`, style: { italic: true, wrap: true } });
  merges.push(`A${r}:H${r}`);
  r++;
  for (const d of input.disagreements ?? []) {
    const text = `注意：“${d.sheet}”${disagreementMessage(d)}。`;
    // The text wraps in A:G (a linked cell would not wrap in every viewer); the link sits in H.
    put(r, 1, { value: text, style: WARN });
    merges.push(`A${r}:G${r}`);
    put(r, 8, { value: `转到${d.cell}`, style: { vertical: 'top' }, link: `${quoteSheetName(d.sheet)}!${d.cell}` });
    rowHeights[r] = lineHeight(text, 50);
    r++;
  }
  r++;

  const detail = input.leaves.filter((l) => l.source === 'pending' || (l.deduction && !l.deduction.isZero()));
  put(r, 1, { value: '扣分及待评分明细', style: { bold: true, fontSize: 12 } });
  r++;
  ['指标', null, '分值', '得分', '扣分', '扣分说明', null, null].forEach((h, i) => put(r, i + 1, { value: h, style: HEAD }));
  merges.push(`A${r}:B${r}`, `F${r}:H${r}`);
  r++;
  if (detail.length === 0) {
    put(r, 1, { value: '无扣分指标', style: CELL });
    merges.push(`A${r}:H${r}`);
    r++;
  }
  for (const l of detail) {
    const path = l.leaf.path.join(' / ');
    put(r, 1, { value: path, style: CELL_WRAP, link: `${src}!${toA1(l.leaf.row, input.scoreCol)}` });
    put(r, 2, { value: null, style: CELL });
    merges.push(`A${r}:B${r}`);
    put(r, 3, { value: l.max ? toCellNumber(l.max) : null, numberFormat: '0.00', style: NUM });
    put(r, 4, { value: l.score ? toCellNumber(l.score) : l.source === 'pending' ? '待评分' : null, numberFormat: '0.00', style: NUM });
    put(r, 5, { value: l.deduction ? toCellNumber(l.deduction) : null, numberFormat: '0.00', style: NUM });
    const note = fitNote(l.source === 'pending' ? '待评价人打分或补充实际值' : l.note || '（未填写扣分说明）', '其余从略');
    put(r, 6, { value: note, style: NOTE });
    put(r, 7, { value: null, style: NOTE });
    put(r, 8, { value: null, style: NOTE });
    merges.push(`F${r}:H${r}`);
    rowHeights[r] = lineHeight(note, NOTE_CHARS_PER_LINE, path);
    r++;
  }

  return {
    kind: 'create',
    sheet: SUMMARY_SHEET,
    replace: true,
    cells,
    merges,
    columnWidths: { 1: 18, 2: 24, 3: 9, 4: 9, 5: 9, 6: 10, 7: 28, 8: 28 },
    rowHeights,
    after,
    freezeRows: headRow,
    print: { landscape: true, fitToWidth: true, title: SUMMARY_SHEET },
  };
}
