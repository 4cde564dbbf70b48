/**
 * The Developers page: one page of ids in the chosen order (filters and sort
 * over developers + developer_stats), then the page's rows filled in. The
 * highest stage is computed for the page's developers only, through
 * idx_activities_tenant_dev: per request, never over all activities.
 */
import type { Pool } from 'pg';
import type { DeveloperFilters, DeveloperListQuery, DeveloperPage, DeveloperRow, DeveloperSort } from '../../../src-shared/contract-developers';
import { toCsv } from './csv';
import { FROM_DEVELOPERS, orderSql, SqlParams, whereSql, type Where } from './filters';

type Queryable = Pick<Pool, 'query'>;

const iso = (value: Date | null): string | null => (value === null ? null : value.toISOString());

/** The highest stage the developer `idExpr` ever reached (`$1` is the tenant). */
export const STAGE_SQL = (idExpr: string) => `(select m.stage_key
       from activities act
       join activity_funnel_map m on m.tenant_id = act.tenant_id and m.action = act.action
       join funnel_stages fs on fs.stage_key = m.stage_key
      where act.tenant_id = $1 and act.developer_id = ${idExpr}
      order by fs.order_no desc limit 1)`;

interface RowRecord {
  developer_id: string;
  display_name: string | null;
  primary_email: string | null;
  org_id: string | null;
  org_name: string | null;
  tags: string[];
  stage: string | null;
  last_action_at: Date | null;
  total_actions: string;
  providers: string[];
  consent_analytics: boolean;
}

/** The list's fields for these developers, in the order given (unknown ids are left out). */
export async function developerRows(db: Queryable, tenant: string, ids: string[]): Promise<DeveloperRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<RowRecord>(
    `select d.developer_id, d.display_name, d.primary_email::text as primary_email, d.org_id, o.name as org_name,
            coalesce(d.tags, '{}') as tags, d.consent_analytics,
            s.last_action_at, coalesce(s.total_actions, 0) as total_actions,
            array(select distinct a.provider from accounts a
                   where a.tenant_id = $1 and a.developer_id = d.developer_id order by 1) as providers,
            ${STAGE_SQL('d.developer_id')} as stage
       from unnest($2::uuid[]) with ordinality as p(id, n)
       join developers d on d.developer_id = p.id and d.tenant_id = $1
       left join developer_stats s on s.developer_id = d.developer_id
       left join organizations o on o.org_id = d.org_id
      order by p.n`,
    [tenant, ids],
  );
  return rows.map((r) => ({
    developerId: r.developer_id,
    displayName: r.display_name,
    primaryEmail: r.primary_email,
    organization: r.org_id === null || r.org_name === null ? null : { orgId: r.org_id, name: r.org_name },
    tags: r.tags,
    stage: r.stage,
    lastActionAt: iso(r.last_action_at),
    totalActions: Number(r.total_actions),
    providers: r.providers,
    consentAnalytics: r.consent_analytics,
  }));
}

interface Filtered {
  where: Where;
  values: unknown[];
  sort: DeveloperSort;
}

interface Paging {
  size: number;
  offset: number;
}

async function filtered(db: Queryable, tenant: string, filters: DeveloperFilters): Promise<Filtered> {
  const params = new SqlParams(tenant);
  const where = await whereSql(db, params, filters);
  return { where, values: params.values, sort: filters.sort };
}

/** `limit $n offset $m` after the filter's parameters. */
function paged(f: Filtered, page?: Paging): { sql: string; values: unknown[] } {
  if (!page) return { sql: '', values: f.values };
  const n = f.values.length;
  return { sql: `limit $${n + 1} offset $${n + 2}`, values: [...f.values, page.size, page.offset] };
}

async function orderedIds(db: Queryable, f: Filtered, page?: Paging): Promise<string[]> {
  const p = paged(f, page);
  const { rows } = await db.query<{ id: string }>(
    `select d.developer_id as id ${FROM_DEVELOPERS} ${f.where.sql} ${orderSql(f.sort)} ${p.sql}`,
    p.values,
  );
  return rows.map((r) => r.id);
}

