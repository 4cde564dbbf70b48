/**
 * Deleting a campaign, with undo. The delete cascades (spec FKs) to its
 * budgets, attributions, campaign_stats and derived rows, and unlinks its
 * resources; multi-touch credit it shared goes to the other campaigns the
 * same developers touched (attribution is refreshed for them).
 *
 * Before deleting, every row that goes is kept in memory as the row itself
 * (to_jsonb), keyed by a random token, for ten minutes: restore puts the same
 * rows back (jsonb_populate_record: ids, timestamps, attributes and all) and
 * refreshes attribution for the same developers, which recomputes the
 * multi-touch rows exactly as they were (their ids derive from their content).
 * A token is used once; the app forgets them on restart.
 */
import { addToCampaignDaily, IS_MULTI_TOUCH } from '../derived/campaign-daily';
import { refreshDerived } from '../derived/refresh';
import { CoreError } from '../errors';
import { inTransaction } from '../db/transaction';
import { readSettings } from '../settings/read';
import { campaignDevelopers as reach, nameConflict } from './service';
import { isUniqueViolation } from '../db/pg-errors';
import type { Db } from '../db/db';
import { createUndoStore, type UndoStore } from '../undo-store';

interface Snapshot {
  tenant: string;
  campaignId: string;
  name: string;
  /** Rows as jsonb text: numbers stay exactly as stored (never through a JS number). */
  campaign: string;
  budgets: string;
  activityCampaigns: string;
  resourceIds: string[];
  campaignStats: string | null;
  developers: string[];
}

export type CampaignUndoStore = UndoStore<Snapshot>;
export const createCampaignUndoStore = (now?: () => number): CampaignUndoStore => createUndoStore<Snapshot>(now);

export async function deleteCampaign(db: Db, store: CampaignUndoStore, tenant: string, campaignId: string): Promise<string> {
  return inTransaction(db, async (tx) => {
    const campaign = await tx.$client.query<{ row: string; name: string }>(
      'select to_jsonb(c)::text as row, c.name from campaigns c where c.tenant_id = $1 and c.campaign_id = $2 for update',
      [tenant, campaignId],
    );
    if (campaign.rows.length === 0)
      throw new CoreError('NOT_FOUND', `No campaign ${campaignId}; it may have been deleted already`, { campaignId });
    const t = [tenant, campaignId];
    const rowsOf = async (sql: string) => (await tx.$client.query<{ rows: string | null }>(sql, t)).rows[0]?.rows ?? null;
    const budgets = await rowsOf(
      'select jsonb_agg(to_jsonb(b))::text as rows from budgets b where b.tenant_id = $1 and b.campaign_id = $2',
    );
    const activityCampaigns = await rowsOf(
      'select jsonb_agg(to_jsonb(ac))::text as rows from activity_campaigns ac where ac.tenant_id = $1 and ac.campaign_id = $2',
    );
    const stats = await rowsOf('select to_jsonb(s)::text as rows from campaign_stats s where s.tenant_id = $1 and s.campaign_id = $2');
    const resources = await tx.$client.query<{ id: string }>(
      'select resource_id as id from resources where tenant_id = $1 and campaign_id = $2',
      t,
    );
    const reached = await reach(tx, tenant, campaignId);

    // The cascade takes its rows from campaign_daily and roi_steps too.
    await tx.$client.query('delete from campaigns where tenant_id = $1 and campaign_id = $2', t);
    // Multi-touch credit it held moves to the other campaigns those developers touched.
    await refreshDerived(tx, tenant, { developers: reached, span: null });
    return store.put({
      tenant,
      campaignId,
      name: campaign.rows[0]!.name,
      campaign: campaign.rows[0]!.row,
      budgets: budgets ?? '[]',
      activityCampaigns: activityCampaigns ?? '[]',
      resourceIds: resources.rows.map((r) => r.id),
      campaignStats: stats,
      developers: reached,
    });
  });
}

/** Puts a deleted campaign back; returns its id. */
export async function restoreCampaign(db: Db, store: CampaignUndoStore, tenant: string, token: string): Promise<string> {
  const snapshot = store.get(token);
  if (!snapshot || snapshot.tenant !== tenant) {
    throw new CoreError('NOT_FOUND', 'Nothing to undo: the undo expired (after 10 minutes), was already used, or the app was restarted', {
      undoToken: token,
    });
  }
  // A restore that fails (say, another campaign took the name) can be tried again with the same token.
  const campaignId = await inTransaction(db, async (tx) => {
    try {
      await tx.$client.query('insert into campaigns select * from jsonb_populate_record(null::campaigns, $1::jsonb)', [snapshot.campaign]);
    } catch (error) {
      if (isUniqueViolation(error)) throw nameConflict(snapshot.name);
      throw error;
    }
    const { campaignId: id } = snapshot;
    await tx.$client.query('insert into budgets select * from jsonb_populate_recordset(null::budgets, $1::jsonb)', [snapshot.budgets]);
    // Direct attributions come back with their own ids (of activities that still exist); the
    // multi-touch ones are recomputed below, identical, ids included.
    await tx.$client.query(
      `insert into activity_campaigns
       select r.* from jsonb_populate_recordset(null::activity_campaigns, $1::jsonb) r
        where not ${IS_MULTI_TOUCH('r')} and exists (select 1 from activities a where a.activity_id = r.activity_id)
       on conflict do nothing`,
      [snapshot.activityCampaigns],
    );
    const { timeZone } = await readSettings(tx, tenant);
    await addToCampaignDaily(
      tx,
      tenant,
      timeZone,
      `select ac.activity_id, ac.campaign_id, ac.weight, 1 as n, false as multi from activity_campaigns ac
        where ac.tenant_id = $1 and ac.campaign_id = '${snapshot.campaignId}'::uuid`,
    );
    // A resource linked to another campaign meanwhile keeps that one.
    await tx.$client.query(
      'update resources set campaign_id = $2 where tenant_id = $1 and resource_id = any($3::uuid[]) and campaign_id is null',
      [tenant, id, snapshot.resourceIds],
    );
    if (snapshot.campaignStats !== null) {
      await tx.$client.query('insert into campaign_stats select * from jsonb_populate_record(null::campaign_stats, $1::jsonb)', [
        snapshot.campaignStats,
      ]);
    }
    // The same developers as at delete time, and whoever holds those activities now (merges).
    const reached = await reach(tx, tenant, id);
    const developers = [...new Set([...snapshot.developers, ...reached])];
    await refreshDerived(tx, tenant, { developers, span: null });
    return id;
  });
  store.drop(token);
  return campaignId;
}
