/**
 * Who a call acts as, for the audit columns (`developer_merge_logs.merged_by`,
 * `import_jobs.created_by`, `api_keys.created_by`): the caller's own user when
 * the shell signed one in (`Caller.userId`, team server), else the session's
 * local user (the OS account; local-user.ts), else nobody (null: a team
 * server's session has no local user).
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/db';
import { users } from '../db/schema';
import { CoreError } from '../errors';
import type { Caller } from '../handlers';

export type ActorOf = (caller: Caller) => Promise<string | null>;

/** For handler maps built without a session (tests of one domain): nobody is recorded. */
export const NOBODY: ActorOf = async () => null;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The actor of a session of `tenant`. A caller's user must be one of the
 * tenant's: the column's foreign key alone would accept another tenant's id
 * (foreign keys are checked past row-level security), and the history could
 * then never show who it was.
 */
export function actorResolver(db: Db, tenant: string, localUserId: string | null): ActorOf {
  return async (caller) => {
    if (caller.userId === undefined) return localUserId;
    const [found] = UUID.test(caller.userId)
      ? await db
          .select({ userId: users.userId })
          .from(users)
          .where(and(eq(users.tenantId, tenant), eq(users.userId, caller.userId)))
      : [];
    if (!found) {
      throw new CoreError('NOT_FOUND', `No user ${caller.userId} in workspace "${tenant}"; sign in again`, { userId: caller.userId });
    }
    return found.userId;
  };
}
