/**
 * Several named inputs scored part by part (src/engine/scoring/compound.ts). Rule texts
 * from published tables (sources in test/engine/rules/corpus/*.json: prj-hzz-01,
 * prj-hzz-02, prj-czjs-03, prj-xnsh-03, prj-dfkh-02, prj-hnq-02, cwtj-03); every expected
 * score worked out by hand from the text.
 */
import { dec } from '../../../src/engine/decimal';
import { scoreTyped } from '../../../src/engine/scoring/typed';

function score(text: string, max: string, inputs: Record<string, string>): string {
  const r = scoreTyped({ name: '指标', max: dec(max), ruleText: text, inputs });
  return r.ok ? r.score.toString() : `pending: ${r.reason}`;
}

const HZZ01 = '未制定“一河一策”的,少1條扣1分,最高扣4分;未制定年度計劃的,每少1條扣1分,最高扣4分。';
const HZZ02 = '工程未達到進度要求的扣2分;質量有缺陷的每處扣1分。';
const CZJS03 = '(1)有环卫管理机构和清扫保洁队伍,得10分;镇区主街道实行14小时以上保洁,得10分,按实际情况评分(查阅资料,实地查看)';
const XNSH03 =
  '1、重点县制定的资金整合计划全部落实,得8分。\n2、重点县整合资金规模占年度总投资的30%以上、20%以上和10%以上,分别得6分、4分和2分。\n3、重点县制定的资金整合计划未全部落实,本项指标不得分。';
const DFKH02 = '重大動物疫病免疫密度(12分×2項,即牲畜口蹄疫和禽流感)。以免疫標識、農戶免疫記錄為準,檢查免疫密度達100%的得滿分,每低一個百分點扣2分,扣完為止。';
const HNQ02 =
  '高标准农田(含高效节水灌溉,下同)建成面积(含结转)完成年度任务、建设质量达到设计要求的,得15分;建成面积低于年度任务的,每减少1%,扣1分。土地平整工程、土壤改良工程等工程质量,每发现一项质量未达到设计要求的,扣1分,最多扣6分。';

describe('deductions from the max, one part per input', () => {
  const one = (a: string, b: string) => score(HZZ01, '6', { 少制定一河一策: a, 少制定年度計劃: b });
  it('each part deducts up to its own cap (最高扣4分)', () => {
    expect(one('0條', '0條')).toBe('6');
    expect(one('2條', '1條')).toBe('3');
    expect(one('3條', '0條')).toBe('3');
    // At the cap and past it: 4 either way.
    expect(one('4條', '0條')).toBe('2');
    expect(one('5條', '0條')).toBe('2');
  });
  it('the inputs typed in one 实际值 cell ("名称：值；名称：值") read the same', () => {
    const r = scoreTyped({ name: '指标', max: dec('6'), ruleText: HZZ01, actual: '少制定一河一策：2條；少制定年度計劃：1條' });
    expect(r.ok && r.score.toString()).toBe('3');
    expect(r.ok && r.trace).toMatch(/^分项扣分：①.*；②.*；得分=6-2-1=3分$/);
  });
  it('the parts together stop at 0 (扣完为止)', () => {
    expect(one('5條', '5條')).toBe('0');
  });
  it('a yes/no fact deducts its fixed points only when the clause’s condition holds', () => {
    expect(score(HZZ02, '10', { 工程進度: '已達到進度要求', 質量缺陷: '3處' })).toBe('7');
    expect(score(HZZ02, '10', { 工程進度: '未達到進度要求', 質量缺陷: '3處' })).toBe('5');
    expect(score(HZZ02, '10', { 工程進度: '未達到進度要求', 質量缺陷: '12處' })).toBe('0');
  });
  it('the full mark stated before the deductions is not a part of its own', () => {
    const hnq = (a: string, b: string) => score(HNQ02, '15', { 建成面积占年度任务比例: a, 质量未达到设计要求项数: b });
    expect(hnq('100%', '0项')).toBe('15');
    expect(hnq('96%', '2项')).toBe('9');
    // 最多扣6分: 8 defects cost 6.
    expect(hnq('100%', '8项')).toBe('9');
    // "无" against a per-item clause is none counted.
    expect(hnq('99%', '无')).toBe('14');
  });
  it('an input only the full mark speaks of is its precondition; an event counted happened or not', () => {
    // prj-wszl-01 (corpus/project.json).
    const text = '1.施工安全檢查評定等級合格及以上,且未發生安全文明施工投訴和通報,得2分。2.不符合以上要求,每發生1次投訴扣0.5分,扣完為止;發生通報,不得分。';
    const w = (grade: string, complaints: string, notices: string) => score(text, '2', { 施工安全檢查評定等級: grade, 投訴: complaints, 通報: notices });
    expect(w('合格', '無', '無')).toBe('2');
    expect(w('合格', '3次', '無')).toBe('0.5');
    expect(w('合格', '1次', '0次')).toBe('1.5');
    expect(w('合格', '1次', '1次')).toBe('0');
    // Not 合格: the text does not say what follows.
    expect(w('不合格', '0次', '無')).toMatch(/^pending/);
  });
  it('a clause with two outcomes is two clauses; "一项…扣1分" against a count is each', () => {
    const text = '发现一项收入入账不及时一次扣1分,各项结算系统未与收费系统有效连接,一项未做到扣1分。扣完为止。';
    expect(score(text, '2', { 入账不及时次数: '1次', 未有效连接的结算系统数: '0项' })).toBe('1');
    expect(score(text, '2', { 入账不及时次数: '1次', 未有效连接的结算系统数: '2项' })).toBe('0');
    expect(score(text, '2', { 入账不及时次数: '0次', 未有效连接的结算系统数: '0项' })).toBe('2');
  });
});

