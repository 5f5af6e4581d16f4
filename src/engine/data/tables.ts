/**
 * Data sheets (基础数据采集表 and the tables behind each indicator): rows are
 * months (or quarters) plus a 合计 row, columns are counts and rates. Found and
 * read without being told; each rate column is linked to the count columns it
 * is the ratio of, so yearly rates can be pooled (Σ接通数/Σ话务量), not averaged.
 */
import { toA1 } from '../address';
import { Decimal, ZERO, dec } from '../decimal';
import { finding, type Finding } from '../findings';
import { parseQuantity, type Quantity } from '../quantity';
import type { SheetView } from '../sheetView';
import { normName, normText } from '../text';

export interface PeriodRow {
  row: number;
  label: string;
}

export interface DataColumn {
  sheet: string;
  col: number;
  header: string;
  kind: 'count' | 'rate' | 'text';
  /** One entry per period row; null when blank or unreadable. */
  values: (Quantity | null)[];
  /** Half-width of the rounding the displayed rates carry (0.00005 for 0.00%). */
  tolerance: (Decimal | null)[];
  /** The 合计 row's value, when the sheet has one. */
  total: Quantity | null;
  totalRow: number | null;
  /** For rate columns: the count columns it is numerator/denominator of. */
  num?: DataColumn;
  den?: DataColumn;
  /** Unit word seen in the header ("（条）") or the values ("通"). */
  unitWord: string;
  /** A1 addresses of month cells that hold something that is not a number. */
  unreadable: string[];
}

export interface DataTable {
  sheet: string;
  headerTop: number;
  headerBottom: number;
  labelCol: number;
  periods: PeriodRow[];
  totalRow: number | null;
  columns: DataColumn[];
}

const MONTH_PATTERNS: RegExp[] = [
  /^(\d{4})年(\d{1,2})月份?$/,
  /^(\d{4})[-./](\d{1,2})$/,
  /^(\d{1,2})月份?$/,
  /^(\d{4})年(第)?[一二三四1-4]季度$/,
  /^第?[一二三四1-4]季度$/,
];
const TOTAL_LABEL = /^(合计|总计|全年合计|年度合计|汇总|小计|全年|年度)$/;

