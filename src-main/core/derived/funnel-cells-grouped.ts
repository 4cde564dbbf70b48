/**
 * The level-0 cells of a whole-tenant funnel refresh (funnel-bits.ts),
 * grouped in Node by (dim, stage, day) from one binary COPY of the counted
 * developers' activities, instead of SQL's fb_cell (a DISTINCT over
 * (n, dim text, stage, day) of every cell of a union of seven scans) and
 * fb_group (an array_agg per group of it), which the dims, each loop
 * of funnel-bits.ts then read back one at a time as int[] text. Hashing and
 * storing a text dim per cell was most of it: at 1M activities 9.5 s of the
 * 10.8 s fb_cell took on the server was the DISTINCT, not the scan.
 *
 * Here each activity arrives once (a row per campaign it counts for), its
 * values become small dim numbers through one dictionary per kind (keyed by
 * the value's bytes), and each cell is two int32s (its group and its
 * developer). A counting sort by group then puts each group's developers
 * together and a stamp per developer drops repeats, as the DISTINCT did.
 * The dims are given to the database once to be put in `order by dim`, its
 * collation's order, which funnel_bits' key order and funnel_cells' dim
 * indexes follow (funnel-cells-build.ts). The cells are the same set as
 * fb_cell's (test/integration/funnel-cells-paths.test.ts compares the whole
 * tables with the list path, which keeps fb_cell).
 *
 * Memory: 8 bytes a cell as met (repeats included) and 4 more for the sort.
 * Past a budget (cell-spill.ts: 8M cells met) they are kept per chunk of
 * developer numbers, whose rows no other chunk's cells reach, in files, and
 * grouped and written one chunk at a time. At 1M activities ~4.5M cells,
 * 55 MB, all at once; at 10M, 46.8M met, about a quarter in each of 4 chunks.
 */
import pg from 'pg';
import type { SqlClient } from '../db/db';
import { traceStep } from '../db/trace';
import type { CellRow } from './funnel-bits-build';
import { collectGarbage } from '../imports/load/collect-garbage';
import { grown } from './cell-pairs';
import { CELL_BUDGET, CellParts } from './cell-spill';
import { readBinaryCopy } from './funnel-bits-copy';
import { CHUNK_BITS, CHUNKS_END, funnelDaySql } from './funnel-nodes';

/** The stage of every activity, in the whole funnel only: the overview's active developers. */
const ACTIVE = 0;
/** The groups' sort key is (dim's rank · 2^15 + stage) · 2^16 + day, exact in a double while dims stay under 2^22. */
const MAX_DIMS = 1 << 22;
/** A (campaign, source) pair's key is campaign dim · 2^26 + source dim. */
const PAIR = 1 << 26;

/** One part's level-0 cells, grouped: `dims()` gives each dim's rows in (stage, day) order, the dims in `order by dim`. */
export interface CellPart {
  /** The chunks whose rows the part's cells reach: [from, to). */
  readonly from: number;
  readonly to: number;
  /** Distinct cells (n, dim, stage, day). */
  readonly size: number;
  dims(): Generator<CellRow[]>;
  /** Lets go of the part's cells once its rows are built (dims() then gives none). */
  release(): void;
}

/** The level-0 cells of every counted developer, a part at a time. */
export interface GroupedCells {
  /** Cells met, repeats included: at least the distinct ones. */
  readonly met: number;
  /** Whether the parts are chunks taken one at a time (past the budget), not every chunk at once. */
  readonly oneAtATime: boolean;
  /**
   * The parts in chunk order, covering every chunk; each is grouped when reached. Taken one at a time, a part
   * is grouped once what the one before it let go is collected, and collected again once its cells as met are
   * sorted (collect-garbage.ts): dead buffers were otherwise most of the memory until V8's next full
   * collection, which growth in array buffers alone did not bring soon (RSS 414 MB at the second of four
   * parts at 10M rows, the part's own ~150 MB).
   */
  parts(): AsyncGenerator<CellPart>;
  /** Removes the parts' files; call when done, even after a failure. */
  close(): void;
}

