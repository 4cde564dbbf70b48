/**
 * Sign-up forms of a tenant: create, edit, list, delete with undo. The form
 * key is random and unique across tenants (the URL carries no tenant), from
 * the same alphabet as generated short-link keys, but longer: it is public,
 * and guessing one only lets someone post to a form.
 */
import { randomInt } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { IngestForm } from '../../../src-shared/contract/forms';
import type { Db } from '../db/db';
import { campaigns } from '../db/schema';
import { ingestForms } from '../db/schema-app';
import { CoreError } from '../errors';
import { createUndoStore, type UndoStore } from '../undo-store';

export type FormRow = typeof ingestForms.$inferSelect;
export type FormUndoStore = UndoStore<FormRow>;
export const createFormUndoStore = (): FormUndoStore => createUndoStore<FormRow>();

const ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
export const newFormKey = () => Array.from({ length: 20 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

export const formPath = (formKey: string) => `/api/v1/forms/${formKey}`;

function selectForms(db: Db, tenant: string, formKey?: string) {
  return db
    .select({ form: ingestForms, campaignName: campaigns.name })
    .from(ingestForms)
    .leftJoin(campaigns, eq(campaigns.campaignId, ingestForms.campaignId))
    .where(and(eq(ingestForms.tenantId, tenant), formKey === undefined ? undefined : eq(ingestForms.formKey, formKey)));
}

function shape({ form, campaignName }: { form: FormRow; campaignName: string | null }): IngestForm {
  return {
    formKey: form.formKey,
    name: form.name,
    allowedOrigins: form.allowedOrigins,
    honeypotField: form.honeypotField,
    action: form.action,
    campaignId: form.campaignId,
    campaignName,
    enabled: form.enabled,
    path: formPath(form.formKey),
    createdAt: form.createdAt.toISOString(),
    updatedAt: form.updatedAt.toISOString(),
  };
}

export async function listForms(db: Db, tenant: string): Promise<IngestForm[]> {
  return (await selectForms(db, tenant).orderBy(ingestForms.name, ingestForms.formKey)).map(shape);
}

export async function getForm(db: Db, tenant: string, formKey: string): Promise<IngestForm> {
  const [row] = await selectForms(db, tenant, formKey);
  if (!row) throw new CoreError('NOT_FOUND', `No form ${formKey}; it may have been deleted`, { formKey });
  return shape(row);
}

/** A campaign of this tenant, or a NOT_FOUND naming the field. */
async function checkCampaign(db: Db, tenant: string, campaignId: string | null | undefined): Promise<void> {
  if (!campaignId) return;
  const [found] = await db
    .select({ id: campaigns.campaignId })
    .from(campaigns)
    .where(and(eq(campaigns.tenantId, tenant), eq(campaigns.campaignId, campaignId)));
  if (!found) throw new CoreError('NOT_FOUND', `campaignId: no campaign ${campaignId}; pick an existing campaign`, { campaignId });
}

/** The name a form's campaign has now (the import names campaigns by name); undefined when it is gone. */
export async function campaignName(db: Db, tenant: string, campaignId: string): Promise<string | undefined> {
  const [found] = await db
    .select({ name: campaigns.name })
    .from(campaigns)
    .where(and(eq(campaigns.tenantId, tenant), eq(campaigns.campaignId, campaignId)));
  return found?.name;
}

export interface FormFields {
  name?: string;
  allowedOrigins?: string[];
  honeypotField?: string | null;
  action?: string;
  campaignId?: string | null;
  enabled?: boolean;
}

export async function createForm(db: Db, tenant: string, fields: FormFields & { name: string }): Promise<string> {
  await checkCampaign(db, tenant, fields.campaignId);
  const formKey = newFormKey();
  await db.insert(ingestForms).values({ ...fields, formKey, tenantId: tenant, allowedOrigins: [...new Set(fields.allowedOrigins ?? [])] });
  return formKey;
}

export async function updateForm(db: Db, tenant: string, formKey: string, fields: FormFields): Promise<void> {
  await getForm(db, tenant, formKey);
  await checkCampaign(db, tenant, fields.campaignId);
  const set = { ...fields, ...(fields.allowedOrigins ? { allowedOrigins: [...new Set(fields.allowedOrigins)] } : {}) };
  await db
    .update(ingestForms)
    .set({ ...set, updatedAt: sql`now()` })
    .where(and(eq(ingestForms.tenantId, tenant), eq(ingestForms.formKey, formKey)));
}

export async function deleteForm(db: Db, store: FormUndoStore, tenant: string, formKey: string) {
  const [row] = await db
    .delete(ingestForms)
    .where(and(eq(ingestForms.tenantId, tenant), eq(ingestForms.formKey, formKey)))
    .returning();
  if (!row) throw new CoreError('NOT_FOUND', `No form ${formKey}; it may have been deleted already`, { formKey });
  return { undoToken: store.put(row), name: row.name };
}

/** Puts a deleted form back, key included (snippets on the site keep working); returns its key. */
export async function restoreForm(db: Db, store: FormUndoStore, tenant: string, token: string): Promise<string> {
  const row = store.get(token);
  if (!row || row.tenantId !== tenant)
    throw new CoreError('NOT_FOUND', 'Nothing to undo: the undo expired (after 10 minutes), was already used, or the app was restarted');
  const [campaign] = row.campaignId
    ? await db
        .select({ id: campaigns.campaignId })
        .from(campaigns)
        .where(and(eq(campaigns.tenantId, tenant), eq(campaigns.campaignId, row.campaignId)))
    : [];
  await db.insert(ingestForms).values({ ...row, campaignId: campaign?.id ?? null });
  store.drop(token);
  return row.formKey;
}
