import { EmptyImportedList } from '../../components/EmptyState';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganizationRow } from '../../../../src-shared/contract/organizations';
import { Pager } from '../../components/Pager';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { organizationQueries } from '../../queries/organizations';
import { pageRange } from '../../lib/page-range';
import { useDebounced } from '../../components/use-debounced';
import { useRouteParam } from '../../use-hash-route';
import { MergePanel } from './MergePanel';
import { OrganizationDetailPage } from './OrganizationDetailPage';
import { ORG_PAGE_SIZE } from './organization-view';
import { OrganizationTable } from './OrganizationTable';

/** `#/organizations` is the list; `#/organizations/<id>` is one organization's page. */
export function OrganizationsPage() {
  const orgId = useRouteParam();
  return orgId ? <OrganizationDetailPage key={orgId} orgId={orgId} /> : <OrganizationList />;
}

function OrganizationList() {
  const { t } = useTranslation();
  const id = useId();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(0);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [merging, setMerging] = useState<OrganizationRow | null>(null);
  const [notice, setNotice] = useState('');
  const query = useQuery(organizationQueries.list({ q: useDebounced(q, 250), page, pageSize: ORG_PAGE_SIZE }));

  const data = query.data;
  const range = data ? pageRange(page, ORG_PAGE_SIZE, data.total) : null;

  return (
    <>
      <PageHeader title={t('organizations.title')} description={t('organizations.description')} />
      <form className="filter-bar" role="search" aria-label={t('organizations.searchLabel')} onSubmit={(e) => e.preventDefault()}>
        <div className="field filter-search">
          <label htmlFor={`${id}-q`}>{t('organizations.searchLabel')}</label>
          <input
            id={`${id}-q`}
            type="search"
            value={q}
            placeholder={t('organizations.searchPlaceholder')}
            autoComplete="off"
            onChange={(e) => {
              setQ(e.target.value);
              setPage(0);
            }}
          />
        </div>
      </form>
      <p role="status" className={query.isPending ? 'loading' : notice ? '' : 'visually-hidden'}>
        {query.isPending ? t('organizations.loading') : notice}
      </p>
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} /> : null}
      {data && range ? (
        data.total === 0 ? (
          <EmptyImportedList id={`${id}-empty`} room="organizations" narrowed={q.trim() !== ''} />
        ) : (
          <section aria-labelledby={`${id}-list`} aria-busy={query.isFetching}>
            <div className="list-toolbar">
              <h2 id={`${id}-list`} className="visually-hidden">
                {t('organizations.listLabel')}
              </h2>
              <p className="meta-line" data-testid="organization-range">
                {t('developers.range', { from: range.from, to: range.to, total: range.total })}
              </p>
              <Pager range={range} onPage={setPage} />
            </div>
            <OrganizationTable
              rows={data.rows}
              labelledBy={`${id}-list`}
              renaming={renaming}
              onRename={setRenaming}
              onRenamed={(name) => setNotice(t('organizations.renamed', { name }))}
              onMerge={setMerging}
            />
          </section>
        )
      ) : null}
      {merging ? (
        <MergePanel
          key={merging.orgId}
          from={merging}
          onClose={(message) => {
            setMerging(null);
            if (message) setNotice(message);
          }}
        />
      ) : null}
    </>
  );
}