/**
 * The cells of the developers of `devTable` (n, developer_id, counted) that count, read with one COPY through
 * `client`, which runs nothing else meanwhile.
 */
export async function readGroupedCells(
  client: SqlClient,
  tenant: string,
  timeZone: string,
  devTable: string,
  cellBudget = CELL_BUDGET,
): Promise<GroupedCells> {
  const started = performance.now();
  const { rows } = await client.query<{ max: number | null }>(`select max(n) as max from ${devTable}`);
  const t = pg.escapeLiteral(tenant);
  // COPY takes no parameters: the tenant and the zone are quoted as literals.
  const sql = `copy (
     with stage_of as (
       select fm.action, fs.order_no::smallint as order_no from activity_funnel_map fm join funnel_stages fs on fs.stage_key = fm.stage_key
        where fm.tenant_id = ${t} and fs.order_no >= 1)
     select v.n, ${funnelDaySql('a.occurred_at', pg.escapeLiteral(timeZone))} as day, s.order_no, a.source,
            nullif(a.metadata->>'utm_source', '') as utm_source, nullif(a.metadata->>'utm_medium', '') as utm_medium,
            nullif(a.category, '') as category, ac.campaign_id::text as campaign, c.channel
       from activities a join ${devTable} v on v.developer_id = a.developer_id and v.counted
       left join stage_of s on s.action = a.action
       left join activity_campaigns ac on ac.tenant_id = ${t} and ac.activity_id = a.activity_id
       left join campaigns c on c.campaign_id = ac.campaign_id and c.channel <> ''
      where a.tenant_id = ${t}) to stdout (format binary)`;
  const cells = new CellGatherer(new CellParts(Math.floor((rows[0]!.max ?? 0) / CHUNK_BITS) + 1, cellBudget));
  try {
    await readBinaryCopy(client, sql, 9, (buf, at, len) => cells.activity(buf, at, len));
    const names = cells.names();
    const order = (await client.query<{ d: string }>('select d from unnest($1::text[]) as u(d) order by d', [names])).rows;
    const rank = new Map(order.map((r, i) => [r.d, i]));
    const grouped = cells.group(names.map((name) => rank.get(name)!));
    traceStep(`derived: funnel cells read (${grouped.met} met, ${names.length} dims, ${cells.chunks})`, started);
    return grouped;
  } catch (error) {
    cells.close();
    throw error;
  }
}

/** One activity's fields as the COPY above sends them, in order. */
const enum F {
  N,
  Day,
  Stage,
  Source,
  UtmSource,
  UtmMedium,
  Category,
  Campaign,
  Channel,
}

/** Gathers the cells of the activities as they arrive: (group, developer) per cell, repeats included. */
class CellGatherer {
  /** Per group, in the order met: its dim, stage and day. */
  private groupDim = new Int32Array(1024);
  private groupStage = new Int32Array(1024);
  private groupDay = new Int32Array(1024);
  private groupCount = 0;
  /** Per dim, per stage, a day's group: Maps keyed by small integers (a key past 2^31 is a double, hashed 5× slower). */
  private readonly groupOf: (Map<number, number> | undefined)[][] = [];
  /** Every dim's name, by its number in the order met. */
  private readonly dimNames: string[] = [''];
  /** Per kind, a value's bytes to its dim's number. */
  private readonly kinds = {
    source: new Dictionary(),
    utmSource: new Dictionary(),
    utmMedium: new Dictionary(),
    category: new Dictionary(),
    campaign: new Dictionary(),
    channel: new Dictionary(),
  };
  private readonly pairs = new Map<number, number>();
  private maxN = -1;

  constructor(private readonly cells: CellParts) {}

  /** For the trace: the chunks, and whether they were written to files to be grouped one at a time. */
  get chunks(): string {
    return `${this.cells.count} chunks${this.cells.overBudget ? ', one at a time' : ''}`;
  }

  close(): void {
    this.cells.close();
  }

