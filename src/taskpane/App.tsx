/**
 * The task pane: one-click scoring with progress, total and grade, the
 * findings with "go to cell"; in a plain browser, the workbench (upload an
 * .xlsx, score it with the same engine, download the result).
 */
import {
  Button,
  Caption1,
  FluentProvider,
  Link,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Subtitle1,
  Subtitle2,
  tokens,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import { useCallback, useEffect, useReducer, useRef, useState, type Dispatch } from 'react';
import type { IndicatorOverride, ItemJudgement, ScoreOptions } from '../engine/options';
import type { ScoreReport } from '../engine/result';
import { overrideMatches } from '../engine/overrides';
import { ActionBar } from './components/ActionBar';
import { DetectionPanel } from './components/DetectionPanel';
import { FileDrop } from './components/FileDrop';
import { FindingsList } from './components/FindingsList';
import { IndicatorList } from './components/IndicatorList';
import { LanguageSelect } from './components/LanguageSelect';
import { OutcomeBanner } from './components/OutcomeBanner';
import { ReviewStatus, ReviewTable } from './components/ReviewTable';
import { ScoreSummary } from './components/ScoreSummary';
import { SheetPicker } from './components/SheetPicker';
import {
  scoredFileName,
  type Actions,
  type OfficeBackend,
  type OpenWorkbench,
  type ReviewWorkbooks,
  type RunOutcome,
  type RunPhase,
  type WorkbenchSession,
} from './backend';
import type { HostMode } from './host';
import { I18nProvider, initialLang, saveLang, useI18n, type Lang } from './i18n';
import { initialState, paneReducer, type PaneAction, type PaneState } from './state';
import { KeptCells, UndoConfirm } from './components/UndoConfirm';

const useStyles = makeStyles({
  root: {
    boxSizing: 'border-box',
    minHeight: '100vh',
    minWidth: '280px',
    padding: tokens.spacingHorizontalM,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  header: { display: 'flex', justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  flat: { margin: 0 },
});

export interface AppProps {
  mode: HostMode;
  office?: OfficeBackend;
  openWorkbench?: OpenWorkbench;
  /** Workbench: review several files chosen at once (审核汇总). */
  reviewWorkbooks?: ReviewWorkbooks;
  lang?: Lang;
  dark?: boolean;
}

/** How long a closed dialog stays mounted: longer than Fluent's exit transition (durationGentle, 250 ms). */
const DIALOG_CLOSE_MS = 400;
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** File → bytes; FileReader where Blob.arrayBuffer is missing (older webviews). */
function readFile(file: File): Promise<ArrayBuffer> {
  if (typeof file.arrayBuffer === 'function') return file.arrayBuffer();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error('读取文件失败'));
    reader.readAsArrayBuffer(file);
  });
}

function usePrefersDark(initial: boolean): boolean {
  const [dark, setDark] = useState(initial);
  useEffect(() => {
    if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return;
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    const on = (e: MediaQueryListEvent) => setDark(e.matches);
    mq.addEventListener?.('change', on);
    return () => mq.removeEventListener?.('change', on);
  }, []);
  return dark;
}

