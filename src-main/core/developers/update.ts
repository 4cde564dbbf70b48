/**
 * The profile's editable fields: tags, the analytics consent, the display
 * name, the primary email (folded as imports fold it, and an email
 * identifier of the developer) and the organization (by name: an existing
 * one, matched ignoring case, else a new one). Other fields come from imports and
 * merges. The derived tables follow in the same transaction: the search row
 * always, and, when the consent changes, the per-day counts by the
 * developer's activities (they leave or join the analytics; derived/counted.ts).
 */
import { and, eq, sql } from 'drizzle-orm';
import { COUNTING_UNCHANGED, snapshotCounted } from '../derived/counted';
import { refreshDerived } from '../derived/refresh';
import { CoreError } from '../errors';
import { inTransaction } from '../db/transaction';
import { isUniqueViolation } from '../db/pg-errors';
import { findDeveloperByEmail } from './profile';
import { developerIdentifiers, developers, organizations } from '../db/schema';
import { emailKey } from '../identity/normalise';
import type { Db } from '../db/db';

export interface DeveloperUpdate {
  developerId: string;
  tags?: string[];
  consentAnalytics?: boolean;
  displayName?: string;
  /** '' clears it. */
  primaryEmail?: string;
  /** An organization's name; '' clears it. */
  organization?: string;
}

/** The organization named `name` (ignoring case), created when there is none. */
async function organizationNamed(db: Db, tenant: string, name: string): Promise<string> {
  const find = () =>
    db
      .select({ orgId: organizations.orgId })
      .from(organizations)
      .where(and(eq(organizations.tenantId, tenant), sql`lower(${organizations.name}) = lower(${name})`))
      .orderBy(sql`${organizations.name} <> ${name}`, organizations.name)
      .limit(1);
  const [found] = await find();
  if (found) return found.orgId;
  const [created] = await db
    .insert(organizations)
    .values({ tenantId: tenant, name })
    .onConflictDoNothing()
    .returning({ orgId: organizations.orgId });
  return created?.orgId ?? (await find())[0]!.orgId;
}

function emailTaken(email: string): CoreError {
  return new CoreError('CONFLICT', `Another developer already has the email ${email}: if they are the same person, merge the two instead`, {
    field: 'primaryEmail',
    email,
  });
}

/**
 * A new primary email is an email identifier of the developer too (as an
 * import would make it), so that search, imports and `drm developer show`
 * find them by it; one another developer holds is refused.
 */
async function claimEmail(db: Db, tenant: string, developerId: string, email: string): Promise<void> {
  const owner = await findDeveloperByEmail(db, tenant, email);
  if (owner !== null && owner !== developerId) throw emailTaken(email);
  await db
    .insert(developerIdentifiers)
    .values({ tenantId: tenant, developerId, kind: 'email', valueNormalized: email, firstSeen: sql`now()` })
    .onConflictDoNothing();
}

/** Applies the given fields; false when there was nothing to change. NOT_FOUND for an unknown developer. */
export async function updateDeveloper(db: Db, tenant: string, update: DeveloperUpdate): Promise<boolean> {
  const set: Partial<typeof developers.$inferInsert> = {};
  if (update.tags !== undefined) {
    // Duplicates go, the user's order stays; no tags is stored as null, like an import does.
    const tags = [...new Set(update.tags)];
    set.tags = tags.length > 0 ? tags : null;
  }
  if (update.consentAnalytics !== undefined) set.consentAnalytics = update.consentAnalytics;
  if (update.displayName !== undefined) set.displayName = update.displayName === '' ? null : update.displayName;
  const email = update.primaryEmail === undefined || update.primaryEmail === '' ? null : emailKey(update.primaryEmail);
  if (update.primaryEmail !== undefined) set.primaryEmail = email;
  const thisDeveloper = and(eq(developers.tenantId, tenant), eq(developers.developerId, update.developerId));
  return inTransaction(db, async (tx) => {
    const [row] = await tx.select({ consentAnalytics: developers.consentAnalytics }).from(developers).where(thisDeveloper).for('update');
    if (!row) throw new CoreError('NOT_FOUND', `No developer ${update.developerId}`, { developerId: update.developerId });
    if (update.organization !== undefined) {
      set.orgId = update.organization === '' ? null : await organizationNamed(tx, tenant, update.organization);
    }
    if (Object.keys(set).length === 0) return false;
    const consentChanged = update.consentAnalytics !== undefined && update.consentAnalytics !== row.consentAnalytics;
    const counted = consentChanged ? await snapshotCounted(tx, tenant, [update.developerId]) : COUNTING_UNCHANGED;
    if (email !== null) await claimEmail(tx, tenant, update.developerId, email);
    try {
      await tx
        .update(developers)
        .set({ ...set, updatedAt: sql`now()` })
        .where(thisDeveloper);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw emailTaken(email ?? '');
    }
    await refreshDerived(tx, tenant, { developers: [update.developerId], span: null, counted });
    return true;
  });
}
