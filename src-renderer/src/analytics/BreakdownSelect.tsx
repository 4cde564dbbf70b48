import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { breakdownDimensions, type BreakdownDimension } from '../../../src-shared/contract/values';

/** "Break down by": None, Channel, UTM source, UTM medium, Resource category. */
export function BreakdownSelect({
  value,
  onChange,
}: {
  value: BreakdownDimension | null;
  onChange(next: BreakdownDimension | null): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t('breakdown.label')}</label>
      <select
        id={id}
        value={value ?? ''}
        data-testid="breakdown-select"
        onChange={(e) => onChange(breakdownDimensions.find((d) => d === e.target.value) ?? null)}
      >
        <option value="">{t('breakdown.dimensions.none')}</option>
        {breakdownDimensions.map((d) => (
          <option key={d} value={d}>
            {t(`breakdown.dimensions.${d}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
