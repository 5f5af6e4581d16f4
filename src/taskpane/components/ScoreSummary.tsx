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

/** 得分率 as the reports print it: 86.67%. */
const pct = (score: number | null | undefined, max: number) => `${(Math.round(((score ?? 0) / max) * 10000) / 100).toString()}%`;

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
          <Subtitle2 as="h3" block>
            {t('groups')}
          </Subtitle2>
          <ul className={s.groups}>
            {report.groups.map((g) => (
              <li key={g.name} className={s.group}>
                <div className={s.groupHead}>
                  <Text>{g.name}</Text>
                  <Text>
                    {fmt(g.score)} / {fmt(g.max)}
                    {g.max ? <Caption1>{`（${pct(g.score, g.max)}）`}</Caption1> : null}
                  </Text>
                </div>
                {g.max ? (
                  <ProgressBar
                    value={Math.max(0, Math.min(1, (g.score ?? 0) / g.max))}
                    color={(g.score ?? 0) / g.max >= 0.9 ? 'success' : (g.score ?? 0) / g.max >= 0.6 ? 'brand' : 'warning'}
                    aria-label={`${g.name} ${t('rate')} ${pct(g.score, g.max)}`}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
