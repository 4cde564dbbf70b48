import { useTranslation } from 'react-i18next';
import type { RoiRow } from '../../../../src-shared/contract/campaigns';
import { useAnalyticsFormat } from '../../analytics/use-analytics-format';
import { campaignHref } from '../../routes';

/** The cheapest conversions in the period: up to five campaigns per currency (grouped by the core), by cost per conversion. */
export function TopCampaigns({ rows, campaignsHref }: { rows: RoiRow[]; campaignsHref: string }) {
  const { t } = useTranslation();
  const format = useAnalyticsFormat();
  const none = t('common.none');
  return (
    <section className="card top-campaigns" aria-labelledby="top-campaigns-title">
      <div className="chart-head">
        <h2 id="top-campaigns-title">{t('overview.topCampaigns')}</h2>
        <div className="chart-actions">
          <a className="chart-link" href={campaignsHref}>
            {t('overview.allCampaigns')}
          </a>
        </div>
      </div>
      {rows.length === 0 ? (
        <p className="muted">{t('overview.noTopCampaigns')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" aria-labelledby="top-campaigns-title">
            <thead>
              <tr>
                <th scope="col">{t('campaigns.columns.campaign')}</th>
                <th scope="col" className="num">
                  {t('campaigns.columns.cost')}
                </th>
                <th scope="col" className="num">
                  {t('campaigns.columns.conversions')}
                </th>
                <th scope="col" className="num">
                  {t('campaigns.columns.costPerConversion')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={`${row.campaignId}:${row.currency}`}>
                  <th scope="row">
                    <a href={campaignHref(row.campaignId)}>{row.campaign}</a>
                  </th>
                  <td className="num">{format.money(row.cost, row.currency)}</td>
                  <td className="num">{format.weight(row.conversions)}</td>
                  <td className="num">{row.costPerConversion === null ? none : format.money(row.costPerConversion, row.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
