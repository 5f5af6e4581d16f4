/**
 * Part-by-part scoring of several named inputs (src/engine/scoring/compound.ts): one line per
 * listed kind (分别不少于), tasks earned in proportion (按比例得分), a share of one input in
 * another, an amount there or not, a deduction without its amount, 得满分 among deductions, a
 * line written in the indicator's 说明, and yes/no answers read by their sense. Rule texts from
 * the corpus (as-qlm-1, czs-01, prj-xnsh-02, as-xf23-2, wsczs-02); scores worked out by hand.
 */
import { dec } from '../../../src/engine/decimal';
import { scoreTyped } from '../../../src/engine/scoring/typed';
import { distribute } from '../../../src/engine/scoring/compound';
import { namedInputs } from '../../../src/engine/data/bind';

function score(text: string, max: string, inputs: Record<string, string>, context?: string[]): string {
  const r = scoreTyped({ name: '指标', max: dec(max), ruleText: text, inputs, context });
  return r.ok ? r.score.toString() : `pending: ${r.reason}`;
}

const QLM = '实行量化计分法。 引进投资3-10亿元、10-20亿元、20亿元以上项目个数分别不少于7个、4个、1个,每少1个扣0.1分。';
const CZS = '完成縣政府下達的全年財政收入任務的得2分,完成全縣一般預算收入任務的得13分,沒有完成任務按比例得分。(收入以國庫科提供的數據為準)。';
const XNSH02 = '1、区(县)级财政安排了小型农田水利投入,得4分。\n2、区(县)级财政小型农田水利投入达到中央和省级投入的10%以上,得2分。';
const XF = '没有及时按规定上报排查表,每少1次扣0.5分;上访户台账不清楚、不规范及无处理情况每户扣分。';
const XF_CONTEXT = ['6.每季度坚持定期排查与特别防护期排查相结合(全年不少于10次,以信访局掌握的数据为准);否则酌情扣分。'];
const WSCZS =
  '(1)现金及时盘点,账实相符。每月对库存现金进行对账盘点,确保账实相符,账实不符扣1分;白条顶库每张扣0.2分。(2)零余额账户开设及结算情况。实行国库集中支付改革,使用零余额账户结算的,得满分;未实行的不得分。';

describe('分别不少于: one line per listed kind', () => {
  const q = (a: string, b: string, c: string) => score(QLM, '0.5', { '3-10亿元项目': a, '10-20亿元项目': b, '20亿元以上项目': c });
  it('each kind short of its own line, deductions added', () => {
    expect(q('9个', '4个', '1个')).toBe('0.5');
    expect(q('5个', '4个', '0个')).toBe('0.2');
    expect(q('9个', '3个', '1个')).toBe('0.4');
  });
  it('at the line nothing is taken, one below takes one step; surplus does not offset', () => {
    expect(q('7个', '4个', '1个')).toBe('0.5');
    expect(q('6个', '4个', '1个')).toBe('0.4');
    expect(q('20个', '3个', '1个')).toBe('0.4');
  });
  it('the parts together stop at 0', () => {
    expect(q('2个', '1个', '0个')).toBe('0');
  });
  it('the last two kinds joined by 和', () => {
    const text = '省级、市级和县级示范点分别不少于3个、2个、1个,每少1个扣1分。';
    expect(distribute(text).map((c) => c.about)).toEqual(['省级', '市级', '县级示范点']);
    expect(score(text, '5', { 省级示范点: '3个', 市级示范点: '1个', 县级示范点: '0个' })).toBe('3');
  });
  it('typed in one 实际值 cell, names holding the kind’s numbers read the same', () => {
    const r = scoreTyped({ name: '指标', max: dec('0.5'), ruleText: QLM, actual: '3-10亿元项目：5个；10-20亿元项目：4个；20亿元以上项目：0个' });
    expect(r.ok && r.score.toString()).toBe('0.2');
    expect(namedInputs('已落实管护主体和建立运行管护制度的项目比例：85%；运行管护效果：良好')).toEqual({
      已落实管护主体和建立运行管护制度的项目比例: '85%',
      运行管护效果: '良好',
    });
    // Not names: times, numbers.
    expect(namedInputs('10:30；11:00')).toBeNull();
    expect(namedInputs('1：2；3：4')).toBeNull();
  });
  it('as many kinds as lines, or the clause stays whole (and pending)', () => {
    const text = '引进投资3-10亿元、10-20亿元项目个数分别不少于7个、4个、1个,每少1个扣0.1分。';
    expect(distribute(text)).toHaveLength(1);
    expect(score(text, '0.5', { '3-10亿元项目': '9个', '10-20亿元项目': '4个' })).toMatch(/^pending/);
  });
});

