/**
 * The one database type of the core. A `Db` is Drizzle over either the pool
 * (each statement takes any free connection) or one connection (a
 * transaction's, or a caller's own): services take a `Db` and do not care
 * which. `db.$client` is the pg object underneath, for set-based SQL and COPY.
 */
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as appSchema from './schema-app';
import * as specSchema from './schema';

/** Every table the app defines: the spec's (public) and its own (app, derived). */
export const schema = { ...specSchema, ...appSchema };

export type Db = NodePgDatabase<typeof schema> & { $client: pg.Pool | pg.PoolClient | pg.Client };

/**
 * A connection's raw `query`, for modules that only run SQL text on a
 * connection of their own (migrations, backup and restore) or on a `Db`'s
 * `$client` inside set-based code.
 */
export type SqlClient = Pick<pg.PoolClient, 'query'>;

/** A `Db` over the pool or over one connection. */
export function dbOn(client: pg.Pool | pg.PoolClient | pg.Client): Db {
  return drizzle(client as pg.Pool, { schema }) as Db;
}

/** The pool `db` spreads its statements over; undefined when it runs on one connection. */
export function poolUnder(db: Db): pg.Pool | undefined {
  return db.$client instanceof pg.Pool ? db.$client : undefined;
}

/** The pool under `db`, for work that holds a connection itself (an import: its own transaction, COPY and cancel). */
export function poolOf(db: Db): pg.Pool {
  const pool = poolUnder(db);
  if (!pool) throw new Error('poolOf: this Db runs on one connection, not on the pool');
  return pool;
}
