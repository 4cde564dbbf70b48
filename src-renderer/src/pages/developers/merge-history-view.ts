/** A developer's merge history as the profile shows it: newest first, and which entries can still be undone. */
import type { MergeHistoryEntry } from '../../../../src-shared/contract/merges';

/** A merge in the history can be undone once, and only while nothing has undone it. */
export function canUndo(entry: Pick<MergeHistoryEntry, 'action' | 'undoneBy'>): boolean {
  return entry.action === 'merge' && entry.undoneBy === null;
}

/** Newest first. */
export function sortHistory(entries: readonly MergeHistoryEntry[]): MergeHistoryEntry[] {
  return [...entries].sort((x, y) => y.mergedAt.localeCompare(x.mergedAt));
}

/**
 * The sentence of one history entry, as a translation key and its names. An
 * unmerge is logged from the survivor into the developer it brings back (the
 * rows flow that way), so its names swap: after "B was merged into A" the undo
 * reads "B was separated again from A", never the other way round.
 */
export function historyLine(
  entry: Pick<MergeHistoryEntry, 'action' | 'intoName' | 'fromName'>,
  unknown: string,
): { key: 'profile.historyMerge' | 'profile.historyUnmerge'; vars: { from: string; into: string } } {
  const into = entry.intoName ?? unknown;
  const from = entry.fromName ?? unknown;
  return entry.action === 'merge'
    ? { key: 'profile.historyMerge', vars: { from, into } }
    : { key: 'profile.historyUnmerge', vars: { from: into, into: from } };
}
