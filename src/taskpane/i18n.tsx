/**
 * UI strings, Chinese first. Engine messages (findings, errors) stay Chinese:
 * they quote the workbook. Only the pane's own labels switch language.
 */
import { createContext, useContext, type ReactNode } from 'react';

export type Lang = 'zh' | 'en';

const zh = {
  appTitle: '绩效评分',
  language: '语言',
  score: '一键评分',
  validate: '校验',
  undo: '撤销本次评分',
  running: '正在处理…',
  phaseRead: '读取工作簿',
  phaseCompute: '计算得分',
  phaseWrite: '写回结果',
  total: '总分',
  grade: '等级',
  noGrade: '未定级',
  groups: '一级指标',
  indicators: '指标得分',
  pending: '待评价人确认',
  findings: '问题清单',
  noFindings: '未发现问题',
  goToCell: '定位',
  goToCellLabel: '定位到 {where}',
  severity_error: '错误',
  severity_warning: '警告',
  severity_info: '提示',
  counts: '{errors} 个错误，{warnings} 个警告，{infos} 个提示',
  scored: '评分完成，已写入 {cells} 个单元格',
  validated: '校验完成',
  writeResults: '写入“校验结果”工作表',
  undone: '已撤销',
  failed: '未完成',
  notes: '说明',
  detection: '识别结果',
  indicatorSheet: '指标表',
  dataSheets: '数据表',
  workbenchTitle: '浏览器工作台',
  workbenchHint: '未检测到 Excel：可在此上传 .xlsx 工作簿，用同一引擎评分后下载结果。',
  chooseFile: '选择工作簿…',
  dropHere: '把 .xlsx 文件拖到这里，或按 Enter 选择文件',
  fileInput: '上传 .xlsx 工作簿',
  loadedFile: '当前工作簿：{name}',
  loading: '正在打开工作簿…',
  download: '下载评分结果',
  lostOnSave: '下载的工作簿将不含原文件中的：{parts}。请以原文件为准，或在 Excel 中使用本加载项。',
  officeHint: '在 Excel 中直接评分：结果写回当前工作簿。',
  ribbonOutcome: '功能区命令的结果',
  computed: '计算',
  entered: '评价人',
  pendingSource: '待定',
  max: '满分',
  deduction: '扣分',
  preview: '已按修改重新计算（尚未写入）',
  previewHint: '点击“一键评分”写入工作簿，修改会保存在“评分规则”表中。',
  corrections: '{count} 项修改未写入',
  discard: '放弃修改',
  edit: '修改',
  editLabel: '修改“{name}”的实际值或规则',
  actual: '实际值',
  rule: '规则',
  ruleText: '评分标准',
  dataSource: '数据来源',
  dataSourceHint: '表名!列名，或 分子列/分母列',
  rescore: '重新计算',
  checklist: '逐项评分',
  checklistToggle: '逐项评分（已判断 {done}/{total}）',
  checklistLabel: '“{name}”逐项评分',
  checklistItem: '{seq}. {label}（{points}分）',
  checklistDeductItem: '{seq}. {label}（扣{points}分）',
  verdict: '判断',
  verdictMet: '符合',
  verdictPartial: '部分',
  verdictUnmet: '不符合',
  itemPoints: '得分（0～{max}分）',
  itemDeduction: '扣分（{min}～{max}分）',
  itemReason: '理由',
  pointsOutOfRange: '请输入 {min}～{max} 之间的分值',
  pickGrade: '评定档次',
  applyJudgements: '按判断计算',
  judgementsPending: '{count} 项逐项判断未写入',
  cancel: '取消',
  headerRows: '表头行',
  columnsFound: '识别的列',
  bindings: '数据绑定',
  surveySheets: '问卷表',
  gradeScheme: '等级标准',
  composite: '综合得分',
  months: '{months} 个月',
  pickSheet: '改用其他工作表作为指标表',
  rate: '得分率',
  filterSeverity: '按严重程度筛选',
  all: '全部',
  scoreField: '得分',
  reasonField: '扣分说明',
  scoreFieldHint: '0～{max}分，由评价人判断',
  scoreOutOfRange: '请输入 0～{max} 之间的分值',
  outcomeCounts: '{errors} 个错误，{warnings} 个警告',
  outcomeClean: '未发现错误或警告',
  sheetPickerHint: '未能自动识别指标表，请选择：',
  chooseSheet: '选择指标表',
  useSheet: '用此表评分',
  undoConfirmTitle: '评分后有单元格被修改过',
  undoConfirmBody: '以下 {count} 个单元格在评分后被手动修改过。撤销时如何处理这些单元格？',
  undoConfirmList: '评分后修改过的单元格',
  conflictLine: '评分时 {written} → 现在 {now}',
  emptyCell: '（空）',
  undoKeep: '保留这些修改并撤销其余',
  undoForce: '全部撤销',
  keptTitle: '保留了 {count} 个评分后修改过的单元格',
  keptList: '撤销时保留的单元格',
} as const;

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  appTitle: 'Performance scoring',
  language: 'Language',
  score: 'Score',
  validate: 'Validate',
  undo: 'Undo scoring',
  running: 'Working…',
  phaseRead: 'Reading the workbook',
  phaseCompute: 'Computing scores',
  phaseWrite: 'Writing results',
  total: 'Total',
  grade: 'Grade',
  noGrade: 'No grade',
  groups: 'Level-1 indicators',
  indicators: 'Indicator scores',
  pending: 'Awaiting the evaluator',
  findings: 'Findings',
  noFindings: 'No findings',
  goToCell: 'Go to',
  goToCellLabel: 'Go to {where}',
  severity_error: 'Error',
  severity_warning: 'Warning',
  severity_info: 'Info',
  counts: '{errors} {errors:error|errors}, {warnings} {warnings:warning|warnings}, {infos} {infos:note|notes}',
  scored: 'Scored; {cells} cells written',
  validated: 'Validation finished',
  writeResults: 'Write the 校验结果 sheet',
  undone: 'Scoring undone',
  failed: 'Not completed',
  notes: 'Notes',
  detection: 'Detected',
  indicatorSheet: 'Indicator sheet',
  dataSheets: 'Data sheets',
  workbenchTitle: 'Browser workbench',
  workbenchHint: 'No Excel detected: upload an .xlsx workbook, score it with the same engine and download the result.',
  chooseFile: 'Choose workbook…',
  dropHere: 'Drop an .xlsx file here, or press Enter to choose one',
  fileInput: 'Upload an .xlsx workbook',
  loadedFile: 'Workbook: {name}',
  loading: 'Opening the workbook…',
  download: 'Download the scored workbook',
  lostOnSave: 'The downloaded workbook will not keep these parts of the original: {parts}. Keep the original, or use the add-in in Excel.',
  officeHint: 'Score in Excel: results are written back to this workbook.',
  ribbonOutcome: 'Result of the ribbon command',
  computed: 'computed',
  entered: 'evaluator',
  pendingSource: 'pending',
  max: 'max',
  deduction: 'deduction',
  preview: 'Rescored with your changes (not written yet)',
  previewHint: 'Press Score to write the workbook; your changes are saved in the 评分规则 sheet.',
  corrections: '{count} unsaved changes',
  discard: 'Discard changes',
  edit: 'Edit',
  editLabel: 'Edit the actual value or rule of “{name}”',
  actual: 'Actual',
  rule: 'Rule',
  ruleText: 'Scoring rule (评分标准)',
  dataSource: 'Data source',
  dataSourceHint: 'sheet!column, or numerator/denominator',
  rescore: 'Rescore',
  checklist: 'Checklist',
  checklistToggle: 'Checklist ({done}/{total} judged)',
  checklistLabel: 'Checklist of “{name}”',
  checklistItem: '{seq}. {label} ({points} pts)',
  checklistDeductItem: '{seq}. {label} (−{points} pts)',
  verdict: 'Judgement',
  verdictMet: 'Met',
  verdictPartial: 'Partly',
  verdictUnmet: 'Not met',
  itemPoints: 'Points (0–{max})',
  itemDeduction: 'Deduction ({min}–{max})',
  itemReason: 'Reason',
  pointsOutOfRange: 'Enter a value between {min} and {max}',
  pickGrade: 'Grade',
  applyJudgements: 'Score from judgements',
  judgementsPending: '{count} unsaved judgements',
  cancel: 'Cancel',
  headerRows: 'Header rows',
  columnsFound: 'Columns found',
  bindings: 'Data bindings',
  surveySheets: 'Survey sheets',
  gradeScheme: 'Grade scheme',
  composite: 'Composite score',
  months: '{months} months',
  pickSheet: 'Use another sheet as the indicator sheet',
  rate: 'Score rate',
  filterSeverity: 'Filter by severity',
  all: 'All',
  scoreField: 'Score',
  reasonField: 'Reason (扣分说明)',
  scoreFieldHint: '0–{max}, judged by the evaluator',
  scoreOutOfRange: 'Enter a value between 0 and {max}',
  outcomeCounts: '{errors} {errors:error|errors}, {warnings} {warnings:warning|warnings}',
  outcomeClean: 'No errors or warnings',
  sheetPickerHint: 'The indicator sheet was not recognised; choose it:',
  chooseSheet: 'Indicator sheet',
  useSheet: 'Score this sheet',
  undoConfirmTitle: 'Cells were changed after scoring',
  undoConfirmBody: '{count} {count:cell was|cells were} changed by hand after scoring. What should undo do with {count:it|them}?',
  undoConfirmList: 'Cells changed after scoring',
  conflictLine: 'at scoring {written} → now {now}',
  emptyCell: '(empty)',
  undoKeep: 'Keep these changes, undo the rest',
  undoForce: 'Undo everything',
  keptTitle: '{count} {count:cell|cells} changed after scoring kept as {count:it is|they are}',
  keptList: 'Cells kept by undo',
};

