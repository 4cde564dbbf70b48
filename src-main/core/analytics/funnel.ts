/**
 * The funnel (DESIGN.md, "Funnel") for a period [from, to) of the tenant's
 * days, optionally for one campaign or one source, and the developers behind
 * each stage.
 *
 * Answered from derived.funnel_bits (funnel-bits-read.ts): per stage, the
 * OR of the few day-tree nodes that make up the period, in the slice of the
 * filter ('' for none, a campaign, a source, or a campaign × source), gives
 * each developer's mask of stages reached; funnel-shape.ts turns the counts
 * per mask into reached / at-or-beyond / conversion, and the lists join the
 * masks' developer numbers to their ids.
 *
 * Anonymous activities (no developer, an anon id) are counted from
 * derived.activity_daily (per source), or for a campaign from
 * derived.campaign_daily, whose anonymous weights are counts: an anonymous
 * activity has no developer to earn multi-touch credit, so its only
 * attributions are direct, with weight 1.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { FunnelListMode, FunnelQuery, FunnelReport } from '../../../src-shared/contract/analytics';
import type { FunnelStage } from '../../../src-shared/contract/settings';
import { toCsv } from '../../../src-shared/csv';
import { funnelDim } from '../derived/funnel-nodes';
import type { Db } from '../db/db';
import { campaigns } from '../db/schema';
import { CoreError } from '../errors';
import { exportFormat } from '../settings/export-format';
import { listStages } from '../settings/read';
import { countSlice, numbered, sliceBits, type SliceBits } from './funnel-bits-read';
import { highestStage, inMode, shapeFunnel } from './funnel-shape';
import { checkPeriod, previousPeriod } from './period';

type Filters = Pick<FunnelQuery, 'from' | 'to' | 'campaignId' | 'source'>;

async function campaignExists(db: Db, tenant: string, campaignId: string): Promise<void> {
  const rows = await db
    .select({ one: sql`1` })
    .from(campaigns)
    .where(and(eq(campaigns.tenantId, tenant), eq(campaigns.campaignId, campaignId)));
  if (rows.length === 0) {
    throw new CoreError('NOT_FOUND', `No campaign ${campaignId}; choose one from the campaign list`, { campaignId });
  }
}

/** Every developer who reached a stage in the period under the filters (undefined: none). */
async function slice(db: Db, tenant: string, f: Filters, stages: readonly FunnelStage[]): Promise<SliceBits | undefined> {
  if (f.campaignId !== undefined) await campaignExists(db, tenant, f.campaignId);
  const dim = funnelDim(f);
  return (await sliceBits(db, tenant, f, { dims: [dim] }, stages)).get(dim);
}

/** Anonymous activities in the period under the filters. */
async function anonymousCount(db: Db, tenant: string, f: Filters): Promise<number> {
  const { rows } =
    f.campaignId !== undefined
      ? await db.$client.query<{ n: string }>(
          `select coalesce(round(sum(anonymous)), 0) as n from derived.campaign_daily
            where tenant_id = $1 and campaign_id = $2 and day >= $3::date and day < $4::date and ($5::text is null or source = $5)`,
          [tenant, f.campaignId, f.from, f.to, f.source ?? null],
        )
      : await db.$client.query<{ n: string }>(
          `select coalesce(sum(anonymous), 0) as n from derived.activity_daily
            where tenant_id = $1 and day >= $2::date and day < $3::date and ($4::text is null or source = $4)`,
          [tenant, f.from, f.to, f.source ?? null],
        );
  return Number(rows[0]!.n);
}

async function funnelCounts(db: Db, tenant: string, f: Filters, stages: readonly FunnelStage[]) {
  // Two statements, side by side when `db` is a pool.
  const [found, anonymous] = await Promise.all([slice(db, tenant, f, stages), anonymousCount(db, tenant, f)]);
  return { from: f.from, to: f.to, anonymous, stages: shapeFunnel(stages, countSlice(found, stages.length)) };
}

export async function funnelReport(db: Db, tenant: string, query: FunnelQuery): Promise<FunnelReport> {
  const { compare, ...filters } = query;
  const f = { ...filters, ...checkPeriod(query.from, query.to) };
  const stages = await listStages(db);
  const current = await funnelCounts(db, tenant, f, stages);
  if (!compare) return current;
  const before = previousPeriod(f);
  return { ...current, previous: before ? await funnelCounts(db, tenant, { ...f, ...before }, stages) : null };
}

export interface FunnelDevelopersQuery extends Filters {
  stageKey: string;
  mode: FunnelListMode;
  /** The CSV's words (stage titles); the list ignores it. */
  language?: 'en' | 'ja';
}

export interface FunnelDeveloperRow {
  developerId: string;
  displayName: string | null;
  primaryEmail: string | null;
  organization: string | null;
  stage: string;
  lastActionAt: string | null;
}

/**
 * The developers of one stage, most recently active first, as (id, mask,
 * total), one page of them or (page undefined) all.
 */
