import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyPeriodNotice } from '../../analytics/EmptyPeriodNotice';
import { BreakdownSelect } from '../../analytics/BreakdownSelect';
import { readBreakdown } from '../../analytics/breakdown';
import { useAnalyticsToday, useHashQuery } from '../../analytics/hooks';
import { PeriodPicker } from '../../analytics/PeriodPicker';
import { exportFileStem } from '../../analytics/csv';
import {
  funnelFilterParams,
  periodParams,
  readFunnelFilters,
  readPeriod,
  type FunnelFilters,
  type PeriodState,
} from '../../analytics/url-state';
import { FunnelChart } from '../../components/charts/FunnelChart';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { analyticsQueries } from '../../queries/analytics';
import { campaignQueries } from '../../queries/campaigns';
import { FunnelBreakdownSection } from './FunnelBreakdownSection';
import { FunnelDevelopers } from './FunnelDevelopers';
import { FunnelTable } from './FunnelTable';
import { funnelInput, isEmptyFunnel } from './funnel-view';

export function FunnelPage() {
  const { t } = useTranslation();
  const { today } = useAnalyticsToday();
  return (
    <>
      <PageHeader title={t('nav.funnel')} description={t('pages.funnel.description')} />
      {today ? (
        <FunnelContent today={today} />
      ) : (
        <p role="status" className="loading">
          <span className="spinner" aria-hidden="true" />
          {t('funnel.loading')}
        </p>
      )}
    </>
  );
}

function FunnelContent({ today }: { today: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [params, update] = useHashQuery();
  const periodState = readPeriod(params, today);
  const period = periodState.period ?? { from: today, to: today };
  const filters = readFunnelFilters(params);
  const by = readBreakdown(params);
  const input = funnelInput(period, filters);
  // The page compares with the period before; the drill-down lists take the same filters without it.
  const query = useQuery(analyticsQueries.funnel({ ...input, compare: true }));
  const campaigns = useQuery(campaignQueries.list());
  const sources = useQuery(analyticsQueries.sources());
  const data = query.data;

  const setFilters = (next: Partial<FunnelFilters>) => update(funnelFilterParams({ ...filters, page: 0, ...next }));
  const setPeriod = (state: PeriodState) => update({ ...periodParams(state), page: null });
  // Opening a stage's list is pushed, so that Back closes it rather than leaving the Funnel page.
  const selectStage = (stage: string | null) => update(funnelFilterParams({ ...filters, stage, page: 0 }), { push: stage !== null });
  // The drop-off list too is pushed, so that Back closes it.
  const selectDropOff = (stage: string) => update(funnelFilterParams({ ...filters, stage, mode: 'dropOff', page: 0 }), { push: true });
  const campaignName = campaigns.data?.find((c) => c.campaignId === filters.campaignId)?.name;

  return (
    <>
      <form
        className="filter-bar analytics-controls"
        role="search"
        aria-label={t('funnel.filtersLabel')}
        onSubmit={(e) => e.preventDefault()}
      >
        <PeriodPicker state={periodState} today={today} onChange={setPeriod} />
        <div className="field">
          <label htmlFor={`${id}-campaign`}>{t('funnel.campaign')}</label>
          <select
            id={`${id}-campaign`}
            value={filters.campaignId ?? ''}
            onChange={(e) => setFilters({ campaignId: e.target.value || null })}
          >
            <option value="">{t('funnel.anyCampaign')}</option>
            {filters.campaignId && !campaignName ? <option value={filters.campaignId}>{t('funnel.unknownCampaign')}</option> : null}
            {campaigns.data?.map((c) => (
              <option key={c.campaignId} value={c.campaignId}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-source`}>{t('funnel.source')}</label>
          <select id={`${id}-source`} value={filters.source ?? ''} onChange={(e) => setFilters({ source: e.target.value || null })}>
            <option value="">{t('funnel.anySource')}</option>
            {filters.source && !sources.data?.includes(filters.source) ? <option value={filters.source}>{filters.source}</option> : null}
            {sources.data?.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <BreakdownSelect value={by} onChange={(next) => update({ by: next })} />
      </form>
      {campaigns.isError ? <ErrorAlert error={campaigns.error} /> : null}
      {sources.isError ? <ErrorAlert error={sources.error} /> : null}
      <p role="status" className={query.isPending ? 'loading' : 'visually-hidden'}>
        {query.isPending ? <span className="spinner" aria-hidden="true" /> : null}
        {query.isPending ? t('funnel.loading') : query.isFetching ? t('common.refreshing') : ''}
      </p>
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} /> : null}
      {data ? (
        <div className="analytics-body" aria-busy={query.isFetching}>
          {isEmptyFunnel(data) && !filters.campaignId && !filters.source ? <EmptyPeriodNotice onShow={setPeriod} /> : null}
          <FunnelChart
            report={data}
            title={campaignName ? t('funnel.chartTitleCampaign', { campaign: campaignName }) : t('funnel.chartTitle')}
            fileStem={exportFileStem(campaignName ? `funnel-${campaignName}` : 'funnel', period)}
            onSelectStage={selectStage}
            testId="funnel-chart"
          />
          <FunnelTable report={data} selected={filters.stage} onSelect={selectStage} onSelectDropOff={selectDropOff} />
          {by ? <FunnelBreakdownSection period={period} by={by} filtered={Boolean(filters.campaignId || filters.source)} /> : null}
          {filters.stage && data.stages.some((s) => s.key === filters.stage) ? (
            <FunnelDevelopers
              key={filters.stage}
              report={data}
              input={input}
              filters={filters}
              onMode={(mode) => setFilters({ stage: filters.stage, mode })}
              onPage={(page) => update({ page: page > 0 ? page : null })}
              onClose={() => selectStage(null)}
            />
          ) : null}
        </div>
      ) : null}
    </>
  );
}