  activity(buf: Buffer, at: Int32Array, len: Int32Array): void {
    const n = buf.readInt32BE(at[F.N]!);
    const day = buf.readInt32BE(at[F.Day]!);
    if (day < 0 || day >= 65536) throw new Error(`an activity's funnel day ${day} is outside the funnel's range`);
    if (n > this.maxN) this.maxN = n;
    this.cell(0, ACTIVE, day, n);
    if (len[F.Stage]! < 0) return;
    const stage = buf.readInt16BE(at[F.Stage]!);
    this.cell(0, stage, day, n);
    const source = this.dim(this.kinds.source, 'source:', buf, at[F.Source]!, len[F.Source]!);
    this.cell(source, stage, day, n);
    if (len[F.UtmSource]! >= 0)
      this.cell(this.dim(this.kinds.utmSource, 'utm_source:', buf, at[F.UtmSource]!, len[F.UtmSource]!), stage, day, n);
    if (len[F.UtmMedium]! >= 0)
      this.cell(this.dim(this.kinds.utmMedium, 'utm_medium:', buf, at[F.UtmMedium]!, len[F.UtmMedium]!), stage, day, n);
    if (len[F.Category]! >= 0) this.cell(this.dim(this.kinds.category, 'category:', buf, at[F.Category]!, len[F.Category]!), stage, day, n);
    if (len[F.Campaign]! < 0) return;
    const campaign = this.dim(this.kinds.campaign, 'campaign:', buf, at[F.Campaign]!, len[F.Campaign]!);
    this.cell(campaign, stage, day, n);
    this.cell(this.pair(campaign, source), stage, day, n);
    if (len[F.Channel]! >= 0) this.cell(this.dim(this.kinds.channel, 'channel:', buf, at[F.Channel]!, len[F.Channel]!), stage, day, n);
  }

  names(): string[] {
    return this.dimNames;
  }

  /** The cells grouped a part at a time, repeats dropped; `rank` is each dim's place in `order by dim`. */
  group(rank: readonly number[]): GroupedCells {
    const { cells, groupCount, groupDim, groupStage, groupDay, dimNames } = this;
    // The groups in (dim in `order by dim`, stage, day) order, the same for every part.
    const keys = new Float64Array(groupCount);
    for (let g = 0; g < groupCount; g++) keys[g] = (rank[groupDim[g]!]! * 32768 + groupStage[g]!) * 65536 + groupDay[g]!;
    const byKey = Int32Array.from({ length: groupCount }, (_, g) => g).sort((a, b) => keys[a]! - keys[b]!);
    // A stamp per developer marks the last group it was kept in; the parts' developers are disjoint, so one serves all.
    const seen = new Int32Array(this.maxN + 1);
    return {
      met: cells.size,
      oneAtATime: cells.overBudget,
      async *parts() {
        // Under the budget every cell is in memory (cell-spill.ts): grouped at once, as one part of every chunk.
        const last = cells.count - 1;
        const plan = cells.overBudget
          ? Array.from({ length: cells.count }, (_, p) => ({ from: p, to: p === last ? CHUNKS_END : p + 1, parts: [p] }))
          : [{ from: 0, to: CHUNKS_END, parts: Array.from({ length: cells.count }, (_, p) => p) }];
        for (let i = 0; i < plan.length; i++) {
          const { from, to, parts } = plan[i]!;
          if (i > 0) await collectGarbage();
          const started = performance.now();
          // Counting sort of the cells' developers by group, the part's cells read twice (cell-spill.ts: streamed from
          // its file past the budget, never held whole beside the sort).
          const starts = new Int32Array(groupCount + 1);
          for (const p of parts) cells.forEach(p, (_n, g) => starts[g + 1]!++);
          for (let g = 1; g <= groupCount; g++) starts[g]! += starts[g - 1]!;
          let sorted = new Int32Array(starts[groupCount]!);
          const at = starts.slice(0, groupCount);
          for (const p of parts) {
            cells.forEach(p, (n, g) => (sorted[at[g]!++] = n));
            cells.drop(p);
          }
          // The cells as met (8 bytes each) are dead now, before the part's rows and funnel_cells are built.
          if (plan.length > 1) await collectGarbage();
          // Each group's developers once, moved down in place.
          const ends = new Int32Array(groupCount);
          let kept = 0;
          for (let g = 0; g < groupCount; g++) {
            const first = starts[g]!;
            starts[g] = kept;
            for (let j = first, end = starts[g + 1]!; j < end; j++) {
              const n = sorted[j]!;
              if (seen[n] === g + 1) continue;
              seen[n] = g + 1;
              sorted[kept++] = n;
            }
            ends[g] = kept;
          }
          if (plan.length > 1) traceStep(`derived: funnel cells of chunk ${from} grouped (${kept} cells)`, started);
          yield {
            from,
            to,
            size: kept,
            release() {
              sorted = new Int32Array(0);
            },
            *dims() {
              let rows: CellRow[] = [];
              if (sorted.length === 0) return;
              for (const g of byKey) {
                // A group none of the part's developers reach.
                if (ends[g] === starts[g]) continue;
                const dim = dimNames[groupDim[g]!]!;
                if (rows.length > 0 && rows[0]!.dim !== dim) {
                  yield rows;
                  rows = [];
                }
                rows.push({ dim, stage: groupStage[g]!, day: groupDay[g]!, ns: sorted.subarray(starts[g]!, ends[g]!) });
              }
              if (rows.length > 0) yield rows;
            },
          };
        }
      },
      close: () => cells.close(),
    };
  }

