/**
 * Ranks, read two ways.
 *
 * Per place: "按排位打分，每位次按0.25分递减", "第1名得10分，每下降一位扣0.5分",
 * "排名第一得满分，每后退一名扣1分". The first place keeps the max; each place
 * further down costs the stated points.
 *
 * Bands over the rank: "占比排名前5名的得满分，6-10名的扣0.5分，11名以后扣1分",
 * "排名前三名得满分，第四至六名得3分，其余得1分". Each band is a closed range of
 * places (前N名 = 1..N, A-B名, 第N名) or an open one (N名以后); "N名以后" takes
 * N when the bands before it end at N-1 and starts after N when they end at N,
 * and is left to the evaluator when they say neither. "其余" takes the places
 * after the last band when the bands before it run from the first place on.
 * A zero of the ranked share ("占比为0的不得分") is a band of its own on that share.
 *
 * Ranks counted from the bottom ("后3名", "倒数第2名", "末位") need the number of
 * ranked units, which the text does not give: those rules are left to the
 * evaluator. So is any clause with points that is not one of the above: every
 * clause of a rank table decides someone's score.
 */
import { Decimal, ZERO, dec } from '../decimal';
import { quantity, type Quantity } from '../quantity';
import type { Band, BandsRule, JudgementRule, StepRule } from './types';
import { NUM } from './lexicon';
import { cnNumber } from './normalize';
import type { ParseEnv } from './env';

const RANK_WORDS = /排位|排名|名次|位次|位列/;
const PER_PLACE_RE = new RegExp(`每(?:下降|后退|降低|退后|落后)?(?:1|一)?(?:个)?(?:位次|位|名)(?:按)?(?:扣(?:减|除)?)?(${NUM})分(?:递减)?`);

