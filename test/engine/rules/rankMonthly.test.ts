/**
 * Bands over a rank ("前5名得满分，6-10名扣0.5分，11名以后扣1分") and per-month deductions
 * that name one month without 每 ("出现一个月扣5分", "有一个月达不到该比率的扣1分"). Every
 * band edge is tested on both sides, so a flipped inclusive edge or comparison fails here.
 * Expected scores are worked out by hand from the text.
 */
import { dec } from '../../../src/engine/decimal';
import { explainRule, parseRule, scoreRule } from '../../../src/engine/rules';
import type { ActualValue, BandsRule, PerMonthRule, Rule, RuleContext } from '../../../src/engine/rules/types';
import { scoreTyped } from '../../../src/engine/scoring/typed';
import { actual, monthly, qty, scoreOf, traceOf } from './helpers';

function score(ruleText: string, a: ActualValue | null, max: string, ctx: RuleContext = {}) {
  return scoreRule(parseRule(ruleText, { max: dec(max), ...ctx }), a, dec(max));
}

/** As a workbook row reads it: the 实际值 as typed. */
function typed(ruleText: string, max: string, value: string, name = '指标'): string {
  const r = scoreTyped({ name, max: dec(max), ruleText, actual: value });
  return r.ok ? r.score.toString() : `pending: ${r.reason}`;
}

function as<K extends Rule['kind']>(rule: Rule, kind: K): Extract<Rule, { kind: K }> {
  expect(rule.kind).toBe(kind);
  return rule as Extract<Rule, { kind: K }>;
}

describe('rank bands (prj-hnq-01)', () => {
  const t =
    '高标准农田年度建成面积对当年全省总任务的贡献率,满分5分,按年度上图入库面积占全省总任务的比例折算,占比排名前5名的得满分,6-10名的扣0.5分,11名以后扣1分,占比为0的不得分。';
  const rule = () => as(parseRule(t, { max: dec(5), name: '建成面积贡献率' }), 'bands') as BandsRule;

  test('read as bands over the rank, the zero share a band of its own, with the assumption stated', () => {
    const r = rule();
    expect(r.statedFull?.toString()).toBe('5');
    expect(r.bands.map((b) => [b.lo?.value.toString() ?? null, b.hi?.value.toString() ?? null, b.points.toString()])).toEqual([
      ['1', '5', '5'],
      ['6', '10', '4.5'],
      ['11', null, '4'],
      ['0', '0', '0'],
    ]);
    expect(r.bands[3].lo?.unit).toBe('percent');
    const explained = explainRule(r, dec(5));
    expect(explained).toContain('1名（含）~5名（含）得5分');
    expect(explained).toContain('≥11名得4分');
    expect(explained).toContain('占比为0的不得分');
  });

  test.each([
    ['第1名', '5'],
    ['第3名', '5'],
    // 前5名 includes the 5th; 6-10名 starts at the 6th.
    ['第5名', '5'],
    ['第6名', '4.5'],
    // 6-10名 includes the 10th; 11名以后 starts at the 11th.
    ['第10名', '4.5'],
    ['第11名', '4'],
    ['第30名', '4'],
    ['第五名', '5'],
    ['第十一名', '4'],
  ])('typed %s → %s', (a, want) => {
    expect(typed(t, '5', a, '建成面积贡献率')).toBe(want);
  });

  test('the same edges on a rank quantity', () => {
    expect(scoreOf(score(t, actual('5名'), '5'))).toBe('5');
    expect(scoreOf(score(t, actual('6名'), '5'))).toBe('4.5');
    expect(scoreOf(score(t, actual('10名'), '5'))).toBe('4.5');
    expect(scoreOf(score(t, actual('11名'), '5'))).toBe('4');
    expect(traceOf(score(t, actual('11名'), '5'))).toContain('≥11名');
  });

  test('never a positive score for a share of 0, nor any score for a share without its rank', () => {
    const zero = score(t, actual('0%'), '5');
    expect(zero.ok ? zero.score.toString() : 'pending').toMatch(/^(0|pending)$/);
    expect(score(t, actual('3%'), '5').ok).toBe(false);
    expect(typed(t, '5', '占比3%')).toMatch(/^pending/);
  });

  test('a place no band names is pending', () => {
    expect(score(t, actual('0名'), '5').ok).toBe(false);
  });
});

