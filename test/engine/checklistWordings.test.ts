/**
 * Checklist wordings read item by item (src/engine/checklist/items.ts): items listed
 * with their points after 其中, questions each followed by its points, items named in
 * the indicator's name with a deduction per missing item, and a numbered list of
 * requirements with a deduction per defect. Texts from the rule corpus
 * (test/engine/rules/corpus), scored from judgements the way the evaluator gives them.
 */
import { Decimal } from '../../src/engine/decimal';
import type { ItemJudgement } from '../../src/engine';
import { extractItems, isReachable, judgeChecklist, type ChecklistItems } from '../../src/engine/checklist';
import { parseRule } from '../../src/engine/rules';
import type { JudgementRule } from '../../src/engine/rules/types';

const d = (v: string | number) => new Decimal(v);
const items = (name: string, text: string, max: string | number) => extractItems(parseRule(text, { name, max: d(max) }), d(max));
const judgementRule = (text: string): JudgementRule => ({ kind: 'judgement', text, subject: '', statedFull: null, reason: 'test' });
const rows = (x: ChecklistItems | null) => x!.items.map((i) => [i.kind, i.label, i.points.toString()]);
const where = { sheet: '评分表', cell: 'H5' };
/** Judgements in item order: 符合 / 不符合 / a number for 部分 (the points given). */
const judge = (x: ChecklistItems, verdicts: (string | number)[], max: number) =>
  judgeChecklist(
    'x',
    x,
    verdicts.map((v, i): ItemJudgement => ({
      path: ['x'],
      seq: i + 1,
      verdict: v === '符合' ? 'met' : v === '不符合' ? 'unmet' : 'partial',
      points: typeof v === 'number' ? String(v) : null,
    })),
    d(max),
    where,
  );

describe('items listed with their points after 其中', () => {
  // prj-xnsh-04: 上海市小型农田水利重点县建设资金绩效考评量化指标表.
  const text =
    '考查改善农业生产条件的5项预期效益指标的完成情况,按实现程度计分。其中:提高灌溉水利用系数2分、新增和改善节水灌溉面积2分、新增和改善高效节水灌溉面积2分、提高圩区防洪除涝能力2分、建立完善小型农田水利设施运行管理维护机制2分,每完成1项取得该项分数,未完成项不得分。';
  const xnsh = items('11、改善农业生产条件', text, 10)!;

  test('each listed item is worth its points', () => {
    expect(rows(xnsh)).toEqual([
      ['award', '提高灌溉水利用系数', '2'],
      ['award', '新增和改善节水灌溉面积', '2'],
      ['award', '新增和改善高效节水灌溉面积', '2'],
      ['award', '提高圩区防洪除涝能力', '2'],
      ['award', '建立完善小型农田水利设施运行管理维护机制', '2'],
    ]);
    expect(xnsh.total!.toString()).toBe('10');
    expect(xnsh.mismatch).toBeUndefined();
  });

  test('scored from judgements: the points of the items met', () => {
    const out = judge(xnsh, ['符合', '符合', '不符合', '符合', '符合'], 10);
    expect(out.score!.toString()).toBe('8');
    expect(out.trace).toBe('不符合“新增和改善高效节水灌溉面积”，扣2分；共扣2分，得8分');
    expect(judge(xnsh, ['不符合', '不符合', '不符合', '符合', '不符合'], 10).score!.toString()).toBe('2');
  });

  test('points that do not make the max are kept and reported', () => {
    const x = items('改善农业生产条件', text, 12)!;
    expect(x.items.map((i) => i.points.toString())).toEqual(['2', '2', '2', '2', '2']);
    expect(x.mismatch).toBe('评分要点分值（2分、2分、2分、2分、2分）合计10分，与指标分值12分不一致');
    // All met gives the items' 10, not the max's 12.
    expect(judge(x, ['符合', '符合', '符合', '符合', '符合'], 12).score!.toString()).toBe('10');
  });

  test('no list: a count the text announces that is not the list’s, bands, other points or deductions', () => {
    expect(items('x', text.replace('5项', '4项'), 10)).toBeNull();
    expect(extractItems(judgementRule('按完成情况计分。其中:完成率90%以上2分、完成率80%以上1分'), d(2))).toBeNull();
    expect(extractItems(judgementRule('其中:资料齐全2分、手续完备2分,未按时报送的另扣1分'), d(4))).toBeNull();
    expect(extractItems(judgementRule('按完成情况得4分。其中:资料齐全2分、手续完备2分'), d(4))).toBeNull();
    expect(extractItems(judgementRule('其中:资料齐全2分'), d(2))).toBeNull();
  });
});

