/**
 * Keeps derived.merge_keys and derived.merge_pairs current, inside the
 * writer's transaction (refreshDerived), so that merges:list-suggestions
 * walks stored pairs in score order instead of building every candidate pair
 * on each request (issue 12: 5.5 s at 119k developers).
 *
 * For the developers a change names, their keys are computed again and
 * compared with the stored ones; nothing more happens when they are the same
 * (an import of activities for known people). Otherwise the groups whose rows
 * differ are the only ones whose pairs can change: every pair within such a
 * group, as it was (when it was small enough to pair) and as it is, is
 * recomputed from the keys, and only those pairs are replaced. A group that
 * grows past MAX_GROUP therefore loses its pairs, one that shrinks to it gains
 * them, exactly as the rules say.
 *
 * An organization's domain decides one rule's condition (both at the
 * organization's own domain: the domain rule's fact, counted once), and it can
 * change without its members being named: an organization merge gives `into`
 * a domain, an import claims one. The organizations of the named developers,
 * and after an import every organization, are checked against the domain their
 * rows were computed with, and the members of one that changed are refreshed
 * too.
 *
 * 'all' (a rebuild, a settings change, or a change naming most developers)
 * computes every developer's keys and compares them likewise: a rebuild that
 * changes nothing writes nothing; when much changed (a first import) both
 * tables are written again whole.
 */
import type { Db, SqlClient } from '../db/db';
import { analyzeTables, withSecondaryIndexesRebuilt } from '../db/keys';
import { traceStep, tracedClient } from '../db/trace';
import { FREE_MAIL_DOMAINS } from '../identity/free-mail';
import { GENERIC_EMAIL_LOCALS, MAX_GROUP } from '../merges/rules';
import type { DerivedChange } from './change';
import { KEY_COLUMNS, KEYS_TABLE, keysSql, ruleNo } from './merge-keys';
import { PAIRS_TABLE, scoredPairsSql } from './merge-pairs';
import { namesMostOfTenant } from './wide';

/** Temp tables of one refresh (dropped at commit). */
const IDS = 'merge_ids';
const OLD = 'merge_old';
const NEW = 'merge_new';
const CHANGED = 'merge_changed';
const CANDIDATES = 'merge_candidates';
/** After computing every key: rewrite both tables when this share of the rows changed (a first import), else pair by pair. */
const REWRITE_SHARE = 0.2;

const keyParams = (tenant: string) => [tenant, FREE_MAIL_DOMAINS, GENERIC_EMAIL_LOCALS];

/**
 * Writes every key from NEW and every pair again: cheaper than pair by pair when most groups changed.
 * The tenant's rows all go in anew, so each table's secondary indexes are built after its insert
 * rather than kept row by row (a first import's 200k keys land at random in the group index, their
 * ids being md5 hashes); the owner's app.defer_keys declines when the database holds other
 * tenants, and the rows then go through the indexes (keys.ts).
 */
async function rewriteAll(client: SqlClient, tenant: string): Promise<void> {
  await client.query(`delete from ${KEYS_TABLE} where tenant_id = $1`, [tenant]);
  await withSecondaryIndexesRebuilt(client, KEYS_TABLE, () =>
    client.query(`insert into ${KEYS_TABLE} (${KEY_COLUMNS}) select ${KEY_COLUMNS} from ${NEW}`),
  );
  // The app does not own the table: the owner's app.analyze_tables (keys.ts).
  await analyzeTables(client, [KEYS_TABLE]);
  await client.query(`delete from ${PAIRS_TABLE} where tenant_id = $1`, [tenant]);
  await withSecondaryIndexesRebuilt(client, PAIRS_TABLE, () =>
    client.query(`insert into ${PAIRS_TABLE} (tenant_id, a, b, rules, score) select $1, s.* from (${scoredPairsSql(null)}) s`, [tenant]),
  );
}

/** A temp table of `select`; ANALYZEd unless `analyze` is false (a whole tenant's keys: only compared, never probed). */
async function temp(client: SqlClient, name: string, select: string, values: unknown[] = [], analyze = true): Promise<number> {
  await client.query(`drop table if exists ${name}`);
  const created = await client.query(`create temp table ${name} on commit drop as ${select}`, values);
  if (analyze) await client.query(`analyze ${name}`);
  return created.rowCount ?? 0;
}

/**
 * Adds to IDS the members of organizations whose domain is not the one their
 * rows were computed with: those of the listed developers (now and as stored),
 * or every organization (`everyOrg`).
 */
async function addStaleOrganizations(client: SqlClient, tenant: string, everyOrg: boolean): Promise<void> {
  const rule = ruleNo('same_name_org');
  const orgs = everyOrg
    ? `select distinct mk.scope from ${KEYS_TABLE} mk where mk.tenant_id = $1 and mk.rule = ${rule}`
    : `select mk.scope from ${KEYS_TABLE} mk join ${IDS} i on i.developer_id = mk.developer_id where mk.rule = ${rule}
       union select d.org_id::text from ${IDS} i join developers d on d.developer_id = i.developer_id where d.org_id is not null`;
  await client.query(
    `insert into ${IDS}
     select distinct mk.developer_id
       from (${orgs}) s(scope)
       join ${KEYS_TABLE} mk on mk.tenant_id = $1 and mk.rule = ${rule} and mk.scope = s.scope
       left join organizations o on o.org_id = s.scope::uuid
      where mk.attr is distinct from coalesce(lower(o.domain_primary::text), '')
        and mk.developer_id not in (select developer_id from ${IDS})`,
    [tenant],
  );
}

