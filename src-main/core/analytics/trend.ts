/**
 * Activities over time, stacked by stage: per day, ISO week (Monday first) or
 * month of the tenant's zone, every bucket of the period present (zeros
 * included). Read from derived.activity_daily, whose days are already the
 * tenant's; the action → stage map is joined here, at query time, so that
 * editing the map shows at once without rebuilding anything. Counts cover
 * developers with analytics consent and anonymous activities.
 */
import type { TrendReport } from '../../../src-shared/contract/analytics';
import type { TrendBucket } from '../../../src-shared/contract/common';
import type { Db } from '../db/db';
import { listStages } from '../settings/read';
import { bucketStarts, checkPeriod } from './period';

/** SQL: the first day of the bucket holding `day` (a date column). Through timestamp, never timestamptz, so no zone enters. */
export const BUCKET_SQL: Record<TrendBucket, (day: string) => string> = {
  day: (day) => day,
  week: (day) => `date_trunc('week', ${day}::timestamp)::date`,
  month: (day) => `date_trunc('month', ${day}::timestamp)::date`,
};

/** Pure: the points for `starts`, filled from (period, stage key or null, count) rows. */
export function trendPoints(
  starts: readonly string[],
  stageKeys: readonly string[],
  rows: readonly { period: string; stageKey: string | null; n: number }[],
): TrendReport['points'] {
  const points = new Map(
    starts.map((period) => [period, { period, byStage: Object.fromEntries(stageKeys.map((k) => [k, 0])), unmapped: 0 }]),
  );
  for (const r of rows) {
    const point = points.get(r.period);
    if (!point) continue;
    if (r.stageKey === null || !(r.stageKey in point.byStage)) point.unmapped += r.n;
    else point.byStage[r.stageKey]! += r.n;
  }
  return [...points.values()];
}

export async function trendReport(db: Db, tenant: string, query: { from: string; to: string; bucket: TrendBucket }): Promise<TrendReport> {
  const { from, to } = checkPeriod(query.from, query.to);
  const starts = bucketStarts(from, to, query.bucket);
  const stages = await listStages(db);
  const { rows } = await db.$client.query<{ period: string; stage_key: string | null; n: string }>(
    `select to_char(${BUCKET_SQL[query.bucket]('ad.day')}, 'YYYY-MM-DD') as period, fm.stage_key, sum(ad.activities + ad.anonymous) as n
       from derived.activity_daily ad
       left join activity_funnel_map fm on fm.tenant_id = ad.tenant_id and fm.action = ad.action
      where ad.tenant_id = $1 and ad.day >= $2::date and ad.day < $3::date
      group by 1, 2`,
    [tenant, from, to],
  );
  return trendOf(query.bucket, starts, stages, rows);
}

/** The report from (bucket start, stage key or null, count) rows as SQL returns them. */
export function trendOf(
  bucket: TrendBucket,
  starts: readonly string[],
  stages: TrendReport['stages'],
  rows: readonly { period: string; stage_key: string | null; n: string }[],
): TrendReport {
  return {
    bucket,
    stages,
    points: trendPoints(
      starts,
      stages.map((s) => s.key),
      rows.map((r) => ({ period: r.period, stageKey: r.stage_key, n: Number(r.n) })),
    ),
  };
}
