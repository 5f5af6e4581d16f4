/**
 * The task pane's state and every way it changes, as one reducer (App.tsx runs it with useReducer).
 * Side effects (calling the backend, object URLs, localStorage) stay in the component; the reducer
 * only says what the pane shows after each event.
 *
 * Events, in the order a session usually sees them:
 *
 * | action             | when                                                                 |
 * |--------------------|----------------------------------------------------------------------|
 * | `load/start`       | a file was chosen in the workbench; the previous workbook is forgotten |
 * | `load/done`        | the workbook opened (a session)                                       |
 * | `load/failed`      | it could not be opened (the Chinese reason)                           |
 * | `review/start`     | several files were chosen at once: review them; the open workbook is forgotten |
 * | `review/progress`  | reviewing file `current` of `total`                                   |
 * | `review/done`      | every file reviewed: the rows, and the 审核汇总.xlsx download           |
 * | `review/failed`    | the 审核汇总 workbook could not be built (the Chinese reason)           |
 * | `run/start`        | 一键评分 / 校验 / 撤销 / a preview began (`clearDownload`: the file is about to change) |
 * | `run/phase`        | the backend reports read / compute / write                            |
 * | `run/end`          | the call returned or threw: not busy any more                         |
 * | `outcome`          | a run's outcome (pane or ribbon): banner, report, kept cells          |
 * | `score/done`       | 一键评分 wrote: corrections and judgements are in the workbook now     |
 * | `preview/start`    | corrections, judgements or the indicator sheet changed: rescore them  |
 * | `undo/preview`     | the dry run of 撤销 found cells changed by hand: ask (conflicts)      |
 * | `undo/cancel`      | the evaluator closed that question: nothing happens                   |
 * | `undo/done`        | an undo wrote: nothing left to preview                                |
 * | `download`         | the scored workbook's object URL (or null: none offered)              |
 * | `goTo/error`       | 定位 failed (or null: it worked)                                       |
 * | `filter/*`         | the indicator list's filter and search, the findings' severity       |
 * | `language`         | 中文 / English                                                       |
 */
import type { Severity } from '../engine/findings';
import type { IndicatorOverride, ItemJudgement } from '../engine/options';
import type { ScoreReport } from '../engine/result';
import type { ReviewRow } from '../workbook/xlsx/reviewRow';
import type { RunOutcome, RunPhase, UndoConflict, WorkbenchSession } from './backend';
import type { HostMode } from './host';
import type { Lang } from './i18n';

/** The indicator list's quick filters: all, 只看扣分项, 待评分, 有问题 (a finding in its row). */
export type IndicatorFilter = 'all' | 'deducted' | 'pending' | 'problems';

/** Workbench: several files reviewed one after another (as the command line's `review --score`). */
export interface ReviewState {
  /** The file under review, from 1 (0: none started yet). */
  current: number;
  total: number;
  /** One row per file once all are reviewed; null while the review runs. */
  rows: ReviewRow[] | null;
}

export interface PaneState {
  lang: Lang;
  /** The last run's outcome shown in the banner (a dry-run undo never lands here). */
  outcome: RunOutcome | null;
  /** That outcome came from a ribbon command. */
  fromRibbon: boolean;
  /** The report on screen: kept across runs that have none (validate), cleared by undo. */
  report: ScoreReport | null;
  phase: RunPhase | null;
  busy: boolean;
  /** Workbench: the uploaded workbook. */
  session: WorkbenchSession | null;
  loading: boolean;
  loadError: string | null;
  /** Workbench: the review of several files (null: one workbook, or none). */
  review: ReviewState | null;
  /** Object URL of the scored workbook (or, after a review, of 审核汇总.xlsx) offered for download. */
  download: string | null;
  goToError: string | null;
  /** The evaluator's corrections, previewed until 一键评分 writes (and saves) them. */
  corrections: IndicatorOverride[];
  /** The indicator sheet the evaluator picked (undefined: the engine's guess). */
  indicatorSheet: string | undefined;
  /** Checklist judgements, previewed until 一键评分 writes them. */
  judgements: ItemJudgement[];
  /** 撤销 acts only on a workbook with a scoring to undo (Excel: unknown until asked, so true). */
  canUndo: boolean;
  /** Cells changed by hand since the run, while the pane asks how to undo over them. */
  undoConflicts: UndoConflict[] | null;
  /** After an undo that kept cells changed by hand: those cells. */
  keptCells: UndoConflict[];
  indicatorFilter: IndicatorFilter;
  indicatorSearch: string;
  /** The findings list's severity filter (null: all). */
  severity: Severity | null;
}

export type PaneAction =
  | { type: 'load/start' }
  | { type: 'load/done'; session: WorkbenchSession }
  | { type: 'load/failed'; error: string }
  | { type: 'review/start'; total: number }
  | { type: 'review/progress'; current: number }
  | { type: 'review/done'; rows: ReviewRow[]; url: string | null }
  | { type: 'review/failed'; error: string }
  | { type: 'run/start'; clearDownload: boolean }
  | { type: 'run/phase'; phase: RunPhase }
  | { type: 'run/end' }
  | { type: 'outcome'; outcome: RunOutcome; fromRibbon: boolean; forced?: boolean }
  | { type: 'score/done'; cellsWritten: number }
  | { type: 'preview/start'; corrections: IndicatorOverride[]; indicatorSheet: string | undefined; judgements: ItemJudgement[] }
  | { type: 'undo/preview'; conflicts: UndoConflict[] }
  | { type: 'undo/cancel' }
  | { type: 'undo/done' }
  | { type: 'download'; url: string | null }
  | { type: 'goTo/error'; error: string | null }
  | { type: 'filter/indicators'; filter: IndicatorFilter }
  | { type: 'filter/search'; search: string }
  | { type: 'filter/severity'; severity: Severity | null }
  | { type: 'language'; lang: Lang };