describe('rank band wordings', () => {
  test('Chinese numerals and 及以后: 3 | 4 and 6 | 7 decide the bands', () => {
    const t = '排名前三名得满分，第四至六名得3分，第七名及以后得1分';
    expect(typed(t, '5', '第3名')).toBe('5');
    expect(typed(t, '5', '第4名')).toBe('3');
    expect(typed(t, '5', '第6名')).toBe('3');
    expect(typed(t, '5', '第7名')).toBe('1');
  });

  test('deductions in Chinese numerals', () => {
    const t = '排名前十名得满分，第十一名以后扣一分';
    expect(typed(t, '5', '第10名')).toBe('5');
    expect(typed(t, '5', '第11名')).toBe('4');
  });

  test('"N名以后" right after a band ending at N starts after N', () => {
    const t = '排名前5名得满分，5名以后扣1分';
    expect(typed(t, '5', '第5名')).toBe('5');
    expect(typed(t, '5', '第6名')).toBe('4');
  });

  test('"N名之后" after a band ending at N starts after N', () => {
    const t = '全省排名前5名的，得满分；6-10名的，得3分；10名之后不得分';
    expect(typed(t, '5', '第5名')).toBe('5');
    expect(typed(t, '5', '第10名')).toBe('3');
    expect(typed(t, '5', '第11名')).toBe('0');
  });

  test('位 for places, and a deduction band below another', () => {
    const t = '排名在全省前10位的得满分，11-20位扣1分，20位以后扣2分';
    expect(typed(t, '5', '第10位')).toBe('5');
    expect(typed(t, '5', '第11位')).toBe('4');
    expect(typed(t, '5', '第20位')).toBe('4');
    expect(typed(t, '5', '第21位')).toBe('3');
  });

  test('"其余" takes the places after bands running from the first', () => {
    const t = '排名第一得满分，第二名得4分，其余不得分';
    expect(typed(t, '5', '第1名')).toBe('5');
    expect(typed(t, '5', '第2名')).toBe('4');
    expect(typed(t, '5', '第3名')).toBe('0');
  });

  test('points written right after the places ("第1名5分")', () => {
    const t = '按排名计分：第1名5分，第2-3名4分，第4名及以后3分';
    expect(typed(t, '5', '第1名')).toBe('5');
    expect(typed(t, '5', '第2名')).toBe('4');
    expect(typed(t, '5', '第3名')).toBe('4');
    expect(typed(t, '5', '第4名')).toBe('3');
  });

  test('a share of the max ("得80%分值"), and 第三方 naming no place', () => {
    const t = '第三方绩效考核排名前3位得满分，4-6位得80%分值，其他得60%分值';
    expect(typed(t, '5', '第3位')).toBe('5');
    expect(typed(t, '5', '第4位')).toBe('4');
    expect(typed(t, '5', '第6位')).toBe('4');
    expect(typed(t, '5', '第7位')).toBe('3');
  });

  test('a place past the last closed band is pending, not 0', () => {
    const t = '市州排名第1-3名得10分，4-8名得8分，9-14名得6分';
    expect(typed(t, '10', '第14名')).toBe('6');
    expect(typed(t, '10', '第15名')).toMatch(/^pending/);
  });

  test('per place is still a step from the first place', () => {
    const r = as(parseRule('按排位打分,每位次按0.25分递减', { max: dec(20) }), 'step');
    expect(r.rank).toBe(true);
  });
});

describe('rank texts left to the evaluator', () => {
  test.each([
    // Counted from the bottom: the number of ranked units is not given.
    ['排名前3名得满分，4-6名扣1分，后3名不得分', '后3名'],
    ['排名前3名得满分，4-6名得3分，倒数第一不得分', '倒数'],
    // Does 8名以后 include the 8th? Nothing before it ends at 7 or 8.
    ['排名前5名得满分，8名以后不得分', '第8名'],
    // A clause with points that is no band over places.
    ['排名前3名得满分，4-6名扣1分，未参与排名的不得分', '未参与排名的不得分'],
    // Two bands claim the 5th.
    ['排名前5名得满分，5名及以后扣1分', '重叠'],
    // "其余" after a gap (the 4th is in no band).
    ['排名前3名得满分，5-6名得3分，其余得1分', '其余'],
    // A list of places in one condition.
    ['排名第1、2名得满分，3-5名得3分', '第1、2名'],
  ])('%s', (t, why) => {
    const r = parseRule(t, { max: dec(5) });
    expect(r.kind).toBe('judgement');
    expect(r.kind === 'judgement' && [r.reason, ...(r.unread ?? [])].join('；')).toContain(why);
    expect(typed(t, '5', '第1名')).toMatch(/^pending/);
  });

  test('a share that is no rank ("前10%") is not read as places', () => {
    expect(parseRule('排名前10%得满分，其余得3分', { max: dec(5) }).kind).toBe('judgement');
  });

  test('without the max, "得满分" and deductions cannot become points', () => {
    expect(parseRule('排名前5名得满分，6-10名的扣0.5分，11名以后扣1分').kind).toBe('judgement');
  });
});

