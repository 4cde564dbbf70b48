/**
 * Campaigns: the list with cost per currency and attributed numbers, one
 * campaign, create and update. Names are unique per tenant (the spec's
 * unique key); a clash is a CONFLICT that says which name.
 *
 * Actions and conversions are campaign_stats' numbers before the spec's whole
 * number columns round them: all time, the tenant's model, from
 * derived.campaign_daily (which campaign_stats is computed from).
 */
import { likeContains } from '../db/like';
import { foldSql } from '../identity/normalise';
import type { Db } from '../db/db';
import type { Campaign } from '../../../src-shared/contract/campaigns';
import { CoreError } from '../errors';
import { readSettings } from '../settings/read';
import { rebuildCampaignStats } from '../stats/service';

interface CampaignRecord {
  campaign_id: string;
  name: string;
  channel: string | null;
  start_date: string | null;
  end_date: string | null;
  budget_total: string | null;
  costs: { currency: string; amount: number | string }[];
  actions: string | null;
  conversions: string | null;
  created_at: Date;
  updated_at: Date;
}

const toCampaign = (r: CampaignRecord): Campaign => ({
  campaignId: r.campaign_id,
  name: r.name,
  channel: r.channel,
  startDate: r.start_date,
  endDate: r.end_date,
  budgetTotal: r.budget_total === null ? null : Number(r.budget_total),
  costs: r.costs.map((c) => ({ currency: c.currency, amount: Number(c.amount) })),
  actions: Number(r.actions ?? 0),
  conversions: Number(r.conversions ?? 0),
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** `$1` tenant, `$2` conversion stage; `where` narrows campaigns `c`. */
const campaignSelect = (where: string) => `
  select c.campaign_id, c.name, c.channel, to_char(c.start_date, 'YYYY-MM-DD') as start_date,
         to_char(c.end_date, 'YYYY-MM-DD') as end_date, c.budget_total::text as budget_total,
         coalesce((select jsonb_agg(jsonb_build_object('currency', x.currency, 'amount', x.amount::text) order by x.currency)
                     from (select b.currency, sum(b.amount) as amount from budgets b
                            where b.tenant_id = c.tenant_id and b.campaign_id = c.campaign_id group by b.currency) x), '[]') as costs,
         w.actions, w.conversions, c.created_at, c.updated_at
    from campaigns c
    left join lateral (
      select sum(cd.weight) as actions, coalesce(sum(cd.weight) filter (where m.stage_key = $2), 0) as conversions
        from derived.campaign_daily cd
        left join activity_funnel_map m on m.tenant_id = cd.tenant_id and m.action = cd.action
       where cd.tenant_id = c.tenant_id and cd.campaign_id = c.campaign_id) w on true
   where c.tenant_id = $1 ${where}`;

export async function listCampaigns(db: Db, tenant: string, q?: string): Promise<Campaign[]> {
  const { conversionStage } = await readSettings(db, tenant);
  const query = q?.trim();
  const { rows } = await db.$client.query<CampaignRecord>(
    `${campaignSelect(`and ($3::text is null or ${foldSql('c.name')} like lower($3::text) or lower(coalesce(c.channel, '')) like lower($3::text))`)}
     order by lower(c.name), c.name, c.campaign_id`,
    [tenant, conversionStage, query ? likeContains(query) : null],
  );
  return rows.map(toCampaign);
}

export async function getCampaign(db: Db, tenant: string, campaignId: string): Promise<Campaign> {
  const { conversionStage } = await readSettings(db, tenant);
  const { rows } = await db.$client.query<CampaignRecord>(campaignSelect('and c.campaign_id = $3'), [tenant, conversionStage, campaignId]);
  if (rows.length === 0) throw new CoreError('NOT_FOUND', `No campaign ${campaignId}; it may have been deleted`, { campaignId });
  return toCampaign(rows[0]!);
}

export interface CampaignFields {
  name?: string;
  channel?: string | null;
  startDate?: string | null;
  endDate?: string | null;
  budgetTotal?: number | null;
}

const isUniqueViolation = (error: unknown) => typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';

export function nameConflict(name: string): CoreError {
  return new CoreError('CONFLICT', `A campaign named "${name}" already exists; choose another name or edit that campaign`, {
    field: 'name',
    name,
  });
}

function checkDates(startDate: string | null | undefined, endDate: string | null | undefined): void {
  if (startDate && endDate && endDate < startDate) {
    throw new CoreError('BAD_INPUT', `The campaign ends (${endDate}) before it starts (${startDate})`, { field: 'endDate' });
  }
}

/** Runs `write`, turning the tenant-name unique violation into a CONFLICT. */
async function namedWrite<T>(name: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (name !== undefined && isUniqueViolation(error)) throw nameConflict(name);
    throw error;
  }
}

/** Creates a campaign (with its zero campaign_stats row); returns its id. */
export async function createCampaign(db: Db, tenant: string, fields: CampaignFields & { name: string }): Promise<string> {
  checkDates(fields.startDate, fields.endDate);
  const { rows } = await namedWrite(fields.name, () =>
    db.$client.query<{ id: string }>(
      `insert into campaigns (tenant_id, name, channel, start_date, end_date, budget_total)
       values ($1, $2, $3, $4, $5, $6) returning campaign_id as id`,
      [tenant, fields.name, fields.channel || null, fields.startDate ?? null, fields.endDate ?? null, fields.budgetTotal ?? null],
    ),
  );
  const id = rows[0]!.id;
  await rebuildCampaignStats(db, tenant, [id]);
  return id;
}

/** Updates the fields given; returns whether anything changed. */
export async function updateCampaign(db: Db, tenant: string, campaignId: string, fields: CampaignFields): Promise<boolean> {
  const current = await db.$client.query<{ start_date: string | null; end_date: string | null }>(
    `select to_char(start_date, 'YYYY-MM-DD') as start_date, to_char(end_date, 'YYYY-MM-DD') as end_date
       from campaigns where tenant_id = $1 and campaign_id = $2`,
    [tenant, campaignId],
  );
  const row = current.rows[0];
  if (!row) throw new CoreError('NOT_FOUND', `No campaign ${campaignId}; it may have been deleted`, { campaignId });
  checkDates(
    fields.startDate === undefined ? row.start_date : fields.startDate,
    fields.endDate === undefined ? row.end_date : fields.endDate,
  );
  const sets: string[] = [];
  const values: unknown[] = [tenant, campaignId];
  const set = (column: string, value: unknown) => sets.push(`${column} = $${values.push(value)}`);
  if (fields.name !== undefined) set('name', fields.name);
  if (fields.channel !== undefined) set('channel', fields.channel || null);
  if (fields.startDate !== undefined) set('start_date', fields.startDate);
  if (fields.endDate !== undefined) set('end_date', fields.endDate);
  if (fields.budgetTotal !== undefined) set('budget_total', fields.budgetTotal);
  if (sets.length === 0) return false;
  const changed = sets.map((s) => s.replace(/ = (\$\d+)$/, ' is distinct from $1')).join(' or ');
  const result = await namedWrite(fields.name, () =>
    db.$client.query(
      `update campaigns set ${sets.join(', ')}, updated_at = now() where tenant_id = $1 and campaign_id = $2 and (${changed})`,
      values,
    ),
  );
  return (result.rowCount ?? 0) > 0;
}
