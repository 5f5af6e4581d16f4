/**
 * What the engine recognised: indicator sheet and header, columns, data and
 * survey sheets, bindings, grade scheme. A wrong guess of the indicator sheet
 * is corrected here; a wrong binding through the indicator's 修改 form.
 */
import { Button, Caption1, Field, makeStyles, Select, Subtitle2, tokens } from '@fluentui/react-components';
import { Fragment, useState } from 'react';
import type { Detection } from '../../engine/result';
import { useI18n } from '../i18n';
import { LIST_PAGE } from '../indicatorFilter';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: '2px' },
  text: { overflowWrap: 'anywhere' },
  terms: { margin: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalS, rowGap: '2px' },
  dd: { margin: 0, overflowWrap: 'anywhere' },
});

export function DetectionPanel({ detection, onPickSheet, disabled }: { detection: Detection; onPickSheet?: (sheet: string) => void; disabled?: boolean }) {
  const { t } = useI18n();
  const s = useStyles();
  const [bindingPages, setBindingPages] = useState(1);
  const sheets = detection.sheets?.length ? detection.sheets : [detection.indicatorSheet];
  // Each column with the reason it got its role, when the engine gives one (表头“权数”：分值的同义词).
  const columns = Object.entries(detection.columns).map(([role, c]) => (detection.why?.[role] ? `${c}（${detection.why[role]}）` : c));
  const [top, bottom] = detection.headerRows;
  // Label → text, only for what the engine found.
  const terms: [string, string][] = (
    [
      [t('headerRows'), top === bottom ? String(top) : `${top}–${bottom}`],
      [t('columnsFound'), columns.join('，')],
      [t('dataSheets'), detection.dataSheets.map((d) => `${d.sheet}（${t('months', { months: d.months })}）`).join('、')],
      [t('surveySheets'), detection.surveySheets.join('、')],
      [t('gradeScheme'), detection.gradeScheme.map((g) => `${g.label} ≥${g.min}`).join('，')],
      [t('composite'), detection.composite ?? ''],
    ] as [string, string][]
  ).filter(([, text]) => text !== '');
  return (
    <section aria-label={t('detection')} className={s.root}>
      <Subtitle2 as="h3" block>
        {t('detection')}
      </Subtitle2>
      <Field label={t('indicatorSheet')} hint={onPickSheet ? t('pickSheet') : undefined}>
        <Select value={detection.indicatorSheet} disabled={disabled || !onPickSheet} onChange={(_, d) => onPickSheet?.(d.value)}>
          {sheets.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </Select>
      </Field>
      <dl className={s.terms}>
        {terms.map(([label, text]) => (
          <Fragment key={label}>
            <dt>
              <Caption1>{label}</Caption1>
            </dt>
            <dd className={s.dd}>
              <Caption1>{text}</Caption1>
            </dd>
          </Fragment>
        ))}
      </dl>
      {detection.bindings.length > 0 && (
        <>
          <Caption1 as="p" block>
            {t('bindings')}
          </Caption1>
          <ul className={s.list} aria-label={t('bindings')}>
            {detection.bindings.slice(0, bindingPages * LIST_PAGE).map((b) => (
              <li key={b.path.join('/')}>
                <Caption1 className={s.text}>
                  {b.path[b.path.length - 1]} ← {b.source}
                </Caption1>
              </li>
            ))}
          </ul>
          {detection.bindings.length > bindingPages * LIST_PAGE && (
            <Button size="small" appearance="secondary" data-testid="bindings-more" onClick={() => setBindingPages(bindingPages + 1)}>
              {t('showMore', {
                count: Math.min(detection.bindings.length - bindingPages * LIST_PAGE, LIST_PAGE),
                rest: detection.bindings.length - bindingPages * LIST_PAGE,
              })}
            </Button>
          )}
        </>
      )}
    </section>
  );
}