describe('per failing month without 每', () => {
  // as-gk-1 (corpus/assess.json).
  const gk = '1、每月不低于40条。2、数量低于规定标准,出现一个月扣5分,扣完为止。3、凡出现发布信息“空白月”的,每个月扣10分。';

  test('the 空白月 clause is read: 10 per blank month, never 5 (blankMonths.test.ts has the edges)', () => {
    const r = as(parseRule(gk, { max: dec(40) }), 'perMonth');
    expect(r.blank?.deduction.toString()).toBe('10');
    expect(explainRule(r, dec(40))).toContain('空白月每个扣10分');
    expect(scoreOf(score(gk, monthly(['40', '39', '0']), '40'))).toBe('25');
  });

  const below = '1、每月不低于40条。2、数量低于规定标准,出现一个月扣5分,扣完为止。';

  test('"出现一个月扣5分" is 5 per month below 40条; 40 passes, 39 fails', () => {
    const r = as(parseRule(below, { max: dec(40) }), 'perMonth') as PerMonthRule;
    expect(r.threshold).toMatchObject({ unit: 'count', unitText: '条' });
    expect(r.threshold.value.toString()).toBe('40');
    expect([r.failWhen, r.failsAtThreshold, r.deduction.toString()]).toEqual(['below', false, '5']);
    expect(scoreOf(score(below, monthly(['40', '41', '100']), '40'))).toBe('40');
    expect(scoreOf(score(below, monthly(['40', '39', '100']), '40'))).toBe('35');
    expect(scoreOf(score(below, actual('2个月'), '40'))).toBe('30');
    expect(scoreOf(score(below, actual('9个月'), '40'))).toBe('0');
  });

  // czs-02 (corpus/dept.json): "在97%以上" is the requirement, "有一個月達不到該比率" the failure.
  const czs = '家電下鄉完成補貼率得3分。每月家電下鄉補貼率在97%以上得3分,有一個月達不到該比率的扣1分。';

  test('a month at 97% meets "97%以上"; one below it costs 1 point', () => {
    const r = as(parseRule(czs, { max: dec(3), name: '家電下鄉完成補貼率' }), 'perMonth') as PerMonthRule;
    expect(r.threshold).toEqual(expect.objectContaining({ unit: 'percent' }));
    expect(r.threshold.value.toString()).toBe('0.97');
    expect([r.failWhen, r.failsAtThreshold, r.deduction.toString()]).toEqual(['below', false, '1']);
    expect(scoreOf(score(czs, monthly(['97%', '98%', '100%']), '3'))).toBe('3');
    expect(scoreOf(score(czs, monthly(['97%', '96.99%', '100%']), '3'))).toBe('2');
    expect(scoreOf(score(czs, monthly(['96%', '96.99%', '90%', '99%']), '3'))).toBe('0');
    expect(traceOf(score(czs, monthly(['97%', '96.99%']), '3'))).toContain('低于97%的月份1个');
  });

  test('failing months typed as a count', () => {
    expect(typed(czs, '3', '2个月未达到')).toBe('1');
    expect(typed(czs, '3', '4个月未达到')).toBe('0');
  });

  test('a requirement earning points before "否则扣" is not the failure clause', () => {
    const r = as(parseRule('每月满意度在95%以上得3分，否则扣1分', { max: dec(3) }), 'perMonth') as PerMonthRule;
    expect([r.failWhen, r.failsAtThreshold]).toEqual(['below', false]);
    expect(scoreOf(score('每月满意度在95%以上得3分，否则扣1分', monthly(['95%', '94.99%']), '3'))).toBe('2');
  });

  test('a ceiling fails above it', () => {
    const t = '每月投诉不超过5件，出现1个月超过的扣1分';
    const r = as(parseRule(t, { max: dec(3) }), 'perMonth') as PerMonthRule;
    expect([r.failWhen, r.failsAtThreshold]).toEqual(['above', false]);
    expect(r.threshold.value.eq(qty('5件').value)).toBe(true);
    expect(scoreOf(score(t, monthly(['5件', '6件']), '3'))).toBe('2');
  });

  test('failure words against the requirement, or more than one month named, are not read', () => {
    expect(parseRule('每月投诉不超过5件，出现1个月低于的扣1分', { max: dec(3) }).kind).not.toBe('perMonth');
    expect(parseRule('每月不少于100条，出现2个月不足的扣1分', { max: dec(3) }).kind).toBe('judgement');
    expect(parseRule('每月不少于100条，有1个月不足的扣1分，有2个月不足的扣3分', { max: dec(3) }).kind).toBe('judgement');
  });
});

describe('a band on the ranked share beside the rank bands', () => {
  // prj-hnq-01 (corpus/project.json).
  const t =
    '高标准农田年度建成面积对当年全省总任务的贡献率,满分5分,按年度上图入库面积占全省总任务的比例折算,占比排名前5名的得满分,6-10名的扣0.5分,11名以后扣1分,占比为0的不得分。';
  const r = (a: string) => {
    const x = scoreTyped({ name: '建成面积贡献率', max: dec('5'), ruleText: t, actual: a });
    return x.ok ? x.score.toString() : 'pending';
  };
  test('a share of 0% scores 0, any other share is no rank', () => {
    expect(r('占比0%')).toBe('0');
    expect(r('占比3%')).toBe('pending');
  });
  test('ranks pass the share band by', () => {
    expect(r('第5名')).toBe('5');
    expect(r('第6名')).toBe('4.5');
    expect(r('第11名')).toBe('4');
  });
});
