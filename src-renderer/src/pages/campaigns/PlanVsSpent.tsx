import { useTranslation } from 'react-i18next';
import type { Campaign } from '../../../../src-shared/contract/campaigns';
import { useAnalyticsFormat } from '../../analytics/use-analytics-format';

/** The over-budget flag: a word, not only a colour, with the overrun when it is known. */
export function OverBudget({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const format = useAnalyticsFormat();
  const by = campaign.spent !== null && campaign.budgetTotal !== null ? campaign.spent - campaign.budgetTotal : null;
  return (
    <span className="badge badge-over over-budget" data-testid="over-budget">
      {by === null ? t('money.overBudget') : t('money.overBudgetBy', { amount: format.money(by, campaign.reportingCurrency) })}
    </span>
  );
}
