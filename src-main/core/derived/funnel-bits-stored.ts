/**
 * The rows derived.funnel_bits holds for a tenant, read one dim at a time
 * as hashes of their bits or members (funnel-sparse.ts), for a refresh that builds
 * every row ('all': `stats rebuild`, a settings change). It compares what it
 * builds with them and writes only the rows that differ: storing a row
 * costs the server a compression of its 8 kB, and a rebuild that changes
 * nothing used to store every row again (41 s of a 65 s rebuild at 200k
 * activities). Rows it no longer builds are deleted.
 *
 * A refresh built a part at a time (funnel-cells-grouped.ts: one chunk of
 * developer numbers) names each part's chunks first (part()): a dim's rows
 * are then read for those chunks only, and what the part did not build is
 * noted for deleteLeft before the next part's are read, so that only one
 * part's stored hashes are held.
 */
import type { SqlClient } from '../db/db';
import { CHUNKS_END } from './funnel-nodes';
import { rowHashSql } from './funnel-sparse';

const key = (stage: number, node: number, chunk: number) => `${stage}:${node}:${chunk}`;

/** One dim's stored rows, struck off as the refresh builds them. */
export class StoredDim {
  constructor(private readonly rows: Map<string, string>) {}

  /** The stored hash of the row (undefined: none), which is then no longer left over. */
  take(stage: number, node: number, chunk: number): string | undefined {
    const k = key(stage, node, chunk);
    const hash = this.rows.get(k);
    this.rows.delete(k);
    return hash;
  }

  /** Rows stored but not built: (stage, node, chunk). */
  left(): [number, number, number][] {
    return [...this.rows.keys()].map((k) => k.split(':').map(Number) as [number, number, number]);
  }
}

/** Every chunk: the range read before any part is named. */
const ALL = { from: 0, to: CHUNKS_END };

interface Chunks {
  from: number;
  to: number;
}

export class StoredRows {
  /** The dims read for the current part's chunks (or every chunk, when no part is named). */
  private readonly dims = new Map<string, StoredDim>();
  private current: Chunks | undefined;
  /** Stored rows not built, of the parts done: (dim, stage, node, chunk). */
  private readonly left: [string[], number[], number[], number[]] = [[], [], [], []];
  /** The parts done and the dims each built: their other dims' rows were not built. */
  private readonly done: (Chunks & { dims: string[] })[] = [];
  /** Whether the tenant has no row at all (a first import, which writes its rows without reading any: funnel-bits.ts). */
  private none: Promise<boolean> | undefined;

  constructor(
    private readonly client: SqlClient,
    private readonly tenant: string,
  ) {}

  /** Whether the tenant has no row at all (read once; call while no COPY runs on the connection). */
  empty(): Promise<boolean> {
    this.none ??= this.client
      .query<{ none: boolean }>('select not exists (select 1 from derived.funnel_bits where tenant_id = $1) as none', [this.tenant])
      .then((r) => r.rows[0]!.none);
    return this.none;
  }

  /** The next part's chunks, [from, to): the dims read from now on are read for those only. */
  part(from: number, to: number): void {
    if (this.current) this.settle();
    this.current = { from, to };
  }

  /** The stored rows of `dim` in the current part's chunks (read once; call while no COPY runs on the connection). */
  async dim(dim: string): Promise<StoredDim> {
    let stored = this.dims.get(dim);
    if (!stored) {
      const { from, to } = this.current ?? ALL;
      const { rows } = await this.client.query<{ stage: number; node: number; chunk: number; hash: string }>(
        `select stage, node, chunk, ${rowHashSql('b')} as hash from derived.funnel_bits b
          where tenant_id = $1 and dim = $2 and chunk >= $3 and chunk < $4`,
        [this.tenant, dim, from, to],
      );
      stored = new StoredDim(new Map(rows.map((r) => [key(r.stage, r.node, r.chunk), r.hash])));
      this.dims.set(dim, stored);
    }
    return stored;
  }

  /** Deletes every stored row that was not built: those left in the dims read, and, in each part, all rows of the dims it never read. */
  async deleteLeft(): Promise<void> {
    this.settle();
    const [dims, stages, nodes, chunks] = this.left;
    if (dims.length > 0) {
      await this.client.query(
        `delete from derived.funnel_bits b using unnest($2::text[], $3::smallint[], $4::int[], $5::int[]) t(dim, stage, node, chunk)
          where b.tenant_id = $1 and b.dim = t.dim and b.stage = t.stage and b.node = t.node and b.chunk = t.chunk`,
        [this.tenant, dims, stages, nodes, chunks],
      );
    }
    for (const { from, to, dims: read } of this.done)
      await this.client.query(
        'delete from derived.funnel_bits where tenant_id = $1 and chunk >= $2 and chunk < $3 and dim <> all($4::text[])',
        [this.tenant, from, to, read],
      );
  }

  /** The current part done: its rows not built noted, its dims let go. */
  private settle(): void {
    for (const [dim, stored] of this.dims) {
      for (const [stage, node, chunk] of stored.left()) {
        this.left[0].push(dim);
        this.left[1].push(stage);
        this.left[2].push(node);
        this.left[3].push(chunk);
      }
    }
    this.done.push({ ...(this.current ?? ALL), dims: [...this.dims.keys()] });
    this.dims.clear();
    this.current = undefined;
  }
}
