/**
 * The writes of in-memory identity resolution (identity-memory.ts): each
 * table once. New rows go in by COPY — through withIndexesDeferred, so a load
 * that brings most of a table rebuilds its indexes, unique keys and foreign
 * keys instead of maintaining them row by row (NEW_PEOPLE); known accounts
 * that the file changes are updated by one `UPDATE … FROM` over a temp table.
 */
import { createHash } from 'node:crypto';
import type { SqlClient } from '../../db/db';
import { traceStep } from '../../db/trace';
import { ACCOUNT_UPDATE } from './account-update';
import type { Actors } from './actors';
import { copyLine, openCopy } from './copy';
import { accountKey } from './identity-known';
import { DERIVED_DEFER_MIN_ROWS, withIndexesDeferred, type DeferOptions } from './index-aware';

export interface NewDeveloper {
  developerId: string;
  email: string | undefined;
  displayName: string | undefined;
  organization: string | undefined;
  orgId: string | null;
}

export interface IdentifierClaim {
  developerId: string;
  email: string;
  firstAt: number;
  lastAt: number;
  line: number;
}

/**
 * How a large load of new people goes in. Each row holds keys the tenant has nowhere else: every key
 * of the file was looked up among the stored ones first (identity-known.ts), and each new key gets one
 * row. So the unique keys are dropped with the secondary indexes and built after by sorting, rather
 * than probed row by row (the developers' case-insensitive email key: ~0.7 s of maintenance in a
 * COPY of 95k rows, 0.34 s to build), and so is the identifiers' primary key, which nothing
 * references. A row repeating a key after all fails the rebuild and rolls the import back, as the
 * COPY itself would have. From DERIVED_DEFER_MIN_ROWS rows: each saves two foreign-key trigger calls,
 * and a first import's rebuild only sorts what came in (at 1M, 49k identifiers took 1.2–1.5 s through them).
 */
const NEW_PEOPLE: DeferOptions = { unique: true, minRows: DERIVED_DEFER_MIN_ROWS };

/** Lines per COPY write: bounded text in memory, whatever the row count. */
const CHUNK = 5_000;

async function copyRows<T>(client: SqlClient, table: string, columns: readonly string[], rows: readonly T[], line: (row: T) => string) {
  const copy = openCopy(client, table, columns);
  try {
    for (let i = 0; i < rows.length; i += CHUNK)
      await copy.write(
        rows
          .slice(i, i + CHUNK)
          .map(line)
          .join(''),
      );
    await copy.end();
  } catch (error) {
    await copy.abort('identity write failed');
    throw error;
  }
}

/** COPY of new people's rows into `table`, through withIndexesDeferred as `options` (NEW_PEOPLE) say. */
async function copyNewPeople<T>(
  client: SqlClient,
  table: string,
  columns: readonly string[],
  rows: readonly T[],
  line: (row: T) => string,
  options: DeferOptions = NEW_PEOPLE,
): Promise<void> {
  await withIndexesDeferred(client, table, rows.length, () => copyRows(client, table, columns, rows, line), options);
}

const iso = (ms: number) => new Date(ms).toISOString();

export const accountDedupKey = (tenant: string, provider: string, externalUserId: string) =>
  createHash('sha256').update(`${tenant}|${provider}|${externalUserId}`, 'utf8').digest('hex');

export async function writeDevelopers(client: SqlClient, tenant: string, developers: readonly NewDeveloper[]): Promise<number> {
  if (developers.length === 0) return 0;
  const started = performance.now();
  await copyNewPeople(client, 'developers', ['developer_id', 'tenant_id', 'display_name', 'primary_email', 'org_id'], developers, (d) =>
    copyLine([d.developerId, tenant, d.displayName, d.email, d.orgId]),
  );
  traceStep(`copy ${developers.length} developers`, started);
  return developers.length;
}

