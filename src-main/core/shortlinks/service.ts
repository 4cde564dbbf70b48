/**
 * Short links: create, edit, read and list (search, per campaign). Keys are
 * unique per tenant (the spec's unique key) and, so that a host matching
 * paths without case (Netlify) sees one link per key, also without case.
 * `findByKey` is what a redirect server or a click-log import looks a path up with.
 */
import { and, desc, eq, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Shortlink } from '../../../src-shared/contract/shortlinks';
import type { Db } from '../db/db';
import { likeContains } from '../db/like';
import { isUniqueViolation } from '../db/pg-errors';
import { campaigns, resources, shortlinks } from '../db/schema';
import { CoreError } from '../errors';
import { generateKey, keyProblem } from './keys';
import { readShortlinkSettings } from './settings';
import { finalUrl, shortUrl, targetProblem, UTM_KEYS, type Utm, type UtmKey } from '../../../src-shared/shortlinks';

export type ShortlinkRow = typeof shortlinks.$inferSelect;

export interface LinkFields {
  key?: string;
  targetUrl?: string;
  campaignId?: string | null;
  resourceId?: string | null;
  utmSource?: string | null;
  utmMedium?: string | null;
  utmCampaign?: string | null;
  utmContent?: string | null;
}

const UTM_FIELDS: Record<UtmKey, 'utmSource' | 'utmMedium' | 'utmCampaign' | 'utmContent'> = {
  utm_source: 'utmSource',
  utm_medium: 'utmMedium',
  utm_campaign: 'utmCampaign',
  utm_content: 'utmContent',
};

/** The UTM values a row's attributes hold. */
export function utmOf(attributes: unknown): Utm {
  const utm: Utm = {};
  if (attributes && typeof attributes === 'object') {
    for (const key of UTM_KEYS) {
      const value = (attributes as Record<string, unknown>)[key];
      if (typeof value === 'string' && value !== '') utm[key] = value;
    }
  }
  return utm;
}

/** The final URL of a stored link: where its redirect leads. */
export const finalUrlOf = (row: Pick<ShortlinkRow, 'targetUrl' | 'attributes'>): string => finalUrl(row.targetUrl, utmOf(row.attributes));

function selectLinks(db: Db, tenant: string, where?: SQL) {
  return db
    .select({ link: shortlinks, campaignName: campaigns.name, resourceTitle: resources.title })
    .from(shortlinks)
    .leftJoin(campaigns, eq(campaigns.campaignId, shortlinks.campaignId))
    .leftJoin(resources, eq(resources.resourceId, shortlinks.resourceId))
    .where(and(eq(shortlinks.tenantId, tenant), where));
}

type Joined = Awaited<ReturnType<typeof selectLinks>>[number];

function toShortlink({ link, campaignName, resourceTitle }: Joined, domain: string | null): Shortlink {
  const utm = utmOf(link.attributes);
  return {
    shortlinkId: link.shortlinkId,
    key: link.key,
    targetUrl: link.targetUrl,
    finalUrl: finalUrl(link.targetUrl, utm),
    shortUrl: shortUrl(domain, link.key),
    campaignId: link.campaignId,
    campaignName,
    resourceId: link.resourceId,
    resourceTitle,
    utmSource: utm.utm_source ?? null,
    utmMedium: utm.utm_medium ?? null,
    utmCampaign: utm.utm_campaign ?? null,
    utmContent: utm.utm_content ?? null,
    createdAt: link.createdAt.toISOString(),
  };
}

const notFound = (shortlinkId: string) =>
  new CoreError('NOT_FOUND', `No short link ${shortlinkId}; it may have been deleted`, { shortlinkId });

export async function getShortlink(db: Db, tenant: string, shortlinkId: string): Promise<Shortlink> {
  const [[row], { domain }] = await Promise.all([
    selectLinks(db, tenant, eq(shortlinks.shortlinkId, shortlinkId)),
    readShortlinkSettings(db, tenant),
  ]);
  if (!row) throw notFound(shortlinkId);
  return toShortlink(row, domain);
}

