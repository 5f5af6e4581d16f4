/**
 * Checklists judged by the evaluator, scored by the engine: items from the
 * rule texts (the seeds' real checklists and other wordings), scores and
 * 扣分说明 from judgements, the reachability check on typed scores.
 */
import { Decimal } from '../../src/engine/decimal';
import { scoreWorkbook, type ItemJudgement } from '../../src/engine';
import { extractItems, isReachable, judgeChecklist } from '../../src/engine/checklist';
import { deductionItems, textItems } from '../../src/engine/checklist/items';
import { parseRule } from '../../src/engine/rules';
import type { JudgementRule } from '../../src/engine/rules/types';
import { sheetFromRows, type CellScalar, type WorkbookSnapshot } from '../../src/engine/snapshot';
import { HAIKOU, LVLIANG, QIXIA, type SeedRule } from './rules/seedRules';

const d = (v: string | number) => new Decimal(v);
const seedItems = (s: SeedRule) => extractItems(parseRule(s.text, { name: s.name, max: d(s.max), context: s.context }), d(s.max));
const judgementRule = (text: string): JudgementRule => ({ kind: 'judgement', text, subject: '', statedFull: null, reason: 'test' });
const pts = (x: ReturnType<typeof extractItems>) => x!.items.map((i) => i.points.toString());
const where = { sheet: 'S', cell: 'H3' };

describe('item extraction', () => {
  test('seed checklists: ①…得0.5分 (000 立项依据充分性), 1.…(1.5分) (003 绩效目标合理性), 是得…否则不得分 (001)', () => {
    const haikou = seedItems(HAIKOU['立项依据充分性'])!;
    expect(haikou.mode).toBe('sum');
    expect(pts(haikou)).toEqual(['0.5', '0.5', '0.5', '0.5']);
    expect(haikou.items[0]).toMatchObject({ seq: 1, kind: 'award', label: '项目立项符合国家法律法规、国民经济发展规划和相关政策' });
    expect(haikou.total!.toString()).toBe('2');
    expect(haikou.mismatch).toBeUndefined();

    const qixia = seedItems(QIXIA['绩效目标合理性'])!;
    expect(qixia.items.map((i) => [i.seq, i.label, i.points.toString()])).toEqual([
      [1, '项目是否设有绩效目标', '1'],
      [2, '绩效目标与实际工作内容具有相关性', '1.5'],
      [3, '绩效目标是否充分，覆盖主要职责', '1.5'],
    ]);
    expect(pts(seedItems(LVLIANG['立项程序规范性']))).toEqual(['2', '2', '1']);
    // A per-defect deduction is kept as such, not an item to judge.
    const perDefect = seedItems(HAIKOU['项目管理制度健全性'])!;
    expect(pts(perDefect)).toEqual(['1', '1']);
    expect(perDefect.perDefect!.toString()).toBe('0.2');
  });

  test('every seed checklist adds up to its max', () => {
    for (const set of [HAIKOU, LVLIANG, QIXIA]) {
      for (const s of Object.values(set)) {
        const items = seedItems(s);
        if (!items) continue;
        expect({ name: s.name, total: items.total?.toString() }).toEqual({ name: s.name, total: s.max });
      }
    }
  });

  test('formulas, bands and per-occurrence rules have no items', () => {
    expect(seedItems(HAIKOU['12345热线接通率'])).toBeNull();
    expect(seedItems(HAIKOU['社会大众满意率'])).toBeNull();
    expect(seedItems(QIXIA['服务时间'])).toBeNull();
    expect(seedItems(HAIKOU['项目与资金支持领域的匹配性'])).toBeNull();
  });

  test('wordings read from the text when the parser leaves it to judgement', () => {
    const a = extractItems(judgementRule('目标明确（1分），目标细化（1分），目标量化（2分）'), d(4))!;
    expect(a.items.map((i) => [i.label, i.points.toString()])).toEqual([
      ['目标明确', '1'],
      ['目标细化', '1'],
      ['目标量化', '2'],
    ]);
    expect(textItems('1.制定了中长期实施规划(2分) 2.规划经过审批(1分)').map((i) => [i.label, i.points.toString()])).toEqual([
      ['制定了中长期实施规划', '2'],
      ['规划经过审批', '1'],
    ]);
    expect(textItems('①项目有实施方案，得1分；②实施方案经过论证，得2分').map((i) => [i.label, i.points.toString()])).toEqual([
      ['项目有实施方案', '1'],
      ['实施方案经过论证', '2'],
    ]);
    const range = extractItems(judgementRule('存在违规使用资金的扣2-5分'), d(5))!;
    expect(range.items).toHaveLength(1);
    expect(range.items[0]).toMatchObject({ kind: 'deduct', label: '存在违规使用资金' });
    expect([range.items[0].minPoints!.toString(), range.items[0].points.toString()]).toEqual(['2', '5']);
    expect(range.total).toBeNull();
    expect(range.mismatch).toBeUndefined();
    // Per-unit deductions are not ranges to choose in.
    expect(deductionItems('每发现一处不符合要求的，扣0.2分')).toEqual([]);
  });

  test('a grade rule is one pick-one set', () => {
    const g = extractItems(parseRule('按优6分、良4分、中2分、差1分', { max: d(6) }), d(6))!;
    expect(g.mode).toBe('pickOne');
    expect(g.items.map((i) => [i.label, i.kind, i.points.toString()])).toEqual([
      ['优', 'option', '6'],
      ['良', 'option', '4'],
      ['中', 'option', '2'],
      ['差', 'option', '1'],
    ]);
  });

  test('points that do not add up to the max are reported, never adjusted', () => {
    const x = extractItems(judgementRule('目标明确（1分），目标细化（1分），目标量化（2分）'), d(5))!;
    expect(pts(x)).toEqual(['1', '1', '2']);
    expect(x.mismatch).toBe('评分要点分值（1分、1分、2分）合计4分，与指标分值5分不一致');
    expect(extractItems(judgementRule('存在违规使用资金的扣2-8分'), d(5))!.mismatch).toMatch(/最多扣8分，超过指标分值5分/);
  });
});

