/**
 * Actual values as evaluators type them beside a rule: "3处", "2例", "发现3次",
 * "缺1项", "第5名", "三次", "两处", "二十二次", "延迟15天", "无", "未发生",
 * "全年未發生" (traditional characters from mirrored documents), "年均浓度75微克/立方米",
 * "昼间五十五分贝" (a measurement in its physical unit). The number is
 * read with its unit and the words around it are kept, so the rule can tell a
 * count of events from a count of items present; nothing is guessed: a text
 * without a number or a recognised zero word is not a value.
 */
import { dec } from './decimal';
import { PHYSICAL_UNIT_PATTERN, fmtQuantity, parseQuantity, quantity, type Quantity } from './quantity';
import { cnNumber } from './rules/normalize';
import { normText, simplified, toHalfWidth } from './text';

const CN_NUM = '[零〇一二两三四五六七八九十百千]+';
/** Words that count things in typed actuals. */
export const COUNT_WORDS =
  '人次|批次|个|次|处|起|项|点|例|件|条|名|家|篇|位|台|套|回|户|所|宗|批|轮|环节|人|张|笔|种|册|份|天|日|个月|月|年|周|小时|分钟|公斤|千克|公顷|公里|平方米|立方米|亩|吨|艘|辆|头|只|株|棵';
/** A unit word at the start of the text after a number, the longest first ("个月" before "个"). */
const UNIT_FIRST = new RegExp(
  `^(?:${COUNT_WORDS.split('|')
    .sort((a, b) => b.length - a.length)
    .join('|')})`,
);
const NUMERAL_BEFORE_UNIT = new RegExp(`(第|倒数第)?(${CN_NUM})(?=${COUNT_WORDS}|${PHYSICAL_UNIT_PATTERN}|%)`, 'g');
/** "年均浓度75微克/立方米", "昼间55分贝": words, a number and a physical unit (read by parseQuantity). */
const PHYSICAL_TYPED = new RegExp(`^([\\u4e00-\\u9fff]{0,8}?)(\\d+(?:\\.\\d+)?)((?:万|亿)?(?:${PHYSICAL_UNIT_PATTERN}).*)$`, 'i');
const PERCENT_OF = new RegExp(`百分之(${CN_NUM}(?:点[零〇一二三四五六七八九]+)?|\\d+(?:\\.\\d+)?)`);

/** "三次" -> "3次", "第五名" -> "第5名", "百分之九十五" -> "95%". */
/** "一年半" (after numerals became digits: "1年半"): the unit and a half. */
const AND_A_HALF = /(\d+)(个月|年|天|日|小时)半/g;
/** "半年", "半个月", "半天": half of a time unit. */
const HALF_OF = /(?<![\d一二两三四五六七八九十])半(?=个月|年|月|天|日|小时)/g;

function digitsFor(s: string): string {
  let out = s.replace(HALF_OF, '0.5').replace(PERCENT_OF, (_m, n: string) => {
    if (/\d/.test(n)) return `${n}%`;
    const [int, frac] = n.split('点');
    const whole = cnNumber(int);
    if (whole === null) return _m;
    const digits = frac ? [...frac].map((c) => cnNumber(c) ?? '').join('') : '';
    return `${whole}${digits ? `.${digits}` : ''}%`;
  });
  out = out.replace(NUMERAL_BEFORE_UNIT, (m, ord: string | undefined, n: string) => {
    const v = cnNumber(n);
    return v === null ? m : `${ord ?? ''}${v}`;
  });
  // "1年半", "2个月半": and a half.
  return out.replace(AND_A_HALF, '$1.5$2');
}

/** Typed words that mean none happened / nothing is late. */
const ZERO_WORDS = /^(?:全年|本年|年内)?(?:无|没有|未发现|未出现|未发生|不存在|零|均未|从未|一次也未|一次也没有|未有)|^未[\u4e00-\u9fff]{1,4}$/;
export const ON_TIME_WORDS =
  /^(?:提前|按时|按期|如期|准时)(?:完成|办结|报送|到位)?|^在?(?:计划|规定)(?:时间|期限)内完成|^(?:按规定)?(?:全部|均已|完整)(?:完成|报送|落实|签订|到位|开展|履行|下达)|^(?:按|根据)[\u4e00-\u9fff]{0,8}?计划(?:分期|按时|如期)?(?:完成|到位|实施)$/;

/** Items named one by one, then how many they are: "申请、保管、使用、缴验4个环节均有问题". */
const LISTED_COUNT = /^((?:[\u4e00-\u9fff]{1,6}、)+[\u4e00-\u9fff]{1,6}?)(等|共|这|以上)?(\d+)((?:个)?[\u4e00-\u9fff]*)$/;
/** Words before a number that make it a bound, not a value ("不低于40条", "至少3次", "均在95%"). */
const BOUND_PREFIX = /不低于|不少于|不高于|不超过|不多于|不小于|不大于|至少|最多|均在|均达/;
/** After a count, words saying nothing was found ("4个环节均无问题", "3处均未发现问题"). */
const NONE_FOUND = /(?:均|都|全部)?(?:无|没有|未发现|未出现|不存在)/;

