import { keepPreviousData, mutationOptions, queryOptions } from '@tanstack/react-query';
import type { ChannelInput } from '../../../src-shared/contract/index';
import type { TableName } from '../../../src-shared/contract/tables';
import { api } from '../api';
import { isFinished } from '../lib/import-status';
import { NO_TABLES } from './invalidation';

const JOB_TABLES: readonly TableName[] = ['import_jobs'];
const EVENT_TABLES: readonly TableName[] = ['resources'];

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
      meta: { tables: NO_TABLES },
      staleTime: Infinity,
    }),
  jobs: () =>
    queryOptions({
      queryKey: [...importQueries.all(), 'jobs'] as const,
      queryFn: () => api.call('import:list-jobs', {}),
      meta: { tables: JOB_TABLES },
      refetchInterval: (query) => (query.state.data?.some((job) => !isFinished(job.status)) ? POLL_MS : false),
    }),
  /** The connpass event a file names, its stored title and which title the import will keep. */
  checkEvent: (input: ChannelInput<'import:check-event'>) =>
    queryOptions({
      queryKey: [...importQueries.all(), 'check-event', input] as const,
      queryFn: () => api.call('import:check-event', input),
      meta: { tables: EVENT_TABLES },
      // While the user types, the last answer stays on screen instead of blinking away.
      placeholderData: keepPreviousData,
    }),
  job: (jobId: string) =>
    queryOptions({
      queryKey: [...importQueries.all(), 'job', jobId] as const,
      queryFn: () => api.call('import:get-job', { jobId }),
      meta: { tables: JOB_TABLES },
      refetchInterval: (query) => (query.state.data && !isFinished(query.state.data.status) ? POLL_MS : false),
    }),
};

export const importMutations = {
  cancel: (jobId: string) =>
    mutationOptions({ mutationKey: ['import:cancel', jobId], mutationFn: () => api.call('import:cancel', { jobId }) }),
  /** A format's empty CSV with its columns (a file to save). */
  template: () =>
    mutationOptions({
      mutationKey: ['import:get-template'],
      mutationFn: (type: ChannelInput<'import:get-template'>['type']) => api.call('import:get-template', { type }),
    }),
  /** Imports the sample data bundled with the app, through ordinary jobs. */
  loadSample: () => mutationOptions({ mutationKey: ['import:load-sample'], mutationFn: () => api.call('import:load-sample', {}) }),
};