async function stageDevelopers(db: Db, tenant: string, query: FunnelDevelopersQuery, page?: { size: number; offset: number }) {
  const f = { ...query, ...checkPeriod(query.from, query.to) };
  const stages = await listStages(db);
  const index = stages.findIndex((s) => s.key === query.stageKey);
  if (index < 0) {
    throw new CoreError('BAD_INPUT', `Unknown stage "${query.stageKey}"; choose one of ${stages.map((s) => s.key).join(', ')}`, {
      field: 'stageKey',
      stages: stages.map((s) => s.key),
    });
  }
  const found = numbered(await slice(db, tenant, f, stages), stages.length);
  const numbers: number[] = [];
  const kept: number[] = [];
  found.masks.forEach((mask, i) => {
    if (inMode(mask, index, query.mode)) {
      numbers.push(found.numbers[i]!);
      kept.push(mask);
    }
  });
  const limit = page ? 'limit $4 offset $5' : '';
  const { rows } = await db.$client.query<{ developer_id: string; mask: number; total: string }>(
    `select dn.developer_id, m.mask, count(*) over () as total
       from unnest($2::int[], $3::int[]) as m(n, mask)
       join app.developer_number dn on dn.tenant_id = $1 and dn.n = m.n
       left join developer_stats s on s.developer_id = dn.developer_id
      order by s.last_action_at desc nulls last, dn.developer_id ${limit}`,
    page ? [tenant, numbers, kept, page.size, page.offset] : [tenant, numbers, kept],
  );
  return { stages, rows };
}

/** Name, email, organization and last action of `ids`, in their order. */
async function developerDetails(db: Db, tenant: string, ids: string[]) {
  if (ids.length === 0)
    return new Map<
      string,
      { displayName: string | null; primaryEmail: string | null; organization: string | null; lastActionAt: string | null }
    >();
  const { rows } = await db.$client.query<{
    developer_id: string;
    display_name: string | null;
    primary_email: string | null;
    org_name: string | null;
    last_action_at: Date | null;
  }>(
    `select d.developer_id, d.display_name, d.primary_email::text as primary_email, o.name as org_name, s.last_action_at
       from unnest($2::uuid[]) as p(id)
       join developers d on d.developer_id = p.id and d.tenant_id = $1
       left join organizations o on o.org_id = d.org_id
       left join developer_stats s on s.developer_id = d.developer_id`,
    [tenant, ids],
  );
  return new Map(
    rows.map((r) => [
      r.developer_id,
      {
        displayName: r.display_name,
        primaryEmail: r.primary_email,
        organization: r.org_name,
        lastActionAt: r.last_action_at?.toISOString() ?? null,
      },
    ]),
  );
}

async function withDetails(
  db: Db,
  tenant: string,
  stages: readonly FunnelStage[],
  rows: { developer_id: string; mask: number }[],
): Promise<FunnelDeveloperRow[]> {
  const details = await developerDetails(
    db,
    tenant,
    rows.map((r) => r.developer_id),
  );
  return rows.map((r) => {
    const d = details.get(r.developer_id);
    return {
      developerId: r.developer_id,
      displayName: d?.displayName ?? null,
      primaryEmail: d?.primaryEmail ?? null,
      organization: d?.organization ?? null,
      stage: highestStage(stages, r.mask)?.key ?? '',
      lastActionAt: d?.lastActionAt ?? null,
    };
  });
}

export async function funnelDevelopers(
  db: Db,
  tenant: string,
  query: FunnelDevelopersQuery & { page: number; pageSize: number },
): Promise<{ total: number; rows: FunnelDeveloperRow[] }> {
  const offset = query.page * query.pageSize;
  const { stages, rows } = await stageDevelopers(db, tenant, query, { size: query.pageSize, offset });
  // Past the last page no row carries the count: ask for the first page's.
  const total = rows[0]
    ? Number(rows[0].total)
    : offset === 0
      ? 0
      : (await funnelDevelopers(db, tenant, { ...query, page: 0, pageSize: 1 })).total;
  return { total, rows: await withDetails(db, tenant, stages, rows) };
}

const CSV_HEADER = ['developer_id', 'display_name', 'primary_email', 'organization', 'stage', 'last_action_at'];
/** Details are read per batch: one statement for every developer would hold all rows twice. */
const CSV_BATCH = 5000;

export async function funnelDevelopersCsv(
  db: Db,
  tenant: string,
  query: FunnelDevelopersQuery,
): Promise<{ fileName: string; content: string }> {
  const { stages, rows } = await stageDevelopers(db, tenant, query);
  const format = await exportFormat(db, tenant, query.language);
  const titles = new Map(stages.map((s) => [s.key, s.title]));
  const lines: (string | null)[][] = [];
  for (let i = 0; i < rows.length; i += CSV_BATCH) {
    for (const r of await withDetails(db, tenant, stages, rows.slice(i, i + CSV_BATCH))) {
      lines.push([
        r.developerId,
        r.displayName,
        r.primaryEmail,
        r.organization,
        format.stage(r.stage, titles.get(r.stage)),
        format.time(r.lastActionAt),
      ]);
    }
  }
  const filter = query.campaignId
    ? `-campaign-${query.campaignId.slice(0, 8)}`
    : query.source
      ? `-${query.source.replace(/[^\w.-]+/g, '_')}`
      : '';
  return {
    fileName: `drm-funnel-${query.stageKey}-${query.mode}-${query.from}-${query.to}${filter}.csv`,
    content: toCsv(CSV_HEADER, lines),
  };
}