export const MESSAGES: Record<Lang, Record<MessageKey, string>> = { zh, en };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const dict = MESSAGES[lang];
  // {n:one|many} picks the English singular or plural by the number n.
  return (key, vars) =>
    dict[key]
      .replace(/\{(\w+):([^|}]*)\|([^}]*)\}/g, (m, k: string, one: string, many: string) => (vars && k in vars ? (Number(vars[k]) === 1 ? one : many) : m))
      .replace(/\{(\w+)\}/g, (m, k: string) => (vars && k in vars ? String(vars[k]) : m));
}

const I18nContext = createContext<{ lang: Lang; t: Translate }>({ lang: 'zh', t: translator('zh') });

export function I18nProvider({ lang, children }: { lang: Lang; children: ReactNode }) {
  return <I18nContext.Provider value={{ lang, t: translator(lang) }}>{children}</I18nContext.Provider>;
}

export function useI18n(): { lang: Lang; t: Translate } {
  return useContext(I18nContext);
}

const STORAGE_KEY = 'perf-eval.lang';

export function initialLang(): Lang {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (saved === 'zh' || saved === 'en') return saved;
  } catch {
    // Storage can be blocked in an iframe; fall back to Chinese.
  }
  return 'zh';
}

export function saveLang(lang: Lang): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Not persisting is fine.
  }
}
