/**
 * The scored leaves: max, actual value, the rule in words, score, source and
 * note; each can be corrected (actual value, rule text, data source) and is
 * rescored at once without writing (the pane runs a preview).
 */
import { Badge, Button, Caption1, Field, Input, makeStyles, SearchBox, Subtitle2, Text, Textarea, ToggleButton, tokens } from '@fluentui/react-components';
import { useDeferredValue, useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Finding } from '../../engine/findings';
import type { IndicatorOverride, ItemJudgement } from '../../engine/options';
import type { IndicatorReport } from '../../engine/result';
import { useI18n, type MessageKey } from '../i18n';
import { filterCounts, filterIndicators, INDICATOR_FILTERS, LIST_PAGE, problemRows } from '../indicatorFilter';
import type { IndicatorFilter } from '../state';
import { Checklist } from './Checklist';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingBottom: tokens.spacingVerticalXS,
  },
  head: { display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: tokens.spacingHorizontalS },
  name: { overflowWrap: 'anywhere' },
  score: { whiteSpace: 'nowrap', fontWeight: tokens.fontWeightSemibold },
  meta: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  text: { overflowWrap: 'anywhere', color: tokens.colorNeutralForeground2 },
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS },
  filters: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, marginBottom: tokens.spacingVerticalXS },
  search: { width: '100%', maxWidth: '100%', marginBottom: tokens.spacingVerticalS },
});

const FILTER_KEY: Record<IndicatorFilter, MessageKey> = { all: 'all', deducted: 'filterDeducted', pending: 'filterPending', problems: 'filterProblems' };

const SOURCE_KEY: Record<IndicatorReport['source'], MessageKey> = { computed: 'computed', entered: 'entered', pending: 'pendingSource' };
const COLOR: Record<IndicatorReport['source'], 'brand' | 'informative' | 'warning'> = { computed: 'brand', entered: 'informative', pending: 'warning' };

const fmt = (n: number | null) => (n === null ? '—' : String(n));

/** Rules the evaluator judges (no actual value to type). */
const JUDGED_KINDS = new Set(['judgement', 'checklist', 'none']);

function EditForm({ indicator, onApply, onClose }: { indicator: IndicatorReport; onApply: (o: IndicatorOverride) => void; onClose: () => void }) {
  const { t } = useI18n();
  const s = useStyles();
  const [actual, setActual] = useState(indicator.actual ?? '');
  const [rule, setRule] = useState(indicator.ruleText ?? '');
  const [source, setSource] = useState('');
  // Indicators the evaluator judges take a score and a reason (written to 得分 and 扣分说明).
  const judged = indicator.source !== 'computed' && (JUDGED_KINDS.has(indicator.ruleKind ?? 'none') || indicator.source === 'entered');
  const takesActual = !JUDGED_KINDS.has(indicator.ruleKind ?? 'none');
  const [score, setScore] = useState(indicator.source === 'entered' && indicator.score !== null ? String(indicator.score) : '');
  const [reason, setReason] = useState(indicator.source === 'entered' ? indicator.note : '');
  const max = indicator.max ?? 100;
  const scoreValue = score.trim() === '' ? null : Number(score.trim());
  const scoreBad = scoreValue !== null && (!Number.isFinite(scoreValue) || scoreValue < 0 || scoreValue > max);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (scoreBad) return;
    // Only what the evaluator changed becomes a correction.
    const o: IndicatorOverride = { path: indicator.path };
    if (takesActual && actual.trim() !== (indicator.actual ?? '')) o.actual = actual.trim();
    if (rule.trim() !== (indicator.ruleText ?? '').trim()) o.ruleText = rule.trim();
    if (source.trim()) o.dataSource = source.trim();
    const enteredBefore = indicator.source === 'entered' ? String(indicator.score) : '';
    if (judged && scoreValue !== null && (score.trim() !== enteredBefore || reason.trim() !== (indicator.source === 'entered' ? indicator.note : ''))) {
      o.score = score.trim();
      o.reason = reason.trim();
    }
    if (o.actual !== undefined || o.ruleText !== undefined || o.dataSource !== undefined || o.score !== undefined) onApply(o);
    onClose();
  };
  const name = indicator.path[indicator.path.length - 1];
  // Esc closes the form (and nothing else): the focus goes back to its 修改 button.
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    }
  };
  return (
    <form className={s.form} onSubmit={submit} onKeyDown={onKeyDown} aria-label={t('editLabel', { name })}>
      {judged && (
        <>
          <Field
            label={t('scoreField')}
            hint={scoreBad ? undefined : t('scoreFieldHint', { max })}
            validationMessage={scoreBad ? t('scoreOutOfRange', { max }) : undefined}
            validationState={scoreBad ? 'error' : 'none'}
          >
            <Input value={score} inputMode="decimal" onChange={(_, d) => setScore(d.value)} autoFocus data-testid="score-input" />
          </Field>
          <Field label={t('reasonField')}>
            <Textarea value={reason} onChange={(_, d) => setReason(d.value)} resize="vertical" rows={2} data-testid="reason-input" />
          </Field>
        </>
      )}
      {takesActual && (
        <Field label={t('actual')}>
          <Input value={actual} onChange={(_, d) => setActual(d.value)} autoFocus={!judged} data-testid="actual-input" />
        </Field>
      )}
      <Field label={t('ruleText')}>
        <Textarea value={rule} onChange={(_, d) => setRule(d.value)} resize="vertical" rows={3} />
      </Field>
      <Field label={t('dataSource')} hint={t('dataSourceHint')}>
        <Input value={source} onChange={(_, d) => setSource(d.value)} placeholder={indicator.actualSource ?? ''} />
      </Field>
      <div className={s.buttons}>
        <Button type="submit" appearance="primary" size="small">
          {t('rescore')}
        </Button>
        <Button size="small" onClick={onClose}>
          {t('cancel')}
        </Button>
      </div>
    </form>
  );
}

