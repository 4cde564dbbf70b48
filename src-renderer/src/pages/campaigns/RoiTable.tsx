import { useTranslation } from 'react-i18next';
import type { RoiReport } from '../../../../src-shared/contract/campaigns';
import { exportFileStem, tableToCsv } from '../../analytics/csv';
import type { Period } from '../../analytics/period';
import { useAnalyticsFormat } from '../../analytics/use-analytics-format';
import { campaignHref, hrefFor } from '../../routes';
import { saveText } from '../../download';
import { roiTable } from './campaign-view';
import { useStageLabel } from '../../components/developer-bits';

interface RoiTableProps {
  report: RoiReport;
  period: Period | null;
  busy: boolean;
}

/**
 * One row per campaign and currency: cost is never added across currencies,
 * so a campaign with budgets in yen and dollars has two rows. A report, not
 * an editor: a campaign is edited or deleted on its own page, one click away.
 */
export function RoiTable({ report, period, busy }: RoiTableProps) {
  const { t } = useTranslation();
  const stageLabel = useStageLabel();
  const format = useAnalyticsFormat();
  const none = t('common.none');
  const withPercent = report.rows.some((r) => r.roiPercent !== null);
  const labels = {
    campaign: t('campaigns.columns.campaign'),
    currency: t('campaigns.columns.currency'),
    cost: t('campaigns.columns.cost'),
    actions: t('campaigns.columns.actions'),
    conversions: t('campaigns.columns.conversions'),
    costPerConversion: t('campaigns.columns.costPerConversion'),
    roiPerCost: t('campaigns.columns.roiPerCost'),
    roiPercent: t('campaigns.columns.roiPercent'),
  };
  const exportCsv = () =>
    saveText(`${exportFileStem(`roi-${report.model}-${report.lookbackDays}d`, period)}.csv`, tableToCsv(roiTable(report.rows, labels)));

  return (
    <section className="card" aria-labelledby="roi-title" aria-busy={busy}>
      <div className="chart-head">
        <h2 id="roi-title">{t('campaigns.roiTitle')}</h2>
        <div className="chart-actions">
          <button
            type="button"
            className="button-secondary button-small"
            onClick={exportCsv}
            aria-label={t('charts.exportCsvOf', { title: t('campaigns.roiTitle') })}
          >
            {t('charts.csv')}
          </button>
        </div>
      </div>
      <p className="hint">{t('campaigns.roiHint', { stage: stageLabel(report.conversionStage) })}</p>
      <div className="table-scroll">
        <table className="data-table roi-table" aria-labelledby="roi-title" data-testid="roi-table">
          <thead>
            <tr>
              <th scope="col">{labels.campaign}</th>
              <th scope="col">{labels.currency}</th>
              <th scope="col" className="num">
                {labels.cost}
              </th>
              <th scope="col" className="num">
                {labels.actions}
              </th>
              <th scope="col" className="num">
                {labels.conversions}
              </th>
              <th scope="col" className="num">
                {labels.costPerConversion}
              </th>
              <th scope="col" className="num">
                {labels.roiPerCost}
              </th>
              {withPercent ? (
                <th scope="col" className="num">
                  {labels.roiPercent}
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {report.rows.map((row) => {
              return (
                <tr key={`${row.campaignId}:${row.currency}`} data-campaign={row.campaign}>
                  <th scope="row">
                    <a href={campaignHref(row.campaignId)}>{row.campaign}</a>
                  </th>
                  <td>{row.currency}</td>
                  <td className="num" data-col="cost">
                    {format.money(row.cost, row.currency)}
                  </td>
                  <td className="num" data-col="actions">
                    {format.weight(row.actions)}
                  </td>
                  <td className="num" data-col="conversions">
                    {format.weight(row.conversions)}
                  </td>
                  <td className="num" data-col="costPerConversion">
                    {row.costPerConversion === null ? none : format.money(row.costPerConversion, row.currency)}
                  </td>
                  <td className="num" data-col="roiPerCost">
                    {row.roiPerCost === null ? none : format.ratio(row.roiPerCost)}
                  </td>
                  {withPercent ? (
                    <td className="num" data-col="roiPercent">
                      {row.roiPercent === null ? none : format.percentValue(row.roiPercent)}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {withPercent ? null : (
        <p className="hint">
          {t('campaigns.roiPercentHint')} <a href={hrefFor('settings')}>{t('campaigns.openSettings')}</a>
        </p>
      )}
    </section>
  );
}
