/**
 * The embedded cluster's roles and database (README "Tenants and row-level
 * security"):
 * - `drm_owner` (NOLOGIN, BYPASSRLS) owns the database and every object in
 *   it; migrations and backups run as it, through the superuser's login
 *   (`ownerUrl`: `SET ROLE drm_owner` as a startup option), so it needs no
 *   password of its own;
 * - `drm` (LOGIN, credentials.json) is the app's login: neither owner nor
 *   superuser nor BYPASSRLS, a member of `drm_app`, which holds the grants
 *   (migration 0009) and under which the app's statements run (tenant.ts).
 *
 * Data folders of older versions have everything owned by `drm` (it created
 * the database and ran the migrations): each start hands what `drm` owns to
 * `drm_owner` (REASSIGN OWNED, a catalog update: no table is rewritten),
 * before migrations run. Idempotent; every statement runs as the superuser.
 */
import pg from 'pg';
import { scramMatches, type Credentials } from './credentials';
import type { LogSink } from './server-log';
import { APP_DB_ROLE } from './tenant';

export const LOGIN_ROLE = 'drm';
export const OWNER_ROLE = 'drm_owner';
export const APP_DATABASE = 'drm';

function superuserClient(port: number, credentials: Credentials, database: string): pg.Client {
  return new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: credentials.superuserPassword, database });
}

/** The superuser's login, acting as the owner role: what migrations and backups connect with. */
export function ownerUrl(port: number, credentials: Credentials): string {
  const options = encodeURIComponent(`-c role=${OWNER_ROLE}`);
  return `postgres://postgres:${encodeURIComponent(credentials.superuserPassword)}@127.0.0.1:${port}/${APP_DATABASE}?options=${options}`;
}

export function appUrl(port: number, credentials: Credentials): string {
  return `postgres://${LOGIN_ROLE}:${encodeURIComponent(credentials.appPassword)}@127.0.0.1:${port}/${APP_DATABASE}`;
}

/** Creates the roles and the database, makes sure the login's password is the one in credentials.json, and fixes ownership. */
export async function ensureAppDatabase(port: number, credentials: Credentials, log: LogSink): Promise<void> {
  const client = superuserClient(port, credentials, 'postgres');
  await client.connect();
  try {
    const role = await client.query<{ rolpassword: string | null }>('select rolpassword from pg_authid where rolname = $1', [LOGIN_ROLE]);
    const password = client.escapeLiteral(credentials.appPassword);
    if (role.rowCount === 0) {
      await client.query(`create role ${LOGIN_ROLE} login nosuperuser nocreatedb nocreaterole nobypassrls password ${password}`);
    } else if (!scramMatches(role.rows[0]!.rolpassword, credentials.appPassword)) {
      await client.query(`alter role ${LOGIN_ROLE} password ${password}`);
      log.notice(`The password of the app's database role did not match credentials.json; it was set again. No data was changed.`);
    }
    const roles = await client.query<{ rolname: string }>('select rolname from pg_roles where rolname = any($1)', [
      [OWNER_ROLE, APP_DB_ROLE],
    ]);
    const have = new Set(roles.rows.map((r) => r.rolname));
    if (!have.has(OWNER_ROLE)) await client.query(`create role ${OWNER_ROLE} nologin bypassrls`);
    if (!have.has(APP_DB_ROLE)) await client.query(`create role ${APP_DB_ROLE} nologin nobypassrls`);
    // The owner is a member so that migration 0009 finds the grant it would otherwise make; the login runs as drm_app.
    await client.query(`grant ${APP_DB_ROLE} to ${OWNER_ROLE}, ${LOGIN_ROLE}`);
    const db = await client.query('select 1 from pg_database where datname = $1', [APP_DATABASE]);
    if (db.rowCount === 0) await client.query(`create database ${APP_DATABASE} owner ${OWNER_ROLE}`);
    else await client.query(`alter database ${APP_DATABASE} owner to ${OWNER_ROLE}`);
  } finally {
    await client.end();
  }
  await handOwnershipToOwner(port, credentials, log);
}

/** Older data folders: the login role owns the schemas, tables and extensions it created. */
async function handOwnershipToOwner(port: number, credentials: Credentials, log: LogSink): Promise<void> {
  const client = superuserClient(port, credentials, APP_DATABASE);
  await client.connect();
  try {
    const owned = await client.query<{ n: string }>(
      'select count(*) as n from pg_class where relowner = (select oid from pg_roles where rolname = $1)',
      [LOGIN_ROLE],
    );
    if (Number(owned.rows[0]!.n) === 0) return;
    await client.query(`reassign owned by ${LOGIN_ROLE} to ${OWNER_ROLE}`);
    log.notice(`The database's tables now belong to the role ${OWNER_ROLE}; the app connects as ${LOGIN_ROLE}, which does not own them.`);
  } finally {
    await client.end();
  }
}
