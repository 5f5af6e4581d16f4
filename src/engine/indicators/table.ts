/**
 * Reading the body of an indicator table into a tree. Merged or blank level
 * cells mean "same as above"; repeated headers and page titles are skipped;
 * 合计/小计/评价等次/综合 rows are kept aside; page-break continuation rows are
 * folded into the leaf above.
 */
import { toA1 } from '../address';
import { Decimal } from '../decimal';
import { finding, type Finding } from '../findings';
import { parseQuantity } from '../quantity';
import type { SheetView } from '../sheetView';
import { isRepeatedHeader } from './headers';
import {
  MAX_ROLE,
  type CellInput,
  type ColumnRole,
  type GroupNode,
  type HeaderInfo,
  type IndicatorNode,
  type IndicatorTable,
  type LeafNode,
  type LevelRole,
  type SpecialRow,
} from './model';
import { classifySpecialLabel, isTitleText, parseIndicatorName } from './names';

const TEXT_ROLES: ColumnRole[] = ['rule', 'explanation', 'description', 'evidence', 'source', 'method', 'note'];
const CELL_ROLES: ColumnRole[] = ['score', 'deduction', 'note', 'actual', 'target', 'rule', 'rate', 'subtotal', 'evidence', 'max4', 'max3', 'max2', 'max1'];

export interface TableParse {
  table: IndicatorTable;
  findings: Finding[];
}

export function cellInput(view: SheetView, row: number, col: number): CellInput {
  return {
    row,
    col,
    value: view.raw(row, col),
    numberFormat: view.numberFormat(row, col),
    formula: view.formula(row, col),
  };
}

/** A max-points cell: a number, or text that reads as one ("5分"). */
function readMax(
  view: SheetView,
  row: number,
  col: number | undefined,
  findings: Finding[],
): { max: Decimal | null; cell: { row: number; col: number } | null } {
  if (col === undefined) return { max: null, cell: null };
  const v = view.value(row, col);
  const r = parseQuantity(v, view.numberFormat(row, col));
  if (r.ok) {
    if (r.q.unit === 'percent') return { max: r.q.value.times(100), cell: { row, col } };
    return { max: r.q.value, cell: { row, col } };
  }
  if (!r.empty && v !== '-' && v !== '—') {
    findings.push(finding('MAX_NOT_A_NUMBER', 'error', `分值单元格无法读取为数字：${r.reason}`, { sheet: view.name, cell: toA1(row, col) }));
  }
  return { max: null, cell: null };
}

/**
 * Grades side by side (优 | 良 | 中 | 差, each with its condition and points) as one rule text:
 * "资金到位率100%，得10分；资金到位率90%（含）-100%，得8分；…", which the rule grammar reads as bands.
 * Points come from the grade's 分值 sub-column, from the condition itself ("…（10分）"), or from
 * the header ("优（10分）", "良(80%)" of the max). Null when a grade has a condition but no points.
 */
export function gradeRuleText(view: SheetView, row: number, header: HeaderInfo, max: Decimal | null): string | null {
  const parts: string[] = [];
  for (const g of header.grades ?? []) {
    const cond = view.text(row, g.col).replace(/[。；;，,\s]+$/, '');
    if (!cond) continue;
    if (/[得计记]\s*\d+(\.\d+)?\s*分|不得分|得满分/.test(cond)) {
      parts.push(cond);
      continue;
    }
    let points: Decimal | null = null;
    const inline = /[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]$/.exec(cond);
    if (g.pointsCol !== undefined) {
      const q = parseQuantity(view.value(row, g.pointsCol), view.numberFormat(row, g.pointsCol));
      if (q.ok) points = q.q.value;
    }
    if (!points && inline) points = new Decimal(inline[1]);
    if (!points && g.points) points = new Decimal(g.points);
    if (!points && g.share && max) points = max.times(g.share);
    if (!points) return null;
    const text = inline ? cond.slice(0, inline.index).trim() : cond;
    parts.push(points.isZero() ? `${text}，不得分` : `${text}，得${points.toString()}分`);
  }
  return parts.length >= 2 ? parts.join('；') : null;
}

