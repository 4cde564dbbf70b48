/** The resources a short link can be tied to, for the form's picker (the Resources page owns their editing). */
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/db';
import { resources } from '../db/schema';

export function listLinkableResources(db: Db, tenant: string) {
  return db
    .select({ resourceId: resources.resourceId, category: resources.category, title: resources.title, url: resources.url })
    .from(resources)
    .where(eq(resources.tenantId, tenant))
    .orderBy(sql`lower(coalesce(${resources.title}, ${resources.url}, ''))`, asc(resources.resourceId));
}
