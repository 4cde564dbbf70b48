/**
 * The profile page: the list's fields, the stage and when it was reached,
 * developer_stats, accounts, identifiers, campaigns touched, and the paged
 * activity timeline. Every statement reads one developer's rows through the
 * (tenant, developer) indexes.
 */
import { and, countDistinct, desc, eq, min, sql, type Column } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DeveloperActivityPage, DeveloperProfile } from '../../../src-shared/contract/developers';
import { IS_MULTI_TOUCH } from '../derived/attribution';
import { CoreError } from '../errors';
import { developerRows } from './list';
import { MERGED_INTO_SQL } from '../identity/merged-away';
import { emailKeySql } from '../identity/normalise';
import { applied } from '../db/fragment';
import {
  accounts,
  activities,
  activityCampaigns,
  activityFunnelMap,
  campaigns,
  developerIdentifiers,
  developers,
  developerStats,
  funnelStages,
  resources,
} from '../db/schema';
import type { Db } from '../db/db';

const iso = (value: Date | null): string | null => (value === null ? null : value.toISOString());

/** Profile links for services whose user pages are a handle away. */
const PROFILE_URLS: Record<string, (handle: string) => string> = {
  github: (h) => `https://github.com/${encodeURIComponent(h)}`,
  x: (h) => `https://x.com/${encodeURIComponent(h)}`,
  twitter: (h) => `https://x.com/${encodeURIComponent(h)}`,
  connpass: (h) => `https://connpass.com/user/${encodeURIComponent(h)}/`,
};

export function profileUrl(provider: string, handle: string | null, stored: string | null): string | null {
  if (stored) return stored;
  const make = PROFILE_URLS[provider];
  const name = handle?.trim().replace(/^@/, '');
  return make && name ? make(name) : null;
}

/** The developer with this email (an email identifier, else the primary email), or null. */
export async function findDeveloperByEmail(db: Db, tenant: string, email: string): Promise<string | null> {
  const key = applied(emailKeySql, sql`${email}::text`);
  const [identified, primary] = await Promise.all([
    db
      .select({ id: developerIdentifiers.developerId })
      .from(developerIdentifiers)
      .where(
        and(
          eq(developerIdentifiers.tenantId, tenant),
          eq(developerIdentifiers.kind, 'email'),
          eq(developerIdentifiers.valueNormalized, key),
        ),
      )
      .limit(1),
    db
      .select({ id: developers.developerId })
      .from(developers)
      .where(and(eq(developers.tenantId, tenant), eq(developers.primaryEmail, key)))
      .limit(1),
  ]);
  return (identified[0] ?? primary[0])?.id ?? null;
}

/** Every stage the developer reached with when it was first reached, highest stage first. */
function stagesReached(db: Db, tenant: string, developerId: string) {
  return db
    .select({ stageKey: activityFunnelMap.stageKey, reachedAt: min(activities.occurredAt) })
    .from(activities)
    .innerJoin(activityFunnelMap, and(eq(activityFunnelMap.tenantId, activities.tenantId), eq(activityFunnelMap.action, activities.action)))
    .innerJoin(funnelStages, eq(funnelStages.stageKey, activityFunnelMap.stageKey))
    .where(and(eq(activities.tenantId, tenant), eq(activities.developerId, developerId)))
    .groupBy(activityFunnelMap.stageKey, funnelStages.orderNo)
    .orderBy(desc(funnelStages.orderNo));
}

const ac = alias(activityCampaigns, 'ac');

/** Campaigns the developer's activities touched, with how many activities each. */
function campaignsTouched(db: Db, tenant: string, developerId: string) {
  return (
    db
      .select({ campaignId: campaigns.campaignId, name: campaigns.name, activities: countDistinct(ac.activityId) })
      .from(activities)
      .innerJoin(ac, and(eq(ac.tenantId, activities.tenantId), eq(ac.activityId, activities.activityId)))
      .innerJoin(campaigns, eq(campaigns.campaignId, ac.campaignId))
      // Touched: attributed directly. Multi-touch credit of a conversion is the campaign's, not a touch.
      .where(and(eq(activities.tenantId, tenant), eq(activities.developerId, developerId), sql`not ${sql.raw(IS_MULTI_TOUCH('ac'))}`))
      .groupBy(campaigns.campaignId, campaigns.name)
      .orderBy(desc(sql`count(distinct ${ac.activityId})`), campaigns.name)
  );
}

function developerAccounts(db: Db, tenant: string, developerId: string) {
  return db
    .select()
    .from(accounts)
    .where(and(eq(accounts.tenantId, tenant), eq(accounts.developerId, developerId)))
    .orderBy(accounts.provider, sql`${accounts.firstSeen} nulls last`, accounts.externalUserId);
}

