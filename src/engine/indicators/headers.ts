/**
 * Locating the header of an indicator table and the role of each column.
 * Headers span several rows with merged cells (评价指标 over 一级指标 over
 * 名称|权重), use many synonyms, and repeat after page breaks.
 */
import { normName } from '../text';
import type { SheetView } from '../sheetView';
import { LEVEL_ROLES, MAX_ROLE, type ColumnRole, type HeaderInfo, type LevelRole } from './model';

type LabelKind = ColumnRole | 'max' | 'maxOrTarget' | 'name' | 'parent';

/** Header synonyms, most specific first (扣分说明 before 扣分, 得分率 before 得分). */
const SYNONYMS: [LabelKind, string[]][] = [
  ['seq', ['序号', '编号']],
  ['note', ['扣分说明', '扣分情况说明', '扣分原因', '扣分情况', '扣分理由', '扣分依据', '扣分原因说明']],
  ['rate', ['得分率', '得分比率']],
  ['subtotal', ['小计', '得分小计', '合计得分']],
  ['deduction', ['扣分', '扣减分值', '扣分值', '扣分分值']],
  ['score', ['得分', '评价得分', '指标得分', '指标得分情况', '实际得分', '评分', '最终得分', '评价分', '复核得分', '评定得分', '自评得分']],
  ['target', ['年度指标值', '目标值', '指标目标值', '预期目标', '预期目标值', '绩效目标值', '计划值', '年度目标值', '预期值', '目标']],
  ['actual', ['实际值', '实际完成值', '完成值', '实际完成', '实际完成情况', '实际数', '实际完成数', '完成情况', '实际']],
  ['maxOrTarget', ['指标值']],
  ['max', ['分值', '权重', '指标分值', '标准分值', '满分', '标准分', '分数', '权重分', '指标权重', '权重分值', '分值权重', '指标分']],
  ['explanation', ['指标解释', '指标内涵', '指标含义', '指标定义', '指标释义']],
  ['description', ['指标说明', '评价要点', '考核要点', '评价内容', '考核内容', '指标要点']],
  [
    'rule',
    ['评分标准', '评价标准', '评分细则', '评分办法', '计分方法', '评分方法', '评分规则', '考核标准', '评分要点及标准', '评价标准及分值', '评分标准及方法'],
  ],
  ['evidence', ['评分依据', '依据', '得分情况', '评价依据', '得分依据', '评价情况', '得分说明', '评价结果', '评分说明', '评价说明', '完成情况说明']],
  ['source', ['依据来源', '数据来源', '资料来源', '证据来源']],
  ['method', ['证据收集方式', '取数方式', '数据收集方式', '收集方式', '取证方式']],
  ['level1', ['一级指标']],
  ['level2', ['二级指标']],
  ['level3', ['三级指标']],
  ['name', ['名称', '指标名称', '指标']],
  ['parent', ['评价指标', '指标体系', '绩效指标', '考核指标']],
];

/** Drop unit/annotation suffixes: "分值（分）", "得分(100分)". */
function stripSuffix(label: string): string {
  return label.replace(/[（(][^）)]*[)）]$/, '');
}

/** Synonym -> kind, the first (most specific) list naming a word winning: one lookup instead of a scan per cell. */
const KIND_OF = new Map<string, LabelKind>();
for (const [kind, words] of SYNONYMS) for (const w of words) if (!KIND_OF.has(w)) KIND_OF.set(w, kind);

/**
 * Characters a label can start with: some synonym's first character, or 一/二/三 of "一级指标…".
 * All are CJK, which normName leaves as they are, so the first character that normName keeps
 * (not whitespace or invisible) decides: a body cell (rule text, number) is rejected without normalising it.
 */
const FIRST_CHARS = new Set<string>(['一', '二', '三', ...[...KIND_OF.keys()].map((w) => w[0])]);
const FIRST_KEPT = /[^\s\u200b-\u200d\u00ad]/;

export function classifyLabel(text: string): LabelKind | null {
  const at = text.search(FIRST_KEPT);
  if (at < 0 || !FIRST_CHARS.has(text[at])) return null;
  const n = stripSuffix(normName(text));
  if (!n) return null;
  const kind = KIND_OF.get(n);
  if (kind) return kind;
  // "一级指标名称", "三级指标(分值)" and the like.
  const lv = /^(一|二|三)级指标/.exec(n);
  if (lv) {
    const level = ({ 一: 'level1', 二: 'level2', 三: 'level3' } as const)[lv[1] as '一' | '二' | '三'];
    if (/(分值|权重)$/.test(n)) return MAX_ROLE[level];
    return level;
  }
  return null;
}

/** How many cells of the row read as header labels. */
function headerHits(view: SheetView, row: number): { hits: number; levels: number; numbers: number } {
  let hits = 0;
  let levels = 0;
  let numbers = 0;
  for (let c = view.firstCol; c <= view.lastCol; c++) {
    if (!view.isAnchor(row, c)) continue;
    const v = view.value(row, c);
    if (typeof v === 'number') numbers++;
    if (typeof v !== 'string') continue;
    const k = classifyLabel(v);
    if (!k) continue;
    hits++;
    if (k === 'level1' || k === 'level2' || k === 'level3') levels++;
  }
  return { hits, levels, numbers };
}

