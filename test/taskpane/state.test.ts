/** The pane's reducer (src/taskpane/state.ts): each event and what the pane shows after it. */
import type { ScoreReport } from '../../src/engine/result';
import type { RunOutcome, UndoConflict, WorkbenchSession } from '../../src/taskpane/backend';
import { initialState, paneReducer, type PaneAction, type PaneState } from '../../src/taskpane/state';

const report = { sheet: '附件1', total: 85.6, grade: '良', groups: [], indicators: [], findings: [] } as unknown as ScoreReport;
const scored: RunOutcome = { action: 'score', ok: true, report, findings: [], notes: [], cellsWritten: 42 };
const conflict: UndoConflict = { sheet: '附件1', cell: 'H12', written: 4, now: 3.5, before: null };
const session = { fileName: 'a.xlsx', lostOnSave: [], hasRecord: true } as unknown as WorkbenchSession;

const run = (state: PaneState, ...actions: PaneAction[]) => actions.reduce(paneReducer, state);
const fresh = (over: Partial<PaneState> = {}) => ({ ...initialState({ mode: 'workbench', lang: 'zh' }), ...over });

describe('paneReducer', () => {
  it('starts empty; in Excel 撤销 is on and a ribbon outcome left before the pane opened is shown', () => {
    expect(fresh()).toMatchObject({ outcome: null, report: null, busy: false, canUndo: false, indicatorFilter: 'all', indicatorSearch: '' });
    const office = initialState({ mode: 'office', lang: 'en', last: scored });
    expect(office).toMatchObject({ lang: 'en', canUndo: true, outcome: scored, fromRibbon: true, report });
    // A dry run the ribbon never sends would not be shown as an outcome either.
    const dry: RunOutcome = { ...scored, action: 'undo', preview: true, report: null, conflicts: [conflict] };
    expect(initialState({ mode: 'office', lang: 'zh', last: dry })).toMatchObject({ outcome: null, fromRibbon: false });
  });

  it('loading a workbook forgets the previous one; failing names the reason', () => {
    const before = fresh({ outcome: scored, report, download: 'blob:1', corrections: [{ path: ['x'], actual: '1' }], indicatorSheet: 'S' });
    const started = paneReducer(before, { type: 'load/start' });
    expect(started).toMatchObject({ loading: true, outcome: null, report: null, download: null, corrections: [], indicatorSheet: undefined });
    expect(paneReducer(started, { type: 'load/done', session })).toMatchObject({ loading: false, session, canUndo: true });
    expect(paneReducer(started, { type: 'load/failed', error: '坏文件' })).toMatchObject({
      loading: false,
      session: null,
      canUndo: false,
      loadError: '坏文件',
    });
  });

  it('scoring: started (busy, no download), phases, done (report, corrections written), ended', () => {
    const s0 = fresh({ session, download: 'blob:1', goToError: '无法定位', corrections: [{ path: ['x'], actual: '1' }] });
    const started = paneReducer(s0, { type: 'run/start', clearDownload: true });
    expect(started).toMatchObject({ busy: true, phase: null, download: null, goToError: null });
    expect(paneReducer(started, { type: 'run/phase', phase: 'compute' }).phase).toBe('compute');
    const done = run(started, { type: 'outcome', outcome: scored, fromRibbon: false }, { type: 'score/done', cellsWritten: 42 }, { type: 'run/end' });
    expect(done).toMatchObject({ busy: false, phase: null, outcome: scored, report, corrections: [], judgements: [], canUndo: true });
  });

  it('a failed run shows why and keeps the report on screen', () => {
    const failed: RunOutcome = { action: 'score', ok: false, error: '工作表受保护', report: null, findings: [], notes: [], cellsWritten: 0 };
    const s = run(fresh({ report }), { type: 'run/start', clearDownload: true }, { type: 'outcome', outcome: failed, fromRibbon: false }, { type: 'run/end' });
    expect(s).toMatchObject({ outcome: failed, report, busy: false });
  });

  it('a preview keeps the corrections it rescored and offers no download', () => {
    const corrections = [{ path: ['话务接通率'], ruleText: '不低于90%得满分' }];
    const s = paneReducer(fresh({ download: 'blob:1' }), { type: 'preview/start', corrections, indicatorSheet: '附件1', judgements: [] });
    expect(s).toMatchObject({ busy: true, download: null, corrections, indicatorSheet: '附件1' });
  });

  it('validate keeps the report of the last scoring (its outcome has none)', () => {
    const validated: RunOutcome = { action: 'validate', ok: true, report: null, findings: [], notes: [], cellsWritten: 0 };
    expect(paneReducer(fresh({ report }), { type: 'outcome', outcome: validated, fromRibbon: false })).toMatchObject({ outcome: validated, report });
  });

  it('undo: a dry run with conflicts asks and clears nothing; cancel closes; keep lists the kept cells; force lists none', () => {
    const s0 = fresh({ session, report, outcome: scored, download: 'blob:1', canUndo: true });
    const dry: RunOutcome = { action: 'undo', ok: true, preview: true, report: null, findings: [], notes: [], cellsWritten: 0, conflicts: [conflict] };
    const asking = run(s0, { type: 'run/start', clearDownload: false }, { type: 'outcome', outcome: dry, fromRibbon: false }, { type: 'run/end' });
    expect(asking).toMatchObject({ undoConflicts: [conflict], report, outcome: scored, download: 'blob:1' });
    expect(paneReducer(asking, { type: 'undo/preview', conflicts: [conflict] }).undoConflicts).toEqual([conflict]);
    expect(paneReducer(asking, { type: 'undo/cancel' })).toMatchObject({ undoConflicts: null, report, outcome: scored });

    const undone: RunOutcome = { action: 'undo', ok: true, report: null, findings: [], notes: [], cellsWritten: 41, conflicts: [conflict] };
    const kept = run(asking, { type: 'run/start', clearDownload: true }, { type: 'outcome', outcome: undone, fromRibbon: false }, { type: 'undo/done' });
    expect(kept).toMatchObject({ undoConflicts: null, report: null, keptCells: [conflict], canUndo: false, download: null });
    const forced = run(asking, { type: 'outcome', outcome: undone, fromRibbon: false, forced: true }, { type: 'undo/done' });
    expect(forced.keptCells).toEqual([]);
    // The next run's outcome replaces the list.
    expect(paneReducer(kept, { type: 'outcome', outcome: scored, fromRibbon: false }).keptCells).toEqual([]);
    // A dry run without conflicts changes nothing.
    expect(paneReducer(s0, { type: 'outcome', outcome: { ...dry, conflicts: [] }, fromRibbon: false })).toBe(s0);
  });

  it('in Excel an undo leaves 撤销 on (the ribbon may score again)', () => {
    const s = paneReducer(initialState({ mode: 'office', lang: 'zh' }), { type: 'undo/done' });
    expect(s.canUndo).toBe(true);
  });

  it('filters, search, severity and language', () => {
    let s = paneReducer(fresh(), { type: 'filter/indicators', filter: 'deducted' });
    s = paneReducer(s, { type: 'filter/search', search: '接通' });
    s = paneReducer(s, { type: 'filter/severity', severity: 'error' });
    s = paneReducer(s, { type: 'language', lang: 'en' });
    expect(s).toMatchObject({ indicatorFilter: 'deducted', indicatorSearch: '接通', severity: 'error', lang: 'en' });
  });

  it('goTo errors and download URLs', () => {
    expect(paneReducer(fresh(), { type: 'goTo/error', error: '找不到工作表' }).goToError).toBe('找不到工作表');
    expect(paneReducer(fresh(), { type: 'download', url: 'blob:x' }).download).toBe('blob:x');
  });

  it('several files: the open workbook is forgotten, progress file by file, then the rows and 审核汇总.xlsx', () => {
    const rows = [
      { file: 'a.xlsx', project: 'A', sheet: '附件1', total: 85.6, grade: '良', errors: 0, warnings: 1, status: '有警告', findings: [], ms: 1 },
      { file: 'b.xlsx', project: 'b', sheet: null, total: null, grade: null, errors: 1, warnings: 0, status: '无法读取：坏文件', findings: [], ms: 0 },
    ];
    const before = fresh({
      session,
      canUndo: true,
      outcome: scored,
      report,
      download: 'blob:1',
      loadError: '坏文件',
      corrections: [{ path: ['x'], actual: '1' }],
    });
    const started = paneReducer(before, { type: 'review/start', total: 2 });
    expect(started).toMatchObject({
      session: null,
      canUndo: false,
      outcome: null,
      report: null,
      download: null,
      loadError: null,
      corrections: [],
      review: { current: 0, total: 2, rows: null },
    });
    const second = run(started, { type: 'review/progress', current: 1 }, { type: 'review/progress', current: 2 });
    expect(second.review).toEqual({ current: 2, total: 2, rows: null });
    const done = paneReducer(second, { type: 'review/done', rows, url: 'blob:review' });
    expect(done).toMatchObject({ review: { current: 2, total: 2, rows }, download: 'blob:review' });
    // Opening one workbook again leaves the review.
    expect(paneReducer(done, { type: 'load/start' })).toMatchObject({ review: null, download: null, loading: true });
    expect(paneReducer(second, { type: 'review/failed', error: '无法生成审核汇总' })).toMatchObject({ review: null, loadError: '无法生成审核汇总' });
    // Progress without a review under way changes nothing.
    const idle = fresh();
    expect(paneReducer(idle, { type: 'review/progress', current: 1 })).toBe(idle);
  });
});
