/**
 * How the text defines what it measures from named amounts:
 * "预算执行率=实际支出/预算数×100%", "(实际到位资金/预算资金)×100%",
 * "变动率=(本年三公经费-上年三公经费)/上年三公经费×100%". The amounts are
 * bound by name to the evaluator's inputs, data columns or the 评分规则 sheet.
 */
import { PHYSICAL_UNIT_PATTERN } from '../quantity';
import type { Measure } from './types';

const NAME = '[^=()（）/÷×*+\\-－，,；;。:、\\d%]{2,24}';
const RATIO_RE = new RegExp(`\\(?(${NAME})(?:-(${NAME}))?\\)?[/÷](${NAME})\\)?(?:[×*]100%)?`);

function clean(s: string): string {
  return s
    .replace(/^(?:本年度?|当年)?(?=.)/, (m) => m)
    .replace(/(?:的)?(?:金额|数额)$/, '')
    .trim();
}

/** "资金拨付到位占经批准的实施方案确定的资金比例": A as a share of B. */
const SHARE_RE = new RegExp(`(${NAME})占(?:经批准的)?(${NAME}?)(?:的)?(?:比例|比重|百分比)`);

/** "每差1微克/立方米": a physical unit after a number is no ratio of named amounts. */
const PHYSICAL_AFTER_NUMBER_RE = new RegExp(`(?<=\\d)(?:${PHYSICAL_UNIT_PATTERN})`, 'g');

/** The first ratio of two named amounts in the text, or (a − b) ÷ b. */
export function readMeasure(raw: string): Measure | null {
  // Masked with '%' (never part of a name), the same length so nothing else moves.
  const text = raw.includes('/') ? raw.replace(PHYSICAL_AFTER_NUMBER_RE, (u) => '%'.repeat(u.length)) : raw;
  const share = SHARE_RE.exec(text);
  if (share && !RATIO_RE.test(text)) return { numerator: clean(share[1]), denominator: clean(share[2]), text: share[0] };
  const m = RATIO_RE.exec(text);
  if (!m) return null;
  const [, num, minus, den] = m;
  if (!num || !den) return null;
  const out: Measure = { numerator: clean(num), denominator: clean(den), text: m[0] };
  if (minus) out.minus = clean(minus);
  return out;
}
