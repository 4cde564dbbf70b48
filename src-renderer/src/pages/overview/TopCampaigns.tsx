import { useTranslation } from 'react-i18next';
import type { CampaignRoi } from '../../../../src-shared/contract/campaigns';
import { useAnalyticsFormat } from '../../analytics/use-analytics-format';
import { campaignHref } from '../../routes';

/** The cheapest conversions in the period: up to five campaigns by cost per conversion, in the reporting currency. */
export function TopCampaigns({ rows, campaignsHref }: { rows: CampaignRoi[]; campaignsHref: string }) {
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
                <tr key={row.campaignId}>
                  <th scope="row">
                    <a href={campaignHref(row.campaignId)}>{row.campaign}</a>
                  </th>
                  <td className="num">{row.costReporting === null ? none : format.money(row.costReporting, row.currencyReporting)}</td>
                  <td className="num">{format.weight(row.conversions)}</td>
                  <td className="num">
                    {row.costPerConversion === null ? none : format.money(row.costPerConversion, row.currencyReporting)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
