import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Dispatch } from 'react';
import type { DevSummary } from '../../../../src-shared/contract/merges';
import { developerMutations, developerQueries } from '../../queries/developers';
import { mergeMutations, mergeQueries } from '../../queries/merges';
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
    ...developerMutations.merge<MergePair & { reason?: string }>(),
    onSuccess: ({ mergeId }, pair) => {
      dispatch({ type: 'merged', mergeId, intoId: pair.into.developerId, intoName: label(pair.into), fromName: label(pair.from) });
      onMerged();
      refresh();
    },
  });
  const undo = useMutation({
    ...developerMutations.unmerge(),
    onMutate: () => dispatch({ type: 'undoStarted' }),
    onSuccess: () => {
      dispatch({ type: 'undone' });
      refresh();
    },
    onError: (error) => dispatch({ type: 'undoFailed', error }),
  });
  const decide = useMutation({
    ...mergeMutations.decide(),
    onSuccess: refresh,
  });
  return { merge, undo, decide };
}
