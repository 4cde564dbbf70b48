import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { importQueries } from '../../queries/imports';
import { JobProgress } from './JobProgress';
import { StatusBadge } from './StatusBadge';
import { JobResult } from './JobResult';
import { isFinished } from '../../lib/import-status';
import { useImportProgress } from './use-import-progress';

/**
 * One job: live progress while it runs, then its result. Keyed by job id by
 * the page, so another job starts from a clean slate.
 */
export function JobPanel({ jobId }: { jobId: string }) {
  const { t } = useTranslation();
  const query = useQuery(importQueries.job(jobId));
  const live = useImportProgress(jobId);
  const job = query.data;

  return (
    <section className="card job-panel" aria-labelledby="import-job-title" aria-busy={job ? !isFinished(job.status) : true}>
      <h2 id="import-job-title" tabIndex={-1}>
        {job ? t('imports.result.title', { name: job.fileName }) : t('imports.result.loading')}
        {job ? <StatusBadge status={job.status} /> : null}
        {job?.dryRun ? <span className="tag">{t('imports.result.dryRunTag')}</span> : null}
      </h2>
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} /> : null}
      {job && !isFinished(job.status) ? <JobProgress job={job} live={live.view} /> : null}
      {job && isFinished(job.status) ? <JobResult job={job} /> : null}
    </section>
  );
}
