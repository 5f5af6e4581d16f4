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
  /** Undo only when there is a run to undo (false before any scoring). */
  canUndo?: boolean;
}

export function ActionBar({ disabled, busy, phase, onScore, onValidate, onUndo, canUndo = true }: ActionBarProps) {
  const { t } = useI18n();
  const s = useStyles();
  // While busy the buttons stay focusable (disabledFocusable): focus stays on the one pressed.
  const guard = (f: () => void) => () => {
    if (!busy) f();
  };
  return (
    <>
      <div className={s.bar}>
        <Button appearance="primary" size="large" disabled={disabled} disabledFocusable={!disabled && busy} onClick={guard(onScore)}>
          {t('score')}
        </Button>
        <Button disabled={disabled} disabledFocusable={!disabled && busy} onClick={guard(onValidate)}>
          {t('validate')}
        </Button>
        <Button disabled={disabled || !canUndo} disabledFocusable={!disabled && canUndo && busy} onClick={guard(onUndo)}>
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
