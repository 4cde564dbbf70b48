/**
 * Resources: the page's list (activity counts and span through
 * idx_activities_tenant_res, one probe per listed resource), one resource,
 * and edits. An edit keeps the copies activities hold (category, group_key)
 * and re-attributes the resource's activities when its campaign changes
 * (attribution.ts), in one transaction with the derived refresh.
 */
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { ResourceListQuery, ResourcePage, ResourceRow, ResourceUpdate } from '../../../src-shared/contract/resources';
import type { ResourceSort } from '../../../src-shared/contract/values';
import { CoreError } from '../errors';
import { likeContains } from '../db/like';
import { inTransaction } from '../db/transaction';
import { activities, campaigns, resources } from '../db/schema';
import type { Db } from '../db/db';
import { refreshDerived } from '../derived/refresh';
import { reattribute } from './attribution';

/** SQL: the columns of a ResourceRow from resources `r` left-joined with campaigns `c`. */
export const RESOURCE_COLUMNS = `r.resource_id, r.category, r.group_key, r.title, r.url, r.external_id, r.campaign_id, c.name as campaign_name,
  (select count(*) from activities a where a.tenant_id = r.tenant_id and a.resource_id = r.resource_id) as activities,
  (select min(a.occurred_at) from activities a where a.tenant_id = r.tenant_id and a.resource_id = r.resource_id) as first_at,
  (select max(a.occurred_at) from activities a where a.tenant_id = r.tenant_id and a.resource_id = r.resource_id) as last_at`;

interface RawRow {
  resource_id: string;
  category: string;
  group_key: string | null;
  title: string | null;
  url: string | null;
  external_id: string | null;
  campaign_id: string | null;
  campaign_name: string | null;
  activities: string;
  first_at: Date | null;
  last_at: Date | null;
}

export const toResourceRow = (r: RawRow): ResourceRow => ({
  resourceId: r.resource_id,
  category: r.category,
  groupKey: r.group_key,
  title: r.title,
  url: r.url,
  externalId: r.external_id,
  campaignId: r.campaign_id,
  campaignName: r.campaign_name,
  activities: Number(r.activities),
  firstAt: r.first_at?.toISOString() ?? null,
  lastAt: r.last_at?.toISOString() ?? null,
});

const ORDER: Record<ResourceSort, string> = {
  lastActivity: 'last_at desc nulls last, lower(title) nulls last, resource_id',
  title: 'lower(title) nulls last, resource_id',
  created: 'created_at desc, resource_id',
};

export async function listResources(db: Db, tenant: string, query: ResourceListQuery): Promise<ResourcePage> {
  const params: unknown[] = [tenant];
  const where = ['r.tenant_id = $1'];
  const q = query.q?.trim();
  if (q) {
    params.push(likeContains(q));
    const p = `$${params.length}`;
    where.push(`(lower(coalesce(r.title, '')) like lower(${p}) or lower(coalesce(r.url, '')) like lower(${p})
                 or lower(coalesce(r.external_id, '')) like lower(${p}))`);
  }
  for (const [column, value] of [
    ['r.category', query.category],
    ['r.group_key', query.groupKey],
    ['r.campaign_id', query.campaignId],
  ] as const) {
    if (value === undefined) continue;
    params.push(value);
    where.push(`${column} = $${params.length}${column === 'r.campaign_id' ? '::uuid' : ''}`);
  }
  const filter = where.join(' and ');
  const total = await db.$client.query<{ n: string }>(`select count(*) as n from resources r where ${filter}`, params);
  params.push(query.pageSize, query.page * query.pageSize);
  const { rows } = await db.$client.query<RawRow>(
    `select * from (select ${RESOURCE_COLUMNS}, r.created_at
                      from resources r left join campaigns c on c.campaign_id = r.campaign_id where ${filter}) x
      order by ${ORDER[query.sort]} limit $${params.length - 1} offset $${params.length}`,
    params,
  );
  const facets = await db.$client.query<{ categories: string[]; groups: string[] }>(
    `select array(select distinct category from resources where tenant_id = $1 order by 1) as categories,
            array(select distinct group_key from resources where tenant_id = $1 and group_key is not null order by 1) as groups`,
    [tenant],
  );
  return { total: Number(total.rows[0]!.n), rows: rows.map(toResourceRow), ...facets.rows[0]! };
}

