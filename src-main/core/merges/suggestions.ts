/**
 * Merge suggestions, read from derived.merge_pairs (kept current by every
 * write path, derived/merge-suggestions.ts): the pairs are walked in score
 * order through their index, decided pairs (dismissed, snoozed) skipped, and
 * evidence and summaries are built for the page shown only, so the first
 * page costs what it shows, not what 100k developers could pair. Nothing here
 * merges anything; a person decides.
 */
import type { DevSummary, MergeEvidence, MergeSuggestion } from '../../../src-shared/contract/merges';
import { PAIRS_TABLE, pairEvidenceSql } from '../derived/merge-pairs';
import { SUGGESTION_THRESHOLD } from './rules';
import type { Db } from '../db/db';

export const DEFAULT_SUGGESTIONS = 100;

/** Over developers `la`, `lb` and their stats `ta`, `tb`: `b` is the suggested survivor (more activity, then the older record). */
const SWAPPED = `(coalesce(tb.total_actions, 0) > coalesce(ta.total_actions, 0)
   or (coalesce(tb.total_actions, 0) = coalesce(ta.total_actions, 0) and lb.created_at < la.created_at))`;

/**
 * $1 tenant, $2 the lowest score listed, $3 limit. The page of stored pairs
 * (a < b) with the suggested survivor first: more activity, then the older
 * record. Decided pairs are a small set, hashed once; the anti-join keeps the
 * index's order, so the walk stops at the limit.
 */
const PAGE_SQL = `
with decided as materialized (
  select least(m.into_developer_id, m.from_developer_id) as a, greatest(m.into_developer_id, m.from_developer_id) as b
    from developer_merge_logs m
   where m.tenant_id = $1
     and (m.evidence->>'action' = 'dismiss'
          or (m.evidence->>'action' = 'snooze' and (m.evidence->>'until')::timestamptz > now()))
),
page as (
  select p.a, p.b, p.score from ${PAIRS_TABLE} p
   where p.tenant_id = $1 and p.score >= $2
     and not exists (select 1 from decided d where d.a = p.a and d.b = p.b)
   order by p.score desc nulls last, p.a, p.b
   limit $3
)
select s.a, s.b, s.score,
       ${SWAPPED} as swapped
  from page s
  join developers la on la.developer_id = s.a
  join developers lb on lb.developer_id = s.b
  left join developer_stats ta on ta.developer_id = s.a
  left join developer_stats tb on tb.developer_id = s.b
 order by s.score desc, s.a, s.b`;

export interface PairEvidence {
  a: string;
  b: string;
  score: number;
  evidence: MergeEvidence[];
}

/** Score and evidence of pairs, by `a b` (a < b), from their merge keys; `sized`: only through groups that pair. */
async function evidenceOf(db: Db, tenant: string, pairs: readonly { a: string; b: string }[], sized: boolean) {
  const { rows } = await db.$client.query<{ a: string; b: string; score: number; evidence: MergeEvidence[] }>(pairEvidenceSql(sized), [
    tenant,
    pairs.map((p) => p.a),
    pairs.map((p) => p.b),
  ]);
  return new Map(rows.map((r) => [`${r.a} ${r.b}`, r]));
}

/**
 * What the rules say about one pair, decisions aside: recorded with a merge.
 * Every rule the two share counts, however many others share its key.
 */
export async function pairEvidence(db: Db, tenant: string, a: string, b: string): Promise<PairEvidence | undefined> {
  const [found] = (await evidenceOf(db, tenant, [{ a, b }], false)).values();
  if (!found) return undefined;
  const [first, second] = (await survivorFirst(db, found.a, found.b)) ? [found.a, found.b] : [found.b, found.a];
  return { a: first, b: second, score: found.score, evidence: found.evidence };
}

/** Whether `low` is the suggested survivor of the pair: more activity, then the older record. */
async function survivorFirst(db: Db, low: string, high: string): Promise<boolean> {
  const { rows } = await db.$client.query<{ swapped: boolean }>(
    `select ${SWAPPED} as swapped
       from developers la join developers lb on lb.developer_id = $2
       left join developer_stats ta on ta.developer_id = la.developer_id
       left join developer_stats tb on tb.developer_id = lb.developer_id
      where la.developer_id = $1`,
    [low, high],
  );
  return rows[0]?.swapped !== true;
}

export async function developerSummaries(db: Db, tenant: string, ids: string[]): Promise<Map<string, DevSummary>> {
  const { rows } = await db.$client.query<DevSummary>(
    `select d.developer_id as "developerId", d.display_name as "displayName", d.primary_email::text as "primaryEmail",
            o.name as organization,
            coalesce((select jsonb_agg(jsonb_build_object('provider', a.provider, 'handle', a.handle) order by a.provider, a.handle)
                        from accounts a where a.tenant_id = $1 and a.developer_id = d.developer_id), '[]'::jsonb) as accounts
       from developers d left join organizations o on o.org_id = d.org_id
      where d.tenant_id = $1 and d.developer_id = any($2::uuid[])`,
    [tenant, ids],
  );
  return new Map(rows.map((r) => [r.developerId, r]));
}

export async function listSuggestions(db: Db, tenant: string, limit = DEFAULT_SUGGESTIONS): Promise<MergeSuggestion[]> {
  const { rows: page } = await db.$client.query<{ a: string; b: string; score: number; swapped: boolean }>(PAGE_SQL, [
    tenant,
    SUGGESTION_THRESHOLD,
    limit,
  ]);
  if (page.length === 0) return [];
  const evidence = await evidenceOf(db, tenant, page, true);
  const summaries = await developerSummaries(db, tenant, [...new Set(page.flatMap((p) => [p.a, p.b]))]);
  return page.map((p) => {
    const [first, second] = p.swapped ? [p.b, p.a] : [p.a, p.b];
    return { a: summaries.get(first)!, b: summaries.get(second)!, score: p.score, evidence: evidence.get(`${p.a} ${p.b}`)?.evidence ?? [] };
  });
}
