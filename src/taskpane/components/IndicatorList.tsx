/** The scored leaves, one line each (kept simple: the lead extends it). */
import { Caption1, makeStyles, Subtitle2, Text, tokens } from '@fluentui/react-components';
import type { IndicatorReport } from '../../engine/result';
import { useI18n, type MessageKey } from '../i18n';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: { display: 'flex', flexDirection: 'column', borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, paddingBottom: tokens.spacingVerticalXS },
  head: { display: 'flex', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  name: { overflowWrap: 'anywhere' },
});

const SOURCE: Record<IndicatorReport['source'], MessageKey> = { computed: 'computed', entered: 'entered', pending: 'pendingSource' };

export function IndicatorList({ indicators }: { indicators: IndicatorReport[] }) {
  const { t } = useI18n();
  const s = useStyles();
  if (indicators.length === 0) return null;
  return (
    <section aria-label={t('indicators')}>
      <Subtitle2 as="h3" block>{t('indicators')}</Subtitle2>
      <ul className={s.list}>
        {indicators.map((i) => (
          <li key={`${i.cell}|${i.path.join('/')}`} className={s.item}>
            <div className={s.head}>
              <Text className={s.name}>{i.path[i.path.length - 1]}</Text>
              <Text>
                {i.score ?? '—'} / {i.max ?? '—'}
              </Text>
            </div>
            <Caption1>
              {t(SOURCE[i.source])} · {i.cell}
              {i.note ? ` · ${i.note}` : ''}
            </Caption1>
          </li>
        ))}
      </ul>
    </section>
  );
}
