/**
 * The funnel of a period broken down by a campaign's channel, an activity's
 * utm_source or utm_medium, or its resource's category (issue 13 §4).
 *
 * A developer is in a value's row at a stage when one of their activities
 * with that value reached the stage in the period — as the `source:` slices
 * of the funnel do. The value of an activity is its campaigns' channels
 * (every campaign it is attributed to, multi-touch credit included, as the
 * campaign slices), `metadata.utm_source` / `utm_medium`, or the category of
 * its resource. One with activities of two values is in both rows.
 *
 * "(none)" (value null) holds, at a stage, the developers of the whole
 * funnel who reached it in the period through no activity that has a value:
 * per developer, the whole funnel's mask less the OR of their masks in every
 * value's row. So every developer of the whole funnel is in at least one row
 * for each stage they reached, and one who reached a stage both through an
 * activity with a value and through one without is in the value's row only,
 * not in "(none)" (a developer whose untagged activities reached other stages
 * is in "(none)" at those stages).
 *
 * Each value is a slice of derived.funnel_bits (`<by>:<value>`, written by
 * derived/funnel-bits.ts) read like the funnel's filters
 * (funnel-bits-read.ts), "(none)" from those reads and the whole funnel's:
 * no activity is read, and no slice is kept for it (one repeated most of the
 * funnel and doubled the cells of every refresh).
 */
import type { FunnelBreakdown, FunnelBreakdownQuery, FunnelBreakdownRow } from '../../../src-shared/contract/analytics';
import type { BreakdownDimension } from '../../../src-shared/contract/values';
import type { Db } from '../db/db';
import { funnelDay, periodNodes, WHOLE } from '../derived/funnel-nodes';
import { listStages } from '../settings/read';
import { countMasks, developerMasks, type NumberedMasks } from './funnel-bits-read';
import { shapeFunnel } from './funnel-shape';
import { checkPeriod } from './period';

/** The funnel_bits dimension of one value of `by`. */
export const breakdownDim = (by: BreakdownDimension, value: string): string => `${by}:${value}`;

/**
 * The values of `by` with a developer at a stage on a day of [from, to).
 * A range over the dims that start with `by:` (';' follows ':'), so the
 * primary key's order finds them. The one place here that reads how the bits
 * are stored: a storage that keeps some rows elsewhere must list them too.
 */
async function valuesIn(db: Db, tenant: string, by: BreakdownDimension, nodes: readonly number[]): Promise<string[]> {
  const { rows } = await db.$client.query<{ dim: string }>(
    `select distinct dim from derived.funnel_bits
      where tenant_id = $1 and dim > $2 and dim < $3 and node = any($4::int[]) and stage >= 1 order by dim`,
    [tenant, `${by}:`, `${by};`, nodes],
  );
  return rows.map((r) => r.dim.slice(by.length + 1));
}

/** "(none)": each developer's whole-funnel mask less the stages any value's row has them at. */
export function noneMasks(whole: NumberedMasks, values: readonly NumberedMasks[]): number[] {
  const tagged = new Map<number, number>();
  for (const v of values) v.numbers.forEach((n, i) => tagged.set(n, (tagged.get(n) ?? 0) | v.masks[i]!));
  return whole.masks.map((mask, i) => mask & ~(tagged.get(whole.numbers[i]!) ?? 0)).filter((mask) => mask !== 0);
}

export async function funnelBreakdown(db: Db, tenant: string, query: FunnelBreakdownQuery): Promise<FunnelBreakdown> {
  const f = { ...query, ...checkPeriod(query.from, query.to) };
  const stages = await listStages(db);
  const nodes = periodNodes(funnelDay(f.from), funnelDay(f.to));
  const values = await valuesIn(db, tenant, f.by, nodes);
  // One read per value, side by side when `db` is a pool (as the funnel's two statements).
  const [whole, ...found] = await Promise.all(
    [WHOLE, ...values.map((value) => breakdownDim(f.by, value))].map((dim) =>
      developerMasks(db, tenant, { from: f.from, to: f.to, dim }, stages),
    ),
  );
  const rows: FunnelBreakdownRow[] = values.map((value, i) => ({ value, stages: shapeFunnel(stages, countMasks(found[i]!.masks)) }));
  const none = noneMasks(whole!, found);
  if (none.length > 0) rows.push({ value: null, stages: shapeFunnel(stages, countMasks(none)) });
  const top = (r: FunnelBreakdownRow) => r.stages[0]?.atOrBeyond ?? 0;
  rows.sort((a, b) => top(b) - top(a) || order(a.value, b.value));
  return { from: f.from, to: f.to, by: f.by, developers: whole!.masks.length, rows };
}

/** Values in code-point order, "(none)" after every value. */
function order(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
