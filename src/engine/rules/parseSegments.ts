/**
 * Rules written as "condition, points" pairs: bands ("≥95%得3分，90-95%得2分"),
 * checklists ("①…得0.5分 ②…得0.5分", "1.…(2分)") and categorical options
 * ("一次验收通过得满分；二次整改后通过得一半分；未通过不得分").
 */
import { Decimal, ZERO, sum } from '../decimal';
import type { Quantity } from '../quantity';
import type { Band, BandsRule, CategoricalRule, ChecklistRule } from './types';
import { NUM, UNIT, cleanLabel, comparatorAfter, comparatorBefore, lastClause, readQuantity, scanQuantities, suffixBound, type Segment } from './lexicon';
import { maskDates } from './normalize';
import { populationQualifiers } from './subject';
import type { ParseEnv } from './env';

interface Edge {
  num: string;
  unit: string;
  inclusive: boolean;
  /** Said by the text ("(含)", "(不含)", "低于", "以上") rather than the range default. */
  explicit: boolean;
}

interface BandCond {
  lo?: Edge;
  hi?: Edge;
  text: string;
}

const RANGE_RE = new RegExp(`(${NUM})(${UNIT})?(\\((?:不)?含\\))?(?:以上)?[-至到](${NUM})(${UNIT})?(\\((?:不)?含\\))?`);

const LEADING_NUM_RE = new RegExp(`^${NUM}`);

/** Read the threshold(s) of one band condition; null when it has none. */
export function parseBandCond(cond: string): BandCond | null {
  const clause = lastClause(cond);
  const c = maskDates(clause);
  const text = clause.replace(/[，、:]+$/, '').replace(/^(当|若|如|在)/, '');
  const r = RANGE_RE.exec(c);
  if (r) {
    let [, loNum, loUnit, loMark, hiNum, hiUnit, hiMark] = r;
    // "99%-80%": a range written from its top down has the same edges, each with its own mark.
    if (new Decimal(loNum.replace(/,/g, '')).gt(hiNum.replace(/,/g, '')) && (loUnit ?? '') === (hiUnit ?? loUnit ?? '')) {
      [loNum, loUnit, loMark, hiNum, hiUnit, hiMark] = [hiNum, hiUnit ?? loUnit, hiMark, loNum, loUnit, loMark];
    }
    // "(含)" on one edge makes that edge inclusive and the other not; unmarked ranges read lower-inclusive.
    const loInc = loMark ? loMark === '(含)' : hiMark !== '(含)';
    const hiInc = hiMark ? hiMark === '(含)' : false;
    return {
      lo: { num: loNum, unit: loUnit ?? '', inclusive: loInc, explicit: !!loMark },
      hi: { num: hiNum, unit: hiUnit ?? '', inclusive: hiInc, explicit: !!hiMark },
      text,
    };
  }
  const out: BandCond = { text };
  // "100%:5分；90-100%:3分": a band that is one value, written alone.
  const lone = new RegExp(`^(${NUM})(${UNIT})?[:]?$`).exec(c.replace(/[，、]+$/, '').replace(/^.*[，]/, ''));
  if (lone) {
    const edge: Edge = { num: lone[1], unit: lone[2] ?? '', inclusive: true, explicit: true };
    return { lo: edge, hi: { ...edge }, text };
  }
  const qualifiers = populationQualifiers(c);
  for (const s of scanQuantities(c)) {
    if (s.q.unit === 'time' && /^[年月日]$/.test(s.q.unitText)) continue;
    // "大于2万元设备综合利用率≥70%": the amount picks the things counted, it is no edge.
    if (qualifiers.some((x) => s.start >= x.start && s.start < x.end)) continue;
    const numMatch0 = LEADING_NUM_RE.exec(s.raw)!;
    // "调整率=0，计3分": one value, both edges inclusive.
    if (/(?<![<>≤≥!于不])(?:=|等于)$/.test(c.slice(0, s.start))) {
      const edge: Edge = { num: numMatch0[0], unit: s.raw.slice(numMatch0[0].length), inclusive: true, explicit: true };
      out.lo = edge;
      out.hi = { ...edge };
      continue;
    }
    // "90%≤资金到位率<100%": a sign after the number bounds the name that follows it.
    const bound = comparatorAfter(c, s.end) ?? comparatorBefore(c, s.start) ?? suffixBound(c, s.end);
    if (!bound) continue;
    const mark = /^\((不)?含\)/.exec(c.slice(s.end));
    const numMatch = LEADING_NUM_RE.exec(s.raw)!;
    const edge: Edge = { num: numMatch[0], unit: s.raw.slice(numMatch[0].length), inclusive: bound.endsWith('Inc'), explicit: true };
    if (mark) edge.inclusive = !mark[1];
    if (bound.startsWith('lower')) out.lo = edge;
    else out.hi = edge;
  }
  return out.lo || out.hi ? out : null;
}

