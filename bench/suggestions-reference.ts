/**
 * The merge suggestions as they were computed before derived.merge_pairs
 * (issue 12): every candidate pair built, scored and sorted on each request.
 * Kept verbatim as the reference the stored pairs are checked against — by
 * bench:merges and by test/integration/merges-suggestions-reference.test.ts —
 * so that "the answer must equal today's" stays checkable. Not used by the app.
 */
import type pg from 'pg';
import type { DevSummary, MergeEvidence, MergeSuggestion } from '../src-shared/contract/merges';
import { MERGED_AWAY_SQL } from '../src-main/core/identity/merged-away';
import { FREE_MAIL_DOMAINS } from '../src-main/core/identity/free-mail';
import { foldSql, nameKeySql } from '../src-main/core/identity/normalise';
import {
  CONTRADICTED_EMAIL_LOCAL,
  GENERIC_EMAIL_LOCALS,
  MAX_GROUP,
  MIN_EMAIL_LOCAL,
  MIN_NAME_KEY,
  RULE_SCORES,
  SUGGESTION_THRESHOLD,
} from '../src-main/core/merges/rules';

type Client = Pick<pg.ClientBase, 'query'>;

const SCORES = Object.entries(RULE_SCORES)
  .map(([rule, score]) => `('${rule}', ${score}::float8)`)
  .join(', ');

/** Two name tokens agree when equal, or when one is the initial of the other (`k` and `kenji`). */
const tokensAgree = (p: string, q: string): string =>
  `(${p} = ${q} or (char_length(${p}) = 1 and left(${q}, 1) = ${p}) or (char_length(${q}) = 1 and left(${p}, 1) = ${q}))`;

/** Every token of the name `x` agrees with one of `y`'s: `K Sato` is covered by `Kenji Sato`, `Hannah Anderson` not by `Harper Anderson`. */
const covers = (x: string, y: string): string =>
  `not exists (select 1 from unnest(${x}) p where not exists (select 1 from unnest(${y}) q where ${tokensAgree('p', 'q')}))`;

/**
 * $1 tenant, $2 free-mail domains, $3 generic local parts, $4 limit,
 * $5 only these developers (null: all), $6 leave out dismissed and snoozed pairs,
 * $7 the lowest score listed.
 */
