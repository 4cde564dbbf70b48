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
