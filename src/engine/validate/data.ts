/**
 * Data sheets: each month's rate against its numerator and denominator, the
 * 合计 row against the months (Σ for counts, pooled for rates), repeated
 * column headers, and survey rates against their own distributions.
 */
import { toA1 } from '../address';
import { dec, fmt, fmtPct } from '../decimal';
import { finding, type Finding } from '../findings';
import { fmtQuantity, quantity } from '../quantity';
import type { DataContext } from '../data/context';
import { columnSum, pooledRate, type DataTable } from '../data/tables';
import { defaultWeights, scoreSurvey } from '../data/survey';
import { normName } from '../text';

function checkTable(t: DataTable, findings: Finding[]): void {
  const seen = new Map<string, number>();
  for (const c of t.columns) {
    const key = normName(c.header);
    const first = seen.get(key);
    if (first !== undefined) {
      findings.push(
        finding('DUPLICATE_HEADER', 'warning', `表头“${c.header}”与${toA1(t.headerBottom, first)}列重复，数据可能对应错误的指标`, {
          sheet: t.sheet,
          cell: toA1(t.headerBottom, c.col),
        }),
      );
    } else seen.set(key, c.col);
  }
  for (const rate of t.columns.filter((c) => c.kind === 'rate')) {
    if (rate.num && rate.den) {
      rate.values.forEach((r, i) => {
        const n = rate.num!.values[i];
        const d = rate.den!.values[i];
        if (!r || !n || !d || d.value.isZero()) return;
        const expected = n.value.div(d.value);
        const tol = rate.tolerance[i] ?? dec('1e-9');
        if (expected.minus(r.value).abs().gt(tol.plus('1e-12'))) {
          findings.push(
            finding(
              'DATA_RATE_MISMATCH',
              'error',
              `${t.periods[i].label}“${rate.header}”为${fmtQuantity(r)}，按${rate.num!.header}÷${rate.den!.header}=${n.value}÷${d.value}应为${fmtPct(expected)}`,
              { sheet: t.sheet, cell: toA1(t.periods[i].row, rate.col) },
              { expected: fmtPct(expected), actual: fmtQuantity(r) },
            ),
          );
        }
      });
      const pooled = pooledRate(rate);
      if (rate.total && pooled && rate.totalRow) {
        const tol = dec('0.00005');
        if (pooled.minus(rate.total.value).abs().gt(tol)) {
          const mean = rate.values.reduce((a, v) => a.plus(v?.value ?? 0), dec(0)).div(rate.values.length);
          const isMean = mean.minus(rate.total.value).abs().lte(tol);
          findings.push(
            finding(
              'DATA_POOLED_MISMATCH',
              'error',
              `合计行“${rate.header}”为${fmtQuantity(rate.total)}，按Σ${rate.num.header}÷Σ${rate.den.header}应为${fmtPct(pooled)}${isMean ? '（合计行用了各月简单平均）' : ''}`,
              { sheet: t.sheet, cell: toA1(rate.totalRow, rate.col) },
              { expected: fmtPct(pooled), actual: fmtQuantity(rate.total) },
            ),
          );
        }
      }
    }
  }
  for (const c of t.columns.filter((x) => x.kind === 'count')) {
    if (!c.total || !c.totalRow) continue;
    const s = columnSum(c);
    if (s && !s.minus(c.total.value).abs().lt(dec('0.005'))) {
      findings.push(
        finding(
          'DATA_TOTAL_MISMATCH',
          'error',
          `合计行“${c.header}”为${fmt(c.total.value)}，各月合计为${fmt(s)}`,
          { sheet: t.sheet, cell: toA1(c.totalRow, c.col) },
          { expected: fmt(s), actual: fmt(c.total.value) },
        ),
      );
    }
  }
}

export function checkData(data: DataContext, findings: Finding[]): void {
  for (const t of data.tables) checkTable(t, findings);
  for (const s of data.surveys) {
    for (const item of s.items) {
      if (!item.stated) continue;
      const r = scoreSurvey(item, defaultWeights(item.levels));
      if (!r) continue;
      const q = quantity(r.value, 'percent');
      if (item.stated.value.minus(r.value).abs().gt('0.00005')) {
        findings.push(
          finding(
            'SURVEY_RATE_MISMATCH',
            'warning',
            `“${item.summaryLabel || item.question}”填写为${fmtQuantity(item.stated)}，按其选项分布计算应为${fmtQuantity(q)}（${r.trace}）`,
            { sheet: item.sheet, cell: item.statedCell ?? item.valueCells[0] },
            { expected: fmtQuantity(q), actual: fmtQuantity(item.stated) },
          ),
        );
      }
    }
  }
}
