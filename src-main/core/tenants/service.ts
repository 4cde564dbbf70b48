/**
 * Creating, listing and renaming tenants (`drm tenants`, the workspace
 * switcher). Listing crosses tenants, so it asks the SECURITY DEFINER
 * function of migration 0009; creating and renaming act for the tenant they
 * name (withTenant), so row-level security checks them as any write.
 */
import { eq, sql } from 'drizzle-orm';
import type { Tenant } from '../../../src-shared/contract/tenants';
import type { Db } from '../db/db';
import { tenants } from '../db/schema';
import { insertTenant } from '../db/seed';
import { withTenant } from '../db/tenant';
import { CoreError } from '../errors';

const iso = (value: Date | string) => new Date(value).toISOString();

/** Every tenant of the database, oldest first. */
export async function listTenants(db: Db): Promise<Tenant[]> {
  const rows = await db.$client.query<{ tenant_id: string; name: string; created_at: Date }>(
    'select tenant_id, name, created_at from app.tenant_list()',
  );
  return rows.rows.map((r) => ({ tenantId: r.tenant_id, name: r.name, createdAt: iso(r.created_at) }));
}

export async function createTenant(db: Db, tenantId: string, name: string): Promise<Tenant> {
  return withTenant(db, tenantId, async (tx) => {
    if (!(await insertTenant(tx, tenantId, name))) {
      throw new CoreError('CONFLICT', `A tenant "${tenantId}" exists already; choose another id, or rename it.`, { tenantId });
    }
    return readTenant(tx, tenantId);
  });
}

export async function renameTenant(db: Db, tenantId: string, name: string): Promise<Tenant> {
  return withTenant(db, tenantId, async (tx) => {
    const updated = await tx
      .update(tenants)
      .set({ name, updatedAt: sql`now()` })
      .where(eq(tenants.tenantId, tenantId))
      .returning({ tenantId: tenants.tenantId });
    if (updated.length === 0) throw notFound(tenantId);
    return readTenant(tx, tenantId);
  });
}

async function readTenant(db: Db, tenantId: string): Promise<Tenant> {
  const [row] = await db.select().from(tenants).where(eq(tenants.tenantId, tenantId));
  if (!row) throw notFound(tenantId);
  return { tenantId: row.tenantId, name: row.name, createdAt: iso(row.createdAt) };
}

export function notFound(tenantId: string): CoreError {
  return new CoreError('NOT_FOUND', `There is no tenant "${tenantId}" in this database (drm tenants list shows them).`, { tenantId });
}
