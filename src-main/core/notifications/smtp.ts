/**
 * The tenant's SMTP server, in `system_settings.smtp_settings` (one row per
 * tenant, made on the first save). The password is stored as given (the
 * database is the app's own, like the webhook secrets) and only the sender
 * reads it: a client is told `hasPassword`.
 */
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { saveSmtpInput, SmtpSettings } from '../../../src-shared/contract/notifications';
import type { Db } from '../db/db';
import { systemSettings } from '../db/schema';

export interface StoredSmtp {
  host: string;
  port: number;
  security: SmtpSettings['security'];
  username: string;
  password: string;
  from: string;
}

const EMPTY: StoredSmtp = { host: '', port: 587, security: 'starttls', username: '', password: '', from: '' };

/** The stored settings, for the sender only; null when none were saved. */
export async function readSmtp(db: Db, tenant: string): Promise<StoredSmtp | null> {
  const [row] = await db.select({ smtp: systemSettings.smtpSettings }).from(systemSettings).where(eq(systemSettings.tenantId, tenant));
  if (!row?.smtp) return null;
  return { ...EMPTY, ...(row.smtp as Partial<StoredSmtp>) };
}

export function smtpView(stored: StoredSmtp | null): SmtpSettings {
  const { password, ...rest } = stored ?? EMPTY;
  return { ...rest, hasPassword: password !== '' };
}

export async function saveSmtp(db: Db, tenant: string, input: z.output<typeof saveSmtpInput>): Promise<SmtpSettings> {
  const current = await readSmtp(db, tenant);
  const { password, ...fields } = input;
  const stored: StoredSmtp = { ...fields, password: password ?? current?.password ?? '' };
  await db
    .insert(systemSettings)
    .values({ tenantId: tenant, smtpSettings: stored })
    .onConflictDoUpdate({ target: systemSettings.tenantId, set: { smtpSettings: stored, updatedAt: sql`now()` } });
  return smtpView(stored);
}
