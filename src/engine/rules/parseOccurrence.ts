/**
 * Counted events. Deductions per occurrence ("每出现1次无人在岗，扣1分",
 * "服务态度投诉每起扣0.1分；省级渠道每起扣2分") and points per item with a cap
 * ("全国性奖项每项4分，省级每项3分…最多不超过该指标满分").
 */
import { Decimal } from '../decimal';
import type { AdditiveRule, PerOccurrenceRule } from './types';
import { NUM } from './lexicon';
import type { ParseEnv } from './env';
import { CIRCLED_CLASS } from './normalize';

const UNIT_WORDS = '人次|环节|次|处|起|项|点|个|例|件|条|回|篇|家|名|张|笔|种|册|份|台|户|人';
const VERBS = '发现核实|发现|出现|有|存在|发生|查实|核实|被';

const DEDUCTION_RE = new RegExp(`扣(?:减|除)?(${NUM})分`, 'g');
/** A minimum the count must reach ("不少于6次", "至少召开4次"): then "每少1次" is a shortfall, not an event. */
const MINIMUM = /不少于|至少|不低于|最少|达到\d/;
/** "进京非访扣15分/批次", "受通报批评的扣0.5分/例": the unit after the points. */
const PER_UNIT_AFTER_RE = new RegExp(`([^，；。:]{1,24}?)(?:的)?扣(?:减|除)?(${NUM})分\\/(${UNIT_WORDS}|批次|人)`, 'g');
/** "发现1处扣2分", "延误1次扣2分", "违反1次扣0.5分": one occurrence named without 每. */
const EVENT_VERBS = '发现|出现|发生|违反|延误|迟报|漏报|少报|涂改|违规';
const OCCURRENCE_RE = new RegExp(`(?:每(${VERBS})?|(${EVENT_VERBS})(?=1))([^，；。每]{0,6}?)1?(${UNIT_WORDS})`, 'g');
/** Verbs that name the event themselves ("每少报一次", "涂改1处"); 发现/出现/有 only say it was found. */
const NAMING_VERB = /^(?:少报|漏报|迟报|涂改|违反|延误|违规|拒接|缺|少)/;
const EVENT_MARK_RE = new RegExp(`每(?:${VERBS})?1?(?:${UNIT_WORDS})`, 'g');

const LEADING_MARKS_RE = new RegExp(`^[，,；;。、:${CIRCLED_CLASS}\\d.]+`);

function cleanEventLabel(s: string): string {
  let out = s
    .replace(EVENT_MARK_RE, '')
    .replace(LEADING_MARKS_RE, '')
    .replace(/^(?:评价要点:?|因|如|若|凡|对)+/, '');
  for (let i = 0; i < 3; i++) out = out.replace(/[，,、]+$/, '').replace(/(后|的|则|时|者)$/, '');
  return out;
}

/** The text between `from` and `to`, from the last sentence break or awarded points ("…，得3分，") on. */
function clauseBefore(text: string, from: number, to: number): string {
  const head = text.slice(from, to);
  const points = /[得计记](?:满分|\d+(?:\.\d+)?分)[，,]?/g;
  let cut = Math.max(head.lastIndexOf('；'), head.lastIndexOf('。'));
  let m: RegExpExecArray | null;
  while ((m = points.exec(head))) cut = Math.max(cut, m.index + m[0].length - 1);
  return cut >= 0 ? head.slice(cut + 1) : head;
}

