import { useTranslation } from 'react-i18next';
import type { OverviewReport } from '../../../../src-shared/contract/analytics';
import { addDays } from '../../analytics/period';
import { useAnalyticsFormat } from '../../analytics/use-analytics-format';
import { MissingRates } from '../../components/MissingRates';

/** The four numbers at the top: developers, active developers, activities and spend in the period. */
export function KpiCards({ report }: { report: OverviewReport }) {
  const { t } = useTranslation();
  const format = useAnalyticsFormat();
  const activeSince = addDays(report.to, -30);
  const { spend } = report;
  const mixed = spend.byCurrency.length > 1 || spend.byCurrency.some((m) => m.currency !== spend.currency);
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
        <dd data-testid="kpi-spend">
          {spend.total === null ? <MissingRates rates={spend.missingRates} /> : format.money(spend.total, spend.currency)}
        </dd>
        {mixed ? (
          <dd className="kpi-hint" data-testid="kpi-spend-currencies">
            {t('money.spendByCurrency')}: {spend.byCurrency.map((m) => format.money(m.amount, m.currency)).join(' · ')}
          </dd>
        ) : null}
        <dd className="kpi-hint">{t('money.spendTotalHint', { currency: spend.currency })}</dd>
      </div>
    </dl>
  );
}
