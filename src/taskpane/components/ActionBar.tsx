/** 一键评分 (primary), 校验, 撤销本次评分, with the run's progress. */
import { Button, Field, makeStyles, ProgressBar, tokens } from '@fluentui/react-components';
import type { RunPhase } from '../backend';
import { useI18n, type MessageKey } from '../i18n';

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

const PHASE: Record<RunPhase, { key: MessageKey; value: number }> = {
  read: { key: 'phaseRead', value: 0.2 },
  compute: { key: 'phaseCompute', value: 0.55 },
  write: { key: 'phaseWrite', value: 0.85 },
};

export interface ActionBarProps {
  disabled: boolean;
  busy: boolean;
  phase: RunPhase | null;
  onScore: () => void;
  onValidate: () => void;
  onUndo: () => void;
}

export function ActionBar({ disabled, busy, phase, onScore, onValidate, onUndo }: ActionBarProps) {
  const { t } = useI18n();
  const s = useStyles();
  const off = disabled || busy;
  return (
    <>
      <div className={s.bar}>
        <Button appearance="primary" size="large" disabled={off} onClick={onScore}>
          {t('score')}
        </Button>
        <Button disabled={off} onClick={onValidate}>
          {t('validate')}
        </Button>
        <Button disabled={off} onClick={onUndo}>
          {t('undo')}
        </Button>
      </div>
      {busy && (
        <Field validationMessage={phase ? t(PHASE[phase].key) : t('running')} validationState="none">
          <ProgressBar value={phase ? PHASE[phase].value : undefined} aria-label={t('running')} />
        </Field>
      )}
    </>
  );
}
