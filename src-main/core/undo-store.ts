/**
 * What an undo keeps: a snapshot of what a destructive action removed, in
 * memory under a random token for ten minutes (a campaign's delete, a
 * resource merge). A token is used once; the app forgets them on restart.
 */
import { randomBytes } from 'node:crypto';

const UNDO_MS = 10 * 60 * 1000;

export interface UndoStore<S> {
  put(snapshot: S): string;
  get(token: string): S | undefined;
  drop(token: string): void;
}

export function createUndoStore<S>(now: () => number = Date.now): UndoStore<S> {
  const kept = new Map<string, { snapshot: S; expiresAt: number }>();
  const sweep = () => {
    for (const [token, s] of kept) if (s.expiresAt <= now()) kept.delete(token);
  };
  return {
    put(snapshot) {
      sweep();
      const token = randomBytes(16).toString('hex');
      kept.set(token, { snapshot, expiresAt: now() + UNDO_MS });
      return token;
    },
    get(token) {
      sweep();
      return kept.get(token)?.snapshot;
    },
    drop(token) {
      kept.delete(token);
    },
  };
}
