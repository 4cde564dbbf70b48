/**
 * The merge pages' view logic: which side survives, the evidence in words,
 * and what the "merged, undo?" message shows as the undo runs.
 */
import type { MergeRule, MergeSuggestion } from '../../../../src-shared/contract/merges';
import { mergeRules } from '../../../../src-shared/contract/values';

export function isKnownRule(rule: string): rule is MergeRule {
  return (mergeRules as readonly string[]).includes(rule);
}

/** The i18n key of a rule's sentence; unknown rules (a newer core) fall back to a generic one. */
export function evidenceKey(rule: string): `merges.rules.${MergeRule | 'other'}` {
  return isKnownRule(rule) ? `merges.rules.${rule}` : 'merges.rules.other';
}

export function pairKey(s: Pick<MergeSuggestion, 'a' | 'b'>): string {
  return `${s.a.developerId}:${s.b.developerId}`;
}

/** The survivor is the left one unless the user swapped the sides. */
export function orientPair(s: MergeSuggestion, swapped: boolean): { into: MergeSuggestion['a']; from: MergeSuggestion['a'] } {
  return swapped ? { into: s.b, from: s.a } : { into: s.a, from: s.b };
}

/** The reason as sent: trimmed, left out when blank. */
export function mergeReason(raw: string): string | undefined {
  const reason = raw.trim();
  return reason === '' ? undefined : reason.slice(0, 500);
}

export type MergeOutcome =
  | { state: 'none' }
  | { state: 'merged' | 'undoing' | 'undone'; mergeId: string; intoId: string; intoName: string; fromName: string; error?: unknown };

export type MergeOutcomeEvent =
  | { type: 'merged'; mergeId: string; intoId: string; intoName: string; fromName: string }
  | { type: 'undoStarted' }
  | { type: 'undone' }
  | { type: 'undoFailed'; error: unknown }
  | { type: 'dismissed' };

/** The success message after a merge and its Undo button, as a small state machine. */
export function mergeOutcomeReducer(state: MergeOutcome, event: MergeOutcomeEvent): MergeOutcome {
  switch (event.type) {
    case 'merged':
      return { state: 'merged', mergeId: event.mergeId, intoId: event.intoId, intoName: event.intoName, fromName: event.fromName };
    case 'dismissed':
      return { state: 'none' };
    case 'undoStarted':
      return state.state === 'merged' ? { ...state, state: 'undoing', error: undefined } : state;
    case 'undone':
      return state.state === 'undoing' ? { ...state, state: 'undone', error: undefined } : state;
    case 'undoFailed':
      // Back to "merged" so the user can read why and try again.
      return state.state === 'undoing' ? { ...state, state: 'merged', error: event.error } : state;
  }
}