/**
 * Find the header block: the first row with at least three labels (one of
 * them a level or a rule/score column), extended downwards over rows that are
 * still labels (名称|权重) or covered by the header's vertical merges.
 */
export function findHeader(view: SheetView, fromRow?: number): HeaderInfo | null {
  const start = fromRow ?? view.firstRow;
  const limit = Math.min(view.lastRow, start + 60);
  for (let r = start; r <= limit; r++) {
    const h = headerHits(view, r);
    if (h.hits < 2 || h.numbers > 1) continue;
    let bottom = r;
    for (let next = r + 1; next <= Math.min(view.lastRow, r + 4); next++) {
      const hn = headerHits(view, next);
      const mergedDown = rowCoveredFromAbove(view, next, r);
      if (hn.numbers === 0 && (hn.hits >= 2 || (hn.hits >= 1 && mergedDown))) bottom = next;
      else break;
    }
    const info = resolveColumns(view, r, bottom);
    if (info) return info;
  }
  return null;
}

/** True when some cell of `row` is inside a merge that starts on a header row at or below `top`. */
function rowCoveredFromAbove(view: SheetView, row: number, top: number): boolean {
  for (let c = view.firstCol; c <= view.lastCol; c++) {
    const m = view.coveredBy(row, c);
    if (m && m.top >= top && m.top < row) return true;
  }
  return false;
}

function resolveColumns(view: SheetView, top: number, bottom: number): HeaderInfo | null {
  const columns: Partial<Record<ColumnRole, number>> = {};
  const labels: Record<number, string> = {};
  const pendingMax: number[] = [];
  const maxOrTarget: number[] = [];
  let lastCol = view.firstCol;
  for (let c = view.firstCol; c <= view.lastCol; c++) {
    const path: string[] = [];
    for (let r = top; r <= bottom; r++) {
      const t = view.text(r, c);
      if (t && path[path.length - 1] !== t) path.push(t);
    }
    if (path.length === 0) continue;
    labels[c] = path.join('/');
    lastCol = c;
    const kinds = path.map(classifyLabel);
    const bottomKind = kinds[kinds.length - 1];
    const levelAbove = [...kinds].reverse().find((k) => k === 'level1' || k === 'level2' || k === 'level3') as LevelRole | undefined;
    let role: ColumnRole | null = null;
    if ((bottomKind === 'name' || bottomKind === 'parent') && levelAbove) role = levelAbove;
    else if (bottomKind === 'max' && levelAbove) role = MAX_ROLE[levelAbove];
    else if (bottomKind === 'max') pendingMax.push(c);
    else if (bottomKind === 'maxOrTarget') maxOrTarget.push(c);
    else if (bottomKind && bottomKind !== 'name' && bottomKind !== 'parent') role = bottomKind as ColumnRole;
    if (role && columns[role] === undefined) columns[role] = c;
  }
  // A bare "指标名称" column with no level columns is the leaf column.
  const levels = LEVEL_ROLES.filter((l) => columns[l] !== undefined);
  if (levels.length === 0) {
    for (let c = view.firstCol; c <= view.lastCol; c++) {
      const k = labels[c] ? classifyLabel(labels[c].split('/').pop()!) : null;
      if (k === 'name') {
        columns.level3 = c;
        levels.push('level3');
        break;
      }
    }
  }
  if (levels.length === 0) return null;
  // 分值/权重 without a level above belongs to the nearest level column to its left without a max.
  for (const c of [...pendingMax, ...maxOrTarget.filter(() => true)]) {
    const isAmbiguous = maxOrTarget.includes(c);
    const left = levels.filter((l) => (columns[l] as number) < c).sort((a, b) => (columns[b] as number) - (columns[a] as number));
    const free = left.find((l) => columns[MAX_ROLE[l]] === undefined);
    if (free && (!isAmbiguous || left[0] === free)) columns[MAX_ROLE[free]] = c;
    else if (isAmbiguous && columns.target === undefined) columns.target = c;
  }
  const hasPayload =
    columns.max1 !== undefined || columns.max2 !== undefined || columns.max3 !== undefined || columns.rule !== undefined || columns.score !== undefined;
  if (!hasPayload) return null;
  return { top, bottom, columns, labels, levels, lastCol };
}

const headerParts = new WeakMap<HeaderInfo, [number, Set<string>][]>();

/** A row that repeats the header (page break in an export): most label cells equal the header's. */
export function isRepeatedHeader(view: SheetView, row: number, header: HeaderInfo): boolean {
  let parts = headerParts.get(header);
  if (!parts) {
    parts = Object.entries(header.labels).map(([c, label]) => [Number(c), new Set(label.split('/'))]);
    headerParts.set(header, parts);
  }
  let same = 0;
  let labelsSeen = 0;
  for (const [c, set] of parts) {
    const v = view.value(row, c);
    if (typeof v !== 'string') continue;
    const t = view.text(row, c);
    if (!t) continue;
    if (set.has(t)) same++;
    if (classifyLabel(t)) labelsSeen++;
    if (same >= 2 || labelsSeen >= 3) return true;
  }
  return false;
}
