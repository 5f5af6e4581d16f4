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
import { useCallback, useEffect, useRef, useState } from 'react';
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
import { ScoreSummary } from './components/ScoreSummary';
import { SheetPicker } from './components/SheetPicker';
import { scoredFileName, type Actions, type OfficeBackend, type OpenWorkbench, type RunOutcome, type RunPhase, type WorkbenchSession } from './backend';
import type { HostMode } from './host';
import { I18nProvider, initialLang, saveLang, useI18n, type Lang } from './i18n';

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
  lang?: Lang;
  dark?: boolean;
}

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

function Pane({ mode, office, openWorkbench, onLang }: AppProps & { onLang: (l: Lang) => void }) {
  const { t } = useI18n();
  const s = useStyles();
  const [outcome, setOutcome] = useState<RunOutcome | null>(() => office?.last() ?? null);
  const [fromRibbon, setFromRibbon] = useState<boolean>(() => !!office?.last());
  const [report, setReport] = useState<ScoreReport | null>(() => office?.last()?.report ?? null);
  const [phase, setPhase] = useState<RunPhase | null>(null);
  const [busy, setBusy] = useState(false);
  const [session, setSession] = useState<WorkbenchSession | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [download, setDownload] = useState<string | null>(null);
  const [goToError, setGoToError] = useState<string | null>(null);
  const downloadRef = useRef<string | null>(null);
  // The evaluator's corrections, previewed until 一键评分 writes (and saves) them.
  const [corrections, setCorrections] = useState<IndicatorOverride[]>([]);
  const [indicatorSheet, setIndicatorSheet] = useState<string | undefined>(undefined);
  // Checklist judgements, previewed until 一键评分 writes them (score, 扣分说明, the 逐项评分 sheet).
  const [judgements, setJudgements] = useState<ItemJudgement[]>([]);
  // 撤销 acts only on a workbook with a scoring to undo (Excel: unknown until asked, so enabled).
  const [canUndo, setCanUndo] = useState<boolean>(mode === 'office');

  const show = useCallback((o: RunOutcome, ribbon: boolean) => {
    setOutcome(o);
    setFromRibbon(ribbon);
    if (o.report) setReport(o.report);
    else if (o.action === 'undo' && o.ok) setReport(null);
  }, []);

  // Ribbon commands run in the same runtime and publish their outcome here.
  useEffect(() => office?.subscribe((o) => show(o, true)), [office, show]);

  const setDownloadUrl = (url: string | null) => {
    if (downloadRef.current && typeof URL.revokeObjectURL === 'function') URL.revokeObjectURL(downloadRef.current);
    downloadRef.current = url;
    setDownload(url);
  };
  useEffect(() => () => setDownloadUrl(null), []);

  const actions: Actions | null = mode === 'office' ? (office ?? null) : session;

  // Explicit arguments: a default parameter would turn "no sheet" back into the stale choice.
  const options = (list: IndicatorOverride[], sheet: string | undefined, judged: ItemJudgement[] = judgements): ScoreOptions => ({
    ...(sheet ? { indicatorSheet: sheet } : {}),
    ...(list.length ? { overrides: list } : {}),
    ...(judged.length ? { judgements: judged } : {}),
  });

  const run = async (which: 'score' | 'validate' | 'undo', writeResults = false) => {
    if (!actions || busy) return;
    setBusy(true);
    setPhase(null);
    setGoToError(null);
    // The download must match what the pane shows: no file while a run is under way.
    setDownloadUrl(null);
    try {
      const onPhase = (p: RunPhase) => setPhase(p);
      const o =
        which === 'score'
          ? await actions.score(onPhase, options(corrections, indicatorSheet))
          : which === 'validate'
            ? await actions.validate(onPhase, { indicatorSheet, writeResults })
            : await actions.undo(onPhase);
      show(o, false);
      // Written into the workbook (and its 评分规则 sheet): nothing left to preview.
      if (which === 'score' && o.ok) {
        setCorrections([]);
        setJudgements([]);
        if (o.cellsWritten > 0) setCanUndo(true);
      }
      if (which === 'undo' && o.ok) {
        setCorrections([]);
        setJudgements([]);
        setIndicatorSheet(undefined);
        if (session) setCanUndo(false);
      }
      if (session && o.ok && o.cellsWritten > 0 && typeof URL.createObjectURL === 'function') {
        const bytes = await session.save();
        setDownloadUrl(URL.createObjectURL(new Blob([bytes.slice().buffer], { type: XLSX_MIME })));
      }
    } finally {
      setBusy(false);
      setPhase(null);
    }
  };

  const rescore = async (list: IndicatorOverride[], sheet: string | undefined, judged: ItemJudgement[] = judgements) => {
    if (!actions || busy) return;
    setCorrections(list);
    setIndicatorSheet(sheet);
    setJudgements(judged);
    setBusy(true);
    setPhase(null);
    // A preview is not in the file: no download offered until 一键评分 writes it.
    setDownloadUrl(null);
    try {
      show(await actions.preview(options(list, sheet, judged), (p) => setPhase(p)), false);
    } finally {
      setBusy(false);
      setPhase(null);
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
    setLoading(true);
    setLoadError(null);
    setOutcome(null);
    setReport(null);
    setDownloadUrl(null);
    setCorrections([]);
    setJudgements([]);
    setIndicatorSheet(undefined);
    try {
      const opened = await openWorkbench(await readFile(file), file.name);
      setSession(opened);
      setCanUndo(!!opened.hasRecord);
    } catch (e) {
      setSession(null);
      setCanUndo(false);
      setLoadError(e instanceof Error ? e.message : String(e));
    } finally {
      setLoading(false);
    }
  };

  const onGoTo = office
    ? async (sheet: string, cell: string) => {
        setGoToError(await office.goToCell(sheet, cell));
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
          <FileDrop disabled={loading || busy} onFile={onFile} />
          {loading && (
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
          {loadError && (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>{loadError}</MessageBarBody>
            </MessageBar>
          )}
        </section>
      )}

      <ActionBar
        disabled={!actions}
        busy={busy}
        phase={phase}
        canUndo={canUndo}
        onScore={() => run('score')}
        onValidate={() => run('validate')}
        onUndo={() => run('undo')}
      />

      {/* Outcomes are announced where they appear; the focus stays on the control that ran them. */}
      <div aria-live="polite" aria-atomic="true" data-testid="live" className={s.section}>
        {outcome && !(outcome.preview && outcome.ok) && <OutcomeBanner outcome={outcome} fromRibbon={fromRibbon} />}
      </div>
      {noSheet && session?.sheets && session.sheets.length > 0 && (
        <SheetPicker sheets={session.sheets} disabled={busy} onPick={(name) => void pickAndScore(name)} />
      )}
      {download && session && (
        <Link href={download} download={scoredFileName(session.fileName)} data-testid="download">
          {t('download')}
        </Link>
      )}
      {goToError && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{goToError}</MessageBarBody>
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
      {outcome && (listed.length > 0 || outcome.action === 'validate') && <FindingsList findings={listed} onGoTo={onGoTo} />}
      {outcome?.action === 'validate' && outcome.ok && outcome.cellsWritten === 0 && outcome.findings.length > 0 && (
        <Button disabled={busy} onClick={() => void run('validate', true)}>
          {t('writeResults')}
        </Button>
      )}
      {report && (
        <IndicatorList indicators={report.indicators} onCorrect={actions ? onCorrect : undefined} onJudge={actions ? onJudge : undefined} disabled={busy} />
      )}
      {report?.detection && <DetectionPanel detection={report.detection} onPickSheet={actions ? onPickSheet : undefined} disabled={busy} />}
    </main>
  );
}

export function App(props: AppProps) {
  const [lang, setLang] = useState<Lang>(props.lang ?? initialLang);
  const dark = usePrefersDark(props.dark ?? false);
  const onLang = (l: Lang) => {
    setLang(l);
    saveLang(l);
  };
  useEffect(() => {
    if (typeof document !== 'undefined') document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme}>
      <I18nProvider lang={lang}>
        <Pane {...props} onLang={onLang} />
      </I18nProvider>
    </FluentProvider>
  );
}
