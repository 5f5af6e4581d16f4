/**
 * 撤销 over later work: when cells were changed by hand since the run, the pane asks before undoing
 * (keep them and undo the rest, undo everything, or cancel), and afterwards names the cells it kept.
 */
import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  tokens,
  useId,
} from '@fluentui/react-components';
import type { UndoConflict } from '../backend';
import { useI18n, type Translate } from '../i18n';

const useStyles = makeStyles({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    maxHeight: '40vh',
    overflowY: 'auto',
  },
  item: { display: 'flex', flexDirection: 'column', overflowWrap: 'anywhere' },
  where: { fontWeight: tokens.fontWeightSemibold },
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  flat: { margin: 0 },
});

/** A cell's content as the list shows it: （空） for nothing, long text cut at 40 characters. */
function cellText(v: UndoConflict['now'], t: Translate): string {
  if (v === null || v === '') return t('emptyCell');
  const s = String(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

function ConflictList({ conflicts, label, testId }: { conflicts: UndoConflict[]; label: string; testId: string }) {
  const { t } = useI18n();
  const s = useStyles();
  return (
    // Scrolls when long: reachable by keyboard, named for screen readers.
    <ul className={s.list} aria-label={label} data-testid={testId} tabIndex={conflicts.length > 8 ? 0 : undefined}>
      {conflicts.map((c) => (
        <li key={`${c.sheet}!${c.cell}`} className={s.item}>
          <span className={s.where}>{`${c.sheet}!${c.cell}`}</span>
          <Caption1>{t('conflictLine', { written: cellText(c.written, t), now: cellText(c.now, t) })}</Caption1>
        </li>
      ))}
    </ul>
  );
}

export function UndoConfirm({
  conflicts,
  onKeep,
  onForce,
  onCancel,
}: {
  /** null: closed. */
  conflicts: UndoConflict[] | null;
  onKeep: () => void;
  onForce: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const s = useStyles();
  const bodyId = useId('undo-confirm-body');
  const open = !!conflicts && conflicts.length > 0;
  return (
    <Dialog open={open} modalType="alert" onOpenChange={(_, d) => !d.open && onCancel()}>
      <DialogSurface aria-describedby={bodyId} data-testid="undo-confirm">
        <DialogBody>
          <DialogTitle>{t('undoConfirmTitle')}</DialogTitle>
          <DialogContent className={s.body}>
            <p id={bodyId} className={s.flat}>
              {t('undoConfirmBody', { count: conflicts?.length ?? 0 })}
            </p>
            {conflicts && <ConflictList conflicts={conflicts} label={t('undoConfirmList')} testId="undo-conflicts" />}
          </DialogContent>
          <DialogActions fluid>
            <Button appearance="primary" onClick={onKeep}>
              {t('undoKeep')}
            </Button>
            <Button onClick={onForce}>{t('undoForce')}</Button>
            <Button onClick={onCancel}>{t('cancel')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

/** After an undo that kept cells changed by hand: which ones. */
export function KeptCells({ cells }: { cells: UndoConflict[] }) {
  const { t } = useI18n();
  return (
    <MessageBar intent="info" layout="multiline" data-testid="kept-cells">
      <MessageBarBody>
        <MessageBarTitle>{t('keptTitle', { count: cells.length })}</MessageBarTitle>
        <ConflictList conflicts={cells} label={t('keptList')} testId="kept-list" />
      </MessageBarBody>
    </MessageBar>
  );
}
