/**
 * Ranks: "按排位打分，每位次按0.25分递减", "第1名得10分，每下降一位扣0.5分",
 * "排名第一得满分，每后退一名扣1分". The first place keeps the max; each place
 * further down costs the stated points. Ranks counted from the bottom
 * ("后3名") need the number of ranked units and are not read here.
 */
import { Decimal, dec } from '../decimal';
import { quantity } from '../quantity';
import type { StepRule } from './types';
import { NUM } from './lexicon';
import type { ParseEnv } from './env';

const RANK_WORDS = /排位|排名|名次|位次/;
const PER_PLACE_RE = new RegExp(`每(?:下降|后退|降低|退后|落后)?(?:1|一)?(?:个)?(?:位次|位|名)(?:按)?(?:扣(?:减|除)?)?(${NUM})分(?:递减)?`);

export function parseRank(env: ParseEnv): StepRule | null {
  const { text } = env;
  if (!RANK_WORDS.test(text + (env.ctx.name ?? ''))) return null;
  const m = PER_PLACE_RE.exec(text);
  if (!m) return null;
  if (/后\d+名|倒数/.test(text)) return null;
  return {
    kind: 'step',
    text: env.raw,
    subject: '排名',
    statedFull: null,
    direction: 'above',
    threshold: quantity(dec(1), 'count', '名'),
    step: dec(1),
    stepMode: 'absolute',
    stepText: '1名',
    deduction: new Decimal(m[1].replace(/,/g, '')),
    rounding: 'exact',
    roundingStated: true,
    rank: true,
  };
}
