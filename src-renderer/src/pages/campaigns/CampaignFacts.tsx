import { useTranslation } from 'react-i18next';
import type { CampaignDetail } from '../../../../src-shared/contract/campaigns';
import { useAnalyticsFormat } from '../../analytics/use-analytics-format';
import { MissingRates } from '../../components/MissingRates';
import { OverBudget } from './PlanVsSpent';

/**
 * A campaign's facts: channel, dates, plan vs spent (all time, in the
 * reporting currency, the per-currency figures beside it) and its results in
 * the period, whose cost per conversion and ROI count every currency of its
 * cost, or name the missing rate instead of a number.
 */
export function CampaignFacts({ detail }: { detail: CampaignDetail }) {
  const { t } = useTranslation();
  const format = useAnalyticsFormat();
  const c = detail.campaign;
  const roi = detail.roi;
  const none = t('common.none');
  const day = (value: string | null) => (value ? format.day(value.slice(0, 10)) : none);
  const perCurrency = c.costs.length > 1 || c.costs.some((m) => m.currency !== c.reportingCurrency);
  return (
    <dl className="facts campaign-facts">
      <div>
        <dt>{t('campaigns.form.channel')}</dt>
        <dd>{c.channel ?? none}</dd>
      </div>
      <div>
        <dt>{t('campaigns.detail.dates')}</dt>
        <dd>{c.startDate || c.endDate ? `${day(c.startDate)} – ${day(c.endDate)}` : none}</dd>
      </div>
      <div>
        <dt>{t('campaigns.form.budgetTotal')}</dt>
        <dd>{c.budgetTotal === null ? none : format.money(c.budgetTotal, c.reportingCurrency)}</dd>
      </div>
      <div>
        <dt>{t('campaigns.detail.spent')}</dt>
        <dd data-testid="campaign-spent">
          {c.spent === null ? <MissingRates rates={c.missingRates} /> : format.money(c.spent, c.reportingCurrency)}
          {c.overBudget ? (
            <>
              {' '}
              <OverBudget spent={c.spent} budgetTotal={c.budgetTotal} currency={c.reportingCurrency} />
            </>
          ) : null}
        </dd>
        {perCurrency ? <dd className="muted">{c.costs.map((m) => format.money(m.amount, m.currency)).join(' · ')}</dd> : null}
      </div>
      <div>
        <dt>{t('campaigns.detail.results')}</dt>
        <dd data-testid="campaign-results">
          {t('campaigns.detail.resultsText', {
            actions: format.weight(roi.actions),
            conversions: format.weight(roi.conversions),
            costPerConversion: roi.costPerConversion === null ? none : format.money(roi.costPerConversion, roi.currencyReporting),
          })}
          {roi.roiPercent !== null ? ` · ${t('campaigns.detail.roiPercent', { value: format.percentValue(roi.roiPercent) })}` : ''}
        </dd>
        {roi.missingRates.length > 0 ? (
          <dd>
            <MissingRates rates={roi.missingRates} />
          </dd>
        ) : null}
      </div>
    </dl>
  );
}
