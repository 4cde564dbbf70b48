import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAnalyticsToday } from './hooks';
import { todayIn, yearUpTo } from './period';
import { useAnalyticsFormat } from './use-analytics-format';
import type { PeriodState } from './url-state';
import { analyticsQueries } from '../queries/analytics';

/**
 * The period has no activity although the database has some (imported
 * history often ends months ago): say when the latest activity was and offer
 * the year up to it, instead of a page of zeros.
 */
export function EmptyPeriodNotice({ onShow }: { onShow(state: PeriodState): void }) {
  const { t } = useTranslation();
  const format = useAnalyticsFormat();
  const { timeZone } = useAnalyticsToday();
  const latest = useQuery(analyticsQueries.latestActivity());
  const at = latest.data ? new Date(latest.data) : null;
  const day = at && !Number.isNaN(at.getTime()) && timeZone ? todayIn(timeZone, at) : null;
  return (
    <div className="notice empty-period" role="note">
      <p>{t('overview.noActivityInPeriod')}</p>
      {day ? (
        <p>
          {t('overview.latestActivity', { day: format.day(day) })}{' '}
          <button
            type="button"
            className="button-secondary button-small"
            onClick={() => onShow({ choice: 'custom', period: yearUpTo(day) })}
          >
            {t('overview.showLatestYear')}
          </button>
        </p>
      ) : null}
    </div>
  );
}
