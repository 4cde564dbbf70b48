import { mutationOptions, queryOptions } from '@tanstack/react-query';
import { api } from '../api';
import { DEVELOPER_TABLES } from './developers';

export const mergeQueries = {
  all: () => ['merges'] as const,
  suggestions: () =>
    queryOptions({
      queryKey: [...mergeQueries.all(), 'suggestions'] as const,
      queryFn: () => api.call('merges:list-suggestions', { limit: 100 }),
      // Pairs are found among the developers' rows; dismissals and snoozes are logged in developer_merge_logs.
      meta: { tables: DEVELOPER_TABLES },
    }),
};

/** How long "not now" hides a suggestion. */
const SNOOZE_DAYS = 30;

export const mergeMutations = {
  /** "Not the same person" (dismiss, for good) or "not now" (snooze): the Merges page's two answers to a pair. */
  decide: () =>
    mutationOptions({
      mutationKey: ['merges:decide'],
      mutationFn: async ({ a, b, snooze }: { a: string; b: string; snooze: boolean }): Promise<void> => {
        if (snooze) await api.call('merges:snooze', { a, b, days: SNOOZE_DAYS });
        else await api.call('merges:dismiss', { a, b });
      },
    }),
};
