/**
 * Merging duplicate resources (the same event imported under two titles, a
 * url typed two ways): `from`'s activities move to `into`, which keeps its
 * own fields and takes `from`'s where it has none (title, url, group,
 * campaign); `from` is deleted. The kept resource's attributes record the
 * merge (`merged_from`: the deleted row's fields and when), and the moved
 * activities follow the kept resource's campaign (attribution.ts).
 *
 * Undo, within ten minutes (undo-store.ts): `from` comes back as it was, its
 * activities return to it, `into` gets its fields back, and every activity
 * the merge touched gets back the direct campaign it had. The rule of
 * attribution.ts cannot tell that alone: after the merge, an activity that
 * named the kept resource's campaign itself (by its utm_campaign) looks like
 * one that followed its resource there. So the merge records what it must
 * put back: each moved activity's direct campaign, and the kept resource's
 * own activities that had chosen the campaign the merge gave it.
 */
import { IS_MULTI_TOUCH } from '../derived/campaign-daily';
import { CoreError } from '../errors';
import { inTransaction } from '../db/transaction';
import type { UndoStore } from '../undo-store';
import type { Db } from '../db/db';
import { reattribute } from './attribution';

export interface MergeSnapshot {
  tenant: string;
  /** The rows before the merge, as jsonb text. */
  into: string;
  from: string;
  /** `from`'s activities, with the direct campaign each had before the merge. */
  moved: { activityId: string; campaignId: string | null }[];
  /** `into`'s own activities that had chosen, themselves, the campaign the merge gave `into` (it had none). */
  pinned: string[];
}

/** Activities of a resource with their direct campaign (null: none; multi-touch credit is not a choice). */
const WITH_DIRECT_CAMPAIGN = `select a.activity_id, (select ac.campaign_id from activity_campaigns ac
         where ac.tenant_id = a.tenant_id and ac.activity_id = a.activity_id and not ${IS_MULTI_TOUCH('ac')} limit 1) as campaign_id
    from activities a where a.tenant_id = $1 and a.resource_id = $2`;

interface Side {
  resource_id: string;
  campaign_id: string | null;
  category: string;
  group_key: string | null;
  row: string;
}

/** Copies the resource's category and group into its activities (they hold them so that filters need no join). */
async function copyToActivities(db: Db, tenant: string, resourceId: string): Promise<void> {
  await db.$client.query(
    `update activities a set category = r.category, group_key = r.group_key
       from resources r
      where r.tenant_id = $1 and r.resource_id = $2 and a.tenant_id = $1 and a.resource_id = $2
        and (a.category is distinct from r.category or a.group_key is distinct from r.group_key)`,
    [tenant, resourceId],
  );
}

export async function mergeResources(
  db: Db,
  store: UndoStore<MergeSnapshot>,
  tenant: string,
  intoId: string,
  fromId: string,
): Promise<{ moved: number; undoToken: string }> {
  if (intoId === fromId) throw new CoreError('BAD_INPUT', 'A resource cannot be merged into itself', { intoId, fromId });
  return inTransaction(db, async (tx) => {
    const c = tx.$client;
    const { rows } = await c.query<Side>(
      `select resource_id, campaign_id, category, group_key, to_jsonb(r)::text as row from resources r
        where tenant_id = $1 and resource_id = any($2::uuid[]) order by resource_id for update`,
      [tenant, [intoId, fromId]],
    );
    const into = rows.find((r) => r.resource_id === intoId);
    const from = rows.find((r) => r.resource_id === fromId);
    for (const [id, side] of [
      [intoId, into],
      [fromId, from],
    ] as const) {
      if (!side) throw new CoreError('NOT_FOUND', `No resource ${id}; it may have been merged already`, { resourceId: id });
    }
    const before = await c.query<{ activity_id: string; campaign_id: string | null }>(`${WITH_DIRECT_CAMPAIGN} order by 1`, [
      tenant,
      fromId,
    ]);
    const moved = before.rows.map((r) => ({ activityId: r.activity_id, campaignId: r.campaign_id }));
    const ids = moved.map((m) => m.activityId);
    await c.query('update activities set resource_id = $2 where tenant_id = $1 and activity_id = any($3::uuid[])', [tenant, intoId, ids]);
    await c.query('delete from resources where tenant_id = $1 and resource_id = $2', [tenant, fromId]);
    await c.query(
      `update resources i set title = coalesce(i.title, f.title), url = coalesce(i.url, f.url), group_key = coalesce(i.group_key, f.group_key),
              campaign_id = coalesce(i.campaign_id, f.campaign_id), updated_at = now(),
              attributes = jsonb_set(coalesce(i.attributes, '{}'), '{merged_from}',
                coalesce(i.attributes -> 'merged_from', '[]') || jsonb_build_array(
                  jsonb_build_object('resource_id', f.resource_id, 'category', f.category, 'group_key', f.group_key, 'title', f.title,
                                     'url', f.url, 'external_id', f.external_id, 'campaign_id', f.campaign_id, 'merged_at', now())))
         from jsonb_populate_record(null::resources, $3::jsonb) f
        where i.tenant_id = $1 and i.resource_id = $2`,
      [tenant, intoId, from!.row],
    );
    await copyToActivities(tx, tenant, intoId);
    const kept = into!.campaign_id ?? from!.campaign_id;
    await reattribute(tx, tenant, { resourceId: intoId, from: from!.campaign_id, to: kept, activityIds: ids });
    let pinned: string[] = [];
    if (into!.campaign_id === null && kept !== null) {
      // `into`'s own activities followed no campaign: those without a direct one take the one it has now.
      const own = await c.query<{ activity_id: string; campaign_id: string | null }>(
        `select * from (${WITH_DIRECT_CAMPAIGN}) o where not (o.activity_id = any($3::uuid[]))`,
        [tenant, intoId, ids],
      );
      pinned = own.rows.filter((r) => r.campaign_id === kept).map((r) => r.activity_id);
      await reattribute(tx, tenant, { resourceId: intoId, from: null, to: kept, activityIds: own.rows.map((r) => r.activity_id) });
    }
    const undoToken = store.put({ tenant, into: into!.row, from: from!.row, moved, pinned });
    return { moved: ids.length, undoToken };
  });
}

