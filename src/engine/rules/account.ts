/**
 * Accounting for every clause: a computed score is only trusted when every
 * number the rule text carries was read into the rule. A number left over
 * ("…；低于80%不得分" beside a step rule that did not take it, "4-6名扣1分"
 * matched as a keyword) means a clause the parser did not understand, and the
 * indicator is left to the evaluator with that clause shown, never scored as if
 * the clause were not there.
 */
import { Decimal } from '../decimal';
import type { Quantity } from '../quantity';
import { scanQuantities, type Scanned } from './lexicon';
import type { Rule } from './types';

/** A number of the text as it is written: 95 for "95%", 100 for "100万元", 9 for "9‰". */
export function writtenValue(q: Quantity): Decimal {
  if (q.unit === 'percent') return q.unitText === '‰' ? q.value.times(1000) : q.value.times(100);
  return q.scale !== 1 ? q.value.div(q.scale) : q.value;
}

/** Every number the rule holds, in the forms a text could write it. */
function ruleNumbers(rule: Rule): Decimal[] {
  const out: Decimal[] = [];
  const add = (d: Decimal | null | undefined) => {
    if (d) out.push(d);
  };
  const addQ = (q: Quantity | null | undefined) => {
    if (!q) return;
    out.push(writtenValue(q), q.value);
  };
  add(rule.statedFull);
  for (const n of rule.accounted ?? []) add(n);
  switch (rule.kind) {
    case 'proportional':
      addQ(rule.target);
      add(rule.points);
      addQ(rule.zeroBelow);
      addQ(rule.fullAt);
      break;
    case 'step':
      addQ(rule.threshold);
      add(rule.step);
      add(rule.step.times(100));
      add(rule.deduction);
      addQ(rule.zeroBelow);
      addQ(rule.zeroAbove);
      add(rule.maxDeduction);
      for (const n of rule.stepText.match(/\d+(?:\.\d+)?/g) ?? []) out.push(new Decimal(n));
      break;
    case 'bonus':
      addQ(rule.reference);
      add(rule.base);
      add(rule.cap);
      add(rule.bonusCap);
      for (const st of rule.below.kind === 'step' ? [rule.above, rule.below] : [rule.above]) {
        add(st.step);
        add(st.step.times(100));
        add(st.points);
        for (const n of st.stepText.match(/\d+(?:\.\d+)?/g) ?? []) out.push(new Decimal(n));
      }
      break;
    case 'bands':
      for (const b of rule.bands) {
        addQ(b.lo);
        addQ(b.hi);
        add(b.points);
        add(b.deduct);
      }
      break;
    case 'perMonth':
      addQ(rule.threshold);
      add(rule.deduction);
      out.push(new Decimal(1));
      break;
    case 'perOccurrence':
      for (const i of rule.items) {
        add(i.deduction);
        add(i.outright?.abs());
      }
      out.push(new Decimal(1));
      break;
    case 'additive':
      for (const i of rule.items) add(i.pointsEach);
      out.push(new Decimal(1));
      break;
    case 'categorical':
      for (const o of rule.options) add(o.points);
      break;
    case 'grade':
      for (const g of rule.grades) add(g.points);
      break;
    case 'checklist':
      for (const i of rule.items) add(i.points);
      add(rule.perDefect);
      break;
    case 'judgement':
      break;
  }
  return out;
}

/** Characters after a bare number that still make it a quantity ("20万", "3倍", "5个") rather than a name ("12345热线"). */
const QUANTITY_TAIL = /[以及或至到的个倍分万亿千百元多余左右内]/;

/** The number is part of a name: "12345热线", "24小时可用率" when the indicator is 24小时可用率. */
function inName(text: string, s: Scanned, name: string): boolean {
  const next = text[s.end] ?? '';
  if (s.q.unit === 'none' && /[\u4e00-\u9fff]/.test(next) && !QUANTITY_TAIL.test(next)) return true;
  if (!name || !name.includes(s.raw)) return false;
  // The words after the number continue the name ("24小时" + "可用率").
  const at = name.indexOf(s.raw) + s.raw.length;
  const rest = name.slice(at, at + 2);
  return rest.length > 0 && text.startsWith(rest, s.end);
}

