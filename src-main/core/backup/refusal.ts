import type { ApiErrorCode } from '../../../src-shared/contract/common';
import type { SqlClient } from '../db/db';
import { CoreError } from '../errors';

/**
 * Why a backup or restore was refused before it changed anything. The CLI
 * exits 2 for these (a refusal the user can act on), the app shows the message.
 */
export type BackupRefusalReason =
  | 'foreign'
  | 'truncated'
  | 'damaged'
  | 'newer-format'
  | 'newer-migrations'
  | 'mismatch'
  | 'has-data'
  | 'busy'
  | 'not-found'
  | 'bad-id'
  | 'no-folder-picker'
  | 'missing-folder'
  | 'multi-tenant';

const CODES: Record<BackupRefusalReason, ApiErrorCode> = {
  foreign: 'BAD_INPUT',
  truncated: 'BAD_INPUT',
  damaged: 'BAD_INPUT',
  'newer-format': 'BAD_INPUT',
  'newer-migrations': 'BAD_INPUT',
  mismatch: 'BAD_INPUT',
  'has-data': 'CONFLICT',
  busy: 'CONFLICT',
  'not-found': 'NOT_FOUND',
  'bad-id': 'BAD_INPUT',
  'no-folder-picker': 'UNAVAILABLE',
  'missing-folder': 'UNAVAILABLE',
  'multi-tenant': 'CONFLICT',
};

export class BackupRefusal extends CoreError {
  constructor(
    readonly reason: BackupRefusalReason,
    message: string,
  ) {
    super(CODES[reason], message, { reason });
    this.name = 'BackupRefusal';
  }
}

/**
 * A backup holds a whole database and a restore replaces one: on a database
 * shared by several tenants, either would cross them (README "Tenants and
 * row-level security"). Refused until backups are made per tenant, on an
 * external database: the app's own data folder is one person's, whatever
 * tenants it holds, and is backed up and restored whole (service.ts), as is
 * any database by the start's own backup before a migration
 * (pre-migration.ts). Runs on the owner's connection, which sees every
 * tenant.
 */
export async function refuseSharedDatabase(client: SqlClient, what: 'back up' | 'restore into'): Promise<void> {
  const present = await client.query<{ ok: boolean }>("select to_regclass('public.tenants') is not null as ok");
  if (!present.rows[0]?.ok) return;
  const { rows } = await client.query<{ n: number }>('select count(*)::int as n from public.tenants');
  if (rows[0]!.n > 1) {
    throw new BackupRefusal(
      'multi-tenant',
      `Cannot ${what} this database: it holds ${rows[0]!.n} tenants, and a backup holds a whole database. ` +
        "Back up a shared database with your PostgreSQL provider's own tools (e.g. pg_dump) instead.",
    );
  }
}
