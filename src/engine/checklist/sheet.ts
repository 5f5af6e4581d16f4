/**
 * The 逐项评分 sheet: one row per checklist item (指标, 序号, 评分要点, 分值,
 * 判断, 得分, 理由). The pane writes the evaluator's judgements into it; every
 * run reads them back, so they survive save and reopen and can be made in
 * Excel directly. Judgements from the pane win over the sheet.
 */
import { locateFieldHeader } from '../fieldHeader';
import { toA1 } from '../address';
import { JUDGEMENT_SHEETS } from '../indicators/detect';
import { finding, type Finding } from '../findings';
import type { ItemJudgement, ItemVerdict } from '../options';
import { overrideMatches, parseOverridePath } from '../overrides';
import type { SheetView } from '../sheetView';
import { normName, normText } from '../text';

export const JUDGEMENT_SHEET = '逐项评分';
export const JUDGEMENT_SHEET_NAMES = JUDGEMENT_SHEETS;

export type JudgementField = 'name' | 'seq' | 'label' | 'points' | 'verdict' | 'score' | 'reason';
export const JUDGEMENT_HEADER: Record<JudgementField, string> = {
  name: '指标',
  seq: '序号',
  label: '评分要点',
  points: '分值',
  verdict: '判断',
  score: '得分',
  reason: '理由',
};
export const JUDGEMENT_ORDER: JudgementField[] = ['name', 'seq', 'label', 'points', 'verdict', 'score', 'reason'];
const FIELDS: [JudgementField, RegExp][] = [
  ['name', /^(指标|指标路径|三级指标|指标名称)$/],
  ['seq', /^(序号|要点序号|编号)$/],
  ['label', /^(评分要点|要点|评价要点|评分项)$/],
  ['points', /^(分值|要点分值)$/],
  ['verdict', /^(判断|判定|是否符合|评价)$/],
  ['score', /^(得分|要点得分|扣分)$/],
  ['reason', /^(理由|说明|原因|扣分理由|判断理由)$/],
];

export const VERDICT_TEXT: Record<ItemVerdict, string> = { met: '符合', partial: '部分', unmet: '不符合' };

/** "符合"/"是"/"√" → met, "部分符合"/"基本符合" → partial, "不符合"/"否"/"×" → unmet; '' → null. */
export function parseVerdict(text: string): ItemVerdict | null | undefined {
  const t = normName(text);
  if (!t) return null;
  if (/^(不符合|不满足|否|未达到|×|✗|✘|x|n|no|unmet|notmet)$/.test(t)) return 'unmet';
  if (/^(部分|部分符合|部分满足|基本符合|partial|partlymet|partially)$/.test(t)) return 'partial';
  if (/^(符合|满足|是|达到|√|✓|✔|y|yes|met)$/.test(t)) return 'met';
  return undefined;
}

export interface JudgementEntry extends ItemJudgement {
  sheet: string;
  row: number;
}

export function findJudgementView(views: Map<string, SheetView>): SheetView | undefined {
  return [...views.values()].find((v) => JUDGEMENT_SHEET_NAMES.includes(normName(v.name)));
}

export interface JudgementHeader {
  row: number;
  cols: Partial<Record<JudgementField, number>>;
}

/** The header row (within the first ten) naming 指标 and 判断, and the columns it names. */
export function locateJudgementHeader(view: SheetView): JudgementHeader | null {
  return locateFieldHeader(
    view,
    FIELDS,
    (cols) => cols.name !== undefined && cols.verdict !== undefined && (cols.seq !== undefined || cols.label !== undefined),
  );
}

/** Judged rows of the 逐项评分 sheet (rows without a 判断 are items still to judge). */
export function readJudgementSheet(views: Map<string, SheetView>, findings: Finding[]): JudgementEntry[] {
  const view = findJudgementView(views);
  if (!view) return [];
  const header = locateJudgementHeader(view);
  if (!header) {
    findings.push(finding('JUDGEMENT_SHEET_NO_HEADER', 'warning', `“${view.name}”表找不到“指标/序号/判断”表头，已忽略`, { sheet: view.name }));
    return [];
  }
  const { cols } = header;
  const out: JudgementEntry[] = [];
  let lastName = '';
  for (let row = header.row + 1; row <= view.lastRow; row++) {
    // A merged or blank 指标 cell continues the indicator above (one indicator, several item rows).
    const name = view.text(row, cols.name!) || lastName;
    if (!name) continue;
    lastName = name;
    const verdictText = view.text(row, cols.verdict!);
    const verdict = parseVerdict(verdictText);
    if (verdict === null) continue;
    const where = { sheet: view.name, cell: toA1(row, cols.verdict!) };
    if (verdict === undefined) {
      findings.push(finding('JUDGEMENT_UNREADABLE', 'warning', `逐项评分表第${row}行的判断“${verdictText}”无法识别，请填写符合、部分或不符合`, where));
      continue;
    }
    const seqText = cols.seq !== undefined ? view.text(row, cols.seq) : '';
    const seq = /^\d+$/.test(seqText) ? Number(seqText) : NaN;
    const label = cols.label !== undefined ? normText(view.value(row, cols.label) ?? '') : '';
    if (!Number.isInteger(seq) && !label) {
      findings.push(finding('JUDGEMENT_UNREADABLE', 'warning', `逐项评分表第${row}行没有序号或评分要点，无法对应到评分要点`, where));
      continue;
    }
    const entry: JudgementEntry = { sheet: view.name, row, path: parseOverridePath(name), seq: Number.isInteger(seq) ? seq : 0, verdict };
    if (label) entry.label = label;
    const score = cols.score !== undefined ? view.value(row, cols.score) : null;
    if (score !== null && score !== '' && verdict !== 'met') entry.points = typeof score === 'number' ? score : normText(score);
    const reason = cols.reason !== undefined ? normText(view.value(row, cols.reason) ?? '') : '';
    if (reason) entry.reason = reason;
    out.push(entry);
  }
  return out;
}

/** Judgements for one leaf, later ones winning per item (the pane's come after the sheet's). */
export function judgementsFor(all: readonly ItemJudgement[], leafPath: string[]): ItemJudgement[] {
  return all.filter((j) => overrideMatches(j, leafPath));
}
