/**
 * derived.merge_keys: what each visible developer brings to the merge
 * suggestion rules (merges/rules.ts, DESIGN.md), one row per developer per
 * rule key, with what the rules' conditions and evidence need: the provider
 * of a handle, the domain of an email, an organization's domain, the name's
 * words. Developers sharing a row's (rule, key, scope) form a group; the
 * pairs within small groups are derived.merge_pairs (merge-pairs.ts).
 *
 * The folds and filters are the ones the suggestions always used (the SQL
 * before this table, kept in bench/suggestions-reference.ts), so that the
 * pairs and their evidence stay exactly what they were; names and handles
 * skip normalize() when ASCII (searchKeySql, foldAsciiFastSql: the same keys,
 * identity-normalise.test.ts), as every developer is folded on each refresh.
 */
import { mergeRules, type MergeRule } from '../../../src-shared/contract/merges';
import { MERGED_AWAY_SQL } from '../identity/merged-away';
import { foldAsciiFastSql, searchKeySql } from '../identity/normalise';
import { MIN_EMAIL_LOCAL, MIN_NAME_KEY } from '../merges/rules';

export const KEYS_TABLE = 'derived.merge_keys';

/** A rule's number in merge_keys.rule and its bit in merge_pairs.rules (1 << rule). */
export const ruleNo = (rule: MergeRule): number => mergeRules.indexOf(rule);

/** merge_pairs.rules bit: the local part is contradicted by the names (it scores CONTRADICTED_EMAIL_LOCAL). */
export const CONTRADICTED_BIT = 1 << mergeRules.length;

export const KEY_COLUMNS = 'tenant_id, grp, rule, key, scope, developer_id, attr, detail, flag, tokens';

/**
 * SQL selecting the merge_keys rows (KEY_COLUMNS) of the visible developers
 * among `source` (a from-clause naming `d`, e.g. `developers d`). Parameters:
 * $1 tenant, $2 free-mail domains, $3 generic local parts.
 */
export const keysSql = (source: string): string => `
with live as materialized (
  select d.developer_id, d.display_name, d.primary_email::text as primary_email, d.org_id
    from ${source}
   where d.tenant_id = $1 and not ${MERGED_AWAY_SQL('d.developer_id')}
),
handle as (
  select distinct a.developer_id, a.provider, a.handle, ${foldAsciiFastSql('btrim(a.handle)')} as k
    from accounts a join live l on l.developer_id = a.developer_id
   where a.tenant_id = $1 and a.handle is not null and btrim(a.handle) <> ''
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
email as materialized (
  -- offset 0: each address lower-cased once, not again for the filter and each part.
  select distinct developer_id, email, split_part(email, '@', 1) as lpart, split_part(email, '@', 2) as domain
    from (select developer_id, lower(e) as email from email_raw offset 0) s
   where email like '_%@_%'
),
named as (
  -- offset 0: the subquery stays one, so that its name key is folded once a row, not again in the filter.
  select * from (select l.developer_id, l.display_name, l.org_id, ${searchKeySql('l.display_name')} as name_key
                   from live l where l.display_name is not null offset 0) s
   where char_length(name_key) >= ${MIN_NAME_KEY}
),
keyed as (
  select ${ruleNo('same_handle')} as rule, h.k as key, '' as scope, h.developer_id, h.provider as attr, h.handle as detail,
         false as flag, null::text[] as tokens
    from handle h
  union all
  -- Both at the organization's own email domain (imports put them there by it) is the domain rule's fact: flagged here.
  select ${ruleNo('same_name_org')}, n.name_key, n.org_id::text, n.developer_id, coalesce(lower(o.domain_primary::text), ''), n.display_name,
         e.developer_id is not null, null
    from named n join organizations o on o.org_id = n.org_id
    -- A join, not exists: over a CTE, exists would scan every email once per named developer.
    left join (select distinct developer_id, domain from email) e on e.developer_id = n.developer_id and e.domain = lower(o.domain_primary::text)
  union all
  select distinct ${ruleNo('same_name_domain')}, n.name_key, e.domain, n.developer_id, '', n.display_name, false, null::text[]
    from named n join email e on e.developer_id = n.developer_id
   where e.domain <> all($2::text[])
  union all
  -- Names as folded words (dots and commas split initials: \`T. Y.\` → t, y); a developer without a name contradicts nobody.
  select ${ruleNo('same_email_local')}, e.lpart, '', e.developer_id, e.domain, e.email, false,
         case when l.display_name is not null
              then array(select t from unnest(regexp_split_to_array(${foldAsciiFastSql('l.display_name')}, '[[:space:]\u3000.,]+')) t where t <> '')
         end
    from email e join live l on l.developer_id = e.developer_id
   where char_length(e.lpart) >= ${MIN_EMAIL_LOCAL} and e.lpart <> all($3::text[])
)
select $1::text as tenant_id, md5(k.rule || E'\\n' || k.key || E'\\n' || k.scope)::uuid as grp,
       k.rule, k.key, k.scope, k.developer_id, k.attr, k.detail, k.flag, k.tokens
  from keyed k`;
