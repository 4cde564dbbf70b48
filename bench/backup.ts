/**
 * Backup and restore throughput (issue 9). Generates a realistic dataset
 * (default 1M activities, 100k developers, campaigns and budgets), imports it
 * through the app's handlers into a fresh embedded PostgreSQL, then times, in
 * the same run and on the same data:
 *
 *   - the app's backup (one snapshot, COPY per table, SHA-256, brotli 0,
 *     framing), and the same with gzip level 1 and without compression, for
 *     the choice of codec;
 *   - the baseline: a plain COPY … TO STDOUT of the same tables, in one
 *     transaction, into a file per table (target: backup ≥ 0.8 of its MB/s),
 *     and the same with the files synced to disk, as a backup's file is;
 *   - the app's restore (read through and checked, then one transaction:
 *     migrate, load, keys, migrate forward, derived rebuilt) into a fresh
 *     database, against a plain COPY … FROM of the baseline files into the
 *     same, freshly migrated tables (foreign-key triggers off, as superuser).
 *
 * MB/s are of uncompressed COPY text. Prints the machine, the runs and each
 * run's times; the median decides. Peak RSS is this process's during the
 * backups and restores (PostgreSQL is a separate process).
 *
 *   npm run bench:backup                                 # 1M activities, 3 runs
 *   npm run bench:backup -- --activities 200000 --runs 7
 *   BENCH_ROWS=200000 npm run bench:backup
 */
