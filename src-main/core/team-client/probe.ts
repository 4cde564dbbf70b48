/**
 * Checking a team target before the app leaves the data it is on: a database
 * that answers (within PROBE_TIMEOUT_MS) and is PostgreSQL ≥ 14, or a server
 * that answers as a DRM team server. A wrong address then costs the user a
 * message, not a stop and restart of their own database.
 */
import pg from 'pg';
import { redactUrl } from '../db/client';
import { detailOf, rootCause } from '../db/connection-errors';
import { CoreError } from '../errors';

export const PROBE_TIMEOUT_MS = 10_000;
const MIN_VERSION_NUM = 140_000;

/** Why a probe failed: the innermost cause, and of a refused connection to several addresses, the first. */
function reasonOf(error: unknown): string {
  const root = rootCause(error);
  return detailOf(root instanceof AggregateError && root.errors[0] instanceof Error ? root.errors[0] : root);
}

export async function probeDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: PROBE_TIMEOUT_MS, query_timeout: PROBE_TIMEOUT_MS });
  // A server that drops the connection later must not crash the process through an unhandled 'error'.
  client.on('error', () => undefined);
  let versionNum: number;
  try {
    await client.connect();
    const { rows } = await client.query<{ server_version_num: string }>('show server_version_num');
    versionNum = Number(rows[0]?.server_version_num);
  } catch (error) {
    throw new CoreError(
      'UNAVAILABLE',
      `The team database ${redactUrl(url)} did not answer: ${reasonOf(error)}. Check the host, port, database name, user and password (ask whoever runs it), then connect again.`,
      { reason: 'unreachable' },
    );
  } finally {
    await client.end().catch(() => undefined);
  }
  if (!(versionNum >= MIN_VERSION_NUM)) {
    throw new CoreError(
      'BAD_INPUT',
      `The team database ${redactUrl(url)} runs PostgreSQL ${Math.floor(versionNum / 10_000)}; DRM needs 14 or newer.`,
      {
        reason: 'version',
      },
    );
  }
}

/** What `GET /auth/me` of a team server answers (server/team/auth-routes.ts). */
function isTeamServerAnswer(body: unknown): boolean {
  const value = (body as { ok?: unknown; value?: { mode?: unknown } } | null)?.value;
  return (body as { ok?: unknown } | null)?.ok === true && value?.mode === 'team';
}

export async function probeTeamServer(origin: string): Promise<void> {
  let response: Response;
  try {
    // No redirects: the window is handed to exactly the origin the user typed.
    response = await fetch(new URL('/auth/me', origin), { redirect: 'manual', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
  } catch (error) {
    throw new CoreError(
      'UNAVAILABLE',
      `The team server ${origin} did not answer: ${reasonOf(error)}. Check the address (and that the server runs: \`drm serve --team\`), then connect again.`,
      { reason: 'unreachable' },
    );
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok || !isTeamServerAnswer(body)) {
    throw new CoreError(
      'BAD_INPUT',
      `${origin} answered, but not as a DRM team server (GET /auth/me gave HTTP ${response.status}). Check the address: it is the one \`drm serve --team\` runs on, or its proxy's.`,
      { reason: 'not-a-team-server' },
    );
  }
}
