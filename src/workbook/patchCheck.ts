/**
 * Everything about a patch that can be checked before anything is written,
 * on a model of the workbook's sheet list replayed in patch order: missing
 * and protected sheets, name collisions, invalid names, cells, merges, array
 * formulas and links. Neither Office.js nor a half-saved file has
 * transactions, so refusing up front is how a failed run writes nothing.
 * Both adapters (Office.js, ExcelJS) check through this module.
 */
import { parseRange, toA1, type RangeAddress } from '../engine/address';
import type { CellStyle, CellWrite, Patch, SheetOp } from '../engine/patch';

const MAX_ROW = 1048576;
const MAX_COL = 16384;
const MAX_TEXT = 32767;
const MAX_FORMULA = 8192;

/** What the check needs to know about a sheet of the workbook. */
export interface CheckSheet {
  name: string;
  visibility: 'visible' | 'hidden' | 'veryHidden';
  protected: boolean;
  merges: RangeAddress[];
  /** Multi-cell array formula ranges (a write inside one would break it); may be a lazy getter. */
  arrays?: RangeAddress[];
}

/** Excel's rules for a sheet name; the reason it is invalid, or null. */
export function sheetNameProblem(name: unknown): string | null {
  if (typeof name !== 'string' || name.trim() === '') return '工作表名称不能为空';
  if (name.length > 31) return `工作表名称“${name}”超过 31 个字符`;
  if (/[[\]:*?/\\]/.test(name)) return `工作表名称“${name}”不能包含 [ ] : * ? / \\ 这些字符`;
  if (name.startsWith("'") || name.endsWith("'")) return `工作表名称“${name}”不能以单引号开头或结尾`;
  if (name.toLowerCase() === 'history') return '“History”是 Excel 保留的工作表名称';
  return null;
}

/** "'附件1'!H12" → { sheet: "附件1", cell: "H12" }; null when it is not sheet!cell. */
export function parseLinkTarget(target: string): { sheet: string; cell: string } | null {
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)$/.exec(target.replace(/^#/, ''));
  if (!m) return null;
  return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], cell: m[3] };
}

const isHex = (s: unknown) => typeof s === 'string' && /^#?[0-9a-fA-F]{6}$/.test(s);

function styleProblem(s: CellStyle): string | null {
  if (s.color !== undefined && !isHex(s.color)) return `字体颜色“${s.color}”不是 #RRGGBB 形式`;
  if (s.fill !== undefined && !isHex(s.fill)) return `填充颜色“${s.fill}”不是 #RRGGBB 形式`;
  if (s.fontSize !== undefined && !(Number.isFinite(s.fontSize) && s.fontSize >= 1 && s.fontSize <= 409)) return `字号 ${s.fontSize} 超出 1-409`;
  return null;
}

const inside = (r: RangeAddress, row: number, col: number) => row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;

/** Merged areas by row (areas taller than TALL rows kept apart), so a write is checked against its row's areas only. */
interface MergeIndex {
  length: number;
  byRow: Map<number, number[]>;
  tall: number[];
}
const TALL = 1000;
const mergeIndexes = new WeakMap<RangeAddress[], MergeIndex>();

/** The first merged area (in list order) that holds (row, col) other than at its top-left cell. */
function mergeCovering(merges: RangeAddress[], row: number, col: number): RangeAddress | undefined {
  const hit = (m: RangeAddress) => inside(m, row, col) && !(m.top === row && m.left === col);
  if (merges.length < 16) return merges.find(hit);
  let idx = mergeIndexes.get(merges);
  if (!idx || idx.length !== merges.length) {
    idx = { length: merges.length, byRow: new Map(), tall: [] };
    merges.forEach((m, i) => {
      if (m.bottom - m.top >= TALL) idx!.tall.push(i);
      else
        for (let r = m.top; r <= m.bottom; r++) {
          const list = idx!.byRow.get(r);
          if (list) list.push(i);
          else idx!.byRow.set(r, [i]);
        }
    });
    mergeIndexes.set(merges, idx);
  }
  let best = -1;
  for (const i of idx.byRow.get(row) ?? [])
    if (hit(merges[i])) {
      best = i;
      break;
    }
  for (const i of idx.tall) {
    if (best !== -1 && i > best) break;
    if (hit(merges[i])) {
      best = i;
      break;
    }
  }
  return best === -1 ? undefined : merges[best];
}