export interface TypedActual {
  q: Quantity;
  /** The words before the number ("发现", "违反", "缺", "延迟"), or the zero word. */
  prefix: string;
  /** "第5名": a rank, counted from the top. */
  rank?: boolean;
  /** How the text was read, when that took more than reading a number. */
  note?: string;
}

export type TypedResult = { ok: true; value: TypedActual } | { ok: false; reason: string };

/**
 * Read a typed actual that parseQuantity alone does not take. `zeroUnit` is the
 * unit a zero word counts in (the rule's unit word); null when the rule does
 * not count things, so "无" is not a value there.
 */
export function readTypedActual(input: string, zeroUnit: string | null): TypedResult {
  const original = normText(input);
  const plain = simplified(toHalfWidth(original)).replace(/\s+/g, '');
  const s = digitsFor(plain);
  // Zero words are read before numerals become digits: "一次也未召开" is none, not one.
  if (zeroUnit !== null && (ZERO_WORDS.test(plain) || (ON_TIME_WORDS.test(plain) && !/\d/.test(s)))) {
    const word = (ZERO_WORDS.exec(plain) ?? ON_TIME_WORDS.exec(plain))![0];
    return { ok: true, value: { q: quantity(dec(0), 'count', zeroUnit), prefix: word, note: `“${original}”按0${zeroUnit}计` } };
  }
  if (/^倒数第\d/.test(s)) return { ok: false, reason: `“${original}”是倒数名次，需要参评单位总数` };
  const physical = PHYSICAL_TYPED.exec(s);
  if (physical) {
    const [, prefix, num, unit] = physical;
    const r = parseQuantity(`${num}${unit}`);
    if (!r.ok) return { ok: false, reason: `“${original}”含有无法识别的文字` };
    return { ok: true, value: { q: r.q, prefix, note: `“${original}”按${num}${unit}计` } };
  }
  const listing = LISTED_COUNT.exec(s);
  if (listing) {
    // "申请、保管、使用、缴验4个环节均有问题": the items named, then how many they are.
    const named = listing[1].split('、').filter(Boolean);
    // "申请、保管等4个环节": some named, the rest left to 等.
    const fits = listing[2] === '等' ? dec(listing[3]).gte(named.length) : dec(listing[3]).eq(named.length);
    if (!fits) return { ok: false, reason: `“${original}”列举了${named.length}项，与所写的数量${listing[3]}不符` };
    const rest = readTypedActual(`${listing[3]}${listing[4]}`, zeroUnit);
    if (!rest.ok) return rest;
    return { ok: true, value: { ...rest.value, note: `“${original}”列举${named.join('、')}，按${fmtQuantity(rest.value.q)}计` } };
  }
  const m = /^([\u4e00-\u9fff]{0,8}?)(第)?(\d+(?:\.\d+)?(?:%|‰)?)([\u4e00-\u9fff%]*)$/.exec(s);
  if (!m) return { ok: false, reason: `“${original}”中没有可读的数字` };
  const [, prefix, ordinal, num, tail] = m;
  // "每月均不低于40条", "至少3次": a bound the value keeps to, not the value.
  if (BOUND_PREFIX.test(prefix)) return { ok: false, reason: `“${original}”是范围，请填写实际的数` };
  // "提前2天": ahead of time is no delay.
  if (zeroUnit !== null && /^提前/.test(prefix)) {
    return { ok: true, value: { q: quantity(dec(0), 'count', zeroUnit), prefix, note: `“${original}”按0${zeroUnit}计` } };
  }
  const unitMatch = UNIT_FIRST.exec(tail);
  const unit = unitMatch ? unitMatch[0] : '';
  const rest = tail.slice(unit.length);
  // "1个环节", "少3个程序": a count unit may be followed by the noun it counts.
  if (rest && !(unit && rest.length <= 6)) return { ok: false, reason: `“${original}”含有无法识别的文字` };
  // "4个环节均无问题": how many were checked, none found; not a count of what the rule counts.
  if (NONE_FOUND.test(rest)) return { ok: false, reason: `“${original}”说明没有发现问题，请填写发现问题的数量` };
  // "2年多", "3次以上", "5天左右": not how many, only about.
  if (/^(?:半|多|余|以上|以下|左右|上下|不等)/.test(rest)) return { ok: false, reason: `“${original}”是约数，请填写确切的数` };
  const r = parseQuantity(`${num}${unit}`);
  if (!r.ok) return { ok: false, reason: r.reason };
  const q = unit === '' && rest === '' && !/%|‰/.test(num) ? r.q : r.q;
  const value: TypedActual = { q, prefix };
  if (ordinal) value.rank = true;
  if (prefix || ordinal || rest || s !== original.replace(/\s+/g, '')) value.note = `“${original}”按${num}${unit}${rest ? `（${rest}）` : ''}计`;
  return { ok: true, value };
}
