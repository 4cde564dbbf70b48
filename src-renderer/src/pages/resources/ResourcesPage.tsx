import { EmptyImportedList } from '../../components/EmptyState';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResourceRow } from '../../../../src-shared/contract/resources';
import type { ResourceSort } from '../../../../src-shared/contract/values';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { useDebounced } from '../../components/use-debounced';
import { pageRange } from '../../lib/page-range';
import { resourceMutations, resourceQueries } from '../../queries/resources';
import { useRouteParam } from '../../use-hash-route';
import { EditResourceDialog } from './EditResourceDialog';
import { MergeResourcePanel } from './MergeResourcePanel';
import { ResourceDetailPage } from './ResourceDetailPage';
import { ResourceFilters } from './ResourceFilters';
import { ResourceTable } from './ResourceTable';
import { categoryOptions, RESOURCE_PAGE_SIZE } from './resource-view';

/** `#/resources` is the list; `#/resources/<id>` is one resource's page. */
export function ResourcesPage() {
  const resourceId = useRouteParam();
  return resourceId ? <ResourceDetailPage key={resourceId} resourceId={resourceId} /> : <ResourceList />;
}

interface Notice {
  text: string;
  undoToken?: string;
}

function ResourceList() {
  const { t } = useTranslation();
  const id = useId();
  const [q, setQ] = useState('');
  const [category, setCategory] = useState('');
  const [groupKey, setGroupKey] = useState('');
  const [sort, setSort] = useState<ResourceSort>('lastActivity');
  const [page, setPage] = useState(0);
  const [editing, setEditing] = useState<ResourceRow | null>(null);
  const [merging, setMerging] = useState<ResourceRow | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const input = {
    q: useDebounced(q, 250),
    category: category || undefined,
    groupKey: groupKey || undefined,
    sort,
    page,
    pageSize: RESOURCE_PAGE_SIZE,
  };
  const query = useQuery(resourceQueries.list(input));
  const undo = useMutation({ ...resourceMutations.undoMerge(), onSuccess: () => setNotice({ text: t('resources.undone') }) });
  const data = query.data;
  const range = data ? pageRange(page, RESOURCE_PAGE_SIZE, data.total) : null;
  const filtering = q.trim() !== '' || category !== '' || groupKey !== '';

  return (
    <>
      <PageHeader title={t('resources.title')} description={t('resources.description')} />
      <ResourceFilters
        filters={{ q, category, groupKey, sort }}
        categories={data?.categories ?? []}
        groups={data?.groups ?? []}
        onChange={(next) => {
          if (next.q !== undefined) setQ(next.q);
          if (next.category !== undefined) setCategory(next.category);
          if (next.groupKey !== undefined) setGroupKey(next.groupKey);
          if (next.sort !== undefined) setSort(next.sort);
          setPage(0);
        }}
      />
      <div role="status" className={query.isPending ? 'loading' : notice ? 'notice' : 'visually-hidden'}>
        {query.isPending ? t('resources.loading') : notice?.text}
        {notice?.undoToken ? (
          <>
            {' '}
            <button
              type="button"
              className="button-secondary button-small"
              disabled={undo.isPending}
              onClick={() => undo.mutate(notice.undoToken!)}
            >
              {t('resources.undo')}
            </button>
          </>
        ) : null}
      </div>
      {undo.isError ? <ErrorAlert error={undo.error} /> : null}
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} /> : null}
      {data && range ? (
        data.total === 0 ? (
          <EmptyImportedList id={`${id}-empty`} room="resources" narrowed={filtering} />
        ) : (
          <section aria-labelledby={`${id}-list`} aria-busy={query.isFetching}>
            <div className="list-toolbar">
              <h2 id={`${id}-list`} className="visually-hidden">
                {t('resources.listLabel')}
              </h2>
              <p className="meta-line" data-testid="resource-range">
                {t('resources.range', { from: range.from, to: range.to, total: range.total })}
              </p>
              <Pager range={range} onPage={setPage} />
            </div>
            <ResourceTable rows={data.rows} labelledBy={`${id}-list`} onEdit={setEditing} onMerge={setMerging} />
          </section>
        )
      ) : null}
      {editing ? (
        <EditResourceDialog
          key={editing.resourceId}
          resource={editing}
          categories={categoryOptions(data?.categories ?? [])}
          onClose={(text) => {
            setEditing(null);
            if (text) setNotice({ text });
          }}
        />
      ) : null}
      {merging ? (
        <MergeResourcePanel
          key={merging.resourceId}
          from={merging}
          onClose={(done) => {
            setMerging(null);
            if (done) setNotice(done);
          }}
        />
      ) : null}
    </>
  );
}
