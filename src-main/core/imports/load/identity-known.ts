/**
 * What the database already knows about the keys of one file — accounts,
 * email identifiers, primary emails — fetched by those keys only, in batches
 * of index probes (`= any` / `unnest`), so memory and time follow the file,
 * not the size of the tenant.
 */
import type { SqlClient } from '../../db/db';

const BATCH = 10_000;

async function inBatches<T>(items: readonly T[], run: (batch: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += BATCH) await run(items.slice(i, i + BATCH));
}

/** Whether the tenant has any row in `table`: a first import looks nothing up (one probe, not a batch per 10,000 keys). */
async function anyRow(client: SqlClient, table: 'accounts' | 'developer_identifiers' | 'developers', tenant: string): Promise<boolean> {
  const { rows } = await client.query<{ any: boolean }>(`select exists (select 1 from ${table} where tenant_id = $1) as any`, [tenant]);
  return rows[0]!.any;
}

/** Map key of an account. */
export const accountKey = (provider: string, externalUserId: string) => `${provider}\u0000${externalUserId}`;

/** Known accounts of these (provider, external id) pairs: their developer (null when none). */
export async function knownAccounts(
  client: SqlClient,
  tenant: string,
  keys: readonly (readonly [string, string])[],
): Promise<Map<string, string | null>> {
  const found = new Map<string, string | null>();
  if (!(await anyRow(client, 'accounts', tenant))) return found;
  await inBatches(keys, async (batch) => {
    const { rows } = await client.query<{ provider: string; external_user_id: string; developer_id: string | null }>(
      `select a.provider, a.external_user_id, a.developer_id
         from unnest($2::text[], $3::text[]) k(provider, external_user_id)
         join accounts a on a.tenant_id = $1 and a.provider = k.provider and a.external_user_id = k.external_user_id`,
      [tenant, batch.map((k) => k[0]), batch.map((k) => k[1])],
    );
    for (const r of rows) found.set(accountKey(r.provider, r.external_user_id), r.developer_id);
  });
  return found;
}

export interface KnownIdentifier {
  developerId: string;
  /** first_seen in microseconds since the epoch (exact: ties matter), or null. */
  firstSeen: bigint | null;
}

/** Email identifiers held by any developer, for these emails. */
export async function knownEmailIdentifiers(
  client: SqlClient,
  tenant: string,
  emails: readonly string[],
): Promise<Map<string, KnownIdentifier>> {
  const found = new Map<string, KnownIdentifier>();
  if (!(await anyRow(client, 'developer_identifiers', tenant))) return found;
  await inBatches(emails, async (batch) => {
    const { rows } = await client.query<{ value: string; developer_id: string; first_seen: string | null }>(
      `select value_normalized as value, developer_id, (extract(epoch from first_seen) * 1000000)::int8::text as first_seen
         from developer_identifiers where tenant_id = $1 and kind = 'email' and value_normalized = any($2::text[])`,
      [tenant, batch],
    );
    for (const r of rows)
      found.set(r.value, { developerId: r.developer_id, firstSeen: r.first_seen === null ? null : BigInt(r.first_seen) });
  });
  return found;
}

/** Developers whose primary email (citext: case-insensitive, unique per tenant) is one of these; keyed by the lower-cased email. */
export async function knownPrimaryEmails(client: SqlClient, tenant: string, emails: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (!(await anyRow(client, 'developers', tenant))) return found;
  await inBatches(emails, async (batch) => {
    const { rows } = await client.query<{ email: string; developer_id: string }>(
      `select lower(primary_email::text) as email, developer_id from developers where tenant_id = $1 and primary_email = any($2::citext[])`,
      [tenant, batch],
    );
    for (const r of rows) found.set(r.email, r.developer_id);
  });
  return found;
}

/** Of these developers, the ones in no organization yet. */
export async function developersWithoutOrganization(client: SqlClient, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  await inBatches(ids, async (batch) => {
    const { rows } = await client.query<{ id: string }>(
      'select developer_id as id from developers where developer_id = any($1::uuid[]) and org_id is null',
      [batch],
    );
    for (const r of rows) found.add(r.id);
  });
  return found;
}

/** org_id of each of these organization names. */
export async function organizationIds(client: SqlClient, tenant: string, names: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  await inBatches(names, async (batch) => {
    const { rows } = await client.query<{ name: string; org_id: string }>(
      'select name, org_id from organizations where tenant_id = $1 and name = any($2::text[])',
      [tenant, batch],
    );
    for (const r of rows) found.set(r.name, r.org_id);
  });
  return found;
}
