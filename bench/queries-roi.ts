/**
 * bench:queries' ROI grid (issue 12, section 3): ROI of each attribution
 * model (first, last, linear) at lookbacks of 1, 14, 90 and 365 days, all
 * time, each timed with p50/p95, beside the same ROI computed by DuckDB from
 * the raw rows exported for the funnel's reference (queries-duckdb.ts):
 * activities, their direct attributions, consent and the action → stage map,
 * none of the app's derived tables. Per campaign, the attributed actions and
 * conversions must agree (to 1e-9, relative: DuckDB divides in doubles, the
 * app in exact numerics); a mismatch fails the run.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { RoiReport } from '../src-shared/contract/campaigns';
import type { Core } from '../src-main/core/types';
import { timeRuns, type Row } from './timing';

export const ROI_MODELS = ['first', 'last', 'linear'] as const;
export const ROI_LOOKBACKS = [1, 14, 90, 365] as const;
export type Model = (typeof ROI_MODELS)[number];

/** Per campaign id: [attributed actions, conversions]. */
type Weights = Map<string, [number, number]>;

/**
 * DESIGN.md "Attribution" over raw rows: the direct weights of counted
 * activities (anonymous, or of a developer with analytics consent), plus for
 * each conversion without a direct campaign of a consenting developer the
 * credit of `model` over the campaigns that developer touched (direct
 * attributions) in the 24-hour days of the lookback before it, both ends
 * included. Ties of first and last touch go to the smaller campaign id.
 */
function roiSql(model: Model): string {
  const credit =
    model === 'linear'
      ? `select conv, campaign_id, 1.0 / count(*) over (partition by conv) as weight
           from (select distinct conv, campaign_id from touches) d`
      : `select conv, arg_min(campaign_id, (touched_at ${model === 'first' ? '' : '* -1'}, campaign_id::varchar)) as campaign_id, 1.0 as weight
           from (select conv, campaign_id, epoch_us(touched_at) as touched_at from touches) t group by conv`;
  return `
with counted as (
  select a.activity_id, a.developer_id, a.action, a.occurred_at
    from activities a left join developers d on d.developer_id = a.developer_id
   where a.developer_id is null or d.consent_analytics
),
conversion_actions as (select action from funnel_map where stage_key = $stage),
direct_rows as (
  select x.campaign_id, sum(x.weight) as actions,
         coalesce(sum(x.weight) filter (where c.action in (select action from conversion_actions)), 0) as conversions
    from direct x join counted c on c.activity_id = x.activity_id
   group by x.campaign_id
),
conversions as (
  select c.activity_id as conv, c.developer_id, c.occurred_at
    from counted c
   where c.developer_id is not null and c.action in (select action from conversion_actions)
     and not exists (select 1 from direct x where x.activity_id = c.activity_id)
),
touches as (
  select distinct v.conv, x.campaign_id, t.occurred_at as touched_at
    from conversions v
    join counted t on t.developer_id = v.developer_id and t.occurred_at <= v.occurred_at
     and t.occurred_at >= v.occurred_at - to_hours(24 * cast($lookback as bigint))
    join direct x on x.activity_id = t.activity_id
),
multi as (select campaign_id, sum(weight) as weight from (${credit}) cr group by campaign_id)
select cast(coalesce(d.campaign_id, m.campaign_id) as varchar) as campaign_id,
       cast(coalesce(d.actions, 0) as double) as direct_actions, cast(coalesce(d.conversions, 0) as double) as direct_conversions,
       cast(coalesce(m.weight, 0) as double) as multi
  from direct_rows d full join multi m on m.campaign_id = d.campaign_id`;
}

export async function referenceRoi(connection: DuckDBConnection, model: Model, lookback: number, stage: string): Promise<Weights> {
  const reader = await connection.runAndReadAll(roiSql(model), { lookback, stage });
  const rows = reader.getRowObjectsJS() as { campaign_id: string; direct_actions: number; direct_conversions: number; multi: number }[];
  return new Map(rows.map((r) => [r.campaign_id, [r.direct_actions + r.multi, r.direct_conversions + r.multi]]));
}

function appWeights(report: RoiReport): Weights {
  return new Map(report.campaigns.map((c) => [c.campaignId, [c.actions, c.conversions]]));
}

/** Campaigns whose numbers differ between the app and the reference, as lines; empty = match. */
function differences(app: Weights, reference: Weights): string[] {
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  const lines: string[] = [];
  for (const id of new Set([...app.keys(), ...reference.keys()])) {
    const [aa, ac] = app.get(id) ?? [0, 0];
    const [ra, rc] = reference.get(id) ?? [0, 0];
    if (!close(aa, ra) || !close(ac, rc)) lines.push(`campaign ${id}: app ${aa} actions / ${ac} conversions, DuckDB ${ra} / ${rc}`);
  }
  return lines;
}

/**
 * Times the grid: for each model and lookback the app's campaigns:get-roi and
 * DuckDB's reference (`runs` and `referenceRuns` times); returns the table rows and whether
 * every answer matched.
 */
export async function measureRoiGrid(
  core: Core,
  connection: DuckDBConnection,
  { runs, referenceRuns }: { runs: number; referenceRuns: number },
  conversionStage: string,
  targetMs: number,
): Promise<{ rows: Row[]; ok: boolean }> {
  const handler = core.handlers['campaigns:get-roi'];
  const rows: Row[] = [];
  let ok = true;
  for (const model of ROI_MODELS) {
    for (const lookback of ROI_LOOKBACKS) {
      const app = await timeRuns(async () => {
        const result = await handler({ model, lookbackDays: lookback });
        if (!result.ok) throw new Error(`campaigns:get-roi: ${result.error.code}: ${result.error.message}`);
        return appWeights(result.value);
      }, runs);
      const duck = await timeRuns(() => referenceRoi(connection, model, lookback, conversionStage), referenceRuns, 1);
      const lines = differences(app.first, duck.first);
      const total = [...app.first.values()].reduce((s, [, c]) => s + c, 0);
      const verdict = lines.length === 0 ? 'MATCH' : `MISMATCH in ${lines.length} campaigns`;
      rows.push({
        name: `ROI, ${model}, lookback ${lookback} d`,
        ms: app.ms,
        targetMs,
        detail: `${app.first.size} campaigns, ${total.toFixed(1)} conversions; ${verdict}`,
      });
      rows.push({ name: `  DuckDB: same ROI, raw rows`, ms: duck.ms, detail: '' });
      for (const line of lines.slice(0, 5)) console.log(`ROI ${model} ${lookback} d: ${line}`);
      ok = ok && lines.length === 0;
    }
  }
  return { rows, ok };
}
