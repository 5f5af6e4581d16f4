/**
 * Which named input a piece of rule text speaks of ("少制定年度计划" in "未制定年度计划的，
 * 每少1条扣1分"), and whether a typed yes/no answer makes a condition hold ("已实行" against
 * "未实行的不得分"). Shared by the part-by-part scoring of several inputs (compound.ts) and
 * the table of conditions over several inputs (conditions.ts).
 */
import { ONE } from '../decimal';
import { bigrams, normText, simplified, toHalfWidth } from '../text';
import { negativeCondition } from './clauses';
import { scoreStatement } from './statement';

/** One input as the evaluator typed it: "少制定年度计划" → "1条". */
export interface NamedInput {
  name: string;
  text: string;
}

/** An input's name without the words that only say how it is counted ("…次数", "是否…"). */
export function nameCore(name: string): string {
  return simplified(toHalfWidth(name))
    .replace(/[“”"'‘’「」()（）\s]/g, '')
    .replace(/^是否/, '')
    .replace(/(?:的)?(?:次数|个数|项数|种数|册数|张数|笔数|台数|处数|条数|件数|人数|数量|数)$/, '');
}

/** How much of an input's name the clause contains (share of the name's bigrams found in it). */
export function containment(name: string, clause: string): number {
  const core = nameCore(name);
  const grams = bigrams(core);
  if (grams.length === 0) return 0;
  const text = simplified(clause);
  return grams.filter((g) => text.includes(g)).length / grams.length;
}

/** The least share of an input's name a clause must contain to be about that input. */
export const BIND_MIN = 0.3;

/**
 * When no name shares enough bigrams ("公厕按标准建设" against "中心镇镇区公共厕所按1座/
 * 2500人建设"): the share of the name's characters the clause holds, if at least this and
 * ahead of every other input's by CHAR_MARGIN.
 */
const CHAR_MIN = 0.6;
const CHAR_MARGIN = 0.2;

function charShare(name: string, clause: string): number {
  const chars = Array.from(new Set(Array.from(nameCore(name))));
  if (chars.length === 0) return 0;
  const text = simplified(clause);
  return chars.filter((c) => text.includes(c)).length / chars.length;
}

/** The input a clause speaks of: the best contained name, when it is clearly the best; -1 when none is. */
export function bindClause(clause: string, inputs: NamedInput[]): number {
  const unique = (scores: number[], min: number, margin: number) => {
    const best = Math.max(...scores);
    if (best < min) return -1;
    const rest = scores.filter((_, i) => i !== scores.indexOf(best));
    return rest.every((s) => best - s >= margin) && scores.filter((s) => s === best).length === 1 ? scores.indexOf(best) : -1;
  };
  const byGrams = unique(
    inputs.map((x) => containment(x.name, clause)),
    BIND_MIN,
    Number.EPSILON,
  );
  if (byGrams >= 0 || inputs.some((x) => containment(x.name, clause) >= BIND_MIN)) return byGrams;
  return unique(
    inputs.map((x) => charShare(x.name, clause)),
    CHAR_MIN,
    CHAR_MARGIN,
  );
}

/** A yes/no answer by its leading words: "已部署", "相符", "有" are yes; "未部署", "不符", "无", "缺失", "较差" no. */
const NO_ANSWER = /^(?:否|无|無|没有|沒有|未|不|缺|较差|較差|差|不合格|不符)/;
const YES_ANSWER = /^(?:是|有|已|达到|達到|合格|相符|符合|足额|足額|全部|良好|完成|均已|按时|按期|及时|及時|优|優|良)/;

export function answerOf(text: string): boolean | null {
  const t = simplified(toHalfWidth(normText(text))).replace(/\s+/g, '');
  if (NO_ANSWER.test(t)) return false;
  if (YES_ANSWER.test(t)) return true;
  return null;
}

/**
 * Does a typed answer make a condition hold? First by sense (statement.ts: the answer
 * speaks of the condition's subject and says it or its opposite: "账实不符" against "账实
 * 不符", "相符" against "账实不符"); when the answer is too short to speak of anything
 * ("是", "无", "已实行"), by its leading yes/no word against the condition's polarity.
 * Null when neither tells.
 */
export function conditionHolds(condition: string, answer: string): boolean | null {
  const bySense = scoreStatement(`${condition}，得1分`, answer, ONE);
  if (bySense.ok) return bySense.score.eq(ONE);
  const yes = answerOf(answer);
  if (yes === null) return null;
  return negativeCondition(condition) === !yes;
}
