/**
 * Findings: every doubt, error or inconsistency the engine reports, each
 * pointing at a sheet and cell when it has one. Errors are values, not throws.
 */

export type Severity = 'error' | 'warning' | 'info';

/**
 * Every finding code the tool reports, grouped by area: the one home of what a
 * code means. Codes are stable (the CLI's JSON, the 校验结果 sheet and saved
 * reports carry them): add a code here before using it, never rename one.
 * test/engine/findingCodes.test.ts fails on a code used in src/ but not listed.
 */
export const FINDING_GROUPS = {
  // Workbook and table structure (表格结构)
  表格结构: [
    /** 工作簿中没有工作表，无法评分。 */
    'EMPTY_WORKBOOK',
    /** 指定的指标评分表（工作表名）不存在。 */
    'SHEET_NOT_FOUND',
    /** 没有任何工作表可识别为指标评分表。 */
    'NO_INDICATOR_SHEET',
    /** 有多张工作表都像指标评分表，需评价人选择一张。 */
    'AMBIGUOUS_INDICATOR_SHEET',
    /** info：某工作表未被识别为指标表的原因（表头缺失等）。 */
    'TABLE_UNREADABLE',
    /** 合并单元格区域无法识别，已忽略。 */
    'BAD_MERGE',
    /** 数据表中表头重复，数据可能对应到错误的指标。 */
    'DUPLICATE_HEADER',
    /** 远离表格的单元格内容未读取。 */
    'STRAY_CONTENT',
    /** 末级指标没有分值。 */
    'LEAF_MAX_MISSING',
    /** 指标名称中写的分值（“…（5分）”）与分值列不一致。 */
    'NAME_MAX_CONFLICT',
    /** 分值单元格无法读取为数字。 */
    'MAX_NOT_A_NUMBER',
  ],
  // Maxima and totals (分值与合计)
  分值与合计: [
    /** 上级指标分值不等于其下级指标分值之和。 */
    'MAX_SUM_MISMATCH',
    /** 同一指标在两张指标表中的分值不同。 */
    'MAX_INCONSISTENT',
    /** 合计行的分值不等于各一级指标分值之和。 */
    'TOTAL_MAX_MISMATCH',
    /** 校验：各一级指标分值合计不是100分（error；报告时取代 MAX_TOTAL_NOT_100）。 */
    'TOTAL_MAX_NOT_100',
    /** 评分：各一级指标分值合计不是100分，总分与等次按此计算（warning）。 */
    'MAX_TOTAL_NOT_100',
  ],
  // Scores, deductions, totals and grade (得分、扣分与等次)
  得分与等次: [
    /** 得分单元格（或面板中修改的得分）不是数字。 */
    'SCORE_NOT_A_NUMBER',
    /** 得分不在 0～分值 之间。 */
    'SCORE_OUT_OF_RANGE',
    /** 指标待评分（无实际值、规则无法自动计分等），需评价人打分。 */
    'SCORE_PENDING',
    /** 填写的得分与按评分标准（或自评表规则）计算的得分不同。 */
    'SCORE_DIFFERS_FROM_RULE',
    /** 同一指标在两张指标表中的得分不同。 */
    'SCORE_INCONSISTENT',
    /** 扣了分但没有扣分说明。 */
    'DEDUCTION_NOTE_MISSING',
    /** 扣分加得分不等于分值。 */
    'DEDUCTION_MISMATCH',
    /** 得满分，但扣分说明写有扣分。 */
    'NOTE_WITHOUT_DEDUCTION',
    /** 得分率单元格与 得分÷分值 不符。 */
    'RATE_CELL_MISMATCH',
    /** 小计行得分不等于其下指标得分之和。 */
    'SUBTOTAL_MISMATCH',
    /** 合计得分不等于各指标得分之和。 */
    'TOTAL_MISMATCH',
    /** 合计扣分不等于 分值合计−得分合计。 */
    'TOTAL_DEDUCTION_MISMATCH',
    /** 还有指标待评分，总分不完整，暂不评定等次。 */
    'TOTAL_INCOMPLETE',
    /** 指标表中写的评价等次与总分按等级标准应得的等次不符。 */
    'GRADE_MISMATCH',
    /** 评价依据或扣分说明中写明的得分与得分单元格不符。 */
    'EVIDENCE_SCORE_MISMATCH',
    /** 评价依据或扣分说明中写明的扣分与 分值−得分 不符。 */
    'EVIDENCE_DEDUCTION_MISMATCH',
    /** 工作簿中的自评得分与评价得分相差较大，报告中应说明原因。 */
    'SELF_ASSESSMENT_DIFFERS',
  ],
  // Rules and actual values (评分标准与实际值)
  评分标准与实际值: [
    /** 评分标准写明的满分与指标分值不同，按指标分值计算。 */
    'RULE_FULL_MARK_MISMATCH',
    /** 实际值无法读取为数值（评分时降为 warning，该指标待评分）。 */
    'ACTUAL_UNREADABLE',
    /** 实际值是目标值的写法（带 ≥、不低于 等），不是实际完成值。 */
    'ACTUAL_IS_TARGET',
    /** info：实际值从文字中读出（如“完成率约95%”），附读法说明。 */
    'ACTUAL_READ_FROM_TEXT',
    /** info：不带 % 的实际值按百分数理解。 */
    'ACTUAL_READ_AS_PERCENT',
    /** info：文字写的实际值按陈述理解，与评分标准的某一条款相符并据此计分。 */
    'ACTUAL_READ_AS_STATEMENT',
    /** 填写的实际值与按数据表计算的值不同（评分按填写值）。 */
    'ACTUAL_DIFFERS_FROM_DATA',
    /** 指标可对应多个数据列，需在评分规则表中指定数据来源。 */
    'BINDING_AMBIGUOUS',
    /** 评分规则表指定的数据来源找不到。 */
    'DATA_SOURCE_NOT_FOUND',
  ],
  // Item-by-item scoring (逐项评分 / 评分要点)
  逐项评分: [
    /** 评分要点分值之和与指标分值不一致。 */
    'CHECKLIST_POINTS_MISMATCH',
    /** 填写得分与按逐项判断计算的得分不同（保留填写的得分）。 */
    'CHECKLIST_SCORE_DIFFERS',
    /** 填写得分无法由评分要点逐项符合或不符合得到。 */
    'CHECKLIST_SCORE_UNREACHABLE',
    /** 判断针对的评分要点序号不存在，该判断未使用。 */
    'CHECKLIST_ITEM_UNKNOWN',
    /** 评分要点内容已变，原判断未使用。 */
    'CHECKLIST_ITEM_CHANGED',
    /** 某要点的得分或扣分超出该要点的范围，该判断未使用。 */
    'CHECKLIST_POINTS_OUT_OF_RANGE',
    /** 酌情扣分的要点不符合，但没有填写该项得分。 */
    'CHECKLIST_POINTS_MISSING',
    /** 按档评分的指标判断符合了不止一档。 */
    'CHECKLIST_SEVERAL_OPTIONS',
    /** 逐项评分表找不到“指标/序号/判断”表头，已忽略。 */
    'JUDGEMENT_SHEET_NO_HEADER',
    /** 逐项评分表某行的判断无法识别或对应不到评分要点。 */
    'JUDGEMENT_UNREADABLE',
  ],
  // Override sheet (评分规则表)
  评分规则表: [
    /** 评分规则表找不到“指标”表头，已忽略。 */
    'OVERRIDE_SHEET_NO_HEADER',
    /** info：评分规则表某行只有指标名称，没有规则、数据来源或实际值。 */
    'OVERRIDE_EMPTY',
    /** 评分规则表中的指标在指标表中找不到。 */
    'OVERRIDE_UNMATCHED',
  ],
  // Data and survey sheets (数据表与问卷)
  数据表与问卷: [
    /** 数字中含空格或换行，已修正后读取，请核对。 */
    'NUMBER_REPAIRED',
    /** 数据单元格无法读取为数字。 */
    'NUMBER_UNREADABLE',
    /** 数据列有月份的数据无法读取，不能计算。 */
    'DATA_UNREADABLE',
    /** 数据列有月份无数据。 */
    'DATA_MONTHS_MISSING',
    /** 比率列找不到分子分母列或合计行，年度值按各月简单平均计算。 */
    'RATE_AVERAGED',
    /** 某月的比率与 分子÷分母 不符。 */
    'DATA_RATE_MISMATCH',
    /** 合计行比率与 Σ分子÷Σ分母 不符（常见：用了各月简单平均）。 */
    'DATA_POOLED_MISMATCH',
    /** 合计行数值与各月合计不符。 */
    'DATA_TOTAL_MISMATCH',
    /** 问卷各选项比例合计不是100%，已按比例归一。 */
    'SURVEY_SHARES_NOT_100',
    /** 问卷填写的满意度（比率）与按选项分布计算的不符。 */
    'SURVEY_RATE_MISMATCH',
  ],
  // Report text and summary sheets (报告文字与汇总表)
  报告文字与汇总表: [
    /** 文字中写的总分与各指标得分合计不符。 */
    'STATED_TOTAL_MISMATCH',
    /** 文字或其他表中写的评价等级与总分应得的等级不符。 */
    'STATED_GRADE_MISMATCH',
    /** 汇总表中某指标（或合计）的得分与指标表不符。 */
    'SUMMARY_SCORE_MISMATCH',
    /** 汇总表中某指标（或合计）的分值与指标表不符。 */
    'SUMMARY_MAX_MISMATCH',
    /** 报告文字中写的得分、分值或比率与表中不符。 */
    'NARRATIVE_MISMATCH',
  ],
  // 项目支出绩效自评表 (src/engine/selfAssessment)
  自评表: [
    /** 实际完成值是目标值的写法（或照抄年度指标值）。 */
    'FORM_TARGET_AS_ACTUAL',
    /** 定量指标的实际值不是数字，无法按完成比例计分。 */
    'FORM_ACTUAL_UNREADABLE',
    /** 填写得分与实际完成情况所在档次应得的分数不符。 */
    'FORM_BAND_MISMATCH',
    /** 分值与表注规定的权重（如预算执行率10分）不符。 */
    'FORM_WEIGHT_MISMATCH',
    /** 各项分值合计与表中总分不符。 */
    'FORM_TOTAL_MAX_MISMATCH',
    /** 资金总额与其中各项之和不符。 */
    'FUNDS_TOTAL_MISMATCH',
    /** 预算执行率与 执行数÷预算数 不符。 */
    'FUNDS_RATE_MISMATCH',
    /** 预算执行率得分与按表的规则计算的不符。 */
    'FUNDS_SCORE_MISMATCH',
  ],
  // Formulas (公式)
  公式: [
    /** 保留的公式算出的结果与评分结果不一致。 */
    'FORMULA_DISAGREES',
    /** 公式含错误值（#REF! 等）或结果为错误值。 */
    'FORMULA_ERROR_VALUE',
    /** 公式单元格显示的结果与按当前数据重算的不一致。 */
    'CACHED_RESULT_MISMATCH',
    /** 公式与同行（列）同类公式的引用方式不一致，或多出手工常数项。 */
    'FORMULA_INCONSISTENT',
    /** SUM 等区域漏掉紧邻的同类单元格。 */
    'SUM_OMITS_ADJACENT',
    /** SUM 区域同时包含明细和小计，重复计算。 */
    'SUM_DOUBLE_COUNTS',
    /** 公式区域中手工录入的数值（应为公式）。 */
    'HARDCODED_IN_FORMULA_REGION',
    /** info：公式引用的单元格为空，而其上下（左右）都是数值。 */
    'REF_TO_EMPTY',
  ],
  // Write-back (写入工作簿)
  写入: [
    /** info：单元格已有评价人填写的内容，未覆盖。 */
    'CELL_KEPT',
    /** info：单元格内容按面板中的修改被替换（可撤销）。 */
    'CELL_REPLACED',
    /** 同名工作表已存在且不是本工具生成的，结果写入新名称的工作表。 */
    'SHEET_NAME_TAKEN',
    /** 评分规则表无表头，面板中的修改未保存到工作簿。 */
    'OVERRIDE_NOT_SAVED',
    /** 逐项评分表无表头，面板中的逐项判断未保存到工作簿。 */
    'JUDGEMENT_NOT_SAVED',
  ],
  // Files and the command line (src/cli; the CLI's JSON error.code)
  文件与命令行: [
    /** 批量审阅（cli/review）中某文件无法读取。 */
    'FILE_UNREADABLE',
    /** 读取文件失败（原因未细分）。 */
    'READ_FAILED',
    /** 文件不存在。 */
    'NOT_FOUND',
    /** 文件为空。 */
    'EMPTY',
    /** 文件不是 zip 格式，不是 .xlsx。 */
    'NOT_ZIP',
    /** zip 文件中没有工作簿内容，不是 .xlsx。 */
    'NOT_XLSX',
    /** OLE 复合文档：加密的 .xlsx 或旧版 .xls。 */
    'ENCRYPTED_OR_XLS',
    /** .xlsx 文件已损坏。 */
    'CORRUPT',
    /** 工作簿中没有可读取的工作表（图表工作表不受支持）。 */
    'NO_SHEETS',
    /** 拒绝写入输出文件（会覆盖输入文件或其他文件）。 */
    'OUTPUT_REFUSED',
    /** 写入输出文件失败，未修改任何内容。 */
    'WRITE_FAILED',
    /** 撤销：工作簿中没有可撤销的评分。 */
    'NOTHING_TO_UNDO',
    /** 命令行参数有误（缺少输入文件等）。 */
    'USAGE',
    /** 无法评分，但没有 error 级的发现说明原因。 */
    'UNUSABLE',
    /** 命令行工具内部错误（未预期的异常）。 */
    'INTERNAL',
  ],
} as const;

