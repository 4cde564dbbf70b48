/**
 * Organizations: the page's list (developer count without merged-away
 * developers, latest activity from developer_stats), rename and merge.
 */
import type { OrganizationListQuery, OrganizationPage, OrganizationRow } from '../../../src-shared/contract/organizations';
import { refreshDerived } from '../derived/refresh';
import { CoreError } from '../errors';
import { likeContains } from '../db/like';
import { MERGED_AWAY_SQL } from '../identity/merged-away';
import { foldSql } from '../identity/normalise';
import { inTransaction } from '../db/transaction';
import type { Db } from '../db/db';

interface OrgRecord {
  org_id: string;
  name: string;
  domain: string | null;
  developers: string;
  last_action_at: Date | null;
}

const toRow = (r: OrgRecord): OrganizationRow => ({
  orgId: r.org_id,
  name: r.name,
  domain: r.domain,
  developers: Number(r.developers),
  lastActionAt: r.last_action_at === null ? null : r.last_action_at.toISOString(),
});

/** `$1` tenant, `$2` the like pattern or null. */
const MATCH = `o.tenant_id = $1 and ($2::text is null
   or ${foldSql('o.name')} like lower($2::text)
   or lower(coalesce(o.domain_primary::text, '')) like lower($2::text))`;

const ORG_COLUMNS = `o.org_id, o.name, o.domain_primary::text as domain,
       (select count(*) from developers d where d.tenant_id = o.tenant_id and d.org_id = o.org_id
           and not ${MERGED_AWAY_SQL('d.developer_id')}) as developers,
       (select max(s.last_action_at) from developers d join developer_stats s on s.developer_id = d.developer_id
         where d.tenant_id = o.tenant_id and d.org_id = o.org_id and not ${MERGED_AWAY_SQL('d.developer_id')}) as last_action_at`;

/** Most recently active first, then by name. */
export async function listOrganizations(db: Db, tenant: string, query: OrganizationListQuery): Promise<OrganizationPage> {
  const q = query.q?.trim();
  const pattern = q ? likeContains(q) : null;
  const total = Number(
    (await db.$client.query<{ n: string }>(`select count(*) as n from organizations o where ${MATCH}`, [tenant, pattern])).rows[0]!.n,
  );
  const { rows } = await db.$client.query<OrgRecord>(
    `select * from (select ${ORG_COLUMNS} from organizations o where ${MATCH}) x
      order by x.last_action_at desc nulls last, lower(x.name), x.org_id
      limit $3 offset $4`,
    [tenant, pattern, query.pageSize, query.page * query.pageSize],
  );
  return { total, rows: rows.map(toRow) };
}

export async function getOrganization(db: Db, tenant: string, orgId: string): Promise<OrganizationRow> {
  const { rows } = await db.$client.query<OrgRecord>(
    `select ${ORG_COLUMNS} from organizations o where o.tenant_id = $1 and o.org_id = $2`,
    [tenant, orgId],
  );
  if (rows.length === 0) throw new CoreError('NOT_FOUND', `No organization ${orgId}`, { orgId });
  return toRow(rows[0]!);
}

const isUniqueViolation = (error: unknown) => typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';

/** Returns whether anything changed. The organization's developers find it by its new name from then on. */
export async function renameOrganization(db: Db, tenant: string, orgId: string, name: string): Promise<boolean> {
  const renamed = await inTransaction(db, async (tx) => {
    try {
      const result = await tx.$client.query(
        `update organizations set name = $3, updated_at = now() where tenant_id = $1 and org_id = $2 and name is distinct from $3`,
        [tenant, orgId, name],
      );
      if ((result.rowCount ?? 0) === 0) return false;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw new CoreError('CONFLICT', `Another organization is already named "${name}". Merge the two organizations instead of renaming.`, {
        name,
      });
    }
    const members = await tx.$client.query<{ ids: string[] }>(
      'select array(select developer_id from developers where tenant_id = $1 and org_id = $2) as ids',
      [tenant, orgId],
    );
    await refreshDerived(tx, tenant, { developers: members.rows[0]!.ids, span: null });
    return true;
  });
  if (!renamed) await getOrganization(db, tenant, orgId); // NOT_FOUND when it does not exist
  return renamed;
}

/** Moves `from`'s developers into `into`, keeps `into`'s name, takes `from`'s domain if `into` has none, deletes `from`. */
export async function mergeOrganizations(db: Db, tenant: string, intoId: string, fromId: string): Promise<number> {
  if (intoId === fromId) throw new CoreError('BAD_INPUT', 'An organization cannot be merged into itself', { intoId, fromId });
  return inTransaction(db, async (tx) => {
    const { rows } = await tx.$client.query<{ org_id: string; domain: string | null }>(
      `select org_id, domain_primary::text as domain from organizations where tenant_id = $1 and org_id = any($2::uuid[]) for update`,
      [tenant, [intoId, fromId]],
    );
    for (const id of [intoId, fromId]) {
      if (!rows.some((r) => r.org_id === id)) throw new CoreError('NOT_FOUND', `No organization ${id}`, { orgId: id });
    }
    const moved = await tx.$client.query<{ developer_id: string }>(
      `update developers set org_id = $3, updated_at = now() where tenant_id = $1 and org_id = $2 returning developer_id`,
      [tenant, fromId, intoId],
    );
    await tx.$client.query(`delete from organizations where tenant_id = $1 and org_id = $2`, [tenant, fromId]);
    await tx.$client.query(
      `update organizations o set domain_primary = coalesce(o.domain_primary, $3::text), updated_at = now() where o.tenant_id = $1 and o.org_id = $2`,
      [tenant, intoId, rows.find((r) => r.org_id === fromId)!.domain],
    );
    await refreshDerived(tx, tenant, { developers: moved.rows.map((r) => r.developer_id), span: null });
    return moved.rowCount ?? 0;
  });
}
