/**
 * Opt-in timing of import steps (DRM_IMPORT_TRACE=1), printed to stderr: the
 * benchmark's way to see where an import spends its time.
 */
import type { PoolClient, QueryResult, QueryResultRow } from 'pg';

const enabled = process.env.DRM_IMPORT_TRACE === '1';

export function traceStep(name: string, startedAt: number): void {
  if (enabled) process.stderr.write(`[import] ${name}: ${Math.round(performance.now() - startedAt)} ms\n`);
}

/** The client's query, timed and labelled by the statement's first words when tracing. */
export function tracedQuery(client: PoolClient) {
  return async <T extends QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<T>> => {
    const started = performance.now();
    const result = await client.query<T>(text, values);
    traceStep(text.trim().replace(/\s+/g, ' ').slice(0, 70), started);
    return result;
  };
}
