/** Indicator names as written: embedded max points, totals, subtotals, titles. */
import { Decimal, dec } from '../decimal';
import { normName, normText } from '../text';

export interface ParsedName {
  name: string;
  /** Max embedded in the name: "决策 (20)", "项目决策（16）", "服务成果 （15分）". */
  max: Decimal | null;
}

const EMBEDDED_MAX = /[（(]\s*(\d+(?:\.\d+)?)\s*分?\s*[)）]\s*$/;

export function parseIndicatorName(raw: string): ParsedName {
  const text = normText(raw).replace(/\s+/g, '');
  const m = EMBEDDED_MAX.exec(text);
  if (m) return { name: cleanName(text.slice(0, m.index)), max: dec(m[1]) };
  return { name: cleanName(text), max: null };
}

/** Strip outline codes ("A1 项目立项", "C14 话务量", "1." "（一）") that some sheets prefix. */
function cleanName(s: string): string {
  return s
    .replace(/^[A-Da-d]\d{0,3}(?=[\u4e00-\u9fff])/, '')
    .replace(/^[（(]?[一二三四五六七八九十]+[)）、.]/, '')
    .replace(/^\d+[.、]/, '')
    .trim();
}

const TOTAL_LABELS = ['合计', '总计', '总分', '合计得分', '总得分', '得分合计', '综合得分', '总体得分', '评价总分', '绩效总分', '综合评分', '总评分'];
const SUBTOTAL_LABELS = ['小计', '分项小计'];
const GRADE_LABELS = ['评价等次', '绩效等级', '评价等级', '等级', '评价级别', '绩效等次', '评价结果等级'];

export type SpecialKind = 'total' | 'subtotal' | 'grade' | 'composite' | 'partTotal' | 'self';

/** Classify a row label such as "合计：", "小计", "评价等次", "综合评价得分", "管理绩效指标得分". */
export function classifySpecialLabel(text: string): SpecialKind | null {
  const n = normName(text).replace(/[:：]/g, '');
  if (!n) return null;
  if (TOTAL_LABELS.includes(n)) return 'total';
  if (SUBTOTAL_LABELS.includes(n) || /小计$/.test(n)) return 'subtotal';
  if (GRADE_LABELS.includes(n)) return 'grade';
  if (/^(自评|单位自评|绩效自评)(得分|总分|分数|结果)$/.test(n)) return 'self';
  if (/^综合(评价)?(得分|评分|分数)$/.test(n)) return 'composite';
  if (/^.{2,12}(指标)?(得分|总分)$/.test(n) && /管理|结果|过程|产出|效益|决策|绩效/.test(n)) return 'partTotal';
  return null;
}

/** Title or footer text repeated by page breaks: "附件1：…指标体系", "第 2 页，共 4 页". */
export function isTitleText(text: string): boolean {
  const n = normName(text);
  return /^附件\d*[:：]?/.test(n) || /第\d+页/.test(n) || /(指标体系|评分表|得分表|评价表)(及评分表)?$/.test(n);
}
