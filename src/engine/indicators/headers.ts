/**
 * Locating the header of an indicator table and the role of each column.
 * Headers span several rows with merged cells (评价指标 over 一级指标 over
 * 名称|权重), use many synonyms, and repeat after page breaks.
 */
import { normName } from '../text';
import type { SheetView } from '../sheetView';
import { LEVEL_ROLES, MAX_ROLE, type ColumnRole, type GradeColumn, type HeaderInfo, type LevelRole } from './model';

/**
 * name: a name column (指标名称, 项目, 评分指标); parent: a heading over level columns that is a
 * name column when no level headers exist (考核指标, 评价指标); nameOrText: a name column or a
 * text column depending on what its cells hold (考核内容, 评价要点); grade: one of 优/良/中/差.
 */
type LabelKind = ColumnRole | 'max' | 'maxOrTarget' | 'name' | 'parent' | 'nameOrText' | 'grade';

/** Header synonyms, most specific first (扣分说明 before 扣分, 得分率 before 得分). */
const SYNONYMS: [LabelKind, string[]][] = [
  ['seq', ['序号', '编号']],
  [
    'note',
    [
      '扣分说明',
      '扣分情况说明',
      '扣分原因',
      '扣分情况',
      '扣分理由',
      '扣分依据',
      '扣分原因说明',
      '扣分原因和其他说明',
      '扣分原因及其他说明',
      '扣分原因分析',
      '偏差原因分析及改进措施',
      '偏差原因分析',
      '偏差原因',
      '未完成原因分析',
      '未完成原因',
      '原因分析',
    ],
  ],
  ['rate', ['得分率', '得分比率']],
  ['subtotal', ['小计', '得分小计', '合计得分']],
  ['deduction', ['扣分', '扣减分值', '扣分值', '扣分分值']],
  [
    'score',
    [
      '得分',
      '评价得分',
      '指标得分',
      '指标得分情况',
      '实际得分',
      '评分',
      '最终得分',
      '评价分',
      '复核得分',
      '评定得分',
      '自评得分',
      '考评得分',
      '考核得分',
      '自评分',
      '自评分数',
    ],
  ],
  [
    'target',
    [
      '年度指标值',
      '目标值',
      '指标目标值',
      '预期目标',
      '预期目标值',
      '绩效目标值',
      '计划值',
      '年度目标值',
      '预期值',
      '目标',
      '年度工作目标',
      '工作目标',
      '年度目标',
    ],
  ],
  ['actual', ['实际值', '实际完成值', '完成值', '实际完成', '实际完成情况', '实际数', '实际完成数', '完成情况', '实际', '全年实际值', '全年完成值']],
  ['maxOrTarget', ['指标值']],
  ['max', ['分值', '权重', '指标分值', '标准分值', '满分', '标准分', '分数', '权重分', '指标权重', '权重分值', '分值权重', '指标分', '权数', '权值']],
  ['explanation', ['指标解释', '指标内涵', '指标含义', '指标定义', '指标释义']],
  ['description', ['指标说明', '考核要点', '指标要点']],
  ['nameOrText', ['考核内容', '评价内容', '评价要点', '内容']],
  [
    'rule',
    [
      '评分标准',
      '评价标准',
      '评分细则',
      '评分办法',
      '计分方法',
      '评分方法',
      '评分规则',
      '考核标准',
      '评分要点及标准',
      '评价标准及分值',
      '评分标准及方法',
      '得分计算方法',
      '考评细则',
      '考核细则',
    ],
  ],
  [
    'evidence',
    [
      '评分依据',
      '依据',
      '得分情况',
      '评价依据',
      '得分依据',
      '评价情况',
      '得分说明',
      '评价结果',
      '评分说明',
      '评价说明',
      '完成情况说明',
      '备注',
      '考评说明',
      '自评说明',
    ],
  ],
  ['source', ['依据来源', '数据来源', '资料来源', '证据来源']],
  ['method', ['证据收集方式', '取数方式', '数据收集方式', '收集方式', '取证方式']],
  ['level1', ['一级指标']],
  ['level2', ['二级指标']],
  ['level3', ['三级指标']],
  ['level4', ['四级指标']],
  ['name', ['名称', '指标名称', '指标', '项目', '评分指标', '考核项目', '评价项目', '考评项目', '考核指标名称']],
  ['parent', ['评价指标', '指标体系', '绩效指标', '考核指标']],
  ['grade', ['优', '良', '中', '差', '优秀', '良好', '一般', '较差', '合格', '不合格', '及格', '不及格']],
];

