/**
 * Scoring a checklist from the evaluator's judgements: 符合 earns the item's
 * points, 部分 the points typed (within the item's), 不符合 none; a deduction
 * item found deducts the amount chosen within its range. The 扣分说明 is
 * written from the unmet items. With some items still unjudged the indicator
 * stays pending; with only a typed score, the score is checked against what
 * the items can give.
 */
import { Decimal, ZERO, fmt, round2, sum } from '../decimal';
import { finding, type Finding } from '../findings';
import type { ItemJudgement, ItemVerdict } from '../options';
import { normName } from '../text';
import type { ChecklistItem, ChecklistItems } from './items';

export interface JudgedItem {
  item: ChecklistItem;
  verdict: ItemVerdict | null;
  /** Points earned (award/option) or deducted (deduct, as a positive amount); null when unjudged. */
  value: Decimal | null;
  reason: string;
}

export interface ChecklistOutcome {
  items: ChecklistItems;
  judged: JudgedItem[];
  /** Any judgement applies to this indicator. */
  any: boolean;
  /** Every item judged (pick-one: an option chosen, or every option rejected). */
  complete: boolean;
  /** Score from the judgements, rounded, within 0..max; null unless complete. */
  score: Decimal | null;
  /** The 扣分说明 written from the judgements. */
  trace: string;
  /** Why the judgements do not give a score yet (items still to judge). */
  pending: string;
  findings: Finding[];
}

function parsePoints(v: ItemJudgement['points']): Decimal | null {
  if (v === undefined || v === null) return null;
  const s = String(v)
    .replace(/[分\s]/g, '')
    .replace(/^[-−]/, '');
  if (!/^\d+(?:\.\d+)?$/.test(s)) return null;
  return new Decimal(s);
}

const short = (label: string) => (label.length > 24 ? `${label.slice(0, 24)}…` : label);

/**
 * Apply the judgements (later ones win per item) to the items. `where` places
 * findings about the indicator; a judgement read from a sheet row is placed there.
 */
