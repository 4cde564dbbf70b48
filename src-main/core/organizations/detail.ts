/**
 * An organization's page: its members' mix of highest stages (all time, from
 * derived.developer_search: visible developers) and their activities over a
 * period, stacked by stage like the Overview's trend. The trend counts only
 * members with analytics consent (as every analytics number does), in days of
 * the tenant's zone; activities are read through (tenant, developer), the
 * organization's members being a short list.
 */
import type { OrganizationDetail } from '../../../src-shared/contract/organizations';
import type { TrendBucket } from '../../../src-shared/contract/common';
import { bucketStarts, checkPeriod } from '../analytics/period';
import { BUCKET_SQL, trendOf } from '../analytics/trend';
import { listStages, readSettings } from '../settings/read';
import { getOrganization } from './service';
import type { Db } from '../db/db';

/** Members per highest stage, in stage order, those without a stage last (stage null). */
async function stageMix(db: Db, tenant: string, orgId: string): Promise<OrganizationDetail['stageMix']> {
  const { rows } = await db.$client.query<{ stage_key: string | null; n: string }>(
    `select fs.stage_key, count(*) as n
       from derived.developer_search ds left join funnel_stages fs on fs.order_no = ds.highest_stage
      where ds.tenant_id = $1 and ds.org_id = $2
      group by fs.stage_key, fs.order_no order by fs.order_no nulls last`,
    [tenant, orgId],
  );
  return rows.map((r) => ({ stage: r.stage_key, developers: Number(r.n) }));
}

async function trend(db: Db, tenant: string, orgId: string, query: { from: string; to: string; bucket: TrendBucket }) {
  const starts = bucketStarts(query.from, query.to, query.bucket);
  const [stages, { timeZone }] = await Promise.all([listStages(db), readSettings(db, tenant)]);
  const { rows } = await db.$client.query<{ period: string; stage_key: string | null; n: string }>(
    `select to_char(${BUCKET_SQL[query.bucket]('(a.occurred_at at time zone $5)::date')}, 'YYYY-MM-DD') as period, fm.stage_key, count(*) as n
       from developers d
       join activities a on a.tenant_id = d.tenant_id and a.developer_id = d.developer_id
                        and a.occurred_at >= ($3::date::timestamp at time zone $5) and a.occurred_at < ($4::date::timestamp at time zone $5)
       left join activity_funnel_map fm on fm.tenant_id = a.tenant_id and fm.action = a.action
      where d.tenant_id = $1 and d.org_id = $2 and d.consent_analytics
      group by 1, 2`,
    [tenant, orgId, query.from, query.to, timeZone],
  );
  return trendOf(query.bucket, starts, stages, rows);
}

export async function organizationDetail(
  db: Db,
  tenant: string,
  query: { orgId: string; from: string; to: string; bucket: TrendBucket },
): Promise<OrganizationDetail> {
  const period = checkPeriod(query.from, query.to);
  const organization = await getOrganization(db, tenant, query.orgId); // NOT_FOUND first
  const [mix, activity] = await Promise.all([
    stageMix(db, tenant, query.orgId),
    trend(db, tenant, query.orgId, { ...period, bucket: query.bucket }),
  ]);
  return { organization, stageMix: mix, trend: activity };
}
