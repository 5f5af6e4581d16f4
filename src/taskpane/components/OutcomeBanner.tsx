/**
 * One message bar per run saying what happened: written cells, and the count of errors and
 * warnings with their severity (a run with errors is never a green tick), or why it stopped.
 */
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { RunOutcome } from '../backend';
import { useI18n } from '../i18n';

export function outcomeIntent(outcome: RunOutcome): 'success' | 'warning' | 'error' | 'info' {
  if (!outcome.ok) return 'error';
  if (outcome.action === 'undo') return 'success';
  if (outcome.findings.some((f) => f.severity === 'error')) return 'error';
  if (outcome.findings.some((f) => f.severity === 'warning')) return 'warning';
  return 'success';
}

export function OutcomeBanner({ outcome, fromRibbon }: { outcome: RunOutcome; fromRibbon?: boolean }) {
  const { t, lang } = useI18n();
  const sep = lang === 'en' ? ': ' : '：';
  const errors = outcome.findings.filter((f) => f.severity === 'error').length;
  const warnings = outcome.findings.filter((f) => f.severity === 'warning').length;
  const what = !outcome.ok
    ? t('failed')
    : outcome.action === 'score'
      ? t('scored', { cells: outcome.cellsWritten })
      : outcome.action === 'undo'
        ? t('undone')
        : t('validated');
  const counts = outcome.ok && outcome.action !== 'undo' ? (errors + warnings > 0 ? t('outcomeCounts', { errors, warnings }) : t('outcomeClean')) : '';
  const title = counts ? `${what}${sep}${counts}` : what;
  const body = outcome.ok ? outcome.message : outcome.error;
  return (
    <>
      <MessageBar intent={outcomeIntent(outcome)} data-testid="outcome" data-intent={outcomeIntent(outcome)} layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{fromRibbon ? `${t('ribbonOutcome')}${sep}${title}` : title}</MessageBarTitle>
          {body}
        </MessageBarBody>
      </MessageBar>
      {outcome.notes.length > 0 && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('notes')}</MessageBarTitle>
            {outcome.notes.join('；')}
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