  private dim(kind: Dictionary, prefix: string, buf: Buffer, at: number, len: number): number {
    let dim = kind.get(buf, at, len);
    if (dim === undefined) {
      dim = this.newDim(prefix + buf.toString('utf8', at, at + len));
      kind.set(buf, at, len, dim);
    }
    return dim;
  }

  private pair(campaign: number, source: number): number {
    const key = campaign * PAIR + source;
    let dim = this.pairs.get(key);
    if (dim === undefined) {
      // 'campaign:<id>|source:<source>': the campaign's and the source's names joined.
      dim = this.newDim(`${this.dimNames[campaign]!}|${this.dimNames[source]!}`);
      this.pairs.set(key, dim);
    }
    return dim;
  }

  private newDim(name: string): number {
    if (this.dimNames.length >= Math.min(MAX_DIMS, PAIR)) throw new Error('too many funnel dims to group in memory');
    this.dimNames.push(name);
    return this.dimNames.length - 1;
  }

  private cell(dim: number, stage: number, day: number, n: number): void {
    const stages = (this.groupOf[dim] ??= []);
    const days = (stages[stage] ??= new Map<number, number>());
    let group = days.get(day);
    if (group === undefined) {
      group = this.groupCount++;
      if (group === this.groupDim.length) {
        this.groupDim = grown(this.groupDim);
        this.groupStage = grown(this.groupStage);
        this.groupDay = grown(this.groupDay);
      }
      this.groupDim[group] = dim;
      this.groupStage[group] = stage;
      this.groupDay[group] = day;
      days.set(day, group);
    }
    this.cells.push(n, group);
  }
}

/**
 * Values (bytes) to numbers, looked up without making a string of each value met: a string per field was a
 * third of the read's CPU. Keyed by the bytes' FNV-1a hash, each hash's values compared byte by byte.
 */
class Dictionary {
  private readonly byHash = new Map<number, { bytes: Buffer; value: number }[]>();

  get(buf: Buffer, at: number, len: number): number | undefined {
    const entries = this.byHash.get(hash(buf, at, len));
    if (entries === undefined) return undefined;
    for (const { bytes, value } of entries) {
      if (bytes.length !== len) continue;
      let i = 0;
      while (i < len && bytes[i] === buf[at + i]) i++;
      if (i === len) return value;
    }
    return undefined;
  }

  set(buf: Buffer, at: number, len: number, value: number): void {
    const h = hash(buf, at, len);
    const entry = { bytes: Buffer.from(buf.subarray(at, at + len)), value };
    const entries = this.byHash.get(h);
    if (entries) entries.push(entry);
    else this.byHash.set(h, [entry]);
  }
}

/** FNV-1a (32 bits, as a small integer: a Map key hashed fast) of buf[at, at + len). */
function hash(buf: Buffer, at: number, len: number): number {
  let h = 0x811c9dc5;
  for (let i = at, end = at + len; i < end; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
  return h & 0x3fffffff;
}
