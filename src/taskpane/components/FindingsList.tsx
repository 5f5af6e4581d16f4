/** Findings with severity, location and (in Excel) a "go to cell" action. */
import { Badge, Button, Caption1, makeStyles, Subtitle2, Text, ToggleButton, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { Finding, Severity } from '../../engine/findings';
import { LIST_PAGE } from '../indicatorFilter';
import { useI18n } from '../i18n';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: { display: 'flex', flexDirection: 'column', gap: '2px', borderLeft: `3px solid ${tokens.colorNeutralStroke1}`, paddingLeft: tokens.spacingHorizontalS },
  error: { borderLeftColor: tokens.colorPaletteRedBorder2 },
  warning: { borderLeftColor: tokens.colorPaletteMarigoldBorder2 },
  info: { borderLeftColor: tokens.colorNeutralStroke1 },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  message: { overflowWrap: 'anywhere' },
  filter: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

const COLOR: Record<Severity, 'danger' | 'warning' | 'informative'> = { error: 'danger', warning: 'warning', info: 'informative' };

export function where(f: Finding): string | null {
  if (!f.sheet) return null;
  return f.cell ? `${f.sheet}!${f.cell}` : f.sheet;
}

export function FindingsList({
  findings,
  onGoTo,
  severity: chosen = null,
  onSeverity,
}: {
  findings: Finding[];
  onGoTo?: (sheet: string, cell: string) => void;
  /** The severity shown (null: all); kept in the pane's state so a rescore keeps it. */
  severity?: Severity | null;
  onSeverity?: (s: Severity | null) => void;
}) {
  const { t } = useI18n();
  const s = useStyles();
  const count = (sev: Severity) => findings.filter((f) => f.severity === sev).length;
  const [local, setLocal] = useState<Severity | null>(chosen);
  const picked = onSeverity ? chosen : local;
  const [pages, setPages] = useState(1);
  const setOnly = (sev: Severity | null) => {
    (onSeverity ?? setLocal)(sev);
    setPages(1);
  };
  const levels = (['error', 'warning', 'info'] as Severity[]).filter((sev) => count(sev) > 0);
  // After a rescore the chosen level may have no findings left (or the buttons are gone): show all.
  const only = picked && levels.length > 1 && count(picked) > 0 ? picked : null;
  const kept = only ? findings.filter((f) => f.severity === only) : findings;
  const shown = kept.slice(0, pages * LIST_PAGE);
  const more = kept.length - shown.length;
  return (
    <section aria-label={t('findings')}>
      <Subtitle2 as="h3" block>
        {t('findings')}
      </Subtitle2>
      <Caption1 as="p" block>
        {findings.length === 0 ? t('noFindings') : t('counts', { errors: count('error'), warnings: count('warning'), infos: count('info') })}
      </Caption1>
      {levels.length > 1 && (
        <div className={s.filter} role="group" aria-label={t('filterSeverity')}>
          <ToggleButton size="small" checked={only === null} onClick={() => setOnly(null)}>
            {t('all')} {findings.length}
          </ToggleButton>
          {levels.map((sev) => (
            <ToggleButton key={sev} size="small" checked={only === sev} onClick={() => setOnly(only === sev ? null : sev)}>
              {t(`severity_${sev}`)} {count(sev)}
            </ToggleButton>
          ))}
        </div>
      )}
      <ul className={s.list}>
        {shown.map((f, i) => {
          const at = where(f);
          return (
            <li key={`${f.code}|${at ?? ''}|${i}`} className={`${s.item} ${s[f.severity]}`} data-severity={f.severity}>
              <div className={s.head}>
                <Badge appearance="tint" color={COLOR[f.severity]}>
                  {t(`severity_${f.severity}`)}
                </Badge>
                {at && <Caption1>{at}</Caption1>}
                {onGoTo && f.sheet && f.cell && (
                  <Button size="small" appearance="subtle" aria-label={t('goToCellLabel', { where: at ?? '' })} onClick={() => onGoTo(f.sheet!, f.cell!)}>
                    {t('goToCell')}
                  </Button>
                )}
              </div>
              <Text className={s.message}>{f.message}</Text>
            </li>
          );
        })}
      </ul>
      {more > 0 && (
        <Button size="small" appearance="secondary" data-testid="findings-more" onClick={() => setPages(pages + 1)}>
          {t('showMore', { count: Math.min(more, LIST_PAGE), rest: more })}
        </Button>
      )}
    </section>
  );
}