/**
 * The page when the order is by developer_stats: the first K stats rows
 * (one top-N sort of a narrow table, no join) are filtered, which is exact
 * whenever they fill the page: developers without stats sort after every
 * developer with them, so the candidates are a prefix of the whole order.
 * Null when they fall short (then the caller runs the whole query).
 */
async function statsFirstIds(db: Queryable, f: Filtered, page: Paging): Promise<string[] | null> {
  const candidates = Math.max(1000, 10 * (page.offset + page.size));
  const p = paged(f, page);
  const { rows } = await db.query<{ id: string }>(
    `select d.developer_id as id
       from (select s.developer_id, s.last_action_at, s.total_actions from developer_stats s
              where s.tenant_id = $1 ${orderSql(f.sort, 's.developer_id')} limit ${candidates}) s
       join developers d on d.developer_id = s.developer_id
     ${f.where.perRowSql} ${orderSql(f.sort)} ${p.sql}`,
    p.values,
  );
  return rows.length === page.size ? rows.map((r) => r.id) : null;
}

async function countDevelopers(db: Queryable, f: Filtered): Promise<number> {
  // No filter reads developer_stats, so the count needs no join.
  const { rows } = await db.query<{ n: string }>(`select count(*) as n from developers d ${f.where.sql}`, f.values);
  return Number(rows[0]!.n);
}

/** A search's matches, ordered and counted in one statement: the matching is the costly part. */
async function searchPage(db: Queryable, f: Filtered, page: Paging): Promise<{ total: number; ids: string[] }> {
  const p = paged(f, page);
  const { rows } = await db.query<{ id: string; total: string }>(
    `select d.developer_id as id, count(*) over () as total ${FROM_DEVELOPERS} ${f.where.sql} ${orderSql(f.sort)} ${p.sql}`,
    p.values,
  );
  // Past the last page there is no row to carry the count.
  const total = rows[0] ? Number(rows[0].total) : page.offset === 0 ? 0 : await countDevelopers(db, f);
  return { total, ids: rows.map((r) => r.id) };
}

export async function listDevelopers(pool: Pool, tenant: string, query: DeveloperListQuery): Promise<DeveloperPage> {
  const f = await filtered(pool, tenant, query);
  const page = { size: query.pageSize, offset: query.page * query.pageSize };
  if (f.where.search) {
    const { total, ids } = await searchPage(pool, f, page);
    return { total, rows: await developerRows(pool, tenant, ids) };
  }
  const pageIds = async () => (f.sort !== 'name' && (await statsFirstIds(pool, f, page))) || orderedIds(pool, f, page);
  // The count and the page run side by side on two of the pool's connections.
  const [total, rows] = await Promise.all([countDevelopers(pool, f), pageIds().then((ids) => developerRows(pool, tenant, ids))]);
  return { total, rows };
}

const EXPORT_HEADER = [
  'developer_id', 'display_name', 'primary_email', 'organization', 'tags', 'stage',
  'last_action_at', 'total_actions', 'providers', 'consent_analytics',
];
/** Rows filled in per batch: one statement for the whole list would hold every row twice. */
const EXPORT_BATCH = 5000;

export async function exportDevelopers(pool: Pool, tenant: string, filters: DeveloperFilters, now = new Date()): Promise<{ fileName: string; content: string }> {
  const ids = await orderedIds(pool, await filtered(pool, tenant, filters));
  const lines: (string | number | boolean | null)[][] = [];
  for (let i = 0; i < ids.length; i += EXPORT_BATCH) {
    for (const r of await developerRows(pool, tenant, ids.slice(i, i + EXPORT_BATCH))) {
      lines.push([
        r.developerId, r.displayName, r.primaryEmail, r.organization?.name ?? null, r.tags.join(';'), r.stage,
        r.lastActionAt, r.totalActions, r.providers.join(';'), r.consentAnalytics,
      ]);
    }
  }
  const day = now.toISOString().slice(0, 10);
  return { fileName: `drm-developers-${day}.csv`, content: toCsv(EXPORT_HEADER, lines) };
}
