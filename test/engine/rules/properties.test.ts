/**
 * Whatever text and values arrive, parsing and scoring never throw, and every
 * computed score lies within 0..max with at most two decimals.
 */
import fc from 'fast-check';
import { Decimal, dec } from '../../../src/engine/decimal';
import { quantity, type QuantityUnit } from '../../../src/engine/quantity';
import { explainRule, parseRule, scoreBounds, scoreRule } from '../../../src/engine/rules';
import type { ActualValue, Rule } from '../../../src/engine/rules/types';
import { HAIKOU, LVLIANG, QIXIA } from './seedRules';

const KINDS = new Set(['proportional', 'step', 'bonus', 'bands', 'perMonth', 'perOccurrence', 'additive', 'checklist', 'categorical', 'grade', 'judgement']);

/** Pieces real rule texts are made of, so random texts hit the parsers' paths. */
const FRAGMENTS = [
  '得分=',
  '实际值',
  '÷',
  '/',
  '×',
  '*',
  '目标值',
  '100%',
  '95%',
  '9 5%',
  '０.５',
  '×100%',
  '×7',
  '相应分值',
  '每低',
  '每低于',
  '每减少',
  '每超出',
  '每高',
  '每比计划延迟',
  '每出现',
  '每发现一处',
  '每项',
  '每月',
  '一个月',
  '一个百分点',
  '扣',
  '扣除',
  '扣减',
  '1分',
  '0.2分',
  '0.5分',
  '得',
  '得满分',
  '得一半分',
  '不得分',
  '得3分',
  '(2分)',
  '扣完为止',
  '不低于',
  '不少于',
  '低于',
  '高于',
  '≥',
  '<',
  '以上',
  '以下',
  '(含)',
  '（含）',
  '(不含)',
  '之间',
  '-',
  '~',
  '至',
  '不足1%按1%计算',
  '不足5%的不扣',
  '按比例扣分',
  '最高不超过',
  '超过10分按10分计',
  '否则',
  '或',
  '3万通',
  '500件',
  '100万元',
  '4,060.00元',
  '1个月',
  '次',
  '处',
  '起',
  '条',
  '分',
  '%',
  '万元',
  '①',
  '②',
  '③',
  '1.',
  '2、',
  '评价要点：',
  '，',
  '；',
  '。',
  '\n',
  ' ',
  '优',
  '良',
  '中',
  '差',
  '2020年12月31日',
  '十二',
  '两',
  '百分之五',
  '一次验收通过',
  '未通过',
  '满意度',
  '接通率',
  '12345',
];

const cjk = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCodePoint(c));
const digits = fc.stringMatching(/^\d{1,6}(\.\d{1,3})?$/);
const ruleText = fc
  .array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...FRAGMENTS) }, { weight: 2, arbitrary: cjk }, { weight: 2, arbitrary: digits }), {
    maxLength: 40,
  })
  .map((parts) => parts.join(''));

const seedTexts = [...Object.values(HAIKOU), ...Object.values(LVLIANG), ...Object.values(QIXIA)].map((r) => r.text);

const decimalArb = fc
  .tuple(fc.integer({ min: -2_000_000, max: 50_000_000 }), fc.integer({ min: 0, max: 6 }))
  .map(([n, places]) => new Decimal(n).div(new Decimal(10).pow(places)));

const maxArb = fc.integer({ min: 0, max: 10_000 }).map((n) => new Decimal(n).div(100));

const unitArb = fc.constantFrom<[QuantityUnit, string, number]>(
  ['percent', '%', 1],
  ['score', '分', 1],
  ['count', '通', 1],
  ['count', '件', 1e4],
  ['money', '元', 1e4],
  ['money', '元', 1],
  ['time', '个月', 1],
  ['none', '', 1],
);

const quantityArb = fc.tuple(decimalArb, unitArb).map(([v, [unit, unitText, scale]]) => ({ ...quantity(v, unit, unitText), scale }));