describe('scoring from judgements', () => {
  const plan = extractItems(judgementRule('根据需要制定中长期实施规划（1分），规划内容完整（1分），规划经过审批（2分）'), d(4))!;
  const j = (seq: number, verdict: ItemJudgement['verdict'], extra: Partial<ItemJudgement> = {}): ItemJudgement => ({ path: ['x'], seq, verdict, ...extra });

  test('all items judged: the sum of awarded points, the 扣分说明 from the unmet and partial items', () => {
    const out = judgeChecklist(
      '实施规划',
      plan,
      [j(1, 'unmet', { reason: '未根据需要制定中长期实施规划' }), j(2, 'met'), j(3, 'partial', { points: '1.5', reason: '审批手续不全' })],
      d(4),
      where,
    );
    expect(out.complete).toBe(true);
    expect(out.score!.toString()).toBe('2.5');
    expect(out.trace).toBe('未根据需要制定中长期实施规划，扣1分；“规划经过审批”部分符合，扣0.5分（审批手续不全）；共扣1.5分，得2.5分');
    expect(out.findings).toEqual([]);
  });

  test('all met gives full marks; an unmet item without a reason names the item', () => {
    expect(judgeChecklist('x', plan, [j(1, 'met'), j(2, 'met'), j(3, 'met')], d(4), where).trace).toBe('逐项判断：3项均符合，得满分4分');
    expect(judgeChecklist('x', plan, [j(1, 'met'), j(2, 'unmet'), j(3, 'met')], d(4), where).trace).toBe('不符合“规划内容完整”，扣1分；共扣1分，得3分');
  });

  test('some items judged: pending, naming the items still to judge; later judgements win', () => {
    const out = judgeChecklist('x', plan, [j(1, 'unmet'), j(1, 'met')], d(4), where);
    expect(out.complete).toBe(false);
    expect(out.score).toBeNull();
    expect(out.judged[0].verdict).toBe('met');
    expect(out.pending).toBe('逐项评分未完成，待判断：2.规划内容完整；3.规划经过审批');
  });

  test('部分 needs points within the item; otherwise a finding and the item stays open', () => {
    const missing = judgeChecklist('x', plan, [j(1, 'met'), j(2, 'met'), j(3, 'partial')], d(4), where);
    expect(missing.complete).toBe(false);
    expect(missing.findings.map((f) => f.code)).toEqual(['CHECKLIST_POINTS_MISSING']);
    const over = judgeChecklist('x', plan, [j(1, 'met'), j(2, 'met'), j(3, 'partial', { points: 3 })], d(4), where);
    expect(over.complete).toBe(false);
    expect(over.findings[0]).toMatchObject({ code: 'CHECKLIST_POINTS_OUT_OF_RANGE', sheet: 'S', cell: 'H3' });
  });

  test('a judgement for an item since reworded is not applied', () => {
    const out = judgeChecklist('x', plan, [j(1, 'met', { label: '别的要点' })], d(4), where);
    expect(out.any).toBe(false);
    expect(out.findings.map((f) => f.code)).toEqual(['CHECKLIST_ITEM_CHANGED']);
  });

  test('a deduction range: the evaluator chooses within it', () => {
    const range = extractItems(judgementRule('存在违规使用资金的扣2-5分'), d(5))!;
    const ok = judgeChecklist('x', range, [j(1, 'unmet', { points: 3, reason: '存在违规列支会议费' })], d(5), where);
    expect(ok.score!.toString()).toBe('2');
    expect(ok.trace).toBe('存在违规列支会议费，扣3分；共扣3分，得2分');
    expect(judgeChecklist('x', range, [j(1, 'met')], d(5), where).score!.toString()).toBe('5');
    const out = judgeChecklist('x', range, [j(1, 'unmet', { points: 1 })], d(5), where);
    expect(out.complete).toBe(false);
    expect(out.findings[0].code).toBe('CHECKLIST_POINTS_OUT_OF_RANGE');
  });

  test('a grade rule: the chosen grade', () => {
    const g = extractItems(parseRule('按优6分、良4分、中2分、差1分', { max: d(6) }), d(6))!;
    const out = judgeChecklist('x', g, [j(2, 'met', { reason: '资料基本齐全' })], d(6), where);
    expect(out.score!.toString()).toBe('4');
    expect(out.trace).toBe('评定为良，得4分（资料基本齐全）');
  });
});

