/**
 * bench:queries' breakdowns (issue 13 §4): the funnel of a quarter by
 * channel, utm_source and resource category, and ROI by channel under the
 * tenant's model, each timed with p50/p95 beside the same numbers computed
 * by DuckDB from the raw rows (queries-duckdb.ts: activities, their
 * attributions, utm values and categories, campaigns' channels, consent) —
 * none of the app's derived tables. Every value's row must agree (counts
 * exactly, weights to 1e-9 relative); a mismatch fails the run.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FunnelBreakdown } from '../src-shared/contract/analytics';
import type { RoiBreakdown } from '../src-shared/contract/campaigns';
import type { BreakdownDimension } from '../src-shared/contract/values';
import type { Core } from '../src-main/core/types';
import { COUNTED_IN_PERIOD } from './queries-duckdb';
import { referenceRoi, type Model } from './queries-roi';
import { timeRuns, type Row } from './timing';

/** Per value ('' for "(none)"), per stage key: [reached, at or beyond]. */
type FunnelByValue = Map<string, Map<string, [number, number]>>;

/** SQL: (activity_id, value) of each activity's values of `by` (none for an activity without one). */
function valuesSql(by: BreakdownDimension): string {
  if (by === 'channel') {
    return `select t.activity_id, c.channel as value from attributed t join campaigns c on c.campaign_id = t.campaign_id where c.channel <> ''`;
  }
  return `select activity_id, ${by} as value from activity_values where coalesce(${by}, '') <> ''`;
}

/**
 * DESIGN.md's funnel per value over the raw rows: a developer is in a
 * value's row at a stage when one of their activities in the period with that
 * value maps to the stage (as queries-duckdb.ts's funnelSql, per value), and
 * in "(none)" ('') at a stage they reached in the period through no activity
 * with a value — the whole funnel's (developer, stage) pairs less every value
 * row's.
 */
function funnelByValueSql(by: BreakdownDimension): string {
  return `
with acts as (
  select a.activity_id, a.developer_id, s.order_no
    from ${COUNTED_IN_PERIOD} and s.order_no >= 1
),
tagged as (
  select distinct v.value, x.developer_id, x.order_no from acts x join (${valuesSql(by)}) v on v.activity_id = x.activity_id
),
reached as (
  select * from tagged
  union all
  select '', developer_id, order_no from (select developer_id, order_no from acts
                                          except select developer_id, order_no from tagged)
),
highest as (select value, developer_id, max(order_no) as top from reached group by value, developer_id)
select v.value, s.stage_key,
       cast((select count(*) from reached r where r.value = v.value and r.order_no = s.order_no) as integer) as reached,
       cast((select count(*) from highest h where h.value = v.value and h.top >= s.order_no) as integer) as at_or_beyond
  from (select distinct value from reached) v, stages s
 where s.order_no >= 1`;
}

async function referenceFunnelByValue(
  connection: DuckDBConnection,
  zone: string,
  period: { from: string; to: string },
  by: BreakdownDimension,
): Promise<FunnelByValue> {
  const reader = await connection.runAndReadAll(funnelByValueSql(by), { zone, from: period.from, to: period.to });
  const out: FunnelByValue = new Map();
  for (const r of reader.getRowObjectsJS() as { value: string; stage_key: string; reached: number; at_or_beyond: number }[]) {
    if (!out.has(r.value)) out.set(r.value, new Map());
    out.get(r.value)!.set(r.stage_key, [r.reached, r.at_or_beyond]);
  }
  return out;
}

const appFunnelByValue = (report: FunnelBreakdown): FunnelByValue =>
  new Map(report.rows.map((r) => [r.value ?? '', new Map(r.stages.map((s) => [s.key, [s.reached, s.atOrBeyond] as [number, number]]))]));

function funnelDifferences(app: FunnelByValue, reference: FunnelByValue): string[] {
  const lines: string[] = [];
  for (const value of new Set([...app.keys(), ...reference.keys()])) {
    const a = app.get(value);
    const r = reference.get(value);
    for (const key of new Set([...(a?.keys() ?? []), ...(r?.keys() ?? [])])) {
      const [ar, ab] = a?.get(key) ?? [0, 0];
      const [rr, rb] = r?.get(key) ?? [0, 0];
      if (ar !== rr || ab !== rb) lines.push(`"${value || '(none)'}" ${key}: app ${ar}/${ab}, DuckDB ${rr}/${rb} (reached/at or beyond)`);
    }
  }
  return lines;
}

