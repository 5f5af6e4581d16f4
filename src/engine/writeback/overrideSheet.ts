/**
 * Corrections made in the task pane are written into the workbook's 评分规则
 * sheet when the evaluator scores with them: the next run (from the ribbon,
 * after reopening, on a colleague's machine) reads the same corrections, and
 * the evaluator sees and edits them where the workbook keeps them.
 */
import { finding, type Finding } from '../findings';
import type { IndicatorOverride } from '../options';
import { findOverrideView, locateOverrideHeader, overrideMatches, parseOverridePath, type OverrideField } from '../overrides';
import type { CellWrite, SheetCreate, SheetEdit } from '../patch';
import type { SheetView } from '../sheetView';

export const NEW_OVERRIDE_SHEET = '评分规则';

const HEADER: Record<OverrideField, string> = { name: '指标', rule: '评分标准', source: '数据来源', actual: '实际值', score: '得分', reason: '扣分说明' };
const ORDER: OverrideField[] = ['name', 'rule', 'source', 'actual', 'score', 'reason'];
const HEADER_STYLE = { bold: true, fill: '#DDEBF7', border: true, horizontal: 'center', vertical: 'middle' } as const;
const BODY_STYLE = { border: true, wrap: true, vertical: 'top' } as const;

function fields(o: IndicatorOverride): Partial<Record<OverrideField, string>> {
  const out: Partial<Record<OverrideField, string>> = { name: o.path.join('/') };
  if (o.ruleText !== undefined) out.rule = o.ruleText;
  if (o.dataSource !== undefined) out.source = o.dataSource;
  if (o.actual !== undefined) out.actual = o.actual;
  if (o.score !== undefined) out.score = o.score;
  if (o.reason !== undefined) out.reason = o.reason;
  return out;
}

/** Same leaf, same corrections: later entries win, as in scoring. */
function merged(overrides: readonly IndicatorOverride[]): IndicatorOverride[] {
  const out: IndicatorOverride[] = [];
  for (const o of overrides) {
    const i = out.findIndex((x) => overrideMatches(x, o.path) && overrideMatches(o, x.path));
    if (i >= 0) out[i] = { ...out[i], ...o, path: o.path };
    else out.push(o);
  }
  return out;
}

export type OverrideSheetOp = { op: SheetEdit; created: null } | { op: SheetCreate; created: string } | null;

/**
 * The op that records the pane's corrections: rows of an existing 评分规则
 * sheet updated in place (a row per leaf, matched by name), new rows appended,
 * missing columns added at the right; or a new 评分规则 sheet.
 */
export function buildOverrideSheetOp(views: Map<string, SheetView>, overrides: readonly IndicatorOverride[], findings: Finding[]): OverrideSheetOp {
  const list = merged(
    overrides.filter((o) => o.path.length > 0 && (o.ruleText !== undefined || o.dataSource !== undefined || o.actual !== undefined || o.score !== undefined)),
  );
  if (list.length === 0) return null;
  const view = findOverrideView(views);
  if (!view) return { op: newSheet(list), created: NEW_OVERRIDE_SHEET };
  const header = locateOverrideHeader(view);
  if (!header) {
    findings.push(
      finding('OVERRIDE_NOT_SAVED', 'warning', `“${view.name}”表找不到“指标”表头，面板中的修改只用于本次评分，未保存到工作簿`, { sheet: view.name }),
    );
    return null;
  }
  const cols = { ...header.cols };
  const cells: CellWrite[] = [];
  let nextCol = view.lastCol + 1;
  for (const f of ORDER) {
    if (cols[f] !== undefined || !list.some((o) => fields(o)[f] !== undefined)) continue;
    cols[f] = nextCol++;
    cells.push({ row: header.row, col: cols[f]!, value: HEADER[f], style: HEADER_STYLE });
  }
  let nextRow = view.lastRow + 1;
  for (const o of list) {
    let row = -1;
    for (let r = header.row + 1; r <= view.lastRow && row < 0; r++) {
      const name = view.text(r, cols.name!);
      if (name && overrideMatches({ path: parseOverridePath(name) }, o.path)) row = r;
    }
    const values = fields(o);
    if (row < 0) row = nextRow++;
    else delete values.name; // keep the evaluator's own wording of the name
    for (const f of ORDER) {
      const v = values[f];
      if (v === undefined) continue;
      cells.push({ row, col: cols[f]!, value: v === '' ? null : v });
    }
  }
  return { op: { kind: 'edit', sheet: view.name, cells }, created: null };
}

function newSheet(list: IndicatorOverride[]): SheetCreate {
  // 得分/扣分说明 only when a correction gives a score (the four columns otherwise, as before).
  const order = ORDER.filter((f) => (f !== 'score' && f !== 'reason') || list.some((o) => o.score !== undefined));
  const cells: CellWrite[] = order.map((f, i) => ({ row: 1, col: i + 1, value: HEADER[f], style: HEADER_STYLE }));
  list.forEach((o, i) => {
    const values = fields(o);
    order.forEach((f, c) => cells.push({ row: i + 2, col: c + 1, value: values[f] || null, style: BODY_STYLE }));
  });
  return {
    kind: 'create',
    sheet: NEW_OVERRIDE_SHEET,
    replace: false,
    cells,
    columnWidths: { 1: 34, 2: 56, 3: 26, 4: 14, 5: 9, 6: 40 },
    freezeRows: 1,
    print: { landscape: true, fitToWidth: true },
  };
}
