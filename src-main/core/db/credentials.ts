/**
 * The cluster's two passwords (superuser `postgres`, app role `drm`), kept in
 * `<dataDir>/credentials.json` (0600, written atomically) and never a dead
 * end: the app owns its cluster, so when the file is lost, emptied, damaged or
 * stale, new passwords are written first and then set inside PostgreSQL in
 * single-user mode (no network, no pg_hba, the server stopped), and the log
 * says so. No data is touched; initdb never runs over an existing cluster.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../files/atomic-write';
import { spawnIds, type RunAs } from './os-user';
import { runToEnd } from './processes';

const credentialsSchema = z.object({
  superuserPassword: z.string().min(1),
  appPassword: z.string().min(1),
});
export type Credentials = z.infer<typeof credentialsSchema>;

export const credentialsFile = (dataDir: string) => join(dataDir, 'credentials.json');

/** Either the stored passwords or why there are none that can be used. */
export type StoredCredentials = { ok: true; credentials: Credentials } | { ok: false; problem: string };

export function readCredentials(dataDir: string): StoredCredentials {
  const file = credentialsFile(dataDir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
    // Keep the secret ours even if someone loosened the file's mode.
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, problem: 'is missing' };
    return { ok: false, problem: `cannot be read (${(error as Error).message})` };
  }
  if (text.trim() === '') return { ok: false, problem: 'is empty' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'is not valid JSON' };
  }
  const parsed = credentialsSchema.safeParse(json);
  if (!parsed.success) return { ok: false, problem: 'does not hold the two passwords' };
  return { ok: true, credentials: parsed.data };
}

/** Random base64url passwords: safe to put in SQL literals and URLs as they are. */
export function newCredentials(): Credentials {
  const secret = () => randomBytes(24).toString('base64url');
  return { superuserPassword: secret(), appPassword: secret() };
}

export function saveCredentials(dataDir: string, credentials: Credentials): void {
  writeFileAtomic(credentialsFile(dataDir), `${JSON.stringify(credentials, null, 2)}\n`, 0o600);
}

/**
 * Sets both roles' passwords in single-user mode. The server must be stopped
 * (single-user mode takes the same postmaster.pid lock, so it refuses to run
 * beside a live server). Statements are not logged, even when they fail,
 * so the passwords never reach postgres.log.
 */
export async function resetPasswords(bin: string, pgdata: string, credentials: Credentials, runAs: RunAs | undefined): Promise<string[]> {
  const { superuserPassword, appPassword } = credentials;
  for (const password of [superuserPassword, appPassword]) {
    if (!/^[A-Za-z0-9_-]+$/.test(password)) throw new Error('Refusing to reset to a password that is not a generated one');
  }
  // Single-user mode ends a statement at each newline; the app role may not exist yet (a start that died before creating it).
  const input =
    `ALTER ROLE postgres PASSWORD '${superuserPassword}';\n` +
    `DO $$ BEGIN IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'drm') THEN ALTER ROLE drm PASSWORD '${appPassword}'; END IF; END $$;\n`;
  const result = await runToEnd(
    join(bin, 'postgres'),
    ['--single', '-D', pgdata, '-c', 'exit_on_error=on', '-c', 'log_min_error_statement=panic', 'postgres'],
    { ...spawnIds(runAs), env: { ...process.env, LC_MESSAGES: 'C' }, input },
  );
  const output = result.stderr.split('\n').filter((line) => line.trim() !== '');
  if (result.status !== 0) {
    throw new Error(
      `Resetting the database passwords in single-user mode failed (exit ${result.status ?? result.signal}): ${output.slice(-5).join(' | ')}`,
    );
  }
  return output;
}

/**
 * True when `password` matches a SCRAM-SHA-256 verifier from pg_authid
 * (RFC 5802 StoredKey), so a start can check the app role's password
 * without a second connection. Our passwords are ASCII, which SASLprep keeps as is.
 */
export function scramMatches(verifier: string | null | undefined, password: string): boolean {
  const match = /^SCRAM-SHA-256\$(\d+):([^$]+)\$([^:]+):.+$/.exec(verifier ?? '');
  if (!match) return false;
  const [, iterations, salt, storedKey] = match as unknown as [string, string, string, string];
  const salted = pbkdf2Sync(password, Buffer.from(salt, 'base64'), Number(iterations), 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const computed = createHash('sha256').update(clientKey).digest();
  const stored = Buffer.from(storedKey, 'base64');
  return stored.length === computed.length && timingSafeEqual(stored, computed);
}