/** Before the first deferred render: nothing (the total and summary show at once). */
const NONE: IndicatorReport[] = [];

export function IndicatorList({
  indicators: given,
  onCorrect,
  onJudge,
  disabled,
  findings = [],
  sheet = '',
  filter = 'all',
  search = '',
  onFilter,
  onSearch,
}: {
  indicators: IndicatorReport[];
  onCorrect?: (o: IndicatorOverride) => void;
  /** Judgements of one checklist indicator's items (rescored as a preview). */
  onJudge?: (j: ItemJudgement[]) => void;
  disabled?: boolean;
  /** The run's findings and the indicator sheet: 有问题 keeps indicators whose row has a finding. */
  findings?: readonly Finding[];
  sheet?: string;
  filter?: IndicatorFilter;
  search?: string;
  onFilter?: (f: IndicatorFilter) => void;
  onSearch?: (s: string) => void;
}) {
  const { t } = useI18n();
  const s = useStyles();
  // A list longer than a page renders after the summary, in an interruptible background render
  // (React's deferred value): 5,000 indicators do not hold the page in one long task. A short
  // list renders with the outcome, at once.
  const deferred = useDeferredValue(given, NONE);
  const all = given.length > LIST_PAGE ? deferred : given;
  const problems = useMemo(() => problemRows(findings, sheet), [findings, sheet]);
  const counts = useMemo(() => filterCounts(all, problems), [all, problems]);
  // A filter left with nothing after a rescore shows everything (the buttons say why: a count of 0).
  const active: IndicatorFilter = counts[filter] > 0 ? filter : 'all';
  const indicators = useMemo(() => filterIndicators(all, active, search, problems), [all, active, search, problems]);
  const [pages, setPages] = useState(1);
  useEffect(() => setPages(1), [active, search, all]);
  const shown = indicators.slice(0, pages * LIST_PAGE);
  const more = indicators.length - shown.length;
  const [editing, setEditing] = useState<string | null>(null);
  const [judging, setJudging] = useState<string | null>(null);
  const editButtons = useRef(new Map<string, HTMLElement | null>());
  const closeEdit = (key: string) => {
    setEditing(null);
    // Back on the 修改 button that opened the form (the form and its focus are gone).
    setTimeout(() => editButtons.current.get(key)?.focus(), 0);
  };
  if (all.length === 0) return null;
  const filterable = onFilter && INDICATOR_FILTERS.some((f) => f !== 'all' && counts[f] > 0 && counts[f] < counts.all);
  return (
    <section aria-label={t('indicators')}>
      <Subtitle2 as="h3" block>
        {t('indicators')}
      </Subtitle2>
      {filterable && (
        <div className={s.filters} role="group" aria-label={t('filterIndicators')}>
          {INDICATOR_FILTERS.filter((f) => f === 'all' || counts[f] > 0).map((f) => (
            <ToggleButton key={f} size="small" checked={active === f} data-testid={`filter-${f}`} onClick={() => onFilter(active === f ? 'all' : f)}>
              {t(FILTER_KEY[f])} {counts[f]}
            </ToggleButton>
          ))}
        </div>
      )}
      {onSearch && all.length > 1 && (
        <SearchBox
          className={s.search}
          size="small"
          value={search}
          placeholder={t('searchIndicators')}
          aria-label={t('searchIndicators')}
          data-testid="indicator-search"
          onChange={(_, d) => onSearch(d.value)}
        />
      )}
      {(active !== 'all' || search.trim() !== '') && (
        <Caption1 as="p" block role="status" data-testid="indicator-count">
          {t('indicatorsShown', { shown: indicators.length, total: all.length })}
        </Caption1>
      )}
      <ul className={s.list}>
        {shown.map((i) => {
          const key = `${i.cell}|${i.path.join('/')}`;
          const name = i.path[i.path.length - 1];
          return (
            <li key={key} className={s.item} data-testid="indicator">
              <div className={s.head}>
                <Text className={s.name}>{name}</Text>
                <Text className={s.score}>
                  {fmt(i.score)} / {fmt(i.max)}
                </Text>
              </div>
              <div className={s.meta}>
                <Badge size="small" appearance="tint" color={COLOR[i.source]}>
                  {t(SOURCE_KEY[i.source])}
                </Badge>
                <Caption1>{i.cell}</Caption1>
                {i.actual !== undefined && (
                  <Caption1>
                    · {t('actual')} {i.actual}
                  </Caption1>
                )}
                {onCorrect && (
                  <Button
                    size="small"
                    appearance="subtle"
                    disabled={disabled}
                    aria-expanded={editing === key}
                    aria-label={t('editLabel', { name })}
                    ref={(el) => {
                      editButtons.current.set(key, el);
                    }}
                    onClick={() => setEditing(editing === key ? null : key)}
                  >
                    {t('edit')}
                  </Button>
                )}
                {onJudge && i.items && i.items.length > 0 && (
                  <Button
                    size="small"
                    appearance="subtle"
                    disabled={disabled}
                    aria-expanded={judging === key}
                    aria-label={t('checklistLabel', { name })}
                    data-testid="checklist-toggle"
                    onClick={() => setJudging(judging === key ? null : key)}
                  >
                    {t('checklistToggle', { done: i.items.filter((x) => x.verdict).length, total: i.items.length })}
                  </Button>
                )}
              </div>
              {i.rule && (
                <Caption1 className={s.text}>
                  {t('rule')}：{i.rule}
                </Caption1>
              )}
              {i.note && <Caption1 className={s.text}>{i.note}</Caption1>}
              {editing === key && onCorrect && <EditForm indicator={i} onApply={onCorrect} onClose={() => closeEdit(key)} />}
              {judging === key && onJudge && <Checklist indicator={i} onApply={onJudge} onClose={() => setJudging(null)} disabled={disabled} />}
            </li>
          );
        })}
      </ul>
      {more > 0 && (
        <Button size="small" appearance="secondary" data-testid="indicator-more" onClick={() => setPages(pages + 1)}>
          {t('showMore', { count: Math.min(more, LIST_PAGE), rest: more })}
        </Button>
      )}
    </section>
  );
}