export function parseRank(env: ParseEnv): StepRule | BandsRule | JudgementRule | null {
  const { text } = env;
  if (!RANK_WORDS.test(text + (env.ctx.name ?? ''))) return null;
  const m = PER_PLACE_RE.exec(text);
  if (!m) return parseRankBands(env);
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

/** A place number: digits, or a Chinese numeral ("前三名", "第十一名"). */
const R = '(\\d+|[一二两三四五六七八九十]+)';
/** The place word. */
const P = '(?:名次|名|位次|位)';
/** Not part of a larger number or a share ("前10%" is no rank). */
const END = '(?![\\d.%‰])';

/** Places counted from the bottom: their number depends on how many units are ranked. */
const FROM_BOTTOM = new RegExp(`倒数|后${R}${P}|末${R}?${P}|最后${R}?${P}|末位`);

type Open = 'inclusive' | 'byNeighbours';

interface Places {
  lo: number;
  /** null: open ("11名以后"). */
  hi: number | null;
  /** How the first place of an open band is decided. */
  open?: Open;
  /** The expression as written. */
  text: string;
}

/** The place expressions, most specific first; each returns the places a cond names. */
const PLACE_FORMS: { re: RegExp; read: (m: RegExpExecArray) => Places | null }[] = [
  // "6-10名", "第四至六名", "第1名至第5名", "11-20位".
  {
    re: new RegExp(`第?${R}${P}?(?:\\(含\\))?[-至到]第?${R}${P}(?:\\(含\\))?`),
    read: (m) => closed(m[1], m[2], m[0]),
  },
  // "11名以后", "第11名及以后", "20位以后", "10名(含)以后".
  {
    re: new RegExp(`第?${R}${P}(\\(含\\))?(及以后|及其后|及之后|及以下|以后|之后|以下|后)`),
    read: (m) => {
      const n = place(m[1]);
      if (n === null) return null;
      const inclusive = !!m[2] || m[3].startsWith('及');
      return { lo: n, hi: null, open: inclusive ? 'inclusive' : 'byNeighbours', text: m[0] };
    },
  },
  // "前5名", "排名前10位", "排名前三" (the place word left out only at the end of the condition: "前3个月" is no rank).
  {
    re: new RegExp(`前${R}(?:${P}${END}(?:\\(含\\))?(?:以内|之内|内)?|$)`),
    read: (m) => closed('1', m[1], m[0]),
  },
  // "5名以内", "10位以前".
  {
    re: new RegExp(`${R}${P}(?:\\(含\\))?(?:以内|之内|以前)`),
    read: (m) => closed('1', m[1], m[0]),
  },
  // "第3名", "排名第一" (the place word may be left out at the end of the condition).
  {
    re: new RegExp(`第${R}(?:${P}|$)${END}`),
    read: (m) => closed(m[1], m[1], m[0]),
  },
];

function place(s: string): number | null {
  const n = /^\d+$/.test(s) ? Number(s) : cnNumber(s);
  return n !== null && Number.isInteger(n) && n >= 1 ? n : null;
}

function closed(a: string, b: string, text: string): Places | null {
  const lo = place(a);
  const hi = place(b);
  return lo !== null && hi !== null && lo <= hi ? { lo, hi, text } : null;
}

/**
 * Any place number left in a condition after its expression was read ("第1、2名", "2020年排名前5名"): a
 * clause not understood. "第三方评价" names no place.
 */
const STRAY_PLACE = new RegExp(`${R}${P}|[第前]${R}(?=${P}|[|、，]|$)|\\d`);

/** "其余", "其他名次": every place after the bands before it. */
const OTHERWISE = /^(?:其余|其他|其它|剩余|余下)(?:名次|位次|单位|地区|的)?$/;

/**
 * "占比为0", "贡献率为0%": the ranked share at zero, a band on that share. Only a share or a
 * rate (…率, 占比, 比例, 比重) is read as a percentage.
 */
const SHARE_ZERO = /^([\u4e00-\u9fff]{0,12}?(?:占比|比例|比重|率))(?:为|是|等于|=)0(?:\.0+)?%?$/;

const POINTS = `(${NUM}|[零一二两三四五六七八九十]+)`;

/** The outcome closing a clause: what the condition before it earns. */
const CLAUSE_OUTCOME = new RegExp(
  [
    '(?<full>(?:得|计|记|给)满分|不扣分)',
    '(?<zero>不得分|不计分|不记分|不给分|(?:得|计|记)(?:0|零)分)',
    '(?<half>(?:得|计|记)一半(?:的)?分(?:值|数)?|得半分|得分减半|减半计分)',
    // "得80%分值", "得分值的60%".
    `(?:得|计|记)(?:分值的|满分的)?(?<pct>${NUM})%(?:的)?(?:分值|分数)?`,
    `(?:得|计|记|给)${POINTS.replace('(', '(?<pts>')}分`,
    `扣(?:减|除)?${POINTS.replace('(', '(?<ded>')}分`,
    `[:(]${POINTS.replace('(', '(?<bare>')}分\\)?`,
    // "第1名5分", "第2-3名的4分", "第4名及以后3分": points right after the places.
    `(?<=${P}(?:\\(含\\))?(?:及以后|及其后|及之后|及以下|以后|之后|以下|以内|之内|以前)?的?)${POINTS.replace('(', '(?<after>')}分`,
  ]
    .map((w) => `(?:${w})`)
    .join('|') + '$',
);

type Outcome =
  | { kind: 'fraction'; f: Decimal; text: string; percent?: boolean }
  | { kind: 'points'; p: Decimal; text: string }
  | { kind: 'deduct'; d: Decimal; text: string };

function amount(s: string): Decimal | null {
  if (/^\d/.test(s)) return new Decimal(s.replace(/,/g, ''));
  const n = cnNumber(s);
  return n === null ? null : dec(n);
}

function clauseOutcome(piece: string): { cond: string; outcome: Outcome } | null {
  const m = CLAUSE_OUTCOME.exec(piece);
  if (!m) return null;
  const g = m.groups ?? {};
  const cond = piece
    .slice(0, m.index)
    .replace(/(?:的|者|[:，]|则|可)+$/, '')
    .replace(/^(?:\d{1,2}[、.)](?!\d)|\(\d{1,2}\)|[①-⑳])+/, '');
  let outcome: Outcome | null;
  if (g.full) outcome = { kind: 'fraction', f: dec(1), text: m[0] };
  else if (g.zero) outcome = { kind: 'points', p: ZERO, text: m[0] };
  else if (g.half) outcome = { kind: 'fraction', f: dec('0.5'), text: m[0] };
  else if (g.pct !== undefined) outcome = { kind: 'fraction', f: new Decimal(g.pct.replace(/,/g, '')).div(100), text: m[0], percent: true };
  else if (g.ded !== undefined) {
    const d = amount(g.ded);
    outcome = d && { kind: 'deduct', d, text: m[0] };
  } else {
    const p = amount(g.pts ?? g.bare ?? g.after ?? '');
    outcome = p && { kind: 'points', p, text: m[0] };
  }
  return outcome ? { cond, outcome } : null;
}

