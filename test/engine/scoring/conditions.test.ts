/**
 * A table of outcomes over several named inputs (src/engine/scoring/conditions.ts). Rule texts
 * from published tables (corpus ids as-zs-1, prj-xnsh-01, yyglj-06 in test/engine/rules/corpus);
 * every expected score worked out by hand from the text.
 */
import { dec } from '../../../src/engine/decimal';
import { scoreTyped } from '../../../src/engine/scoring/typed';

function score(text: string, max: string, inputs: Record<string, string>): string {
  const r = scoreTyped({ name: '指标', max: dec(max), ruleText: text, inputs });
  return r.ok ? r.score.toString() : `pending: ${r.reason}`;
}

const ZS =
  '当年有新签约、新注册项目,完成项目用地(购地或租赁)、动工建设,完成当年县下达招商工作任务、且完成实际投入资金当年任务的20%以上(100分)。完成招商工作任务80%以上且完成实际投入资金当年任务的20%以上(75分)。完成招商工作任务50%以上且完成实际投入资金当年任务的20%(50分)。完成招商工作任务50%以下的不得分。';
const XNSH01 =
  '1、已落实管护主体和建立运行管护制度的项目超过80%、70%和60%,且运行管护效果良好,分别得6分、4分和2分。\n2、已落实管护主体和建立运行管护制度的项目不足60%,或运行管护效果较差,不得分。';
const YYGLJ06 = '无结余,3分;有结余,但不超过上年结转,2分;结余超过上年结转,不得分。';

describe('rows joined by 且: every fact must hold', () => {
  const zs = (task: string, invest: string, done?: string) =>
    score(ZS, '100', { 招商工作任务完成率: task, 实际投入资金完成当年任务比例: invest, ...(done ? { '新签约新注册项目、项目用地、动工建设': done } : {}) });
  it('the best row whose facts all hold', () => {
    expect(zs('100%', '25%', '均已完成')).toBe('100');
    expect(zs('85%', '30%')).toBe('75');
    expect(zs('45%', '40%')).toBe('0');
  });
  it('"完成…任务" with no number is the whole task (100%)', () => {
    expect(zs('99.9%', '25%', '均已完成')).toBe('75');
  });
  it('"以上" includes the line; "20%" after 完成 is reached at 20%', () => {
    expect(zs('80%', '20%')).toBe('75');
    expect(zs('79.9%', '20%')).toBe('50');
    expect(zs('50%', '20%')).toBe('50');
    expect(zs('49.9%', '20%')).toBe('0');
  });
  it('a fact typed as not done fails its row', () => {
    expect(zs('100%', '25%', '未完成')).toBe('75');
  });
  it('a row that holds on what was typed but has a fact not typed: pending', () => {
    expect(zs('100%', '25%')).toMatch(/^pending: .*无法判断是否满足/);
  });
  it('no row holds: pending', () => {
    expect(zs('90%', '10%')).toMatch(/^pending: .*不属于评分标准的任何一档/);
    expect(zs('80%', '19.9%')).toMatch(/^pending/);
  });
  it('an input no fact speaks of: pending', () => {
    expect(score(ZS, '100', { 招商工作任务完成率: '85%', 实际投入资金完成当年任务比例: '30%', 档案管理: '规范' })).toMatch(/^pending/);
  });
});

describe('lines listed with 分别得, and rows joined by 或', () => {
  const x = (rate: string, effect: string) => score(XNSH01, '6', { 已落实管护主体和建立运行管护制度的项目比例: rate, 运行管护效果: effect });
  it('"超过" excludes the line', () => {
    expect(x('85%', '良好')).toBe('6');
    expect(x('80.1%', '良好')).toBe('6');
    expect(x('80%', '良好')).toBe('4');
    expect(x('70%', '良好')).toBe('2');
  });
  it('either fact of a 或 row is enough', () => {
    expect(x('90%', '较差')).toBe('0');
    expect(x('59%', '良好')).toBe('0');
  });
  it('exactly 60% is in no row (超过60% and 不足60% both exclude it): the row of fewer points, by the stated convention (edgeConvention.test.ts)', () => {
    expect(x('60%', '良好')).toBe('0');
  });
  it('an answer that is neither 良好 nor 较差 decides no row: pending', () => {
    expect(x('85%', '一般')).toMatch(/^pending/);
  });
  it('a row with both 且 and 或 is pending', () => {
    const text = '比例超过80%且效果良好或档案齐全,得6分;比例不足80%,不得分。';
    expect(score(text, '6', { 比例: '85%', 效果: '良好', 档案: '齐全' })).toMatch(/^pending: .*先后没有写明/);
    const comma = '无结余,3分;有结余,但不超过上年结转或结转为零,2分;结余超过上年结转,不得分。';
    expect(score(comma, '3', { 本年结余: '12.5万元', 上年结转: '20万元' })).toMatch(/^pending: .*先后没有写明/);
  });
});

describe('one input against another, and an amount there or not', () => {
  const y = (left: string, carried: string) => score(YYGLJ06, '3', { 本年结余: left, 上年结转: carried });
  it('"不超过" includes equality, "超过" excludes it', () => {
    expect(y('12.5万元', '20万元')).toBe('2');
    expect(y('20万元', '20万元')).toBe('2');
    expect(y('20.01万元', '20万元')).toBe('0');
    expect(y('35.6万元', '20万元')).toBe('0');
  });
  it('"无结余": an amount of 0', () => {
    expect(y('0万元', '20万元')).toBe('3');
  });
  it('amounts of different kinds are not compared', () => {
    expect(y('5%', '20万元')).toMatch(/^pending/);
  });
});
