/** Grade words with points: "按优6分、良4分、中2分、差1分". */
import { Decimal } from '../decimal';
import type { GradeRule } from './types';
import { NUM } from './lexicon';
import type { ParseEnv } from './env';

const GRADE_WORDS = ['优秀', '良好', '中等', '合格', '一般', '较差', '不合格', '优', '良', '中', '差'];
const GRADE_RE = new RegExp(`(${GRADE_WORDS.join('|')})(?:等|级|的)?[:为]?(?:得|计)?(${NUM})分`, 'g');

export function parseGrade(env: ParseEnv): GradeRule | null {
  const grades: GradeRule['grades'] = [];
  GRADE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = GRADE_RE.exec(env.text))) {
    if (grades.some((g) => g.label === m![1])) continue;
    grades.push({ label: m[1], points: new Decimal(m[2].replace(/,/g, '')) });
  }
  if (grades.length < 2 || !grades.some((g) => /^[优良]/.test(g.label))) return null;
  const best = grades.reduce((a, g) => (g.points.gt(a) ? g.points : a), grades[0].points);
  return { kind: 'grade', text: env.raw, subject: env.ctx.name ?? '', statedFull: best, grades };
}

/** The grade a free-text answer names ("良", "评为良好"), longest word first. */
export function gradeIn(rule: GradeRule, text: string): GradeRule['grades'][number] | null {
  const sorted = [...rule.grades].sort((a, b) => b.label.length - a.label.length);
  for (const g of sorted) if (text.includes(g.label)) return g;
  // "良" answers a rule written with "良好" and vice versa.
  for (const g of sorted) if (text.length > 0 && (g.label.startsWith(text) || text.startsWith(g.label[0]))) return g;
  return null;
}