function cellProblem(w: CellWrite, sheet: CheckSheet, links: { sheet: string; where: string }[]): string | null {
  if (!w || !Number.isInteger(w.row) || !Number.isInteger(w.col) || w.row < 1 || w.col < 1 || w.row > MAX_ROW || w.col > MAX_COL) {
    return `单元格坐标无效（行 ${w?.row}，列 ${w?.col}）`;
  }
  const at = toA1(w.row, w.col);
  const hasFormula = w.formula !== undefined && w.formula !== null;
  if (hasFormula) {
    if (typeof w.formula !== 'string' || !w.formula.startsWith('=') || w.formula.length < 2) return `${at} 的公式必须以“=”开头`;
    if (w.formula.length > MAX_FORMULA) return `${at} 的公式超过 ${MAX_FORMULA} 个字符`;
  }
  const v = w.value;
  if (v !== undefined && v !== null) {
    if (typeof v === 'number' && !Number.isFinite(v)) return `${at} 的数值无效（${v}）`;
    if (typeof v === 'string' && v.length > MAX_TEXT) return `${at} 的文本超过 ${MAX_TEXT} 个字符`;
    if (!['number', 'string', 'boolean'].includes(typeof v)) return `${at} 的值类型无效`;
  }
  if (w.numberFormat !== undefined && (typeof w.numberFormat !== 'string' || w.numberFormat === '')) return `${at} 的数字格式无效`;
  if (w.style) {
    const p = styleProblem(w.style);
    if (p) return `${at}：${p}`;
  }
  const hasLink = w.link !== undefined && w.link !== null && !hasFormula;
  if (hasLink) {
    const l = typeof w.link === 'string' ? parseLinkTarget(w.link) : null;
    if (!l) return `${at} 的链接目标“${w.link}”不是“工作表!单元格”形式`;
    links.push({ sheet: l.sheet, where: `${sheet.name}!${at}` });
  }
  const writesContent = hasFormula || (v !== undefined && v !== null) || hasLink;
  if (writesContent) {
    const merge = mergeCovering(sheet.merges, w.row, w.col);
    if (merge) return `${at} 位于合并区域 ${toA1(merge.top, merge.left)}:${toA1(merge.bottom, merge.right)} 内（非左上角），不能单独写入内容`;
  }
  if ((writesContent || v === null || w.clear) && sheet.arrays) {
    const arr = sheet.arrays.find((r) => inside(r, w.row, w.col));
    if (arr) return `${at} 位于数组公式区域 ${toA1(arr.top, arr.left)}:${toA1(arr.bottom, arr.right)} 内，不能只修改其中一部分`;
  }
  return null;
}

function widthsProblem(widths: Record<number, number> | undefined): string | null {
  for (const [k, w] of Object.entries(widths ?? {})) {
    const col = Number(k);
    if (!Number.isInteger(col) || col < 1 || col > MAX_COL) return `列宽的列号无效（${k}）`;
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0 || w > 255) return `第 ${col} 列的列宽 ${w} 超出 0-255`;
  }
  return null;
}

