import { dbOn, poolUnder, type Db } from './db';

/**
 * Runs `body` in one transaction on one pooled connection: all of it or none
 * of it. `tx` is a `Db` over that connection. Given a `Db` that is already one
 * connection (a `tx`, or a caller's own), `body` runs on it, inside whatever
 * transaction its holder has open.
 */
export async function inTransaction<T>(db: Db, body: (tx: Db) => Promise<T>): Promise<T> {
  const pool = poolUnder(db);
  if (!pool) return body(db);
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await body(dbOn(client));
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
