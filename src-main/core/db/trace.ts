/**
 * Opt-in timing of import and refresh steps (DRM_IMPORT_TRACE=1), printed to
 * stderr: the benchmark's way to see where an import spends its time.
 *
 * On a loaded machine wall times move several-fold; CPU time barely does. So
 * each line also gives the CPU used so far by this Node process and by the
 * import's backend (traceBackend; read from /proc when the server runs on
 * this machine): the difference between two lines is the CPU of what ran
 * between them.
 */
import type { QueryResult, QueryResultRow } from 'pg';
import type { Db, SqlClient } from './db';
import { processCpuNs } from './process-cpu';

const enabled = process.env.DRM_IMPORT_TRACE === '1';
let backendPid: number | undefined;

/** The server process whose CPU the trace reports (the import's connection); undefined to stop. */
export function traceBackend(pid: number | undefined): void {
  backendPid = pid;
}

function cpuSoFar(): string {
  const node = process.cpuUsage();
  // Not on this machine, or gone: the node figure alone.
  const ns = backendPid === undefined ? undefined : processCpuNs(backendPid);
  const server = ns === undefined ? '' : `, server ${Math.round(ns / 1e6)}`;
  return ` (cpu so far: node ${Math.round((node.user + node.system) / 1000)}${server})`;
}

export function traceStep(name: string, startedAt: number): void {
  if (enabled) process.stderr.write(`[import] ${name}: ${Math.round(performance.now() - startedAt)} ms${cpuSoFar()}\n`);
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