export function judgeChecklist(
  name: string,
  items: ChecklistItems,
  judgements: readonly (ItemJudgement & { sheet?: string; row?: number })[],
  max: Decimal | null,
  where: { sheet: string; cell: string },
): ChecklistOutcome {
  const findings: Finding[] = [];
  const byItem = new Map<number, ItemJudgement & { sheet?: string; row?: number }>();
  for (const j of judgements) {
    const place = j.sheet && j.row ? { sheet: j.sheet, cell: `A${j.row}` } : where;
    let item = items.items.find((i) => i.seq === j.seq);
    if (!item && j.label) item = items.items.find((i) => normName(i.label) === normName(j.label));
    if (!item) {
      findings.push(finding('CHECKLIST_ITEM_UNKNOWN', 'warning', `“${name}”没有第${j.seq}项评分要点，该判断未使用`, place));
      continue;
    }
    if (j.label && normName(j.label) !== normName(item.label)) {
      findings.push(
        finding(
          'CHECKLIST_ITEM_CHANGED',
          'warning',
          `“${name}”第${item.seq}项评分要点已变为“${short(item.label)}”，原判断针对“${short(j.label)}”，未使用，请重新判断`,
          place,
        ),
      );
      continue;
    }
    byItem.set(item.seq, j);
  }

  const judged: JudgedItem[] = items.items.map((item) => {
    const j = byItem.get(item.seq);
    const reason = j?.reason?.trim() ?? '';
    const none: JudgedItem = { item, verdict: null, value: null, reason };
    if (!j || !j.verdict) return none;
    const place = j.sheet && j.row ? { sheet: j.sheet, cell: `A${j.row}` } : where;
    const pts = parsePoints(j.points);
    if (item.kind === 'deduct') {
      if (j.verdict === 'met') return { item, verdict: 'met', value: ZERO, reason };
      const lo = item.minPoints ?? item.points;
      const d = pts ?? (lo.eq(item.points) ? item.points : null);
      if (d === null) return { ...none, verdict: j.verdict };
      if (d.lt(lo) || d.gt(item.points)) {
        findings.push(
          finding(
            'CHECKLIST_POINTS_OUT_OF_RANGE',
            'warning',
            `“${name}”第${item.seq}项“${short(item.label)}”扣${fmt(d)}分，不在${fmt(lo)}～${fmt(item.points)}分之间，该判断未使用`,
            place,
            { expected: `${fmt(lo)}～${fmt(item.points)}`, actual: fmt(d) },
          ),
        );
        return none;
      }
      return { item, verdict: j.verdict, value: d, reason };
    }
    if (j.verdict === 'met') return { item, verdict: 'met', value: item.points, reason };
    if (j.verdict === 'unmet' && item.discretionary && pts === null) {
      findings.push(
        finding(
          'CHECKLIST_POINTS_MISSING',
          'warning',
          `“${name}”第${item.seq}项“${short(item.label)}”不符合时酌情扣分，请填写该项得分（0～${fmt(item.points)}分）`,
          place,
        ),
      );
      return { ...none, verdict: 'unmet' };
    }
    if (j.verdict === 'unmet' && pts !== null && item.discretionary && pts.lte(item.points)) return { item, verdict: 'unmet', value: pts, reason };
    if (j.verdict === 'unmet') return { item, verdict: 'unmet', value: ZERO, reason };
    // 部分: points typed by the evaluator, within the item's.
    if (item.kind === 'option' || pts === null || pts.gt(item.points)) {
      const msg =
        item.kind === 'option'
          ? `“${name}”为按档评分，第${item.seq}项“${item.label}”只能判断符合或不符合`
          : pts === null
            ? `“${name}”第${item.seq}项“${short(item.label)}”判断为部分符合，请填写得分（0～${fmt(item.points)}分）`
            : `“${name}”第${item.seq}项“${short(item.label)}”得${fmt(pts)}分，超过该项分值${fmt(item.points)}分，该判断未使用`;
      findings.push(finding(pts === null && item.kind !== 'option' ? 'CHECKLIST_POINTS_MISSING' : 'CHECKLIST_POINTS_OUT_OF_RANGE', 'warning', msg, place));
      return { ...none, verdict: pts === null && item.kind !== 'option' ? 'partial' : null };
    }
    return { item, verdict: 'partial', value: pts, reason };
  });

  const any = byItem.size > 0;
  const out: ChecklistOutcome = { items, judged, any, complete: false, score: null, trace: '', pending: '', findings };
  if (!any) return out;

  if (items.mode === 'pickOne') {
    const chosen = judged.filter((j) => j.verdict === 'met');
    if (chosen.length > 1) {
      findings.push(
        finding('CHECKLIST_SEVERAL_OPTIONS', 'warning', `“${name}”按档评分只能选一档，已判断符合的有${chosen.map((c) => c.item.label).join('、')}`, where),
      );
      out.pending = '按档评分只能选一档';
      return out;
    }
    if (chosen.length === 1) {
      const c = chosen[0];
      out.complete = true;
      out.score = cap(c.item.points, max);
      out.trace = `评定为${c.item.label}，得${fmt(out.score)}分${c.reason ? `（${c.reason}）` : ''}`;
      return out;
    }
    if (judged.every((j) => j.verdict === 'unmet')) {
      out.complete = true;
      out.score = ZERO;
      out.trace = `各档均不符合，得0分${
        judged.some((j) => j.reason)
          ? `（${judged
              .map((j) => j.reason)
              .filter(Boolean)
              .join('；')}）`
          : ''
      }`;
      return out;
    }
    out.pending = `请选择评定的档次（${items.items.map((i) => `${i.label}${fmt(i.points)}分`).join('、')}）`;
    return out;
  }

  const open = judged.filter((j) => j.value === null);
  if (open.length > 0) {
    out.pending = `逐项评分未完成，待判断：${open
      .map((j) => `${j.item.seq}.${short(j.item.label)}${j.verdict ? (j.item.kind === 'deduct' ? '（请填写扣分）' : '（请填写得分）') : ''}`)
      .join('；')}`;
    return out;
  }
  const awards = judged.filter((j) => j.item.kind === 'award');
  const deducts = judged.filter((j) => j.item.kind === 'deduct');
  const base = awards.length > 0 ? sum(awards.map((j) => j.value!)) : (max ?? ZERO);
  const raw = base.minus(sum(deducts.map((j) => j.value!)));
  const score = round2(cap(raw.lt(0) ? ZERO : raw, max));
  const parts: string[] = [];
  for (const j of judged) {
    const { item } = j;
    if (item.kind === 'award' && j.verdict === 'unmet') {
      parts.push(j.reason ? `${j.reason}，扣${fmt(item.points)}分` : `不符合“${item.label}”，扣${fmt(item.points)}分`);
    } else if (item.kind === 'award' && j.verdict === 'partial' && j.value!.lt(item.points)) {
      parts.push(`“${item.label}”部分符合，扣${fmt(item.points.minus(j.value!))}分${j.reason ? `（${j.reason}）` : ''}`);
    } else if (item.kind === 'deduct' && j.value!.gt(0)) {
      parts.push(`${j.reason || (item.requirement ? `不符合“${item.label}”` : item.label)}，扣${fmt(j.value!)}分`);
    }
  }
  const full = max ?? items.total ?? score;
  let trace =
    parts.length === 0
      ? `逐项判断：${judged.length}项均符合，得${score.eq(full) ? '满分' : ''}${fmt(score)}分`
      : `${parts.join('；')}；共扣${fmt(full.minus(score))}分，得${fmt(score)}分`;
  if (max && raw.gt(max)) trace += `（逐项合计${fmt(raw)}分，超过${fmt(max)}分按${fmt(max)}分计）`;
  else if (max && items.total && !items.total.eq(max)) trace += `（评分要点合计${fmt(items.total)}分，指标分值${fmt(max)}分）`;
  out.complete = true;
  out.score = score;
  out.trace = trace;
  return out;
}

