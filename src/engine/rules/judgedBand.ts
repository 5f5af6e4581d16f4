/**
 * Bands whose points are a range the text leaves to the evaluator ("超额完成计划任务>100% | 5-3"):
 * a value in such a band is read, placed, and not scored.
 */
import { fmt } from '../decimal';
import type { Band } from './types';

/**
 * The order bands are tried in: a band with an edge before an "otherwise" band (否则/其他, no edge:
 * it takes only what no other band does), then the most points first, so an edge two bands
 * claim goes to the better one ("≥90%得10分；<60%不得分；其他得5分": 50% is under 60%, not "其他").
 */
export function bandPriority(x: Band, y: Band): number {
  const xOther = !x.lo && !x.hi;
  const yOther = !y.lo && !y.hi;
  if (xOther !== yOther) return xOther ? 1 : -1;
  return y.points.comparedTo(x.points);
}

/** Band points as the reports write them: "3-5分" for a range, "3分" otherwise. */
export function bandPointsText(b: Band): string {
  return b.judged ? `${fmt(b.judged.lo)}-${fmt(b.judged.hi)}分` : `${fmt(b.points)}分`;
}

/** Why a value in a judged band is not scored; `placed` says where the value fell. */
export function judgedBandReason(b: Band, placed: string): string {
  return `${placed}，评分标准在此区间给${bandPointsText(b)}，未写明如何取值`;
}
