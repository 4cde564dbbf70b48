/**
 * Identity resolution of an activities import, in memory (issue 12 §1): the
 * file's actors are gathered while it is staged (actors.ts), what the database knows about
 * their keys is fetched by those keys, every actor is resolved by the rules
 * below, and developers, accounts and identifiers are each written once (COPY
 * for new rows; one statement for the known rows that change).
 *
 * The rules (DESIGN.md: exact matches only), in order, for each actor:
 *   1. a known account with a developer brings that developer;
 *   2. else an email identifier of one of the actor's emails (the earliest
 *      first_seen, nulls last; equal ones: the smaller email in code point order);
 *   3. else the developer whose primary email is the actor's latest email;
 *   4. else a new developer, one per latest email (actors sharing it become
 *      one), or one per actor without an email.
 * "Latest" is the latest instant, and on equal instants the later line of the
 * file. New developers and known ones without a name or organization take the
 * latest of their actors'; a company email domain gives an organization
 * (domain-orgs.ts). Every email becomes an identifier of its developer unless
 * one exists; an email several developers of the file claim goes to the one
 * whose actor appears first in the file (lowest line).
 *
 * bench/identity-reference.ts keeps the same rules as set-based SQL (the
 * pre-issue-12 code with those ties made explicit); the differential test
 * holds the two equal.
 */
import type { Db, SqlClient } from '../../db/db';
import { traceStep } from '../../db/trace';
import { FREE_MAIL_DOMAINS } from '../../identity/free-mail';
import { pausePoint } from '../pause';
import { isLater, type Actors, type Latest } from './actors';
import { collectIfHeapOver } from './collect-garbage';
import { randomId } from './uuid7';
import { claimOrganizationDomains, resolveDomainOrganizations, STAGE_DOMAIN } from './domain-orgs';
import {
  accountKey,
  developersWithoutOrganization,
  knownAccounts,
  knownEmailIdentifiers,
  knownPrimaryEmails,
  organizationIds,
  type KnownIdentifier,
} from './identity-known';
import {
  writeAccounts,
  writeDevelopers,
  writeIdentifiers,
  writeStageActor,
  type IdentifierClaim,
  type NewDeveloper,
} from './identity-write';

export interface IdentityCounts {
  organizations: number;
  developers: number;
  accounts: number;
  identifiers: number;
}

/** lower(split_part(email, '@', 2)), as domain-orgs.ts's emailDomainSql. */
const emailDomain = (email: string) => (email.split('@')[1] ?? '').toLowerCase();
const FREE = new Set(FREE_MAIL_DOMAINS);
/** companyDomainSql: `like '_%._%'` and not free mail. */
const isCompanyDomain = (domain: string) => /^[\s\S]+\.[\s\S]+$/.test(domain) && !FREE.has(domain);

/** Code point order (PostgreSQL's "C" collation on UTF-8), not UTF-16 code unit order. */
export function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** The latest value of `column` among a developer's actors, by the actor's last sighting (equal ones: the later line). */
function latestOf(actors: Actors, group: readonly number[], column: Latest): string | undefined {
  let best = NONE;
  for (const i of group) if (column.get(i) !== undefined && laterActor(actors, i, best)) best = i;
  return best === NONE ? undefined : column.get(best);
}

/** No actor (yet): a developer none of whose actors named the value. */
const NONE = -1;

/** Actor `i` was last seen after actor `best` (or there is no best yet): whose values win, for latestOf and new developers alike. */
const laterActor = (actors: Actors, i: number, best: number): boolean =>
  best === NONE || isLater(actors.lastAt.get(i), actors.lastLine.get(i), actors.lastAt.get(best), actors.lastLine.get(best));

/** The actors `keep` holds for, in order. */
function actorsWhere(actors: Actors, keep: (i: number) => boolean): number[] {
  const kept: number[] = [];
  for (let i = 0; i < actors.size; i++) if (keep(i)) kept.push(i);
  return kept;
}

/** The distinct values of `column` among the actors. */
function distinct(actors: Actors, column: Latest): string[] {
  const seen = new Set<string>();
  for (let i = 0; i < actors.size; i++) {
    const value = column.get(i);
    if (value !== undefined) seen.add(value);
  }
  return [...seen];
}

