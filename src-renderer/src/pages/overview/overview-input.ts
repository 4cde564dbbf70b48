import type { TrendBucket } from '../../../../src-shared/contract/values';
import type { Period } from '../../analytics/period';
import { readBucket, readPeriod, type PeriodState } from '../../analytics/url-state';

/**
 * What the Overview asks for, from its address's parameters and today in the
 * tenant's zone. One function for the page and for the call sent before the
 * page has rendered (first-page-prefetch.ts), so that both make the same
 * query and the page finds the answer already on its way.
 */
export function overviewInput(
  params: URLSearchParams,
  today: string,
): { periodState: PeriodState; input: Period & { bucket: TrendBucket } } {
  const periodState = readPeriod(params, today);
  const period = periodState.period ?? { from: today, to: today };
  return { periodState, input: { ...period, bucket: readBucket(params, period) } };
}
