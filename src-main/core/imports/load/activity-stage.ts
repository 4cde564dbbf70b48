/**
 * The staging table of an activities import: one typed row per parsed
 * activity, COPYed in while the file streams, with its ids and keys already
 * computed, so that the resolution afterwards is a handful of set-based
 * statements instead of a million round trips.
 */
import { uuid7 } from './uuid7';
import { copyLine } from './copy';
import { activityDedupKey, actorKey, resourceKey } from './keys';
import type { ActivityRecord } from '../types';

export const STAGE_ACTIVITY = 'stage_activity';

export const STAGE_ACTIVITY_COLUMNS = [
  'line',
  'activity_id',
  'dedup_key',
  'actor_key',
  'occurred_at',
  'action',
  'source',
  'source_ref',
  'provider',
  'external_user_id',
  'handle',
  'email',
  'display_name',
  'organization',
  'anon_id',
  'res_key',
  'res_category',
  'res_title',
  'res_url',
  'res_external_id',
  'res_group',
  'campaign',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'metadata',
  'account_attributes',
] as const;

// Temp tables vanish with the transaction: a failed or cancelled import leaves nothing behind.
export const CREATE_STAGE_ACTIVITY = `
create temp table ${STAGE_ACTIVITY} (
  line int not null,
  activity_id uuid not null,
  dedup_key text not null,
  actor_key text,
  occurred_at timestamptz not null,
  action text not null,
  source text not null,
  source_ref text,
  provider text,
  external_user_id text,
  handle text,
  email text,
  display_name text,
  organization text,
  anon_id text,
  res_key text,
  res_category text,
  res_title text,
  res_url text,
  res_external_id text,
  res_group text,
  campaign text,
  utm_source text,
  utm_medium text,
  utm_campaign text,
  metadata jsonb,
  account_attributes jsonb
) on commit drop`;

/**
 * One COPY line for a parsed activity. Activity ids are UUIDv7 (time-ordered),
 * so the primary key grows at its right edge instead of splitting pages at random.
 */
export function stageActivityLine(tenant: string, record: ActivityRecord): string {
  const { actor, resource } = record;
  // A copy only to add the UTM fields to: most rows have none, and this runs for every staged row.
  let metadata = record.metadata;
  if (record.utmSource || record.utmMedium || record.utmCampaign) {
    metadata = { ...metadata };
    if (record.utmSource) metadata.utm_source = record.utmSource;
    if (record.utmMedium) metadata.utm_medium = record.utmMedium;
    if (record.utmCampaign) metadata.utm_campaign = record.utmCampaign;
  }
  const hasMetadata = hasKeys(metadata);
  return copyLine([
    record.line,
    uuid7(),
    activityDedupKey(tenant, record),
    actorKey(actor),
    new Date(record.occurredAt).toISOString(),
    record.action,
    record.source,
    record.sourceRef,
    actor.provider,
    actor.externalUserId,
    actor.handle,
    actor.email,
    actor.displayName,
    actor.organization,
    actor.anonId,
    resource ? resourceKey(resource) : undefined,
    resource?.category,
    resource?.title,
    resource?.url,
    resource?.externalId,
    resource?.group,
    record.campaign,
    record.utmSource,
    record.utmMedium,
    record.utmCampaign,
    hasMetadata ? JSON.stringify(metadata) : undefined,
    actor.attributes ? JSON.stringify(actor.attributes) : undefined,
  ]);
}

function hasKeys(object: object | undefined): boolean {
  for (const key in object) if (Object.hasOwn(object, key)) return true;
  return false;
}
