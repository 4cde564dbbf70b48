import { EmptyState, GoToImport } from '../../components/EmptyState';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { shownLanguage } from '../../i18n/language';
import type { DeveloperSort } from '../../../../src-shared/contract/developers';
import { useHashQuery } from '../../analytics/hooks';
import { hashWithQuery, withParams } from '../../analytics/url-state';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { developerMutations, developerQueries } from '../../queries/developers';
import { hrefFor } from '../../routes';
import { saveText } from '../../download';
import { BulkTags } from './BulkTags';
import { DeveloperFilters } from './DeveloperFilters';
import { DeveloperRows } from './DeveloperRows';
import { emptyFilters, filterInput, hasActiveFilters, listInput, PAGE_SIZE, type DeveloperFilterState } from './developer-view';
import { developerListParams, readDeveloperList, sortByHeader } from './list-state';
import { pageRange } from '../../lib/page-range';
import { OrgFilterChip } from './OrgFilterChip';

/**
 * The Developers list. Every filter, the sort and the page live in the
 * address (list-state.ts), so Back from a profile, a reload or a shared link
 * shows the same list; text fields write there once typing settles.
 */
export function DeveloperListPage() {
  const { t, i18n } = useTranslation();
  const [params, update] = useHashQuery();
  const { filters, page } = readDeveloperList(params);
  const query = useQuery(developerQueries.list(listInput(filters, page)));

  const exportCsv = useMutation({
    ...developerMutations.export(),
    onSuccess: ({ fileName, content }) => saveText(fileName, content),
  });

  // A new filter or sort starts at page one.
  const changeFilters = (next: DeveloperFilterState) => update(developerListParams({ filters: next, page: 0 }));
  const setPage = (next: number) => update(developerListParams({ filters, page: next }));
  const sortBy = (column: DeveloperSort) => changeFilters({ ...filters, ...sortByHeader(filters, column) });

  const data = query.data;
  const range = data ? pageRange(page, PAGE_SIZE, data.total) : null;
  const filtered = hasActiveFilters(filters);
  const progress = query.isPending ? t('developers.loading') : query.isFetching ? t('common.refreshing') : '';

  return (
    <>
      <PageHeader title={t('developers.title')} description={t('developers.description')}>
        <button
          type="button"
          className="button-secondary"
          onClick={() => exportCsv.mutate({ ...filterInput(filters), language: shownLanguage(i18n) })}
          disabled={exportCsv.isPending || !data?.total}
        >
          {exportCsv.isPending ? t('developers.exporting') : t('developers.exportCsv')}
        </button>
      </PageHeader>
      <DeveloperFilters filters={filters} onChange={changeFilters} />
      {filters.orgId ? (
        <OrgFilterChip
          orgId={filters.orgId}
          // Dropping the organization keeps the other filters.
          removeHref={hashWithQuery(
            hrefFor('developers'),
            withParams(params, developerListParams({ filters: { ...filters, orgId: '' }, page: 0 })),
          )}
        />
      ) : null}
      <p role="status" className={query.isPending ? 'loading' : 'visually-hidden'}>
        {query.isPending ? <span className="spinner" aria-hidden="true" /> : null}
        {progress}
      </p>
      {exportCsv.isError ? <ErrorAlert error={exportCsv.error} /> : null}
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} /> : null}
      {data && range ? (
        data.total === 0 ? (
          filtered ? (
            <EmptyState id="no-match-title" title={t('developers.noMatchTitle')} body={t('developers.noMatchBody')}>
              <button
                type="button"
                className="button-secondary"
                onClick={() => changeFilters({ ...emptyFilters, sort: filters.sort, reverse: filters.reverse })}
              >
                {t('developers.clearFilters')}
              </button>
            </EmptyState>
          ) : (
            <EmptyState id="no-developers-title" title={t('developers.emptyTitle')} body={t('developers.emptyBody')}>
              <p>
                <GoToImport />
              </p>
            </EmptyState>
          )
        ) : (
          <>
            <section aria-labelledby="developer-list-title" aria-busy={query.isFetching}>
              <div className="list-toolbar">
                <h2 id="developer-list-title" className="visually-hidden">
                  {t('developers.listLabel')}
                </h2>
                <p className="meta-line" data-testid="developer-range">
                  {t('developers.range', { from: range.from, to: range.to, total: range.total })}
                </p>
                <Pager range={range} onPage={setPage} />
              </div>
              <DeveloperRows rows={data.rows} firstIndex={range.from} total={range.total} filters={filters} onSort={sortBy} />
            </section>
            <BulkTags filters={filters} total={data.total} />
          </>
        )
      ) : null}
    </>
  );
}
