/**
 * Keeps the derived structures (schema `derived`, see db/schema-app/) and
 * the spec's stats caches current. Every write path (import, merge, unmerge,
 * profile edit, organization change, settings change) calls `refreshDerived`
 * inside its own transaction with what it changed, so a reader never sees
 * derived numbers that disagree with the tables they come from.
 * `rebuildDerived` recomputes everything from scratch (`drm stats rebuild`);
 * a refresh after any change must leave exactly what a rebuild would.
 */
import type { PoolClient } from 'pg';
import { traceStep } from '../imports/trace';
import { refreshAttribution } from './attribution';
import { refreshCampaignDaily } from './campaign-daily';
import { refreshActivityDaily } from './activity-daily';
import { refreshDeveloperFunnel } from './developer-funnel';
import { refreshDeveloperSearch } from './developer-search';

export type Queryable = Pick<PoolClient, 'query'>;

/** A half-open span of instants [from, to). */
export interface Span {
  from: Date;
  to: Date;
}

export interface DerivedChange {
  /**
   * Developers whose activities, accounts, identifiers, name, email,
   * organization, tags or consent changed; 'all' after settings changes and
   * rebuilds. Merged-away developers belong here too (their rows must go).
   */
  developers: readonly string[] | 'all';
  /**
   * Instants whose per-day counts may have changed (activities added, moved
   * between developers of different consent, or re-attributed); null = none.
   * Steps may widen it for the steps after them (attribution does).
   */
  span: Span | 'all' | null;
  /**
   * A relation with the activities an import just added (activity_id,
   * developer_id, anon_id, action, occurred_at, source, campaign_id), when the change is an
   * import; lets steps add instead of recomputing.
   */
  inserted?: string;
}

export function widen(span: DerivedChange['span'], more: DerivedChange['span']): DerivedChange['span'] {
  if (span === 'all' || more === 'all') return 'all';
  if (!span) return more;
  if (!more) return span;
  return {
    from: new Date(Math.min(span.from.getTime(), more.from.getTime())),
    to: new Date(Math.max(span.to.getTime(), more.to.getTime())),
  };
}

/** Brings every derived structure up to date with `change`; call inside the writer's transaction. */
export async function refreshDerived(client: Queryable, tenant: string, change: DerivedChange): Promise<void> {
  // Attribution first: it rewrites activity_campaigns, which the campaign
  // dimensions of the funnel and the campaign counts read.
  const attributed = await step('attribution', () => refreshAttribution(client, tenant, change));
  const next: DerivedChange = { ...change, span: widen(change.span, attributed.span) };
  await step('developer search', () => refreshDeveloperSearch(client, tenant, next));
  await step('developer funnel', () => refreshDeveloperFunnel(client, tenant, next));
  await step('activity daily', () => refreshActivityDaily(client, tenant, next));
  // Attribution already applied its own changes to campaign_daily, exactly: the caller's span only.
  await step('campaign daily', () => refreshCampaignDaily(client, tenant, change));
}

async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  traceStep(`derived: ${name}`, started);
  return result;
}

/** Recomputes everything derived, for every developer and day. */
export async function rebuildDerived(client: Queryable, tenant: string): Promise<void> {
  await refreshDerived(client, tenant, { developers: 'all', span: 'all' });
}