/** Per channel ('' for none): [actions, conversions], from the reference's per-campaign ROI. */
async function referenceRoiByChannel(connection: DuckDBConnection, model: Model, lookback: number, stage: string) {
  const perCampaign = await referenceRoi(connection, model, lookback, stage);
  const reader = await connection.runAndReadAll(
    `select cast(campaign_id as varchar) as id, coalesce(channel, '') as channel from campaigns`,
  );
  const out = new Map<string, [number, number]>();
  for (const { id, channel } of reader.getRowObjectsJS() as { id: string; channel: string }[]) {
    const [actions, conversions] = perCampaign.get(id) ?? [0, 0];
    const sum = out.get(channel) ?? [0, 0];
    out.set(channel, [sum[0] + actions, sum[1] + conversions]);
  }
  return out;
}

function roiDifferences(app: RoiBreakdown, reference: Map<string, [number, number]>): string[] {
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  const mine = new Map(app.rows.map((r) => [r.value ?? '', [r.actions, r.conversions] as [number, number]]));
  const lines: string[] = [];
  for (const value of new Set([...mine.keys(), ...reference.keys()])) {
    const [aa, ac] = mine.get(value) ?? [0, 0];
    const [ra, rc] = reference.get(value) ?? [0, 0];
    if (!close(aa, ra) || !close(ac, rc))
      lines.push(`channel "${value || '(none)'}": app ${aa}/${ac}, DuckDB ${ra}/${rc} (actions/conversions)`);
  }
  return lines;
}

export const BREAKDOWN_FUNNELS: readonly BreakdownDimension[] = ['channel', 'utm_source', 'category'];

/** Times and checks the breakdowns; returns the table rows and whether every answer matched. */
export async function measureBreakdowns(
  core: Core,
  connection: DuckDBConnection,
  options: {
    runs: number;
    referenceRuns: number;
    targetMs: number;
    zone: string;
    period: { from: string; to: string };
    conversionStage: string;
  },
): Promise<{ rows: Row[]; ok: boolean }> {
  const { runs, targetMs, zone, period } = options;
  const rows: Row[] = [];
  let ok = true;
  for (const by of BREAKDOWN_FUNNELS) {
    const app = await timeRuns(async () => {
      const result = await core.handlers['analytics:get-funnel-breakdown']({ ...period, by });
      if (!result.ok) throw new Error(`analytics:get-funnel-breakdown: ${result.error.code}: ${result.error.message}`);
      return result.value;
    }, runs);
    const duck = await timeRuns(() => referenceFunnelByValue(connection, zone, period, by), runs);
    const lines = funnelDifferences(appFunnelByValue(app.first), duck.first);
    rows.push({
      name: `funnel by ${by}, quarter`,
      ms: app.ms,
      targetMs,
      detail: `${app.first.rows.length} values; ${lines.length === 0 ? 'MATCH' : `MISMATCH in ${lines.length} cells`}`,
    });
    rows.push({ name: '  DuckDB: same breakdown, raw rows', ms: duck.ms, detail: '' });
    for (const line of lines.slice(0, 5)) console.log(`funnel by ${by}: ${line}`);
    ok = ok && lines.length === 0;
  }
  const app = await timeRuns(async () => {
    const result = await core.handlers['campaigns:get-roi-breakdown']({ by: 'channel' });
    if (!result.ok) throw new Error(`campaigns:get-roi-breakdown: ${result.error.code}: ${result.error.message}`);
    return result.value;
  }, runs);
  const { model, lookbackDays } = app.first;
  const duck = await timeRuns(
    () => referenceRoiByChannel(connection, model, lookbackDays, options.conversionStage),
    options.referenceRuns,
    1,
  );
  const lines = roiDifferences(app.first, duck.first);
  rows.push({
    name: `ROI by channel, ${model}, lookback ${lookbackDays} d, all time`,
    ms: app.ms,
    targetMs,
    detail: `${app.first.rows.length} channels; ${lines.length === 0 ? 'MATCH' : `MISMATCH in ${lines.length} channels`}`,
  });
  rows.push({ name: '  DuckDB: same ROI by channel, raw rows', ms: duck.ms, detail: '' });
  for (const line of lines.slice(0, 5)) console.log(`ROI by channel: ${line}`);
  return { rows, ok: ok && lines.length === 0 };
}