/** A section number opening a statement: three levels ("1.2.1"), or two before a quote ("2.1“一池三改”"). */
const SECTION_NUMBER = /^\d+(?:\.\d+){2,3}(?![\d.%])|^\d+\.\d+(?=["“《])/;

function inSection(text: string, s: Scanned): boolean {
  let start = s.start;
  while (start > 0 && /[\d.]/.test(text[start - 1])) start--;
  if (start > 0 && !/[；。;\n:，]/.test(text[start - 1])) return false;
  const m = SECTION_NUMBER.exec(text.slice(start));
  return !!m && s.end <= start + m[0].length;
}

/** Numbers no rule needs to read: "×100%" in a definition, points of 0, part of a name. */
function exempt(text: string, s: Scanned, name: string): boolean {
  const before = text[s.start - 1] ?? '';
  // Item numbers: "2.报名率", "(3)", "1、" at the start of a statement.
  if (s.q.unit === 'none' && /^(?:[；。;\n(（:，]|)$/.test(before) && /^[.、)）](?!\d)/.test(text.slice(s.end))) return true;
  // Section numbers: "1.2.1\"一池三改\"中…", "2.1“…”" at the start of a statement.
  if (inSection(text, s)) return true;
  if (/^100%$/.test(s.raw) && /[×*xX]/.test(before)) return true;
  if (s.q.unit === 'score' && s.q.value.isZero()) return true;
  return inName(text, s, name);
}

const CAP_WORDS = /(?:最高|最多|不超过|不得超过|共|上限|满分|为限|分值为|加满|扣满)[^，；。]{0,2}$/;
/** Words that score: 计/记 only as an outcome ("计5分", "记满分"), not in 登记, 计划, 会计. */
const SCORING_WORDS = /[扣得分]|[计记](?:\d|满分|零分|0分)|满分|为止/;
/**
 * A measure defined, not scored: "预算执行率=实际支出/预算数×100%" (the left side is no
 * score), or a survey's answer weights ("通过问卷调查…权重分别为100%、80%…").
 */
const DEFINITION = /^[^=得]{1,30}=|问卷[^；。]*权重[^；。]*分别为/;
/** An exception in the evaluated party's favour, which only the evaluator can establish. */
const EXCEPTION = /^(?:因|除|由于|如因|若因|对因|凡因)|除外|可允许|予以调整|不予扣分/;

/** Statements: sentences, and a new one wherever a score formula starts ("…×100%得分=…"). */
function statements(text: string): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  const cut = /[；。;\n]|(?=(?:指标)?得分(?:值)?=)/g;
  let from = 0;
  let m: RegExpExecArray | null;
  while ((m = cut.exec(text))) {
    if (m.index > from) out.push({ start: from, end: m.index, text: text.slice(from, m.index) });
    from = m.index + m[0].length;
    if (m[0].length === 0) cut.lastIndex++;
  }
  if (from < text.length) out.push({ start: from, end: text.length, text: text.slice(from) });
  return out;
}

/** The comma-separated piece of a statement around a position. */
function pieceAt(text: string, start: number, end: number): string {
  const breaks = /[；。;\n，,]/;
  let a = start;
  while (a > 0 && !breaks.test(text[a - 1])) a--;
  let b = end;
  while (b < text.length && !breaks.test(text[b])) b++;
  return text.slice(a, b);
}

/** The clause holding position `at`: from the previous break to the next. */
function clauseAt(text: string, start: number, end: number): string {
  const breaks = /[；。;\n]/;
  let a = start;
  while (a > 0 && !breaks.test(text[a - 1])) a--;
  let b = end;
  while (b < text.length && !breaks.test(text[b])) b++;
  return text.slice(a, b).replace(/^[，,、\s]+|[，,、\s]+$/g, '');
}

/**
 * A condition that gates the scoring after it ("未达标设备比例大于10%时，按未达标台数每台扣2分",
 * "当投诉率超过1%时，…"): not a requirement defining what is counted but a fact of its own,
 * which the count typed does not tell — such a number is never skipped.
 */
const GATE = /^(?=.*(?:大于|小于|超过|低于|高于|不足|达到|以上|以下|不少于|不低于|不超过|[≥≤><]))(?:(?:当|如果|若).*|.*时)$/;

/** What accounting found: clauses with unread numbers, and exception clauses to state as assumptions. */
export interface Accounting {
  unread: string[];
  exceptions: string[];
}

/** Kinds whose count the evaluator types: requirement sentences define what is counted. */
const COUNTED_KINDS = new Set<Rule['kind']>(['perOccurrence', 'additive']);

/**
 * The clauses of `text` (normalised rule text) holding numbers that `rule` did not
 * read, in text order, each once; empty when every number is accounted for.
 * Definitions of the measure, exceptions (stated as assumptions) and, for counted
 * kinds, requirement sentences without scoring words are not scoring clauses.
 */
export function accountFor(rule: Rule, text: string, name = '', max: Decimal | null = null): Accounting {
  const known = ruleNumbers(rule);
  const out: Accounting = { unread: [], exceptions: [] };
  const stmts = statements(text);
  const names = [name, rule.subject].filter(Boolean).join('|');
  for (const s of scanQuantities(text)) {
    if (exempt(text, s, names)) continue;
    // The indicator's own points restated as a cap ("最高不超过3分", "共6分", "分值为0.5分"): the max caps every score.
    if (max && s.q.unit === 'score' && s.q.value.eq(max) && CAP_WORDS.test(text.slice(Math.max(0, s.start - 6), s.start))) continue;
    const piece = pieceAt(text, s.start, s.end);
    // A counted rule reads no condition: a number in a gate is never one of its own.
    const gate = COUNTED_KINDS.has(rule.kind) && GATE.test(piece.trim());
    const w = writtenValue(s.q);
    if (!gate && known.some((k) => k.eq(w) || k.eq(s.q.value))) continue;
    const st = stmts.find((x) => s.start >= x.start && s.start < x.end);
    const stText = (st?.text ?? '').replace(/^[①-⑳\d.、()（）]+/, '');
    if (DEFINITION.test(stText)) continue;
    if (EXCEPTION.test(stText)) {
      const clean = clauseAt(text, s.start, s.end);
      if (!out.exceptions.includes(clean)) out.exceptions.push(clean);
      continue;
    }
    if (COUNTED_KINDS.has(rule.kind) && !SCORING_WORDS.test(piece) && !gate) continue;
    const clause = clauseAt(text, s.start, s.end);
    if (!out.unread.includes(clause)) out.unread.push(clause);
  }
  return out;
}

/** The clauses holding unread numbers (see accountFor). */
export function unreadClauses(rule: Rule, text: string, name = ''): string[] {
  return accountFor(rule, text, name).unread;
}
