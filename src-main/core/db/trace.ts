/**
 * Opt-in timing of import and refresh steps (DRM_IMPORT_TRACE=1), printed to
 * stderr: the benchmark's way to see where an import spends its time.
 */
import type { QueryResult, QueryResultRow } from 'pg';
import type { Db, SqlClient } from './db';

const enabled = process.env.DRM_IMPORT_TRACE === '1';

export function traceStep(name: string, startedAt: number): void {
  if (enabled) process.stderr.write(`[import] ${name}: ${Math.round(performance.now() - startedAt)} ms\n`);
}

/** `db`'s connection as a `SqlClient` whose statements are timed and labelled by their first words when tracing. */
export function tracedClient(db: Db): SqlClient {
  const client = db.$client;
  const query = async <T extends QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<T>> => {
    const started = performance.now();
    const result = await client.query<T>(text, values);
    traceStep(text.trim().replace(/\s+/g, ' ').slice(0, 70), started);
    return result;
  };
  // Only text statements pass through here; pg's other overloads (configs, COPY streams) are never used on it.
  return { query } as SqlClient;
}
