import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { browserTimeZone } from '../lib/time-zones';
import { settingsQueries } from '../queries/settings';
import { todayIn } from './period';
import { hashQuery, hashWithQuery, withParams } from './url-state';
import { hashChangedHere, subscribeToHash } from '../use-hash-route';

const queryString = () => {
  const hash = window.location.hash;
  const at = hash.indexOf('?');
  return at === -1 ? '' : hash.slice(at + 1);
};

export type ParamUpdates = Record<string, string | number | null | undefined>;

/**
 * The page's parameters in the hash, and a setter that changes some of them.
 * The address is replaced, not pushed: stepping back leaves the page instead
 * of replaying every filter click. `push` is for what opens like a page of its
 * own (the funnel's drill-down list), which Back should close.
 */
export function useHashQuery(): [URLSearchParams, (updates: ParamUpdates, options?: { push?: boolean }) => void] {
  const query = useSyncExternalStore(subscribeToHash, queryString);
  const params = useMemo(() => new URLSearchParams(query), [query]);
  const update = useCallback((updates: ParamUpdates, options?: { push?: boolean }) => {
    const hash = window.location.hash || '#/';
    const next = hashWithQuery(hash, withParams(hashQuery(hash), updates));
    if (next === hash) return;
    const url = new URL(window.location.href);
    url.hash = next;
    if (options?.push) window.location.assign(url.toString());
    else window.location.replace(url.toString());
    hashChangedHere();
  }, []);
  return [params, update];
}

/**
 * The zone analytics days are counted in (the tenant's setting, else the
 * core's machine), and today's date in it. Null until settings answer, so
 * that no query goes out with a period in the wrong zone; if settings cannot
 * be read, this computer's zone stands in.
 */
export function useAnalyticsToday(): { timeZone: string | null; today: string | null } {
  const settings = useQuery(settingsQueries.get());
  const timeZone = settings.data?.timeZone ?? (settings.isError ? browserTimeZone() : null);
  const today = useMemo(() => (timeZone ? todayIn(timeZone) : null), [timeZone]);
  return { timeZone, today };
}
