/**
 * CSV import throughput. Generates a realistic activities CSV (default 1M rows,
 * ≈50k developers with several accounts each), imports it into a fresh data
 * directory through the app's handlers, and compares with the physical floor
 * measured in the same run: a plain COPY of the same, already-resolved rows
 * into a fresh table of the activities schema (same indexes and foreign keys).
 * Target: ratio ≥ 1.0 and peak RSS < 400 MB.
 *
 *   npm run bench:import                 # 1M rows
 *   BENCH_ROWS=200000 npm run bench:import
 */
import { chmodSync, createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { startCore } from '../src-main/core/index';
import { generateDataset } from './dataset';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const DEVELOPERS = Math.round(ROWS / 20);

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

// Peak RSS of this process (main thread and the parse worker), sampled as it runs.
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

async function main() {
  const parent = mkdtempSync(join(tmpdir(), 'drm-bench-import-'));
  chmodSync(parent, 0o711); // as root, PostgreSQL (user postgres) must pass through
  try {
    const t0 = performance.now();
    // Generated in a child process, so that this process's peak RSS is the import's alone.
    const out = join(parent, 'csv');
    await generateDataset(out, { developers: DEVELOPERS, activities: ROWS, seed: 42 });
    const file = {
      path: join(out, 'activities.csv'),
      rows: ROWS,
      bytes: statSync(join(out, 'activities.csv')).size,
      options: { timezone: 'Asia/Tokyo' },
    };
    console.log(
      `generated ${file.rows.toLocaleString('en-US')} activity rows for ${DEVELOPERS.toLocaleString('en-US')} developers (${mb(file.bytes)}) in ${seconds(performance.now() - t0)}`,
    );

    const core = await startCore({ dataDir: join(parent, 'data') });
    try {
      peakRss = process.memoryUsage().rss;
      const started = performance.now();
      const start = await core.handlers['import:start']({
        fileHandle: (await core.files.register(file.path)).fileHandle,
        type: 'activities',
        options: file.options,
      });
      if (!start.ok) throw new Error(start.error.message);
      const status = await core.importer.settled(start.value.jobId);
      const importMs = performance.now() - started;
      const job = await core.handlers['import:get-job']({ jobId: start.value.jobId });
      if (!job.ok || status !== 'succeeded') throw new Error(`import ${status}: ${job.ok ? job.value.message : job.error.message}`);
      const { inserted, duplicates, rowsRead } = job.value;
      const importRate = rowsRead / (importMs / 1000);

      const baseline = await copyBaseline(dataUrl(parent), parent);
      const baselineRate = baseline.rows / (baseline.ms / 1000);

      console.log('');
      console.log(
        `import   ${rowsRead.toLocaleString('en-US')} rows in ${seconds(importMs)}  ${Math.round(importRate).toLocaleString('en-US')} rows/s  (activities ${inserted.activities}, developers ${inserted.developers}, accounts ${inserted.accounts}, identifiers ${inserted.identifiers}, duplicates ${duplicates})`,
      );
      console.log(
        `baseline plain COPY of the resolved rows into a fresh activities table: ${baseline.rows.toLocaleString('en-US')} rows in ${seconds(baseline.ms)}  ${Math.round(baselineRate).toLocaleString('en-US')} rows/s`,
      );
      console.log(`ratio    ${(importRate / baselineRate).toFixed(2)}  (target ≥ 1.00)`);
      console.log(`peak RSS ${mb(peakRss)}  (target < 400 MB; PostgreSQL is a separate process)`);
    } finally {
      await core.stop();
    }
  } finally {
    clearInterval(sampler);
    rmSync(parent, { recursive: true, force: true });
  }
}

/** The app's own connection string for the embedded server of this run. */
function dataUrl(parent: string): string {
  const read = (name: string) => JSON.parse(readFileSync(join(parent, 'data', name), 'utf8')) as unknown;
  const owner = read('server.json') as { port: number };
  const credentials = read('credentials.json') as { appPassword: string };
  return `postgres://drm:${encodeURIComponent(credentials.appPassword)}@127.0.0.1:${owner.port}/drm`;
}

async function copyBaseline(url: string, parent: string): Promise<{ rows: number; ms: number }> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const dump = join(parent, 'resolved.copy');
    await pipeline(client.query(copyTo('COPY activities TO STDOUT')), createWriteStream(dump));
    // Same columns, defaults, indexes and foreign keys as activities; empty, like a fresh install.
    await client.query('create table bench_activities (like activities including all)');
    for (const [column, table] of [
      ['tenant_id', 'tenants'],
      ['developer_id', 'developers'],
      ['account_id', 'accounts'],
      ['resource_id', 'resources'],
    ]) {
      await client.query(`alter table bench_activities add foreign key (${column}) references ${table}`);
    }
    const started = performance.now();
    await pipeline(createReadStream(dump), client.query(copyFrom('COPY bench_activities FROM STDIN')));
    const ms = performance.now() - started;
    const rows = Number((await client.query<{ n: string }>('select count(*) as n from bench_activities')).rows[0]!.n);
    console.log(`(resolved rows dump: ${mb(statSync(dump).size)})`);
    return { rows, ms };
  } finally {
    await client.end();
  }
}

await main();
