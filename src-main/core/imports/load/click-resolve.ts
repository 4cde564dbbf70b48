/**
 * A click log's staged rows → `click` activities (core/shortlinks/clicks.ts,
 * the same rows the redirect server writes): each row's key is matched to a
 * short link of the tenant exactly as stored; rows of unknown keys are left
 * out and counted as skipped. Re-importing a log adds nothing: a row with a
 * click id has the served click's dedup key, one without takes it from what
 * the row says (its log_ref, referrer and agent) and its order among
 * identical rows.
 */
import type { Db } from '../../db/db';
import { tracedClient } from '../../db/trace';
import { clickDedupKey, recordClicks, type Click } from '../../shortlinks/clicks';
import type { ClickRecord } from '../types';
import { none, STAGE_RECORD, type EntityCounts } from './entity-resolve';

export async function resolveClicks(db: Db, tenant: string): Promise<EntityCounts> {
  const client = tracedClient(db);
  const { rows } = await client.query<{ rec: ClickRecord; shortlink_id: string | null }>(
    `select r.rec, s.shortlink_id from ${STAGE_RECORD} r
       left join shortlinks s on s.tenant_id = $1 and s.key = r.rec->>'key'
      order by r.line`,
    [tenant],
  );
  const clicks: Click[] = [];
  const seen = new Map<string, number>();
  let unknown = 0;
  for (const { rec, shortlink_id: shortlinkId } of rows) {
    if (shortlinkId === null) {
      unknown++;
      continue;
    }
    const occurredAt = new Date(rec.occurredAt);
    const clickId = rec.clickId ?? null;
    let line: string | undefined;
    if (clickId === null) {
      const identity = JSON.stringify([shortlinkId, rec.occurredAt, rec.ref ?? null, rec.referrer ?? null, rec.userAgent ?? null]);
      const nth = (seen.get(identity) ?? 0) + 1;
      seen.set(identity, nth);
      line = `${identity}#${nth}`;
    }
    clicks.push({
      shortlinkId,
      occurredAt,
      clickId,
      referrer: rec.referrer ?? null,
      userAgent: rec.userAgent ?? null,
      lang: null,
      dedupKey: clickDedupKey(tenant, shortlinkId, occurredAt, clickId, line),
    });
  }
  const activities = await recordClicks(db, tenant, clicks);
  // recordClicks refreshed what its clicks changed: the change left for the caller is none.
  return { ...none(), activities, skipped: unknown, duplicates: clicks.length - activities };
}
