/** Pure helpers of the Funnel page (no React), unit-tested. */
import type { ChannelInput } from '../../../../src-shared/contract/index';
import type { Period } from '../../analytics/period';
import type { FunnelFilters } from '../../analytics/url-state';

export const FUNNEL_PAGE_SIZE = 50;

/** The funnel's input: the period and the filters that are set, nothing else. */
export function funnelInput(period: Period, filters: Pick<FunnelFilters, 'campaignId' | 'source'>): ChannelInput<'analytics:get-funnel'> {
  return {
    from: period.from,
    to: period.to,
    ...(filters.campaignId ? { campaignId: filters.campaignId } : {}),
    ...(filters.source ? { source: filters.source } : {}),
  };
}

export function funnelDevelopersInput(
  funnel: ChannelInput<'analytics:get-funnel'>,
  filters: Pick<FunnelFilters, 'stage' | 'mode' | 'page'>,
  pageSize = FUNNEL_PAGE_SIZE,
): ChannelInput<'analytics:list-funnel-developers'> {
  return { ...funnel, stageKey: filters.stage ?? '', mode: filters.mode, page: filters.page, pageSize };
}

/** Nobody and nothing in the period: no developer at any stage, no anonymous activity. */
export function isEmptyFunnel(report: { anonymous: number; stages: readonly { reached: number; atOrBeyond: number }[] }): boolean {
  return report.anonymous === 0 && report.stages.every((s) => s.reached === 0 && s.atOrBeyond === 0);
}

/** The change from the previous period as a share of it; null when there is nothing to compare with (none, or 0). */
export function periodChange(current: number, previous: number | null): number | null {
  return previous === null || previous === 0 ? null : (current - previous) / previous;
}