export function parseIndicatorTable(view: SheetView, header: HeaderInfo, endRow: number = view.lastRow): TableParse {
  const findings: Finding[] = [];
  const cols = header.columns;
  const levels = header.levels;
  const leafRole: LevelRole = levels[levels.length - 1];
  const groupRoles = levels.slice(0, -1);
  const leafCol = cols[leafRole] as number;
  const roots: IndicatorNode[] = [];
  const leaves: LeafNode[] = [];
  const specialRows: SpecialRow[] = [];
  const skippedRows: number[] = [];
  const open: (GroupNode | null)[] = groupRoles.map(() => null);
  let lastLeaf: LeafNode | null = null;
  let title = '';

  for (let r = view.firstRow; r < header.top; r++) {
    for (let c = view.firstCol; c <= view.lastCol; c++) {
      const v = view.value(r, c);
      if (typeof v === 'string' && v.trim()) {
        title = v.replace(/\s*\n\s*/g, '').trim();
        break;
      }
    }
    if (title) break;
  }

  for (const bad of view.badMerges) {
    findings.push(finding('BAD_MERGE', 'warning', `合并单元格区域“${bad}”无法识别，已忽略`, { sheet: view.name }));
  }

  const labelCols = Object.keys(header.labels).map(Number);
  const firstLabelCol = Math.min(...labelCols);
  // The roles this header has, with their columns, resolved once. The row loop below runs for
  // every row of the sheet, so it uses index loops: they allocate no iterators before it is optimised.
  const textCols = TEXT_ROLES.filter((role) => cols[role] !== undefined).map((role) => ({ role, col: cols[role] as number }));
  const cellCols = CELL_ROLES.filter((role) => cols[role] !== undefined).map((role) => ({ role, col: cols[role] as number }));
  const extendOpenGroups = (row: number) => {
    for (let j = 0; j < open.length; j++) {
      const g = open[j];
      if (g) g.lastRow = Math.max(g.lastRow, row);
    }
  };

  for (let row = header.bottom + 1; row <= endRow; row++) {
    if (view.rowIsEmpty(row)) continue;
    if (isRepeatedHeader(view, row, header)) {
      skippedRows.push(row);
      continue;
    }
    const texts = distinctTexts(view, row);
    if ((texts.length > 0 && texts.length <= 2 && texts.every((t) => isTitleText(t))) || isBannerRow(view, row, header)) {
      skippedRows.push(row);
      continue;
    }

    const special = findSpecialLabel(view, row, header, firstLabelCol, leafCol);
    if (special) {
      specialRows.push(buildSpecialRow(view, row, header, special));
      continue;
    }

    // Level groups: a non-empty anchor cell starts a group; blank or merged means same as above.
    let groupStartedHere = false;
    groupRoles.forEach((role, i) => {
      const col = cols[role] as number;
      if (!view.isAnchor(row, col)) return;
      const text = view.rawText(row, col);
      if (!text) return;
      const parsed = parseIndicatorName(text);
      const current = open[i];
      if (current && current.name === parsed.name && !view.mergeStartingAt(row, col) && !(parsed.max && !current.max)) return;
      const maxRead = readMax(view, row, cols[MAX_ROLE[role]], findings);
      const group: GroupNode = {
        kind: 'group',
        level: i + 1,
        name: parsed.name,
        rawName: text,
        max: maxRead.max ?? parsed.max,
        maxCell: maxRead.cell ?? (parsed.max ? { row, col } : null),
        nameCell: { row, col },
        firstRow: row,
        lastRow: row,
        children: [],
      };
      if (maxRead.max && parsed.max && !maxRead.max.eq(parsed.max)) {
        findings.push(
          finding(
            'NAME_MAX_CONFLICT',
            'warning',
            `“${text}”名称中的分值${parsed.max.toString()}与分值列${maxRead.max.toString()}不一致`,
            { sheet: view.name, cell: toA1(row, col) },
            { expected: parsed.max.toString(), actual: maxRead.max.toString() },
          ),
        );
      }
      const parent = i === 0 ? null : open[i - 1];
      if (parent) parent.children.push(group);
      else roots.push(group);
      open[i] = group;
      for (let j = i + 1; j < open.length; j++) open[j] = null;
      groupStartedHere = true;
    });

    const leafAnchor = view.isAnchor(row, leafCol);
    const leafText = leafAnchor ? view.rawText(row, leafCol) : '';
    if (leafText) {
      const parsed = parseIndicatorName(leafText);
      const maxCol = cols[MAX_ROLE[leafRole]];
      const maxRead = readMax(view, row, maxCol, findings);
      const path: string[] = [];
      for (let j = 0; j < open.length; j++) if (open[j]) path.push(open[j]!.name);
      path.push(parsed.name);
      const leaf: LeafNode = {
        kind: 'leaf',
        level: levels.length,
        name: parsed.name,
        rawName: leafText,
        path,
        max: maxRead.max ?? parsed.max,
        maxCell: maxRead.cell ?? (parsed.max ? { row, col: leafCol } : null),
        nameCell: { row, col: leafCol },
        row,
        lastRow: row,
        texts: {},
        cells: {},
      };
      if (maxRead.max && parsed.max && !maxRead.max.eq(parsed.max)) {
        findings.push(
          finding('NAME_MAX_CONFLICT', 'warning', `“${leafText}”名称中的分值${parsed.max.toString()}与分值列${maxRead.max.toString()}不一致`, {
            sheet: view.name,
            cell: toA1(row, leafCol),
          }),
        );
      }
      for (let k = 0; k < textCols.length; k++) {
        const t = view.text(row, textCols[k].col);
        if (t) leaf.texts[textCols[k].role] = t;
      }
      for (let k = 0; k < cellCols.length; k++) leaf.cells[cellCols[k].role] = cellInput(view, row, cellCols[k].col);
      if (header.grades && !leaf.texts.rule) {
        const composed = gradeRuleText(view, row, header, leaf.max);
        if (composed) {
          leaf.texts.rule = composed;
          leaf.cells.rule = cellInput(view, row, header.grades[0].col);
        }
      }
      let deepest: GroupNode | null = null;
      for (let j = open.length - 1; j >= 0 && !deepest; j--) deepest = open[j];
      if (deepest) deepest.children.push(leaf);
      else roots.push(leaf);
      extendOpenGroups(row);
      leaves.push(leaf);
      lastLeaf = leaf;
      continue;
    }

    if (groupStartedHere) continue;
    // A row with no leaf name under a leaf: merged continuation or a page-break split of its texts.
    if (lastLeaf) {
      const covered = view.coveredBy(row, leafCol);
      let appended = false;
      for (const { role, col: c } of textCols) {
        if (!view.isAnchor(row, c)) continue;
        const t = view.text(row, c);
        if (!t) continue;
        const before = lastLeaf.texts[role];
        lastLeaf.texts[role] = before ? joinContinuation(before, t) : t;
        appended = true;
      }
      if (covered || appended) {
        lastLeaf.lastRow = row;
        extendOpenGroups(row);
      }
    }
  }

  attachSubtotalCells(view, header, roots);

  for (const leaf of leaves) {
    if (!leaf.max) {
      findings.push(
        finding('LEAF_MAX_MISSING', 'warning', `指标“${leaf.name}”没有分值`, {
          sheet: view.name,
          cell: toA1(leaf.row, leaf.nameCell.col),
        }),
      );
    }
  }

  return {
    table: { sheet: view.name, header, title, roots, leaves, specialRows, skippedRows },
    findings,
  };
}

