/**
 * A 实际值 typed in words, read against the rule it answers. The same words mean different
 * things under different rules: "齐全" is none missing under "缺一项得7分…"; "在计划时间内
 * 完成" is at the line of a lateness rule; "各月均在97%以上" is no failing month; "少2次"
 * under "不少于6次" is 2 short; "完成3项" under "少一项扣0.25分" is no count of what is
 * missing. Readings that would be guesses ("约3处", "未签订" with no count) are refused.
 */
import { dec } from '../decimal';
import { fmtQuantity, parseQuantity, quantity, type Quantity } from '../quantity';
import type { Rule } from '../rules/types';
import { simplified, toHalfWidth } from '../text';
import { ON_TIME_WORDS, readTypedActual } from '../typedActual';
import { pastLine } from './pastLine';

type Read = ReturnType<typeof readTypedActual>;

/** "齐全" against tiers of what is missing ("缺一项得7分…"): none missing. */
function complete(rule: Rule, text: string): Read | null {
  if (rule.kind !== 'bands' || !rule.countsMissing || !/^(?:全部|均已?|各项)?(?:齐全|具备|完整|健全)$/.test(text.replace(/\s+/g, ''))) return null;
  const unit = rule.bands.find((b) => b.lo)?.lo?.unitText ?? '项';
  return { ok: true, value: { q: quantity(dec(0), 'count', unit), prefix: text, note: `“${text}”按缺0${unit}计` } };
}

/**
 * "在计划时间内完成", "按期完成" against a rule that deducts for going past a line ("超过计划时间的…
 * 每相差4%扣1分"): at the line, nothing past it. Only for such rules; the line is the rule's own.
 */
function onTime(rule: Rule, text: string): Read | null {
  if (rule.kind !== 'step' || rule.direction !== 'above' || rule.rank) return null;
  const plain = simplified(toHalfWidth(text)).replace(/\s+/g, '');
  if (!ON_TIME_WORDS.test(plain) || /\d/.test(plain)) return null;
  return { ok: true, value: { q: rule.threshold, prefix: plain, note: `“${text}”按未超过${fmtQuantity(rule.threshold)}计` } };
}

/** "各月均在97%以上", "全年每月均不低于40条", "最低月份恰为97%": a statement of every month. */
const EVERY_MONTH = /^(?:全年)?(?:各月|每月|每个月|所有月份)(?:均|都)?(?:在|不低于|达到|高于|不少于)?([\d.]+%?)(?:以上|及以上)?$/;
const LOWEST_MONTH = /^(?:最低|最少)(?:的)?(?:月份|一个月|月)(?:恰|正好)?(?:为|是)([\d.]+%?)$/;

/**
 * A per-month rule's months stated in one sentence: no month fails when the stated line is
 * the rule's own and a month on it passes (a floor rule, "低于97%的月份扣分"). Anything else
 * (a ceiling rule, another line, a month on the line failing) is no count of failing months.
 */
function everyMonth(rule: Rule, text: string): Read | null {
  if (rule.kind !== 'perMonth' || rule.failWhen !== 'below' || rule.failsAtThreshold) return null;
  let tail = '';
  const plain = simplified(toHalfWidth(text))
    .replace(/\s+/g, '')
    .replace(/[\u4e00-\u9fff]+$/, (t) => {
      if (/^(?:以上|及以上)$/.test(t)) return t;
      tail = t;
      return '';
    });
  const m = EVERY_MONTH.exec(plain) ?? LOWEST_MONTH.exec(plain);
  if (!m) return null;
  const q = parseQuantity(m[1]);
  // "全年每月均不低于40条" against "每月不低于40条": the count word is the line's own.
  const line = rule.threshold;
  const counted = q.ok && q.q.unit === 'none' && line.unit === 'count' && !!line.unitText && tail.startsWith(line.unitText);
  if (!q.ok || (q.q.unit !== line.unit && !counted) || !q.q.value.eq(line.value)) return null;
  return {
    ok: true,
    value: { q: quantity(dec(0), 'count', '个月'), prefix: plain, note: `“${text}”：没有低于${fmtQuantity(rule.threshold)}的月份，按0个月计` },
  };
}

/** "有2个月低于40条", "全年共3个月低于97%": how many months fell past a line. */
const MONTHS_PAST = /^(?:全年|本年)?(?:有|共|共有)?(\d+)个?月(?:份)?(?:均|都)?(低于|不足|少于|高于|超过|多于)([\d.]+%?)([\u4e00-\u9fff]{0,2})$/;
const PAST_BELOW = /^(?:低于|不足|少于)$/;