/** The link a request path names (exactly as stored), or undefined. */
export async function findByKey(db: Db, tenant: string, key: string): Promise<ShortlinkRow | undefined> {
  const [row] = await db
    .select()
    .from(shortlinks)
    .where(and(eq(shortlinks.tenantId, tenant), eq(shortlinks.key, key)));
  return row;
}

export interface ListQuery {
  q?: string;
  campaignId?: string;
}

/** Newest first; `q` finds a key, target, campaign or resource title containing it. */
export async function listShortlinks(db: Db, tenant: string, query: ListQuery = {}): Promise<Shortlink[]> {
  const q = query.q?.trim();
  const pattern = q ? likeContains(q) : undefined;
  const search = pattern
    ? or(
        sql`lower(${shortlinks.key}) like lower(${pattern}::text)`,
        sql`lower(${shortlinks.targetUrl}) like lower(${pattern}::text)`,
        sql`lower(coalesce(${campaigns.name}, '')) like lower(${pattern}::text)`,
        sql`lower(coalesce(${resources.title}, '')) like lower(${pattern}::text)`,
        sql`lower(coalesce(${shortlinks.attributes}::text, '')) like lower(${pattern}::text)`,
      )
    : undefined;
  const byCampaign = query.campaignId ? eq(shortlinks.campaignId, query.campaignId) : undefined;
  const [rows, { domain }] = await Promise.all([
    selectLinks(db, tenant, and(search, byCampaign)).orderBy(desc(shortlinks.createdAt), shortlinks.key),
    readShortlinkSettings(db, tenant),
  ]);
  return rows.map((r) => toShortlink(r, domain));
}

export const keyConflict = (key: string, existing: string): CoreError =>
  new CoreError(
    'CONFLICT',
    existing === key
      ? `The key "${key}" is already used by another short link; choose another key or leave it empty to generate one`
      : `The key "${key}" is too close to the existing key "${existing}" (keys differ by more than upper and lower case); choose another key`,
    { field: 'key', key, existing },
  );

/** The key of another link of the tenant that equals `key` ignoring case, if any. */
export async function keyTakenIgnoringCase(db: Db, tenant: string, key: string, self?: string): Promise<string | undefined> {
  const [taken] = await db
    .select({ key: shortlinks.key })
    .from(shortlinks)
    .where(
      and(
        eq(shortlinks.tenantId, tenant),
        sql`lower(${shortlinks.key}) = lower(${key})`,
        self ? ne(shortlinks.shortlinkId, self) : undefined,
      ),
    );
  return taken?.key;
}

/** Refuses a typed key that is malformed or taken (ignoring case) by another link. */
async function checkKey(db: Db, tenant: string, key: string, self?: string): Promise<void> {
  const problem = keyProblem(key);
  if (problem) throw new CoreError('BAD_INPUT', problem, { field: 'key', key });
  const taken = await keyTakenIgnoringCase(db, tenant, key, self);
  if (taken !== undefined) throw keyConflict(key, taken);
}

function checkTarget(targetUrl: string): void {
  const problem = targetProblem(targetUrl);
  if (problem) throw new CoreError('BAD_INPUT', problem, { field: 'targetUrl' });
}

/** Refuses a campaign or resource id that is not the tenant's. */
async function checkLinks(db: Db, tenant: string, fields: LinkFields): Promise<void> {
  if (fields.campaignId) {
    const [c] = await db
      .select({ id: campaigns.campaignId })
      .from(campaigns)
      .where(and(eq(campaigns.tenantId, tenant), eq(campaigns.campaignId, fields.campaignId)));
    if (!c) throw new CoreError('NOT_FOUND', `No campaign ${fields.campaignId}; it may have been deleted`, { field: 'campaignId' });
  }
  if (fields.resourceId) {
    const [r] = await db
      .select({ id: resources.resourceId })
      .from(resources)
      .where(and(eq(resources.tenantId, tenant), eq(resources.resourceId, fields.resourceId)));
    if (!r) throw new CoreError('NOT_FOUND', `No resource ${fields.resourceId}; it may have been deleted`, { field: 'resourceId' });
  }
}