/** The places one condition names; null when it names none; 'unread' when it names them in a way not read here. */
function placesOf(cond: string): Places | 'unread' | null {
  for (const form of PLACE_FORMS) {
    const m = form.re.exec(cond);
    if (!m) continue;
    const places = form.read(m);
    if (!places) return 'unread';
    const rest = cond.slice(0, m.index) + '|' + cond.slice(m.index + m[0].length);
    return STRAY_PLACE.test(rest) ? 'unread' : places;
  }
  return null;
}

interface Read {
  places?: Places;
  share?: string;
  otherwise?: boolean;
  outcome: Outcome;
  text: string;
  /** The clause as written, for notes. */
  clause?: string;
}

const STATED_FULL = new RegExp(`(?:满分|分值)(?:为)?(${NUM})分`);

function judgement(env: ParseEnv, reason: string): JudgementRule {
  return { kind: 'judgement', text: env.raw, subject: env.ctx.name ?? '', statedFull: null, reason };
}

function count(n: number, word: string): Quantity {
  return quantity(dec(n), 'count', word);
}

/**
 * "前5名的得满分，6-10名的扣0.5分，11名以后扣1分，占比为0的不得分" as bands over the
 * rank; null when the text has no band over places; a judgement when it has
 * one but some clause cannot be read (the evaluator sees why).
 */
