/**
 * Campaigns: the list with cost per currency and attributed numbers, one
 * campaign, create and update. Names are unique per tenant (the spec's
 * unique key); a clash is a CONFLICT that says which name.
 *
 * Actions and conversions are campaign_stats' numbers before the spec's whole
 * number columns round them: all time, the tenant's model, from
 * derived.campaign_daily (which campaign_stats is computed from).
 */
import { and, eq, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import { likeContains } from '../db/like';
import { foldOf } from '../identity/normalise';
import type { Db } from '../db/db';
import { isUniqueViolation } from '../db/pg-errors';
import { activities, activityCampaigns, activityFunnelMap, budgets, campaigns } from '../db/schema';
import { campaignDaily } from '../db/schema-app';
import type { Campaign } from '../../../src-shared/contract/campaigns';
import { CoreError } from '../errors';
import { costParts, NO_COST, summariseByCampaign, summariseCosts, type CostSummary } from '../rates/costs';
import { refreshDerived } from '../derived/refresh';
import { readSettings } from '../settings/read';
import { rebuildCampaignStats } from '../stats/service';

/** Cost per currency, as text amounts so that no float rounds them on the way. */
const costs = sql<{ currency: string; amount: string }[]>`coalesce((
  select jsonb_agg(jsonb_build_object('currency', x.currency, 'amount', x.amount::text) order by x.currency)
    from (select ${budgets.currency} as currency, sum(${budgets.amount}) as amount from ${budgets}
           where ${budgets.tenantId} = ${campaigns.tenantId} and ${budgets.campaignId} = ${campaigns.campaignId}
           group by ${budgets.currency}) x), '[]')`;

/** Attributed actions and conversions (weights of actions mapped to `conversionStage`) of the campaign of the outer row. */
function attributed(db: Db, conversionStage: string) {
  return db
    .select({
      actions: sql<string | null>`sum(${campaignDaily.weight})`.as('actions'),
      conversions:
        sql<string>`coalesce(sum(${campaignDaily.weight}) filter (where ${activityFunnelMap.stageKey} = ${conversionStage}), 0)`.as(
          'conversions',
        ),
    })
    .from(campaignDaily)
    .leftJoin(
      activityFunnelMap,
      and(eq(activityFunnelMap.tenantId, campaignDaily.tenantId), eq(activityFunnelMap.action, campaignDaily.action)),
    )
    .where(and(eq(campaignDaily.tenantId, campaigns.tenantId), eq(campaignDaily.campaignId, campaigns.campaignId)))
    .as('w');
}

/** The tenant's campaigns that `where` keeps, with their costs and attributed numbers. */
function selectCampaigns(db: Db, tenant: string, conversionStage: string, where?: SQL) {
  const w = attributed(db, conversionStage);
  return db
    .select({
      campaignId: campaigns.campaignId,
      name: campaigns.name,
      channel: campaigns.channel,
      utmCampaign: sql<string | null>`${campaigns.attributes} ->> 'utm_campaign'`,
      startDate: campaigns.startDate,
      endDate: campaigns.endDate,
      budgetTotal: campaigns.budgetTotal,
      costs,
      actions: w.actions,
      conversions: w.conversions,
      createdAt: campaigns.createdAt,
      updatedAt: campaigns.updatedAt,
    })
    .from(campaigns)
    .leftJoinLateral(w, sql`true`)
    .where(and(eq(campaigns.tenantId, tenant), where));
}

type CampaignRow = Awaited<ReturnType<typeof selectCampaigns>>[number];

/** A campaign row with its all-time spend in the reporting currency, and the plan checked against it. */
const toCampaign = (r: CampaignRow, reportingCurrency: string, cost: CostSummary): Campaign => ({
  campaignId: r.campaignId,
  name: r.name,
  channel: r.channel,
  utmCampaign: r.utmCampaign,
  startDate: r.startDate,
  endDate: r.endDate,
  budgetTotal: r.budgetTotal === null ? null : Number(r.budgetTotal),
  costs: r.costs.map((c) => ({ currency: c.currency, amount: Number(c.amount) })),
  reportingCurrency,
  spent: cost.reporting,
  missingRates: cost.missingRates,
  // What converts is a lower bound of the spend: past the plan already, whatever the missing rates.
  overBudget: r.budgetTotal !== null && cost.converted > Number(r.budgetTotal),
  actions: Number(r.actions ?? 0),
  conversions: Number(r.conversions ?? 0),
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** A name (folded) or channel containing `query`. */
function matching(query: string): SQL | undefined {
  const pattern = likeContains(query);
  return or(
    sql`${foldOf(campaigns.name)} like lower(${pattern}::text)`,
    sql`lower(coalesce(${campaigns.channel}, '')) like lower(${pattern}::text)`,
  );
}

const ALL_TIME = { from: null, to: null };

export async function listCampaigns(db: Db, tenant: string, q?: string): Promise<Campaign[]> {
  const { conversionStage, valueCurrency } = await readSettings(db, tenant);
  const query = q?.trim();
  const [rows, parts] = await Promise.all([
    selectCampaigns(db, tenant, conversionStage, query ? matching(query) : undefined).orderBy(
      sql`lower(${campaigns.name})`,
      campaigns.name,
      campaigns.campaignId,
    ),
    costParts(db, tenant, valueCurrency, ALL_TIME),
  ]);
  const costs = summariseByCampaign(parts);
  return rows.map((r) => toCampaign(r, valueCurrency, costs.get(r.campaignId) ?? NO_COST));
}

export async function getCampaign(db: Db, tenant: string, campaignId: string): Promise<Campaign> {
  const { conversionStage, valueCurrency } = await readSettings(db, tenant);
  const [row] = await selectCampaigns(db, tenant, conversionStage, eq(campaigns.campaignId, campaignId));
  if (!row) throw new CoreError('NOT_FOUND', `No campaign ${campaignId}; it may have been deleted`, { campaignId });
  return toCampaign(row, valueCurrency, summariseCosts(await costParts(db, tenant, valueCurrency, ALL_TIME, campaignId)));
}

export interface CampaignFields {
  name?: string;
  channel?: string | null;
  utmCampaign?: string | null;
  startDate?: string | null;
  endDate?: string | null;
  budgetTotal?: number | null;
}

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
  const [row] = await namedWrite(fields.name, () =>
    db
      .insert(campaigns)
      .values({
        tenantId: tenant,
        name: fields.name,
        channel: fields.channel || null,
        startDate: fields.startDate ?? null,
        endDate: fields.endDate ?? null,
        budgetTotal: numeric(fields.budgetTotal),
        attributes: fields.utmCampaign ? { utm_campaign: fields.utmCampaign } : null,
      })
      .returning({ id: campaigns.campaignId }),
  );
  const id = row!.id;
  await rebuildCampaignStats(db, tenant, [id]);
  return id;
}

/** A number for a numeric column (which Drizzle types as text); null stays null. */
const numeric = (value: number | null | undefined): string | null => (value === null || value === undefined ? null : String(value));

/** Updates the fields given; returns whether anything changed. A changed channel refreshes the derived rows: call inside a transaction. */
export async function updateCampaign(db: Db, tenant: string, campaignId: string, fields: CampaignFields): Promise<boolean> {
  const thisCampaign = and(eq(campaigns.tenantId, tenant), eq(campaigns.campaignId, campaignId));
  const [row] = await db
    .select({ startDate: campaigns.startDate, endDate: campaigns.endDate, channel: campaigns.channel })
    .from(campaigns)
    .where(thisCampaign);
  if (!row) throw new CoreError('NOT_FOUND', `No campaign ${campaignId}; it may have been deleted`, { campaignId });
  checkDates(
    fields.startDate === undefined ? row.startDate : fields.startDate,
    fields.endDate === undefined ? row.endDate : fields.endDate,
  );
  const set: Partial<typeof campaigns.$inferInsert> = {};
  if (fields.name !== undefined) set.name = fields.name;
  if (fields.channel !== undefined) set.channel = fields.channel || null;
  if (fields.startDate !== undefined) set.startDate = fields.startDate;
  if (fields.endDate !== undefined) set.endDate = fields.endDate;
  if (fields.budgetTotal !== undefined) set.budgetTotal = numeric(fields.budgetTotal);
  // The utm value lives in attributes beside whatever an import put there, which it keeps.
  if (fields.utmCampaign !== undefined) {
    set.attributes = fields.utmCampaign
      ? sql`coalesce(${campaigns.attributes}, '{}'::jsonb) || jsonb_build_object('utm_campaign', ${fields.utmCampaign}::text)`
      : sql`nullif(coalesce(${campaigns.attributes}, '{}'::jsonb) - 'utm_campaign', '{}'::jsonb)`;
  }
  const columns = Object.keys(set) as (keyof typeof set)[];
  if (columns.length === 0) return false;
  // Only a real change touches updated_at (and counts as changed).
  const changed = or(...columns.map((key) => sql`${campaigns[key]} is distinct from ${set[key]}`));
  const result = await namedWrite(fields.name, () =>
    db
      .update(campaigns)
      .set({ ...set, updatedAt: sql`now()` })
      .where(and(thisCampaign, changed)),
  );
  const changedAny = (result.rowCount ?? 0) > 0;
  // The channel puts the campaign's developers in the funnel's channel slices (derived/funnel-bits.ts).
  if (changedAny && set.channel !== undefined && set.channel !== row.channel) {
    await refreshDerived(db, tenant, { developers: await campaignDevelopers(db, tenant, campaignId), span: null });
  }
  return changedAny;
}

/** Developers with activities attributed to the campaign (directly or by multi-touch credit). */
export async function campaignDevelopers(db: Db, tenant: string, campaignId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: activities.developerId })
    .from(activityCampaigns)
    .innerJoin(activities, eq(activities.activityId, activityCampaigns.activityId))
    .where(and(eq(activityCampaigns.tenantId, tenant), eq(activityCampaigns.campaignId, campaignId), isNotNull(activities.developerId)));
  return rows.map((r) => r.id!);
}
