/**
 * A token bucket per client of the redirect server, keyed by the socket's
 * address and held only in this process's memory: it is never stored or
 * logged, and is forgotten once the bucket is full again (the map stays
 * bounded by the clients of the last minute or so).
 */

export interface RateLimit {
  /** Tokens a client starts with: the burst it may make. */
  burst: number;
  /** Tokens regained per second. */
  perSecond: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { burst: 30, perSecond: 2 };

/** Most clients tracked at once; past it the fullest buckets are dropped first (they would allow a request anyway). */
const MAX_CLIENTS = 100_000;

export interface RateLimiter {
  /** Takes a token for `client` at `now` (ms); 0 when allowed, else the seconds until the next token. */
  take(client: string, now?: number): number;
  size(): number;
}

export function createRateLimiter({ burst, perSecond }: RateLimit): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const level = (b: { tokens: number; at: number }, now: number) => Math.min(burst, b.tokens + ((now - b.at) / 1000) * perSecond);

  const prune = (now: number) => {
    for (const [client, bucket] of buckets) if (level(bucket, now) >= burst) buckets.delete(client);
    // Still too many (a flood of addresses): forget the oldest, which a Map iterates first.
    for (const client of buckets.keys()) {
      if (buckets.size <= MAX_CLIENTS / 2) break;
      buckets.delete(client);
    }
  };

  return {
    take(client, now = Date.now()) {
      if (buckets.size >= MAX_CLIENTS) prune(now);
      const bucket = buckets.get(client);
      const tokens = bucket ? level(bucket, now) : burst;
      if (tokens < 1) {
        // Not updating `at` keeps the regained fraction: the client gets its token when it is due.
        return Math.max(1, Math.ceil((1 - tokens) / perSecond));
      }
      buckets.delete(client);
      buckets.set(client, { tokens: tokens - 1, at: now });
      return 0;
    },
    size: () => buckets.size,
  };
}