/** The area a finding belongs to, as the 校验结果 sheet names it. */
export type FindingGroup = keyof typeof FINDING_GROUPS;

/** Every code, in group order. */
export const FINDING_CODES: readonly FindingCode[] = Object.values(FINDING_GROUPS).flat();

/** A finding code: one of FINDING_GROUPS' codes. */
export type FindingCode = (typeof FINDING_GROUPS)[FindingGroup][number];

const GROUP_OF = new Map<string, FindingGroup>(
  (Object.entries(FINDING_GROUPS) as [FindingGroup, readonly FindingCode[]][]).flatMap(([g, codes]) => codes.map((c) => [c, g] as const)),
);

/** The group of a code ('其他' for a code not listed, e.g. from an older saved report). */
export function groupOf(code: string): FindingGroup | '其他' {
  return GROUP_OF.get(code) ?? '其他';
}

export interface Finding {
  /** Stable machine code, UPPER_SNAKE, e.g. "SUBTOTAL_MISMATCH"; see FINDING_CODES. */
  code: FindingCode;
  severity: Severity;
  sheet?: string;
  /** A1 address on `sheet`, e.g. "K12". */
  cell?: string;
  /** Chinese, for the evaluator. */
  message: string;
  expected?: string | number;
  actual?: string | number;
  /** A grouped finding (see groupFindings): how many cells of its column it stands for, and the first of them. */
  count?: number;
  cells?: string[];
}

