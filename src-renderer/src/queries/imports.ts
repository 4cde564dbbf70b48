import { queryOptions } from '@tanstack/react-query';
import { api } from '../api';
import { isFinished } from '../lib/import-status';
import type { TablesRead } from './invalidation';

const JOB_TABLES: TablesRead = ['import_jobs'];

// A running job's counters change with every batch, but `db:changed` only comes
// when it ends; polling while something runs covers the time between.
const POLL_MS = 1500;

export const importQueries = {
  all: () => ['imports'] as const,
  formats: () =>
    queryOptions({
      queryKey: [...importQueries.all(), 'formats'] as const,
      queryFn: () => api.call('import:list-formats', {}),
      // Fixed by the app version: no table feeds it.
      meta: { tables: [] },
      staleTime: Infinity,
    }),
  jobs: () =>
    queryOptions({
      queryKey: [...importQueries.all(), 'jobs'] as const,
      queryFn: () => api.call('import:list-jobs', {}),
      meta: { tables: JOB_TABLES },
      refetchInterval: (query) => (query.state.data?.some((job) => !isFinished(job.status)) ? POLL_MS : false),
    }),
  job: (jobId: string) =>
    queryOptions({
      queryKey: [...importQueries.all(), 'job', jobId] as const,
      queryFn: () => api.call('import:get-job', { jobId }),
      meta: { tables: JOB_TABLES },
      refetchInterval: (query) => (query.state.data && !isFinished(query.state.data.status) ? POLL_MS : false),
    }),
};
