/**
 * What every `drm` command shares: where the data is (`--data-dir`,
 * `--database-url`, `DATABASE_URL`, else the desktop app's own folder),
 * starting the core there, and stopping it on the way out, Ctrl-C included.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DataDirInUseError } from '../core/db/postgres';
import { startCore } from '../core/index';
import { defaultUserDataDir } from '../core/paths';
import type { Core, StartCoreOptions } from '../core/types';

export class UsageError extends Error {}

/**
 * A refusal the user can act on — the input was rejected, the target is in
 * use or full, a backup file is damaged — as opposed to a crash of ours.
 * Exits 2, like a usage error; anything else that escapes a command exits 1.
 */
export class Refusal extends Error {}

/** The options every command takes to say where the data is. */
export const targetOptions = {
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
  tenant: { type: 'string' },
} as const;

/** Strict parsing of a command's arguments; anything unknown or malformed is a usage error (exit 2). */
export function parseOptions<const O extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: O,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function resolveTarget(
  values: { 'data-dir'?: string; 'database-url'?: string; tenant?: string },
  env = process.env,
): StartCoreOptions {
  const dataDir = values['data-dir'];
  const tenant = values.tenant ?? (env.DRM_TENANT || undefined);
  const databaseUrl = values['database-url'] ?? (dataDir === undefined ? env.DATABASE_URL : undefined);
  if (dataDir !== undefined && values['database-url'] !== undefined) {
    throw new UsageError('Give either --data-dir or --database-url, not both');
  }
  if (databaseUrl) return { databaseUrl, tenant };
  return { dataDir: dataDir ?? defaultUserDataDir(), tenant };
}

/**
 * Runs `body` with a started core and always stops it, also on SIGINT/SIGTERM
 * (then exits 130/143) — unless `signals: 'body'`: a long-running body (the
 * team server, whose tenants' cores must stop too) waits for the signal
 * itself and returns. `start` is the core's: `drm serve` gives the one that
 * can move to a team's data (team-client/switcher.ts).
 */
export async function withCore<T>(
  options: StartCoreOptions,
  body: (core: Core) => Promise<T>,
  handling: { signals?: 'exit' | 'body'; start?: (options: StartCoreOptions) => Promise<Core> } = {},
): Promise<T> {
  let core: Core;
  const start = handling.start ?? startCore;
  try {
    // What the start did to the data folder (say, passwords reset) is said on stderr, never mixed into --json output.
    core = await start({ onNotice: (message) => process.stderr.write(`drm: ${message}\n`), ...options });
  } catch (error) {
    // Another app or command owns the data folder: the user can act on that (exit 2), it is no crash.
    if (error instanceof DataDirInUseError) throw new Refusal(error.message);
    throw error;
  }
  const onSignal = (signal: NodeJS.Signals) => {
    void core.stop().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  const exitOnSignal = handling.signals !== 'body';
  if (exitOnSignal) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  try {
    return await body(core);
  } finally {
    if (exitOnSignal) {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
    await core.stop();
  }
}

/** Answers of the core that refuse the request (exit 2), as opposed to failing it (exit 1). */
const REFUSALS = new Set(['BAD_INPUT', 'NOT_FOUND', 'CONFLICT']);

/**
 * Unwraps a handler's `ApiResult`. An error becomes a Refusal (exit 2) when
 * the request was refused — bad input, not found, a conflict, a full disk —
 * and a plain Error (exit 1) otherwise: the database stopped, or a bug.
 */
export function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string; details?: unknown } }): T {
  if (result.ok) return result.value;
  const { code, message, details } = result.error;
  const diskFull = code === 'UNAVAILABLE' && (details as { reason?: unknown } | undefined)?.reason === 'disk-full';
  if (REFUSALS.has(code) || diskFull) throw new Refusal(`${code}: ${message}`);
  throw new Error(`${code}: ${message}`);
}
