/** Text normalisation shared by every parser: PDF-converted Chinese text is noisy. */

const FULLWIDTH_START = 0xff01;
const FULLWIDTH_END = 0xff5e;

/** Full-width ASCII forms (０-９, Ａ-Ｚ, ％, （）...) to their ASCII twins; ideographic space to space. */
export function toHalfWidth(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= FULLWIDTH_START && c <= FULLWIDTH_END) out += String.fromCodePoint(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

/** Remove zero-width characters and non-breaking spaces that PDF exports leave behind. */
export function stripInvisible(s: string): string {
  return s.replace(/[\u200b-\u200d\ufeff\u00ad]/g, '').replace(/\u00a0/g, ' ');
}

/**
 * Canonical form for comparing names: half-width, no whitespace at all (PDF line
 * breaks split words: "立项依据充分\n性"), no trailing colon, lower-case ASCII.
 */
export function normName(s: unknown): string {
  if (s === null || s === undefined) return '';
  return stripInvisible(toHalfWidth(String(s)))
    .replace(/\s+/g, '')
    .replace(/[:：]$/, '')
    .toLowerCase();
}

/** Normalise free text for rule parsing: half-width, single spaces, no line breaks. */
export function normText(s: unknown): string {
  if (s === null || s === undefined) return '';
  return stripInvisible(toHalfWidth(String(s)))
    .replace(/\r\n?/g, '\n')
    .replace(/([\u4e00-\u9fff])\s*\n\s*([\u4e00-\u9fff])/g, '$1$2')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  return String(v);
}

/** Dice coefficient over character bigrams of two normalised names (0..1). */
export function similarity(a: string, b: string): number {
  const x = normName(a);
  const y = normName(b);
  if (!x || !y) return 0;
  if (x === y) return 1;
  const grams = (s: string) => {
    const chars = Array.from(s);
    if (chars.length === 1) return [s];
    const g: string[] = [];
    for (let i = 0; i < chars.length - 1; i++) g.push(chars[i] + chars[i + 1]);
    return g;
  };
  const gx = grams(x);
  const gy = grams(y);
  const counts = new Map<string, number>();
  for (const g of gx) counts.set(g, (counts.get(g) ?? 0) + 1);
  let inter = 0;
  for (const g of gy) {
    const n = counts.get(g) ?? 0;
    if (n > 0) {
      inter++;
      counts.set(g, n - 1);
    }
  }
  return (2 * inter) / (gx.length + gy.length);
}