/**
 * The months past a per-month rule's line, counted in one sentence: the stated line must be the
 * rule's own, in its unit, and the stated side must be the failing one with the line itself
 * passing ("每月不低于40条": "低于40条" fails, 40 passes). A rule whose line also fails
 * ("高于95%得满分") or another line is no count of its failing months.
 */
function monthsPast(rule: Rule, text: string): Read | null {
  if (rule.kind !== 'perMonth' || rule.failsAtThreshold) return null;
  const plain = simplified(toHalfWidth(text)).replace(/\s+/g, '');
  const m = MONTHS_PAST.exec(plain);
  if (!m) return null;
  const [, n, side, num, unitWord] = m;
  if (PAST_BELOW.test(side) !== (rule.failWhen === 'below')) return null;
  const q = parseQuantity(`${num}${unitWord}`);
  const line = rule.threshold;
  const counted = q.ok && q.q.unit === 'count' && line.unit === 'count' && q.q.unitText === line.unitText;
  if (!q.ok || (q.q.unit !== line.unit && !counted) || (line.unit === 'count' && !counted) || !q.q.value.eq(line.value)) return null;
  const months = quantity(dec(n), 'count', '个月');
  return { ok: true, value: { q: months, prefix: plain, note: `“${text}”：${side}${fmtQuantity(line)}的月份，按${n}个月计` } };
}

/** A figure given as about so much: "约3处", "大概5次", "93%左右", "10天上下". */
const APPROXIMATE = /^(?:约|大约|大概|估计|将近|近)\d|\d(?:\.\d+)?(?:%|‰|[\u4e00-\u9fff]{1,2})?(?:左右|上下)$/;

/** Words before a number saying it is a shortfall, not a level ("少2次", "差3个", "不足1次"). */
const SHORT_BY = /^(?:少|缺|差|欠|不足|低于|少于)/;

/**
 * "少2次" against "不少于6次，每少1次扣1分": the shortfall, so 6 − 2 = 4 held. Only for a rule that
 * deducts below a line in counts; a shortfall typed against a rate ("少到位2%") is refused, the
 * rate it means is not said. Null when the typed words are no shortfall.
 */
function shortOfLine(rule: Rule, typed: { q: Quantity; prefix: string }): { q: Quantity; note: string } | { error: string } | null {
  if (rule.kind !== 'step' || rule.direction !== 'below' || rule.rank || !SHORT_BY.test(typed.prefix)) return null;
  const line = rule.threshold;
  if (line.unit !== 'count' || (typed.q.unit !== 'count' && typed.q.unit !== 'none') || rule.stepMode !== 'absolute') {
    return { error: `是差额，请填写实际达到的${line.unit === 'percent' ? '比率' : '数值'}` };
  }
  const held = line.value.minus(typed.q.value);
  if (held.lt(0)) return { error: `比标准${fmtQuantity(line)}还多，无法理解` };
  const q = quantity(held, 'count', line.unitText);
  return { q, note: `是比标准${fmtQuantity(line)}少的数量，按${fmtQuantity(q)}计` };
}

/** A deduction per item missing ("少一项扣0.25分", "每缺一项扣2分", "少一个程序扣1分"). */
const SHORTFALL_LABEL = /^(?:每)?(?:少|缺|缺少|漏)/;
/** Words saying something is missing or not done. */
const MISSING_WORDS = /少|缺|差|未|没有|不|无/;
/** Words saying nothing is missing ("齐全", "完整履行", "全部签订"). */
const NONE_MISSING = /无缺|没有缺|不缺|齐全|^(?:按规定)?(?:完整|全部|均已)/;

/**
 * Against a deduction per item missing, a typed sentence must say what is missing: "少1项",
 * "缺一项", "四项均未做到" count missing items, "无" and "齐全" none; "完成3项", "4项全部签订"
 * count what was done, and "未签订" does not say how many are missing. Those are refused
 * (null when the reading stands).
 */
