/** Every resource by title, for pickers that tie something to one (a short link's form). */
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/db';
import { resources } from '../db/schema';

export function listResourceChoices(db: Db, tenant: string) {
  return db
    .select({ resourceId: resources.resourceId, category: resources.category, title: resources.title, url: resources.url })
    .from(resources)
    .where(eq(resources.tenantId, tenant))
    .orderBy(sql`lower(coalesce(${resources.title}, ${resources.url}, ''))`, asc(resources.resourceId));
}
