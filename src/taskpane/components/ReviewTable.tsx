/**
 * Workbench, several files at once: the progress while they are reviewed one after another, then
 * one row per workbook (file, total, grade, errors, warnings, status) and the 审核汇总.xlsx download.
 * Fits a 320 px pane: the table lays out by content, file names and reasons wrap.
 */
import {
  Button,
  Caption1,
  makeStyles,
  mergeClasses,
  ProgressBar,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Fragment } from 'react';
import { REVIEW_FILE_NAME, reviewStatusKind, type ReviewRow, type ReviewStatusKind } from '../../workbook/xlsx/reviewRow';
import { useI18n } from '../i18n';
import type { ReviewState } from '../state';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  // Lay out by content (Fluent's default is fixed): the short columns keep their headers, file and status take the rest.
  table: { tableLayout: 'auto', fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  cell: { paddingLeft: tokens.spacingHorizontalXXS, paddingRight: tokens.spacingHorizontalXXS, verticalAlign: 'top', paddingTop: '3px', paddingBottom: '3px' },
  head: { fontWeight: tokens.fontWeightSemibold, whiteSpace: 'nowrap' },
  num: { textAlign: 'end', whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' },
  // The file name takes what the other columns leave: it wraps at - _ . first, anywhere when it must.
  file: { overflowWrap: 'anywhere', paddingLeft: 0 },
  // A status wraps between words only (无法读取 stays whole, No indicator table may wrap).
  status: { paddingRight: 0, paddingLeft: tokens.spacingHorizontalS, wordBreak: 'keep-all' },
  // Room between a column and the one before it where text meets text (file | total | grade).
  gap: { paddingLeft: tokens.spacingHorizontalS },
  // A number column's header stands over its numbers.
  endHead: { justifyContent: 'flex-end', textAlign: 'end' },
  reason: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere', paddingBottom: tokens.spacingVerticalXS },
  error: { color: tokens.colorPaletteRedForeground1 },
  hidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clipPath: 'inset(50%)', whiteSpace: 'nowrap' },
  download: { alignSelf: 'flex-start', maxWidth: '100%' },
});

/** "lvliang-2020.xlsx" → lvliang-<wbr>2020<wbr>.xlsx: a narrow column breaks a file name where it reads well. */
function FileName({ name }: { name: string }) {
  const parts = name.split(/(?<=[_\s])|(?=\.[^.]*$)/);
  return (
    <>
      {parts.map((p, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {p}
        </Fragment>
      ))}
    </>
  );
}

const fmt = (n: number | null) => (n === null ? '—' : String(Math.round(n * 100) / 100));

/** The progress (while reviewing) or the outcome in words: the pane's live region for the review. */
export function ReviewStatus({ review }: { review: ReviewState | null }) {
  const { t } = useI18n();
  if (!review) return null;
  if (!review.rows) {
    const { current, total } = review;
    return (
      <>
        <Text data-testid="review-progress">{t('reviewing', { current: Math.max(current, 1), total })}</Text>
        <ProgressBar value={total ? Math.max(current - 1, 0) / total : 0} max={1} aria-label={t('reviewProgress')} />
      </>
    );
  }
  const rows = review.rows;
  return (
    <Text data-testid="review-done">
      {t('reviewed', {
        count: rows.length,
        errors: rows.filter((r) => reviewStatusKind(r).kind !== 'unreadable' && r.errors > 0).length,
        unreadable: rows.filter((r) => reviewStatusKind(r).kind === 'unreadable').length,
      })}
    </Text>
  );
}

function StatusLabel({ kind }: { kind: ReviewStatusKind }) {
  const { t } = useI18n();
  const s = useStyles();
  const cls = kind === 'passed' || kind === 'warnings' ? undefined : s.error;
  return <span className={cls}>{t(`status_${kind}`)}</span>;
}

export function ReviewTable({ rows, download }: { rows: ReviewRow[]; download: string | null }) {
  const { t } = useI18n();
  const s = useStyles();
  const cell = (...extra: string[]) => mergeClasses(s.cell, ...extra);
  const short = (full: 'colErrors' | 'colWarnings') => (
    <>
      <span aria-hidden="true">{t(`${full}Short`)}</span>
      <span className={s.hidden}>{t(full)}</span>
    </>
  );
  return (
    <section className={s.root} aria-label={t('reviewTable')} data-testid="review">
      <Table size="extra-small" className={s.table} aria-label={t('reviewTable')} data-testid="review-table">
        <TableHeader>
          <TableRow>
            <TableHeaderCell className={cell(s.head, s.file)}>{t('colFile')}</TableHeaderCell>
            <TableHeaderCell className={cell(s.head, s.gap)} button={{ className: s.endHead }}>
              {t('colTotal')}
            </TableHeaderCell>
            <TableHeaderCell className={cell(s.head, s.gap)}>{t('colGrade')}</TableHeaderCell>
            <TableHeaderCell className={cell(s.head)} button={{ className: s.endHead }}>
              {short('colErrors')}
            </TableHeaderCell>
            <TableHeaderCell className={cell(s.head)} button={{ className: s.endHead }}>
              {short('colWarnings')}
            </TableHeaderCell>
            <TableHeaderCell className={cell(s.head, s.status)}>{t('colStatus')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((r, i) => {
            const { kind, reason } = reviewStatusKind(r);
            return (
              <Fragment key={`${i}:${r.file}`}>
                <TableRow data-testid="review-row" data-status={kind}>
                  <TableCell className={cell(s.file)} data-testid="review-file">
                    <FileName name={r.file} />
                  </TableCell>
                  <TableCell className={cell(s.num, s.gap)} data-testid="review-total">
                    {fmt(r.total)}
                  </TableCell>
                  <TableCell className={cell(s.gap)} data-testid="review-grade">
                    {r.grade ?? '—'}
                  </TableCell>
                  <TableCell className={cell(s.num)}>{r.errors}</TableCell>
                  <TableCell className={cell(s.num)}>{r.warnings}</TableCell>
                  <TableCell className={cell(s.status)} data-testid="review-status">
                    <StatusLabel kind={kind} />
                  </TableCell>
                </TableRow>
                {reason && (
                  <TableRow data-testid="review-reason">
                    <TableCell className={cell(s.file, s.reason)} colSpan={6}>
                      <Caption1>{reason}</Caption1>
                    </TableCell>
                  </TableRow>
                )}
              </Fragment>
            );
          })}
        </TableBody>
      </Table>
      {download && (
        <Button as="a" appearance="primary" href={download} download={REVIEW_FILE_NAME} className={s.download} data-testid="review-download">
          {t('reviewDownload')}
        </Button>
      )}
    </section>
  );
}
