/**
 * Grade schemes. Default (all three seeds): 优 ≥90, 良 80–90, 中 60–80, 差 <60.
 * A workbook may state another ("90（含）-100分为优秀、80（含）-90分为良好…");
 * when it does, that one applies.
 */
import { Decimal, dec } from '../decimal';
import { normText } from '../text';

export interface GradeBand {
  label: string;
  /** Inclusive lower bound. */
  min: Decimal;
}

export interface GradeScheme {
  bands: GradeBand[];
  /** Where it was read ("附件1!A30"), or "默认". */
  source: string;
  text: string;
}

export const DEFAULT_SCHEME: GradeScheme = {
  bands: [
    { label: '优', min: dec(90) },
    { label: '良', min: dec(80) },
    { label: '中', min: dec(60) },
    { label: '差', min: dec(0) },
  ],
  source: '默认',
  text: '90（含）-100分为优、80（含）-90分为良、60（含）-80分为中、60分以下为差',
};

const GRADE_WORDS = '优秀|良好|合格|不合格|一般|较差|优|良|中|差|A|B|C|D';

// Compiled once (the workbook is scanned for a scheme cell by cell); each use resets lastIndex.
const RANGE_RE = new RegExp(
  `(\\d+(?:\\.\\d+)?)\\s*分?\\s*[(（]?含[)）]?\\s*(?:分)?\\s*(?:-|—|~|～|至|到)\\s*(\\d+(?:\\.\\d+)?)\\s*分?\\s*(?:\\(不含\\))?\\s*(?:的)?\\s*(?:为|是|评为|定为)\\s*(${GRADE_WORDS})`,
  'g',
);
const ABOVE_RE = new RegExp(`(\\d+(?:\\.\\d+)?)\\s*分?\\s*[(（]?含[)）]?\\s*(?:分)?\\s*以上\\s*(?:的)?\\s*(?:为|是|评为|定为)\\s*(${GRADE_WORDS})`, 'g');
const BELOW_RE = new RegExp(`(\\d+(?:\\.\\d+)?)\\s*分?\\s*以下\\s*(?:的)?\\s*(?:为|是|评为|定为)\\s*(${GRADE_WORDS})`, 'g');

/**
 * Read a scheme from text such as "90（含）-100分为优、80（含）-90分为良、60（含）-80
 * 分为中、60分以下为差" or "评分90分（含）以上的为“优”". Needs at least three grades.
 */
export function parseGradeScheme(text: string): GradeBand[] | null {
  const s = normText(text).replace(/[“”"'「」]/g, '');
  const bands: GradeBand[] = [];
  const range = RANGE_RE;
  const above = ABOVE_RE;
  const below = BELOW_RE;
  range.lastIndex = above.lastIndex = below.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = range.exec(s))) bands.push({ label: m[3], min: dec(m[1]) });
  while ((m = above.exec(s))) if (!bands.some((b) => b.label === m![2])) bands.push({ label: m[2], min: dec(m[1]) });
  while ((m = below.exec(s))) if (!bands.some((b) => b.label === m![2])) bands.push({ label: m[2], min: dec(0) });
  if (bands.length < 3) return null;
  const unique = new Map<string, GradeBand>();
  for (const b of bands) if (!unique.has(b.label)) unique.set(b.label, b);
  const out = [...unique.values()].sort((a, b) => b.min.cmp(a.min));
  if (!out.some((b) => b.min.isZero())) return null;
  return out;
}

export function gradeFor(total: Decimal, scheme: GradeScheme): string {
  for (const b of scheme.bands) if (total.gte(b.min)) return b.label;
  return scheme.bands[scheme.bands.length - 1].label;
}

/** "90（含）以上为优、80（含）-90为良…" for notes and the summary sheet. */
export function describeScheme(scheme: GradeScheme): string {
  const parts: string[] = [];
  scheme.bands.forEach((b, i) => {
    const upper = i === 0 ? null : scheme.bands[i - 1].min;
    if (upper === null) parts.push(`${b.min.toString()}分（含）以上为${b.label}`);
    else if (b.min.isZero()) parts.push(`${upper.toString()}分以下为${b.label}`);
    else parts.push(`${b.min.toString()}（含）-${upper.toString()}分为${b.label}`);
  });
  return parts.join('、');
}
