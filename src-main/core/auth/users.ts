/**
 * The accounts of a tenant that sign in to the team server (`drm users`):
 * email and password only (`auth_provider` = `password`), no roles (the
 * spec: every user of a tenant can do everything in it). A new account, and
 * a reset, get a generated password shown once; only its argon2id hash is
 * kept. Disabling an account, or resetting its password, ends its sessions.
 * Someone signed in may change their own password (`POST /auth/password`):
 * their other sessions end, the one they changed it from stays.
 */
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/db';
import { users } from '../db/schema';
import { userSessions } from '../db/schema-app';
import { inTransaction } from '../db/transaction';
import { LOCAL_AUTH_PROVIDER } from '../audit/local-user';
import { CoreError } from '../errors';
import { hashPassword, newOneTimePassword } from './passwords';

export interface UserSummary {
  userId: string;
  email: string;
  displayName: string | null;
  disabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

function summary(row: typeof users.$inferSelect): UserSummary {
  return {
    userId: row.userId,
    email: row.email,
    displayName: row.displayName,
    disabled: row.disabled,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * The tenant's sign-in accounts. The OS accounts the desktop and the CLI act
 * as (audit/local-user.ts) are users rows too, for the audit columns, but no
 * one signs in as them: `drm users` neither lists nor manages them.
 */
const SIGN_IN_ACCOUNT = sql`${users.authProvider} is distinct from ${LOCAL_AUTH_PROVIDER}`;

export async function listUsers(db: Db, tenant: string): Promise<UserSummary[]> {
  const rows = await db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenant), SIGN_IN_ACCOUNT))
    .orderBy(asc(users.email));
  return rows.map(summary);
}

export async function findUser(db: Db, tenant: string, email: string): Promise<UserSummary> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenant), sql`${users.email} = ${email}::citext`, SIGN_IN_ACCOUNT));
  if (!row) throw new CoreError('NOT_FOUND', `No user ${email} in tenant "${tenant}" (drm users list shows them).`, { email, tenant });
  return summary(row);
}

/** Adds an account; its generated password is in the answer and nowhere else. */
export async function addUser(
  db: Db,
  tenant: string,
  email: string,
  displayName?: string,
): Promise<{ user: UserSummary; password: string }> {
  if (!EMAIL.test(email)) throw new CoreError('BAD_INPUT', `"${email}" is not an email address.`, { email });
  const password = newOneTimePassword();
  const passwordHash = await hashPassword(password);
  const [row] = await db
    .insert(users)
    .values({ tenantId: tenant, email, displayName: displayName ?? null, passwordHash, authProvider: 'password' })
    .onConflictDoNothing()
    .returning();
  if (!row)
    throw new CoreError(
      'CONFLICT',
      `${email} has an account in tenant "${tenant}" already; drm users reset-password gives it a new password.`,
      {
        email,
        tenant,
      },
    );
  return { user: summary(row), password };
}

async function update(db: Db, tenant: string, email: string, set: Partial<typeof users.$inferInsert>): Promise<UserSummary> {
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ ...set, updatedAt: sql`now()` })
      .where(and(eq(users.tenantId, tenant), sql`${users.email} = ${email}::citext`))
      .returning();
    if (!row) throw new CoreError('NOT_FOUND', `No user ${email} in tenant "${tenant}" (drm users list shows them).`, { email, tenant });
    // Whoever held a session of this account before the change holds none now.
    if (set.disabled === true || set.passwordHash !== undefined) await tx.delete(userSessions).where(eq(userSessions.userId, row.userId));
    return summary(row);
  });
}

export const setUserDisabled = (db: Db, tenant: string, email: string, disabled: boolean) => update(db, tenant, email, { disabled });

export async function resetPassword(db: Db, tenant: string, email: string): Promise<{ user: UserSummary; password: string }> {
  const password = newOneTimePassword();
  const user = await update(db, tenant, email, { passwordHash: await hashPassword(password), authProvider: 'password' });
  return { user, password };
}

/** The stored hash of a signed-in user (null: none, or no such user in `tenant`). */
export async function passwordHashOf(db: Db, tenant: string, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(and(eq(users.tenantId, tenant), eq(users.userId, userId)));
  return row?.passwordHash ?? null;
}

/**
 * A signed-in user's new password (the caller has checked the current one,
 * whose hash is `previousHash`): stored as argon2id, and every session of the
 * account but `keepSessionId` ends, in one transaction. Undefined when the
 * hash is no longer `previousHash` (reset or changed meanwhile): nothing changed.
 */
export async function changeOwnPassword(
  db: Db,
  who: { tenantId: string; userId: string },
  previousHash: string,
  newPassword: string,
  keepSessionId: string,
): Promise<{ endedSessions: number } | undefined> {
  const passwordHash = await hashPassword(newPassword);
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ passwordHash, authProvider: 'password', updatedAt: sql`now()` })
      .where(and(eq(users.tenantId, who.tenantId), eq(users.userId, who.userId), eq(users.passwordHash, previousHash)))
      .returning({ userId: users.userId });
    if (!row) return undefined;
    const ended = await tx
      .delete(userSessions)
      .where(and(eq(userSessions.userId, who.userId), ne(userSessions.sessionId, keepSessionId)))
      .returning({ sessionId: userSessions.sessionId });
    return { endedSessions: ended.length };
  });
}
