import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { shownLanguage } from '../../i18n/language';
import type { ChannelInput } from '../../../../src-shared/contract/index';
import type { FunnelReport } from '../../../../src-shared/contract/analytics';
import { funnelListModes } from '../../../../src-shared/contract/values';
import type { FunnelFilters, FunnelListMode } from '../../analytics/url-state';
import { useStageName } from '../../analytics/use-stage-name';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Pager } from '../../components/Pager';
import { analyticsMutations, analyticsQueries } from '../../queries/analytics';
import { developerHref } from '../../routes';
import { DeveloperNameText, StageBadge, ShownDate } from '../../components/developer-bits';
import { pageRange } from '../../lib/page-range';
import { saveText } from '../../download';
import { FUNNEL_PAGE_SIZE, funnelDevelopersInput } from './funnel-view';

interface FunnelDevelopersProps {
  report: FunnelReport;
  input: ChannelInput<'analytics:get-funnel'>;
  filters: FunnelFilters;
  onMode(mode: FunnelListMode): void;
  onPage(page: number): void;
  onClose(): void;
}

/** The developers behind one stage of the funnel, paged, with their profiles one click away and a CSV export. */
export function FunnelDevelopers({ report, input, filters, onMode, onPage, onClose }: FunnelDevelopersProps) {
  const { t, i18n } = useTranslation();
  const stageName = useStageName();
  const id = useId();
  const stage = report.stages.find((s) => s.key === filters.stage)!;
  const name = stageName(stage);
  const listInput = funnelDevelopersInput(input, filters);
  const query = useQuery(analyticsQueries.funnelDevelopers(listInput));
  const exportCsv = useMutation({
    ...analyticsMutations.exportFunnelDevelopers(),
    onSuccess: ({ fileName, content }) => saveText(fileName, content),
  });
  const data = query.data;
  const range = data ? pageRange(filters.page, FUNNEL_PAGE_SIZE, data.total) : null;
  const title =
    filters.mode === 'reached'
      ? t('funnel.listReached', { stage: name })
      : filters.mode === 'dropOff'
        ? t('funnel.listDropOff', { stage: name })
        : t('funnel.listAtOrBeyond', { stage: name });
  const none = <span className="muted">{t('common.none')}</span>;
  const heading = useRef<HTMLHeadingElement>(null);
  // The list opens below the chart and table, out of sight: bring it into view and tell screen readers.
  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'start', behavior: 'auto' });
    heading.current?.focus({ preventScroll: true });
  }, []);

  return (
    <section
      className="card funnel-developers"
      aria-labelledby={`${id}-title`}
      aria-busy={query.isFetching}
      data-testid="funnel-developers"
    >
      <div className="chart-head">
        <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
          {title}
        </h2>
        <div className="chart-actions">
          <button
            type="button"
            className="button-secondary button-small"
            onClick={() => exportCsv.mutate({ ...input, stageKey: stage.key, mode: filters.mode, language: shownLanguage(i18n) })}
            disabled={exportCsv.isPending || !data?.total}
          >
            {exportCsv.isPending ? t('developers.exporting') : t('funnel.exportCsv')}
          </button>
          <button type="button" className="button-secondary button-small" onClick={onClose}>
            {t('funnel.closeList')}
          </button>
        </div>
      </div>
      <fieldset className="segmented">
        <legend className="visually-hidden">{t('funnel.modeLabel')}</legend>
        {funnelListModes.map((mode) => (
          <label key={mode} className={mode === filters.mode ? 'segment selected' : 'segment'}>
            <input type="radio" name={`${id}-mode`} value={mode} checked={mode === filters.mode} onChange={() => onMode(mode)} />
            {t(`funnel.modes.${mode}`)}
          </label>
        ))}
      </fieldset>
      {exportCsv.isError ? <ErrorAlert error={exportCsv.error} /> : null}
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} /> : null}
      {query.isPending ? <p className="loading">{t('common.loading')}</p> : null}
      {data && range ? (
        data.total === 0 ? (
          <p className="muted">{t('funnel.noDevelopers')}</p>
        ) : (
          <>
            <div className="list-toolbar">
              <p className="meta-line" data-testid="funnel-developers-range">
                {t('developers.range', { from: range.from, to: range.to, total: range.total })}
              </p>
              <Pager range={range} onPage={onPage} />
            </div>
            <div className="table-scroll">
              <table className="data-table" aria-labelledby={`${id}-title`}>
                <thead>
                  <tr>
                    <th scope="col">{t('developers.columns.name')}</th>
                    <th scope="col">{t('developers.columns.organization')}</th>
                    <th scope="col">{t('funnel.columns.highestStage')}</th>
                    <th scope="col">{t('developers.columns.lastActivity')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.rows.map((row) => (
                    <tr key={row.developerId}>
                      <th scope="row">
                        <a href={developerHref(row.developerId)}>
                          <DeveloperNameText dev={row} />
                        </a>
                        {row.displayName && row.primaryEmail ? <span className="cell-subline">{row.primaryEmail}</span> : null}
                      </th>
                      <td>{row.organization ?? none}</td>
                      <td>
                        <StageBadge stage={row.stage} />
                      </td>
                      <td>
                        <ShownDate iso={row.lastActionAt} fallback={t('developers.noActivity')} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )
      ) : null}
    </section>
  );
}