export function finding(
  code: FindingCode,
  severity: Severity,
  message: string,
  where: { sheet?: string; cell?: string } = {},
  extra: { expected?: string | number; actual?: string | number } = {},
): Finding {
  const f: Finding = { code, severity, message };
  if (where.sheet !== undefined) f.sheet = where.sheet;
  if (where.cell !== undefined) f.cell = where.cell;
  if (extra.expected !== undefined) f.expected = extra.expected;
  if (extra.actual !== undefined) f.actual = extra.actual;
  return f;
}

export function hasErrors(findings: Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Stable order: severity, then sheet, then cell position, then code. */
export function sortFindings(findings: Finding[]): Finding[] {
  const cellKey = (a?: string) => {
    const m = a ? /^([A-Z]+)(\d+)/.exec(a) : null;
    if (!m) return [Number.MAX_SAFE_INTEGER, ''] as const;
    return [Number(m[2]), m[1].padStart(3, ' ')] as const;
  };
  // Parse each cell address once, not twice per comparison (a run can report thousands of findings).
  const keyed = findings.map((f) => {
    const [row, col] = cellKey(f.cell);
    return { f, row, col };
  });
  keyed.sort(({ f: a, row: ra, col: ca }, { f: b, row: rb, col: cb }) => {
    if (ORDER[a.severity] !== ORDER[b.severity]) return ORDER[a.severity] - ORDER[b.severity];
    if ((a.sheet ?? '') !== (b.sheet ?? '')) return (a.sheet ?? '').localeCompare(b.sheet ?? '');
    if (ra !== rb) return ra - rb;
    if (ca !== cb) return ca < cb ? -1 : 1;
    return a.code.localeCompare(b.code);
  });
  return keyed.map((k) => k.f);
}

/** Drop exact duplicates (same code, sheet, cell, message). */
export function dedupeFindings(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const f of findings) {
    const k = `${f.code}|${f.sheet ?? ''}|${f.cell ?? ''}|${f.message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(f);
  }
  return out;
}

/** More findings than this of one code on one column become one finding (a year of monthly rows stays listed). */
export const GROUP_AT = 20;

/**
 * Findings of one code and severity on one column of one sheet, when there are
 * more than GROUP_AT of them, become one finding at the first cell that gives
 * the count and the first cells (a text ID column of 200,000 rows is one
 * warning, not 200,000). Order otherwise kept; no recursion, no spreading.
 */
export function groupFindings(findings: Finding[], at = GROUP_AT): Finding[] {
  const column = (f: Finding) => (f.sheet !== undefined && f.cell ? /^([A-Z]+)\d+$/.exec(f.cell)?.[1] : undefined);
  const counts = new Map<string, number>();
  const keyOf = (f: Finding) => {
    const col = column(f);
    return col === undefined ? null : `${f.code}|${f.severity}|${f.sheet}|${col}`;
  };
  for (const f of findings) {
    const k = keyOf(f);
    if (k !== null) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let any = false;
  for (const n of counts.values()) if (n > at) any = true;
  if (!any) return findings;
  const groups = new Map<string, { first: Finding; cells: string[] }>();
  const out: Finding[] = [];
  for (const f of findings) {
    const k = keyOf(f);
    if (k === null || (counts.get(k) ?? 0) <= at) {
      out.push(f);
      continue;
    }
    const g = groups.get(k);
    if (g) {
      if (g.cells.length < 5) g.cells.push(f.cell!);
      continue;
    }
    groups.set(k, { first: f, cells: [f.cell!] });
    out.push(f);
  }
  return out.map((f) => {
    const k = keyOf(f);
    const g = k === null ? undefined : groups.get(k);
    if (!g || g.first !== f) return f;
    const n = counts.get(k!)!;
    return { ...f, message: `${f.message}（本列共${n}处同类问题：${g.cells.join('、')}…）`, count: n, cells: g.cells };
  });
}
