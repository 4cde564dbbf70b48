import { keepPreviousData, mutationOptions, queryOptions } from '@tanstack/react-query';
import type { ChannelInput } from '../../../src-shared/contract/index';
import type { TableName } from '../../../src-shared/contract/tables';
import { api } from '../api';
import { channelMutation } from './mutation';

// What a developer's row, profile and timeline are computed from.
export const DEVELOPER_TABLES: readonly TableName[] = [
  'developers',
  'accounts',
  'developer_identifiers',
  'activities',
  'developer_stats',
  'developer_merge_logs',
  'organizations',
];
const MERGE_LOG_TABLES: readonly TableName[] = ['developer_merge_logs', 'developers'];

type ActivitiesInput = ChannelInput<'developers:list-activities'>;
interface MergePair {
  into: { developerId: string };
  from: { developerId: string };
  reason?: string;
}
type ProfileChange = Omit<ChannelInput<'developers:update'>, 'developerId'>;

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
  /** Tags in use starting with `prefix` (any case), most used first: the tag fields' suggestions. */
  tags: (prefix: string) =>
    queryOptions({
      queryKey: [...developerQueries.all(), 'tags', prefix] as const,
      queryFn: () => api.call('developers:list-tags', { prefix, limit: 20 }),
      meta: { tables: ['developers'] satisfies TableName[] },
      placeholderData: keepPreviousData,
    }),
  merges: (developerId: string) =>
    queryOptions({
      queryKey: [...developerQueries.all(), 'merges', developerId] as const,
      queryFn: () => api.call('developers:list-merges', { developerId }),
      meta: { tables: MERGE_LOG_TABLES },
    }),
};

export const developerMutations = {
  /** Tags and consent of one developer; the answer is the profile as saved. */
  update: (developerId: string) =>
    mutationOptions({
      mutationKey: ['developers:update', developerId],
      mutationFn: (change: ProfileChange) => api.call('developers:update', { developerId, ...change }),
    }),
  /** The filtered list as CSV (a file to save, no write to the database). */
  export: () => channelMutation('developers:export'),
  /** One tag added to, or removed from, every developer the filters list. */
  tagFiltered: () => channelMutation('developers:tag-filtered'),
  /** The same on named developers: the undo of tagFiltered. */
  tagListed: () => channelMutation('developers:tag-listed'),
  /** Merges `from` into `into` (the pair as the page shows it comes back as the variables, names and all). */
  merge: <P extends MergePair>() =>
    mutationOptions({
      mutationKey: ['developers:merge'],
      mutationFn: (pair: P) =>
        api.call('developers:merge', {
          intoId: pair.into.developerId,
          fromId: pair.from.developerId,
          ...(pair.reason ? { reason: pair.reason } : {}),
        }),
    }),
  /** Undoes one merge, by the id its history entry carries. */
  unmerge: () =>
    mutationOptions({
      mutationKey: ['developers:unmerge'],
      mutationFn: (mergeId: string) => api.call('developers:unmerge', { mergeId }),
    }),
};