const GRADE_LABELS = new Set(['优', '良', '中', '差', '优秀', '良好', '一般', '较差', '合格', '不合格', '及格', '不及格']);

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
const FIRST_CHARS = new Set<string>(['一', '二', '三', '四', ...[...KIND_OF.keys()].map((w) => w[0])]);
const FIRST_KEPT = /[^\s\u200b-\u200d\u00ad]/;

export function classifyLabel(text: string): LabelKind | null {
  const at = text.search(FIRST_KEPT);
  if (at < 0 || !FIRST_CHARS.has(text[at])) return null;
  const n = stripSuffix(normName(text));
  if (!n) return null;
  const kind = KIND_OF.get(n);
  if (kind) return kind;
  // "一级指标名称", "三级指标(分值)" and the like.
  const lv = /^(一|二|三|四)级指标/.exec(n);
  if (lv) {
    const level = ({ 一: 'level1', 二: 'level2', 三: 'level3', 四: 'level4' } as const)[lv[1] as '一' | '二' | '三' | '四'];
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
  let grades = 0;
  for (let c = view.firstCol; c <= view.lastCol; c++) {
    if (!view.isAnchor(row, c)) continue;
    const v = view.value(row, c);
    if (typeof v === 'number') numbers++;
    if (typeof v !== 'string') continue;
    const k = classifyLabel(v);
    if (!k) continue;
    // A lone 优 or 良 is a body cell (a grade entered); three or more side by side are a header.
    if (k === 'grade') {
      grades++;
      continue;
    }
    hits++;
    if (k === 'level1' || k === 'level2' || k === 'level3' || k === 'level4') levels++;
  }
  if (grades >= 3) hits += grades;
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

/** Average length of the texts below the header in a column, and how many of them there are (first 40 rows). */
function bodyTexts(view: SheetView, col: number, bottom: number): { avg: number; count: number; scoring: number } {
  let total = 0;
  let count = 0;
  let scoring = 0;
  for (let r = bottom + 1; r <= Math.min(view.lastRow, bottom + 40); r++) {
    if (!view.isAnchor(r, col)) continue;
    const t = view.rawText(r, col);
    if (!t) continue;
    total += t.length;
    count++;
    if (/[得扣计记给]\s*\d+(\.\d+)?\s*分|满分|不得分|按.{0,8}比例|得分\s*[=＝]/.test(t)) scoring++;
  }
  return { avg: count ? total / count : 0, count, scoring };
}

/** "优（10分）" → points 10; "良(80%)" → share 0.8. */
function gradeHeader(text: string): { label: string; points?: string; share?: string } {
  const n = normName(text);
  const label = stripSuffix(n);
  const pts = /[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]$/.exec(n);
  const pct = /[（(]\s*(\d+(?:\.\d+)?)\s*%\s*[)）]$/.exec(n);
  const out: { label: string; points?: string; share?: string } = { label };
  if (pts) out.points = pts[1];
  if (pct) out.share = String(Number(pct[1]) / 100);
  return out;
}

/** Level roles for n name columns found without 一级/二级/三级 headers, outermost first; the last holds the leaves. */
const LEVELS_FOR: Record<number, LevelRole[]> = {
  1: ['level3'],
  2: ['level2', 'level3'],
  3: ['level1', 'level2', 'level3'],
  4: ['level1', 'level2', 'level3', 'level4'],
};

const ROLE_WORD: Partial<Record<ColumnRole, string>> = {
  max1: '一级指标分值',
  max2: '二级指标分值',
  max3: '三级指标分值',
  max4: '四级指标分值',
  rule: '评分标准',
  score: '得分',
  evidence: '评价依据',
  note: '扣分说明',
  target: '目标值',
  actual: '实际值',
  description: '指标说明',
};

function resolveColumns(view: SheetView, top: number, bottom: number): HeaderInfo | null {
  const columns: Partial<Record<ColumnRole, number>> = {};
  const labels: Record<number, string> = {};
  const why: Partial<Record<ColumnRole, string>> = {};
  const pendingMax: number[] = [];
  const maxOrTarget: number[] = [];
  const nameLike: { col: number; kind: LabelKind; label: string }[] = [];
  const grades: GradeColumn[] = [];
  let lastCol = view.firstCol;
  const setRole = (role: ColumnRole, c: number, reason: string) => {
    if (columns[role] !== undefined) return;
    columns[role] = c;
    why[role] = reason;
  };
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
    const label = path[path.length - 1];
    // Grades side by side: 优 | 良 | 中 | 差, or 优 over 标准|分值.
    const gradeAt = kinds.findIndex((k, i) => k === 'grade' && GRADE_LABELS.has(stripSuffix(normName(path[i]))));
    if (gradeAt >= 0) {
      const g = gradeHeader(path[gradeAt]);
      const sub = gradeAt < path.length - 1 ? label : '';
      const isPoints = !!sub && (bottomKind === 'max' || bottomKind === 'score' || /分值|分数|得分|分/.test(normName(sub)));
      const known = grades.find((x) => x.label === g.label);
      if (known && isPoints) known.pointsCol = c;
      else if (!known) grades.push({ label: g.label, col: c, ...(g.points ? { points: g.points } : {}), ...(g.share ? { share: g.share } : {}) });
      continue;
    }
    const levelAbove = [...kinds].reverse().find((k) => k === 'level1' || k === 'level2' || k === 'level3' || k === 'level4') as LevelRole | undefined;
    const header = `表头“${labels[c]}”`;
    if ((bottomKind === 'name' || bottomKind === 'parent' || bottomKind === 'nameOrText') && levelAbove)
      setRole(levelAbove, c, `${header}在“${levelAbove.replace('level', '')}级指标”下`);
    else if (bottomKind === 'max' && levelAbove) setRole(MAX_ROLE[levelAbove], c, `${header}在“${levelAbove.replace('level', '')}级指标”下`);
    else if (bottomKind === 'max') pendingMax.push(c);
    else if (bottomKind === 'maxOrTarget') maxOrTarget.push(c);
    else if (bottomKind === 'name' || bottomKind === 'parent' || bottomKind === 'nameOrText') nameLike.push({ col: c, kind: bottomKind, label });
    else if (bottomKind) {
      const role = bottomKind as ColumnRole;
      const word = normName(label);
      setRole(
        role,
        c,
        LEVEL_ROLES.includes(role as LevelRole)
          ? header
          : `${header}${ROLE_WORD[role] && !word.startsWith(ROLE_WORD[role]!) ? `：${ROLE_WORD[role]}的同义词` : ''}`,
      );
    }
  }
  let levels = LEVEL_ROLES.filter((l) => columns[l] !== undefined);
  const textual: { col: number; label: string; why: string }[] = [];
  if (levels.length === 0) {
    // No 一级/二级/三级指标 headers: the name columns are the levels, outermost first. A 考核内容 or
    // 评价要点 column is a name column when its cells are short names, a text column when they are sentences.
    const names: { col: number; why: string }[] = [];
    for (const n of nameLike) {
      const body = bodyTexts(view, n.col, bottom);
      if (n.kind === 'nameOrText' && (body.avg > 16 || body.scoring > 0)) {
        textual.push({ col: n.col, label: n.label, why: `表头“${labels[n.col]}”，单元格为说明文字（平均${Math.round(body.avg)}字）` });
        continue;
      }
      names.push({ col: n.col, why: `表头“${labels[n.col]}”，单元格为指标名称（平均${Math.round(body.avg)}字）` });
    }
    const kept = names.slice(-4);
    const roles = LEVELS_FOR[kept.length] ?? [];
    kept.forEach((n, i) => {
      columns[roles[i]] = n.col;
      why[roles[i]] = `${n.why}，作为第${i + 1}级${i === kept.length - 1 ? '（末级，计分）' : ''}名称列`;
    });
    levels = roles;
  } else {
    for (const n of nameLike) if (n.kind === 'nameOrText') textual.push({ col: n.col, label: n.label, why: `表头“${labels[n.col]}”` });
  }
  for (const t of textual) {
    if (columns.description === undefined) {
      columns.description = t.col;
      why.description = t.why;
    }
  }
  if (levels.length === 0) return null;
  // 分值/权重 without a level above belongs to the nearest level column to its left without a max.
  for (const c of [...pendingMax, ...maxOrTarget]) {
    const isAmbiguous = maxOrTarget.includes(c);
    const left = levels.filter((l) => (columns[l] as number) < c).sort((a, b) => (columns[b] as number) - (columns[a] as number));
    const free = left.find((l) => columns[MAX_ROLE[l]] === undefined);
    if (free && (!isAmbiguous || left[0] === free)) {
      columns[MAX_ROLE[free]] = c;
      why[MAX_ROLE[free]] = `表头“${labels[c]}”，在“${labels[columns[free] as number]}”右侧最近的分值列`;
    } else if (isAmbiguous && columns.target === undefined) {
      columns.target = c;
      why.target = `表头“${labels[c]}”，各级名称列已有分值，作为目标值`;
    }
  }
  // No 评分标准 column: a 评价要点/指标说明 column whose texts say how points are given is the rule text.
  if (columns.rule === undefined && columns.description !== undefined) {
    const body = bodyTexts(view, columns.description, bottom);
    if (body.count > 0 && body.scoring * 2 >= body.count) {
      columns.rule = columns.description;
      why.rule = `${why.description ?? `表头“${labels[columns.description]}”`}；没有评分标准列，其文字写明计分方法（${body.scoring}/${body.count}行），作为评分标准`;
      delete columns.description;
      delete why.description;
    }
  }
  const hasGrades = grades.length >= 2;
  const hasPayload =
    columns.max1 !== undefined ||
    columns.max2 !== undefined ||
    columns.max3 !== undefined ||
    columns.max4 !== undefined ||
    columns.rule !== undefined ||
    columns.score !== undefined ||
    hasGrades;
  if (!hasPayload) return null;
  const info: HeaderInfo = { top, bottom, columns, labels, levels, lastCol, why };
  if (hasGrades) {
    info.grades = grades;
    if (columns.rule === undefined) why.rule = `等级并列（${grades.map((g) => `“${g.label}”`).join('')}），每档的条件和分值组合为分档评分标准`;
  }
  return info;
}

/**
 * Why no indicator table was found on a sheet: the row that came closest and the roles it lacked
 * ("第3行有“分值”“得分”，缺少指标名称列（一级/二级/三级指标、指标名称、项目、考核指标…）").
 */
export function explainNoHeader(view: SheetView): { row: number; message: string } | null {
  let best: { row: number; found: string[]; hasName: boolean; hasPayload: boolean; hits: number } | null = null;
  for (let r = view.firstRow; r <= Math.min(view.lastRow, view.firstRow + 60); r++) {
    const found: string[] = [];
    let hasName = false;
    let hasPayload = false;
    for (let c = view.firstCol; c <= view.lastCol; c++) {
      if (!view.isAnchor(r, c)) continue;
      const v = view.value(r, c);
      if (typeof v !== 'string') continue;
      const k = classifyLabel(v);
      if (!k || k === 'grade') continue;
      found.push(`“${view.text(r, c)}”`);
      if (/^level|^name$|^parent$|^nameOrText$/.test(k)) hasName = true;
      if (k === 'max' || k === 'score' || k === 'rule' || k === 'maxOrTarget') hasPayload = true;
    }
    if (found.length > 0 && (!best || found.length > best.hits)) best = { row: r, found, hasName, hasPayload, hits: found.length };
  }
  if (!best) return null;
  const missing: string[] = [];
  if (!best.hasName) missing.push('指标名称列（一级/二级/三级指标、指标名称、项目、考核指标、评分指标…）');
  if (!best.hasPayload) missing.push('分值、评分标准或得分列（分值/权重/权数/标准分、评分标准/评分细则、得分/考评得分/自评得分…）');
  if (missing.length === 0) missing.push('可读的指标行（表头下没有带名称的指标）');
  return { row: best.row, message: `工作表“${view.name}”第${best.row}行表头有${best.found.slice(0, 8).join('')}，缺少${missing.join('和')}` };
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

/**
 * The header of another table further down the same sheet (部门整体支出 and 专项支出 tables one
 * under the other): a header row below `after` that is not a repetition of it (page breaks).
 */
export function findNextHeader(view: SheetView, after: HeaderInfo): HeaderInfo | null {
  for (let r = after.bottom + 1; r <= view.lastRow; r++) {
    const h = headerHits(view, r);
    if (h.hits < 3 || h.numbers > 1) continue;
    // A repetition after a page break has the same labels in the same columns.
    let same = 0;
    for (const [c, label] of Object.entries(after.labels)) {
      const t = view.text(r, Number(c));
      if (t && label.split('/').includes(t)) same++;
    }
    if (same >= 2) continue;
    const next = findHeader(view, r);
    if (next && next.top === r) return next;
  }
  return null;
}
