import { keepPreviousData, mutationOptions, queryOptions } from '@tanstack/react-query';
import type { ChannelInput } from '../../../src-shared/contract/index';
import type { TableName } from '../../../src-shared/contract/tables';
import { api } from '../api';

// An organization's row is computed from these.
const ORGANIZATION_TABLES: readonly TableName[] = ['organizations', 'developers', 'developer_stats', 'developer_merge_logs'];

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
  /** An organization's page: its row, stage mix and activity trend (activities and the stage map too). */
  detail: (input: ChannelInput<'organizations:get-detail'>) =>
    queryOptions({
      queryKey: [...organizationQueries.all(), 'detail', input] as const,
      queryFn: () => api.call('organizations:get-detail', input),
      meta: { tables: [...ORGANIZATION_TABLES, 'activities', 'activity_funnel_map', 'app.tenant_settings'] satisfies TableName[] },
      placeholderData: keepPreviousData,
      retry: false,
    }),
};

export const organizationMutations = {
  rename: (orgId: string) =>
    mutationOptions({
      mutationKey: ['organizations:rename', orgId],
      mutationFn: (name: string) => api.call('organizations:rename', { orgId, name }),
    }),
  /** Moves every developer of `fromId` into the organization the page chose. */
  mergeInto: <T extends { orgId: string }>(fromId: string) =>
    mutationOptions({
      mutationKey: ['organizations:merge', fromId],
      mutationFn: (into: T) => api.call('organizations:merge', { intoId: into.orgId, fromId }),
    }),
};
