/**
 * Failed sign-ins counted per key (an account's email, a client's address)
 * in a fixed window, in this process's memory: one team server is one
 * process (README "Team mode"), and a restart forgetting the counts only
 * gives an attacker one more window. A key that reaches `limit` failures is
 * locked until its window ends; a success clears an account's count.
 */

export interface FailureLimit {
  /** Failures allowed in one window; the next attempt is refused until the window ends. */
  limit: number;
  windowMs: number;
}

export interface FailureThrottle {
  /** Seconds until `key` may try again; 0 when it may now. */
  lockedFor(key: string, now?: number): number;
  /** Counts a failure; true when this one locked the key. */
  fail(key: string, now?: number): boolean;
  clear(key: string): void;
}

/** Most keys tracked at once; past it the expired windows are dropped, then the oldest. */
const MAX_KEYS = 100_000;

export function createFailureThrottle({ limit, windowMs }: FailureLimit): FailureThrottle {
  const windows = new Map<string, { count: number; start: number }>();
  const live = (key: string, now: number) => {
    const w = windows.get(key);
    if (w && now - w.start >= windowMs) {
      windows.delete(key);
      return undefined;
    }
    return w;
  };
  const prune = (now: number) => {
    for (const key of [...windows.keys()]) live(key, now);
    for (const key of windows.keys()) {
      if (windows.size <= MAX_KEYS / 2) break;
      windows.delete(key);
    }
  };
  return {
    lockedFor(key, now = Date.now()) {
      const w = live(key, now);
      return w && w.count >= limit ? Math.max(1, Math.ceil((w.start + windowMs - now) / 1000)) : 0;
    },
    fail(key, now = Date.now()) {
      if (windows.size >= MAX_KEYS) prune(now);
      const w = live(key, now) ?? { count: 0, start: now };
      w.count += 1;
      windows.set(key, w);
      return w.count === limit;
    },
    clear: (key) => void windows.delete(key),
  };
}
