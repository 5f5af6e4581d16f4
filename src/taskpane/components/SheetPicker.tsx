/** When the indicator sheet cannot be recognised: choose it, and the pane scores with it. */
import { Button, Field, makeStyles, Select, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useI18n } from '../i18n';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

export function SheetPicker({ sheets, onPick, disabled }: { sheets: string[]; onPick: (sheet: string) => void; disabled?: boolean }) {
  const { t } = useI18n();
  const s = useStyles();
  const [sheet, setSheet] = useState(sheets[0]);
  return (
    <section className={s.root} aria-label={t('chooseSheet')} data-testid="sheet-picker">
      <Field label={t('chooseSheet')} hint={t('sheetPickerHint')}>
        <Select value={sheet} onChange={(_, d) => setSheet(d.value)}>
          {sheets.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </Select>
      </Field>
      <div>
        <Button appearance="primary" disabled={disabled} onClick={() => onPick(sheet)}>
          {t('useSheet')}
        </Button>
      </div>
    </section>
  );
}
