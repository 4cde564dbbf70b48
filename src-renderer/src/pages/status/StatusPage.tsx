import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useFormatters } from '../../format';
import { systemQueries } from '../../queries/system';
import { BackupSummary } from './BackupSummary';
import { StatusDetails } from './StatusDetails';
import { toStatusView } from './status-view';

export function StatusPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const query = useQuery(systemQueries.status());
  const view = useMemo(() => (query.data ? toStatusView(query.data) : null), [query.data]);
  const refetch = () => void query.refetch();

  // One live region that always exists, so screen readers hear loading and refreshing.
  const progress = query.isPending ? t('status.loading') : query.isFetching ? t('common.refreshing') : '';

  return (
    <>
      <PageHeader title={t('status.title')} description={t('status.description')}>
        {view ? (
          <button type="button" onClick={refetch} disabled={query.isFetching}>
            {query.isFetching ? t('common.refreshing') : t('common.refresh')}
          </button>
        ) : null}
      </PageHeader>
      <p role="status" className={query.isPending ? 'loading' : 'visually-hidden'}>
        {query.isPending ? <span className="spinner" aria-hidden="true" /> : null}
        {progress}
      </p>
      {query.isError ? <ErrorAlert error={query.error} onRetry={refetch} retrying={query.isFetching} /> : null}
      <BackupSummary />
      {view ? (
        <div aria-busy={query.isFetching}>
          <p className="meta-line">{t('status.updatedAt', { time: format.dateTime(new Date(query.dataUpdatedAt)) })}</p>
          <StatusDetails view={view} />
        </div>
      ) : null}
    </>
  );
}
