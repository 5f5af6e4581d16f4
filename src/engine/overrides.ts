/**
 * The evaluator's corrections from the workbook itself: a sheet 评分规则 that
 * lists indicator name, rule text, data source and/or actual value. No
 * auto-detection is perfect; this sheet always wins over what was detected.
 */
import { toA1 } from './address';
import { finding, type Finding } from './findings';
import type { IndicatorOverride } from './options';
import { locateFieldHeader } from './fieldHeader';
import type { SheetView } from './sheetView';
import { normName, normText } from './text';

export const OVERRIDE_SHEET_NAMES = ['评分规则', '评分规则设置', '规则设置', '评分规则覆盖'];

export type OverrideField = 'name' | 'rule' | 'source' | 'actual' | 'score' | 'reason';
const FIELDS: [OverrideField, RegExp][] = [
  ['name', /^(三级指标|指标|指标名称|指标路径|末级指标)$/],
  ['rule', /^(评分标准|评价标准|评分规则|规则|规则文本)$/],
  ['source', /^(数据来源|数据列|取数来源|绑定|数据)$/],
  ['actual', /^(实际值|实际完成值|完成值)$/],
  ['score', /^(得分|评价得分)$/],
  ['reason', /^(扣分说明|扣分理由|得分理由)$/],
];

export interface OverrideEntry extends IndicatorOverride {
  sheet: string;
  row: number;
}

/** The 评分规则 sheet, if the workbook has one. */
export function findOverrideView(views: Map<string, SheetView>): SheetView | undefined {
  return [...views.values()].find((v) => OVERRIDE_SHEET_NAMES.includes(normName(v.name)));
}

export interface OverrideHeader {
  row: number;
  cols: Partial<Record<OverrideField, number>>;
}

/** The header row (within the first ten) that names the 指标 column, and the columns it names. */
export function locateOverrideHeader(view: SheetView): OverrideHeader | null {
  return locateFieldHeader(view, FIELDS, (cols) => cols.name !== undefined);
}

/** "产出/产出质量/话务接通率" or "话务接通率" → path segments. */
export function parseOverridePath(text: string): string[] {
  return text
    .split(/[/／>]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function readOverrideSheet(views: Map<string, SheetView>, findings: Finding[]): OverrideEntry[] {
  const view = findOverrideView(views);
  if (!view) return [];
  const header = locateOverrideHeader(view);
  if (!header) {
    findings.push(finding('OVERRIDE_SHEET_NO_HEADER', 'warning', `“${view.name}”表找不到“指标”表头，已忽略`, { sheet: view.name }));
    return [];
  }
  const { cols } = header;
  const out: OverrideEntry[] = [];
  for (let row = header.row + 1; row <= view.lastRow; row++) {
    const name = view.text(row, cols.name!);
    if (!name) continue;
    const entry: OverrideEntry = { sheet: view.name, row, path: parseOverridePath(name) };
    const get = (f: OverrideField) => (cols[f] !== undefined ? normText(view.value(row, cols[f]!) ?? '') : '');
    if (get('rule')) entry.ruleText = get('rule');
    if (get('source')) entry.dataSource = get('source');
    if (get('actual')) entry.actual = get('actual');
    if (get('score')) entry.score = get('score');
    // The reason as typed (it is written out verbatim), not normalised.
    if (entry.score && cols.reason !== undefined) entry.reason = String(view.value(row, cols.reason) ?? '').trim();
    if (!entry.ruleText && !entry.dataSource && !entry.actual && !entry.score) {
      findings.push(
        finding('OVERRIDE_EMPTY', 'info', `评分规则表第${row}行只有指标名称，没有规则、数据来源或实际值`, {
          sheet: view.name,
          cell: toA1(row, cols.name!),
        }),
      );
      continue;
    }
    out.push(entry);
  }
  return out;
}

/** Does an override's path name this leaf? The last segment must match; earlier ones, when given, too. */
export function overrideMatches(o: IndicatorOverride, leafPath: string[]): boolean {
  if (o.path.length === 0) return false;
  const want = o.path.map(normName);
  const have = leafPath.map(normName);
  if (want[want.length - 1] !== have[have.length - 1]) return false;
  for (let i = 0; i < want.length - 1; i++) if (!have.includes(want[i])) return false;
  return true;
}