export async function getResource(db: Db, tenant: string, resourceId: string): Promise<ResourceRow> {
  const { rows } = await db.$client.query<RawRow>(
    `select ${RESOURCE_COLUMNS} from resources r left join campaigns c on c.campaign_id = r.campaign_id
      where r.tenant_id = $1 and r.resource_id = $2`,
    [tenant, resourceId],
  );
  if (!rows[0]) throw new CoreError('NOT_FOUND', `No resource ${resourceId}; it may have been merged into another`, { resourceId });
  return toResourceRow(rows[0]);
}

/** The campaign, refused when it is not the tenant's. */
async function checkCampaign(db: Db, tenant: string, campaignId: string): Promise<void> {
  const found = await db.$count(campaigns, and(eq(campaigns.tenantId, tenant), eq(campaigns.campaignId, campaignId)));
  if (found === 0) throw new CoreError('NOT_FOUND', `No campaign ${campaignId}; it may have been deleted`, { campaignId });
}

/**
 * Applies the fields given. An import finds a resource again by category and
 * external id, else url, else title: when an edit would change that key of a
 * resource without an external id, the old key is kept as its external id, so
 * that a later import of the same rows still lands on this resource.
 */
export async function updateResource(
  db: Db,
  tenant: string,
  edit: ResourceUpdate,
): Promise<{ resource: ResourceRow; reattributed: number }> {
  const { resourceId } = edit;
  const reattributed = await inTransaction(db, async (tx) => {
    const thisResource = and(eq(resources.tenantId, tenant), eq(resources.resourceId, resourceId));
    const [before] = await tx.select().from(resources).where(thisResource).for('update');
    if (!before) throw new CoreError('NOT_FOUND', `No resource ${resourceId}; it may have been merged into another`, { resourceId });
    if (edit.campaignId) await checkCampaign(tx, tenant, edit.campaignId);
    const next = {
      title: edit.title === undefined ? before.title : edit.title || null,
      url: edit.url === undefined ? before.url : edit.url || null,
      category: edit.category ?? before.category,
      groupKey: edit.groupKey === undefined ? before.groupKey : edit.groupKey,
      campaignId: edit.campaignId === undefined ? before.campaignId : edit.campaignId,
    };
    const oldKey = before.url ?? before.title;
    const keyMoves = before.externalId === null && oldKey !== null && (next.url ?? next.title) !== oldKey;
    await tx
      .update(resources)
      .set({ ...next, externalId: keyMoves ? oldKey : before.externalId, updatedAt: sql`now()` })
      .where(thisResource);
    if (next.category !== before.category || next.groupKey !== before.groupKey) {
      await tx
        .update(activities)
        .set({ category: next.category, groupKey: next.groupKey })
        .where(and(eq(activities.tenantId, tenant), eq(activities.resourceId, resourceId)));
    }
    const moved =
      next.campaignId === before.campaignId
        ? 0
        : await reattribute(tx, tenant, { resourceId, from: before.campaignId, to: next.campaignId });
    // The category puts the resource's developers in the funnel's category slices (derived/funnel-bits.ts).
    if (next.category !== before.category)
      await refreshDerived(tx, tenant, { developers: await resourceDevelopers(tx, tenant, resourceId), span: null });
    return moved;
  });
  return { resource: await getResource(db, tenant, resourceId), reattributed };
}

/** Developers with activities of the resource. */
async function resourceDevelopers(db: Db, tenant: string, resourceId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: activities.developerId })
    .from(activities)
    .where(and(eq(activities.tenantId, tenant), eq(activities.resourceId, resourceId), isNotNull(activities.developerId)));
  return rows.map((r) => r.id!);
}
