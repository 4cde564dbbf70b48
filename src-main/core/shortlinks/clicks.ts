/**
 * A click on a short link becomes a `click` activity of source `shortlink`,
 * whether the redirect server answered it or a click log is imported: the
 * link's resource (with its category and group, copied as every activity
 * copies them), the campaign attributed directly as an import attributes a
 * row (the link's campaign, else its resource's, else its utm_campaign's),
 * the link's UTM values in metadata where imported UTM values go, and the
 * click id as anon_id. A click id already linked to a developer (a sign-up
 * that carried it: identity/click-link.ts) makes the click theirs, marked
 * as the link's so an unlink gives it back. Written set-based in one transaction with the derived
 * refresh, so `stats rebuild` afterwards finds nothing to change.
 *
 * No IP address reaches this module: callers pass what a click is without it.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db/db';
import { tracedClient } from '../db/trace';
import { UTM_CAMPAIGN_SQL } from '../campaigns/utm-campaign';
import { inTransaction } from '../db/transaction';
import { refreshDerived } from '../derived/refresh';
import { LINK_MARK } from '../identity/click-link';
import { addToDeveloperStats } from '../stats/service';

export const CLICK_SOURCE = 'shortlink';
export const CLICK_ACTION = 'click';

/** Longest referrer and user agent kept (a header can be 16 KB; a row need not be). */
export const MAX_REFERRER = 2048;
export const MAX_USER_AGENT = 512;

export interface Click {
  shortlinkId: string;
  occurredAt: Date;
  /** The first-party click id (cookie / drm_cid), or null for a logged click that had none. */
  clickId: string | null;
  referrer: string | null;
  userAgent: string | null;
  /** The visitor's first Accept-Language tag, when known. */
  lang: string | null;
  /** What makes a repeated delivery of the same click the same row (see clickDedupKey). */
  dedupKey: string;
}

/** Well-known crawlers, link unfurlers and command-line clients: recorded, but marked. */
const BOT = /bot\b|bot\/|crawl|spider|slurp|facebookexternalhit|embedly|preview|curl\/|wget\/|python-requests|headless/i;

export const isBot = (userAgent: string | null): boolean => userAgent !== null && BOT.test(userAgent);

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * activities.dedup_key of a click: the link, the click id and the instant
 * (a browser keeps its click id, so the instant tells its clicks apart), or,
 * for a logged click without an id, `line` — what the log says about it
 * without the IP (see imports/formats/click-log.ts).
 */
export function clickDedupKey(tenant: string, shortlinkId: string, occurredAt: Date, clickId: string | null, line?: string): string {
  const who = clickId ?? `line:${line ?? ''}`;
  return sha256(`${tenant}|${CLICK_SOURCE}|${shortlinkId}|${occurredAt.toISOString()}|${who}`);
}

const cut = (text: string | null, max: number): string | null => (text === null || text === '' ? null : text.slice(0, max));

/** The metadata of a click besides the link's UTM values, which SQL adds from the link itself. */
export function clickMetadata(click: Click): Record<string, unknown> {
  const metadata: Record<string, unknown> = {
    shortlink_id: click.shortlinkId,
    referrer: cut(click.referrer, MAX_REFERRER),
    user_agent: cut(click.userAgent, MAX_USER_AGENT),
    lang: click.lang,
  };
  if (isBot(click.userAgent)) metadata.bot = true;
  return metadata;
}

/** The relation refreshDerived and addToDeveloperStats read the new rows from (as an import's inserted_activity). */
const INSERTED = 'inserted_click';

/**
 * Inserts `clicks` (a repeated dedup key, or a link deleted meanwhile, adds
 * nothing) and refreshes the derived tables, in one transaction; returns how
 * many activities were added.
 */
