/**
 * Organizations from company email domains (issue 4): a developer the file
 * names without an organization, and who is in none yet, joins the
 * organization of their email's domain — an existing one whose domain is
 * that domain, else one named after it (name and domain_primary both the
 * domain, e.g. `example.co.jp`), created here. Free mail domains (gmail.com,
 * yahoo.co.jp, …) say nothing about an employer and never make one.
 *
 * An organization named by the `organization` column, without a domain yet,
 * takes its people's company domain when the file shows exactly one (and no
 * other organization has it): `Acme` with aki@acme.co.jp and ben@acme.co.jp
 * becomes the organization of acme.co.jp, so that Cai, listed at acme.co.jp
 * without an organization, joins Acme rather than a new `acme.co.jp`.
 *
 * Set-based and sized by domains, not rows: the caller lists the domains it
 * needs once (a few thousand at most), they are resolved with two hash joins
 * against organizations and one insert, and the caller joins the result back.
 */
import type { SqlClient } from '../../db/db';
import { FREE_MAIL_DOMAINS } from '../../identity/free-mail';

export const STAGE_DOMAIN = 'stage_domain';

/** The lower-cased domain of an email expression ('' when it has none). */
export const emailDomainSql = (email: string) => `lower(split_part(${email}, '@', 2))`;

/**
 * True when `domain` (an emailDomainSql result) can name a company: it has a
 * dot and is not free mail. `freeParam` is the placeholder bound to freeMailDomains().
 */
export const companyDomainSql = (domain: string, freeParam: string) =>
  `(${domain} like '_%._%' and ${domain} <> all(${freeParam}::text[]))`;

export const freeMailDomains = (): string[] => [...FREE_MAIL_DOMAINS];

/**
 * Fills stage_domain (domain, org_id) from `domainsSql`, a query of distinct
 * company domains (it may use `$1` for the tenant), with an organization for
 * each; returns how many organizations were created.
 */
export async function resolveDomainOrganizations(
  client: SqlClient,
  tenant: string,
  domainsSql: string,
  values: unknown[],
): Promise<number> {
  await client.query(
    `create temp table ${STAGE_DOMAIN} on commit drop as select domain, null::uuid as org_id from (${domainsSql}) d`,
    values,
  );
  await client.query(`analyze ${STAGE_DOMAIN}`);
  // An organization that already has the domain wins (the oldest, when several do): it may have been renamed.
  await client.query(
    `update ${STAGE_DOMAIN} sd set org_id = o.org_id
       from (select distinct on (lower(domain_primary::text)) lower(domain_primary::text) as domain, org_id
               from organizations where tenant_id = $1 and domain_primary is not null
              order by lower(domain_primary::text), created_at, org_id) o
      where o.domain = sd.domain`,
    [tenant],
  );
  const created = await client.query(
    `insert into organizations (tenant_id, name, domain_primary)
     select $1, domain, domain from ${STAGE_DOMAIN} where org_id is null
     on conflict (tenant_id, name) do nothing`,
    [tenant],
  );
  // New ones, and any organization already named after the domain.
  await client.query(
    `update ${STAGE_DOMAIN} sd set org_id = o.org_id from organizations o
      where sd.org_id is null and o.tenant_id = $1 and o.name = sd.domain`,
    [tenant],
  );
  return created.rowCount ?? 0;
}

/**
 * Gives organizations without a domain the one company domain their people in
 * this file share. `membersSql` selects (organization, email) pairs; `$1` in
 * it is the free mail list, `$2` the tenant, `$3`… the `values` given.
 */
export async function claimOrganizationDomains(
  client: SqlClient,
  tenant: string,
  membersSql: string,
  values: unknown[] = [],
): Promise<void> {
  await client.query(
    `with claim as (
       select organization, min(domain) as domain, count(*) over (partition by min(domain)) as claimants
         from (select m.organization, ${emailDomainSql('m.email')} as domain from (${membersSql}) m
                where m.organization is not null and m.email is not null) x
        where ${companyDomainSql('x.domain', '$1')}
        group by organization having count(distinct domain) = 1)
     update organizations o set domain_primary = c.domain, updated_at = now()
       from claim c
      -- A domain names one organization: none that another already has, or two claim at once.
      where o.tenant_id = $2 and o.name = c.organization and o.domain_primary is null and c.claimants = 1
        and not exists (select 1 from organizations o2 where o2.tenant_id = $2 and lower(o2.domain_primary::text) = c.domain)`,
    [freeMailDomains(), tenant, ...values],
  );
}
