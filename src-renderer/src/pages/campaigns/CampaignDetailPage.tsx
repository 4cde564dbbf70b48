import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignDetail } from '../../../../src-shared/contract/campaigns';
import { useAnalyticsToday, useHashQuery } from '../../analytics/hooks';
import { BucketSwitch, PeriodPicker } from '../../analytics/PeriodPicker';
import { periodParams, readBucket, readPeriod } from '../../analytics/url-state';
import { useAnalyticsFormat } from '../../analytics/use-analytics-format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { isMissingRecord } from '../../components/error-view';
import { MissingRecord } from '../../components/MissingRecord';
import { PageHeader } from '../../components/PageHeader';
import { campaignQueries } from '../../queries/campaigns';
import { developerHref, hrefFor } from '../../routes';
import { DeveloperNameText } from '../../components/developer-bits';
import { BudgetSection } from './BudgetSection';
import { CampaignCharts } from './CampaignCharts';
import { CampaignFacts } from './CampaignFacts';
import { CampaignForm } from './CampaignForm';
import { DeleteCampaignDialog, type DeletedCampaign } from './DeleteCampaign';

interface CampaignDetailPageProps {
  campaignId: string;
  notice: ReactNode;
  onDeleted(deleted: DeletedCampaign): void;
}

export function CampaignDetailPage({ campaignId, notice, onDeleted }: CampaignDetailPageProps) {
  const { t } = useTranslation();
  const { today } = useAnalyticsToday();
  const [params, update] = useHashQuery();
  const periodState = readPeriod(params, today ?? '2000-01-01', 'all', true);
  const bucket = readBucket(params, periodState.period, 'month');
  const query = useQuery({
    ...campaignQueries.detail({ campaignId, ...(periodState.period ?? {}), bucket }),
    enabled: today !== null,
  });
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const data = query.data;
  const missing = query.isError && isMissingRecord(query.error);

  return (
    <>
      <p className="back-link">
        <a href={hrefFor('campaigns')}>← {t('campaigns.back')}</a>
      </p>
      {/* One heading element throughout, so focus moved to it survives the data arriving. */}
      <PageHeader title={data ? data.campaign.name : missing ? t('campaigns.detail.missingTitle') : t('nav.campaigns')}>
        {data ? (
          <>
            <button type="button" className="button-secondary" onClick={() => setEditing(true)} disabled={editing}>
              {t('campaigns.edit')}
            </button>
            <button type="button" className="button-secondary" onClick={() => setDeleting(true)}>
              {t('campaigns.deleteButton')}
            </button>
          </>
        ) : null}
      </PageHeader>
      {notice}
      <p role="status" className={query.isPending ? 'loading' : 'visually-hidden'}>
        {query.isPending ? <span className="spinner" aria-hidden="true" /> : null}
        {query.isPending ? t('campaigns.detail.loading') : query.isFetching ? t('common.refreshing') : ''}
      </p>
      {missing ? (
        <MissingRecord
          body={t('campaigns.detail.missingBody')}
          backHref={hrefFor('campaigns')}
          backLabel={t('campaigns.detail.missingBack')}
        />
      ) : null}
      {query.isError && !missing ? (
        <ErrorAlert error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />
      ) : null}
      {data && editing ? <CampaignForm campaign={data.campaign} onDone={() => setEditing(false)} /> : null}
      {data && today ? (
        <>
          <CampaignFacts detail={data} />
          <div className="filter-bar analytics-controls" role="group" aria-label={t('campaigns.controlsLabel')}>
            <PeriodPicker state={periodState} today={today} allowAll onChange={(s) => update({ ...periodParams(s), bucket: null })} />
            <BucketSwitch value={bucket} onChange={(b) => update({ bucket: b })} />
          </div>
          <div className="analytics-body" aria-busy={query.isFetching}>
            <CampaignCharts detail={data} bucket={bucket} period={periodState.period} />
            <TopDevelopers detail={data} />
            <BudgetSection campaignId={campaignId} budgets={data.budgets} today={today} />
          </div>
          <DeleteCampaignDialog
            campaign={deleting ? data.campaign : null}
            onClose={() => setDeleting(false)}
            onDeleted={(deleted) => {
              onDeleted(deleted);
              window.location.hash = hrefFor('campaigns');
            }}
          />
        </>
      ) : null}
    </>
  );
}

function TopDevelopers({ detail }: { detail: CampaignDetail }) {
  const { t } = useTranslation();
  const format = useAnalyticsFormat();
  return (
    <section className="card" aria-labelledby="top-developers-title">
      <h2 id="top-developers-title">{t('campaigns.detail.topDevelopers')}</h2>
      {detail.topDevelopers.length === 0 ? (
        <p className="muted">{t('campaigns.detail.noDevelopers')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" aria-labelledby="top-developers-title">
            <thead>
              <tr>
                <th scope="col">{t('developers.columns.name')}</th>
                <th scope="col" className="num">
                  {t('campaigns.columns.actions')}
                </th>
                <th scope="col" className="num">
                  {t('campaigns.columns.conversions')}
                </th>
              </tr>
            </thead>
            <tbody>
              {detail.topDevelopers.map((d) => (
                <tr key={d.developerId}>
                  <th scope="row">
                    <a href={developerHref(d.developerId)}>
                      <DeveloperNameText dev={{ displayName: d.displayName, primaryEmail: null }} />
                    </a>
                  </th>
                  <td className="num">{format.weight(d.actions)}</td>
                  <td className="num">{format.weight(d.conversions)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
