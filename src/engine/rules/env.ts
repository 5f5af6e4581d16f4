/** What every rule parser works from: the text in two forms and the indicator's context. */
import type { Quantity } from '../quantity';
import type { RuleContext } from './types';
import { COMPARATORS, NUM, UNIT, findOutcomes, readQuantity, scanQuantities, type Outcome, type Scanned } from './lexicon';
import { normRuleText, ocrRepairNotes } from './normalize';

export interface ParseEnv {
  /** The text as found, whitespace normalised (kept on the rule). */
  raw: string;
  /** The canonical text the grammar reads (no whitespace, digits for counting numerals). */
  text: string;
  ctx: RuleContext;
  /** A target stated in the indicator's other texts ("目标值为95%") or its target column. */
  contextTarget(accept: (q: Quantity) => boolean, ref?: string): Quantity | null;
  /** scanQuantities(text), read-only: computed once per parse, several parsers need it. */
  quantities(): readonly Scanned[];
  /** findOutcomes(text), read-only: computed once per parse, several parsers need it. */
  outcomes(): readonly Outcome[];
  /** What the text's OCR repairs changed (normalize.ts), as notes for the rule; empty for a text that reads. */
  ocrNotes(): string[];
}

const TARGET_RE = new RegExp(`(?:目标值|目标|标准值|指标值|预期值)(?:为|是|:|设定为|设为|达到)?(${NUM})(${UNIT})?`, 'g');

/** "热线接通率目标值为95%" in the rule or context texts; a context naming `ref` wins. */
export function targetFromTexts(texts: string[], accept: (q: Quantity) => boolean, ref?: string): Quantity | null {
  const refCore = ref ? ref.replace(/(的)?(目标值|目标|标准值|指标值)$/, '').replace(/^\d{4}年度?/, '') : '';
  let fallback: Quantity | null = null;
  for (const raw of texts) {
    const t = normRuleText(raw);
    TARGET_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = TARGET_RE.exec(t))) {
      const q = readQuantity(m[1], m[2] ?? '');
      if (!q || !accept(q)) continue;
      const near = t.slice(Math.max(0, m.index - 20), m.index);
      if (refCore && near.includes(refCore)) return q;
      fallback ??= q;
    }
  }
  return fallback;
}

/** `source`: the text as typed, line breaks kept (table rows pasted as lines, see normRuleText). */
export function makeEnv(raw: string, ctx: RuleContext, source: string = raw): ParseEnv {
  const text = normRuleText(source);
  let quantities: Scanned[] | undefined;
  let outcomes: Outcome[] | undefined;
  return {
    raw,
    text,
    ctx,
    quantities: () => (quantities ??= scanQuantities(text)),
    outcomes: () => (outcomes ??= findOutcomes(text)),
    ocrNotes: () => ocrRepairNotes(source),
    contextTarget(accept, ref) {
      const fromTexts = targetFromTexts([text, ...(ctx.context ?? [])], accept, ref);
      if (fromTexts) return fromTexts;
      return ctx.target && accept(ctx.target) ? ctx.target : null;
    },
  };
}

const TAIL_WORDS = [...COMPARATORS.map(([w]) => w), '控制金额', '控制数为', '控制数', '目标值为', '目标值', '应为', '为', '是', '在']
  .sort((a, b) => b.length - a.length)
  .map((w) => w.replace(/[<>=]/g, (c) => `\\${c}`));
const TAIL_RE = new RegExp(`(?:${TAIL_WORDS.join('|')})+$`);

/** "平均接通率不低于" -> "平均接通率". */
export function stripComparatorTail(s: string): string {
  return s.replace(TAIL_RE, '').replace(/(应当|应|须|需|要)+$/, '');
}