/** The attributes after `fields`' UTM values (null or '' removes one), other attributes kept. */
function mergedAttributes(current: unknown, fields: LinkFields): Record<string, unknown> | null {
  const next: Record<string, unknown> = current && typeof current === 'object' ? { ...(current as Record<string, unknown>) } : {};
  for (const key of UTM_KEYS) {
    const value = fields[UTM_FIELDS[key]];
    if (value === undefined) continue;
    if (value) next[key] = value;
    else delete next[key];
  }
  return Object.keys(next).length > 0 ? next : null;
}

/** How many generated keys may collide in a row before we give up (at 31^8 keys, never in practice). */
const KEY_TRIES = 8;

/** Creates a link with the typed key, or a generated one retried on a collision; returns its id. */
export async function createShortlink(
  db: Db,
  tenant: string,
  fields: LinkFields & { targetUrl: string },
  newKey: () => string = generateKey,
): Promise<string> {
  checkTarget(fields.targetUrl);
  await checkLinks(db, tenant, fields);
  if (fields.key) await checkKey(db, tenant, fields.key);
  for (let attempt = 0; attempt < KEY_TRIES; attempt++) {
    const key = fields.key || newKey();
    // A generated key is lower case; a typed one may differ from it only in case.
    if (!fields.key && (await keyTakenIgnoringCase(db, tenant, key)) !== undefined) continue;
    try {
      const [row] = await db
        .insert(shortlinks)
        .values({
          tenantId: tenant,
          key,
          targetUrl: fields.targetUrl,
          campaignId: fields.campaignId ?? null,
          resourceId: fields.resourceId ?? null,
          attributes: mergedAttributes(null, fields),
        })
        .returning({ id: shortlinks.shortlinkId });
      return row!.id;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // A typed key taken meanwhile is the user's to change; a generated one is drawn again.
      if (fields.key) throw keyConflict(key, key);
    }
  }
  throw new CoreError('CONFLICT', `No free key found in ${KEY_TRIES} tries; type a key instead`, { field: 'key' });
}

/** Updates the fields given; returns whether anything changed. */
export async function updateShortlink(db: Db, tenant: string, shortlinkId: string, fields: LinkFields): Promise<boolean> {
  const thisLink = and(eq(shortlinks.tenantId, tenant), eq(shortlinks.shortlinkId, shortlinkId));
  const [row] = await db.select().from(shortlinks).where(thisLink);
  if (!row) throw notFound(shortlinkId);
  if (fields.targetUrl !== undefined) checkTarget(fields.targetUrl);
  await checkLinks(db, tenant, fields);
  if (fields.key !== undefined && fields.key !== row.key) await checkKey(db, tenant, fields.key, shortlinkId);
  const set: Partial<typeof shortlinks.$inferInsert> = {};
  if (fields.key !== undefined && fields.key !== row.key) set.key = fields.key;
  if (fields.targetUrl !== undefined && fields.targetUrl !== row.targetUrl) set.targetUrl = fields.targetUrl;
  if (fields.campaignId !== undefined && fields.campaignId !== row.campaignId) set.campaignId = fields.campaignId;
  if (fields.resourceId !== undefined && fields.resourceId !== row.resourceId) set.resourceId = fields.resourceId;
  const attributes = mergedAttributes(row.attributes, fields);
  if (JSON.stringify(attributes) !== JSON.stringify(row.attributes ?? null)) set.attributes = attributes;
  if (Object.keys(set).length === 0) return false;
  try {
    await db.update(shortlinks).set(set).where(thisLink);
  } catch (error) {
    if (isUniqueViolation(error) && set.key) throw keyConflict(set.key, set.key);
    throw error;
  }
  return true;
}
