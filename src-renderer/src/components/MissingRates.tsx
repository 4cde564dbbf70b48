import { useTranslation } from 'react-i18next';
import type { MissingRate } from '../../../src-shared/contract/rates';

/** Settings' rate form, filled in with the rate to add. */
export function addRateHref(rate: MissingRate): string {
  return `#/settings?rateCurrency=${encodeURIComponent(rate.currency)}&rateMonth=${encodeURIComponent(rate.month)}`;
}

/**
 * What stands in for a cost or ROI that needs a missing exchange rate: never a
 * number, but the rate by name and a link to add it.
 */
export function MissingRates({ rates }: { rates: readonly MissingRate[] }) {
  const { t } = useTranslation();
  return (
    <span className="missing-rates" data-testid="missing-rates">
      {rates.map((rate, i) => (
        <span key={`${rate.currency} ${rate.month}`} className="missing-rate">
          {i > 0 ? ' · ' : ''}
          {t('money.missingRate', rate)}{' '}
          <a href={addRateHref(rate)} aria-label={`${t('money.addRate')}: ${t('money.missingRate', rate)}`}>
            {t('money.addRate')}
          </a>
        </span>
      ))}
    </span>
  );
}
