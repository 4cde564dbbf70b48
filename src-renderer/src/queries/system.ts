import { queryOptions } from '@tanstack/react-query';
import { api } from '../api';
import { ALL_TABLES } from './invalidation';

export const systemQueries = {
  all: () => ['system'] as const,
  status: () =>
    queryOptions({
      queryKey: [...systemQueries.all(), 'status'] as const,
      queryFn: () => api.call('system:get-status', {}),
      // Row counts cover every table, so any write anywhere changes the answer.
      meta: { tables: ALL_TABLES },
    }),
  /** Whether anything is imported, for empty states: cheap, unlike the status's exact counts. */
  dataPresence: () =>
    queryOptions({
      queryKey: [...systemQueries.all(), 'data-presence'] as const,
      queryFn: () => api.call('system:get-data-presence', {}),
      meta: { tables: ['developers', 'activities'] },
    }),
};