function parseRankBands(env: ParseEnv): BandsRule | JudgementRule | null {
  const { text } = env;
  const pieces = text.split(/[，；。]/).filter((p) => p.length > 0);
  const reads: Read[] = [];
  let hasPlaces = false;
  let dangling: string | null = null;
  let unread: string | null = null;
  for (const piece of pieces) {
    const co = clauseOutcome(piece);
    if (!co) {
      // "排名前5名的，得满分": the condition and its points in two pieces.
      if (placesOf(piece) !== null) {
        if (dangling) unread ??= dangling;
        dangling = piece;
      }
      continue;
    }
    let cond = co.cond;
    if (cond === '' && dangling) cond = dangling.replace(/(?:的|者|[:]|则)+$/, '');
    else if (dangling) unread ??= dangling;
    dangling = null;
    const places = placesOf(cond);
    if (places === 'unread') {
      unread ??= piece;
      continue;
    }
    if (places) {
      hasPlaces = true;
      reads.push({ places, outcome: co.outcome, text: cond });
      continue;
    }
    const share = SHARE_ZERO.exec(cond);
    if (share && co.outcome.kind === 'points' && co.outcome.p.isZero()) {
      reads.push({ share: share[1], outcome: co.outcome, text: cond, clause: piece });
      continue;
    }
    if (OTHERWISE.test(cond)) {
      reads.push({ otherwise: true, outcome: co.outcome, text: cond });
      continue;
    }
    // A clause with points that is none of the above ("未参与排名的不得分", "前10%得满分").
    unread ??= piece;
  }
  if (dangling) unread ??= dangling;
  if (!hasPlaces) return null;
  const bottom = FROM_BOTTOM.exec(text);
  if (bottom) return judgement(env, `“${bottom[0]}”按倒数计名次，需要参与排名的单位总数，评分标准没有给出`);
  if (unread) return judgement(env, `按名次分档，但条款“${unread}”无法对应到名次区间`);

  const max = env.ctx.max ?? null;
  const needsMax = reads.some((r) => r.outcome.kind !== 'points');
  if (needsMax && !max) return judgement(env, '按名次分档，“得满分”或扣分需要指标分值');

  // Places: open bands take their first place from the bands before them, "其余" what is left.
  const ranked = reads.filter((r) => r.places);
  const closedHi = ranked.filter((r) => r.places!.hi !== null).map((r) => r.places!.hi!);
  const wordOf = (r: Read) => /位/.exec(r.places?.text ?? '')?.[0] ?? '名';
  const word = ranked.map(wordOf)[0] ?? '名';
  const spans: { lo: number; hi: number | null; read: Read }[] = [];
  for (const r of ranked) {
    const p = r.places!;
    let lo = p.lo;
    if (p.hi === null && p.open === 'byNeighbours') {
      if (closedHi.includes(p.lo - 1)) lo = p.lo;
      else if (closedHi.includes(p.lo)) lo = p.lo + 1;
      else return judgement(env, `“${p.text}”是否包含第${p.lo}名，评分标准没有写明`);
    }
    spans.push({ lo, hi: p.hi, read: r });
  }
  const other = reads.filter((r) => r.otherwise);
  if (other.length > 1) return judgement(env, '按名次分档，“其余”出现多次');
  if (other.length === 1) {
    if (spans.some((s) => s.hi === null)) return judgement(env, `“${other[0].text}”之外已有不设上限的名次区间，“其余”指哪些名次无法确定`);
    const upTo = contiguousFromFirst(spans);
    if (upTo === null) return judgement(env, `“${other[0].text}”之前的名次区间不连续，“其余”指哪些名次无法确定`);
    spans.push({ lo: upTo + 1, hi: null, read: other[0] });
  }
  if (!spans.some((s) => s.lo === 1)) return judgement(env, '按名次分档，但没有写明第1名的得分');
  for (let i = 0; i < spans.length; i++) {
    for (let j = i + 1; j < spans.length; j++) {
      const [a, b] = [spans[i], spans[j]];
      const overlap = (a.hi === null || b.lo <= a.hi) && (b.hi === null || a.lo <= b.hi);
      if (overlap) return judgement(env, `名次区间“${a.read.text}”与“${b.read.text}”重叠`);
    }
  }

  const pointsOf = (o: Outcome): { points: Decimal; deduct?: Decimal } => {
    if (o.kind === 'points') return { points: o.p };
    if (o.kind === 'fraction') return { points: max!.times(o.f) };
    const left = max!.minus(o.d);
    return { points: left.lt(0) ? ZERO : left, deduct: o.d };
  };
  const bands: Band[] = spans.map((s) => ({
    lo: count(s.lo, word),
    loInclusive: true,
    hi: s.hi === null ? null : count(s.hi, word),
    hiInclusive: s.hi !== null,
    ...pointsOf(s.read.outcome),
    text: s.read.places?.text ?? s.read.text,
  }));
  const notes: string[] = [];
  for (const r of reads.filter((x) => x.share)) {
    const zero = quantity(ZERO, 'percent');
    bands.push({ lo: zero, loInclusive: true, hi: zero, hiInclusive: true, points: ZERO, text: r.text, measure: r.share });
    notes.push(`“${r.clause}”按${r.share}判断：填写名次的按${r.share}不为0计分，${r.share}为0的不论名次得0分`);
  }
  const stated = STATED_FULL.exec(text);
  const rule: BandsRule = {
    kind: 'bands',
    text: env.raw,
    subject: '排名',
    statedFull: stated ? new Decimal(stated[1].replace(/,/g, '')) : null,
    bands,
  };
  if (notes.length) rule.notes = notes;
  // "得80%分值": the share of the max, as written.
  const shares = reads.flatMap((r) => (r.outcome.kind === 'fraction' && r.outcome.percent ? [r.outcome.f.times(100)] : []));
  if (shares.length) rule.accounted = shares;
  return rule;
}

/** The last place of bands that run from the first place without a gap, or null. */
function contiguousFromFirst(spans: { lo: number; hi: number | null }[]): number | null {
  const sorted = [...spans].sort((a, b) => a.lo - b.lo);
  let next = 1;
  for (const s of sorted) {
    if (s.lo !== next || s.hi === null) return null;
    next = s.hi + 1;
  }
  return sorted.length ? next - 1 : null;
}