const actualArb: fc.Arbitrary<ActualValue | null> = fc.oneof(
  quantityArb.map((q): ActualValue => ({ kind: 'quantity', q, label: '实际值' })),
  fc
    .array(quantityArb, { minLength: 0, maxLength: 14 })
    .map((qs): ActualValue => ({ kind: 'monthly', months: qs.map((value, i) => ({ label: `${i + 1}月`, value })) })),
  fc
    .array(fc.tuple(fc.constantFrom('全国性奖项', '省级', '市级', '服务态度投诉', '省级渠道', '无人在岗', '其他'), fc.integer({ min: -2, max: 30 })), {
      maxLength: 4,
    })
    .map((pairs): ActualValue => ({ kind: 'counts', counts: pairs.map(([label, n]) => ({ label, n: dec(n) })) })),
  fc
    .oneof(fc.constantFrom('一次验收通过', '未通过验收', '二次整改后通过', '良', '优秀', '无', '0', '3次', '94.36%', ''), ruleText)
    .map((text): ActualValue => ({ kind: 'text', text })),
  fc.constant(null),
);

function assertScoreShape(rule: Rule, a: ActualValue | null, max: Decimal) {
  const r = scoreRule(rule, a, max);
  if (r.ok) {
    // 0..max, unless the text states a bonus with no ceiling (加分) or a negative score (倒扣).
    const { lo, hi } = scoreBounds(rule, max);
    const statedBonus = rule.kind === 'bonus';
    const statedNegative = rule.kind === 'perOccurrence' && rule.items.some((i) => i.outright?.lt(0));
    expect(lo.eq(0) || statedNegative).toBe(true);
    expect(hi === null ? statedBonus : hi.eq(max) || statedBonus).toBe(true);
    expect(r.score.gte(lo)).toBe(true);
    if (hi) expect(r.score.lte(hi)).toBe(true);
    expect(r.score.decimalPlaces()).toBeLessThanOrEqual(2);
    expect(r.trace.length).toBeGreaterThan(0);
  } else {
    expect(r.reason.length).toBeGreaterThan(0);
    // Internal errors are caught and reported this way: none may happen.
    expect(r.reason.startsWith('无法计算（')).toBe(false);
  }
}

