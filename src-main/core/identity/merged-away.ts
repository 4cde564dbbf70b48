/**
 * What "merged away" means, written once. Every identity decision is a
 * developer_merge_logs row whose `evidence.action` says which kind it is
 * (merge, unmerge, dismiss, snooze); a developer is merged away while a merge
 * names it as `from` and no unmerge names that merge. Lists, search,
 * suggestions, organizations, analytics, derived structures and merge itself
 * all read it from here.
 */

/** `evidence->>'action'` of a log aliased `alias`; rows without one predate the field and were merges. */
export const actionOf = (alias: string) => `coalesce(${alias}.evidence->>'action', 'merge')`;

/** Merge rows (alias `m`) that no unmerge has undone. */
const ACTIVE_MERGE = `${actionOf('m')} = 'merge'
       and not exists (select 1 from developer_merge_logs u
                        where u.evidence->>'action' = 'unmerge' and u.evidence->>'mergeId' = m.merge_id::text)`;

/**
 * SQL condition, true when the developer whose id is in `idColumn` (e.g.
 * `d.developer_id`) has been merged into another and not unmerged. Negate it
 * (`not ${MERGED_AWAY_SQL('d.developer_id')}`) to keep only visible developers.
 */
export const MERGED_AWAY_SQL = (idColumn: string): string =>
  `exists (select 1 from developer_merge_logs m where m.from_developer_id = ${idColumn} and ${ACTIVE_MERGE})`;

/** Active merges of the developers in `$n::uuid[]`: (from_developer_id, into_developer_id, merge_id). */
export const ACTIVE_MERGES_FROM_SQL = (idsParam: string): string =>
  `select m.from_developer_id, m.into_developer_id, m.merge_id from developer_merge_logs m
    where m.from_developer_id = any(${idsParam}::uuid[]) and ${ACTIVE_MERGE}`;

/** SQL scalar: the developer `idColumn` is merged into (null when it is not merged away). */
export const MERGED_INTO_SQL = (idColumn: string): string =>
  `(select m.into_developer_id from developer_merge_logs m
     where m.from_developer_id = ${idColumn} and ${ACTIVE_MERGE} order by m.merged_at desc limit 1)`;
