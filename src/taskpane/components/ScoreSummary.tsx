/** Total, grade and the level-1 groups of a ScoreReport. */
import { Badge, Caption1, makeStyles, ProgressBar, Subtitle2, Text, tokens } from '@fluentui/react-components';
import type { ScoreReport } from '../../engine/result';
import { useI18n } from '../i18n';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  totalRow: { display: 'flex', alignItems: 'baseline', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  total: { fontSize: tokens.fontSizeHero800, lineHeight: tokens.lineHeightHero800, fontWeight: tokens.fontWeightSemibold },
  groups: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  group: { display: 'flex', flexDirection: 'column', gap: '2px' },
  groupHead: { display: 'flex', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
});

const fmt = (n: number | null | undefined) => (n === null || n === undefined ? '—' : String(Math.round(n * 100) / 100));

export function ScoreSummary({ report }: { report: ScoreReport }) {
  const { t } = useI18n();
  const s = useStyles();
  const pending = report.indicators.filter((i) => i.source === 'pending').length;
  return (
    <section className={s.root} aria-label={t('total')}>
      <div className={s.totalRow}>
        <Caption1>{t('total')}</Caption1>
        <Text className={s.total} data-testid="total">
          {fmt(report.total)}
        </Text>
        <Caption1>{t('grade')}</Caption1>
        <Badge size="large" appearance="filled" color={report.grade ? 'brand' : 'subtle'} data-testid="grade">
          {report.grade ?? t('noGrade')}
        </Badge>
      </div>
      {pending > 0 && (
        <Caption1>
          {t('pending')}: {pending}
        </Caption1>
      )}
      {report.groups.length > 0 && (
        <>
          <Subtitle2 as="h3" block>{t('groups')}</Subtitle2>
          <ul className={s.groups}>
            {report.groups.map((g) => (
              <li key={g.name} className={s.group}>
                <div className={s.groupHead}>
                  <Text>{g.name}</Text>
                  <Text>
                    {fmt(g.score)} / {fmt(g.max)}
                  </Text>
                </div>
                {g.max ? <ProgressBar value={Math.max(0, Math.min(1, (g.score ?? 0) / g.max))} aria-label={g.name} /> : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