const SUGGESTIONS_SQL = `
with live as materialized (
  select d.developer_id, d.display_name, d.primary_email::text as primary_email, d.org_id, d.created_at
    from developers d
   where d.tenant_id = $1 and ($5::uuid[] is null or d.developer_id = any($5::uuid[]))
     and not ${MERGED_AWAY_SQL('d.developer_id')}
),
handle as (
  select distinct a.developer_id, a.provider, a.handle, ${foldSql('btrim(a.handle)')} as k
    from accounts a join live l on l.developer_id = a.developer_id
   where a.tenant_id = $1 and a.handle is not null and btrim(a.handle) <> ''
),
handle_group as (
  select k from handle group by k
  having count(distinct developer_id) between 2 and ${MAX_GROUP} and count(distinct provider) > 1
),
r_handle as (
  select x.developer_id as a, y.developer_id as b, 'same_handle' as rule,
         x.provider || ':' || x.handle || ' = ' || y.provider || ':' || y.handle as detail
    from handle_group g join handle x on x.k = g.k join handle y on y.k = g.k
   where x.developer_id < y.developer_id and x.provider <> y.provider
),
email_raw as (
  select developer_id, primary_email as e from live where primary_email is not null
  union all
  select i.developer_id, i.value_normalized from developer_identifiers i join live l on l.developer_id = i.developer_id
   where i.tenant_id = $1 and i.kind = 'email'
  union all
  select a.developer_id, a.email::text from accounts a join live l on l.developer_id = a.developer_id
   where a.tenant_id = $1 and a.email is not null
),
-- Imports store emails trimmed, NFKC and lower-cased (DESIGN.md); lower() only guards citext's case.
email as (
  select distinct developer_id, email, split_part(email, '@', 1) as lpart, split_part(email, '@', 2) as domain
    from (select developer_id, lower(e) as email from email_raw) s
   where email like '_%@_%'
),
named as (
  select * from (select l.developer_id, l.display_name, l.org_id, ${nameKeySql('l.display_name')} as name_key
                   from live l where l.display_name is not null) s
   where char_length(name_key) >= ${MIN_NAME_KEY}
),
name_org_group as (
  select name_key, org_id from named where org_id is not null group by name_key, org_id
  having count(*) between 2 and ${MAX_GROUP}
),
r_name_org as (
  select x.developer_id as a, y.developer_id as b, 'same_name_org' as rule,
         x.display_name || ' = ' || y.display_name || ' (' || o.name || ')' as detail
    from name_org_group g
    join named x on x.name_key = g.name_key and x.org_id = g.org_id
    join named y on y.name_key = g.name_key and y.org_id = g.org_id
    join organizations o on o.org_id = g.org_id
   where x.developer_id < y.developer_id
     -- Both at the organization's own email domain (imports put them there by it): the domain rule
     -- already says this, and one fact must not count twice.
     and not (o.domain_primary is not null
              and exists (select 1 from email e where e.developer_id = x.developer_id and e.domain = lower(o.domain_primary::text))
              and exists (select 1 from email e where e.developer_id = y.developer_id and e.domain = lower(o.domain_primary::text)))
),
name_domain as (
  select distinct n.developer_id, n.display_name, n.name_key, e.domain
    from named n join email e on e.developer_id = n.developer_id
   where e.domain <> all($2::text[])
),
name_domain_group as (
  select name_key, domain from name_domain group by name_key, domain
  having count(distinct developer_id) between 2 and ${MAX_GROUP}
),
r_name_domain as (
  select x.developer_id as a, y.developer_id as b, 'same_name_domain' as rule,
         x.display_name || ' = ' || y.display_name || ' (@' || g.domain || ')' as detail
    from name_domain_group g
    join name_domain x on x.name_key = g.name_key and x.domain = g.domain
    join name_domain y on y.name_key = g.name_key and y.domain = g.domain
   where x.developer_id < y.developer_id
),
by_local as (
  select * from email where char_length(lpart) >= ${MIN_EMAIL_LOCAL} and lpart <> all($3::text[])
),
local_group as (
  select lpart from by_local group by lpart
  having count(distinct developer_id) between 2 and ${MAX_GROUP} and count(distinct domain) > 1
),
local_pair as (
  select x.developer_id as a, y.developer_id as b, x.email || ' ~ ' || y.email as detail
    from local_group g join by_local x on x.lpart = g.lpart join by_local y on y.lpart = g.lpart
   where x.developer_id < y.developer_id and x.domain <> y.domain
),
-- Names as folded words (dots and commas split initials: \`T. Y.\` → t, y), only for the few developers
-- a local part pairs; a developer without a name contradicts nobody.
local_name as (
  select l.developer_id,
         array(select t from unnest(regexp_split_to_array(${foldSql('l.display_name')}, '[[:space:]\u3000.,]+')) t where t <> '') as tokens
    from live l
   where l.display_name is not null and l.developer_id in (select a from local_pair union select b from local_pair)
),
r_local as (
  select p.a, p.b, 'same_email_local' as rule, p.detail,
         not (${covers('na.tokens', 'nb.tokens')} or ${covers('nb.tokens', 'na.tokens')}) as contradicted
    from local_pair p left join local_name na on na.developer_id = p.a left join local_name nb on nb.developer_id = p.b
),
per_rule as (
  select a, b, rule, string_agg(distinct detail, '; ') as detail, bool_or(contradicted) as contradicted
    from (select *, false as contradicted from r_handle
          union all select *, false from r_name_org
          union all select *, false from r_name_domain
          union all select * from r_local) e
   group by a, b, rule
),
scored as (
  select p.a, p.b,
         round((1 - exp(sum(ln(1 - case when p.contradicted then ${CONTRADICTED_EMAIL_LOCAL}::float8 else s.score end))))::numeric, 4)::float8
           as score,
         jsonb_agg(jsonb_build_object('rule', p.rule, 'detail', p.detail) order by s.score desc) as evidence
    from per_rule p join (values ${SCORES}) s(rule, score) on s.rule = p.rule
   group by p.a, p.b
),
decided as (
  select least(m.into_developer_id, m.from_developer_id) as a, greatest(m.into_developer_id, m.from_developer_id) as b
    from developer_merge_logs m
   where m.tenant_id = $1
     and (m.evidence->>'action' = 'dismiss'
          or (m.evidence->>'action' = 'snooze' and (m.evidence->>'until')::timestamptz > now()))
)
select s.score, s.evidence,
       -- The suggested survivor first: more activity, then the older record.
       case when coalesce(tb.total_actions, 0) > coalesce(ta.total_actions, 0)
              or (coalesce(tb.total_actions, 0) = coalesce(ta.total_actions, 0) and lb.created_at < la.created_at)
            then s.b else s.a end as first,
       case when coalesce(tb.total_actions, 0) > coalesce(ta.total_actions, 0)
              or (coalesce(tb.total_actions, 0) = coalesce(ta.total_actions, 0) and lb.created_at < la.created_at)
            then s.a else s.b end as second
  from scored s
  join live la on la.developer_id = s.a
  join live lb on lb.developer_id = s.b
  left join developer_stats ta on ta.developer_id = s.a
  left join developer_stats tb on tb.developer_id = s.b
 where not ($6 and exists (select 1 from decided d where d.a = s.a and d.b = s.b)) and s.score >= $7
 order by s.score desc, s.a, s.b
 limit $4`;

