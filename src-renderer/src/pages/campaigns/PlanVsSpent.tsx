import { useTranslation } from 'react-i18next';
import { useAnalyticsFormat } from '../../analytics/use-analytics-format';

/** The over-budget flag: a word, not only a colour, with the overrun when it is known. */
export function OverBudget({ spent, budgetTotal, currency }: { spent: number | null; budgetTotal: number | null; currency: string }) {
  const { t } = useTranslation();
  const format = useAnalyticsFormat();
  const by = spent !== null && budgetTotal !== null ? spent - budgetTotal : null;
  return (
    <span className="badge badge-over over-budget" data-testid="over-budget">
      {by === null ? t('money.overBudget') : t('money.overBudgetBy', { amount: format.money(by, currency) })}
    </span>
  );
}
