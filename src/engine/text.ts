/** Text normalisation shared by every parser: PDF-converted Chinese text is noisy. */
import { memoInRun } from './runCache';

const FULLWIDTH = /[\uff01-\uff5e\u3000]/g;
const HAS_FULLWIDTH = /[\uff01-\uff5e\u3000]/;

/** Full-width ASCII forms (０-９, Ａ-Ｚ, ％, （）...) to their ASCII twins; ideographic space to space. */
export function toHalfWidth(s: string): string {
  // Hot (every cell and rule text): most strings have nothing to convert, so test before rebuilding.
  // The targets are all BMP code units, so a per-unit replace equals the per-code-point loop.
  if (!HAS_FULLWIDTH.test(s)) return s;
  return s.replace(FULLWIDTH, (ch) => {
    const c = ch.charCodeAt(0);
    return c === 0x3000 ? ' ' : String.fromCharCode(c - 0xfee0);
  });
}

const INVISIBLE = /[\u200b-\u200d\ufeff\u00ad\u00a0]/;

/** Remove zero-width characters and non-breaking spaces that PDF exports leave behind. */
export function stripInvisible(s: string): string {
  if (!INVISIBLE.test(s)) return s;
  return s.replace(/[\u200b-\u200d\ufeff\u00ad]/g, '').replace(/\u00a0/g, ' ');
}

/** Anything normName would change besides case: full-width/invisible characters, whitespace, a trailing colon. */
const NAME_WORK = /[\uff01-\uff5e\u3000\u200b-\u200d\ufeff\u00ad\u00a0\s]|[:：]$/;
/** Anything normText would change in a string that is already trimmed. */
const TEXT_WORK = /[\uff01-\uff5e\u3000\u200b-\u200d\ufeff\u00ad\u00a0\r\n\t]| {2}/;

/**
 * Canonical form for comparing names: half-width, no whitespace at all (PDF line
 * breaks split words: "立项依据充分\n性"), no trailing colon, lower-case ASCII.
 */
export function normName(s: unknown): string {
  if (s === null || s === undefined) return '';
  const str = String(s);
  // Fast path: nothing to convert, strip or trim (the common case for names and headers).
  if (!NAME_WORK.test(str)) return str.toLowerCase();
  return normNameSlow(str);
}

/** Names and texts that need work recur (every header, every row's label): once per distinct string in a run. */
const normNameSlow = memoInRun((str: string): string =>
  stripInvisible(toHalfWidth(str))
    .replace(/\s+/g, '')
    .replace(/[:：]$/, '')
    .toLowerCase(),
);

/** Normalise free text for rule parsing: half-width, single spaces, no line breaks. */
export function normText(s: unknown): string {
  if (s === null || s === undefined) return '';
  const str = String(s);
  // Fast path: no full-width or invisible characters, no line breaks or tabs, no double or outer spaces.
  if (!TEXT_WORK.test(str) && str.trim() === str) return str;
  return normTextSlow(str);
}

const normTextSlow = memoInRun((str: string): string =>
  stripInvisible(toHalfWidth(str))
    .replace(/\r\n?/g, '\n')
    .replace(/([\u4e00-\u9fff])\s*\n\s*([\u4e00-\u9fff])/g, '$1$2')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .trim(),
);

export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  return String(v);
}

/** Character bigrams of a normalised name (the name itself when one character long). */
export function bigrams(s: string): string[] {
  const chars = Array.from(s);
  if (chars.length === 1) return [s];
  const g: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) g.push(chars[i] + chars[i + 1]);
  return g;
}

/** Dice coefficient over character bigrams of two normalised names (0..1). */
export function similarity(a: string, b: string): number {
  const x = normName(a);
  const y = normName(b);
  if (!x || !y) return 0;
  if (x === y) return 1;
  return diceOfBigrams(bigrams(x), bigrams(y));
}

