/**
 * What "merged away" means, written once. Every identity decision is a
 * developer_merge_logs row whose `evidence.action` says which kind it is
 * (merge, unmerge, dismiss, snooze); a developer is merged away while a merge
 * names it as `from` and no unmerge names that merge (ACTIVE_MERGE). Merge
 * and unmerge keep that answer in derived.merged_away as they write their log
 * (derived/merged-away.ts), and lists, search, suggestions, organizations,
 * analytics, derived structures and merge itself read it there: asked of the
 * log, each question read and decompressed every merge's evidence (its moved
 * rows, kilobytes per merge), 40 ms per statement at 140 merges and growing
 * with the log.
 */

/** `evidence->>'action'` of a log aliased `alias`; rows without one predate the field and were merges. */
export const actionOf = (alias: string) => `coalesce(${alias}.evidence->>'action', 'merge')`;

/** Merge rows of the log (alias `m`) that no unmerge has undone: the definition derived.merged_away is rebuilt from. */
export const ACTIVE_MERGE = `${actionOf('m')} = 'merge'
       and not exists (select 1 from developer_merge_logs u
                        where u.evidence->>'action' = 'unmerge' and u.evidence->>'mergeId' = m.merge_id::text)`;

/**
 * SQL condition, true when the developer whose id is in `idColumn` (e.g.
 * `d.developer_id`) has been merged into another and not unmerged. Negate it
 * (`not ${MERGED_AWAY_SQL('d.developer_id')}`) to keep only visible developers.
 */
export const MERGED_AWAY_SQL = (idColumn: string): string =>
  `exists (select 1 from derived.merged_away ma where ma.developer_id = ${idColumn})`;

/** Active merges of the developers in `$n::uuid[]`: (from_developer_id, into_developer_id, merge_id). */
export const ACTIVE_MERGES_FROM_SQL = (idsParam: string): string =>
  `select ma.developer_id as from_developer_id, ma.into_developer_id, ma.merge_id from derived.merged_away ma
    where ma.developer_id = any(${idsParam}::uuid[])`;

/** SQL scalar: the developer `idColumn` is merged into (null when it is not merged away). */
export const MERGED_INTO_SQL = (idColumn: string): string =>
  `(select ma.into_developer_id from derived.merged_away ma where ma.developer_id = ${idColumn})`;
