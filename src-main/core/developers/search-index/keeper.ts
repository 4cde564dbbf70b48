/**
 * Keeps one SearchIndex per tenant current with derived.developer_search, on
 * a connection of its own (in the worker thread, see worker.ts).
 *
 * Before each answer it reads the tenant's version (derived/search-version.ts)
 * and applies only what is newer: tombstones, then rows, in one snapshot
 * (rows that exist are current; a tombstone only names a row that is gone).
 * A tenant not loaded yet, rewritten whole (the floor passed the index), or
 * with more changed rows than a quick catch-up allows is (re)loaded in the
 * background while the caller answers from SQL (`null`). A tenant above
 * `maxRows` is never loaded: SQL answers it.
 */
import type pg from 'pg';
import { SearchIndex, type IndexAnswer, type IndexQuery, type IndexRow } from './index-data';

/** Changed rows applied before answering; more are applied in the background. */
const QUICK_CATCH_UP_ROWS = 20_000;

type Client = Pick<pg.Client, 'query'>;

interface Loaded {
  index: SearchIndex;
  version: number;
  /** The floor when loaded: a new one means every row was rewritten (a rebuild, a restore), whatever the version says. */
  floor: number;
}

interface TenantState {
  loaded?: Loaded;
  /** A load or a long catch-up running in the background. */
  loading?: Promise<void>;
  tooLarge?: boolean;
  /** The last background failure, retried at the next question. */
  failed?: unknown;
}

interface RowRecord {
  id: string;
  text: string;
  sort_name: string | null;
  org_id: string | null;
  tags: string[] | null;
  providers: string[];
  stage: number | null;
  total: string;
  last: string | null;
}

const ROW_SQL = `select ds.developer_id as id, ds.search_text as text, ds.sort_name, ds.org_id, ds.tags, ds.providers,
       ds.highest_stage as stage, ds.total_actions as total,
       (extract(epoch from ds.last_action_at) * 1000000)::int8 as last
  from derived.developer_search ds where ds.tenant_id = $1`;

const toRow = (r: RowRecord): IndexRow => ({
  id: r.id,
  text: r.text,
  sortName: r.sort_name,
  orgId: r.org_id,
  tags: r.tags ?? [],
  providers: r.providers,
  stage: r.stage,
  total: Number(r.total),
  lastAction: r.last === null ? null : Number(r.last),
});

export interface KeeperOptions {
  /** Tenants with more developers than this are answered by SQL. */
  maxRows: number;
}

export class IndexKeeper {
  private readonly tenants = new Map<string, TenantState>();
  private nameFromSql: boolean | undefined;

  constructor(
    private readonly client: Client,
    private readonly options: KeeperOptions,
  ) {}

  /** The answer from memory, or null when SQL must answer (not loaded yet, too large, catching up). */
  async answer(tenant: string, query: IndexQuery): Promise<IndexAnswer | null> {
    const state = this.state(tenant);
    if (state.tooLarge || state.loading) return null;
    if (!state.loaded) {
      this.inBackground(state, () => this.load(tenant, state));
      return null;
    }
    const current = await this.catchUp(tenant, state, state.loaded, query.sort === 'name');
    return current ? current.index.query(query) : null;
  }

  /** An eager catch-up (after db:changed); answers never depend on it. */
  async refresh(tenant: string): Promise<void> {
    const state = this.state(tenant);
    if (state.loaded && !state.loading && !state.tooLarge) await this.catchUp(tenant, state, state.loaded, false);
  }

  /** For tests and the README's figure: the tenant's index, once loaded. */
  loadedIndex(tenant: string): SearchIndex | undefined {
    return this.tenants.get(tenant)?.loaded?.index;
  }

  /** Resolves when no background work is running for the tenant (tests, the bench). */
  async settled(tenant: string): Promise<void> {
    for (let state = this.tenants.get(tenant); state?.loading;) await state.loading;
  }

  private state(tenant: string): TenantState {
    let state = this.tenants.get(tenant);
    if (!state) this.tenants.set(tenant, (state = {}));
    return state;
  }

  private inBackground(state: TenantState, work: () => Promise<void>): void {
    state.loading = work()
      .then(() => (state.failed = undefined))
      .catch((error: unknown) => {
        state.failed = error;
      })
      .finally(() => (state.loading = undefined));
  }

