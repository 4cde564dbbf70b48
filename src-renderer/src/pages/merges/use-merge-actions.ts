import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Dispatch } from 'react';
import type { DevSummary, MergeSuggestion } from '../../../../src-shared/contract/merges';
import { api } from '../../api';
import { developerQueries } from '../../queries/developers';
import { mergeQueries } from '../../queries/merges';
import { useDeveloperLabel } from '../../components/developer-bits';
import type { MergeOutcomeEvent } from './merge-view';

export interface MergePair {
  into: DevSummary;
  from: DevSummary;
}

/**
 * What the Merges page does to a suggestion: merge it (then `onMerged`),
 * undo that merge, dismiss or snooze it. Each success refreshes the
 * suggestions and the developer lists.
 */
export function useMergeActions(dispatch: Dispatch<MergeOutcomeEvent>, onMerged: () => void) {
  const label = useDeveloperLabel();
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: mergeQueries.all() });
    void queryClient.invalidateQueries({ queryKey: developerQueries.all() });
  };
  const merge = useMutation({
    mutationFn: (pair: MergePair & { reason?: string }) =>
      api.call('developers:merge', {
        intoId: pair.into.developerId,
        fromId: pair.from.developerId,
        ...(pair.reason ? { reason: pair.reason } : {}),
      }),
    onSuccess: ({ mergeId }, pair) => {
      dispatch({ type: 'merged', mergeId, intoId: pair.into.developerId, intoName: label(pair.into), fromName: label(pair.from) });
      onMerged();
      refresh();
    },
  });
  const undo = useMutation({
    mutationFn: (mergeId: string) => api.call('developers:unmerge', { mergeId }),
    onMutate: () => dispatch({ type: 'undoStarted' }),
    onSuccess: () => {
      dispatch({ type: 'undone' });
      refresh();
    },
    onError: (error) => dispatch({ type: 'undoFailed', error }),
  });
  const decide = useMutation({
    mutationFn: async ({ s, snooze }: { s: MergeSuggestion; snooze: boolean }): Promise<void> => {
      const pair = { a: s.a.developerId, b: s.b.developerId };
      if (snooze) await api.call('merges:snooze', { ...pair, days: 30 });
      else await api.call('merges:dismiss', pair);
    },
    onSuccess: refresh,
  });
  return { merge, undo, decide };
}
