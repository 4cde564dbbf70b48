/**
 * The day tree and the chunks of derived.funnel_bits (db/schema-app/derived.ts),
 * shared by the refresh that writes the bits and the funnel that reads them.
 *
 * Days are numbered from FUNNEL_EPOCH, so that every day the app keeps
 * (1970–2099, in any zone) is a small positive number. A node at level L
 * covers the 2^L days [k·2^L, (k+1)·2^L) and is numbered L·100000 + k·2^L.
 * Only every third level is stored (STORED_LEVELS: 1, 8, 64 and 512 days):
 * a merge, unmerge or consent edit rewrites one row per stored level of each
 * cell its developers reach, and with all ten levels stored those 8 kB
 * rewrites were most of a merge (2,108 rows for a pair of 42 + 42 activities
 * at 10M). A period [from, to) is the union of at most 2·7 nodes per stored
 * level below the top and days/512 at the top (periodNodes: up to 22 for a
 * quarter and 30 for a year, about twice as many as with every level; migration
 * 0013 names the same levels), so a funnel for any period still ORs a few dozen
 * rows instead of one per day. A developer's bit is set in a node of a stage
 * when the developer reached the stage on one of its days.
 */

/** Day 0 of the tree: ten years before the first day the app keeps. */
export const FUNNEL_EPOCH = '1960-01-01';
/** Levels 0 (one day) to LEVELS − 1 (512 days). */
export const LEVELS = 10;
/** The levels derived.funnel_bits holds (see above); level 0 must be one, so that any period can be covered. */
export const STORED_LEVELS: readonly number[] = [0, 3, 6, 9];
/** Developers per row: developer number n is bit n % CHUNK_BITS of chunk ⌊n / CHUNK_BITS⌋. */
export const CHUNK_BITS = 65536;
/** Past every chunk (chunk is an int): the end of a range of chunks that takes all from its start on. */
export const CHUNKS_END = 2 ** 31 - 1;
/** The node of the row holding every counted developer (analytics consent, not merged away), active or not. */
export const ELIGIBLE_NODE = -1;
/** Stage 0: any activity at all (the overview's active developers); real stages are their order_no ≥ 1. */
export const ACTIVE_STAGE = 0;
/** The dimension of the whole funnel (no filter). */
export const WHOLE = '';

const LEVEL_SPAN = 100_000;
const DAY_MS = 86_400_000;

/** SQL: the tree's day of a timestamptz expression in zone `zone` (a SQL text expression). */
export const funnelDaySql = (instant: string, zone: string) => `((${instant} at time zone ${zone})::date - date '${FUNNEL_EPOCH}')`;

/** The tree's day of a 'YYYY-MM-DD' (already checked to be a calendar day). */
export function funnelDay(day: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${FUNNEL_EPOCH}T00:00:00Z`)) / DAY_MS);
}

export const nodeOf = (level: number, day: number): number => level * LEVEL_SPAN + day - (day % 2 ** level);

/** The stored nodes holding `day`, one per stored level, from the day itself up. */
export function nodesOfDay(day: number): number[] {
  return STORED_LEVELS.map((level) => nodeOf(level, day));
}

/** Disjoint stored nodes whose union is exactly the days [from, to) (tree days); none when from ≥ to. */
export function periodNodes(from: number, to: number): number[] {
  const out: number[] = [];
  let day = Math.max(0, from);
  while (day < to) {
    // The highest stored level whose node starts at `day` and ends by `to` (level 0 always does).
    const level = STORED_LEVELS.findLast((l) => day % 2 ** l === 0 && day + 2 ** l <= to) ?? 0;
    out.push(nodeOf(level, day));
    day += 2 ** level;
  }
  return out;
}

/** The days a node covers, [from, to): the inverse of nodeOf, for tests and checks. */
export function nodeDays(node: number): { from: number; to: number } {
  const level = Math.floor(node / LEVEL_SPAN);
  const from = node - level * LEVEL_SPAN;
  return { from, to: from + 2 ** level };
}

/** The dimension of a slice: a campaign, a source, or both. */
export function funnelDim(filter: { campaignId?: string; source?: string }): string {
  if (filter.campaignId !== undefined && filter.source !== undefined) return `campaign:${filter.campaignId}|source:${filter.source}`;
  if (filter.campaignId !== undefined) return `campaign:${filter.campaignId}`;
  if (filter.source !== undefined) return `source:${filter.source}`;
  return WHOLE;
}