export function periodLabel(v: unknown, numberFormat: string | null): string | null {
  if (typeof v === 'number') {
    // A date serial formatted as a date: 43983 -> "2020年6月".
    if (numberFormat && /[ym年]/i.test(numberFormat) && v > 20000 && v < 80000) {
      const d = new Date(Math.round((v - 25569) * 86400000));
      return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月`;
    }
    return null;
  }
  if (typeof v !== 'string') return null;
  const n = normName(v);
  return MONTH_PATTERNS.some((re) => re.test(n)) ? n : null;
}

function isTotalLabel(v: unknown): boolean {
  return typeof v === 'string' && TOTAL_LABEL.test(normName(v));
}

/** Find the period label column and its rows; null when the sheet has no month table. */
function findPeriods(view: SheetView): { labelCol: number; periods: PeriodRow[]; totalRow: number | null } | null {
  let best: { labelCol: number; periods: PeriodRow[] } | null = null;
  const maxCol = Math.min(view.lastCol, view.firstCol + 6);
  for (let c = view.firstCol; c <= maxCol; c++) {
    const periods: PeriodRow[] = [];
    for (let r = view.firstRow; r <= view.lastRow; r++) {
      const label = periodLabel(view.value(r, c), view.numberFormat(r, c));
      if (label) periods.push({ row: r, label });
    }
    if (periods.length >= 3 && (!best || periods.length > best.periods.length)) best = { labelCol: c, periods };
  }
  if (!best) return null;
  let totalRow: number | null = null;
  const last = best.periods[best.periods.length - 1].row;
  for (let r = last + 1; r <= Math.min(view.lastRow, last + 3); r++) {
    for (let c = view.firstCol; c <= best.labelCol; c++) {
      if (isTotalLabel(view.value(r, c))) totalRow = r;
    }
    if (totalRow) break;
  }
  return { ...best, totalRow };
}

/** Decimals are immutable: the per-cell tolerances share these few values instead of recomputing a power per cell. */
const TINY = dec('1e-9');
const HALF_UNIT_BY_PLACES: Decimal[] = [];

function toleranceOf(text: unknown, numberFormat: string | null, q: Quantity): Decimal {
  if (q.unit !== 'percent') return TINY;
  let places: number | null = null;
  if (typeof text === 'string') {
    const m = /\.(\d+)\s*%/.exec(text.replace(/\s+/g, ''));
    places = m ? m[1].length : 0;
  } else if (numberFormat && /%/.test(numberFormat)) {
    const m = /\.(0+)%/.exec(numberFormat);
    places = m ? m[1].length : 0;
  }
  if (places === null) return TINY;
  // Displayed to `places` decimals of a percent: half a unit of the last digit, as a fraction.
  return (HALF_UNIT_BY_PLACES[places] ??= dec(5).times(dec(10).pow(-(places + 3))));
}

export function readDataTable(view: SheetView, findings: Finding[]): DataTable | null {
  const found = findPeriods(view);
  if (!found) return null;
  const { labelCol, periods, totalRow } = found;
  const firstPeriod = periods[0].row;
  // Header: the text rows just above the first period row (up to three).
  let headerBottom = firstPeriod - 1;
  while (headerBottom >= view.firstRow && view.rowIsEmpty(headerBottom)) headerBottom--;
  let headerTop = headerBottom;
  while (headerTop - 1 >= view.firstRow && headerBottom - headerTop < 2 && !view.rowIsEmpty(headerTop - 1)) {
    const above = headerTop - 1;
    // Count distinct cells: a title merged across the row is one text, not a header row.
    let texts = 0;
    for (let c = view.firstCol; c <= view.lastCol; c++) if (view.isAnchor(above, c) && view.text(above, c)) texts++;
    if (texts < 2) break;
    headerTop = above;
  }
  const columns: DataColumn[] = [];
  for (let c = view.firstCol; c <= view.lastCol; c++) {
    if (c === labelCol) continue;
    const parts: string[] = [];
    for (let r = headerTop; r <= headerBottom; r++) {
      const t = view.text(r, c);
      if (t && parts[parts.length - 1] !== t) parts.push(t);
    }
    const header = parts.join('/');
    if (!header || /^序号$/.test(normName(header))) continue;
    const values: (Quantity | null)[] = [];
    const tolerance: (Decimal | null)[] = [];
    let percent = 0;
    let numbers = 0;
    let texts = 0;
    const unreadable: string[] = [];
    for (const p of periods) {
      const raw = view.value(p.row, c);
      const res = parseQuantity(raw, view.numberFormat(p.row, c));
      if (res.ok) {
        values.push(res.q);
        tolerance.push(toleranceOf(raw, view.numberFormat(p.row, c), res.q));
        numbers++;
        if (res.q.unit === 'percent') percent++;
        if (res.q.repaired) {
          findings.push(
            finding(
              'NUMBER_REPAIRED',
              'warning',
              `“${String(raw).replace(/\r?\n/g, '⏎')}”中含有空格或换行，已按${res.q.value.toString()}读取，请核对`,
              { sheet: view.name, cell: toA1(p.row, c) },
              { actual: String(raw) },
            ),
          );
        }
      } else {
        values.push(null);
        tolerance.push(null);
        if (!res.empty) {
          texts++;
          unreadable.push(toA1(p.row, c));
          // Only an error when an indicator uses this column (see bind.ts); a warning here.
          findings.push(
            finding('NUMBER_UNREADABLE', 'warning', `数据无法读取为数字：${res.reason}`, {
              sheet: view.name,
              cell: toA1(p.row, c),
            }),
          );
        }
      }
    }
    if (numbers === 0) continue;
    const headerName = normName(header);
    let kind: DataColumn['kind'] = percent >= numbers / 2 ? 'rate' : texts > numbers ? 'text' : 'count';
    // "满意率 95.02" typed as a bare number in a 率 column: read as percent.
    if (kind === 'count' && /(率|满意度)$/.test(headerName.replace(/[（(][^）)]*[)）]$/, ''))) {
      const nums = values.filter((v): v is Quantity => v !== null);
      if (nums.every((v) => v.value.gte(0) && v.value.lte(1))) kind = 'rate';
      else if (nums.every((v) => v.value.gte(0) && v.value.lte(100))) {
        kind = 'rate';
        for (let i = 0; i < values.length; i++) {
          const v = values[i];
          if (v) values[i] = { ...v, value: v.value.div(100), unit: 'percent', unitText: '%' };
        }
      }
    }
    if (kind === 'rate') {
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (v && v.unit !== 'percent') values[i] = { ...v, unit: 'percent', unitText: '%' };
      }
    }
    let total: Quantity | null = null;
    if (totalRow) {
      const raw = view.value(totalRow, c);
      const res = parseQuantity(raw, view.numberFormat(totalRow, c));
      if (res.ok) {
        total = kind === 'rate' && res.q.unit !== 'percent' ? { ...res.q, unit: 'percent', unitText: '%' } : res.q;
        if (res.q.repaired) {
          findings.push(
            finding(
              'NUMBER_REPAIRED',
              'warning',
              `“${String(raw).replace(/\r?\n/g, '⏎')}”中含有空格或换行，已按${res.q.value.toString()}读取，请核对`,
              { sheet: view.name, cell: toA1(totalRow, c) },
              { actual: String(raw) },
            ),
          );
        }
      }
    }
    const unitMatch = /[（(]([\u4e00-\u9fff]{1,2})[)）]$/.exec(header.replace(/\s+/g, ''));
    const valueUnit = values.find((v) => v && v.unitText)?.unitText ?? '';
    columns.push({
      sheet: view.name,
      col: c,
      header: normText(header),
      kind,
      values,
      tolerance,
      total,
      totalRow,
      unitWord: unitMatch ? unitMatch[1] : valueUnit,
      unreadable,
    });
  }
  linkRates(columns);
  return { sheet: view.name, headerTop, headerBottom, labelCol, periods, totalRow, columns };
}

/**
 * How many months a numerator/denominator pair reproduces the rate column.
 * Doubles are enough to count matches (the tolerance is ≥ 5e-5 for displayed
 * rates, far above double error); exact checks happen where values are used.
 */
function pairMatches(rate: FastColumn, num: FastColumn, den: FastColumn): { checked: number; matched: number } {
  let checked = 0;
  let matched = 0;
  for (let i = 0; i < rate.v.length; i++) {
    const r = rate.v[i];
    const n = num.v[i];
    const d = den.v[i];
    if (Number.isNaN(r) || Number.isNaN(n) || Number.isNaN(d) || d === 0) continue;
    checked++;
    if (Math.abs(n / d - r) <= rate.tol[i] + 1e-12) matched++;
  }
  return { checked, matched };
}

interface FastColumn {
  col: DataColumn;
  v: Float64Array;
  tol: Float64Array;
}

function fast(col: DataColumn): FastColumn {
  const v = new Float64Array(col.values.length);
  const tol = new Float64Array(col.values.length);
  col.values.forEach((q, i) => {
    v[i] = q ? Number(q.value.toString()) : NaN;
    tol[i] = col.tolerance[i] ? Number(col.tolerance[i]!.toString()) : 1e-9;
  });
  return { col, v, tol };
}

/**
 * For every rate column find the count columns it is the ratio of: the pair
 * that reproduces most months, then the closest by position (den left of num
 * left of rate, as such tables are laid out).
 */
function linkRates(columns: DataColumn[]): void {
  const counts = columns.filter((c) => c.kind === 'count').map(fast);
  for (const rateCol of columns.filter((c) => c.kind === 'rate')) {
    const rate = fast(rateCol);
    let best: { num: DataColumn; den: DataColumn; score: number } | null = null;
    for (const num of counts) {
      for (const den of counts) {
        if (num === den) continue;
        const { checked, matched } = pairMatches(rate, num, den);
        if (checked < 2 || matched < Math.max(2, Math.ceil(checked * 0.75))) continue;
        const distance = Math.abs(rateCol.col - num.col.col) + Math.abs(num.col.col - den.col.col) + (den.col.col > num.col.col ? 5 : 0);
        const score = matched * 1000 - distance;
        if (!best || score > best.score) best = { num: num.col, den: den.col, score };
      }
    }
    if (best) {
      rateCol.num = best.num;
      rateCol.den = best.den;
    }
  }
}

/** Σ of a count column over the periods (null when any month is unreadable). */
const sums = new WeakMap<DataColumn, Decimal | null>();

export function columnSum(col: DataColumn): Decimal | null {
  if (sums.has(col)) return sums.get(col)!;
  const s = sumOf(col);
  sums.set(col, s);
  return s;
}

function sumOf(col: DataColumn): Decimal | null {
  let s = ZERO;
  for (const v of col.values) {
    if (!v) return null;
    s = s.plus(v.value);
  }
  return s;
}

/** Σnum/Σden for a linked rate column. */
export function pooledRate(rate: DataColumn): Decimal | null {
  if (!rate.num || !rate.den) return null;
  const n = columnSum(rate.num);
  const d = columnSum(rate.den);
  if (!n || !d || d.isZero()) return null;
  return n.div(d);
}
