/**
 * Judgements made in the task pane are written into the workbook's 逐项评分
 * sheet when the evaluator scores with them, so the next run (ribbon, after
 * reopening, another machine) reads the same judgements. Created on first use
 * with a row for every item of every checklist indicator (the evaluator may
 * go on judging in Excel); afterwards rows are updated in place and missing
 * ones appended.
 */
import { fmt, toCellNumber } from '../decimal';
import { finding, type Finding } from '../findings';
import type { ChecklistItem } from '../checklist/items';
import type { ItemJudgement } from '../options';
import { overrideMatches, parseOverridePath } from '../overrides';
import type { CellScalar } from '../snapshot';
import type { CellWrite, SheetCreate, SheetEdit } from '../patch';
import type { LeafResult } from '../scoring/leaf';
import type { SheetView } from '../sheetView';
import {
  findJudgementView,
  JUDGEMENT_HEADER,
  JUDGEMENT_ORDER,
  JUDGEMENT_SHEET,
  locateJudgementHeader,
  VERDICT_TEXT,
  type JudgementField,
} from '../checklist/sheet';

const HEADER_STYLE = { bold: true, fill: '#DDEBF7', border: true, horizontal: 'center', vertical: 'middle', wrap: true } as const;
const BODY_STYLE = { border: true, wrap: true, vertical: 'top' } as const;

function pointsText(i: ChecklistItem): string {
  if (i.kind === 'deduct') return `扣${i.minPoints && !i.minPoints.eq(i.points) ? `${fmt(i.minPoints)}-` : ''}${fmt(i.points)}分`;
  return fmt(i.points);
}

/** The 得分 cell of a judged item: points earned; a deduction as a negative number; blank when unjudged. */
function scoreValue(leaf: LeafResult, seq: number): CellScalar {
  const j = leaf.checklist?.judged.find((x) => x.item.seq === seq);
  if (!j || j.value === null) return null;
  return toCellNumber(j.item.kind === 'deduct' ? j.value.neg() : j.value);
}

function rowValues(leaf: LeafResult, item: ChecklistItem): Record<JudgementField, CellScalar> {
  const j = leaf.checklist?.judged.find((x) => x.item.seq === item.seq);
  const points = item.kind === 'deduct' ? pointsText(item) : toCellNumber(item.points);
  return {
    name: leaf.leaf.path.join('/'),
    seq: item.seq,
    label: item.label,
    points,
    verdict: j?.verdict ? VERDICT_TEXT[j.verdict] : null,
    score: scoreValue(leaf, item.seq),
    reason: j?.reason || null,
  };
}

export type JudgementSheetOp = { op: SheetEdit; created: null } | { op: SheetCreate; created: string } | null;

/** The op that saves the pane's judgements; null when the pane gave none. */
export function buildJudgementSheetOp(
  views: Map<string, SheetView>,
  leaves: readonly LeafResult[],
  judgements: readonly ItemJudgement[],
  findings: Finding[],
): JudgementSheetOp {
  if (judgements.length === 0) return null;
  const withItems = leaves.filter((l) => l.checklist && l.checklist.items.items.length > 0);
  const touched = withItems.filter((l) => judgements.some((j) => overrideMatches(j, l.leaf.path)));
  if (touched.length === 0) return null;
  const view = findJudgementView(views);
  if (!view) return { op: newSheet(withItems), created: JUDGEMENT_SHEET };
  const header = locateJudgementHeader(view);
  if (!header) {
    findings.push(
      finding('JUDGEMENT_NOT_SAVED', 'warning', `“${view.name}”表找不到“指标/序号/判断”表头，面板中的逐项判断只用于本次评分，未保存到工作簿`, {
        sheet: view.name,
      }),
    );
    return null;
  }
  const cols = { ...header.cols };
  const cells: CellWrite[] = [];
  let nextCol = view.lastCol + 1;
  for (const f of JUDGEMENT_ORDER) {
    if (cols[f] !== undefined) continue;
    cols[f] = nextCol++;
    cells.push({ row: header.row, col: cols[f]!, value: JUDGEMENT_HEADER[f], style: HEADER_STYLE });
  }
  // Existing rows by leaf and item number (a blank 指标 cell continues the one above).
  const rows = new Map<LeafResult, Map<number, number>>();
  let lastName = '';
  for (let r = header.row + 1; r <= view.lastRow; r++) {
    const name = view.text(r, cols.name!) || lastName;
    if (!name) continue;
    lastName = name;
    const path = parseOverridePath(name);
    const leaf = touched.find((l) => overrideMatches({ path }, l.leaf.path));
    if (!leaf) continue;
    const seqText = view.text(r, cols.seq!);
    const label = view.text(r, cols.label!);
    const item = leaf.checklist!.items.items.find((i) => (/^\d+$/.test(seqText) ? i.seq === Number(seqText) : label && i.label === label));
    if (!item) continue;
    const m = rows.get(leaf) ?? rows.set(leaf, new Map()).get(leaf)!;
    if (!m.has(item.seq)) m.set(item.seq, r);
  }
  let nextRow = view.lastRow + 1;
  for (const leaf of touched) {
    const mine = judgements.filter((j) => overrideMatches(j, leaf.leaf.path));
    for (const item of leaf.checklist!.items.items) {
      const values = rowValues(leaf, item);
      const at = rows.get(leaf)?.get(item.seq);
      if (at === undefined) {
        const row = nextRow++;
        for (const f of JUDGEMENT_ORDER) cells.push({ row, col: cols[f]!, value: values[f], style: BODY_STYLE });
        continue;
      }
      // Only the items the pane judged change; the evaluator's wording elsewhere stays.
      if (!mine.some((j) => j.seq === item.seq)) continue;
      for (const f of ['verdict', 'score', 'reason'] as const) cells.push({ row: at, col: cols[f]!, value: values[f] });
    }
  }
  return { op: { kind: 'edit', sheet: view.name, cells, columnWidths: {} }, created: null };
}

function newSheet(leaves: LeafResult[]): SheetCreate {
  const cells: CellWrite[] = JUDGEMENT_ORDER.map((f, i) => ({ row: 1, col: i + 1, value: JUDGEMENT_HEADER[f], style: HEADER_STYLE }));
  let row = 2;
  for (const leaf of leaves) {
    for (const item of leaf.checklist!.items.items) {
      const values = rowValues(leaf, item);
      JUDGEMENT_ORDER.forEach((f, c) => cells.push({ row, col: c + 1, value: values[f], style: BODY_STYLE }));
      row++;
    }
  }
  return {
    kind: 'create',
    sheet: JUDGEMENT_SHEET,
    replace: false,
    cells,
    columnWidths: { 1: 34, 2: 6, 3: 56, 4: 8, 5: 8, 6: 8, 7: 40 },
    freezeRows: 1,
    print: { landscape: true, fitToWidth: true },
  };
}