import { chmodSync, createReadStream, createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { cpus, freemem, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { qualified, quoteIdent, readTables } from '../src-main/core/backup/catalog';
import type { TableStart } from '../src-main/core/backup/format';
import { writeBackup, COPY_SESSION } from '../src-main/core/backup/write';
import { withConnection } from '../src-main/core/db/connect';
import { runMigrations } from '../src-main/core/db/migrate';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src-main/core/db/postgres';
import { startCore } from '../src-main/core/index';
import { resolveMigrationsDir } from '../src-main/core/paths';
import type { Core } from '../src-main/core/types';
import { generateDataset, importOrThrow } from './dataset';
import { percentile } from './timing';

const { values: args } = parseArgs({
  options: {
    activities: { type: 'string', default: process.env.BENCH_ROWS ?? '1000000' },
    developers: { type: 'string' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '42' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
const usage = `usage: npm run bench:backup -- [--activities N] [--developers N] [--runs N] [--seed S]
  --activities  activity rows to generate (default 1,000,000, or BENCH_ROWS)
  --developers  developers.csv rows (default activities / 10)
  --runs        timed runs of each measurement (default 3); the median is reported`;

const n = (x: number) => x.toLocaleString('en-US');
const mb = (bytes: number) => bytes / 1024 / 1024;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
const migrationsDir = resolveMigrationsDir({ packaged: false });

let peakRss = 0;
let sampling = false;
const sampler = setInterval(() => {
  if (sampling) peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

async function importAll(core: Core, dir: string): Promise<void> {
  for (const [file, type] of [
    ['campaigns.csv', 'campaigns'],
    ['budgets.csv', 'budgets'],
    ['developers.csv', 'developers'],
    ['activities.csv', 'activities'],
  ] as const) {
    await importOrThrow(core, join(dir, file), type);
  }
}

/**
 * Plain COPY … TO STDOUT of every table, in one snapshot, each into a file;
 * with `sync`, each file is also synced to disk, as a backup's is.
 */
async function copyOut(url: string, dir: string, sync = false): Promise<{ ms: number; bytes: number; stored: number }> {
  mkdirSync(dir, { recursive: true });
  return withConnection(url, async (client) => {
    const started = performance.now();
    await client.query('begin isolation level repeatable read, read only');
    await client.query(COPY_SESSION);
    let bytes = 0;
    let stored = 0;
    for (const table of await readTables(client)) {
      const file = join(dir, `${table.schema}.${table.name}`);
      const source = client.query(copyTo(`COPY ${qualified(table)} (${table.columns.map(quoteIdent).join(', ')}) TO STDOUT`));
      source.on('data', (chunk: Buffer) => (bytes += chunk.length));
      await pipeline(source, createWriteStream(file));
      if (sync) {
        const handle = await open(file, 'r+');
        await handle.sync();
        await handle.close();
      }
      stored += statSync(file).size;
    }
    await client.query('commit');
    return { ms: performance.now() - started, bytes, stored };
  });
}

/** Plain COPY … FROM of the baseline files into freshly migrated, empty tables: keys kept, FK triggers off. */
async function copyIn(superuserUrl: string, database: string, dir: string, tables: TableStart[]): Promise<number> {
  const url = withDatabase(superuserUrl, database);
  await runMigrations(url, migrationsDir);
  return withConnection(url, async (client) => {
    const started = performance.now();
    await client.query('begin');
    await client.query(`${COPY_SESSION}; set local session_replication_role = replica`);
    // The migrations recorded themselves; the file has the source's record of them.
    await client.query('delete from schema_migrations');
    for (const table of tables) {
      const target = client.query(copyFrom(`COPY ${qualified(table)} (${table.columns.map(quoteIdent).join(', ')}) FROM STDIN`));
      await pipeline(createReadStream(join(dir, `${table.schema}.${table.name}`)), target);
    }
    await client.query('commit');
    return performance.now() - started;
  });
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function createDatabase(server: EmbeddedPostgres, name: string): Promise<string> {
  await withConnection(server.superuserUrl, (c) => c.query(`create database ${name} owner drm`));
  return withDatabase(server.url, name);
}

async function dropDatabase(server: EmbeddedPostgres, name: string): Promise<void> {
  await withConnection(server.superuserUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
}

interface Line {
  name: string;
  ms: number[];
  bytes: number;
  stored?: number;
}

function print(lines: Line[], baseline: Line, what: string): void {
  const base = median(baseline.ms);
  console.log(`\n${what}${' '.repeat(Math.max(1, 44 - what.length))}median      MB/s  ratio   stored     runs (s)`);
  for (const line of lines) {
    const m = median(line.ms);
    const stored = line.stored === undefined ? '' : `${mb(line.stored).toFixed(0).padStart(5)} MB`;
    console.log(
      `${line.name.padEnd(44)}${seconds(m).padStart(8)}  ${(mb(line.bytes) / (m / 1000)).toFixed(0).padStart(6)}  ${(base / m).toFixed(2).padStart(5)}  ${stored.padStart(8)}   ${line.ms.map((x) => (x / 1000).toFixed(2)).join(' ')}`,
    );
  }
}

async function main(): Promise<number> {
  if (args.help) {
    console.log(usage);
    return 0;
  }
  const activities = Number(args.activities.replaceAll('_', '').replaceAll(',', ''));
  const developers = args.developers === undefined ? Math.max(100, Math.round(activities / 10)) : Number(args.developers);
  const runs = Number(args.runs);
  if (![activities, developers, runs].every((x) => Number.isSafeInteger(x) && x > 0)) throw new Error(usage);

  const parent = mkdtempSync(join(tmpdir(), 'drm-bench-backup-'));
  chmodSync(parent, 0o711); // as root, PostgreSQL (user postgres) must pass through
  const server = await startEmbeddedPostgres({ dataDir: join(parent, 'data') });
  try {
    const version = await withConnection(
      server.superuserUrl,
      async (c) => (await c.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]!.v,
    );
    console.log(
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB (${(freemem() / 2 ** 30).toFixed(0)} free), Linux ${release()}, Node ${process.version}, PostgreSQL ${version}`,
    );
    console.log(`runs: ${runs} of each measurement, in turn; the median is reported`);

    const t0 = performance.now();
    const csv = join(parent, 'csv');
    await generateDataset(csv, { developers, activities, seed: Number(args.seed) });
    const source = server.url;
    const core = await startCore({ databaseUrl: source, stateDir: join(parent, 'state') });
    try {
      await importAll(core, csv);
    } finally {
      await core.stop();
    }
    const rows = await withConnection(
      source,
      async (c) =>
        (await c.query<{ a: string; d: string }>('select (select count(*) from activities) as a, (select count(*) from developers) as d'))
          .rows[0]!,
    );
    console.log(
      `data: ${n(Number(rows.a))} activities, ${n(Number(rows.d))} developers, generated and imported in ${seconds(performance.now() - t0)}`,
    );

    const lines = {
      plain: { name: 'plain COPY TO, into files (baseline)', ms: [], bytes: 0, stored: 0 } as Line,
      synced: { name: 'plain COPY TO, files synced to disk', ms: [], bytes: 0, stored: 0 } as Line,
      backup: { name: 'backup (brotli 0, SHA-256, framing)', ms: [], bytes: 0, stored: 0 } as Line,
      gzip1: { name: 'backup with gzip 1 instead', ms: [], bytes: 0, stored: 0 } as Line,
      stored: { name: 'backup without compression', ms: [], bytes: 0, stored: 0 } as Line,
      copyIn: { name: 'plain COPY FROM the baseline files (baseline)', ms: [], bytes: 0 } as Line,
      restore: { name: 'restore (verify, load, keys, derived rebuilt)', ms: [], bytes: 0 } as Line,
    };
    let backupFile = '';
    for (let run = 1; run <= runs; run++) {
      const out = join(parent, `run-${run}`);
      const plain = await copyOut(source, join(out, 'plain'));
      Object.assign(lines.plain, { bytes: plain.bytes, stored: plain.stored }).ms.push(plain.ms);
      const synced = await copyOut(source, join(out, 'synced'), true);
      Object.assign(lines.synced, { bytes: synced.bytes, stored: synced.stored }).ms.push(synced.ms);
      rmSync(join(out, 'synced'), { recursive: true });
      for (const [key, compression] of [
        ['backup', 'brotli'],
        ['gzip1', 'gzip'],
        ['stored', 'none'],
      ] as const) {
        const file = join(out, `${key}.drmbackup`);
        sampling = true;
        const started = performance.now();
        const written = await writeBackup({ url: source, file, kind: 'manual', migrationsDir, appVersion: 'bench', compression });
        lines[key].ms.push(performance.now() - started);
        sampling = false;
        Object.assign(lines[key], { bytes: written.manifest.tables.reduce((s, t) => s + t.bytes, 0), stored: written.bytes });
        if (key === 'backup') backupFile = file;
        else rmSync(file);
      }
      const tables = await withConnection(source, readTables);
      const baselineDb = `bench_copy_${run}`;
      await createDatabase(server, baselineDb);
      lines.copyIn.ms.push(await copyIn(server.superuserUrl, baselineDb, join(out, 'plain'), tables));
      lines.copyIn.bytes = plain.bytes;
      await dropDatabase(server, baselineDb);

      const restoreDb = `bench_restore_${run}`;
      const target = await createDatabase(server, restoreDb);
      const restoreCore = await startCore({ databaseUrl: target, stateDir: join(parent, 'state') });
      try {
        sampling = true;
        const started = performance.now();
        await restoreCore.backups.restore(backupFile, { replace: false });
        lines.restore.ms.push(performance.now() - started);
        sampling = false;
        lines.restore.bytes = lines.backup.bytes;
      } finally {
        await restoreCore.stop();
      }
      await dropDatabase(server, restoreDb);
      rmSync(out, { recursive: true, force: true });
      console.log(`run ${run}/${runs} done`);
    }

    print([lines.plain, lines.synced, lines.backup, lines.gzip1, lines.stored], lines.plain, 'backup');
    print([lines.copyIn, lines.restore], lines.copyIn, 'restore');
    const ratio = median(lines.plain.ms) / median(lines.backup.ms);
    console.log(`\nbackup / plain COPY TO: ${ratio.toFixed(2)} (target ≥ 0.80) — ${ratio >= 0.8 ? 'met' : 'NOT met'}`);
    console.log(`peak RSS during backups and restores: ${mb(peakRss).toFixed(0)} MB (PostgreSQL is a separate process)`);
    console.log('(the machine may be shared: figures move with whatever else runs)');
    return 0;
  } finally {
    clearInterval(sampler);
    await server.stop();
    rmSync(parent, { recursive: true, force: true });
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exitCode = 1;
  },
);
