/**
 * 逐项评分 under a checklist indicator: each 评分要点 with its points, a
 * 符合/部分/不符合 choice, the points for 部分 (bounded by the item's), a
 * reason. "按判断计算" rescores without writing (a preview); 一键评分 then
 * writes score, 扣分说明 and the 逐项评分 sheet. A grade rule (按优6分、良4分…)
 * is one choice of grade.
 */
import { Button, Field, Input, makeStyles, Radio, RadioGroup, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { ItemJudgement, ItemVerdict } from '../../engine/options';
import type { ChecklistItemReport, IndicatorReport } from '../../engine/result';
import { useI18n } from '../i18n';

const useStyles = makeStyles({
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalXS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS },
});

interface Draft {
  verdict: ItemVerdict | '';
  points: string;
  reason: string;
}

function draftOf(i: ChecklistItemReport): Draft {
  const points =
    i.verdict === 'partial' || (i.kind === 'deduct' && i.verdict && i.verdict !== 'met') ? (i.awarded === null ? '' : String(Math.abs(i.awarded))) : '';
  return { verdict: i.verdict ?? '', points, reason: i.reason ?? '' };
}

/** What points a verdict needs: none, or a value within [min, max]. */
function bounds(i: ChecklistItemReport, verdict: Draft['verdict']): { min: number; max: number } | null {
  if (i.kind === 'deduct') return verdict === 'unmet' || verdict === 'partial' ? { min: i.minPoints ?? i.points, max: i.points } : null;
  return verdict === 'partial' ? { min: 0, max: i.points } : null;
}

function pointsProblem(i: ChecklistItemReport, d: Draft): { min: number; max: number } | null {
  const b = bounds(i, d.verdict);
  if (!b) return null;
  if (d.points.trim() === '' && i.kind === 'deduct' && b.min === b.max) return null;
  const v = Number(d.points);
  return d.points.trim() === '' || !Number.isFinite(v) || v < b.min || v > b.max ? b : null;
}

export function Checklist({
  indicator,
  onApply,
  onClose,
  disabled,
}: {
  indicator: IndicatorReport;
  onApply: (j: ItemJudgement[]) => void;
  onClose: () => void;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const s = useStyles();
  const items = indicator.items ?? [];
  const [drafts, setDrafts] = useState<Draft[]>(() => items.map(draftOf));
  const name = indicator.path[indicator.path.length - 1];
  const pickOne = items.length > 0 && items.every((i) => i.kind === 'option');
  const set = (k: number, patch: Partial<Draft>) => setDrafts((ds) => ds.map((d, j) => (j === k ? { ...d, ...patch } : d)));
  const invalid = items.some((i, k) => pointsProblem(i, drafts[k]));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (invalid) return;
    const out: ItemJudgement[] = [];
    items.forEach((i, k) => {
      const d = drafts[k];
      // A judgement the evaluator cleared is cleared in the sheet too.
      if (!d.verdict && !i.verdict) return;
      const j: ItemJudgement = { path: indicator.path, seq: i.seq, label: i.label, verdict: d.verdict || null };
      if (bounds(i, d.verdict) && d.points.trim() !== '') j.points = d.points.trim();
      if (d.reason.trim()) j.reason = d.reason.trim();
      out.push(j);
    });
    if (out.length > 0) onApply(out);
    onClose();
  };

  if (pickOne) {
    const chosen = drafts.findIndex((d) => d.verdict === 'met');
    return (
      <form className={s.form} onSubmit={submit} aria-label={t('checklistLabel', { name })} data-testid="checklist">
        <Field label={t('pickGrade')}>
          <RadioGroup
            layout="horizontal"
            value={chosen >= 0 ? String(chosen) : ''}
            onChange={(_, d) => setDrafts((ds) => ds.map((x, k) => ({ ...x, verdict: k === Number(d.value) ? 'met' : 'unmet' })))}
          >
            {items.map((i, k) => (
              <Radio key={i.seq} value={String(k)} label={`${i.label}（${i.points}分）`} />
            ))}
          </RadioGroup>
        </Field>
        <Field label={t('itemReason')}>
          <Input value={chosen >= 0 ? drafts[chosen].reason : ''} disabled={chosen < 0} onChange={(_, d) => chosen >= 0 && set(chosen, { reason: d.value })} />
        </Field>
        <Buttons disabled={disabled || chosen < 0} onClose={onClose} />
      </form>
    );
  }

  return (
    <form className={s.form} onSubmit={submit} aria-label={t('checklistLabel', { name })} data-testid="checklist">
      {items.map((i, k) => {
        const d = drafts[k];
        const b = bounds(i, d.verdict);
        const problem = pointsProblem(i, d);
        // A deduction item that names a defect ("未装订，扣1分"): the choice is whether it was found.
        const defect = i.kind === 'deduct' && !i.requirement;
        const label =
          i.kind === 'deduct'
            ? t('checklistDeductItem', {
                seq: i.seq,
                label: i.label,
                points: i.minPoints != null && i.minPoints !== i.points ? `${i.minPoints}-${i.points}` : i.points,
              })
            : t('checklistItem', { seq: i.seq, label: i.label, points: i.points });
        return (
          <div key={i.seq} className={s.item} data-testid="checklist-item">
            <Field label={label}>
              <RadioGroup layout="horizontal" value={d.verdict} onChange={(_, v) => set(k, { verdict: v.value as ItemVerdict })}>
                <Radio value="met" label={t(defect ? 'verdictDefectAbsent' : 'verdictMet')} />
                <Radio value="partial" label={t('verdictPartial')} />
                <Radio value="unmet" label={t(defect ? 'verdictDefectFound' : 'verdictUnmet')} />
              </RadioGroup>
            </Field>
            {b && (
              <Field
                label={i.kind === 'deduct' ? t('itemDeduction', { min: b.min, max: b.max }) : t('itemPoints', { max: b.max })}
                validationState={problem && d.points.trim() !== '' ? 'error' : 'none'}
                validationMessage={problem && d.points.trim() !== '' ? t('pointsOutOfRange', { min: b.min, max: b.max }) : undefined}
              >
                <Input type="number" inputMode="decimal" min={b.min} max={b.max} step={0.1} value={d.points} onChange={(_, v) => set(k, { points: v.value })} />
              </Field>
            )}
            <Field label={t('itemReason')}>
              <Input value={d.reason} onChange={(_, v) => set(k, { reason: v.value })} />
            </Field>
          </div>
        );
      })}
      <Buttons disabled={disabled || invalid} onClose={onClose} />
    </form>
  );
}

function Buttons({ disabled, onClose }: { disabled?: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const s = useStyles();
  return (
    <div className={s.buttons}>
      <Button type="submit" appearance="primary" size="small" disabled={disabled}>
        {t('applyJudgements')}
      </Button>
      <Button size="small" onClick={onClose}>
        {t('cancel')}
      </Button>
    </div>
  );
}
