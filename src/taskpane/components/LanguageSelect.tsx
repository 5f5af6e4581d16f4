import { Label, makeStyles, Select, tokens, useId } from '@fluentui/react-components';
import type { Lang } from '../i18n';
import { useI18n } from '../i18n';

const useStyles = makeStyles({
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, whiteSpace: 'nowrap' },
});

/** Native select with its label beside it at its own width: keyboard and screen-reader friendly, fits 320 px in both languages. */
export function LanguageSelect({ onChange }: { onChange: (lang: Lang) => void }) {
  const { lang, t } = useI18n();
  const s = useStyles();
  const id = useId('lang');
  return (
    <div className={s.row}>
      <Label htmlFor={id} size="small">
        {t('language')}
      </Label>
      <Select id={id} size="small" value={lang} onChange={(_, d) => onChange(d.value === 'en' ? 'en' : 'zh')}>
        <option value="zh">中文</option>
        <option value="en">English</option>
      </Select>
    </div>
  );
}