const OTHERWISE = /^(否则|反之|其他|其余|不符合|未达到|达不到)/;

export function parseBands(env: ParseEnv, segs: Segment[]): BandsRule | null {
  const parsed = segs.map((s) => ({ seg: s, cond: parseBandCond(s.cond) }));
  const withThreshold = parsed.filter((p) => p.cond);
  if (withThreshold.length === 0) return null;
  const others = parsed.filter((p) => !p.cond);
  const otherwiseOnly = others.every((p) => OTHERWISE.test(cleanLabel(p.seg.cond)) || cleanLabel(p.seg.cond) === '');
  if (withThreshold.length < 2 && !(withThreshold.length === 1 && others.length > 0 && otherwiseOnly)) return null;
  // A condition that is neither read nor an "otherwise" cannot become a band that catches every value.
  if (!otherwiseOnly) return null;

  // Bare numbers inherit the unit the other edges use ("60分(含)-70", "90-95%").
  const units = withThreshold.flatMap((p) => [p.cond!.lo?.unit, p.cond!.hi?.unit]).filter((u): u is string => !!u);
  const common = units.sort((a, b) => units.filter((x) => x === b).length - units.filter((x) => x === a).length)[0] ?? '';
  const toQ = (e: Edge | undefined): Quantity | null => (e ? readQuantity(e.num, e.unit || common) : null);

  const max = env.ctx.max ?? null;
  const pointsOf = (s: Segment): Decimal | null => {
    if (s.outcome.points) return s.outcome.points;
    if (s.outcome.between) return s.outcome.between.hi;
    if (s.outcome.fraction && max) return max.times(s.outcome.fraction);
    return null;
  };

  const bands: Band[] = [];
  const implicit = new Map<Band, { lo: boolean; hi: boolean }>();
  for (const p of parsed) {
    const points = pointsOf(p.seg);
    if (points === null) return null;
    if (!p.cond) {
      bands.push({ lo: null, loInclusive: false, hi: null, hiInclusive: false, points, text: cleanLabel(p.seg.cond) || '否则' });
      continue;
    }
    const lo = toQ(p.cond.lo);
    const hi = toQ(p.cond.hi);
    if ((p.cond.lo && !lo) || (p.cond.hi && !hi)) return null;
    const band: Band = {
      lo,
      loInclusive: !!p.cond.lo?.inclusive,
      hi,
      hiInclusive: !!p.cond.hi?.inclusive,
      points,
      text: p.cond.text,
    };
    // "5-3分": the evaluator places a value of this band in the range; the rule reads it, scores it not.
    if (p.seg.outcome.between) band.judged = p.seg.outcome.between;
    const dup = bands.some(
      (b) =>
        b.points.eq(band.points) &&
        b.loInclusive === band.loInclusive &&
        b.hiInclusive === band.hiInclusive &&
        sameEdge(b.lo, band.lo) &&
        sameEdge(b.hi, band.hi),
    );
    if (!dup) {
      bands.push(band);
      implicit.set(band, { lo: !!p.cond.lo && !p.cond.lo.explicit, hi: !!p.cond.hi && !p.cond.hi.explicit });
    }
  }
  closeGaps(bands, implicit);
  const best = bands.reduce((a, b) => (b.points.gt(a) ? b.points : a), ZERO);
  const rule: BandsRule = { kind: 'bands', text: env.raw, subject: env.ctx.name ?? '', statedFull: best.gt(0) ? best : null, bands };
  const judgedLows = bands.flatMap((b) => (b.judged ? [b.judged.lo] : []));
  if (judgedLows.length) rule.accounted = judgedLows;
  // Say which convention filled the gap where the text does not mark its edges ("90-95%").
  if ([...implicit.values()].some((e) => e.lo || e.hi)) rule.notes = ['区间端点未写明是否包含，按下限含、上限不含计'];
  return rule;
}