/** Accounts of the file's account actors: new ones copied, known ones updated where the file changes them. Returns the new ones. */
export async function writeAccounts(
  client: SqlClient,
  tenant: string,
  actors: Actors,
  known: ReadonlyMap<string, unknown>,
): Promise<number> {
  const started = performance.now();
  const fresh: number[] = [];
  const seen: number[] = [];
  for (let i = 0; i < actors.size; i++) {
    const provider = actors.provider.get(i);
    if (provider !== undefined) (known.has(accountKey(provider, actors.externalUserId.get(i)!)) ? seen : fresh).push(i);
  }
  const values = (i: number) => [
    actors.developerId.get(i),
    actors.provider.get(i),
    actors.externalUserId.get(i),
    actors.handle.get(i),
    actors.email.get(i),
    actors.attributes.get(i),
    iso(actors.firstAt.get(i)),
    iso(actors.lastAt.get(i)),
  ];
  if (fresh.length > 0) {
    await copyNewPeople(
      client,
      'accounts',
      [
        'developer_id',
        'provider',
        'external_user_id',
        'handle',
        'email',
        'attributes',
        'first_seen',
        'last_seen',
        'tenant_id',
        'confidence',
        'dedup_key',
      ],
      fresh,
      (i) =>
        copyLine([
          ...values(i),
          tenant,
          actors.email.get(i) === undefined ? '0.8' : '1.0',
          accountDedupKey(tenant, actors.provider.get(i)!, actors.externalUserId.get(i)!),
        ]),
    );
  }
  if (seen.length > 0) {
    // The same expressions as an upsert's DO UPDATE (account-update.ts), with the file's sighting as `excluded`.
    await client.query(
      `create temp table account_seen (developer_id uuid, provider text, external_user_id text, handle text, email text,
         attributes jsonb, first_seen timestamptz, last_seen timestamptz) on commit drop`,
    );
    await copyRows(
      client,
      'account_seen',
      ['developer_id', 'provider', 'external_user_id', 'handle', 'email', 'attributes', 'first_seen', 'last_seen'],
      seen,
      (i) => copyLine(values(i)),
    );
    await client.query(
      `update accounts set ${ACCOUNT_UPDATE.map(([c, v]) => `${c} = ${v}`).join(', ')}, updated_at = now()
         from account_seen excluded
        where accounts.tenant_id = $1 and accounts.provider = excluded.provider and accounts.external_user_id = excluded.external_user_id
          and (${ACCOUNT_UPDATE.map(([, v]) => v).join(', ')}) is distinct from (${ACCOUNT_UPDATE.map(([c]) => `accounts.${c}`).join(', ')})`,
      [tenant],
    );
  }
  traceStep(`accounts: copy ${fresh.length}, update up to ${seen.length}`, started);
  return fresh.length;
}

export async function writeIdentifiers(client: SqlClient, tenant: string, claims: readonly IdentifierClaim[]): Promise<number> {
  if (claims.length === 0) return 0;
  const started = performance.now();
  await copyNewPeople(
    client,
    'developer_identifiers',
    ['tenant_id', 'developer_id', 'kind', 'value_normalized', 'first_seen', 'last_seen'],
    claims,
    (c) => copyLine([tenant, c.developerId, 'email', c.email, iso(c.firstAt), iso(c.lastAt)]),
    { ...NEW_PEOPLE, primaryKey: true },
  );
  traceStep(`copy ${claims.length} identifiers`, started);
  return claims.length;
}

/** Each actor's developer, for the activities' resolution and the derived refresh that follow. */
export async function writeStageActor(client: SqlClient, actors: Actors): Promise<void> {
  await client.query(
    'create temp table stage_actor (actor_key text not null, provider text, external_user_id text, developer_id uuid) on commit drop',
  );
  const all = Array.from({ length: actors.size }, (_, i) => i);
  await copyRows(client, 'stage_actor', ['actor_key', 'provider', 'external_user_id', 'developer_id'], all, (i) =>
    copyLine([actors.key.get(i), actors.provider.get(i), actors.externalUserId.get(i), actors.developerId.get(i)]),
  );
  await client.query('create index on stage_actor (actor_key)');
}