/** Resolves the staged file's actors; leaves `stage_actor` (actor_key, provider, external_user_id, developer_id) for what follows. */
export async function resolveIdentitiesInMemory(db: Db, tenant: string, actors?: Actors): Promise<IdentityCounts> {
  // Only an importer that gathered the file's actors while staging it may resolve it here (load-file.ts).
  if (!actors) throw new Error("resolveIdentitiesInMemory: the file's actors were not gathered while it was staged");
  const client = db.$client;
  let started = performance.now();
  let organizations = await nameOrganizations(client, tenant, actors);
  const { accounts: knownAccountIds, identifiers: held } = await matchKnown(client, tenant, actors);
  traceStep('match known identities', started);
  // Each step below leaves garbage (query results, parameters as text, COPY lines) on top of the actors; a large
  // file's is collected between them rather than left to pile up to V8's limit (collect-garbage.ts).
  await collectIfHeapOver();

  const known = new Map<string, number[]>();
  for (let i = 0; i < actors.size; i++) {
    const developerId = actors.developerId.get(i);
    if (developerId === undefined) continue;
    const group = known.get(developerId);
    if (group) group.push(i);
    else known.set(developerId, [i]);
  }
  started = performance.now();
  const withoutOrg = await developersWithoutOrganization(client, [...known.keys()]);
  const domains = new Set<string>();
  const wantsDomain = (organization: string | undefined, email: string | undefined) =>
    organization === undefined && email !== undefined && isCompanyDomain(emailDomain(email));
  const newDevelopers = developersOfUnmatched(actors);
  for (const d of newDevelopers) if (wantsDomain(d.organization, d.email)) domains.add(emailDomain(d.email!));
  const knownUpdates = [...known].map(([developerId, group]) => ({
    developerId,
    displayName: latestOf(actors, group, actors.displayName),
    organization: latestOf(actors, group, actors.organization),
    email: latestOf(actors, group, actors.email),
  }));
  for (const k of knownUpdates)
    if (withoutOrg.has(k.developerId) && wantsDomain(k.organization, k.email)) domains.add(emailDomain(k.email!));
  organizations += await resolveDomainOrganizations(client, tenant, 'select unnest($1::text[]) as domain', [[...domains]]);
  const orgOf = await organizationLookup(client, tenant, actors);
  for (const d of newDevelopers) d.orgId = orgOf(d.organization, d.email);
  traceStep(`group ${newDevelopers.length} new developers`, started);

  await collectIfHeapOver();
  const developers = await writeDevelopers(client, tenant, newDevelopers);
  await pausePoint('resolve');
  const accounts = await writeAccounts(client, tenant, actors, knownAccountIds);
  await updateKnownDevelopers(
    client,
    knownUpdates.map((k) => ({ developerId: k.developerId, displayName: k.displayName ?? null, orgId: orgOf(k.organization, k.email) })),
  );
  await collectIfHeapOver();
  const identifiers = await writeIdentifiers(client, tenant, identifierClaims(actors, held));
  await writeStageActor(client, actors);
  return { organizations, developers, accounts, identifiers };
}

/**
 * Rule 4: a new developer per latest email of the actors no rule matched (in the order of their first
 * actor), or per actor without one; its name and organization the latest of its actors'. Built in one
 * pass, each developer keeping the actors its latest values come from, rather than by grouping the
 * actors first: a Map of 122k groups under keys made for them (`email:…`) was ~20 MB more of the heap
 * at 1M rows, at the height of resolution's.
 */
function developersOfUnmatched(actors: Actors): NewDeveloper[] {
  const developers: NewDeveloper[] = [];
  /** Per developer (same index): the actors its display name and organization come from. */
  const nameFrom: number[] = [];
  const orgFrom: number[] = [];
  const byEmail = new Map<string, number>();
  for (let a = 0; a < actors.size; a++) {
    if (actors.developerId.get(a) !== undefined) continue;
    const email = actors.email.get(a);
    let i = email === undefined ? undefined : byEmail.get(email);
    if (i === undefined) {
      i = developers.length;
      developers.push({ developerId: randomId(), email, displayName: undefined, organization: undefined, orgId: null });
      nameFrom.push(NONE);
      orgFrom.push(NONE);
      if (email !== undefined) byEmail.set(email, i);
    }
    actors.developerId.set(a, developers[i]!.developerId);
    if (actors.displayName.get(a) !== undefined && laterActor(actors, a, nameFrom[i]!)) nameFrom[i] = a;
    if (actors.organization.get(a) !== undefined && laterActor(actors, a, orgFrom[i]!)) orgFrom[i] = a;
  }
  developers.forEach((d, i) => {
    if (nameFrom[i] !== NONE) d.displayName = actors.displayName.get(nameFrom[i]!);
    if (orgFrom[i] !== NONE) d.organization = actors.organization.get(orgFrom[i]!);
  });
  return developers;
}

/** Organizations the file names (created when new) and the company domains their people share; returns those created. */
async function nameOrganizations(client: SqlClient, tenant: string, actors: Actors): Promise<number> {
  const inserted = await client.query(
    `insert into organizations (tenant_id, name) select $1, name from unnest($2::text[]) name on conflict (tenant_id, name) do nothing`,
    [tenant, distinct(actors, actors.organization)],
  );
  const members = actorsWhere(actors, (i) => actors.organization.get(i) !== undefined && actors.email.get(i) !== undefined);
  await claimOrganizationDomains(client, tenant, 'select * from unnest($3::text[], $4::text[]) m(organization, email)', [
    members.map((i) => actors.organization.get(i)!),
    members.map((i) => actors.email.get(i)!),
  ]);
  return inserted.rowCount ?? 0;
}