function covers(b: Band, v: Quantity): boolean {
  const ref = b.lo ?? b.hi;
  if (!ref) return true;
  if (ref.unit !== v.unit) return false;
  const x = v.value;
  const okLo = !b.lo || x.gt(b.lo.value) || (b.loInclusive && x.eq(b.lo.value));
  const okHi = !b.hi || x.lt(b.hi.value) || (b.hiInclusive && x.eq(b.hi.value));
  return okLo && okHi;
}

/**
 * An edge value no band covers ("85-90%（含）… 低于85%" leaves 85% out) goes to
 * the best band whose edge there is exclusive only by default; edges the text
 * marks ("90分(不含)以上", "低于85%") are never changed.
 */
function closeGaps(bands: Band[], implicit: Map<Band, { lo: boolean; hi: boolean }>): void {
  const edges = bands.flatMap((b) => [b.lo, b.hi]).filter((e): e is Quantity => !!e);
  for (const e of edges) {
    if (bands.some((b) => covers(b, e))) continue;
    const candidates = bands
      .filter(
        (b) => (b.lo && !b.loInclusive && implicit.get(b)?.lo && sameEdge(b.lo, e)) || (b.hi && !b.hiInclusive && implicit.get(b)?.hi && sameEdge(b.hi, e)),
      )
      .sort((x, y) => y.points.comparedTo(x.points));
    const best = candidates[0];
    if (!best) continue;
    if (best.lo && sameEdge(best.lo, e) && !best.loInclusive) best.loInclusive = true;
    else best.hiInclusive = true;
  }
}

function sameEdge(a: Quantity | null, b: Quantity | null): boolean {
  if (!a || !b) return a === b;
  return a.unit === b.unit && a.value.eq(b.value);
}

const DEFECT_RE = new RegExp(`每[^；。]{0,30}?扣(?:减|除)?(${NUM})分`);

export function parseChecklist(env: ParseEnv, segs: Segment[], allowSingle: boolean): ChecklistRule | null {
  const max = env.ctx.max ?? null;
  const items: ChecklistRule['items'] = [];
  // "得3-5分": points the evaluator places in a range are no fixed item.
  if (segs.some((s) => s.outcome.between)) return null;
  for (const s of segs) {
    const points = s.outcome.points ?? (s.outcome.fraction && max ? max.times(s.outcome.fraction) : null);
    if (!points || points.lte(0)) continue;
    const label = cleanLabel(s.cond);
    if (!label || OTHERWISE.test(label)) continue;
    items.push({ label, points });
  }
  if (items.length === 0 || (items.length === 1 && !allowSingle)) return null;
  const total = sum(items.map((i) => i.points));
  // Options that exclude each other ("完成得2分，部分完成得1分") are not items to add up.
  if (max && !total.eq(max) && items.length >= 2 && items.some((i) => i.points.eq(max))) return null;
  const rule: ChecklistRule = { kind: 'checklist', text: env.raw, subject: env.ctx.name ?? '', statedFull: total, items };
  const d = DEFECT_RE.exec(env.text);
  if (d) rule.perDefect = new Decimal(d[1].replace(/,/g, ''));
  return rule;
}

function keywordsOf(label: string): string[] {
  const parts = label
    .split(/或者|或/)
    .map((p) => p.replace(/^(?:项目|该项目|若|如果|如|当|且)+/, '').replace(/[，,、]+$/, ''))
    .filter((p) => p.length > 0);
  return [...new Set(parts)];
}