  private async byteOrderNames(): Promise<boolean> {
    if (this.nameFromSql === undefined) {
      // datlocprovider is PostgreSQL 15's; through jsonb, 14 reads null (libc) instead of failing.
      const { rows } = await this.client.query<{ provider: string | null; collate: string }>(
        `select to_jsonb(d) ->> 'datlocprovider' as provider, d.datcollate as collate from pg_database d where d.datname = current_database()`,
      );
      const r = rows[0];
      this.nameFromSql = !(r && (r.provider === 'b' || ['C', 'POSIX'].includes(r.collate)));
    }
    return !this.nameFromSql;
  }

  /** Reads every row of the tenant and its version in one snapshot. */
  private async load(tenant: string, state: TenantState): Promise<void> {
    const nameFromSql = !(await this.byteOrderNames());
    await this.snapshot(async () => {
      const { rows: counted } = await this.client.query<{ n: number }>(
        'select count(*)::int as n from derived.developer_search where tenant_id = $1',
        [tenant],
      );
      if (counted[0]!.n > this.options.maxRows) {
        state.tooLarge = true;
        state.loaded = undefined;
        return;
      }
      const version = await this.version(tenant);
      const index = new SearchIndex({ nameFromSql });
      index.upsert((await this.client.query<RowRecord>(ROW_SQL, [tenant])).rows.map(toRow));
      if (nameFromSql) await this.readNameOrder(tenant, index);
      state.loaded = { index, version: version.version, floor: version.floor };
    });
  }

  /** Applies what is newer than the index; null when it is reloading instead (SQL answers meanwhile). */
  private async catchUp(tenant: string, state: TenantState, loaded: Loaded, nameOrder: boolean): Promise<Loaded | null> {
    // Most questions find nothing new: one statement, no transaction.
    const unchanged = await this.exclusive(async () => {
      const { version, floor } = await this.version(tenant);
      return version === loaded.version && floor === loaded.floor && !(nameOrder && loaded.index.needsNameOrder);
    });
    if (unchanged) return loaded;
    return this.snapshot(async () => {
      const { version, floor } = await this.version(tenant);
      const rewritten = floor !== loaded.floor || version < loaded.version;
      if (rewritten) {
        this.inBackground(state, () => this.load(tenant, state));
        return null;
      }
      if (version > loaded.version) {
        const { rows } = await this.client.query<{ n: number }>(
          'select count(*)::int as n from derived.developer_search where tenant_id = $1 and version > $2',
          [tenant, loaded.version],
        );
        if (rows[0]!.n > QUICK_CATCH_UP_ROWS) {
          this.inBackground(state, () => this.snapshot(() => this.applyNewer(tenant, loaded)));
          return null;
        }
        await this.applyNewer(tenant, loaded);
      }
      if (nameOrder && loaded.index.needsNameOrder) await this.readNameOrder(tenant, loaded.index);
      return loaded;
    });
  }

  /** Tombstones, then rows, newer than the index; call inside snapshot(). */
  private async applyNewer(tenant: string, loaded: Loaded): Promise<void> {
    const { version } = await this.version(tenant);
    const gone = await this.client.query<{ id: string }>(
      'select developer_id as id from derived.developer_search_gone where tenant_id = $1 and version > $2',
      [tenant, loaded.version],
    );
    loaded.index.remove(gone.rows.map((r) => r.id));
    const { rows } = await this.client.query<RowRecord>(`${ROW_SQL} and ds.version > $2`, [tenant, loaded.version]);
    loaded.index.upsert(rows.map(toRow));
    loaded.version = version;
  }

  private async readNameOrder(tenant: string, index: SearchIndex): Promise<void> {
    const { rows } = await this.client.query<{ id: string }>(
      'select developer_id as id from derived.developer_search where tenant_id = $1 order by sort_name, developer_id',
      [tenant],
    );
    index.setNameOrder(rows.map((r) => r.id));
  }

  private async version(tenant: string): Promise<{ version: number; floor: number }> {
    const { rows } = await this.client.query<{ version: string; floor: string }>(
      'select version, floor from derived.search_version where tenant_id = $1',
      [tenant],
    );
    return rows[0] ? { version: Number(rows[0].version), floor: Number(rows[0].floor) } : { version: 0, floor: 0 };
  }

  /** Runs `work` in one read-only repeatable-read transaction: the version and the rows it reads agree. */
  private snapshot<T>(work: () => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      await this.client.query('begin isolation level repeatable read read only');
      try {
        const result = await work();
        await this.client.query('commit');
        return result;
      } catch (error) {
        await this.client.query('rollback').catch(() => undefined);
        throw error;
      }
    });
  }

  private queue: Promise<unknown> = Promise.resolve();
  /**
   * Runs `work` alone on the connection: a statement sent while another
   * question's transaction is open would read that transaction's older
   * snapshot, and could miss a write the caller has already seen committed.
   */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
