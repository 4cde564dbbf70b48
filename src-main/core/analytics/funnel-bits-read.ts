/**
 * The funnel's developers from derived.funnel_bits (derived/funnel-bits.ts):
 * a period is the union of a few day-tree nodes (derived/funnel-nodes.ts),
 * so for each stage the database ORs those nodes' rows per chunk of 65,536
 * developers — a handful of 8 kB values whatever the activity; rows held as
 * lists of members (derived/funnel-sparse.ts) come as one list per stage
 * and chunk, ORed in here — and here
 * each developer's mask of stages (bit i = stages[i]) is read off the
 * stages' bitsets. The masks feed funnel-shape.ts as the per-developer
 * masks of the SQL they replace did.
 */
import type { FunnelStage } from '../../../src-shared/contract/settings';
import type { Db } from '../db/db';
import { ACTIVE_STAGE, CHUNK_BITS, ELIGIBLE_NODE, funnelDay, periodNodes, WHOLE } from '../derived/funnel-nodes';
import type { MaskCount } from './funnel-shape';

/** Developers (by number) with the mask of stages they reached; mask 0 never appears. */
export interface NumberedMasks {
  numbers: number[];
  masks: number[];
}

/** One stage's developers in a chunk: the OR of its bitsets as '0'/'1' text, and the members of its listed rows. */
interface StageChunk {
  bits?: string;
  members: number[];
}

/** Per chunk, the OR over `nodes` of each stage's rows (stages with no row are absent). */
async function stageBits(db: Db, tenant: string, dim: string, nodes: readonly number[], stages: readonly number[]) {
  const { rows } = await db.$client.query<{ stage: number; chunk: number; bits: string | null; members: number[] | null }>(
    `with r as (select stage, chunk, bits, members from derived.funnel_bits
                 where tenant_id = $1 and dim = $2 and stage = any($3::smallint[]) and node = any($4::int[]))
     select stage, chunk, bit_or(bits)::text as bits, null::int[] as members from r where bits is not null group by stage, chunk
     union all
     select stage, chunk, null, array_agg(m) from r cross join unnest(r.members) m where r.members is not null group by stage, chunk`,
    [tenant, dim, stages, nodes],
  );
  const chunks = new Map<number, Map<number, StageChunk>>();
  for (const r of rows) {
    let byStage = chunks.get(r.chunk);
    if (!byStage) chunks.set(r.chunk, (byStage = new Map()));
    let stage = byStage.get(r.stage);
    if (!stage) byStage.set(r.stage, (stage = { members: [] }));
    if (r.bits !== null) stage.bits = r.bits;
    if (r.members !== null) stage.members = r.members;
  }
  return chunks;
}

/**
 * Every developer who reached a stage in [from, to) in the slice `dim`, with
 * their mask. Stages with an order below 1 are in no funnel (no bits).
 */
export async function developerMasks(
  db: Db,
  tenant: string,
  period: { from: string; to: string; dim: string },
  stages: readonly FunnelStage[],
): Promise<NumberedMasks> {
  const nodes = periodNodes(funnelDay(period.from), funnelDay(period.to));
  const orders = stages.filter((s) => s.order >= 1).map((s) => s.order);
  const out: NumberedMasks = { numbers: [], masks: [] };
  if (nodes.length === 0 || orders.length === 0) return out;
  const chunks = await stageBits(db, tenant, period.dim, nodes, orders);
  for (const [chunk, byStage] of [...chunks].sort((a, b) => a[0] - b[0])) {
    const masks = new Int32Array(CHUNK_BITS);
    stages.forEach((s, i) => {
      const stage = byStage.get(s.order);
      if (stage === undefined || s.order < 1) return;
      const { bits, members } = stage;
      if (bits !== undefined) for (let p = bits.indexOf('1'); p >= 0; p = bits.indexOf('1', p + 1)) masks[p]! |= 1 << i;
      for (const p of members) masks[p]! |= 1 << i;
    });
    for (let p = 0; p < CHUNK_BITS; p++) {
      if (masks[p] !== 0) {
        out.numbers.push(chunk * CHUNK_BITS + p);
        out.masks.push(masks[p]!);
      }
    }
  }
  return out;
}

/** Developers per mask (what funnel-shape.ts takes). */
export function countMasks(masks: readonly number[]): MaskCount[] {
  const counts = new Map<number, number>();
  for (const mask of masks) counts.set(mask, (counts.get(mask) ?? 0) + 1);
  return [...counts].map(([mask, developers]) => ({ mask, developers }));
}

/**
 * SQL counting the developers of the OR of rows of stage 0 in the whole
 * funnel at the nodes `$2::int[]`: per chunk, the set bits of its bitsets'
 * OR, and the listed members that OR does not hold.
 */
const COUNT_SQL = `with r as (select chunk, bits, members from derived.funnel_bits
                               where tenant_id = $1 and dim = '${WHOLE}' and stage = ${ACTIVE_STAGE} and node = any($2::int[])),
                        d as (select chunk, bit_or(bits) as b from r where bits is not null group by chunk),
                        m as (select distinct r.chunk, x.m from r cross join unnest(r.members) x(m) where r.members is not null)
                   select ((select coalesce(sum(bit_count(b)), 0) from d)
                         + (select count(*) from m left join d on d.chunk = m.chunk where d.b is null or get_bit(d.b, m.m) = 0))::int as n`;

/** Counted developers (analytics consent, not merged away), whether active or not. */
export async function countedDevelopers(db: Db, tenant: string): Promise<number> {
  const { rows } = await db.$client.query<{ n: number }>(COUNT_SQL, [tenant, [ELIGIBLE_NODE]]);
  return rows[0]!.n;
}

/** Counted developers with an activity on a day of [from, to). */
export async function activeDevelopers(db: Db, tenant: string, period: { from: string; to: string }): Promise<number> {
  const nodes = periodNodes(funnelDay(period.from), funnelDay(period.to));
  const { rows } = await db.$client.query<{ n: number }>(COUNT_SQL, [tenant, nodes]);
  return rows[0]!.n;
}