export function parseCategorical(env: ParseEnv, segs: Segment[]): CategoricalRule | null {
  if (segs.length < 2) return null;
  if (!segs.some((s) => s.outcome.fraction) && !env.ctx.max) return null;
  // A range of points ("得3-5分") is no option's points, and no share of nothing.
  if (segs.some((s) => s.outcome.between)) return null;
  const options: CategoricalRule['options'] = [];
  for (const s of segs) {
    let label = cleanLabel(s.cond);
    // "依据是否充分，充分：3分", "…是否完整(制度健全、档案完整的得2分": the option is what follows the question.
    const lead = Math.max(label.lastIndexOf('('), /是否/.test(label) ? label.lastIndexOf('，') : -1);
    if (lead >= 0 && lead < label.length - 1) label = label.slice(lead + 1).replace(/的$/, '');
    const option: CategoricalRule['options'][number] = {
      label: label || '否则',
      keywords: label && !OTHERWISE.test(label) ? keywordsOf(label) : [],
    };
    // "不得分" is a share of nothing, whatever the max.
    if (s.outcome.points && s.outcome.points.gt(0)) option.points = s.outcome.points;
    else option.fraction = s.outcome.fraction ?? ZERO;
    options.push(option);
  }
  const named = options.filter((o) => o.keywords.length > 0).length;
  // "有会议记录和领导签批的，记2.5分；否则，不记分": one named option and an otherwise.
  const otherwise = options.some((o) => o.keywords.length === 0 && OTHERWISE.test(o.label));
  if (named < 2 && !(named === 1 && otherwise)) return null;
  const numeric = options.map((o) => o.points).filter((p): p is Decimal => !!p);
  const statedFull = numeric.length ? numeric.reduce((a, b) => (b.gt(a) ? b : a)) : null;
  return { kind: 'categorical', text: env.raw, subject: env.ctx.name ?? '', statedFull, options };
}

/** "缺一项", "少2个": a count of what is missing, opening a tier's condition. */
const MISSING_RE = /^(?:每)?(?:缺|少|缺少)(\d+)(项|个|次|处|条|份|本|人)(?:及以上|以上)?(?:的)?$/;

/**
 * Tiers by how many are missing: "…制度制订并上墙率达100%计15分，缺一项得7分，缺两项得4分，
 * 缺三项不得分". The full mark (the max) is for none missing; each tier gives its points for
 * exactly that count; a last tier of nothing ("缺三项不得分", "缺3项及以上不得分") goes on
 * upward. A count between or past the tiers named is no band (pending). The full-mark
 * clause must give the max; its own figure ("达100%") restates "none missing".
 */
export function parseMissingTiers(env: ParseEnv, segs: Segment[]): BandsRule | null {
  const max = env.ctx.max;
  if (!max || segs.length < 3 || /每/.test(env.text)) return null;
  const [full, ...tiers] = segs;
  const fullPoints = full.outcome.fraction?.eq(1) ? max : full.outcome.points;
  if (!fullPoints || !fullPoints.eq(max)) return null;
  const fullCond = lastClause(full.cond);
  // "…达100%": the standard restated, no other figure.
  const fullNumbers = scanQuantities(maskDates(fullCond));
  if (fullNumbers.length > 1 || (fullNumbers.length === 1 && !(fullNumbers[0].q.unit === 'percent' && fullNumbers[0].q.value.eq(1)))) return null;
  const bands: Band[] = [];
  let unit = '';
  for (const t of tiers) {
    const m = MISSING_RE.exec(lastClause(t.cond).replace(/^[，、]+/, ''));
    if (!m) return null;
    const points = t.outcome.points ?? (t.outcome.fraction && max ? max.times(t.outcome.fraction) : null);
    if (points === null) return null;
    if (unit && unit !== m[2]) return null;
    unit = m[2];
    const n = readQuantity(m[1], m[2]);
    if (!n) return null;
    bands.push({ lo: n, loInclusive: true, hi: n, hiInclusive: true, points, text: lastClause(t.cond).replace(/的$/, '') });
  }
  // Counts named in order, points falling.
  for (let i = 1; i < bands.length; i++) {
    if (!bands[i].lo!.value.gt(bands[i - 1].lo!.value) || bands[i].points.gt(bands[i - 1].points)) return null;
  }
  const last = bands[bands.length - 1];
  if (last.points.isZero()) {
    last.hi = null;
    last.hiInclusive = false;
  }
  const none = { ...bands[0].lo!, value: ZERO, text: `0${unit}` };
  bands.unshift({ lo: none, loInclusive: true, hi: none, hiInclusive: true, points: max, text: '无缺项' });
  const rule: BandsRule = { kind: 'bands', text: env.raw, subject: env.ctx.name ?? '', statedFull: max, bands, countsMissing: true };
  if (fullNumbers.length === 1) rule.accounted = [fullNumbers[0].q.value.times(100)];
  return rule;
}

