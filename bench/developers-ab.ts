/**
 * bench:developers' comparison of the two ways the Developers page is
 * answered: the in-memory index (developers/search-index/, in its worker)
 * and the SQL path as the same-run baseline, timed alternately (A/B) per
 * query kind, each answer checked — the totals against plain JavaScript over
 * the exported rows (developers-check.ts), the index's page id for id
 * against the SQL path's. Any difference is a mismatch (exit 1).
 */
import { cpus, loadavg } from 'node:os';
import pg from 'pg';
import { dbOn } from '../src-main/core/db/db';
import { DEFAULT_TENANT } from '../src-main/core/db/seed';
import { listDevelopers } from '../src-main/core/developers/list';
import { createSearchIndexClient, type SearchIndexClient } from '../src-main/core/developers/search-index/client';
import { developerListQuery, type DeveloperListQuery } from '../src-shared/contract/developers';
import { exportReference } from './developers-check';
import { percentile } from './timing';

const RUNS = Math.max(20, Number(process.env.BENCH_RUNS ?? 50));
/** Issue 12: every query kind's p50 < 30 ms at 100k developers. */
const TARGET_MS = 30;

interface Row {
  name: string;
  total: number;
  index: number[];
  sql: number[];
}

export interface Comparison {
  rows: Row[];
  mismatches: string[];
  buildMs: number;
  textBytes: number;
  developers: number;
  fallbacks: number;
  load: { before: number[]; after: number[] };
}

export async function compareWithSql(url: string, kinds: readonly [string, Partial<DeveloperListQuery>][]): Promise<Comparison> {
  const before = loadavg();
  const pool = new pg.Pool({ connectionString: url, max: 6, application_name: 'drm-desktop', options: '-c jit=off' });
  const db = dbOn(pool);
  const worker = createSearchIndexClient({ url, tenant: DEFAULT_TENANT });
  let fallbacks = 0;
  // The same client, counting the questions it left to SQL: a timed "index" run that fell back would measure SQL.
  const index: SearchIndexClient = {
    ...worker,
    query: async (tenant, query) => {
      const answer = await worker.query(tenant, query);
      if (!answer) fallbacks++;
      return answer;
    },
  };
  try {
    const t0 = performance.now();
    await worker.query(DEFAULT_TENANT, { key: '', sort: 'lastActivity', reverse: false, offset: 0, size: 1 });
    await worker.settled(DEFAULT_TENANT);
    const buildMs = performance.now() - t0;
    const reference = await exportReference(pool, DEFAULT_TENANT);
    const rows: Row[] = [];
    const mismatches: string[] = [];
    for (const [name, input] of kinds) {
      const query = developerListQuery.parse({ ...input });
      const sql = await listDevelopers(db, DEFAULT_TENANT, query);
      const fromIndex = await listDevelopers(db, DEFAULT_TENANT, query, index);
      const expected = reference.total(query);
      if (sql.total !== expected) mismatches.push(`${name}: SQL total ${sql.total}, plain JS ${expected}`);
      if (fromIndex.total !== expected) mismatches.push(`${name}: index total ${fromIndex.total}, plain JS ${expected}`);
      const [a, b] = [sql.rows.map((r) => r.developerId).join(), fromIndex.rows.map((r) => r.developerId).join()];
      if (a !== b) mismatches.push(`${name}: the index's page differs from the SQL path's`);
      const row: Row = { name, total: expected, index: [], sql: [] };
      for (let run = -3; run < RUNS; run++) {
        // A/B, alternating which goes first; the first three rounds warm caches and plans.
        const order = run % 2 === 0 ? (['index', 'sql'] as const) : (['sql', 'index'] as const);
        for (const path of order) {
          const started = performance.now();
          await listDevelopers(db, DEFAULT_TENANT, query, path === 'index' ? index : undefined);
          if (run >= 0) row[path].push(performance.now() - started);
        }
      }
      row.index.sort((x, y) => x - y);
      row.sql.sort((x, y) => x - y);
      rows.push(row);
    }
    if (fallbacks > 0) mismatches.push(`${fallbacks} question(s) were answered by SQL instead of the index`);
    return {
      rows,
      mismatches,
      buildMs,
      textBytes: reference.textBytes,
      developers: reference.rows,
      fallbacks,
      load: { before, after: loadavg() },
    };
  } finally {
    await worker.close();
    await pool.end();
  }
}

export function printComparison(c: Comparison): void {
  const ms = (values: number[], p: number) => percentile(values, p).toFixed(1).padStart(6);
  console.log(
    `machine: ${cpus().length} CPUs, load ${c.load.before.map((x) => x.toFixed(1)).join(' ')} before, ${c.load.after
      .map((x) => x.toFixed(1))
      .join(' ')} after; Node ${process.version}`,
  );
  console.log(
    `search index: ${c.developers.toLocaleString('en-US')} developers, ${(c.textBytes / 1048576).toFixed(1)} MB of folded text, built in ${(c.buildMs / 1000).toFixed(1)} s (in its worker)\n`,
  );
  const width = Math.max(...c.rows.map((r) => r.name.length));
  console.log(`${'query kind'.padEnd(width)}  runs  index p50    p95 |  SQL p50    p95 |  target  result  total`);
  for (const r of c.rows) {
    const p50 = percentile(r.index, 50);
    console.log(
      `${r.name.padEnd(width)}  ${String(r.index.length).padStart(4)}  ${ms(r.index, 50)} ms ${ms(r.index, 95)} | ${ms(r.sql, 50)} ms ${ms(r.sql, 95)} |  < ${TARGET_MS} ms  ${p50 < TARGET_MS ? 'ok  ' : 'MISS'}  ${r.total.toLocaleString('en-US')}`,
    );
  }
  console.log(
    `answers checked: ${c.rows.length} kinds, ${c.mismatches.length === 0 ? 'all equal' : `${c.mismatches.length} MISMATCH(ES)`}`,
  );
}