function mergeRanges(merges: string[] | undefined): { error: string | null; ranges: RangeAddress[] } {
  const ranges: RangeAddress[] = [];
  for (const a1 of merges ?? []) {
    const r = typeof a1 === 'string' ? parseRange(a1) : null;
    if (!r || r.bottom > MAX_ROW || r.right > MAX_COL) return { error: `合并区域“${a1}”无效`, ranges };
    if (r.top === r.bottom && r.left === r.right) continue;
    if (ranges.some((o) => r.top <= o.bottom && r.bottom >= o.top && r.left <= o.right && r.right >= o.left)) {
      return { error: `合并区域“${a1}”与其他合并区域重叠`, ranges };
    }
    ranges.push(r);
  }
  return { error: null, ranges };
}

function opProblem(op: SheetOp, sheets: Map<string, CheckSheet>, links: { sheet: string; where: string }[]): string | null {
  if (!op || typeof op !== 'object' || !['edit', 'create', 'delete'].includes(op.kind)) return '补丁中有无法识别的操作';
  const nameProblem = sheetNameProblem(op.sheet);
  if (nameProblem) return nameProblem;
  const key = op.sheet.toLowerCase();
  const existing = sheets.get(key);

  if (op.kind === 'delete') {
    if (!existing) return `要删除的工作表“${op.sheet}”不存在`;
    sheets.delete(key);
    return null;
  }

  let target: CheckSheet;
  if (op.kind === 'edit') {
    if (!existing) return `工作表“${op.sheet}”不存在`;
    if (existing.protected) return `工作表“${existing.name}”受保护，无法写入；请先在“审阅”选项卡中撤销工作表保护后再试`;
    target = existing;
  } else {
    if (existing && !op.replace) return `工作表“${existing.name}”已存在，不能重复创建`;
    if (op.after !== undefined) {
      if (op.after.toLowerCase() === key) return `工作表“${op.sheet}”不能放在它自己之后`;
      if (!sheets.has(op.after.toLowerCase())) return `工作表“${op.after}”不存在，无法把“${op.sheet}”放在它之后`;
    }
    if (op.visibility !== undefined && !['visible', 'hidden', 'veryHidden'].includes(op.visibility)) return `工作表“${op.sheet}”的可见性“${op.visibility}”无效`;
    if (op.freezeRows !== undefined && !(Number.isInteger(op.freezeRows) && op.freezeRows >= 0 && op.freezeRows < MAX_ROW)) {
      return `工作表“${op.sheet}”的冻结行数 ${op.freezeRows} 无效`;
    }
    const m = mergeRanges(op.merges);
    if (m.error) return `工作表“${op.sheet}”：${m.error}`;
    if (existing) sheets.delete(key);
    target = { name: op.sheet, visibility: op.visibility ?? 'visible', protected: false, merges: m.ranges, arrays: [] };
    sheets.set(key, target);
  }

  const widths = widthsProblem(op.columnWidths);
  if (widths) return `工作表“${op.sheet}”：${widths}`;
  if (!Array.isArray(op.cells)) return `工作表“${op.sheet}”的单元格列表无效`;
  for (const w of op.cells) {
    const p = cellProblem(w, target, links);
    if (p) return `工作表“${target.name}”：${p}`;
  }
  return null;
}

/** Null when the patch can be applied in full to a workbook with these sheets; otherwise the Chinese reason. */
export function checkPatch(sheetsBefore: readonly CheckSheet[], patch: Patch): string | null {
  if (!patch || !Array.isArray(patch.ops)) return '补丁格式无效';
  const sheets = new Map<string, CheckSheet>();
  for (const s of sheetsBefore) sheets.set(s.name.toLowerCase(), s);
  const links: { sheet: string; where: string }[] = [];
  for (const op of patch.ops) {
    const p = opProblem(op, sheets, links);
    if (p) return p;
  }
  for (const l of links) {
    if (!sheets.has(l.sheet.toLowerCase())) return `${l.where} 的链接指向不存在的工作表“${l.sheet}”`;
  }
  if (patch.ops.length > 0 && ![...sheets.values()].some((s) => s.visibility === 'visible')) {
    return '操作后工作簿中没有可见的工作表（Excel 要求至少保留一个）';
  }
  return null;
}