export async function recordClicks(db: Db, tenant: string, clicks: readonly Click[]): Promise<number> {
  if (clicks.length === 0) return 0;
  const rows = clicks.map((c) => ({
    shortlink_id: c.shortlinkId,
    anon_id: c.clickId,
    occurred_at: c.occurredAt.toISOString(),
    metadata: clickMetadata(c),
    dedup_key: c.dedupKey,
  }));
  return inTransaction(db, async (tx) => {
    const client = tracedClient(tx);
    // Direct attribution as activity-resolve.ts does it: link's campaign, resource's, utm_campaign's.
    await client.query(
      `create temp table resolved_click on commit drop as
       select distinct on (i.dedup_key)
              uuid_generate_v4() as activity_id, i.dedup_key, i.anon_id, i.occurred_at, s.resource_id,
              r.category, r.group_key, l.developer_id,
              i.metadata || case when l.developer_id is null then '{}'::jsonb else $3::jsonb end || coalesce((select jsonb_object_agg(k, s.attributes ->> k) from unnest(array['utm_source','utm_medium','utm_campaign','utm_content']) k
                                       where coalesce(s.attributes ->> k, '') <> ''), '{}'::jsonb) as metadata,
              coalesce(s.campaign_id, r.campaign_id, u.campaign_id) as campaign_id
         from jsonb_to_recordset($2::jsonb) as i(shortlink_id uuid, anon_id text, occurred_at timestamptz, metadata jsonb, dedup_key text)
         join shortlinks s on s.tenant_id = $1 and s.shortlink_id = i.shortlink_id
         left join resources r on r.resource_id = s.resource_id
         left join developer_identifiers l on l.tenant_id = $1 and l.kind = 'click_id' and l.value_normalized = i.anon_id
         left join (${UTM_CAMPAIGN_SQL}) u on u.utm = lower(s.attributes ->> 'utm_campaign')
        order by i.dedup_key, i.occurred_at`,
      [tenant, JSON.stringify(rows), JSON.stringify(LINK_MARK)],
    );
    await client.query(
      `create temp table ${INSERTED} (activity_id uuid primary key, developer_id uuid, action text, occurred_at timestamptz,
                                      campaign_id uuid, source text, anon_id text) on commit drop`,
    );
    const inserted = await client.query(
      `with ins as (
         insert into activities (activity_id, tenant_id, developer_id, anon_id, resource_id, action, occurred_at, source, category, group_key, metadata, dedup_key)
         select activity_id, $1, developer_id, anon_id, resource_id, '${CLICK_ACTION}', occurred_at, '${CLICK_SOURCE}', category, group_key, metadata, dedup_key
           from resolved_click order by activity_id
         on conflict (dedup_key) do nothing
         returning activity_id, developer_id, action, occurred_at, source, anon_id)
       insert into ${INSERTED} select ins.activity_id, ins.developer_id, ins.action, ins.occurred_at, r.campaign_id, ins.source, ins.anon_id
         from ins join resolved_click r using (activity_id)`,
      [tenant],
    );
    const added = inserted.rowCount ?? 0;
    if (added > 0) await attributeAndRefresh(tx, tenant);
    // Gone now rather than at commit: an import records its clicks in several calls in one transaction.
    await client.query(`drop table resolved_click, ${INSERTED}`);
    return added;
  });
}

/** Direct attribution of the new clicks, developer stats and the derived tables, from INSERTED. */
async function attributeAndRefresh(tx: Db, tenant: string): Promise<void> {
  const client = tracedClient(tx);
  await client.query(
    `insert into activity_campaigns (tenant_id, activity_id, campaign_id, weight)
       select $1, activity_id, campaign_id, 1.0 from ${INSERTED} where campaign_id is not null order by activity_id`,
    [tenant],
  );
  await addToDeveloperStats(tx, tenant, INSERTED);
  const { rows } = await client.query<{ from: Date; to: Date; developers: string[] }>(
    `select min(occurred_at) as from, max(occurred_at) + interval '1 millisecond' as to,
            array(select distinct developer_id from ${INSERTED} where developer_id is not null) as developers
       from ${INSERTED}`,
  );
  const { from, to, developers } = rows[0]!;
  // Clicks of linked click ids are their developers' (their stage, funnel bits, search row).
  await refreshDerived(tx, tenant, { developers, span: { from, to }, inserted: INSERTED });
}
