/**
 * Anonymous visitors who become developers (issue 13 §2). A staged row that
 * identifies a person (an account or an email) and carries an anonymous id
 * (a short link's click id, `drm_cid`) links that id to the person: a
 * `developer_identifiers` row of kind `click_id`. In the same transaction
 * the earlier anonymous activities with that id become the developer's, and
 * so do the file's own rows that carry only that id (through stage_actor,
 * before the activities are inserted, so the import's incremental derived
 * refresh counts them as the developer's from the start).
 *
 * First link wins: an id already linked to someone, or claimed by several
 * developers of one file (the lowest line wins), stays with its first
 * developer; the others are reported in the job (`clickIdConflicts`) and no
 * activity moves between people.
 *
 * Every activity a link gives to a developer is marked in its metadata
 * (LINK_MARK) so unlinking gives back exactly those, and not the rows that
 * identified the person themselves (the sign-up row). Rows written as
 * anonymous carry no account and their metadata has no mark otherwise.
 */
import type { ClickIdConflict } from '../../../../src-shared/contract/imports';
import type { SqlClient } from '../../db/db';
import type { Span } from '../../derived/change';
import { LINK_MARK } from '../../identity/click-link';
import { STAGE_ACTIVITY } from './activity-stage';

const MARK = JSON.stringify(LINK_MARK);

/** Conflicts kept per job (the count says how many there were). */
const CONFLICTS_KEPT = 100;

export interface ClickLinks {
  /** New click_id identifiers. */
  identifiers: number;
  /** Earlier anonymous activities given to developers: their developers and instants, for the refresh after the import's own. */
  moved: { developers: string[]; span: Span | null; count: number };
  conflicts: ClickIdConflict[];
  conflictCount: number;
}

/**
 * Links the stage's click ids; call after identity resolution (stage_actor
 * holds each actor's developer) and before the activities are inserted.
 */
export async function linkClickIds(client: SqlClient, tenant: string): Promise<ClickLinks> {
  const none: ClickLinks = { identifiers: 0, moved: { developers: [], span: null, count: 0 }, conflicts: [], conflictCount: 0 };
  // One pass over the stage: its rows with an anonymous id (a file without any stops here).
  const carried = await client.query(
    `create temp table stage_click on commit drop as
     select line, actor_key, anon_id, occurred_at from ${STAGE_ACTIVITY} where anon_id is not null`,
  );
  if (carried.rowCount === 0) return none;
  // Each (id, developer) the file pairs, with the pair's first line and instants.
  const claims = await client.query(
    `create temp table stage_click_claim on commit drop as
     select s.anon_id, sa.developer_id, min(s.line) as line, min(s.occurred_at) as first_seen, max(s.occurred_at) as last_seen
       from stage_click s join stage_actor sa on sa.actor_key = s.actor_key
      where sa.developer_id is not null
      group by s.anon_id, sa.developer_id`,
  );
  // Nothing claims an id and no id is linked yet (a file of anonymous clicks on a tenant without links): nothing to do.
  if ((claims.rowCount ?? 0) === 0) {
    const { rows } = await client.query<{ any: boolean }>(
      "select exists (select 1 from developer_identifiers where tenant_id = $1 and kind = 'click_id') as any",
      [tenant],
    );
    if (!rows[0]!.any) return none;
  }

  // The winner of each id: the developer already linked, else the claim of the lowest line.
  await client.query(
    `create temp table stage_click_link on commit drop as
     select distinct on (c.anon_id) c.anon_id, coalesce(di.developer_id, c.developer_id) as developer_id, di.developer_id is null as fresh,
            c.first_seen, c.last_seen
       from stage_click_claim c
       left join developer_identifiers di on di.tenant_id = $1 and di.kind = 'click_id' and di.value_normalized = c.anon_id
      order by c.anon_id, c.line`,
    [tenant],
  );
  const { rows: conflictRows } = await client.query<{ click_id: string; linked_to: string; claimed_by: string; line: number; n: string }>(
    `select c.anon_id as click_id, l.developer_id as linked_to, c.developer_id as claimed_by, c.line, count(*) over () as n
       from stage_click_claim c join stage_click_link l using (anon_id)
      where c.developer_id <> l.developer_id
      order by c.line limit ${CONFLICTS_KEPT}`,
  );
  const inserted = await client.query(
    `insert into developer_identifiers (tenant_id, developer_id, kind, value_normalized, first_seen, last_seen)
     select $1, developer_id, 'click_id', anon_id, first_seen, last_seen from stage_click_link where fresh
     on conflict (tenant_id, kind, value_normalized) do nothing`,
    [tenant],
  );
  // A known link the file carries again: last seen moves on, as an email's does.
  await client.query(
    `update developer_identifiers di set last_seen = greatest(di.last_seen, l.last_seen)
       from stage_click_link l
      where di.tenant_id = $1 and di.kind = 'click_id' and di.value_normalized = l.anon_id and not l.fresh
        and di.developer_id = l.developer_id and di.last_seen is distinct from greatest(di.last_seen, l.last_seen)`,
    [tenant],
  );

  // The file's rows that carry only a linked id resolve to its developer, marked as given by the link.
  const resolved = await client.query(
    `insert into stage_actor (actor_key, developer_id)
     select distinct s.actor_key, di.developer_id
       from stage_click s
       join developer_identifiers di on di.tenant_id = $1 and di.kind = 'click_id' and di.value_normalized = s.anon_id
      where s.actor_key = 'anon:' || s.anon_id`,
    [tenant],
  );
  if ((resolved.rowCount ?? 0) > 0)
    await client.query(
      `update ${STAGE_ACTIVITY} s set metadata = coalesce(s.metadata, '{}'::jsonb) || '${MARK}'::jsonb
       from stage_actor sa where sa.actor_key = s.actor_key and s.actor_key = 'anon:' || s.anon_id`,
    );

  // Earlier anonymous activities with a linked id the file carries become its developer's (also clicks
  // recorded after an earlier link by a writer that does not resolve identities).
  const { rows } = await client.query<{ developers: string[] | null; from: Date | null; to: Date | null; n: string }>(
    `with moved as (
       update activities a set developer_id = l.developer_id, metadata = coalesce(a.metadata, '{}'::jsonb) || '${MARK}'::jsonb
         from stage_click_link l
        where a.tenant_id = $1 and a.developer_id is null and a.account_id is null and a.anon_id = l.anon_id
       returning a.developer_id, a.occurred_at)
     select array_agg(distinct developer_id) as developers, min(occurred_at) as from,
            max(occurred_at) + interval '1 millisecond' as to, count(*) as n
       from moved`,
    [tenant],
  );
  const m = rows[0]!;
  return {
    identifiers: inserted.rowCount ?? 0,
    moved: { developers: m.developers ?? [], span: m.from && m.to ? { from: m.from, to: m.to } : null, count: Number(m.n) },
    conflicts: conflictRows.map((r) => ({ clickId: r.click_id, linkedTo: r.linked_to, claimedBy: r.claimed_by, line: r.line })),
    conflictCount: conflictRows.length > 0 ? Number(conflictRows[0]!.n) : 0,
  };
}
