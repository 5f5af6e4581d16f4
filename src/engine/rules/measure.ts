/**
 * How the text defines what it measures from named amounts:
 * "预算执行率=实际支出/预算数×100%", "(实际到位资金/预算资金)×100%",
 * "变动率=(本年三公经费-上年三公经费)/上年三公经费×100%". The amounts are
 * bound by name to the evaluator's inputs, data columns or the 评分规则 sheet.
 */
import type { Measure } from './types';

const NAME = '[^=()（）/÷×*+\\-－，,；;。:、\\d%]{2,24}';
const RATIO_RE = new RegExp(`\\(?(${NAME})(?:-(${NAME}))?\\)?[/÷](${NAME})\\)?(?:[×*]100%)?`);

function clean(s: string): string {
  return s
    .replace(/^(?:本年度?|当年)?(?=.)/, (m) => m)
    .replace(/(?:的)?(?:金额|数额)$/, '')
    .trim();
}

/** The first ratio of two named amounts in the text, or (a − b) ÷ b. */
export function readMeasure(text: string): Measure | null {
  const m = RATIO_RE.exec(text);
  if (!m) return null;
  const [, num, minus, den] = m;
  if (!num || !den) return null;
  const out: Measure = { numerator: clean(num), denominator: clean(den), text: m[0] };
  if (minus) out.minus = clean(minus);
  return out;
}
