/**
 * Sign-in sessions of the team server (`drm serve --team`, core/auth/): one
 * row per signed-in browser. Only the SHA-256 of the cookie's random token is
 * kept, so a copy of the database signs nobody in. A session ends at
 * `expires_at` (absolute) or after a spell without use (`last_seen_at`, the
 * idle limit is the server's), or when its user signs out.
 */
import { index, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { tenants, users } from '../schema/admin';
import { appSchema } from './app';

export const userSessions = appSchema.table(
  'user_sessions',
  {
    sessionId: uuid('session_id')
      .primaryKey()
      .default(sql`uuid_generate_v4()`),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.tenantId, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.userId, { onDelete: 'cascade' }),
    /** SHA-256 (hex) of the cookie's token. */
    tokenHash: text('token_hash').notNull().unique('user_sessions_token_hash_unique'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('idx_user_sessions_user').on(t.userId)],
);
