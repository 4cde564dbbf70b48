/**
 * Keeps the derived structures (schema `derived`, see db/schema-app/) and
 * the spec's stats caches current. Every write path (import, merge, unmerge,
 * profile edit, organization change, settings change) calls `refreshDerived`
 * inside its own transaction with what it changed, so a reader never sees
 * derived numbers that disagree with the tables they come from.
 * `rebuildDerived` recomputes everything from scratch (`drm stats rebuild`);
 * a refresh after any change must leave exactly what a rebuild would.
 */
import type { Db } from '../db/db';
import { traceStep } from '../db/trace';
import { refreshAttribution } from './attribution';
import { refreshCampaignDaily } from './campaign-daily';
import { refreshActivityDaily } from './activity-daily';
import { refreshFunnelBits } from './funnel-bits';
import { refreshDeveloperSearch } from './developer-search';
import { widen, type DerivedChange } from './change';
import { applyCountedDelta } from './counted';
import { rebuildMergedAway } from './merged-away';
import { refreshMergeSuggestions } from './merge-suggestions';

/** Brings every derived structure up to date with `change`; call inside the writer's transaction. */
export async function refreshDerived(db: Db, tenant: string, change: DerivedChange): Promise<void> {
  // From scratch, who is merged away comes first: every step below asks it (merge and unmerge keep it otherwise).
  if (change.developers === 'all') await step('merged away', () => rebuildMergedAway(db.$client, tenant));
  // A change of counting goes in before attribution rewrites the rows it is taken over (counted.ts).
  const recounted = change.counted ? await step('counted delta', () => applyCountedDelta(db, tenant, change.counted!)) : [];
  // Attribution first: it rewrites activity_campaigns, which the campaign
  // dimensions of the funnel and the campaign counts read.
  // An action-map edit that leaves conversions as they were changes no credit.
  const attributed =
    change.mapped && !change.mapped.conversions
      ? { span: null, campaigns: [] }
      : await step('attribution', () => refreshAttribution(db, tenant, change));
  const next: DerivedChange = { ...change, span: widen(change.span, attributed.span) };
  await step('developer search', () => refreshDeveloperSearch(db, tenant, next));
  await step('funnel bits', () => refreshFunnelBits(db, tenant, next));
  // Per-day activity counts do not depend on attribution: the caller's change only.
  await step('activity daily', () => refreshActivityDaily(db, tenant, change));
  // Attribution already applied its own changes to campaign_daily, exactly: the caller's span only.
  // After a change of counting only, campaign_stats follows the campaigns either difference touched.
  const touched = change.counted && attributed.campaigns ? [...new Set([...recounted, ...attributed.campaigns])] : undefined;
  await step('campaign daily', () => refreshCampaignDaily(db, tenant, change, touched));
  if (!change.mapped) await step('merge suggestions', () => refreshMergeSuggestions(db, tenant, change));
}

async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  traceStep(`derived: ${name}`, started);
  return result;
}

/** Recomputes everything derived, for every developer and day. */
export async function rebuildDerived(db: Db, tenant: string): Promise<void> {
  await refreshDerived(db, tenant, { developers: 'all', span: 'all' });
}
