import { useTranslation } from 'react-i18next';
import { useAnalyticsFormat } from '../../analytics/use-analytics-format';
import { MissingRates } from '../../components/MissingRates';
import { campaignHref } from '../../routes';
import type { CampaignListRow, ListTotals } from './campaign-list-view';
import { OverBudget } from './PlanVsSpent';

/** Money in the reporting currency, or "none" for what is not known. */
function useMoney(currency: string) {
  const { t } = useTranslation();
  const format = useAnalyticsFormat();
  return (n: number | null) => (n === null ? t('common.none') : format.money(n, currency));
}

/** One campaign: a cost that needs a missing rate names it instead of a number. */
export function RoiTableRow({ row, currency }: { row: CampaignListRow; currency: string }) {
  const { t } = useTranslation();
  const format = useAnalyticsFormat();
  const money = useMoney(currency);
  const none = t('common.none');
  const day = (d: string | null) => (d ? format.day(d) : '…');
  const currencies = Object.entries(row.costByCurrency);
  const mixed = currencies.length > 1 || currencies.some(([c]) => c !== currency);
  return (
    <tr data-campaign={row.campaign}>
      <th scope="row">
        <a href={campaignHref(row.campaignId)}>{row.campaign}</a>
      </th>
      <td>{row.channel ?? none}</td>
      <td>{row.startDate || row.endDate ? `${day(row.startDate)} – ${day(row.endDate)}` : none}</td>
      {/* A spend that needs a missing rate reads "—" here; the cost column beside it names the rate, with its link. */}
      <td
        className="num"
        data-col="planVsSpent"
        title={row.spentMissingRates.map((rate) => t('money.missingRate', rate)).join(', ') || undefined}
      >
        {row.budgetTotal === null
          ? t('money.spentNoPlan', { spent: money(row.spent) })
          : t('money.planVsSpent', { spent: money(row.spent), plan: money(row.budgetTotal) })}
        {row.overBudget ? (
          <>
            {' '}
            <OverBudget spent={row.spent} budgetTotal={row.budgetTotal} currency={currency} />
          </>
        ) : null}
      </td>
      <td className="num" data-col="cost">
        {row.costReporting === null ? <MissingRates rates={row.missingRates} /> : money(row.costReporting)}
        {mixed ? (
          <span className="muted cost-by-currency" data-testid="cost-by-currency">
            {currencies.map(([c, amount]) => format.money(amount, c)).join(' + ')}
          </span>
        ) : null}
      </td>
      <td className="num" data-col="actions">
        {format.weight(row.actions)}
      </td>
      <td className="num" data-col="conversions">
        {format.weight(row.conversions)}
      </td>
      <td className="num" data-col="costPerConversion">
        {money(row.costPerConversion)}
      </td>
      <td className="num" data-col="roiPercent">
        {row.roiPercent === null ? none : format.percentValue(row.roiPercent)}
      </td>
    </tr>
  );
}

/** The totals: sums of what is known; a total that needs a missing rate is "none". */
export function RoiTotalsRow({ totals, currency }: { totals: ListTotals; currency: string }) {
  const { t } = useTranslation();
  const format = useAnalyticsFormat();
  const money = useMoney(currency);
  return (
    <tr data-testid="roi-totals">
      <th scope="row">{t('money.list.totals')}</th>
      <td />
      <td />
      <td className="num">
        {totals.budgetTotal === null
          ? money(totals.spent)
          : t('money.planVsSpent', { spent: money(totals.spent), plan: money(totals.budgetTotal) })}
      </td>
      <td className="num" data-col="cost">
        {money(totals.costReporting)}
      </td>
      <td className="num">{format.weight(totals.actions)}</td>
      <td className="num">{format.weight(totals.conversions)}</td>
      <td className="num">{money(totals.costPerConversion)}</td>
      <td className="num">{totals.roiPercent === null ? t('common.none') : format.percentValue(totals.roiPercent)}</td>
    </tr>
  );
}