describe('questions each followed by its points', () => {
  // gdzc-05: 固定资产使用效益考核细则, 档案管理 (one question and its points per row).
  const text =
    '是否有部门固定资产台账及低值设备台账? 2\n验收单、调拨单、处置单、质量验收报告是否按月整理归档? 2\n资产设备是否按规定粘贴资产标签? 2\n10万元以上设备材料是否齐全? 2\n各种资产的使用说明书是否收集归档? 2';

  test('each question is an item worth the number after it', () => {
    const x = items('档案管理', text, 10)!;
    expect(rows(x)).toEqual([
      ['award', '是否有部门固定资产台账及低值设备台账', '2'],
      ['award', '验收单、调拨单、处置单、质量验收报告是否按月整理归档', '2'],
      ['award', '资产设备是否按规定粘贴资产标签', '2'],
      ['award', '10万元以上设备材料是否齐全', '2'],
      ['award', '各种资产的使用说明书是否收集归档', '2'],
    ]);
    expect(judge(x, ['符合', '不符合', '符合', '符合', '不符合'], 10).score!.toString()).toBe('6');
    const partial = judge(x, ['符合', 1, '不符合', '符合', '符合'], 10);
    expect(partial.score!.toString()).toBe('7');
    expect(partial.trace).toBe(
      '“验收单、调拨单、处置单、质量验收报告是否按月整理归档”部分符合，扣1分；不符合“资产设备是否按规定粘贴资产标签”，扣2分；共扣3分，得7分',
    );
  });

  test('bare numbers are points only when they make the max; with 分 written they are points anyway', () => {
    expect(items('档案管理', text, 12)).toBeNull();
    expect(items('档案管理', text, 8)).toBeNull();
    const written = items('档案管理', text.replace(/\? 2/g, '? 2分'), 12)!;
    expect(written.items).toHaveLength(5);
    expect(written.mismatch).toBe('评分要点分值（2分、2分、2分、2分、2分）合计10分，与指标分值12分不一致');
  });

  test('a question without points, or words after the last points: no list', () => {
    expect(items('档案管理', text.replace('? 2\n验收单', '?\n验收单'), 10)).toBeNull();
    expect(items('档案管理', `${text}\n每发现一处问题扣1分`, 10)).toBeNull();
  });
});

describe('items named in the indicator name, a deduction per missing item', () => {
  // as-cz-2: 滁州市2008年度勞動保障信訪工作考核自評表(二).
  const name = '掛有信訪工作機構牌子,有 2 名以上專兼職接待人員';

  test('each named item is worth the deduction when the items times it make the max', () => {
    const x = items(name, '缺一項扣 2 分', 4)!;
    expect(rows(x)).toEqual([
      ['award', '掛有信訪工作機構牌子', '2'],
      ['award', '有 2 名以上專兼職接待人員', '2'],
    ]);
    expect(judge(x, ['符合', '不符合'], 4).score!.toString()).toBe('2');
    expect(judge(x, ['不符合', '不符合'], 4).score!.toString()).toBe('0');
    expect(items('1、制度健全、执行有力、档案完整', '每缺少1项扣1分,扣完为止。', 3)!.items.map((i) => i.label)).toEqual(['制度健全', '执行有力', '档案完整']);
  });

  test('items times the deduction must make the max exactly', () => {
    expect(items(name, '缺一項扣 2 分', 5)).toBeNull();
    expect(items(name, '缺一項扣 2 分', 3)).toBeNull();
    expect(items(name, '缺一項扣 1 分', 4)).toBeNull();
  });

  test('a text that says more than the deduction, or a name that lists nothing: no items', () => {
    expect(items(name, '缺一項扣 2 分,材料不全扣1分', 4)).toBeNull();
    expect(items('信访工作机构', '缺一项扣2分', 2)).toBeNull();
  });
});