describe('reachability of a typed score', () => {
  const items = extractItems(judgementRule('目标明确（1分），目标细化（1分），目标量化（2分）'), d(4))!;
  test('2.5 cannot come from items of 1/1/2; 3 and 0 can', () => {
    expect(isReachable(items, d(4), d('2.5'))).toBe(false);
    expect(isReachable(items, d(4), d(3))).toBe(true);
    expect(isReachable(items, d(4), d(0))).toBe(true);
  });
  test('a per-defect deduction and a deduction range widen what is reachable', () => {
    const perDefect = seedItems(HAIKOU['项目管理制度健全性'])!;
    expect(isReachable(perDefect, d(2), d('1.6'))).toBe(true);
    expect(isReachable(perDefect, d(2), d('1.5'))).toBe(false);
    const range = extractItems(judgementRule('存在违规使用资金的扣2-5分'), d(5))!;
    expect(isReachable(range, d(5), d('2.5'))).toBe(true);
    expect(isReachable(range, d(5), d(4))).toBe(false);
  });
});

/** A small indicator sheet: three checklist indicators and one formula. */
function workbook(rows: { name: string; max: number; rule: string; evidence?: string; note?: string; score?: CellScalar }[]): WorkbookSnapshot {
  const header: CellScalar[] = ['一级指标', '二级指标', '三级指标', '分值', '评分标准', '评价依据', '扣分说明', '得分'];
  const body = rows.map((r): CellScalar[] => ['决策', '项目立项', r.name, r.max, r.rule, r.evidence ?? null, r.note ?? null, r.score ?? null]);
  return { sheets: [sheetFromRows('附件1 评分表', [['附件1 绩效评价指标评分表'], header, ...body])] };
}

const RULES = {
  plan: { name: '实施规划', max: 4, rule: '根据需要制定中长期实施规划（1分），规划内容完整（1分），规划经过审批（2分）' },
  goals: { name: '目标设置', max: 4, rule: '目标明确（1分），目标细化（1分），目标量化（2分）' },
  basis: { name: '立项依据充分性', max: 2, rule: HAIKOU['立项依据充分性'].text },
};