describe('完成任务的得N分，没有完成任务按比例得分', () => {
  const c = (a: string, b: string) => score(CZS, '15', { 全年财政收入任务完成率: a, 一般预算收入任务完成率: b });
  it('each share times its own completion rate', () => {
    expect(c('100%', '92%')).toBe('13.96');
    expect(c('0%', '0%')).toBe('0');
  });
  it('at 100% and above the share, no more', () => {
    expect(c('90%', '110%')).toBe('14.8');
    expect(c('100%', '100%')).toBe('15');
    expect(c('99.99%', '100%')).toBe('15');
  });
  it('without 按比例 an unfinished task is not scored', () => {
    const text = '完成全年财政收入任务的得2分,完成一般预算收入任务的得13分。';
    expect(score(text, '15', { 全年财政收入任务完成率: '100%', 一般预算收入任务完成率: '92%' })).toMatch(/^pending/);
  });
});

describe('a share of one input in another; an amount there or not', () => {
  const x = (county: string, upper: string) => score(XNSH02, '6', { '区(县)级财政小型农田水利投入': county, 中央和省级投入: upper });
  it('"达到…的10%以上" includes 10%', () => {
    expect(x('150万元', '1,500万元')).toBe('6');
    expect(x('149.99万元', '1,500万元')).toBe('4');
    expect(x('120万元', '1,500万元')).toBe('4');
  });
  it('"安排了…投入" on an amount: more than 0', () => {
    expect(x('0万元', '1,500万元')).toBe('0');
    expect(x('0.01万元', '1,500万元')).toBe('4');
  });
  it('"占…的10%" without 以上 may be exactly: pending', () => {
    const text = '1、区(县)级财政安排了小型农田水利投入,得4分。\n2、区(县)级财政小型农田水利投入占中央和省级投入的10%,得2分。';
    expect(score(text, '6', { '区(县)级财政小型农田水利投入': '150万元', 中央和省级投入: '1,500万元' })).toMatch(/^pending/);
  });
  it('a share of amounts in different units: pending', () => {
    expect(x('150万元', '80%')).toMatch(/^pending/);
  });
});

describe('a deduction without its amount; a line from the 说明', () => {
  const f = (times: string, households: string, context: string[] | undefined = XF_CONTEXT) =>
    score(XF, '6', { 按规定上报排查表次数: times, '台账不清楚、不规范及无处理情况的上访户': households }, context);
  it('none found takes nothing off; the line (全年不少于10次) read from the 说明', () => {
    expect(f('8次', '无')).toBe('5');
    expect(f('10次', '无')).toBe('6');
    expect(f('11次', '0户')).toBe('6');
    expect(f('9次', '无')).toBe('5.5');
    expect(f('0次', '无')).toBe('1');
  });
  it('some found: the amount is not written, pending', () => {
    expect(f('10次', '2户')).toMatch(/^pending: .*没有写明扣几分/);
  });
  it('a count of what was done against "每少1次" with no line anywhere: pending, not a count short', () => {
    expect(f('8次', '无', [])).toMatch(/^pending: .*应达到多少评分标准没有写明/);
  });
});

describe('得满分 in one part among deductions', () => {
  const w = (a: string, b: string, c: string) => score(WSCZS, '3', { 账实是否相符: a, 白条顶库: b, 零余额账户结算: c });
  it('met: the part takes nothing off', () => {
    expect(w('相符', '0张', '已实行')).toBe('3');
    expect(w('不符', '4张', '已实行')).toBe('1.2');
  });
  it('the answer read by its sense: "账实不符" is the clause itself', () => {
    expect(w('账实不符', '0张', '已实行')).toBe('2');
    expect(w('账实相符', '0张', '已实行')).toBe('3');
  });
  it('not met: whether the indicator or the part is lost is not said, pending', () => {
    expect(w('相符', '0张', '未实行')).toMatch(/^pending/);
  });
  it('"每月…扣1分" in one phrase is per month: a yes/no answer cannot say how many, pending', () => {
    expect(score('每月未按时报送报表扣1分;白条顶库每张扣0.2分。', '3', { 按时报送报表: '未按时报送', 白条顶库: '0张' })).toMatch(/^pending/);
  });
  it('among shares that add up, 得满分 stays pending', () => {
    const text = '(1)建立台账的,得2分;(2)使用零余额账户结算的,得满分。';
    expect(score(text, '3', { 台账: '已建立', 零余额账户结算: '已实行' })).toMatch(/^pending/);
  });
});