describe('a numbered list of requirements, a deduction per defect', () => {
  // yyglj-09: 岳阳市部门整体支出绩效评价评分表（单位自评）, 资金使用合规性.
  const text =
    '①支出符合国家财经法规和财务管理制度规定以及有关专项资金管理办法的规定;\n②资金拨付有完整的审批程序和手续;\n③项目支出按规定经过评估论证;\n④支出符合部门预算批复的用途;\n⑤资金使用无截留、挤占、挪用、虚列支出等情况。\n以上情况每出现一例不符合要求的扣1分,扣完为止。';
  const x = items('资金使用合规性', text, 3)!;

  test('each requirement is a deduction of the per-defect amount', () => {
    expect(rows(x)).toEqual([
      ['deduct', '支出符合国家财经法规和财务管理制度规定以及有关专项资金管理办法的规定', '1'],
      ['deduct', '资金拨付有完整的审批程序和手续', '1'],
      ['deduct', '项目支出按规定经过评估论证', '1'],
      ['deduct', '支出符合部门预算批复的用途', '1'],
      ['deduct', '资金使用无截留、挤占、挪用、虚列支出等情况', '1'],
    ]);
    expect(x.total).toBeNull();
    expect(x.perDefect!.toString()).toBe('1');
    expect(x.mismatch).toBeUndefined();
  });

  test('scored from the max down; the 扣分说明 names the requirements not met; floored at 0', () => {
    const out = judge(x, ['符合', '不符合', '符合', '符合', '不符合'], 3);
    expect(out.score!.toString()).toBe('1');
    expect(out.trace).toBe('不符合“资金拨付有完整的审批程序和手续”，扣1分；不符合“资金使用无截留、挤占、挪用、虚列支出等情况”，扣1分；共扣2分，得1分');
    expect(judge(x, ['符合', '符合', '符合', '符合', '符合'], 3).score!.toString()).toBe('3');
    expect(judge(x, ['不符合', '不符合', '不符合', '符合', '符合'], 3).score!.toString()).toBe('0');
    expect(judge(x, ['不符合', '不符合', '不符合', '不符合', '不符合'], 3).score!.toString()).toBe('0');
  });

  test('a typed score must be whole deductions from the max', () => {
    expect(isReachable(x, d(3), d(2))).toBe(true);
    expect(isReachable(x, d(3), d(0))).toBe(true);
    expect(isReachable(x, d(3), d('1.5'))).toBe(false);
  });

  test('no list: a zeroing condition, points of its own, another clause after the deduction, no 以上', () => {
    expect(items('x', text.replace('扣完为止。', '扣完为止。若存在重大违规问题则该指标得0分。'), 3)).toBeNull();
    expect(items('x', text.replace('②资金拨付有完整的审批程序和手续;', '②资金拨付有完整的审批程序和手续(1分);'), 3)).toBeNull();
    expect(items('x', text.replace('扣完为止。', '扣完为止,未按时报送的扣2分。'), 3)).toBeNull();
    expect(items('x', text.replace('以上情况每出现', '每出现'), 3)).toBeNull();
    // Numbers out of order: a number inside an item, not a list of its own.
    expect(items('x', text.replace('④', '⑥'), 3)).toBeNull();
  });

  test('1. 2. 3. numbering reads the same', () => {
    const numbered = '1.会计凭证装订成册; 2.账簿按规定登记; 3.报表按时报送。上述内容每发现一处不符合的扣0.5分,扣完为止。';
    const y = items('会计基础工作', numbered, 1)!;
    expect(rows(y)).toEqual([
      ['deduct', '会计凭证装订成册', '0.5'],
      ['deduct', '账簿按规定登记', '0.5'],
      ['deduct', '报表按时报送', '0.5'],
    ]);
    expect(judge(y, ['符合', '不符合', '符合'], 1).score!.toString()).toBe('0.5');
  });
});