export interface InitOptions {
  mode: HostMode;
  lang: Lang;
  /** The outcome a ribbon command left before the pane opened. */
  last?: RunOutcome | null;
}

export function initialState({ mode, lang, last = null }: InitOptions): PaneState {
  const shown = last && !(last.action === 'undo' && last.preview) ? last : null;
  return {
    lang,
    outcome: shown,
    fromRibbon: !!shown,
    report: shown?.report ?? null,
    phase: null,
    busy: false,
    session: null,
    loading: false,
    loadError: null,
    review: null,
    download: null,
    goToError: null,
    corrections: [],
    indicatorSheet: undefined,
    judgements: [],
    canUndo: mode === 'office',
    undoConflicts: null,
    keptCells: shown ? keptBy(shown, false) : [],
    indicatorFilter: 'all',
    indicatorSearch: '',
    severity: null,
  };
}

/** What opening something new in the workbench forgets of the workbook before. */
const forgotten = {
  outcome: null,
  report: null,
  download: null,
  corrections: [],
  judgements: [],
  indicatorSheet: undefined,
  undoConflicts: null,
  keptCells: [],
} satisfies Partial<PaneState>;

/** The cells an undo left as the evaluator changed them (none when forced or not an undo). */
function keptBy(o: RunOutcome, forced: boolean): UndoConflict[] {
  return o.action === 'undo' && o.ok && !o.preview && !forced ? (o.conflicts ?? []) : [];
}

export function paneReducer(state: PaneState, action: PaneAction): PaneState {
  switch (action.type) {
    case 'load/start':
      return { ...state, ...forgotten, loading: true, loadError: null, review: null };
    case 'load/done':
      return { ...state, loading: false, session: action.session, canUndo: !!action.session.hasRecord };
    case 'load/failed':
      return { ...state, loading: false, session: null, canUndo: false, loadError: action.error };
    case 'review/start':
      // The pane shows the review only: no workbook is open for 一键评分 and the rest.
      return {
        ...state,
        ...forgotten,
        loading: false,
        loadError: null,
        session: null,
        canUndo: false,
        review: { current: 0, total: action.total, rows: null },
      };
    case 'review/progress':
      return state.review ? { ...state, review: { ...state.review, current: action.current } } : state;
    case 'review/done':
      return { ...state, review: { current: action.rows.length, total: action.rows.length, rows: action.rows }, download: action.url };
    case 'review/failed':
      return { ...state, review: null, download: null, loadError: action.error };
    case 'run/start':
      return { ...state, busy: true, phase: null, goToError: null, undoConflicts: null, ...(action.clearDownload ? { download: null } : {}) };
    case 'run/phase':
      return { ...state, phase: action.phase };
    case 'run/end':
      return { ...state, busy: false, phase: null };
    case 'outcome': {
      const o = action.outcome;
      // A dry-run undo writes nothing: it asks (when there is something to ask) and leaves the pane as it is.
      if (o.action === 'undo' && o.preview) return o.conflicts?.length ? { ...state, undoConflicts: o.conflicts } : state;
      return {
        ...state,
        outcome: o,
        fromRibbon: action.fromRibbon,
        report: o.report ? o.report : o.action === 'undo' && o.ok ? null : state.report,
        keptCells: keptBy(o, !!action.forced),
      };
    }
    case 'score/done':
      // Written into the workbook (and its 评分规则 sheet): nothing left to preview.
      return { ...state, corrections: [], judgements: [], canUndo: action.cellsWritten > 0 ? true : state.canUndo };
    case 'preview/start':
      return {
        ...state,
        corrections: action.corrections,
        indicatorSheet: action.indicatorSheet,
        judgements: action.judgements,
        busy: true,
        phase: null,
        // A preview is not in the file: no download offered until 一键评分 writes it.
        download: null,
      };
    case 'undo/preview':
      return { ...state, undoConflicts: action.conflicts };
    case 'undo/cancel':
      return { ...state, undoConflicts: null };
    case 'undo/done':
      // The workbench's record is gone with the undo; in Excel the record may come back (ribbon), so 撤销 stays.
      return { ...state, corrections: [], judgements: [], indicatorSheet: undefined, undoConflicts: null, canUndo: state.session ? false : state.canUndo };
    case 'download':
      return { ...state, download: action.url };
    case 'goTo/error':
      return { ...state, goToError: action.error };
    case 'filter/indicators':
      return { ...state, indicatorFilter: action.filter };
    case 'filter/search':
      return { ...state, indicatorSearch: action.search };
    case 'filter/severity':
      return { ...state, severity: action.severity };
    case 'language':
      return { ...state, lang: action.lang };
  }
}
