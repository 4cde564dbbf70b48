import type { QueryClient } from '@tanstack/react-query';
import { todayIn } from '../../analytics/period';
import { hashQuery } from '../../analytics/url-state';
import { analyticsQueries } from '../../queries/analytics';
import { settingsQueries } from '../../queries/settings';
import { systemQueries } from '../../queries/system';
import { routeFromHash } from '../../routes';
import { readStored, writeStored } from '../../lib/storage';
import { overviewInput } from './overview-input';

/** The tenant's zone as last read, so the Overview's call need not wait for settings (as i18n caches the language). */
const ZONE_KEY = 'drm.timeZone';

/**
 * The Overview's calls, sent as soon as the script runs rather than after
 * i18n, React's first render and the page's effects: the core works on them
 * while the page starts. The Overview's period is "today" in the tenant's
 * zone; with the zone cached from the last start, its call goes out at once,
 * beside settings. The page makes the same queries (same keys, within their
 * stale time), so it finds the answers on their way and asks nothing twice.
 * Had the zone changed since, settings' answer names the right period and
 * that call follows: the first one is only wasted.
 *
 * A failure is left to the page, which shows it with its retry button.
 */
export function prefetchFirstPage(client: QueryClient, hash: string): void {
  if (routeFromHash(hash) !== 'overview') return;
  const prefetchOverview = (zone: string) =>
    client.prefetchQuery(analyticsQueries.overview(overviewInput(hashQuery(hash), todayIn(zone)).input));
  const guess = readStored('local', ZONE_KEY);
  if (guess) void prefetchOverview(guess);
  void client.prefetchQuery(systemQueries.dataPresence());
  client.fetchQuery(settingsQueries.get()).then(
    (settings) => {
      writeStored('local', ZONE_KEY, settings.timeZone);
      return settings.timeZone === guess ? undefined : prefetchOverview(settings.timeZone);
    },
    () => undefined,
  );
}
