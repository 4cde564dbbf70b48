/**
 * The profile page: the list's fields, the stage and when it was reached,
 * developer_stats, accounts, identifiers, campaigns touched, and the paged
 * activity timeline. Every statement reads one developer's rows through the
 * (tenant, developer) indexes.
 */
import type { DeveloperActivityPage, DeveloperProfile } from '../../../src-shared/contract/developers';
import { IS_MULTI_TOUCH } from '../derived/attribution';
import { CoreError } from '../errors';
import { developerRows } from './list';
import { MERGED_INTO_SQL } from '../identity/merged-away';
import { emailKeySql } from '../identity/normalise';
import type { Db } from '../db/db';

const iso = (value: Date | null): string | null => (value === null ? null : value.toISOString());

/** Profile links for services whose user pages are a handle away. */
const PROFILE_URLS: Record<string, (handle: string) => string> = {
  github: (h) => `https://github.com/${encodeURIComponent(h)}`,
  x: (h) => `https://x.com/${encodeURIComponent(h)}`,
  twitter: (h) => `https://x.com/${encodeURIComponent(h)}`,
  connpass: (h) => `https://connpass.com/user/${encodeURIComponent(h)}/`,
};

export function profileUrl(provider: string, handle: string | null, stored: string | null): string | null {
  if (stored) return stored;
  const make = PROFILE_URLS[provider];
  const name = handle?.trim().replace(/^@/, '');
  return make && name ? make(name) : null;
}

/** The developer with this email (an email identifier, else the primary email), or null. */
export async function findDeveloperByEmail(db: Db, tenant: string, email: string): Promise<string | null> {
  const { rows } = await db.$client.query<{ id: string }>(
    `select id from (
       select developer_id as id, 1 as rank from developer_identifiers
        where tenant_id = $1 and kind = 'email' and value_normalized = ${emailKeySql('$2::text')}
       union all
       select developer_id, 2 from developers where tenant_id = $1 and primary_email = ${emailKeySql('$2::text')}
     ) m order by rank limit 1`,
    [tenant, email],
  );
  return rows[0]?.id ?? null;
}

export async function getProfile(db: Db, tenant: string, developerId: string): Promise<DeveloperProfile> {
  const t = [tenant, developerId];
  const [rows, stage, merged, stats, accounts, identifiers, campaigns] = await Promise.all([
    developerRows(db, tenant, [developerId]),
    // The highest stage and, from the same rows, when it was first reached.
    db.$client.query<{ stage_key: string; reached_at: Date }>(
      `select m.stage_key, min(act.occurred_at) as reached_at
         from activities act
         join activity_funnel_map m on m.tenant_id = act.tenant_id and m.action = act.action
         join funnel_stages fs on fs.stage_key = m.stage_key
        where act.tenant_id = $1 and act.developer_id = $2
        group by m.stage_key, fs.order_no order by fs.order_no desc limit 1`,
      t,
    ),
    db.$client.query<{ merged_into: string | null }>(`select ${MERGED_INTO_SQL('$1::uuid')} as merged_into`, [developerId]),
    db.$client.query<{ total_actions: string; clicks: string; attends: string; posts: string; stars: string; last_action_at: Date | null }>(
      'select total_actions, clicks, attends, posts, stars, last_action_at from developer_stats where developer_id = $2 and tenant_id = $1',
      t,
    ),
    db.$client.query<{
      account_id: string;
      provider: string;
      external_user_id: string;
      handle: string | null;
      email: string | null;
      profile_url: string | null;
      first_seen: Date | null;
      last_seen: Date | null;
    }>(
      `select account_id, provider, external_user_id, handle, email::text as email, profile_url, first_seen, last_seen
         from accounts where tenant_id = $1 and developer_id = $2
        order by provider, first_seen nulls last, external_user_id`,
      t,
    ),
    db.$client.query<{ kind: string; value: string }>(
      `select kind, value_normalized as value from developer_identifiers
        where tenant_id = $1 and developer_id = $2 order by kind, value_normalized`,
      t,
    ),
    db.$client.query<{ campaign_id: string; name: string; activities: string }>(
      `select c.campaign_id, c.name, count(distinct ac.activity_id) as activities
         from activities a
         join activity_campaigns ac on ac.tenant_id = a.tenant_id and ac.activity_id = a.activity_id
         join campaigns c on c.campaign_id = ac.campaign_id
        -- Touched: attributed directly. Multi-touch credit of a conversion is the campaign's, not a touch.
        where a.tenant_id = $1 and a.developer_id = $2 and not ${IS_MULTI_TOUCH('ac')}
        group by c.campaign_id, c.name order by activities desc, c.name`,
      t,
    ),
  ]);
  const row = rows[0];
  if (!row) throw new CoreError('NOT_FOUND', `No developer ${developerId}`, { developerId });
  const reached = stage.rows[0];
  const s = stats.rows[0];
  return {
    ...row,
    stage: reached?.stage_key ?? null,
    stageReachedAt: iso(reached?.reached_at ?? null),
    stats: {
      totalActions: Number(s?.total_actions ?? 0),
      clicks: Number(s?.clicks ?? 0),
      attends: Number(s?.attends ?? 0),
      posts: Number(s?.posts ?? 0),
      stars: Number(s?.stars ?? 0),
      lastActionAt: iso(s?.last_action_at ?? null),
    },
    accounts: accounts.rows.map((a) => ({
      accountId: a.account_id,
      provider: a.provider,
      externalUserId: a.external_user_id,
      handle: a.handle,
      email: a.email,
      profileUrl: profileUrl(a.provider, a.handle, a.profile_url),
      firstSeen: iso(a.first_seen),
      lastSeen: iso(a.last_seen),
    })),
    identifiers: identifiers.rows,
    campaigns: campaigns.rows.map((c) => ({ campaignId: c.campaign_id, name: c.name, activities: Number(c.activities) })),
    mergedInto: merged.rows[0]?.merged_into ?? null,
  };
}

