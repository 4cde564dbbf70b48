import { useMutation, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { shownLanguage } from '../../i18n/language';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { developerMutations, developerQueries } from '../../queries/developers';
import { hrefFor } from '../../routes';
import { saveText } from '../../download';
import { DeveloperFilters } from './DeveloperFilters';
import { DeveloperRows } from './DeveloperRows';
import { emptyFilters, filterInput, hasActiveFilters, listInput, PAGE_SIZE, type DeveloperFilterState } from './developer-view';
import { pageRange } from '../../lib/page-range';
import { OrgFilterChip } from './OrgFilterChip';
import { useDebounced } from '../../components/use-debounced';
import { useOrgFilter } from './use-org-filter';

export function DeveloperListPage() {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<DeveloperFilterState>(emptyFilters);
  const [page, setPage] = useState(0);
  // The organization comes with the address (the Organizations page links here); a new one starts at page one.
  const orgId = useOrgFilter() ?? '';
  const [pagedOrg, setPagedOrg] = useState(orgId);
  if (pagedOrg !== orgId) {
    setPagedOrg(orgId);
    setPage(0);
  }
  // Text fields settle before they query; selects apply at once.
  const q = useDebounced(filters.q, 250);
  const tag = useDebounced(filters.tag, 250);
  const applied = useMemo(() => ({ ...filters, q, tag, orgId }), [filters, q, tag, orgId]);
  const query = useQuery(developerQueries.list(listInput(applied, page)));

  const exportCsv = useMutation({
    ...developerMutations.export(),
    onSuccess: ({ fileName, content }) => saveText(fileName, content),
  });

  const changeFilters = (next: DeveloperFilterState) => {
    setFilters(next);
    setPage(0);
  };

  const data = query.data;
  const range = data ? pageRange(page, PAGE_SIZE, data.total) : null;
  const filtered = hasActiveFilters(applied);
  const progress = query.isPending ? t('developers.loading') : query.isFetching ? t('common.refreshing') : '';

  return (
    <>
      <PageHeader title={t('developers.title')} description={t('developers.description')}>
        <button
          type="button"
          className="button-secondary"
          onClick={() => exportCsv.mutate({ ...filterInput(applied), language: shownLanguage(i18n) })}
          disabled={exportCsv.isPending || !data?.total}
        >
          {exportCsv.isPending ? t('developers.exporting') : t('developers.exportCsv')}
        </button>
      </PageHeader>
      <DeveloperFilters filters={filters} onChange={changeFilters} />
      {orgId ? <OrgFilterChip orgId={orgId} /> : null}
      <p role="status" className={query.isPending ? 'loading' : 'visually-hidden'}>
        {query.isPending ? <span className="spinner" aria-hidden="true" /> : null}
        {progress}
      </p>
      {exportCsv.isError ? <ErrorAlert error={exportCsv.error} /> : null}
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} /> : null}
      {data && range ? (
        data.total === 0 ? (
          filtered ? (
            <section className="empty-state" aria-labelledby="no-match-title">
              <h2 id="no-match-title">{t('developers.noMatchTitle')}</h2>
              <p>{t('developers.noMatchBody')}</p>
              <button
                type="button"
                className="button-secondary"
                onClick={() => {
                  changeFilters({ ...emptyFilters, sort: filters.sort });
                  if (orgId) window.location.hash = hrefFor('developers');
                }}
              >
                {t('developers.clearFilters')}
              </button>
            </section>
          ) : (
            <section className="empty-state" aria-labelledby="no-developers-title">
              <h2 id="no-developers-title">{t('developers.emptyTitle')}</h2>
              <p>{t('developers.emptyBody')}</p>
              <p>
                <a className="button-link" href={hrefFor('import')}>
                  {t('developers.goToImport')}
                </a>
              </p>
            </section>
          )
        ) : (
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
            <DeveloperRows rows={data.rows} firstIndex={range.from} total={range.total} />
          </section>
        )
      ) : null}
    </>
  );
}
