import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trendBuckets, type TrendBucket } from '../../../src-shared/contract/values';
import { customPeriod, lastDay, periodPresets, presetPeriod, type CustomPeriodError, type PeriodChoice } from './period';
import { useAnalyticsFormat } from './use-analytics-format';
import type { PeriodState } from './url-state';

interface PeriodPickerProps {
  state: PeriodState;
  today: string;
  /** Offer "All time" (no period): ROI and a campaign's page. */
  allowAll?: boolean;
  onChange(state: PeriodState): void;
}

/**
 * A preset (last 7/30/90 days, this or last month, this year) or a custom
 * range whose end date is inclusive, as people type it. The range a preset
 * stands for is spelled out beside it.
 */
export function PeriodPicker({ state, today, allowAll = false, onChange }: PeriodPickerProps) {
  const { t } = useTranslation();
  const format = useAnalyticsFormat();
  const id = useId();
  const [draft, setDraft] = useState(() => ({ from: state.period?.from ?? '', through: state.period ? lastDay(state.period) : '' }));
  const [error, setError] = useState<CustomPeriodError | null>(null);
  // The address can change the period from elsewhere (a link, "show the latest data"): follow it.
  const [shown, setShown] = useState(state.period);
  if (shown?.from !== state.period?.from || shown?.to !== state.period?.to) {
    setShown(state.period);
    setDraft({ from: state.period?.from ?? '', through: state.period ? lastDay(state.period) : '' });
    setError(null);
  }
  const choices: PeriodChoice[] = allowAll ? ['all', ...periodPresets] : [...periodPresets];

  const choose = (choice: PeriodChoice) => {
    setError(null);
    if (choice === 'all') onChange({ choice, period: null });
    else if (choice === 'custom') {
      // Start from what is on screen, so that switching to custom changes nothing yet.
      const period = state.period ?? presetPeriod('last30', today);
      setDraft({ from: period.from, through: lastDay(period) });
      onChange({ choice, period });
    } else onChange({ choice, period: presetPeriod(choice, today) });
  };

  const edit = (next: { from: string; through: string }) => {
    setDraft(next);
    const result = customPeriod(next.from, next.through);
    if (result.ok) {
      setError(null);
      onChange({ choice: 'custom', period: result.period });
    } else setError(result.error);
  };

  return (
    <div className="period-picker">
      <div className="field">
        <label htmlFor={`${id}-preset`}>{t('period.label')}</label>
        <select id={`${id}-preset`} value={state.choice} onChange={(e) => choose(e.target.value as PeriodChoice)}>
          {choices.map((c) => (
            <option key={c} value={c}>
              {t(`period.presets.${c}`)}
            </option>
          ))}
        </select>
      </div>
      {state.choice === 'custom' ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-from`}>{t('period.from')}</label>
            <input
              id={`${id}-from`}
              type="date"
              value={draft.from}
              max={draft.through || undefined}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              onChange={(e) => edit({ ...draft, from: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-through`}>{t('period.through')}</label>
            <input
              id={`${id}-through`}
              type="date"
              value={draft.through}
              min={draft.from || undefined}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              onChange={(e) => edit({ ...draft, through: e.target.value })}
            />
          </div>
        </>
      ) : null}
      <p className="period-range meta-line" data-testid="period-range">
        {state.period ? format.period(state.period) : t('period.allTime')}
      </p>
      {error ? (
        <p id={`${id}-error`} role="alert" className="field-error">
          {t(`period.errors.${error}`)}
        </p>
      ) : null}
    </div>
  );
}

/** Day, week or month: a radio group, so arrow keys move between them. */
export function BucketSwitch({ value, onChange }: { value: TrendBucket; onChange(bucket: TrendBucket): void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <fieldset className="segmented">
      <legend className="visually-hidden">{t('period.groupBy')}</legend>
      {trendBuckets.map((bucket) => (
        <label key={bucket} className={bucket === value ? 'segment selected' : 'segment'}>
          <input type="radio" name={`${id}-bucket`} value={bucket} checked={bucket === value} onChange={() => onChange(bucket)} />
          {t(`period.buckets.${bucket}`)}
        </label>
      ))}
    </fieldset>
  );
}
