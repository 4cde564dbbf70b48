import { keepPreviousData, mutationOptions, queryOptions } from '@tanstack/react-query';
import type { ChannelInput } from '../../../src-shared/contract/index';
import type { TableName } from '../../../src-shared/contract/tables';
import { api } from '../api';

// A resource's row and reports are computed from these.
const RESOURCE_TABLES: readonly TableName[] = ['resources', 'activities', 'campaigns', 'activity_campaigns'];
const REPORT_TABLES: readonly TableName[] = [
  ...RESOURCE_TABLES,
  'developers',
  'derived.developer_search',
  'activity_funnel_map',
  'app.tenant_settings',
  'developer_merge_logs',
];

export const resourceQueries = {
  all: () => ['resources'] as const,
  choices: () =>
    queryOptions({
      queryKey: [...resourceQueries.all(), 'choices'] as const,
      queryFn: () => api.call('resources:list-choices', {}),
      meta: { tables: ['resources'] satisfies TableName[] },
    }),
  list: (input: ChannelInput<'resources:list'>) =>
    queryOptions({
      queryKey: [...resourceQueries.all(), 'list', input] as const,
      queryFn: () => api.call('resources:list', input),
      meta: { tables: RESOURCE_TABLES },
      placeholderData: keepPreviousData,
    }),
  report: (input: ChannelInput<'resources:get-report'>) =>
    queryOptions({
      queryKey: [...resourceQueries.all(), 'report', input] as const,
      queryFn: () => api.call('resources:get-report', input),
      meta: { tables: REPORT_TABLES },
      placeholderData: keepPreviousData,
      retry: false,
    }),
};

export const resourceMutations = {
  update: () =>
    mutationOptions({
      mutationKey: ['resources:update'],
      mutationFn: (input: ChannelInput<'resources:update'>) => api.call('resources:update', input),
    }),
  merge: () =>
    mutationOptions({
      mutationKey: ['resources:merge'],
      mutationFn: (input: ChannelInput<'resources:merge'>) => api.call('resources:merge', input),
    }),
  undoMerge: () =>
    mutationOptions({
      mutationKey: ['resources:undo-merge'],
      mutationFn: (undoToken: string) => api.call('resources:undo-merge', { undoToken }),
    }),
};