export function parsePerOccurrence(env: ParseEnv): PerOccurrenceRule | null {
  const { text } = env;
  const items: PerOccurrenceRule['items'] = [];
  DEDUCTION_RE.lastIndex = 0;
  let prevEnd = 0;
  let m: RegExpExecArray | null;
  while ((m = DEDUCTION_RE.exec(text))) {
    const window = text.slice(prevEnd, m.index);
    OCCURRENCE_RE.lastIndex = 0;
    let occ: RegExpExecArray | null;
    let last: RegExpExecArray | null = null;
    while ((occ = OCCURRENCE_RE.exec(window))) last = occ;
    const deductionEnd = m.index + m[0].length;
    if (!last) {
      prevEnd = deductionEnd;
      continue;
    }
    const unitWord = last[4];
    // "每差1个百分点", "每1个月": a measure, not an event.
    if (/^(?:百分点|月|工作日)/.test(window.slice(last.index + last[0].length))) {
      prevEnd = deductionEnd;
      continue;
    }
    // "每少1次会议扣1分", "每缺1项扣": a shortfall under a minimum, not an event to count.
    if (
      /^每?(?:少|缺少|缺|减少|低)$/.test(text.slice(prevEnd + last.index, prevEnd + last.index + 3).replace(/1.*$/, '')) &&
      MINIMUM.test([text, env.ctx.name ?? '', ...(env.ctx.context ?? [])].join('；'))
    )
      return null;
    const occAt = prevEnd + last.index;
    const afterUnit = text.slice(occAt + last[0].length, m.index);
    const verb = last[1] ?? last[2] ?? '';
    const mid = last[3];
    // The event is named by a naming verb or the words between 每 and the count ("每拒接1个", "每缺1个记录").
    const lead = NAMING_VERB.test(verb) ? `${verb}${mid}` : mid && !/^(?:发现|出现|有|存在|发生)$/.test(mid) ? mid : '';
    let label = cleanEventLabel(`${lead}${afterUnit}`);
    if (!label) label = cleanEventLabel(clauseBefore(text, prevEnd, occAt));
    if (!label) label = cleanEventLabel(mid);
    items.push({ label, deduction: new Decimal(m[1].replace(/,/g, '')), unitWord });
    prevEnd = deductionEnd;
  }
  if (items.length === 0) {
    PER_UNIT_AFTER_RE.lastIndex = 0;
    let a: RegExpExecArray | null;
    while ((a = PER_UNIT_AFTER_RE.exec(text))) {
      items.push({ label: cleanEventLabel(a[1].replace(/^.*[:：]/, '')), deduction: new Decimal(a[2].replace(/,/g, '')), unitWord: a[3] });
    }
  }
  if (items.length === 0) return null;
  const statedFull = env.outcomes().find((o) => o.points && o.points.gt(0))?.points ?? null;
  const rule: PerOccurrenceRule = {
    kind: 'perOccurrence',
    text: env.raw,
    subject: env.ctx.name ?? '',
    statedFull,
    items,
  };
  const zero =
    /(?:若|如果|如|一旦)?((?:存在|发生|出现|发现)[^，；。]{2,30}?)(?:的)?[，]?(?:则)?(?:该指标|本指标|本项|[该該]项)?(?:直接)?(?:为0分|得0分|不得分)/.exec(
      text,
    );
  if (zero) rule.zeroIf = zero[1];
  return rule;
}

const ADD_BEFORE_RE = new RegExp(`(?:每|按|一|1)1?(${UNIT_WORDS})(?:可)?(?:得|加|计)?(${NUM})分`, 'g');
const ADD_AFTER_RE = new RegExp(
  `每(?:获得|获|有|提请|引进|新增|增加|建成|完成|组织|开展|报送|发布)1?(${UNIT_WORDS})([^，；。]{1,20}?)(?:得|加|计)(${NUM})分`,
  'g',
);

export function parseAdditive(env: ParseEnv): AdditiveRule | null {
  const { text } = env;
  const items: AdditiveRule['items'] = [];
  let m: RegExpExecArray | null;
  ADD_AFTER_RE.lastIndex = 0;
  while ((m = ADD_AFTER_RE.exec(text))) {
    items.push({ label: m[2], pointsEach: new Decimal(m[3].replace(/,/g, '')), unitWord: m[1] });
  }
  ADD_BEFORE_RE.lastIndex = 0;
  while ((m = ADD_BEFORE_RE.exec(text))) {
    // "每项4分" needs no verb; "按项加0.5分", "一项可得2分" need one (加/得), or they are no tally.
    if (!m[0].startsWith('每') && !/[加得]/.test(m[0])) continue;
    const head = text.slice(0, m.index).replace(/[，,、:(]+$/, '');
    const cut = Math.max(head.lastIndexOf('；'), head.lastIndexOf('。'), head.lastIndexOf('，'));
    const label = cleanEventLabel(head.slice(cut + 1).replace(/^(?:获评|获得|荣获|获)/, ''));
    if (label) items.push({ label, pointsEach: new Decimal(m[2].replace(/,/g, '')), unitWord: m[1] });
  }
  if (items.length === 0) return null;
  // A deduction in the same text means this is not a plain tally.
  if (/扣(?:减|除)?\d/.test(text)) return null;
  return { kind: 'additive', text: env.raw, subject: env.ctx.name ?? '', statedFull: null, items };
}