/**
 * The keys of the listed developers (null: every developer) again; the pairs
 * of the groups that differ. `everyOrg`: check every organization's domain.
 */
async function refreshKeys(client: SqlClient, tenant: string, ids: readonly string[] | null, everyOrg: boolean): Promise<void> {
  if (ids) {
    await temp(client, IDS, 'select distinct unnest($1::uuid[]) as developer_id', [ids]);
    await addStaleOrganizations(client, tenant, everyOrg);
  }
  const mine = ids ? `join ${IDS} i on i.developer_id = mk.developer_id` : '';
  const stored = await temp(client, OLD, `select mk.* from ${KEYS_TABLE} mk ${mine} where mk.tenant_id = $1`, [tenant], ids !== null);
  const rows = await temp(
    client,
    NEW,
    keysSql(ids ? `${IDS} i join developers d on d.developer_id = i.developer_id` : 'developers d'),
    keyParams(tenant),
    ids !== null,
  );
  // Nothing stored for the tenant (a first import): every row is new, and both tables are written
  // whole without comparing (at 1M, 0.2 s to find that all 500k rows differ from none). Still from
  // NEW: the keys' select inserted straight into merge_keys was no faster (1.43–1.58 s against
  // 1.29–1.42 s for NEW and its copy, three alternated imports of 200k identity rows).
  if (!ids && stored === 0) {
    if (rows > 0) await rewriteAll(client, tenant);
    return;
  }
  const changed = await temp(
    client,
    CHANGED,
    `select * from ((select * from ${OLD} except select * from ${NEW}) union all (select * from ${NEW} except select * from ${OLD})) d`,
    [],
    false,
  );
  if (changed === 0) return;
  if (!ids && changed >= REWRITE_SHARE * rows) {
    // Only counted: every row is written again from NEW.
    await rewriteAll(client, tenant);
    return;
  }
  await client.query(`analyze ${CHANGED}`);
  // Only the developers whose rows differ are rewritten.
  await client.query(
    `delete from ${KEYS_TABLE} mk using (select distinct developer_id from ${CHANGED}) c where mk.developer_id = c.developer_id`,
  );
  await client.query(
    `insert into ${KEYS_TABLE} (${KEY_COLUMNS})
     select ${KEY_COLUMNS} from ${NEW} n where n.developer_id in (select developer_id from ${CHANGED})`,
  );
  // Each changed group's members as they are and as they were; pairs within each set that is small enough.
  await temp(
    client,
    CANDIDATES,
    `with g as (select distinct grp from ${CHANGED}),
     now as (select distinct mk.grp, mk.developer_id from ${KEYS_TABLE} mk join g on g.grp = mk.grp where mk.tenant_id = $1),
     was as (select grp, developer_id from now where developer_id not in (select developer_id from ${CHANGED})
             union select o.grp, o.developer_id from ${OLD} o join g on g.grp = o.grp),
     member as (select 'now' as t, * from now where grp in (select grp from now group by grp having count(*) <= $2)
                union all
                select 'was', * from was where grp in (select grp from was group by grp having count(*) <= $2))
     select distinct x.developer_id as a, y.developer_id as b
       from member x join member y on y.t = x.t and y.grp = x.grp and y.developer_id > x.developer_id`,
    [tenant, MAX_GROUP],
  );
  await client.query(`delete from ${PAIRS_TABLE} p using ${CANDIDATES} c where p.tenant_id = $1 and p.a = c.a and p.b = c.b`, [tenant]);
  await client.query(`insert into ${PAIRS_TABLE} (tenant_id, a, b, rules, score) select $1, s.* from (${scoredPairsSql(CANDIDATES)}) s`, [
    tenant,
  ]);
}

/** Brings merge_keys and merge_pairs up to date with `change`; call inside the writer's transaction. */
export async function refreshMergeSuggestions(db: Db, tenant: string, change: DerivedChange): Promise<void> {
  const started = performance.now();
  const client = tracedClient(db);
  const listed = change.developers;
  if (listed !== 'all' && listed.length === 0) return;
  // Pairs depend on other developers' keys: two writers refreshing at once would each pair from a
  // snapshot without the other's change. One at a time per tenant, each statement after the lock
  // reading what the one before committed (read committed); held until this writer's commit.
  await client.query(`select pg_advisory_xact_lock(hashtextextended('derived.merge_pairs:' || $1, 0))`, [tenant]);
  const all = listed === 'all' || (await namesMostOfTenant(db, tenant, listed));
  // Imports (a span of new rows) may give any organization a domain; 'all' computes every row anyway.
  await refreshKeys(client, tenant, all ? null : (listed as readonly string[]), change.span !== null);
  traceStep(`derived: merge suggestions (${all ? 'all' : listed.length} developers)`, started);
}