describe('the engine with judgements', () => {
  const path = ['决策', '项目立项', '实施规划'];

  test('complete judgements from the pane: score computed, 扣分说明 written, items reported', () => {
    const run = scoreWorkbook(workbook([RULES.plan, RULES.basis]), {
      judgements: [
        { path, seq: 1, verdict: 'unmet', reason: '未根据需要制定中长期实施规划' },
        { path, seq: 2, verdict: 'met' },
        { path, seq: 3, verdict: 'met' },
      ],
    });
    expect(run.ok).toBe(true);
    const leaf = run.report!.indicators.find((i) => i.path[2] === '实施规划')!;
    expect(leaf).toMatchObject({ source: 'computed', score: 3, deduction: 1, note: '未根据需要制定中长期实施规划，扣1分；共扣1分，得3分' });
    expect(leaf.items!.map((i) => [i.seq, i.verdict, i.awarded])).toEqual([
      [1, 'unmet', 0],
      [2, 'met', 1],
      [3, 'met', 2],
    ]);
    // Unjudged indicators stay the evaluator's: pending, never made up.
    const basis = run.report!.indicators.find((i) => i.path[2] === '立项依据充分性')!;
    expect(basis.source).toBe('pending');
    expect(basis.items).toHaveLength(4);
    const edit = run.patch.ops.find((o) => o.kind === 'edit' && o.sheet === '附件1 评分表');
    expect(edit && edit.kind === 'edit' && edit.cells.filter((c) => c.row === 3).map((c) => [c.col, c.value])).toEqual(
      expect.arrayContaining([
        [8, 3],
        [7, '未根据需要制定中长期实施规划，扣1分；共扣1分，得3分'],
      ]),
    );
  });

  test('some items judged: pending, the finding names the items still to judge', () => {
    const run = scoreWorkbook(workbook([RULES.plan]), { judgements: [{ path: ['实施规划'], seq: 2, verdict: 'met' }], writeBack: false });
    const leaf = run.report!.indicators[0];
    expect(leaf.source).toBe('pending');
    expect(leaf.score).toBeNull();
    const pending = run.findings.find((f) => f.code === 'SCORE_PENDING')!;
    expect(pending.message).toBe('“实施规划”待评分：逐项评分未完成，待判断：1.根据需要制定中长期实施规划；3.规划经过审批');
    expect(pending.cell).toBe('H3');
  });

  test('a typed score the items cannot give is a warning at the score cell', () => {
    const run = scoreWorkbook(workbook([{ ...RULES.goals, score: 2.5, note: '目标量化不足' }]), { writeBack: false });
    const f = run.findings.find((x) => x.code === 'CHECKLIST_SCORE_UNREACHABLE')!;
    expect(f).toMatchObject({ severity: 'warning', sheet: '附件1 评分表', cell: 'H3', actual: '2.5' });
    expect(run.report!.indicators[0]).toMatchObject({ source: 'entered', score: 2.5 });
    const fine = scoreWorkbook(workbook([{ ...RULES.goals, score: 3, note: '目标不够明确' }]), { writeBack: false });
    expect(fine.findings.map((x) => x.code)).not.toContain('CHECKLIST_SCORE_UNREACHABLE');
  });

  test('the evidence column explaining a deduction counts as the 扣分说明', () => {
    const evidence = '绩效目标基本合理，缺少量化的指标。';
    const explained = scoreWorkbook(workbook([{ ...RULES.goals, score: 2, evidence }]), { writeBack: false });
    expect(explained.findings.map((x) => x.code)).not.toContain('DEDUCTION_NOTE_MISSING');
    expect(explained.report!.indicators[0].note).toBe(evidence);
    const bare = scoreWorkbook(workbook([{ ...RULES.goals, score: 2 }]), { writeBack: false });
    expect(bare.findings.map((x) => x.code)).toContain('DEDUCTION_NOTE_MISSING');
  });

  test('judgements that disagree with a typed score keep the score and say so', () => {
    const run = scoreWorkbook(workbook([{ ...RULES.goals, score: 4 }]), {
      judgements: [1, 2, 3].map((seq) => ({ path: ['目标设置'], seq, verdict: seq === 3 ? ('unmet' as const) : ('met' as const) })),
      writeBack: false,
    });
    expect(run.report!.indicators[0]).toMatchObject({ source: 'entered', score: 4 });
    expect(run.findings.find((f) => f.code === 'CHECKLIST_SCORE_DIFFERS')).toMatchObject({ cell: 'H3', expected: '2', actual: '4' });
  });

  test('item points that do not add up to the max: a finding at the rule cell', () => {
    const run = scoreWorkbook(workbook([{ ...RULES.goals, max: 5 }]), { writeBack: false });
    expect(run.findings.find((f) => f.code === 'CHECKLIST_POINTS_MISMATCH' || f.code === 'RULE_FULL_MARK_MISMATCH')).toMatchObject({ cell: 'E3' });
  });
});

