/**
 * The pairs the merge-suggestion rules find, from derived.merge_keys: two
 * developers of one group (same rule, key and scope) are a pair when the group
 * is small (2 to MAX_GROUP developers: a key shared by more says nothing about
 * any two of them), varied where the rule asks it (handles on more than one
 * provider, local parts on more than one domain), and the rule's condition
 * holds for the two rows (different providers, different domains, not both at
 * the organization's own domain). Several rules multiply their doubts: score =
 * 1 − ∏(1 − rule score), a local part the names contradict counting
 * CONTRADICTED_EMAIL_LOCAL. Written once here for the stored pairs (bits and
 * score, merge-suggestions.ts) and for the evidence shown with a page or
 * recorded with a merge (merges/suggestions.ts).
 */
import { mergeRules } from '../../../src-shared/contract/merges';
import { CONTRADICTED_EMAIL_LOCAL, MAX_GROUP, RULE_SCORES } from '../merges/rules';
import { CONTRADICTED_BIT, KEYS_TABLE, ruleNo } from './merge-keys';

export const PAIRS_TABLE = 'derived.merge_pairs';

/** (rule number, name, score) of every rule, as SQL values. */
const RULES = mergeRules.map((rule) => `(${ruleNo(rule)}, '${rule}', ${RULE_SCORES[rule]}::float8)`).join(', ');

/** Two name tokens agree when equal, or when one is the initial of the other (`k` and `kenji`). */
const tokensAgree = (p: string, q: string): string =>
  `(${p} = ${q} or (char_length(${p}) = 1 and left(${q}, 1) = ${p}) or (char_length(${q}) = 1 and left(${p}, 1) = ${q}))`;

/** Every token of the name `x` agrees with one of `y`'s: `K Sato` is covered by `Kenji Sato`, `Hannah Anderson` not by `Harper Anderson`. */
const covers = (x: string, y: string): string =>
  `not exists (select 1 from unnest(${x}) p where not exists (select 1 from unnest(${y}) q where ${tokensAgree('p', 'q')}))`;

/** The rule's own condition on two rows `x`, `y` of one group. */
const PAIR_CONDITION = `(case x.rule
  when ${ruleNo('same_handle')} then x.attr <> y.attr
  when ${ruleNo('same_email_local')} then x.attr <> y.attr
  when ${ruleNo('same_name_org')} then not (x.flag and y.flag)
  else true end)`;

const CONTRADICTED = `(x.rule = ${ruleNo('same_email_local')} and not (${covers('x.tokens', 'y.tokens')} or ${covers('y.tokens', 'x.tokens')}))`;

/** SQL: groups (grp) of `candidates` (a relation with grp) that may pair: small, and varied where the rule asks. */
const smallGroupsSql = (candidates: string | null) => `
  select mk.grp from ${KEYS_TABLE} mk ${candidates ? `join ${candidates} c on c.grp = mk.grp` : ''}
   where mk.tenant_id = $1
   group by mk.grp, mk.rule
  having count(distinct mk.developer_id) between 2 and ${MAX_GROUP}
     and (mk.rule not in (${ruleNo('same_handle')}, ${ruleNo('same_email_local')}) or count(distinct mk.attr) > 1)`;

/**
 * SQL: (a, b, rule, contradicted, x.*, y.* as needed) for the rows `x` (of a)
 * and `y` (of b) of one group, a < b. `pairs` is a relation (a, b) to look at,
 * or null for every group; `sized` leaves out groups that do not pair (false
 * for the evidence of one pair a merge records: the rules between the two).
 */
function pairRowsSql(pairs: string | null, sized: boolean, select: string): string {
  const same = 'y.tenant_id = x.tenant_id and y.grp = x.grp and y.rule = x.rule and y.key = x.key and y.scope = x.scope';
  if (pairs === null) {
    return `
  with g as materialized (${smallGroupsSql(null)})
  select x.developer_id as a, y.developer_id as b, x.rule, ${CONTRADICTED} as contradicted${select}
    from g join ${KEYS_TABLE} x on x.tenant_id = $1 and x.grp = g.grp
    join ${KEYS_TABLE} y on ${same} and y.developer_id > x.developer_id
   where ${PAIR_CONDITION}`;
  }
  return `
  with xy as materialized (
    select x.developer_id as a, y.developer_id as b, x.rule, ${CONTRADICTED} as contradicted, x.grp${select}
      from ${pairs} p
      join ${KEYS_TABLE} x on x.developer_id = p.a and x.tenant_id = $1
      join ${KEYS_TABLE} y on y.developer_id = p.b and ${same}
     where p.a < p.b and ${PAIR_CONDITION}),
  g as materialized (${sized ? smallGroupsSql('(select distinct grp from xy)') : 'select distinct grp from xy'})
  select xy.* from xy where xy.grp in (select grp from g)`;
}

/** SQL: per pair of `pairs` (or all), the rules bitmask and the score (columns a, b, rules, score). */
export function scoredPairsSql(pairs: string | null): string {
  return `
  with r as (${pairRowsSql(pairs, true, '')}),
  per_rule as (select a, b, rule, bool_or(contradicted) as contradicted from r group by a, b, rule)
  select p.a, p.b,
         sum((1 << p.rule) | case when p.contradicted then ${CONTRADICTED_BIT} else 0 end)::smallint as rules,
         ${SCORE} as score
    from per_rule p join (values ${RULES}) s(rule, name, score) on s.rule = p.rule
   group by p.a, p.b`;
}

/** Combined score over per_rule rows `p` joined to RULES `s`, grouped by pair: as it has always been rounded. */
const SCORE = `round((1 - exp(sum(ln(1 - case when p.contradicted then ${CONTRADICTED_EMAIL_LOCAL}::float8 else s.score end))))::numeric, 4)::float8`;

/** What a pair's evidence says under one rule, from its rows `x` and `y` (organizations `o`). */
const DETAIL = `, case x.rule
    when ${ruleNo('same_handle')} then x.attr || ':' || x.detail || ' = ' || y.attr || ':' || y.detail
    when ${ruleNo('same_name_org')} then x.detail || ' = ' || y.detail || ' (' || (select o.name from organizations o where o.org_id = x.scope::uuid) || ')'
    when ${ruleNo('same_name_domain')} then x.detail || ' = ' || y.detail || ' (@' || x.scope || ')'
    else x.detail || ' ~ ' || y.detail end as detail`;

/**
 * SQL: for the pairs $2::uuid[] × $3::uuid[] (element by element, either order),
 * score and evidence (jsonb: rule and detail, strongest first). `sized`: only
 * groups that pair (a list's page), else every rule the two share (a merge).
 */
export function pairEvidenceSql(sized: boolean): string {
  return `
  with r as (${pairRowsSql('(select least(x, y) as a, greatest(x, y) as b from unnest($2::uuid[], $3::uuid[]) u(x, y))', sized, DETAIL)}),
  per_rule as (
    select a, b, rule, string_agg(distinct detail, '; ') as detail, bool_or(contradicted) as contradicted from r group by a, b, rule)
  select p.a, p.b, ${SCORE} as score,
         jsonb_agg(jsonb_build_object('rule', s.name, 'detail', p.detail) order by s.score desc) as evidence
    from per_rule p join (values ${RULES}) s(rule, name, score) on s.rule = p.rule
   group by p.a, p.b`;
}