export async function undoResourceMerge(db: Db, store: UndoStore<MergeSnapshot>, tenant: string, token: string): Promise<string> {
  const snapshot = store.get(token);
  if (!snapshot || snapshot.tenant !== tenant) {
    throw new CoreError('NOT_FOUND', 'Nothing to undo: the undo expired (after 10 minutes), was already used, or the app was restarted', {
      undoToken: token,
    });
  }
  const resourceId = await inTransaction(db, async (tx) => {
    const c = tx.$client;
    const now = await c.query<{ resource_id: string; campaign_id: string | null }>(
      'select resource_id, campaign_id from resources where tenant_id = $1 and resource_id = ($2::jsonb ->> $3)::uuid for update',
      [tenant, snapshot.into, 'resource_id'],
    );
    if (!now.rows[0]) throw new CoreError('CONFLICT', 'The kept resource was merged or deleted since: the merge cannot be undone', {});
    const intoId = now.rows[0].resource_id;
    const merged = now.rows[0].campaign_id;
    const from = await c.query<{ resource_id: string; campaign_id: string | null }>(
      'insert into resources select * from jsonb_populate_record(null::resources, $1::jsonb) returning resource_id, campaign_id',
      [snapshot.from],
    );
    const fromId = from.rows[0]!.resource_id;
    await c.query(
      `update resources i set title = b.title, url = b.url, group_key = b.group_key, campaign_id = b.campaign_id,
              attributes = b.attributes, updated_at = now()
         from jsonb_populate_record(null::resources, $2::jsonb) b where i.tenant_id = $1 and i.resource_id = b.resource_id`,
      [tenant, snapshot.into],
    );
    const back = await c.query<{ id: string }>(
      `update activities set resource_id = $2 where tenant_id = $1 and resource_id = $3 and activity_id = any($4::uuid[])
       returning activity_id as id`,
      [tenant, fromId, intoId, snapshot.moved.map((m) => m.activityId)],
    );
    await copyToActivities(tx, tenant, fromId);
    await copyToActivities(tx, tenant, intoId);
    // Each moved activity back to the direct campaign it had: one that followed its resource, or chose one itself.
    const returned = new Set(back.rows.map((r) => r.id));
    const byCampaign = new Map<string | null, string[]>();
    for (const m of snapshot.moved.filter((x) => returned.has(x.activityId))) {
      byCampaign.set(m.campaignId, [...(byCampaign.get(m.campaignId) ?? []), m.activityId]);
    }
    for (const [campaignId, activityIds] of byCampaign) {
      await reattribute(tx, tenant, { resourceId: fromId, from: merged, to: campaignId, activityIds });
    }
    // `into`'s own follow its restored campaign, but for those that had chosen the merged one themselves.
    const restored = await c.query<{ campaign_id: string | null }>('select campaign_id from resources where resource_id = $1', [intoId]);
    const own =
      snapshot.pinned.length === 0
        ? undefined
        : (
            await c.query<{ id: string }>(
              'select activity_id as id from activities where tenant_id = $1 and resource_id = $2 and not (activity_id = any($3::uuid[]))',
              [tenant, intoId, snapshot.pinned],
            )
          ).rows.map((r) => r.id);
    await reattribute(tx, tenant, { resourceId: intoId, from: merged, to: restored.rows[0]!.campaign_id, activityIds: own });
    return fromId;
  });
  store.drop(token);
  return resourceId;
}