describe('counts per kind whose names share their words', () => {
  // as-zx-2 (corpus/assess.json): both kinds speak of 上访 and 信息预警, in another order.
  const text =
    '信息預警記20分,信息預警做得好且無市以上集體上訪的記20分,發生了到市以上集體上訪,但沒有報送信息預警的,每次扣5分;報送了信息預警,但仍發生到市以上集體上訪的,每次扣2分。';
  const x = (a: string, b: string) => score(text, '20', { 發生到市以上集體上訪但沒有報送信息預警: a, 報送了信息預警但仍發生到市以上集體上訪: b });
  it('each count against the clause it names', () => {
    expect(x('0次', '0次')).toBe('20');
    expect(x('1次', '2次')).toBe('11');
    expect(x('2次', '1次')).toBe('8');
    expect(x('3次', '3次')).toBe('0');
  });
});

describe('shares of the max, one part per input', () => {
  const czjs = (a: string, b: string) => score(CZJS03, '20', { 环卫管理机构和清扫保洁队伍: a, 主街道保洁时长: b });
  it('a condition met earns its share, unmet earns nothing', () => {
    expect(czjs('有', '16小时')).toBe('20');
    expect(czjs('无', '16小时')).toBe('10');
  });
  it('"14小时以上" includes 14', () => {
    expect(czjs('有', '14小时')).toBe('20');
    expect(czjs('有', '13.9小时')).toBe('10');
  });
  it('thresholds listed with 分别得: the highest reached', () => {
    const x = (plan: string, share: string) => score(XNSH03, '14', { 资金整合计划: plan, 整合资金规模占年度总投资比例: share });
    expect(x('全部落实', '30%')).toBe('14');
    expect(x('全部落实', '29.9%')).toBe('12');
    expect(x('全部落实', '20%')).toBe('12');
    expect(x('全部落实', '10%')).toBe('10');
    expect(x('全部落实', '9.9%')).toBe('8');
  });
  it('本项指标不得分 zeroes the whole indicator, whatever the other parts earn', () => {
    expect(score(XNSH03, '14', { 资金整合计划: '未全部落实', 整合资金规模占年度总投资比例: '35%' })).toBe('0');
  });
  it('a count reached earns its share; a bonus per unit past it adds up to the max', () => {
    // prj-czjs-01 (corpus/project.json).
    const text = '(2)中心镇镇区公共厕所按1座/2500人建设,其它镇镇区按1座/3000人建设,得10分;未按标准建设不得分;建成1座生态公厕,得10分;每增加一座加5分(实地查看)';
    const c = (std: string, eco: string) => score(text, '20', { 公厕按标准建设: std, 生态公厕: eco });
    expect(c('是', '1座')).toBe('20');
    expect(c('是', '0座')).toBe('10');
    expect(c('否', '1座')).toBe('10');
    // 0 + 10 + 2×5: the bonus is on top of the share.
    expect(c('否', '3座')).toBe('20');
    expect(c('否', '2座')).toBe('15');
    // 10 + 10 + 2×5 = 30, capped at the indicator's 20.
    expect(c('是', '3座')).toBe('20');
  });
  it('a share with its own deduction per item ("符合得1.5分，1个子项不符扣0.5分")', () => {
    // prj-xxh-03 (corpus/project.json).
    const text = '硬件、软件、监理的采购是否符合招投标的规定(符合得1.5分,1个子项不符扣0.5分);是否符合立项批复(符合得1.5分,1个子项不符扣0.5分)。';
    const x = (a: string, b: string) => score(text, '3', { 招投标规定不符子项: a, 立项批复不符子项: b });
    expect(x('0个', '0个')).toBe('3');
    expect(x('1个', '0个')).toBe('2.5');
    expect(x('3个', '2个')).toBe('0.5');
    // The share floors at 0: 4 × 0.5 is more than 1.5.
    expect(x('4个', '0个')).toBe('1.5');
  });
  it('shares that do not add up to the max are left pending', () => {
    expect(score(CZJS03, '25', { 环卫管理机构和清扫保洁队伍: '有', 主街道保洁时长: '16小时' })).toMatch(/^pending: .*各分项满分合计20分，与指标分值25分不符/);
  });
});

