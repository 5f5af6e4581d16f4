/** One message bar per run: success, or the (Chinese) reason it stopped, plus notes. */
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { RunOutcome } from '../backend';
import { useI18n } from '../i18n';

export function OutcomeBanner({ outcome, fromRibbon }: { outcome: RunOutcome; fromRibbon?: boolean }) {
  const { t } = useI18n();
  const title = !outcome.ok ? t('failed') : outcome.action === 'score' ? t('scored', { cells: outcome.cellsWritten }) : outcome.action === 'undo' ? t('undone') : t('validated');
  const body = outcome.ok ? outcome.message : outcome.error;
  return (
    <>
      <MessageBar intent={outcome.ok ? 'success' : 'error'} data-testid="outcome" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{fromRibbon ? `${t('ribbonOutcome')}：${title}` : title}</MessageBarTitle>
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