describe('parseRule', () => {
  test('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (t) => {
        const rule = parseRule(t);
        expect(KINDS.has(rule.kind)).toBe(true);
        expect(rule.kind === 'judgement' && rule.reason.startsWith('评分标准无法解析')).toBe(false);
        expect(typeof explainRule(rule, dec(5))).toBe('string');
      }),
      { numRuns: 500 },
    );
  });

  test('never throws on random Chinese, digits and rule fragments', () => {
    fc.assert(
      fc.property(ruleText, maxArb, (t, max) => {
        const rule = parseRule(t, { name: '指标', max, context: [t] });
        expect(KINDS.has(rule.kind)).toBe(true);
        expect(rule.kind === 'judgement' && rule.reason.startsWith('评分标准无法解析')).toBe(false);
        expect(explainRule(rule, max).length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });
});

const pctArb = fc.integer({ min: 1, max: 9999 }).map((n) => new Decimal(n).div(100).toString());
const ptsArb = fc.integer({ min: 1, max: 200 }).map((n) => new Decimal(n).div(10).toString());
const noise = fc.constantFrom('', ' ', '\n');

/** Well-formed rules of every computable shape, with random numbers and PDF noise. */
const templated: fc.Arbitrary<{ text: string; kind: Rule['kind'] }> = fc.oneof(
  // The rounding clause names the step itself ("每低2%…不足2%按2%计算"); another number there is a clause of its own.
  fc
    .tuple(pctArb, fc.constantFrom('1', '2', '5'), ptsArb, fc.constantFrom('', '，不足K%按K%计算', '，不足K%的不扣分', '，不足K%的按比例扣分'), noise)
    .map(([t, k, d, r, n]) => ({ text: `平均接通率不低于${t}%，每低${n}${k}%扣${d}分${r.replace(/K/g, k)}，扣完为止`, kind: 'step' as const })),
  fc.tuple(fc.integer({ min: 1, max: 90 }), ptsArb, noise).map(([w, d, n]) => ({
    text: `月均不低于${w}万通，每低于5%扣${d}分，不足5%按5${n}%计算，扣完为止`,
    kind: 'step' as const,
  })),
  fc.tuple(pctArb, ptsArb).map(([t, d]) => ({ text: `超5分钟通话率应低于${t}%，每高1%扣${d}分，扣完为止`, kind: 'step' as const })),
  fc.tuple(pctArb, ptsArb, noise).map(([t, p, n]) => ({ text: `得分=公众知晓率/${t}%*${p}分${n}(超过${p}分按${p}分计)`, kind: 'proportional' as const })),
  fc.tuple(fc.integer({ min: 60, max: 99 }), fc.integer({ min: 2, max: 20 }), ptsArb).map(([hi, gap, p]) => ({
    text: `按时办结率${hi}%以上，得${p}分；在${hi - gap}%-${hi}%之间，得1分；${hi - gap}%以下不得分`,
    kind: 'bands' as const,
  })),
  fc
    .tuple(fc.integer({ min: 1, max: 500 }), ptsArb)
    .map(([c, d]) => ({ text: `每月不少于${c}条，每发现一个月不足，扣除${d}分，扣完为止`, kind: 'perMonth' as const })),
  fc.tuple(pctArb, ptsArb).map(([t, d]) => ({ text: `满意度高于${t}%，得满分，否则，每出现一个月满意度低于${t}%，扣除${d}分`, kind: 'perMonth' as const })),
  fc.tuple(ptsArb, ptsArb).map(([a, b]) => ({ text: `服务态度投诉每发现一起扣${a}分；省级渠道投诉每发现一起扣${b}分`, kind: 'perOccurrence' as const })),
  fc.tuple(ptsArb, noise).map(([d, n]) => ({ text: `每天24小时服务,每出现1次无人${n}在岗,扣${d}分,扣完为止。`, kind: 'perOccurrence' as const })),
  fc
    .tuple(ptsArb, ptsArb)
    .map(([a, b]) => ({ text: `获评全国性奖项，每项${a}分；获评省级奖项，每项${b}分，最多不超过该指标满分。`, kind: 'additive' as const })),
  fc.constant({ text: '项目一次验收通过，得满分；项目二次整改后通过，得一半分；项目未通过验收，不得分。', kind: 'categorical' as const }),
  fc
    .tuple(pctArb, fc.constantFrom('1', '2', '一'), ptsArb, fc.constantFrom('', '，最高10分', '，最多加3分', '，不足K个百分点的按比例计算'))
    .map(([t, k, d, c]) => ({ text: `达到目标${t}%计满分，低于目标不得分，每超${k}个百分点加${d}分${c.replace(/K/g, k)}`, kind: 'bonus' as const })),
  fc
    .tuple(ptsArb, ptsArb)
    .map(([d, o]) => ({ text: `每发生一起一般事故扣${d}分；发生较大及以上事故的，该项不得分，倒扣${o}分`, kind: 'perOccurrence' as const })),
  fc.tuple(ptsArb, ptsArb, ptsArb).map(([a, b, c]) => ({ text: `按优${a}分、良${b}分、差${c}分评分`, kind: 'grade' as const })),
);

describe('templated rules', () => {
  test('parse to their shape and score within 0..max', () => {
    fc.assert(
      fc.property(templated, actualArb, maxArb, ({ text, kind }, a, max) => {
        const rule = parseRule(text, { max });
        expect(rule.kind).toBe(kind);
        assertScoreShape(rule, a, max);
      }),
      { numRuns: 3000 },
    );
  });

  test('matching actual values are scored', () => {
    const percent = fc.integer({ min: 0, max: 12000 }).map((n): ActualValue => ({ kind: 'quantity', q: quantity(new Decimal(n).div(10000), 'percent') }));
    fc.assert(
      fc.property(
        templated.filter((t) => ['step', 'proportional', 'bands'].includes(t.kind) && !t.text.includes('万通')),
        percent,
        maxArb,
        ({ text }, a, max) => {
          const r = scoreRule(parseRule(text, { max }), a, max);
          expect(r.ok).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('scoreRule', () => {
  test('never throws; ok scores are within 0..max with at most 2 decimals (random rules)', () => {
    fc.assert(
      fc.property(ruleText, actualArb, maxArb, (t, a, max) => {
        assertScoreShape(parseRule(t, { max }), a, max);
      }),
      { numRuns: 2000 },
    );
  });

  test('the same for the seed rules on random actual values', () => {
    fc.assert(
      fc.property(fc.constantFrom(...seedTexts), actualArb, maxArb, (t, a, max) => {
        assertScoreShape(parseRule(t, { max }), a, max);
      }),
      { numRuns: 2000 },
    );
  });
});