export async function getProfile(db: Db, tenant: string, developerId: string): Promise<DeveloperProfile> {
  const ofDeveloper = (table: { tenantId: Column; developerId: Column }) =>
    and(eq(table.tenantId, tenant), eq(table.developerId, developerId));
  const [rows, stage, merged, stats, accountRows, identifiers, touched] = await Promise.all([
    developerRows(db, tenant, [developerId]),
    stagesReached(db, tenant, developerId),
    db.$client.query<{ merged_into: string | null }>(`select ${MERGED_INTO_SQL('$1::uuid')} as merged_into`, [developerId]),
    db.select().from(developerStats).where(ofDeveloper(developerStats)),
    developerAccounts(db, tenant, developerId),
    db
      .select({ kind: developerIdentifiers.kind, value: developerIdentifiers.valueNormalized })
      .from(developerIdentifiers)
      .where(ofDeveloper(developerIdentifiers))
      .orderBy(developerIdentifiers.kind, developerIdentifiers.valueNormalized),
    campaignsTouched(db, tenant, developerId),
  ]);
  const row = rows[0];
  if (!row) throw new CoreError('NOT_FOUND', `No developer ${developerId}`, { developerId });
  const reached = stage[0];
  const s = stats[0];
  return {
    ...row,
    stage: reached?.stageKey ?? null,
    stageReachedAt: iso(reached?.reachedAt ?? null),
    stages: stage
      .filter((st) => st.reachedAt !== null)
      .reverse()
      .map((st) => ({ key: st.stageKey, reachedAt: st.reachedAt!.toISOString() })),
    stats: {
      totalActions: s?.totalActions ?? 0,
      clicks: s?.clicks ?? 0,
      attends: s?.attends ?? 0,
      posts: s?.posts ?? 0,
      stars: s?.stars ?? 0,
      lastActionAt: iso(s?.lastActionAt ?? null),
    },
    accounts: accountRows.map((a) => ({
      accountId: a.accountId,
      provider: a.provider,
      externalUserId: a.externalUserId,
      handle: a.handle,
      email: a.email,
      profileUrl: profileUrl(a.provider, a.handle, a.profileUrl),
      firstSeen: iso(a.firstSeen),
      lastSeen: iso(a.lastSeen),
    })),
    identifiers,
    campaigns: touched,
    mergedInto: merged.rows[0]?.merged_into ?? null,
  };
}

export interface ActivityQuery {
  developerId: string;
  action?: string;
  source?: string;
  page: number;
  pageSize: number;
}

/** Names of the campaigns an activity is attributed to, in name order. */
const CAMPAIGN_NAMES = sql<string[]>`array(select ${campaigns.name} from ${activityCampaigns}
  join ${campaigns} on ${campaigns.campaignId} = ${activityCampaigns.campaignId}
  where ${activityCampaigns.tenantId} = ${activities.tenantId} and ${activityCampaigns.activityId} = ${activities.activityId}
  order by ${campaigns.name})`;

export async function listActivities(db: Db, tenant: string, query: ActivityQuery): Promise<DeveloperActivityPage> {
  const ofDeveloper = and(eq(activities.tenantId, tenant), eq(activities.developerId, query.developerId));
  const where = and(
    ofDeveloper,
    query.action === undefined ? undefined : eq(activities.action, query.action),
    query.source === undefined ? undefined : eq(activities.source, query.source),
  );
  const [exists, total, page, menus] = await Promise.all([
    db
      .select({ id: developers.developerId })
      .from(developers)
      .where(and(eq(developers.tenantId, tenant), eq(developers.developerId, query.developerId))),
    db.$count(activities, where),
    db
      .select({
        activityId: activities.activityId,
        occurredAt: activities.occurredAt,
        action: activities.action,
        source: activities.source,
        category: sql<string | null>`coalesce(${activities.category}, ${resources.category})`,
        resourceTitle: resources.title,
        resourceUrl: resources.url,
        provider: accounts.provider,
        campaigns: CAMPAIGN_NAMES,
      })
      .from(activities)
      .leftJoin(resources, eq(resources.resourceId, activities.resourceId))
      .leftJoin(accounts, eq(accounts.accountId, activities.accountId))
      .where(where)
      .orderBy(desc(activities.occurredAt), desc(activities.activityId))
      .limit(query.pageSize)
      .offset(query.page * query.pageSize),
    db
      .select({
        actions: sql<string[] | null>`array_agg(distinct ${activities.action} order by ${activities.action})`,
        sources: sql<string[] | null>`array_agg(distinct ${activities.source} order by ${activities.source})`,
      })
      .from(activities)
      .where(ofDeveloper),
  ]);
  if (exists.length === 0) throw new CoreError('NOT_FOUND', `No developer ${query.developerId}`, { developerId: query.developerId });
  return {
    total,
    rows: page.map((r) => ({ ...r, occurredAt: r.occurredAt.toISOString() })),
    actions: menus[0]?.actions ?? [],
    sources: menus[0]?.sources ?? [],
  };
}
