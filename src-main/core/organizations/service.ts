/**
 * Organizations: the page's list (developer count without merged-away
 * developers, latest activity from developer_stats), rename and merge.
 */
import { and, count, eq, inArray, max, not, sql, type SQL } from 'drizzle-orm';
import { QueryBuilder } from 'drizzle-orm/pg-core';
import type { OrganizationListQuery, OrganizationPage, OrganizationRow } from '../../../src-shared/contract/organizations';
import { refreshDerived } from '../derived/refresh';
import { CoreError } from '../errors';
import { likeContains } from '../db/like';
import { MERGED_AWAY_SQL } from '../identity/merged-away';
import { foldSql } from '../identity/normalise';
import { inTransaction } from '../db/transaction';
import { developers, developerStats, organizations } from '../db/schema';
import { applied } from '../db/fragment';
import type { Db } from '../db/db';

const qb = new QueryBuilder();
const member = and(
  eq(developers.tenantId, organizations.tenantId),
  eq(developers.orgId, organizations.orgId),
  not(applied(MERGED_AWAY_SQL, developers.developerId)),
);

const ORG_COLUMNS = {
  orgId: organizations.orgId,
  name: organizations.name,
  domain: organizations.domainPrimary,
  developers: sql<number>`${qb.select({ n: count() }).from(developers).where(member)}`.mapWith(Number).as('developers'),
  lastActionAt: sql<Date | null>`${qb
    .select({ at: max(developerStats.lastActionAt) })
    .from(developers)
    .innerJoin(developerStats, eq(developerStats.developerId, developers.developerId))
    .where(member)}`
    .mapWith(developerStats.lastActionAt)
    .as('last_action_at'),
};

const toRow = (r: {
  orgId: string;
  name: string;
  domain: string | null;
  developers: number;
  lastActionAt: Date | null;
}): OrganizationRow => ({
  ...r,
  lastActionAt: r.lastActionAt === null ? null : r.lastActionAt.toISOString(),
});

/** The tenant's organizations whose name or domain holds `pattern` (a like pattern; null: all). */
function matching(tenant: string, pattern: string | null): SQL | undefined {
  const inTenant = eq(organizations.tenantId, tenant);
  if (pattern === null) return inTenant;
  return and(
    inTenant,
    sql`(${applied(foldSql, organizations.name)} like lower(${pattern}::text)
      or lower(coalesce(${organizations.domainPrimary}::text, '')) like lower(${pattern}::text))`,
  );
}

/** Most recently active first, then by name. */
export async function listOrganizations(db: Db, tenant: string, query: OrganizationListQuery): Promise<OrganizationPage> {
  const q = query.q?.trim();
  const where = matching(tenant, q ? likeContains(q) : null);
  const total = await db.$count(organizations, where);
  const x = db.select(ORG_COLUMNS).from(organizations).where(where).as('x');
  const rows = await db
    .select()
    .from(x)
    .orderBy(sql`${x.lastActionAt} desc nulls last`, sql`lower(${x.name})`, x.orgId)
    .limit(query.pageSize)
    .offset(query.page * query.pageSize);
  return { total, rows: rows.map(toRow) };
}

export async function getOrganization(db: Db, tenant: string, orgId: string): Promise<OrganizationRow> {
  const [row] = await db
    .select(ORG_COLUMNS)
    .from(organizations)
    .where(and(eq(organizations.tenantId, tenant), eq(organizations.orgId, orgId)));
  if (!row) throw new CoreError('NOT_FOUND', `No organization ${orgId}`, { orgId });
  return toRow(row);
}

/** Drizzle keeps the driver's error as the cause. */
const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  ((error as { code?: string }).code === '23505' || isUniqueViolation((error as Error).cause));

/** Returns whether anything changed. The organization's developers find it by its new name from then on. */
export async function renameOrganization(db: Db, tenant: string, orgId: string, name: string): Promise<boolean> {
  const thisOrg = and(eq(organizations.tenantId, tenant), eq(organizations.orgId, orgId));
  const renamed = await inTransaction(db, async (tx) => {
    try {
      const result = await tx
        .update(organizations)
        .set({ name, updatedAt: sql`now()` })
        .where(and(thisOrg, sql`${organizations.name} is distinct from ${name}`));
      if ((result.rowCount ?? 0) === 0) return false;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw new CoreError('CONFLICT', `Another organization is already named "${name}". Merge the two organizations instead of renaming.`, {
        name,
      });
    }
    const members = await tx
      .select({ developerId: developers.developerId })
      .from(developers)
      .where(and(eq(developers.tenantId, tenant), eq(developers.orgId, orgId)));
    await refreshDerived(tx, tenant, { developers: members.map((m) => m.developerId), span: null });
    return true;
  });
  if (!renamed) await getOrganization(db, tenant, orgId); // NOT_FOUND when it does not exist
  return renamed;
}

/** Moves `from`'s developers into `into`, keeps `into`'s name, takes `from`'s domain if `into` has none, deletes `from`. */
export async function mergeOrganizations(db: Db, tenant: string, intoId: string, fromId: string): Promise<number> {
  if (intoId === fromId) throw new CoreError('BAD_INPUT', 'An organization cannot be merged into itself', { intoId, fromId });
  return inTransaction(db, async (tx) => {
    const rows = await tx
      .select({ orgId: organizations.orgId, domain: organizations.domainPrimary })
      .from(organizations)
      .where(and(eq(organizations.tenantId, tenant), inArray(organizations.orgId, [intoId, fromId])))
      .for('update');
    for (const id of [intoId, fromId]) {
      if (!rows.some((r) => r.orgId === id)) throw new CoreError('NOT_FOUND', `No organization ${id}`, { orgId: id });
    }
    const moved = await tx
      .update(developers)
      .set({ orgId: intoId, updatedAt: sql`now()` })
      .where(and(eq(developers.tenantId, tenant), eq(developers.orgId, fromId)))
      .returning({ developerId: developers.developerId });
    await tx.delete(organizations).where(and(eq(organizations.tenantId, tenant), eq(organizations.orgId, fromId)));
    const fromDomain = rows.find((r) => r.orgId === fromId)!.domain;
    await tx
      .update(organizations)
      .set({ domainPrimary: sql`coalesce(${organizations.domainPrimary}, ${fromDomain}::text)`, updatedAt: sql`now()` })
      .where(and(eq(organizations.tenantId, tenant), eq(organizations.orgId, intoId)));
    await refreshDerived(tx, tenant, { developers: moved.map((r) => r.developerId), span: null });
    return moved.length;
  });
}
