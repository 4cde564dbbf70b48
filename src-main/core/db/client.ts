import pg from 'pg';
import { dbOn, type Db } from './db';
import { appConnection } from './tenant';
import { parseUrl } from '../../../src-shared/url';

export interface Database {
  /** Over the pool; `db.$client` is the pool. */
  db: Db;
  close(): Promise<void>;
}

/** A pool whose every connection runs as the app's role under `tenant` (tenant.ts). */
export function openDatabase(url: string, tenant: string): Database {
  // A desktop app has one user; a few connections keep the UI responsive
  // while an import holds one for its transaction. JIT off: the app's queries
  // are short by design, and at 10M activities their plans cross
  // jit_above_cost, where compiling costs more than running. Set per
  // connection, so it holds on an external server whose role we cannot alter.
  const pool = new pg.Pool({
    ...appConnection(url, tenant, '-c jit=off'),
    max: 6,
    idleTimeoutMillis: 30_000,
    application_name: 'drm-desktop',
  });
  // An idle client losing its server (e.g. PostgreSQL stopped under us) must not crash the process.
  pool.on('error', () => undefined);
  // So must a checked-out client between two queries (an import waiting for its
  // parser when the server goes away): its next query fails, and the caller's
  // error handling (rollback, job marked failed) takes over.
  pool.on('connect', (client) => client.on('error', () => undefined));
  let closing: Promise<void> | undefined;
  return {
    db: dbOn(pool),
    close: () => (closing ??= pool.end()),
  };
}

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`, for display. */
export function redactUrl(url: string): string {
  const parsed = parseUrl(url);
  if (parsed === null) return '(unparseable connection string)';
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
