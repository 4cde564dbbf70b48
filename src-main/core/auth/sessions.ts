/**
 * Sign-in sessions (app.user_sessions, migration 0010): the cookie holds 32
 * random bytes, the row only their SHA-256. A session is found by that hash
 * before its tenant is known (0010's SECURITY DEFINER function); everything
 * after (touching, ending, reading the user) runs on the tenant's own
 * connections, under row-level security.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/db';
import { users } from '../db/schema';
import { userSessions } from '../db/schema-app';

export interface SessionLimits {
  /** A session ends this long after sign-in, used or not. */
  absoluteMs: number;
  /** …or this long after its last request. */
  idleMs: number;
}

/** A working day without signing in again, a week at most (README "Team mode"). */
export const DEFAULT_SESSION_LIMITS: SessionLimits = { absoluteMs: 7 * 24 * 3600_000, idleMs: 12 * 3600_000 };

/** `last_seen_at` is written at most this often per session: a request does not become a write. */
const TOUCH_INTERVAL_MS = 60_000;

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export interface SessionRow {
  sessionId: string;
  tenantId: string;
  userId: string;
  lastSeenAt: Date;
  expiresAt: Date;
}

/** The session of a cookie's token, in whichever tenant holds it (unchecked for expiry). */
export async function sessionByToken(db: Db, token: string): Promise<SessionRow | undefined> {
  if (!TOKEN_SHAPE.test(token)) return undefined;
  const { rows } = await db.$client.query<{ session_id: string; tenant_id: string; user_id: string; last_seen_at: Date; expires_at: Date }>(
    'select * from app.user_session_by_hash($1)',
    [hashToken(token)],
  );
  const r = rows[0];
  return r && { sessionId: r.session_id, tenantId: r.tenant_id, userId: r.user_id, lastSeenAt: r.last_seen_at, expiresAt: r.expires_at };
}

export const isExpired = (s: SessionRow, limits: SessionLimits, now = Date.now()) =>
  s.expiresAt.getTime() <= now || s.lastSeenAt.getTime() + limits.idleMs <= now;

/** Starts a session for `userId` (a sign-in): the token to set in the cookie. */
export async function createSession(db: Db, tenant: string, userId: string, limits: SessionLimits): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.insert(userSessions).values({
    tenantId: tenant,
    userId,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + limits.absoluteMs),
  });
  return token;
}

export async function endSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(userSessions).where(eq(userSessions.sessionId, sessionId));
}

/** Records use of a session, at most once a minute. */
export async function touchSession(db: Db, session: SessionRow): Promise<void> {
  if (Date.now() - session.lastSeenAt.getTime() < TOUCH_INTERVAL_MS) return;
  await db
    .update(userSessions)
    .set({ lastSeenAt: sql`now()` })
    .where(eq(userSessions.sessionId, session.sessionId));
}

export interface SignedInUser {
  userId: string;
  tenantId: string;
  email: string;
  displayName: string | null;
}

/** A session's user if the account is still enabled (disabling takes effect at the next request). */
export async function sessionUser(db: Db, session: Pick<SessionRow, 'tenantId' | 'userId'>): Promise<SignedInUser | undefined> {
  const [row] = await db
    .select({ userId: users.userId, tenantId: users.tenantId, email: users.email, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.userId, session.userId), eq(users.tenantId, session.tenantId), eq(users.disabled, false)));
  return row;
}

/** Sign-in succeeded: `last_login_at` and the provider recorded. */
export async function recordLogin(db: Db, userId: string): Promise<void> {
  await db
    .update(users)
    .set({ lastLoginAt: sql`now()`, authProvider: 'password', updatedAt: sql`now()` })
    .where(eq(users.userId, userId));
}
