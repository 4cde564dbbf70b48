/**
 * The local user (README "Who did what"): on the desktop, the CLI and plain
 * `drm serve`, the OS account that runs the app is the one person who acts,
 * and one `users` row per tenant stands for it, so that the audit columns
 * (`merged_by`, `created_by`) are filled there too.
 *
 * The spec's `users.email` is NOT NULL and unique per tenant, and an OS
 * account has no email: the row's is `<username>@localhost`. `localhost` is
 * a reserved name (RFC 6761) that no mailbox a team member signs in with can
 * have, and the same account gives the same address on every start. The row
 * has `auth_provider = 'local'` and no password hash: nobody can sign in as it.
 */
import { userInfo } from 'node:os';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/db';
import { users } from '../db/schema';

/** `users.auth_provider` of the OS account's row. */
export const LOCAL_AUTH_PROVIDER = 'local';

/** The OS account's name; the environment's when the system has no entry for the process's uid (some containers). */
export function osUsername(): string {
  try {
    const name = userInfo().username.trim();
    if (name !== '') return name;
  } catch {
    // No passwd entry for this uid: fall through to the environment.
  }
  return (process.env.USER ?? process.env.USERNAME ?? '').trim() || 'user';
}

const KEPT = /[A-Za-z0-9_+-]/;

/**
 * `<username>@localhost`, with the name made a valid local part that two
 * different names never share: letters, digits, `_`, `+`, `-` and inner
 * single dots stay as they are, anything else (spaces, `@`, non-ASCII, a
 * leading or doubled dot, `%` itself) becomes `%XX` of its UTF-8 bytes.
 */
export function localEmail(username: string): string {
  const chars = [...username];
  const part = chars
    .map((ch, i) => {
      if (KEPT.test(ch)) return ch;
      if (ch === '.' && i > 0 && i < chars.length - 1 && chars[i - 1] !== '.') return ch;
      return [...Buffer.from(ch, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
    })
    .join('');
  return `${part}@localhost`;
}

/**
 * The tenant's row for `username`, created the first time. Race-safe: two
 * processes starting at once both insert with ON CONFLICT DO NOTHING on the
 * (tenant, email) unique key; the loser waits for the winner's commit and
 * then reads its row, so there is one.
 */
export async function ensureLocalUser(db: Db, tenant: string, username = osUsername()): Promise<string> {
  const email = localEmail(username);
  const [created] = await db
    .insert(users)
    .values({ tenantId: tenant, email, displayName: username, authProvider: LOCAL_AUTH_PROVIDER, passwordHash: null })
    .onConflictDoNothing({ target: [users.tenantId, users.email] })
    .returning({ userId: users.userId });
  if (created) return created.userId;
  const [found] = await db
    .select({ userId: users.userId })
    .from(users)
    .where(and(eq(users.tenantId, tenant), eq(users.email, email)));
  if (!found) throw new Error(`The local user ${email} of tenant ${tenant} was neither created nor found`);
  return found.userId;
}