/** The organization of a developer: the one named, else (none named) its email's company domain's. */
async function organizationLookup(client: SqlClient, tenant: string, actors: Actors) {
  const names = await organizationIds(client, tenant, distinct(actors, actors.organization));
  const { rows } = await client.query<{ domain: string; org_id: string | null }>(`select domain, org_id from ${STAGE_DOMAIN}`);
  const domains = new Map(rows.map((r) => [r.domain, r.org_id]));
  return (organization: string | undefined, email: string | undefined): string | null => {
    if (organization !== undefined) return names.get(organization) ?? null;
    return email === undefined ? null : (domains.get(emailDomain(email)) ?? null);
  };
}

/** Rules 1–3: each actor's known developer, if any. Returns the known accounts and the email identifiers held. */
async function matchKnown(client: SqlClient, tenant: string, actors: Actors) {
  const withAccount = actorsWhere(actors, (i) => actors.provider.get(i) !== undefined);
  const accounts = await knownAccounts(
    client,
    tenant,
    withAccount.map((i) => [actors.provider.get(i)!, actors.externalUserId.get(i)!] as const),
  );
  for (const i of withAccount)
    actors.developerId.set(i, accounts.get(accountKey(actors.provider.get(i)!, actors.externalUserId.get(i)!)) ?? undefined);

  const emails = new Set<string>();
  for (let i = 0; i < actors.size; i++) for (const email of actors.emails(i)) emails.add(email);
  const identifiers = await knownEmailIdentifiers(client, tenant, [...emails]);
  for (let i = 0; i < actors.size; i++) {
    if (actors.developerId.get(i) !== undefined) continue;
    let best: [string, KnownIdentifier] | undefined;
    for (const email of actors.emails(i)) {
      const found = identifiers.get(email);
      if (found && (!best || earlierIdentifier(email, found, best[0], best[1]))) best = [email, found];
    }
    if (best) actors.developerId.set(i, best[1].developerId);
  }

  const byEmail = actorsWhere(actors, (i) => actors.developerId.get(i) === undefined && actors.email.get(i) !== undefined);
  const primary = await knownPrimaryEmails(client, tenant, [...new Set(byEmail.map((i) => actors.email.get(i)!))]);
  for (const i of byEmail) actors.developerId.set(i, primary.get(actors.email.get(i)!.toLowerCase()));
  return { accounts, identifiers };
}

/** Rule 2's order: first_seen, nulls last; then the email. */
function earlierIdentifier(email: string, id: KnownIdentifier, bestEmail: string, best: KnownIdentifier): boolean {
  if (id.firstSeen !== best.firstSeen) {
    if (id.firstSeen === null) return false;
    if (best.firstSeen === null) return true;
    return id.firstSeen < best.firstSeen;
  }
  return compareCodePoints(email, bestEmail) < 0;
}

/**
 * One identifier per email no developer holds yet: the claim of the lowest line — the developer of the
 * first actor to name it (no two actors share a line) — its first and last sightings over that
 * developer's actors. Two passes over the actors, one claim per email: a Map of claims per developer
 * under each email held ~150 bytes more per email at the height of resolution's heap.
 */
function identifierClaims(actors: Actors, held: ReadonlyMap<string, unknown>): IdentifierClaim[] {
  const claims = new Map<string, IdentifierClaim>();
  for (let a = 0; a < actors.size; a++) {
    const developerId = actors.developerId.get(a)!;
    const line = actors.firstLine.get(a);
    for (const email of actors.emails(a)) {
      if (held.has(email)) continue;
      const c = claims.get(email);
      // Its sightings are gathered below, once the developer it goes to is known.
      if (!c) claims.set(email, { developerId, email, firstAt: Infinity, lastAt: -Infinity, line });
      else if (line < c.line) {
        c.developerId = developerId;
        c.line = line;
      }
    }
  }
  // The sightings of the developer each email went to, over all of its actors that name it.
  for (let a = 0; a < actors.size; a++) {
    for (const email of actors.emails(a)) {
      const c = claims.get(email);
      if (!c || c.developerId !== actors.developerId.get(a)) continue;
      c.firstAt = Math.min(c.firstAt, actors.firstAt.get(a));
      c.lastAt = Math.max(c.lastAt, actors.lastAt.get(a));
    }
  }
  return [...claims.values()];
}

/** What the file says about known developers fills gaps (a name, an organization); it never overwrites. */
async function updateKnownDevelopers(
  client: SqlClient,
  rows: readonly { developerId: string; displayName: string | null; orgId: string | null }[],
): Promise<void> {
  const useful = rows.filter((r) => r.displayName !== null || r.orgId !== null);
  if (useful.length === 0) return;
  const started = performance.now();
  await client.query(
    `update developers d set display_name = coalesce(d.display_name, x.display_name), org_id = coalesce(d.org_id, x.org_id), updated_at = now()
       from unnest($1::uuid[], $2::text[], $3::uuid[]) x(developer_id, display_name, org_id)
      where d.developer_id = x.developer_id
        and ((d.display_name is null and x.display_name is not null) or (d.org_id is null and x.org_id is not null))`,
    [useful.map((r) => r.developerId), useful.map((r) => r.displayName), useful.map((r) => r.orgId)],
  );
  traceStep(`update ${useful.length} known developers`, started);
}
