/**
 * The clauses of a rule text and what each awards or takes: "未达到进度要求的扣2分",
 * "有环卫管理机构和清扫保洁队伍，得10分", "本项指标不得分". Shared by the part-by-part
 * scoring of several inputs (compound.ts) and the reading of a typed statement
 * (statement.ts).
 */
import { Decimal, dec } from '../decimal';
import { normText, simplified, toHalfWidth } from '../text';

/** A clause of the rule text and what it awards or takes. */
export interface Clause {
  text: string;
  /** "得10分", "记20分": a share of the max (the highest when several: "分别得6分、4分和2分"). */
  award: Decimal | null;
  /** "扣2分", "每处扣1分". */
  deducts: boolean;
  /** "不得分", "得0分", "不计分". */
  zero: boolean;
  /** "本项指标不得分": the whole indicator, not this part. */
  veto: boolean;
  /** "得满分": of which part the text does not say. */
  full: boolean;
  /** "最高扣4分", "最多扣6分": the part's own cap on deductions. */
  cap: Decimal | null;
  /** "每增加一座加5分": points added on top of what the clause before earns. */
  bonus: Decimal | null;
}

/** A clause's outcome words. */
const AWARD = /(?:得|记|计)(\d+(?:\.\d+)?)分/g;
const DEDUCT = /扣(?:减|除)?\d/;
const ZERO_WORDS = /不得分|得0分|不计分|不记分|为0分|计0分|得零分/;
const VETO = /(?:本|该|此)项?(?:指标)?(?:不得分|得0分|不计分|计0分)/;
const FULL = /得满分|计满分|记满分/;
const BONUS = /加(\d+(?:\.\d+)?)分/;
const CAP = /(?:最高|最多|累计最多|累计最高)扣(\d+(?:\.\d+)?)分|扣(?:满|完)?(\d+(?:\.\d+)?)分为止/;
/** Clauses that only say how to score or where to look: "扣完为止", "（实地查看）", "按实际情况评分". */
export const FILLER = /^(?:扣完为止|扣分扣完为止|按实际情况评分|[（(][^）)]*[)）])$/;

/** Clause boundaries: ；。 and line breaks, and numbered items ("1、", "(2)", "③"). */
export function clauses(text: string): string[] {
  const t = toHalfWidth(normText(text)).replace(/[。；;]/g, '\n');
  const marked = t.replace(/(^|[^\d.])(?=(?:[(（]\d{1,2}[)）]|\d{1,2}[、．]|[①-⑩]))/g, '$1\n');
  return marked
    .split('\n')
    .map((s) => s.replace(/^(?:[(（]\d{1,2}[)）]|\d{1,2}[、．]|[①-⑩])\s*/, '').replace(/^[,，\s]+|[,，\s]+$/g, ''))
    .filter((s) => s.length > 0)
    .flatMap(byOutcome);
}

/** An outcome within a clause: "扣1分", "得10分", "不得分". */
const OUTCOME = /扣(?:减|除)?\d|(?:得|记|计|加)\d|不得分|不计分|得满分/;

/**
 * "发现一项收入入账不及时一次扣1分，各项结算系统未与收费系统有效连接，一项未做到扣1分":
 * a clause with several outcomes is several clauses, each ending at its outcome (what
 * follows the last outcome, "扣完为止", stays with it).
 */
function byOutcome(clause: string): string[] {
  const pieces = clause.split(/[,，]/);
  if (pieces.filter((p) => OUTCOME.test(simplified(p))).length < 2) return [clause];
  const out: string[] = [];
  let acc: string[] = [];
  for (const p of pieces) {
    acc.push(p);
    if (OUTCOME.test(simplified(p))) {
      out.push(acc.join('，'));
      acc = [];
    }
  }
  if (acc.length) out[out.length - 1] += `，${acc.join('，')}`;
  return out;
}

export function readClause(text: string): Clause {
  const t = simplified(text);
  const awards = [...t.matchAll(AWARD)].map((m) => dec(m[1])).filter((d) => d.gt(0));
  const listed = /分别得/.test(t) ? [...t.matchAll(/(\d+(?:\.\d+)?)分/g)].map((m) => dec(m[1])) : [];
  const all = [...awards, ...listed];
  const cap = CAP.exec(t);
  const bonus = BONUS.exec(t);
  return {
    text,
    award: all.length ? all.reduce((a, b) => (b.gt(a) ? b : a)) : null,
    deducts: DEDUCT.test(t),
    zero: ZERO_WORDS.test(t),
    veto: VETO.test(t),
    full: FULL.test(t),
    cap: cap ? dec(cap[1] ?? cap[2]) : null,
    bonus: bonus ? dec(bonus[1]) : null,
  };
}

export const hasOutcome = (c: Clause) => c.award !== null || c.deducts || c.zero || c.full || c.bonus !== null;

/** Where a clause's condition ends and its outcome begins ("…的，扣2分", "…，本项指标不得分"); not 计划. */
export const OUTCOME_AT = /[，,]?(?:(?:得|记|计)(?:\d|满分|零分)|扣(?:减|除)?\d|不得分|不计分|为0分|(?:本|该|此)项)/;

/** A clause's condition is negative ("未达到进度要求的", "账实不符", "缺失或不足额的", "较差"). */
export function negativeCondition(clause: string): boolean {
  const cond = simplified(clause).split(OUTCOME_AT)[0];
  return /未|不|没有|无|缺失|缺少|较差|差|低于|少于/.test(cond);
}