interface PairRow {
  score: number;
  evidence: MergeEvidence[];
  first: string;
  second: string;
}

export interface ReferencePair {
  a: string;
  b: string;
  score: number;
  evidence: MergeEvidence[];
}

/** The old findPairs. */
export async function referencePairs(
  client: Client,
  tenant: string,
  options: { limit: number; only?: [string, string]; respectDecisions: boolean; minScore: number },
): Promise<ReferencePair[]> {
  const { rows } = await client.query<PairRow>(SUGGESTIONS_SQL, [
    tenant,
    FREE_MAIL_DOMAINS,
    GENERIC_EMAIL_LOCALS,
    options.limit,
    options.only ?? null,
    options.respectDecisions,
    options.minScore,
  ]);
  return rows.map((r) => ({ a: r.first, b: r.second, score: r.score, evidence: r.evidence }));
}

/** The old pairEvidence: what the rules say about one pair, decisions aside. */
export async function referencePairEvidence(client: Client, tenant: string, a: string, b: string): Promise<ReferencePair | undefined> {
  const [pair] = await referencePairs(client, tenant, { limit: 1, only: [a, b], respectDecisions: false, minScore: 0 });
  return pair;
}

async function referenceSummaries(client: Client, tenant: string, ids: string[]): Promise<Map<string, DevSummary>> {
  const { rows } = await client.query<DevSummary>(
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

/** The old listSuggestions. */
export async function referenceSuggestions(client: Client, tenant: string, limit: number): Promise<MergeSuggestion[]> {
  const pairs = await referencePairs(client, tenant, { limit, respectDecisions: true, minScore: SUGGESTION_THRESHOLD });
  if (pairs.length === 0) return [];
  const summaries = await referenceSummaries(client, tenant, [...new Set(pairs.flatMap((p) => [p.a, p.b]))]);
  return pairs.map((p) => ({ a: summaries.get(p.a)!, b: summaries.get(p.b)!, score: p.score, evidence: p.evidence }));
}
