import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { ChannelInput } from '../../../src-shared/contract/index';
import { api } from '../api';
import type { TablesRead } from './invalidation';

// What a developer's row, profile and timeline are computed from.
const DEVELOPER_TABLES: TablesRead = [
  'developers',
  'accounts',
  'developer_identifiers',
  'activities',
  'developer_stats',
  'developer_merge_logs',
  'organizations',
];
const MERGE_LOG_TABLES: TablesRead = ['developer_merge_logs', 'developers'];

type ActivitiesInput = ChannelInput<'developers:list-activities'>;

export const developerQueries = {
  all: () => ['developers'] as const,
  list: (input: ChannelInput<'developers:list'>) =>
    queryOptions({
      queryKey: [...developerQueries.all(), 'list', input] as const,
      queryFn: () => api.call('developers:list', input),
      meta: { tables: DEVELOPER_TABLES },
      // Typing in the search box keeps the last page on screen until the next answers.
      placeholderData: keepPreviousData,
    }),
  profile: (developerId: string) =>
    queryOptions({
      queryKey: [...developerQueries.all(), 'profile', developerId] as const,
      queryFn: () => api.call('developers:get', { developerId }),
      meta: { tables: DEVELOPER_TABLES },
    }),
  activities: (input: ActivitiesInput) =>
    queryOptions({
      queryKey: [...developerQueries.all(), 'activities', input] as const,
      queryFn: () => api.call('developers:list-activities', input),
      meta: { tables: DEVELOPER_TABLES },
      placeholderData: keepPreviousData,
    }),
  merges: (developerId: string) =>
    queryOptions({
      queryKey: [...developerQueries.all(), 'merges', developerId] as const,
      queryFn: () => api.call('developers:list-merges', { developerId }),
      meta: { tables: MERGE_LOG_TABLES },
    }),
};

export const mergeQueries = {
  all: () => ['merges'] as const,
  suggestions: () =>
    queryOptions({
      queryKey: [...mergeQueries.all(), 'suggestions'] as const,
      queryFn: () => api.call('merges:list-suggestions', { limit: 100 }),
      // Dismissals and snoozes are logged in developer_merge_logs.
      meta: { tables: DEVELOPER_TABLES },
    }),
};
