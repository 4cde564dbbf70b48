import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { ChannelInput } from '../../../src-shared/contract/index';
import { api } from '../api';
import type { TablesRead } from './invalidation';

// An organization's row is computed from these.
const ORGANIZATION_TABLES: TablesRead = ['organizations', 'developers', 'developer_stats', 'developer_merge_logs'];

export const organizationQueries = {
  all: () => ['organizations'] as const,
  list: (input: ChannelInput<'organizations:list'>) =>
    queryOptions({
      queryKey: [...organizationQueries.all(), 'list', input] as const,
      queryFn: () => api.call('organizations:list', input),
      meta: { tables: ORGANIZATION_TABLES },
      placeholderData: keepPreviousData,
    }),
  one: (orgId: string) =>
    queryOptions({
      queryKey: [...organizationQueries.all(), 'one', orgId] as const,
      queryFn: () => api.call('organizations:get', { orgId }),
      meta: { tables: ORGANIZATION_TABLES },
      retry: false,
    }),
};