function Pane({
  mode,
  office,
  openWorkbench,
  reviewWorkbooks,
  state,
  dispatch,
  onLang,
}: AppProps & { state: PaneState; dispatch: Dispatch<PaneAction>; onLang: (l: Lang) => void }) {
  const { t } = useI18n();
  const s = useStyles();
  const { outcome, report, busy, session, corrections, indicatorSheet, judgements } = state;

  const show = useCallback((o: RunOutcome, fromRibbon: boolean, forced = false) => dispatch({ type: 'outcome', outcome: o, fromRibbon, forced }), [dispatch]);

  // Ribbon commands run in the same runtime and publish their outcome here.
  useEffect(() => office?.subscribe((o) => show(o, true)), [office, show]);

  // One object URL at a time: the previous one is revoked when it is replaced, and on unmount.
  useEffect(() => {
    const url = state.download;
    return () => {
      if (url && typeof URL.revokeObjectURL === 'function') URL.revokeObjectURL(url);
    };
  }, [state.download]);

  const actions: Actions | null = mode === 'office' ? (office ?? null) : session;
  const onPhase = (phase: RunPhase) => dispatch({ type: 'run/phase', phase });

  // Explicit arguments: a default parameter would turn "no sheet" back into the stale choice.
  const options = (list: IndicatorOverride[], sheet: string | undefined, judged: ItemJudgement[] = judgements): ScoreOptions => ({
    ...(sheet ? { indicatorSheet: sheet } : {}),
    ...(list.length ? { overrides: list } : {}),
    ...(judged.length ? { judgements: judged } : {}),
  });

  /** After a run that may have written: offer the workbook as it is now (workbench). */
  const offerDownload = async (o: RunOutcome) => {
    if (session && o.ok && o.cellsWritten > 0 && typeof URL.createObjectURL === 'function') {
      const bytes = await session.save();
      dispatch({ type: 'download', url: URL.createObjectURL(new Blob([bytes.slice().buffer], { type: XLSX_MIME })) });
    }
  };

  const run = async (which: 'score' | 'validate', writeResults = false) => {
    if (!actions || busy) return;
    // The download must match what the pane shows: no file while a run is under way.
    dispatch({ type: 'run/start', clearDownload: true });
    try {
      const o =
        which === 'score'
          ? await actions.score(onPhase, options(corrections, indicatorSheet))
          : await actions.validate(onPhase, { indicatorSheet, writeResults });
      show(o, false);
      if (which === 'score' && o.ok) dispatch({ type: 'score/done', cellsWritten: o.cellsWritten });
      await offerDownload(o);
    } finally {
      dispatch({ type: 'run/end' });
    }
  };

  // The control that asked to undo: the focus goes back there when the question closes.
  const undoOpener = useRef<HTMLElement | null>(null);
  const refocus = () => setTimeout(() => undoOpener.current?.focus(), 0);
  // The question stays mounted (closed) a moment after it is answered, so the Dialog can close itself.
  const [confirmMounted, setConfirmMounted] = useState(false);
  useEffect(() => {
    if (state.undoConflicts) return setConfirmMounted(true);
    const timer = setTimeout(() => setConfirmMounted(false), DIALOG_CLOSE_MS);
    return () => clearTimeout(timer);
  }, [state.undoConflicts]);

  /** The undo itself: keep the cells changed by hand (default) or put them back too (`force`). */
  const undoNow = async (force: boolean) => {
    if (!actions) return;
    dispatch({ type: 'run/start', clearDownload: true });
    try {
      const o = await actions.undo(onPhase, force ? { force: true } : undefined);
      show(o, false, force);
      if (o.ok) dispatch({ type: 'undo/done' });
      await offerDownload(o);
    } finally {
      dispatch({ type: 'run/end' });
    }
  };

  /**
   * 撤销本次评分: a dry run first (undo deletes the record, so a forced undo cannot follow an
   * ordinary one). No cell changed by hand since the run: undo at once; otherwise ask.
   */
  const onUndo = async () => {
    if (!actions || busy) return;
    undoOpener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // Nothing changes yet: the download stays until the workbook does.
    dispatch({ type: 'run/start', clearDownload: false });
    let check: RunOutcome;
    try {
      check = await actions.undo(onPhase, { dryRun: true });
    } finally {
      dispatch({ type: 'run/end' });
    }
    if (!check.ok) return show(check, false);
    if (!check.preview) {
      // A backend without dry runs undid already (keeping the cells changed by hand).
      show(check, false);
      dispatch({ type: 'undo/done' });
      return offerDownload(check);
    }
    if (check.conflicts?.length) return dispatch({ type: 'undo/preview', conflicts: check.conflicts });
    await undoNow(false);
  };

  const rescore = async (list: IndicatorOverride[], sheet: string | undefined, judged: ItemJudgement[] = judgements) => {
    if (!actions || busy) return;
    dispatch({ type: 'preview/start', corrections: list, indicatorSheet: sheet, judgements: judged });
    try {
      show(await actions.preview(options(list, sheet, judged), onPhase), false);
    } finally {
      dispatch({ type: 'run/end' });
    }
  };

  /** A correction replaces an earlier one for the same indicator field by field. */
  const onCorrect = (o: IndicatorOverride) => {
    const same = (x: IndicatorOverride) => overrideMatches(x, o.path) && overrideMatches(o, x.path);
    const prev = corrections.find(same);
    void rescore([...corrections.filter((x) => !same(x)), { ...prev, ...o }], indicatorSheet);
  };

  /** Judgements replace earlier ones for the same item. */
  const onJudge = (list: ItemJudgement[]) => {
    const same = (a: ItemJudgement, b: ItemJudgement) => a.seq === b.seq && overrideMatches(a, b.path) && overrideMatches(b, a.path);
    void rescore(corrections, indicatorSheet, [...judgements.filter((x) => !list.some((y) => same(x, y))), ...list]);
  };

  const onPickSheet = (sheet: string) => void rescore([], sheet, []);

  // Detection failed: the evaluator names the sheet, and it is scored (as a preview) with it.
  const noSheet = !!outcome && !outcome.ok && outcome.findings.some((f) => f.code === 'NO_INDICATOR_SHEET' || f.code === 'AMBIGUOUS_INDICATOR_SHEET');
  const pickAndScore = (sheet: string) => rescore([], sheet, []);
  // One message per problem: the reason a run stopped is in the banner, not again in the list.
  const listed = outcome ? outcome.findings.filter((f) => outcome.ok || f.severity !== 'error' || !(outcome.error ?? '').includes(f.message)) : [];

  const onFile = async (file: File) => {
    if (!openWorkbench) return;
    dispatch({ type: 'load/start' });
    try {
      const opened = await openWorkbench(await readFile(file), file.name);
      dispatch({ type: 'load/done', session: opened });
    } catch (e) {
      dispatch({ type: 'load/failed', error: e instanceof Error ? e.message : String(e) });
    }
  };

  /** Several files at once: review them one after another (as `perf-eval review --score`), then offer 审核汇总.xlsx. */
  const onReview = async (files: File[]) => {
    if (!reviewWorkbooks) return;
    dispatch({ type: 'review/start', total: files.length });
    try {
      const inputs = files.map((f) => ({ name: f.name, read: () => readFile(f) }));
      const { rows, summary } = await reviewWorkbooks(inputs, (current) => dispatch({ type: 'review/progress', current }));
      const url = typeof URL.createObjectURL === 'function' ? URL.createObjectURL(new Blob([summary.slice().buffer], { type: XLSX_MIME })) : null;
      dispatch({ type: 'review/done', rows, url });
    } catch (e) {
      dispatch({ type: 'review/failed', error: t('reviewFailed', { reason: e instanceof Error ? e.message : String(e) }) });
    }
  };

  /** One file: open it as before; several: review them all. */
  const onFiles = (files: File[]) => void (files.length > 1 && reviewWorkbooks ? onReview(files) : onFile(files[0]));
  const reviewing = !!state.review && !state.review.rows;

  const onGoTo = office
    ? async (sheet: string, cell: string) => {
        dispatch({ type: 'goTo/error', error: await office.goToCell(sheet, cell) });
      }
    : undefined;

  return (
    <main className={s.root}>
      <header className={s.header}>
        <Subtitle1 as="h1" block className={s.flat}>
          {t('appTitle')}
        </Subtitle1>
        <LanguageSelect onChange={onLang} />
      </header>

      {mode === 'office' ? (
        <Caption1 as="p" block>
          {t('officeHint')}
        </Caption1>
      ) : (
        <section aria-label={t('workbenchTitle')} data-testid="workbench" className={s.section}>
          <Subtitle2 as="h2" block className={s.flat}>
            {t('workbenchTitle')}
          </Subtitle2>
          <Caption1 as="p" block className={s.flat}>
            {t('workbenchHint')}
          </Caption1>
          <FileDrop disabled={state.loading || busy || reviewing} onFiles={onFiles} />
          {state.loading && (
            <Caption1 as="p" block className={s.flat}>
              {t('loading')}
            </Caption1>
          )}
          {session && (
            <Caption1 as="p" block className={s.flat}>
              {t('loadedFile', { name: session.fileName })}
            </Caption1>
          )}
          {session && session.lostOnSave.length > 0 && (
            <MessageBar intent="warning" layout="multiline" data-testid="lost-on-save">
              <MessageBarBody>{t('lostOnSave', { parts: session.lostOnSave.join('、') })}</MessageBarBody>
            </MessageBar>
          )}
          {state.loadError && (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>{state.loadError}</MessageBarBody>
            </MessageBar>
          )}
          {/* Always mounted, so the progress and the outcome of a review are announced as they change. */}
          <div role="status" aria-live="polite" aria-atomic="true" data-testid="review-live" className={s.section}>
            <ReviewStatus review={state.review} />
          </div>
          {state.review?.rows && <ReviewTable rows={state.review.rows} download={state.download} />}
        </section>
      )}

      <ActionBar
        disabled={!actions}
        busy={busy}
        phase={state.phase}
        canUndo={state.canUndo}
        onScore={() => run('score')}
        onValidate={() => run('validate')}
        onUndo={() => void onUndo()}
      />

      {/* Outcomes are announced where they appear; the focus stays on the control that ran them. */}
      <div aria-live="polite" aria-atomic="true" data-testid="live" className={s.section}>
        {outcome && !(outcome.preview && outcome.ok) && <OutcomeBanner outcome={outcome} fromRibbon={state.fromRibbon} />}
      </div>
      {state.keptCells.length > 0 && <KeptCells cells={state.keptCells} />}
      {/* Mounted only while asking: a closed Fluent Dialog still sets up the focus manager's modal helpers. */}
      {/* Mounted until it has closed: a Dialog unmounted while open leaves aria-hidden on the rest of the pane. */}
      {confirmMounted && (
        <UndoConfirm
          conflicts={state.undoConflicts}
          onKeep={() => {
            refocus();
            void undoNow(false);
          }}
          onForce={() => {
            refocus();
            void undoNow(true);
          }}
          onCancel={() => {
            dispatch({ type: 'undo/cancel' });
            refocus();
          }}
        />
      )}
      {noSheet && session?.sheets && session.sheets.length > 0 && (
        <SheetPicker sheets={session.sheets} disabled={busy} onPick={(name) => void pickAndScore(name)} />
      )}
      {state.download && session && (
        <Link href={state.download} download={scoredFileName(session.fileName)} data-testid="download">
          {t('download')}
        </Link>
      )}
      {state.goToError && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{state.goToError}</MessageBarBody>
        </MessageBar>
      )}
      {outcome?.preview && (
        <MessageBar intent="warning" layout="multiline" data-testid="preview">
          <MessageBarBody>
            <MessageBarTitle>{t('preview')}</MessageBarTitle>
            {corrections.length > 0 ? `${t('corrections', { count: corrections.length })}。` : ''}
            {judgements.length > 0 ? `${t('judgementsPending', { count: judgements.length })}。` : ''}
            {t('previewHint')}
          </MessageBarBody>
          {(corrections.length > 0 || judgements.length > 0 || indicatorSheet) && (
            <MessageBarActions>
              <Button size="small" disabled={busy} onClick={() => void rescore([], undefined, [])}>
                {t('discard')}
              </Button>
            </MessageBarActions>
          )}
        </MessageBar>
      )}
      {report && <ScoreSummary report={report} />}
      {outcome && (listed.length > 0 || outcome.action === 'validate') && <FindingsList findings={listed} onGoTo={onGoTo} severity={state.severity} onSeverity={(severity) => dispatch({ type: 'filter/severity', severity })} />}
      {outcome?.action === 'validate' && outcome.ok && outcome.cellsWritten === 0 && outcome.findings.length > 0 && (
        <Button disabled={busy} onClick={() => void run('validate', true)}>
          {t('writeResults')}
        </Button>
      )}
      {report && (
        <IndicatorList
          indicators={report.indicators}
          onCorrect={actions ? onCorrect : undefined}
          onJudge={actions ? onJudge : undefined}
          disabled={busy}
          findings={report.findings}
          sheet={report.sheet}
          filter={state.indicatorFilter}
          search={state.indicatorSearch}
          onFilter={(filter) => dispatch({ type: 'filter/indicators', filter })}
          onSearch={(search) => dispatch({ type: 'filter/search', search })}
        />
      )}
      {report?.detection && <DetectionPanel detection={report.detection} onPickSheet={actions ? onPickSheet : undefined} disabled={busy} />}
    </main>
  );
}

export function App(props: AppProps) {
  const [state, dispatch] = useReducer(paneReducer, props, (p: AppProps) =>
    initialState({ mode: p.mode, lang: p.lang ?? initialLang(), last: p.office?.last() ?? null }),
  );
  const dark = usePrefersDark(props.dark ?? false);
  const { lang } = state;
  useEffect(() => {
    if (typeof document !== 'undefined') document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const onLang = (l: Lang) => {
    dispatch({ type: 'language', lang: l });
    saveLang(l);
  };
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme}>
      <I18nProvider lang={lang}>
        <Pane {...props} state={state} dispatch={dispatch} onLang={onLang} />
      </I18nProvider>
    </FluentProvider>
  );
}