/**
 * A running page header or banner repeated by page breaks ("2020年度…评价报告"):
 * one text, merged across several of the table's columns, nothing else on the row.
 */
function isBannerRow(view: SheetView, row: number, header: HeaderInfo): boolean {
  let anchor: { col: number } | null = null;
  for (let c = view.firstCol; c <= view.lastCol; c++) {
    if (!view.isAnchor(row, c) || view.raw(row, c) === null || view.raw(row, c) === '') continue;
    if (anchor || typeof view.raw(row, c) !== 'string') return false;
    anchor = { col: c };
  }
  if (!anchor) return false;
  const m = view.mergeStartingAt(row, anchor.col);
  const levelCols = header.levels.map((l) => header.columns[l] as number);
  return !!m && m.right - m.left >= 2 && levelCols.filter((c) => c >= m.left && c <= m.right).length >= 2;
}

/** PDF splits words across rows: join CJK directly, other text with a space. */
function joinContinuation(a: string, b: string): string {
  return /[\u4e00-\u9fff，。；、]$/.test(a) && /^[\u4e00-\u9fff，。；、）)]/.test(b) ? a + b : `${a} ${b}`;
}

function distinctTexts(view: SheetView, row: number): string[] {
  const out: string[] = [];
  for (let c = view.firstCol; c <= view.lastCol; c++) {
    if (!view.isAnchor(row, c)) continue;
    const t = view.rawText(row, c);
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}

/** 合计/小计/评价等次/综合得分 in one of the label columns (left of the leaf's payload). */
function findSpecialLabel(
  view: SheetView,
  row: number,
  header: HeaderInfo,
  firstLabelCol: number,
  leafCol: number,
): { col: number; kind: NonNullable<ReturnType<typeof classifySpecialLabel>>; label: string } | null {
  const limit = Math.max(leafCol, header.columns.max3 ?? leafCol);
  for (let c = Math.min(firstLabelCol, view.firstCol); c <= limit; c++) {
    if (!view.isAnchor(row, c)) continue;
    if (typeof view.raw(row, c) !== 'string') continue;
    const t = view.rawText(row, c);
    const kind = classifySpecialLabel(t);
    if (kind) return { col: c, kind, label: t.replace(/[:：]\s*$/, '') };
  }
  return null;
}

function buildSpecialRow(view: SheetView, row: number, header: HeaderInfo, s: { col: number; kind: SpecialRow['kind']; label: string }): SpecialRow {
  const cells: SpecialRow['cells'] = {};
  for (const [role, col] of Object.entries(header.columns) as [ColumnRole, number][]) {
    cells[role] = cellInput(view, row, col);
  }
  const rest: string[] = [];
  for (let c = s.col + 1; c <= view.lastCol; c++) {
    if (!view.isAnchor(row, c)) continue;
    if (typeof view.raw(row, c) === 'string' && view.rawText(row, c)) rest.push(view.rawText(row, c));
  }
  return { kind: s.kind, row, label: s.label, text: rest.join(' '), cells };
}

/** A 小计 column: its merged cells span exactly one group's rows. */
function attachSubtotalCells(view: SheetView, header: HeaderInfo, roots: IndicatorNode[]): void {
  const col = header.columns.subtotal;
  if (col === undefined) return;
  const groups: GroupNode[] = [];
  const walk = (nodes: IndicatorNode[]) => {
    for (const n of nodes)
      if (n.kind === 'group') {
        groups.push(n);
        walk(n.children);
      }
  };
  walk(roots);
  for (const g of groups.sort((a, b) => b.level - a.level)) {
    const m = view.mergeStartingAt(g.firstRow, col);
    const spans = m ? m.top === g.firstRow && m.bottom === g.lastRow : g.firstRow === g.lastRow;
    if (spans && !groups.some((o) => o !== g && o.subtotalCell && o.subtotalCell.row === g.firstRow && o.level > g.level)) {
      g.subtotalCell = { row: g.firstRow, col };
    }
  }
}
