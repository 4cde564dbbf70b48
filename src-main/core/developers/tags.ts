/**
 * Tags across developers: the tags in use (for autocomplete) and bulk edits —
 * one tag added to, or removed from, every developer a filtered list holds,
 * or the developers named (an undo: the other action on the ids an edit
 * changed; an add undone removes the tag, a remove undone appends it again).
 *
 * A bulk edit changes only `developers.tags`, whose one derived copy is
 * derived.developer_search: that alone is refreshed, in the same transaction
 * (refreshDerived would also redo attribution for every developer listed,
 * which tags never change — seconds at 100k developers for nothing).
 */
import type { DeveloperFilters, TagAction, TagEditResult } from '../../../src-shared/contract/developers';
import { foldTag, MAX_TAGS } from '../../../src-shared/tags';
import { refreshDeveloperSearch } from '../derived/developer-search';
import { inTransaction } from '../db/transaction';
import { SEARCH_TABLE, SqlParams, whereSql } from './filters';
import type { Db } from '../db/db';

export async function listTags(db: Db, tenant: string, query: { prefix?: string; limit: number }) {
  const prefix = foldTag(query.prefix ?? '').toLowerCase();
  const { rows } = await db.$client.query<{ tag: string; n: string }>(
    `select t.tag, count(*) as n
       from ${SEARCH_TABLE} cross join lateral unnest(ds.tags) as t(tag)
      where ds.tenant_id = $1 and left(lower(t.tag), length($2)) = $2
      group by t.tag order by count(*) desc, t.tag limit $3`,
    [tenant, prefix, query.limit],
  );
  return rows.map((r) => ({ tag: r.tag, developers: Number(r.n) }));
}

/**
 * SQL updating the tags of the developers in `targets` (a relation of
 * developer_id, its parameters after $1 tenant and $2 tag), returning the ids
 * it changed. An add skips who has the tag already, or the most tags.
 */
function editSql(action: TagAction, targets: string): string {
  return action === 'add'
    ? `update developers d set tags = array_append(coalesce(d.tags, '{}'), $2::text), updated_at = now()
         from (${targets}) x
        where d.tenant_id = $1 and d.developer_id = x.developer_id
          and not coalesce(d.tags, '{}') @> array[$2::text] and coalesce(cardinality(d.tags), 0) < ${MAX_TAGS}
        returning d.developer_id`
    : `update developers d set tags = nullif(array_remove(d.tags, $2::text), '{}'), updated_at = now()
         from (${targets}) x
        where d.tenant_id = $1 and d.developer_id = x.developer_id and d.tags @> array[$2::text]
        returning d.developer_id`;
}

/** Who an add left out because they are full: among the targets, without the tag, at the limit. */
function fullSql(targets: string): string {
  return `select count(*) as n from developers d join (${targets}) x on x.developer_id = d.developer_id
           where d.tenant_id = $1 and not coalesce(d.tags, '{}') @> array[$2::text] and cardinality(d.tags) >= ${MAX_TAGS}`;
}

async function edit(db: Db, tenant: string, action: TagAction, rawTag: string, targets: string, values: unknown[]): Promise<TagEditResult> {
  const tag = foldTag(rawTag);
  return inTransaction(db, async (tx) => {
    const all = [tenant, tag, ...values];
    const full = action === 'add' ? Number((await tx.$client.query<{ n: string }>(fullSql(targets), all)).rows[0]!.n) : 0;
    const { rows } = await tx.$client.query<{ developer_id: string }>(editSql(action, targets), all);
    const developerIds = rows.map((r) => r.developer_id);
    await refreshDeveloperSearch(tx, tenant, { developers: developerIds, span: null });
    return { action, tag, developerIds, full };
  });
}

/** Adds or removes `tag` on every developer the filters list (merged-away developers are in no list). */
export async function tagFiltered(
  db: Db,
  tenant: string,
  input: { filters: Omit<DeveloperFilters, 'sort' | 'reverse'>; action: TagAction; tag: string },
): Promise<TagEditResult> {
  // The filter's own parameters follow $1 (tenant) and $2 (the tag being applied).
  const params = new SqlParams(tenant);
  params.add(null);
  const where = await whereSql(db, params, { ...input.filters, sort: 'lastActivity' });
  return edit(db, tenant, input.action, input.tag, `select ds.developer_id from ${SEARCH_TABLE} ${where.sql}`, params.values.slice(2));
}

/** Adds or removes `tag` on the developers named (ids of other tenants or unknown ones change nothing). */
export async function tagListed(
  db: Db,
  tenant: string,
  input: { developerIds: string[]; action: TagAction; tag: string },
): Promise<TagEditResult> {
  return edit(db, tenant, input.action, input.tag, 'select unnest($3::uuid[]) as developer_id', [input.developerIds]);
}