/** A deduction or a zero that ends a tier's clause ("迟报2天扣10分", "2次及以上不得分"). */
const TIER_OUTCOME_RE = new RegExp(`扣(?:减|除)?(${NUM})分|不得分|不计分|得0分|为0分`, 'g');

/**
 * Tiers of deductions by what happened: "无故迟报1天扣3分，迟报2天扣10分，迟报3天及以上扣20分",
 * "发现1次扣1分；2次及以上不得分". Each clause is a condition on a count (a lone number is that
 * count exactly) and a deduction from the max; none happening keeps the max. A rule with
 * "每…" deducts per unit and is no tier list.
 */
export function parseTiers(env: ParseEnv): BandsRule | null {
  const { text } = env;
  const max = env.ctx.max;
  if (!max || /每/.test(text)) return null;
  const outs: { start: number; end: number; deduct: Decimal | null }[] = [];
  TIER_OUTCOME_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TIER_OUTCOME_RE.exec(text))) {
    // "扣15分/次": per occurrence, not a tier.
    if (/^\/[次起处例件个项人]/.test(text.slice(m.index + m[0].length))) return null;
    outs.push({ start: m.index, end: m.index + m[0].length, deduct: m[1] ? new Decimal(m[1].replace(/,/g, '')) : null });
  }
  if (outs.length < 2) return null;
  const bands: Band[] = [];
  const implicit = new Map<Band, { lo: boolean; hi: boolean }>();
  let prev = 0;
  for (const o of outs) {
    const clause = lastClause(text.slice(prev, o.start));
    prev = o.end;
    const c = maskDates(clause);
    const found = scanQuantities(c).filter((s) => !(s.q.unit === 'time' && /^[年月日]$/.test(s.q.unitText)));
    if (found.length === 0 || found.length > 2) return null;
    if (found.some((s) => s.q.unit !== 'count' && s.q.unit !== 'time' && s.q.unit !== 'percent' && s.q.unit !== 'none')) return null;
    const points = o.deduct ? Decimal.max(max.minus(o.deduct), ZERO) : ZERO;
    const band: Band = { lo: null, loInclusive: false, hi: null, hiInclusive: false, points, text: clause.replace(/[，、:]+$/, '') };
    if (o.deduct) band.deduct = o.deduct;
    const read = parseBandCond(clause);
    const unitOf = found.find((s) => s.q.unit !== 'none')?.raw.replace(/^[\d.,]+/, '') ?? '';
    const edge = (e: Edge | undefined) => (e ? readQuantity(e.num, e.unit || unitOf) : null);
    if (read) {
      band.lo = edge(read.lo);
      band.hi = edge(read.hi);
      if ((read.lo && !band.lo) || (read.hi && !band.hi)) return null;
      band.loInclusive = !!read.lo?.inclusive;
      band.hiInclusive = !!read.hi?.inclusive;
      implicit.set(band, { lo: !!read.lo && !read.lo.explicit, hi: !!read.hi && !read.hi.explicit });
    } else if (found.length === 1) {
      // "无故迟报1天扣3分": a lone count is that count exactly.
      band.lo = band.hi = found[0].q;
      band.loInclusive = band.hiInclusive = true;
    } else return null;
    // Two tiers on the same count ("重伤1人…；轻伤1人…") count different things: no single tier list.
    if (bands.some((b) => sameEdge(b.lo, band.lo) && sameEdge(b.hi, band.hi))) return null;
    bands.push(band);
  }
  // "低5%-10%的扣4分，低超过10%的扣6分": 10% is in the range whose edge the text leaves unmarked.
  closeGaps(bands, implicit);
  // Nothing happened: the max ("无故迟报1天扣3分…" says nothing of reporting on time, which keeps it).
  const first = bands.map((b) => b.lo ?? b.hi).find((e) => e)!;
  const zero = { ...first, value: ZERO, text: `0${first.unitText}` };
  if (first.unit !== 'percent' && !bands.some((b) => covers(b, zero))) {
    bands.unshift({ lo: zero, loInclusive: true, hi: zero, hiInclusive: true, points: max, text: '未发生' });
  }
  return { kind: 'bands', text: env.raw, subject: env.ctx.name ?? '', statedFull: null, bands };
}