function shortfallSense(rule: Rule, text: string, read: Quantity): string | null {
  if (rule.kind !== 'perOccurrence' || rule.items.length !== 1 || !SHORTFALL_LABEL.test(rule.items[0].label)) return null;
  const t = simplified(toHalfWidth(text)).replace(/\s+/g, '');
  // A bare count ("3", "三个", "2项") or a bare "无" answers "how many are missing".
  if (/^(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百]+)[\u4e00-\u9fff]{0,2}$/.test(t) || /^(?:无|没有|零|未发现|均无)$/.test(t)) return null;
  if (read.value.isZero() ? NONE_MISSING.test(t) : MISSING_WORDS.test(t)) return null;
  const what = `${rule.items[0].label}几${rule.items[0].unitWord || '项'}`;
  return read.value.isZero() ? `“${text}”没有说明${what}` : `“${text}”是完成的数量，评分标准按${what}扣分，请填写缺少的数量`;
}

/** A rule that scores how far short of a named line the actual fell ("比下达任务低5%以内的扣2分"). */
const SHORTFALL_RULE = /(?:比|较)[\u4e00-\u9fff]{2,12}?(?:低|少|下降|减少)(?:\d|超过|不足|[一二三四五六七八九十])/;
/** Words before a number saying it is what was done, not how far short ("完成95%", "达到下达任务的95%"). */
const LEVEL_WORDS = /^(?:已|共)?(?:完成|达到|实现|实际完成)/;

/**
 * "完成95%" against "比下达任务低5%以内的扣2分": the level reached, where the rule wants how far short
 * of the line it fell. Refused (null when the reading stands): the evaluator types the shortfall.
 */
function levelForShortfall(rule: Rule, text: string, prefix: string): string | null {
  if (!SHORTFALL_RULE.test(simplified(toHalfWidth(rule.text))) || !LEVEL_WORDS.test(prefix)) return null;
  return `“${text}”是完成的数值，评分标准按比标准低多少扣分，请填写低于标准的幅度`;
}

/** "登记率100%", "登记率达到100%": the full rate, as a rule may state its requirement. */
const FULL_RATE = /^([\u4e00-\u9fff]{1,8}率)(?:为|达到|达|是)?100%$/;

/**
 * "登记率100%" against "登记率为100%，…每少一人扣0.1分": the rate the rule requires, in the
 * rule's own words, is none short. Only when the rule states that very rate at 100% and
 * deducts per item short; "登记率98%" does not say how many are short and stays refused.
 */
function fullRate(rule: Rule, text: string): Read | null {
  if (rule.kind !== 'perOccurrence' || rule.items.length !== 1 || !SHORTFALL_LABEL.test(rule.items[0].label)) return null;
  const m = FULL_RATE.exec(simplified(toHalfWidth(text)).replace(/\s+/g, ''));
  if (!m || !new RegExp(`${m[1]}(?:为|达到|达|是|应为|应达到)100%`).test(simplified(toHalfWidth(rule.text)))) return null;
  const unit = rule.items[0].unitWord || '项';
  return { ok: true, value: { q: quantity(dec(0), 'count', unit), prefix: text, note: `“${text}”达到评分标准要求的${m[1]}100%，按少0${unit}计` } };
}

/** "约3处", "93%左右": only about. */
export function isApproximate(text: string): boolean {
  return APPROXIMATE.test(simplified(text).replace(/\s+/g, ''));
}

/**
 * The typed words as a quantity for this rule, with what the reading took (for the
 * evaluator), or why they cannot be read. `zeroUnit`: the unit a zero word counts in.
 */
export function readWordsForRule(
  rule: Rule,
  text: string,
  zeroUnit: string | null,
): { ok: true; q: Quantity; notes: string[] } | { ok: false; reason: string } {
  // The rule's own full rate is none short, whatever the words per item short would ask.
  const full = fullRate(rule, text);
  if (full?.ok) return { ok: true, q: full.value.q, notes: full.value.note ? [full.value.note] : [] };
  const typed =
    complete(rule, text) ?? onTime(rule, text) ?? everyMonth(rule, text) ?? monthsPast(rule, text) ?? pastLine(rule, text) ?? readTypedActual(text, zeroUnit);
  if (!typed.ok) return typed;
  const sense = shortfallSense(rule, text, typed.value.q) ?? levelForShortfall(rule, text, typed.value.prefix);
  if (sense) return { ok: false, reason: sense };
  const below = shortOfLine(rule, typed.value);
  if (below && 'error' in below) return { ok: false, reason: `“${text}”${below.error}` };
  const notes = [...(below ? [`“${text}”${below.note}`] : []), ...(typed.value.note ? [typed.value.note] : [])];
  return { ok: true, q: below ? below.q : typed.value.q, notes };
}
