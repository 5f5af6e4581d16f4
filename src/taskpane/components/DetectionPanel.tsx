/** What the engine recognised (kept simple: the lead extends it). */
import { Caption1, Subtitle2 } from '@fluentui/react-components';
import type { Detection } from '../../engine/result';
import { useI18n } from '../i18n';

export function DetectionPanel({ detection }: { detection: Detection }) {
  const { t } = useI18n();
  return (
    <section aria-label={t('detection')}>
      <Subtitle2 as="h3" block>{t('detection')}</Subtitle2>
      <Caption1 as="p" block>
        {t('indicatorSheet')}: {detection.indicatorSheet}
      </Caption1>
      {detection.dataSheets.length > 0 && (
        <Caption1 as="p" block>
          {t('dataSheets')}: {detection.dataSheets.map((d) => d.sheet).join('、')}
        </Caption1>
      )}
    </section>
  );
}
