import { EmptyState, GoToImport } from '../../components/EmptyState';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAnalyticsToday, useHashQuery } from '../../analytics/hooks';
import { BucketSwitch, PeriodPicker } from '../../analytics/PeriodPicker';
import { exportFileStem } from '../../analytics/csv';
import { linkTo, periodParams, type PeriodState } from '../../analytics/url-state';
import { FunnelChart } from '../../components/charts/FunnelChart';
import { TrendChart } from '../../components/charts/TrendChart';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { analyticsQueries } from '../../queries/analytics';
import { systemQueries } from '../../queries/system';
import { hrefFor } from '../../routes';
import { isEmptyDatabase } from '../../lib/import-status';
import { useFirstPageMark } from '../../lib/first-page-mark';
import { SampleDataOffer } from '../../components/SampleDataOffer';
import { EmptyPeriodNotice } from '../../analytics/EmptyPeriodNotice';
import { KpiCards } from './KpiCards';
import { overviewInput } from './overview-input';
import { TopCampaigns } from './TopCampaigns';

export function OverviewPage() {
  const { t } = useTranslation();
  const { today } = useAnalyticsToday();
  return (
    <>
      <PageHeader title={t('nav.overview')} description={t('pages.overview.description')} />
      {today ? (
        <OverviewContent today={today} />
      ) : (
        <p role="status" className="loading">
          <span className="spinner" aria-hidden="true" />
          {t('overview.loading')}
        </p>
      )}
    </>
  );
}

function OverviewContent({ today }: { today: string }) {
  const { t } = useTranslation();
  const [params, update] = useHashQuery();
  const { periodState, input } = overviewInput(params, today);
  const { bucket, ...period } = input;
  const query = useQuery(analyticsQueries.overview(input));
  const presence = useQuery(systemQueries.dataPresence());
  const data = query.data;
  const emptyDatabase = isEmptyDatabase(presence.data);
  const periodLink = (base: string, extra: Record<string, string | null> = {}) => linkTo(base, { ...periodParams(periodState), ...extra });
  const setPeriod = (state: PeriodState) => update({ ...periodParams(state), bucket: null });
  // The Overview is the page the app opens on: its data (or the empty state) on screen is "started".
  useFirstPageMark(emptyDatabase || data !== undefined);

  if (emptyDatabase) {
    return (
      <>
        <EmptyState id="overview-empty-title" title={t('overview.emptyTitle')} body={t('overview.emptyBody')}>
          <ul className="empty-list">
            <li>{t('overview.emptyActivities')}</li>
            <li>{t('overview.emptyDevelopers')}</li>
            <li>{t('overview.emptyCampaigns')}</li>
          </ul>
          <p>
            <GoToImport />
          </p>
        </EmptyState>
        <SampleDataOffer
          // The Import page shows the sample's jobs as they run.
          onLoaded={() => {
            window.location.hash = hrefFor('import');
          }}
          startedText={() => t('imports.sample.startedElsewhere')}
        />
      </>
    );
  }

  return (
    <>
      <div className="analytics-controls" role="group" aria-label={t('overview.controlsLabel')}>
        <PeriodPicker state={periodState} today={today} onChange={setPeriod} />
        <BucketSwitch value={bucket} onChange={(b) => update({ bucket: b })} />
      </div>
      <p role="status" className={query.isPending ? 'loading' : 'visually-hidden'}>
        {query.isPending ? <span className="spinner" aria-hidden="true" /> : null}
        {query.isPending ? t('overview.loading') : query.isFetching ? t('common.refreshing') : ''}
      </p>
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} /> : null}
      {data ? (
        <div className="analytics-body" aria-busy={query.isFetching}>
          <KpiCards report={data} />
          {data.activities === 0 ? <EmptyPeriodNotice onShow={setPeriod} /> : null}
          <div className="chart-grid">
            <FunnelChart
              report={data.funnel}
              title={t('overview.funnelTitle')}
              fileStem={exportFileStem('funnel', period)}
              testId="overview-funnel"
              onSelectStage={(stage) => {
                window.location.assign(periodLink('#/funnel', { stage }));
              }}
              actions={
                <a className="chart-link" href={periodLink('#/funnel')}>
                  {t('overview.openFunnel')}
                </a>
              }
            />
            <TrendChart
              trend={data.trend}
              title={t('overview.trendTitle')}
              fileStem={exportFileStem(`activity-${bucket}`, period)}
              testId="overview-trend"
            />
          </div>
          <TopCampaigns rows={data.topCampaigns} campaignsHref={periodLink('#/campaigns')} />
        </div>
      ) : null}
    </>
  );
}