export interface ActivityQuery {
  developerId: string;
  action?: string;
  source?: string;
  page: number;
  pageSize: number;
}

export async function listActivities(db: Db, tenant: string, query: ActivityQuery): Promise<DeveloperActivityPage> {
  const values: unknown[] = [tenant, query.developerId];
  const filters: string[] = [];
  if (query.action !== undefined) filters.push(`and a.action = $${values.push(query.action)}`);
  if (query.source !== undefined) filters.push(`and a.source = $${values.push(query.source)}`);
  const where = `where a.tenant_id = $1 and a.developer_id = $2 ${filters.join(' ')}`;
  const pageValues = [...values, query.pageSize, query.page * query.pageSize];
  const [exists, count, page, menus] = await Promise.all([
    db.$client.query('select 1 from developers where tenant_id = $1 and developer_id = $2', [tenant, query.developerId]),
    db.$client.query<{ n: string }>(`select count(*) as n from activities a ${where}`, values),
    db.$client.query<{
      activity_id: string;
      occurred_at: Date;
      action: string;
      source: string;
      category: string | null;
      title: string | null;
      url: string | null;
      provider: string | null;
      campaigns: string[];
    }>(
      `select a.activity_id, a.occurred_at, a.action, a.source, coalesce(a.category, r.category) as category,
              r.title, r.url, acc.provider,
              array(select c.name from activity_campaigns ac join campaigns c on c.campaign_id = ac.campaign_id
                     where ac.tenant_id = a.tenant_id and ac.activity_id = a.activity_id order by c.name) as campaigns
         from activities a
         left join resources r on r.resource_id = a.resource_id
         left join accounts acc on acc.account_id = a.account_id
        ${where}
        order by a.occurred_at desc, a.activity_id desc
        limit $${values.length + 1} offset $${values.length + 2}`,
      pageValues,
    ),
    db.$client.query<{ actions: string[] | null; sources: string[] | null }>(
      `select array_agg(distinct action order by action) as actions, array_agg(distinct source order by source) as sources
         from activities where tenant_id = $1 and developer_id = $2`,
      [tenant, query.developerId],
    ),
  ]);
  if (exists.rowCount === 0) throw new CoreError('NOT_FOUND', `No developer ${query.developerId}`, { developerId: query.developerId });
  return {
    total: Number(count.rows[0]!.n),
    rows: page.rows.map((r) => ({
      activityId: r.activity_id,
      occurredAt: r.occurred_at.toISOString(),
      action: r.action,
      source: r.source,
      category: r.category,
      resourceTitle: r.title,
      resourceUrl: r.url,
      provider: r.provider,
      campaigns: r.campaigns,
    })),
    actions: menus.rows[0]?.actions ?? [],
    sources: menus.rows[0]?.sources ?? [],
  };
}
