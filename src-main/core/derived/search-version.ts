/**
 * The version of derived.developer_search that the in-memory search index
 * (developers/search-index/) catches up from, in any process: the CLI and
 * `drm serve` write the same database as the app.
 *
 * Every transaction that writes the table bumps the tenant's counter first;
 * its row lock is held to the commit, so a second writer of the tenant gets
 * the next version only after the first one's rows are visible, and a reader
 * that sees version v sees every row written at or below v. Rows deleted by
 * a listed refresh leave a tombstone at that version; a refresh of the whole
 * tenant raises the floor instead (readers below it reload) and drops the
 * tenant's tombstones.
 */
import type { SqlClient } from '../db/db';

/** Bumps the tenant's version (and the floor when every row is rewritten); returns the new version. */
export async function bumpSearchVersion(client: SqlClient, tenant: string, everyRow: boolean): Promise<number> {
  const { rows } = await client.query<{ version: string }>(
    `insert into derived.search_version as v (tenant_id, version, floor) values ($1, 1, case when $2 then 1 else 0 end)
     on conflict (tenant_id) do update set version = v.version + 1, floor = case when $2 then v.version + 1 else v.floor end
     returning v.version`,
    [tenant, everyRow],
  );
  if (everyRow) await client.query('delete from derived.developer_search_gone where tenant_id = $1', [tenant]);
  return Number(rows[0]!.version);
}

/** Tombstones at `version` for the developers of `ids` (a relation with developer_id) that have no row any more. */
export async function recordGone(client: SqlClient, tenant: string, version: number, ids: string): Promise<void> {
  await client.query(
    `insert into derived.developer_search_gone (developer_id, tenant_id, version)
     select i.developer_id, $1, $2 from ${ids} i
      where not exists (select 1 from derived.developer_search ds where ds.developer_id = i.developer_id)
     on conflict (developer_id) do update set tenant_id = excluded.tenant_id, version = excluded.version`,
    [tenant, version],
  );
}
