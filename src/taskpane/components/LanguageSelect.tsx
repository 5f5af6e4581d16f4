import { Field, Select } from '@fluentui/react-components';
import type { Lang } from '../i18n';
import { useI18n } from '../i18n';

/** Native select: keyboard and screen-reader friendly, fits 320 px. */
export function LanguageSelect({ onChange }: { onChange: (lang: Lang) => void }) {
  const { lang, t } = useI18n();
  return (
    <Field label={t('language')} orientation="horizontal" size="small">
      <Select size="small" value={lang} onChange={(_, d) => onChange(d.value === 'en' ? 'en' : 'zh')}>
        <option value="zh">中文</option>
        <option value="en">English</option>
      </Select>
    </Field>
  );
}
