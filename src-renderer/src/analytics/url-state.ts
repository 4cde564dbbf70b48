/**
 * What the analytics pages keep in the address: `#/funnel?period=last30&campaign=…`.
 * A reload, a bookmark or a link pasted to a colleague opens the same view.
 * A preset is stored by name so that "last 30 days" stays relative; a custom
 * period is stored as the contract's half-open `from`/`to`.
 */
import {
  attributionModels,
  funnelListModes,
  trendBuckets,
  type AttributionModelName,
  type FunnelListMode,
  type TrendBucket,
} from '../../../src-shared/contract/values';
import { defaultBucket, isDay, periodPresets, presetPeriod, type Period, type PeriodChoice } from './period';

/** The query part of a hash route: `#/funnel?from=…` → its parameters. */
export function hashQuery(hash: string): URLSearchParams {
  const at = hash.indexOf('?');
  return new URLSearchParams(at === -1 ? '' : hash.slice(at + 1));
}

/** The same route with other parameters (none: no `?`). */
export function hashWithQuery(hash: string, params: URLSearchParams): string {
  const path = hash.split('?')[0] || '#/';
  const query = params.toString();
  return query === '' ? path : `${path}?${query}`;
}

/** A copy with keys set, or removed where the value is null or ''. */
export function withParams(params: URLSearchParams, updates: Record<string, string | number | null | undefined>): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(updates)) {
    if (value === null || value === undefined || value === '') next.delete(key);
    else next.set(key, String(value));
  }
  return next;
}

export interface PeriodState {
  choice: PeriodChoice;
  /** null only for 'all'. */
  period: Period | null;
}

/**
 * The period in the address, else `fallback`. A custom period needs two real
 * days with from < to; anything else in the address is ignored rather than
 * sent to the core to be refused.
 */
export function readPeriod(
  params: URLSearchParams,
  today: string,
  fallback: Exclude<PeriodChoice, 'custom'> = 'last30',
  allowAll = false,
): PeriodState {
  const named = params.get('period');
  const from = params.get('from');
  const to = params.get('to');
  if ((named === 'custom' || named === null) && isDay(from) && isDay(to) && from < to) {
    return { choice: 'custom', period: { from, to } };
  }
  if (named === 'all' && allowAll) return { choice: 'all', period: null };
  if (named !== null && named !== 'custom' && (periodPresets as readonly string[]).includes(named)) {
    const preset = named as Exclude<PeriodChoice, 'custom' | 'all'>;
    return { choice: preset, period: presetPeriod(preset, today) };
  }
  if (fallback === 'all') return { choice: 'all', period: allowAll ? null : presetPeriod('last30', today) };
  return { choice: fallback, period: presetPeriod(fallback, today) };
}

/** The parameters that store a period choice (the others cleared). */
export function periodParams(state: PeriodState): Record<string, string | null> {
  if (state.choice === 'custom' && state.period) return { period: 'custom', from: state.period.from, to: state.period.to };
  return { period: state.choice, from: null, to: null };
}

/** The bucket in the address, else the one that suits the period's length. */
export function readBucket(params: URLSearchParams, period: Period | null, fallback: TrendBucket = 'week'): TrendBucket {
  const value = params.get('bucket');
  if (value !== null && (trendBuckets as readonly string[]).includes(value)) return value as TrendBucket;
  return period ? defaultBucket(period) : fallback;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export type { FunnelListMode };

export interface FunnelFilters {
  campaignId: string | null;
  source: string | null;
  /** The stage whose developers are listed, or null. */
  stage: string | null;
  mode: FunnelListMode;
  page: number;
}

/** The funnel page's filters; a campaign that is not a UUID is dropped (the core would refuse it). */
export function readFunnelFilters(params: URLSearchParams): FunnelFilters {
  const campaign = params.get('campaign');
  const source = params.get('source')?.trim() ?? '';
  const stage = params.get('stage')?.trim() ?? '';
  const page = Number(params.get('page'));
  const mode = funnelListModes.find((m) => m === params.get('mode')) ?? 'atOrBeyond';
  return {
    campaignId: isUuid(campaign) ? campaign : null,
    source: source === '' || source.length > 200 ? null : source,
    stage: stage === '' || stage.length > 100 ? null : stage,
    mode,
    page: Number.isInteger(page) && page > 0 ? page : 0,
  };
}

export function funnelFilterParams(filters: FunnelFilters): Record<string, string | number | null> {
  return {
    campaign: filters.campaignId,
    source: filters.source,
    stage: filters.stage,
    mode: filters.mode === 'atOrBeyond' ? null : filters.mode,
    page: filters.page > 0 ? filters.page : null,
  };
}

export interface RoiOptions {
  /** null: the tenant's setting. */
  model: AttributionModelName | null;
  lookbackDays: number | null;
}

export function readRoiOptions(params: URLSearchParams): RoiOptions {
  const model = params.get('model');
  const lookback = Number(params.get('lookback'));
  return {
    model: model !== null && (attributionModels as readonly string[]).includes(model) ? (model as AttributionModelName) : null,
    lookbackDays: Number.isInteger(lookback) && lookback >= 1 && lookback <= 365 ? lookback : null,
  };
}

/** A link to a page with parameters: `linkTo('#/funnel', { period: 'last7' })` → `#/funnel?period=last7`. */
export function linkTo(base: string, updates: Record<string, string | number | null | undefined>): string {
  return hashWithQuery(base, withParams(new URLSearchParams(), updates));
}