describe('items scored at the evaluator’s discretion (酌情扣分)', () => {
  // Sichuan Daying county 2021 target table, 目标制定 (test/engine/rules/corpus/dept.json scdy-03).
  const text = '1.绩效目标编制要素完整的,得5分,否则酌情扣分。 2.绩效指标细化量化的,得5分,否则酌情扣分。';
  const max = new Decimal(10);
  const items = extractItems(parseRule(text, { name: '目标制定', max }), max)!;
  const at = { sheet: '评分表', cell: 'H3' };

  test('不符合 without the points kept is not scored as 0', () => {
    const out = judgeChecklist(
      '目标制定',
      items,
      [
        { path: ['目标制定'], seq: 1, verdict: 'met' },
        { path: ['目标制定'], seq: 2, verdict: 'unmet' },
      ],
      max,
      at,
    );
    expect(out.complete).toBe(false);
    expect(out.score).toBeNull();
    expect(out.findings.map((f) => f.code)).toContain('CHECKLIST_POINTS_MISSING');
  });

  test('不符合 with the points kept gives them', () => {
    const out = judgeChecklist(
      '目标制定',
      items,
      [
        { path: ['目标制定'], seq: 1, verdict: 'met' },
        { path: ['目标制定'], seq: 2, verdict: 'unmet', points: '2' },
      ],
      max,
      at,
    );
    expect(out.score?.toString()).toBe('7');
  });
});

describe('failing conditions with fixed deductions are items', () => {
  // 机械工业部 决算 assessment, 报表装订 (test/engine/rules/corpus/dept.json jxjs-03).
  const text = '报表装订整齐、顺序正确、纸张大小符合规定的得5分。未装订或装订不整齐扣2分,装订顺序不正确扣1分,纸张大小不符合规定扣2分。';
  const max = new Decimal(5);
  const items = extractItems(parseRule(text, { name: '报表装订', max }), max)!;

  test('each condition is a deduction item', () => {
    expect(items.items.map((i) => [i.kind, i.label, i.points.toString()])).toEqual([
      ['deduct', '未装订或装订不整齐', '2'],
      ['deduct', '装订顺序不正确', '1'],
      ['deduct', '纸张大小不符合规定', '2'],
    ]);
  });

  test('judged: the deductions of the unmet items', () => {
    const at = { sheet: '评分表', cell: 'H9' };
    const out = judgeChecklist(
      '报表装订',
      items,
      [1, 2, 3].map((seq) => ({ path: ['报表装订'], seq, verdict: seq === 2 ? ('unmet' as const) : ('met' as const) })),
      max,
      at,
    );
    expect(out.score?.toString()).toBe('4');
  });
});

describe('items named with the full mark, then a deduction per missing item', () => {
  // as-ta-2 (test/engine/rules/corpus/assess.json): four items, 0.25 each, 1 in all.
  const text = '成立机构,明确分工,有专人负责,纳入单位内部年度考核,记1分;少一项,扣0.25分。';
  const items = (max: string) => extractItems(parseRule(text, { name: '成立机构、明确分工', max: d(max) }), d(max));

  test('each item worth the deduction', () => {
    const x = items('1')!;
    expect(x.items.map((i) => i.label)).toEqual(['成立机构', '明确分工', '有专人负责', '纳入单位内部年度考核']);
    expect(pts(x)).toEqual(['0.25', '0.25', '0.25', '0.25']);
  });
  test('not a checklist when the full mark is not the max, or the items times the deduction do not make it', () => {
    expect(items('2')).toBeNull();
    const three = '成立机构,明确分工,有专人负责,记1分;少一项,扣0.25分。';
    expect(extractItems(parseRule(three, { name: 'x', max: d(1) }), d(1))).toBeNull();
  });
  test('judged item by item', () => {
    const x = items('1')!;
    const judged: ItemJudgement[] = [
      { path: ['x'], seq: 1, verdict: 'met', points: null },
      { path: ['x'], seq: 2, verdict: 'met', points: null },
      { path: ['x'], seq: 3, verdict: 'unmet', points: null },
      { path: ['x'], seq: 4, verdict: 'met', points: null },
    ];
    const out = judgeChecklist('x', x, judged, d(1), where);
    expect(out.score?.toString()).toBe('0.75');
  });
});