/** similarity() for names already normalised and split into bigrams (x !== y, both non-empty). */
export function diceOfBigrams(gx: string[], gy: string[]): number {
  // Multiset intersection by marking matched bigrams of x: names are short, so this beats
  // building a count map for every pair compared (thousands of indicators × data columns).
  // Marks are bits of one number while x has at most 31 bigrams, else an array.
  const small = gx.length <= 31;
  let bits = 0;
  const marks: boolean[] = small ? [] : new Array<boolean>(gx.length).fill(false);
  let inter = 0;
  for (let k = 0; k < gy.length; k++) {
    const g = gy[k];
    for (let i = 0; i < gx.length; i++) {
      const used = small ? (bits & (1 << i)) !== 0 : marks[i];
      if (!used && gx[i] === g) {
        if (small) bits |= 1 << i;
        else marks[i] = true;
        inter++;
        break;
      }
    }
  }
  return (2 * inter) / (gx.length + gy.length);
}

/** Traditional forms seen in mirrored tables, to their simplified forms (one character each). */
const TRADITIONAL: Record<string, string> = {
  無: '无',
  發: '发',
  現: '现',
  誤: '误',
  處: '处',
  項: '项',
  個: '个',
  報: '报',
  違: '违',
  規: '规',
  達: '达',
  數: '数',
  實: '实',
  際: '际',
  點: '点',
  沒: '没',
  過: '过',
  遲: '迟',
  時: '时',
  間: '间',
  單: '单',
  級: '级',
  標: '标',
  準: '准',
  萬: '万',
  億: '亿',
  兩: '两',
  災: '灾',
  傷: '伤',
  錯: '错',
  劃: '划',
  計: '计',
  確: '确',
  條: '条',
  張: '张',
  種: '种',
  筆: '笔',
  冊: '册',
  記: '记',
  錄: '录',
  檢: '检',
  經: '经',
  費: '费',
  資: '资',
  車: '车',
  門: '门',
  會: '会',
  議: '议',
  開: '开',
  從: '从',
  問: '问',
  題: '题',
  務: '务',
  縣: '县',
  財: '财',
  額: '额',
  預: '预',
  執: '执',
  績: '绩',
  評: '评',
  價: '价',
  總: '总',
  體: '体',
  設: '设',
  備: '备',
  業: '业',
  農: '农',
  區: '区',
  鄉: '乡',
  鎮: '镇',
  產: '产',
  進: '进',
  結: '结',
  轉: '转',
  調: '调',
  滿: '满',
  應: '应',
  當: '当',
  對: '对',
  據: '据',
  質: '质',
  補: '补',
  範: '范',
  機: '机',
  構: '构',
  歸: '归',
  檔: '档',
  創: '创',
  參: '参',
  與: '与',
  學: '学',
  訪: '访',
  訊: '讯',
  證: '证',
  購: '购',
  貨: '货',
  辦: '办',
  導: '导',
  勞: '劳',
  險: '险',
  純: '纯',
  稅: '税',
  債: '债',
  舉: '举',
  戶: '户',
  園: '园',
  護: '护',
  運: '运',
  營: '营',
  維: '维',
  優: '优',
  遠: '远',
  氣: '气',
  電: '电',
  網: '网',
  線: '线',
  紙: '纸',
  書: '书',
  館: '馆',
  醫: '医',
  療: '疗',
  藥: '药',
  衛: '卫',
  環: '环',
  廠: '厂',
  礦: '矿',
  築: '筑',
  壩: '坝',
  橋: '桥',
  樓: '楼',
  讓: '让',
  須: '须',
  後: '后',
  於: '于',
  為: '为',
  並: '并',
  則: '则',
  雖: '虽',
  讀: '读',
  寫: '写',
  圖: '图',
  層: '层',
  礎: '础',
  驗: '验',
  監: '监',
  測: '测',
  術: '术',
  錢: '钱',
  銀: '银',
  貸: '贷',
  帳: '账',
  賬: '账',
  虧: '亏',
  損: '损',
  濟: '济',
  獎: '奖',
  懲: '惩',
  罰: '罚',
  職: '职',
  責: '责',
  權: '权',
  組: '组',
  織: '织',
};

/** Traditional characters (mirrored documents print rules and actuals in them) as simplified ones. */
export const simplified: (s: string) => string = memoInRun((s: string) => s.replace(/[\u3400-\u9fff]/g, (c) => TRADITIONAL[c] ?? c));
