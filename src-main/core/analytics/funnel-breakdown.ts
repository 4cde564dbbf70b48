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
 * derived/funnel-bits.ts); one statement reads every value's slice and the
 * whole funnel's (funnel-bits-read.ts), and "(none)" comes from those: no
 * activity is read, and no slice is kept for it (one repeated most of the
 * funnel and doubled the cells of every refresh). The values are the slices
 * that read finds, so a value with no developer at a stage in the period
 * has no row.
 */
import type { FunnelBreakdown, FunnelBreakdownQuery, FunnelBreakdownRow } from '../../../src-shared/contract/analytics';
import type { BreakdownDimension } from '../../../src-shared/contract/values';
import type { Db } from '../db/db';
import { WHOLE } from '../derived/funnel-nodes';
import { listStages } from '../settings/read';
import { countSlice, sliceBits, sliceLess } from './funnel-bits-read';
import { shapeFunnel } from './funnel-shape';
import { checkPeriod } from './period';

/** The funnel_bits dimension of one value of `by`. */
export const breakdownDim = (by: BreakdownDimension, value: string): string => `${by}:${value}`;

export async function funnelBreakdown(db: Db, tenant: string, query: FunnelBreakdownQuery): Promise<FunnelBreakdown> {
  const f = { ...query, ...checkPeriod(query.from, query.to) };
  const stages = await listStages(db);
  const prefix = breakdownDim(f.by, '');
  const slices = await sliceBits(db, tenant, f, { dims: [WHOLE], prefix }, stages);
  const whole = slices.get(WHOLE);
  const values = [...slices].filter(([dim]) => dim !== WHOLE);
  const rows: FunnelBreakdownRow[] = values.map(([dim, slice]) => ({
    value: dim.slice(prefix.length),
    stages: shapeFunnel(stages, countSlice(slice, stages.length)),
  }));
  // "(none)": each developer's whole-funnel stages less those any value's slice has them at.
  const tagged = values.map(([, slice]) => slice);
  const none = countSlice(sliceLess(whole, tagged), stages.length);
  if (none.length > 0) rows.push({ value: null, stages: shapeFunnel(stages, none) });
  const top = (r: FunnelBreakdownRow) => r.stages[0]?.atOrBeyond ?? 0;
  rows.sort((a, b) => top(b) - top(a) || order(a.value, b.value));
  const developers = countSlice(whole, stages.length).reduce((sum, c) => sum + c.developers, 0);
  return { from: f.from, to: f.to, by: f.by, developers, rows };
}

/** Values in code-point order, "(none)" after every value. */
function order(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