describe('the same rule for each of k equal shares', () => {
  const d = (a: string, b: string) => score(DFKH02, '24', { 牲畜口蹄疫: a, 禽流感: b });
  it('12分×2项: each input scored against 12, then added', () => {
    expect(d('100%', '100%')).toBe('24');
    expect(d('97%', '100%')).toBe('18');
    expect(d('90%', '95%')).toBe('2');
  });
  it('k must match the inputs and N×k the max', () => {
    expect(score(DFKH02, '20', { 牲畜口蹄疫: '100%', 禽流感: '100%' })).toMatch(/^pending/);
  });
});

describe('pending, never guessed', () => {
  it('an input no clause speaks of', () => {
    expect(score(HZZ01, '6', { 少制定一河一策: '1條', 少制定年度計劃: '0條', 河长巡河: '3次' })).toMatch(/^pending: .*没有条款对应输入“河长巡河”/);
  });
  it('a yes/no fact answered with neither', () => {
    expect(score(HZZ02, '10', { 工程進度: '基本按期', 質量缺陷: '0處' })).toMatch(/^pending/);
  });
  it('a clause with an outcome that binds to no input', () => {
    expect(score(HZZ02, '10', { 资金到位: '100%', 档案管理: '规范' })).toMatch(/^pending/);
  });
  it('得满分 inside one part of several, not met: what is lost is not said', () => {
    // Met, the part takes nothing off (test/engine/scoring/parts.test.ts).
    const text = '(1)账实相符,账实不符扣1分;白条顶库每张扣0.2分。(2)使用零余额账户结算的,得满分;未实行的不得分。';
    expect(score(text, '3', { 账实是否相符: '相符', 白条顶库: '0张', 零余额账户结算: '已实行' })).toBe('3');
    expect(score(text, '3', { 账实是否相符: '相符', 白条顶库: '0张', 零余额账户结算: '未实行' })).toMatch(/^pending/);
  });
});
