import { useTranslation } from 'react-i18next';
import type { OverviewReport } from '../../../../src-shared/contract/analytics';
import { addDays } from '../../analytics/period';
import { useAnalyticsFormat } from '../../analytics/use-analytics-format';

/** The four numbers at the top: developers, active developers, activities and spend in the period. */
export function KpiCards({ report }: { report: OverviewReport }) {
  const { t } = useTranslation();
  const format = useAnalyticsFormat();
  const activeSince = addDays(report.to, -30);
  const spend = [...report.spend].sort((a, b) => a.currency.localeCompare(b.currency));
  return (
    <dl className="stat-cards kpi-cards" aria-label={t('overview.kpiLabel')}>
      <div className="card stat-card">
        <dt>{t('overview.kpi.developers')}</dt>
        <dd data-testid="kpi-developers">{format.count(report.developers)}</dd>
        <dd className="kpi-hint">{t('overview.kpi.developersHint')}</dd>
      </div>
      <div className="card stat-card">
        <dt>{t('overview.kpi.active')}</dt>
        <dd data-testid="kpi-active">{format.count(report.activeDevelopers)}</dd>
        <dd className="kpi-hint">
          {t('overview.kpi.activeHint', { from: format.day(activeSince), to: format.day(addDays(report.to, -1)) })}
        </dd>
      </div>
      <div className="card stat-card">
        <dt>{t('overview.kpi.activities')}</dt>
        <dd data-testid="kpi-activities">{format.count(report.activities)}</dd>
        <dd className="kpi-hint">{t('overview.kpi.activitiesHint')}</dd>
      </div>
      <div className="card stat-card">
        <dt>{t('overview.kpi.spend')}</dt>
        {spend.length === 0 ? (
          <dd data-testid="kpi-spend">{t('common.none')}</dd>
        ) : (
          spend.map((m) => (
            <dd key={m.currency} data-testid="kpi-spend">
              {format.money(m.amount, m.currency)}
            </dd>
          ))
        )}
        <dd className="kpi-hint">{spend.length > 1 ? t('overview.kpi.spendCurrencies') : t('overview.kpi.spendHint')}</dd>
      </div>
    </dl>
  );
}
