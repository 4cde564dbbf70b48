import { keepPreviousData, queryOptions, type QueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../../src-shared/contract/index';
import { api } from '../api';
import { campaignQueries } from './campaigns';
import { ALL_TABLES } from './invalidation';
import { channelMutation } from './mutation';
import { settingsQueries } from './settings';

/*
 * Every analytics answer is computed from nearly everything: activities and
 * their campaigns, budgets, developers (consent, merges), the action → stage
 * map and the tenant's settings, and the derived tables kept from them. A
 * narrower list would save a refetch now and then and risk a dashboard showing
 * old numbers after a write nobody listed, so these queries read every table.
 */
const meta = { tables: ALL_TABLES };

export const analyticsQueries = {
  all: () => ['analytics'] as const,
  overview: (input: ChannelInput<'analytics:get-overview'>) =>
    queryOptions({
      queryKey: [...analyticsQueries.all(), 'overview', input] as const,
      queryFn: () => api.call('analytics:get-overview', input),
      meta,
      placeholderData: keepPreviousData,
    }),
  funnel: (input: ChannelInput<'analytics:get-funnel'>) =>
    queryOptions({
      queryKey: [...analyticsQueries.all(), 'funnel', input] as const,
      queryFn: () => api.call('analytics:get-funnel', input),
      meta,
      placeholderData: keepPreviousData,
    }),
  funnelBreakdown: (input: ChannelInput<'analytics:get-funnel-breakdown'>) =>
    queryOptions({
      queryKey: [...analyticsQueries.all(), 'funnelBreakdown', input] as const,
      queryFn: () => api.call('analytics:get-funnel-breakdown', input),
      meta,
      placeholderData: keepPreviousData,
    }),
  funnelDevelopers: (input: ChannelInput<'analytics:list-funnel-developers'>) =>
    queryOptions({
      queryKey: [...analyticsQueries.all(), 'funnelDevelopers', input] as const,
      queryFn: () => api.call('analytics:list-funnel-developers', input),
      meta,
      placeholderData: keepPreviousData,
    }),
  sources: () =>
    queryOptions({
      queryKey: [...analyticsQueries.all(), 'sources'] as const,
      queryFn: () => api.call('analytics:list-sources', {}),
      meta,
    }),
  /**
   * The most recent activity of any visible developer: where an empty period
   * points the user. No analytics channel answers it; the developers list
   * sorted by last activity does, in one row.
   */
  /** The days the data covers: where the sample load lands. */
  activityRange: () =>
    queryOptions({
      queryKey: [...analyticsQueries.all(), 'activityRange'] as const,
      queryFn: () => api.call('analytics:get-activity-range', {}),
      meta,
    }),
  latestActivity: () =>
    queryOptions({
      queryKey: [...analyticsQueries.all(), 'latestActivity'] as const,
      queryFn: async () =>
        (await api.call('developers:list', { sort: 'lastActivity', page: 0, pageSize: 1 })).rows[0]?.lastActionAt ?? null,
      meta,
    }),
};

export const analyticsMutations = {
  /** A funnel stage's developers as CSV (a file to save, no write to the database). */
  exportFunnelDevelopers: () => channelMutation('analytics:export-funnel-developers'),
};

/**
 * After a write of ours to what the numbers are computed from (campaigns,
 * budgets, settings): the core announces it with `db:changed` too, but
 * refreshing here does not depend on which tables it names.
 */
export function refreshAnalytics(client: QueryClient): void {
  for (const key of [analyticsQueries.all(), campaignQueries.all(), settingsQueries.all()]) {
    void client.invalidateQueries({ queryKey: key });
  }
}
