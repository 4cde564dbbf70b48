/**
 * Reading an audit column back as the contract's `AuditUser`: the history
 * and lists left-join `users` on it. The join runs under the session's
 * tenant (row-level security), so another tenant's user is never shown: a
 * row that names one reads as unknown, like a row recorded before the app
 * recorded who acted (null).
 */
import { and, eq, type Column } from 'drizzle-orm';
import type { AuditUser } from '../../../src-shared/contract/common';
import { users } from '../db/schema';

/** The columns a select adds for the user of an audit column (with `joinUser`). */
export const WHO_COLUMNS = { whoId: users.userId, whoName: users.displayName, whoEmail: users.email };

/** The left join's condition: the audit column's user, in the row's own tenant. */
export const joinUser = (column: Column, tenantColumn: Column) => and(eq(users.userId, column), eq(users.tenantId, tenantColumn));

export interface WhoRow {
  whoId: string | null;
  whoName: string | null;
  whoEmail: string | null;
}

export function auditUserOf(row: WhoRow): AuditUser | null {
  if (row.whoId === null || row.whoEmail === null) return null;
  return { userId: row.whoId, displayName: row.whoName, email: row.whoEmail };
}
