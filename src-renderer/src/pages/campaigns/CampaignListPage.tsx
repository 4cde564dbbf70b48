import { EmptyState, GoToImport } from '../../components/EmptyState';
import { useQuery } from '@tanstack/react-query';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { attributionModels, type AttributionModelName } from '../../../../src-shared/contract/values';
import { BreakdownSelect } from '../../analytics/BreakdownSelect';
import { readBreakdown } from '../../analytics/breakdown';
import { useAnalyticsToday, useHashQuery } from '../../analytics/hooks';
import { PeriodPicker } from '../../analytics/PeriodPicker';
import { periodParams, readPeriod, readRoiOptions, type PeriodState } from '../../analytics/url-state';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { campaignQueries } from '../../queries/campaigns';
import { campaignHref, hrefFor } from '../../routes';
import { CampaignForm } from './CampaignForm';
import { lookbackChoices } from './campaign-view';
import { CampaignResults } from './CampaignResults';
import { RoiBreakdownSection } from './RoiBreakdownSection';

/** The ROI of every campaign, and the way to a new one; each campaign is edited on its own page. */
export function CampaignListPage({ notice }: { notice: ReactNode }) {
  const { t } = useTranslation();
  const { today } = useAnalyticsToday();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader title={t('nav.campaigns')} description={t('pages.campaigns.description')}>
        <button type="button" onClick={() => setCreating(true)} disabled={creating}>
          {t('campaigns.new')}
        </button>
        <a className="button-link button-secondary" href={hrefFor('import')}>
          {t('campaigns.importBudgets')}
        </a>
      </PageHeader>
      {notice}
      {creating ? (
        <CampaignForm
          campaign={null}
          onDone={(saved) => {
            setCreating(false);
            if (saved) window.location.hash = campaignHref(saved.campaignId);
          }}
        />
      ) : null}
      {today ? (
        <CampaignListContent today={today} onNew={() => setCreating(true)} />
      ) : (
        <p role="status" className="loading">
          <span className="spinner" aria-hidden="true" />
          {t('campaigns.loading')}
        </p>
      )}
    </>
  );
}

function CampaignListContent({ today, onNew }: { today: string; onNew(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [params, update] = useHashQuery();
  const periodState = readPeriod(params, today, 'all', true);
  const options = readRoiOptions(params);
  const by = readBreakdown(params);
  const input = {
    ...(periodState.period ?? {}),
    ...(options.model ? { model: options.model } : {}),
    ...(options.lookbackDays ? { lookbackDays: options.lookbackDays } : {}),
  };
  const roi = useQuery(campaignQueries.roi(input));
  const report = roi.data;
  const model = options.model ?? report?.model ?? 'linear';
  const lookback = options.lookbackDays ?? report?.lookbackDays ?? 30;

  return (
    <>
      <form className="filter-bar analytics-controls" aria-label={t('campaigns.controlsLabel')} onSubmit={(e) => e.preventDefault()}>
        <PeriodPicker state={periodState} today={today} allowAll onChange={(s: PeriodState) => update(periodParams(s))} />
        <div className="field">
          <label htmlFor={`${id}-model`}>{t('campaigns.model')}</label>
          <select id={`${id}-model`} value={model} onChange={(e) => update({ model: e.target.value as AttributionModelName })}>
            {attributionModels.map((m) => (
              <option key={m} value={m}>
                {t(`campaigns.models.${m}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-lookback`}>{t('campaigns.lookback')}</label>
          <select id={`${id}-lookback`} value={lookback} onChange={(e) => update({ lookback: Number(e.target.value) })}>
            {lookbackChoices(lookback).map((days) => (
              <option key={days} value={days}>
                {t('campaigns.lookbackDays', { days })}
              </option>
            ))}
          </select>
        </div>
        <BreakdownSelect value={by} onChange={(next) => update({ by: next })} />
      </form>
      <p className="hint model-hint">{t(`campaigns.modelHints.${model}`)}</p>
      <p role="status" className={roi.isPending ? 'loading' : 'visually-hidden'}>
        {roi.isPending ? <span className="spinner" aria-hidden="true" /> : null}
        {roi.isPending ? t('campaigns.loading') : roi.isFetching ? t('common.refreshing') : ''}
      </p>
      {roi.isError ? <ErrorAlert error={roi.error} onRetry={() => void roi.refetch()} retrying={roi.isFetching} /> : null}
      {report ? (
        report.campaigns.length === 0 ? (
          <EmptyState id={`${id}-empty`} title={t('campaigns.emptyTitle')} body={t('campaigns.emptyBody')}>
            <div className="button-row">
              <button type="button" onClick={onNew}>
                {t('campaigns.new')}
              </button>
              <GoToImport secondary />
            </div>
          </EmptyState>
        ) : (
          <>
            <CampaignResults report={report} period={periodState.period} busy={roi.isFetching} />
            {by ? <RoiBreakdownSection input={input} by={by} period={periodState.period} /> : null}
          </>
        )
      ) : null}
    </>
  );
}