function cap(v: Decimal, max: Decimal | null): Decimal {
  return max && v.gt(max) ? max : v;
}

/**
 * Can a typed score come out of the items judged 符合/不符合 (and the per-defect
 * deduction, and deduction ranges)? null when there are too many items to tell.
 * A score only reachable by a 部分 judgement needs its reason in the 逐项评分 sheet.
 */
export function isReachable(items: ChecklistItems, max: Decimal | null, score: Decimal): boolean | null {
  if (items.mode === 'pickOne') return items.items.some((i) => cap(i.points, max).eq(score));
  if (items.items.length > 14) return null;
  // Reachable values as closed intervals [lo, hi] (single points for award items).
  let sets: [Decimal, Decimal][] = [[ZERO, ZERO]];
  const awards = items.items.filter((i) => i.kind === 'award');
  if (awards.length === 0) sets = [[max ?? ZERO, max ?? ZERO]];
  for (const i of items.items) {
    const choices: [Decimal, Decimal][] =
      i.kind === 'award'
        ? [
            [ZERO, ZERO],
            [i.points, i.points],
          ]
        : [
            [ZERO, ZERO],
            [i.points.neg(), (i.minPoints ?? i.points).neg()],
          ];
    const next: [Decimal, Decimal][] = [];
    for (const [a, b] of sets) for (const [c, d] of choices) next.push([a.plus(c), b.plus(d)]);
    sets = dedupe(next);
  }
  const top = max ?? items.total ?? ZERO;
  // Floor at 0 and cap at the max, as scores are.
  const hit = (s: Decimal) =>
    sets.some(([lo, hi]) => {
      const l = lo.lt(0) ? ZERO : lo.gt(top) ? top : lo;
      const h = hi.lt(0) ? ZERO : hi.gt(top) ? top : hi;
      return s.gte(l) && s.lte(h);
    });
  if (hit(score)) return true;
  if (items.perDefect && items.perDefect.gt(0)) {
    for (let k = 1, s = score.plus(items.perDefect); k <= 200 && s.lte(top.plus(items.perDefect)); k++, s = s.plus(items.perDefect)) {
      if (sets.some(([lo, hi]) => s.gte(lo) && s.lte(hi))) return true;
    }
  }
  return false;
}

function dedupe(sets: [Decimal, Decimal][]): [Decimal, Decimal][] {
  const seen = new Set<string>();
  return sets.filter(([a, b]) => {
    const k = `${a.toString()}|${b.toString()}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
