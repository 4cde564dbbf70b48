/**
 * CSV import throughput against the physical floor (issue 12 §1, design §1.2).
 *
 * Generates an activities file — the default shape (1M rows, ≈50k developers
 * with several accounts each) or `--shape identities` (200k rows, each person
 * reached by 2–4 emails and 2–3 accounts, generate/identities.ts) — and, in
 * rounds alternating the import and its baseline (A/B/A/B), imports it into a
 * fresh target through the app's channels, then measures a plain COPY of the
 * import's own result into a freshly migrated and seeded database on the same
 * server (import-baseline.ts). Ratio = baseline time / import time (≥ 1.0:
 * the import is at least as fast as copying what it wrote); medians of the
 * rounds. Targets: ratio ≥ 1.0 and peak RSS < 400 MB.
 *
 * Checks (import-checks.ts), exit 1 on a mismatch: accounting, DuckDB's
 * daily counts from the CSV, and `stats rebuild` changing nothing.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { DEFAULT_TENANT } from '../src-main/core/db/seed';
import { cleanups, cleanUpOnSignals, runBenchmark } from './cleanup';
import { generateDataset } from './dataset';
import { referenceResolveIdentities } from './identity-reference';
import { useIdentityResolver } from '../src-main/core/imports/load/activity-resolve';
import { defaultPeople } from './generate/identities';
import { activitiesOnlyMs, copyIntoFresh, dumpImported, prepareFresh, SPEC_TABLES } from './import-baseline';
import { checkAccounting, checkDaily, checkRebuild, type Check } from './import-checks';
import { embeddedServer, externalServer, startedExternalServer, type BenchServer, type Round } from './import-servers';
import { walSince, walState } from './wal';
import { integerOption, median } from './timing';

const usage = `usage: npm run bench:import -- [--rows N] [--shape default|identities] [--runs N] [--database-url URL | --external] [--seed S]
  --rows          activity rows (default 1,000,000; identities 200,000; BENCH_ROWS also sets it)
  --shape         default: ≈20 rows per developer; identities: people reached by several emails and accounts
  --runs          rounds of import + baseline, alternated (default 3); medians printed
  --database-url  an external PostgreSQL whose role may create databases (CREATEDB): each round imports
                  into a fresh database there and the baseline uses another; both dropped afterwards
  --external      start Debian's PostgreSQL (/usr/lib/postgresql/<major>) in a temp folder and use it
  --identities    memory (the app's resolution, default) or reference (the set-based SQL it replaced,
                  bench/identity-reference.ts): to compare the two in one run`;

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string' },
    shape: { type: 'string', default: 'default' },
    runs: { type: 'string', default: '3' },
    'database-url': { type: 'string' },
    external: { type: 'boolean', default: false },
    seed: { type: 'string', default: '42' },
    identities: { type: 'string', default: 'memory' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const ZONE = 'Asia/Tokyo';
const n = (x: number) => Math.round(x).toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

// Peak RSS of this process (main thread and the parse workers), sampled while an import runs.
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
cleanups.push(() => clearInterval(sampler));
cleanUpOnSignals();

interface RoundResult {
  importMs: number;
  specMs: number;
  derivedMs: number;
  activitiesMs: number;
  rss: number;
  rowsRead: number;
  specRows: number;
  /** Rows per dumped table: every round imports the same file, so these should not move. */
  tableRows: Record<string, number>;
}

interface Job {
  rowsRead: number;
  rejected: number;
  skipped: number;
  duplicates: number;
  inserted: { activities: number; developers: number; accounts: number; identifiers: number; organizations: number };
}

async function importFile(round: Round, path: string): Promise<{ ms: number; job: Job }> {
  const settings = await round.core.handlers['settings:update']({ timeZoneSetting: ZONE });
  if (!settings.ok) throw new Error(settings.error.message);
  const fileHandle = (await round.core.files.register(path)).fileHandle;
  peakRss = process.memoryUsage().rss;
  const started = performance.now();
  const start = await round.core.handlers['import:start']({ fileHandle, type: 'activities', options: { timezone: ZONE } });
  if (!start.ok) throw new Error(start.error.message);
  const status = await round.core.importer.settled(start.value.jobId);
  const ms = performance.now() - started;
  const job = await round.core.handlers['import:get-job']({ jobId: start.value.jobId });
  if (!job.ok || status !== 'succeeded') throw new Error(`import ${status}: ${job.ok ? job.value.message : job.error.message}`);
  return { ms, job: job.value };
}

async function runChecks(url: string, csv: string, job: Job, thorough: boolean): Promise<Check[]> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const checks = [await checkAccounting(client, DEFAULT_TENANT, job)];
    if (thorough) {
      checks.push(await checkDaily(client, DEFAULT_TENANT, { path: csv, importZone: ZONE, zone: ZONE, duplicates: job.duplicates }));
      checks.push(await checkRebuild(client, DEFAULT_TENANT));
    }
    return checks;
  } finally {
    await client.end();
  }
}

async function oneRound(server: BenchServer, index: number, last: boolean, csv: string, dumpDir: string, checks: Check[], people?: number) {
  const round = await server.round(index);
  // Ctrl-C during the round stops its server too (cleanup.ts runs what is registered).
  let closed: Promise<void> | undefined;
  const close = () => (closed ??= round.close());
  cleanups.push(close);
  try {
    const walBeforeImport = await walState(round.url);
    const { ms: importMs, job } = await importFile(round, csv);
    const rss = peakRss;
    const importWal = walSince(walBeforeImport, await walState(round.url));
    const { inserted } = job;
    console.log(
      `round ${index + 1}: import ${seconds(importMs)}  ${n(job.rowsRead / (importMs / 1000))} rows/s  peak RSS ${mb(rss)}  ` +
        `(activities ${n(inserted.activities)}, duplicates ${n(job.duplicates)}, developers ${n(inserted.developers)}, accounts ${n(inserted.accounts)}, identifiers ${n(inserted.identifiers)}, organizations ${n(inserted.organizations)})`,
    );
    if (index === 0 && people !== undefined) {
      console.log(
        `         resolution: ${n(inserted.developers)} developers created for ${n(people)} people generated (${(inserted.developers / people).toFixed(2)} per person), ${n(inserted.accounts)} accounts, ${n(inserted.identifiers)} email identifiers`,
      );
    }
    // The thorough checks load DuckDB's library and rebuild every derived table in this process, which then keeps
    // 100+ MB more: run after the last round's import, so that no import's peak RSS counts them.
    for (const check of await runChecks(round.url, csv, job, last)) {
      checks.push(check);
      console.log(`         check ${check.name}: ${check.ok ? 'MATCH' : 'MISMATCH'} (${check.detail})`);
    }
    mkdirSync(dumpDir, { recursive: true });
    chmodSync(dumpDir, 0o711);
    const dump = await dumpImported(round.url, dumpDir);
    const fresh = await round.createDatabase(`drm_bench_baseline_${index}`);
    await prepareFresh(fresh);
    const walBeforeBaseline = await walState(round.url);
    const baseline = await copyIntoFresh(fresh, dump);
    const baselineWal = walSince(walBeforeBaseline, await walState(round.url));
    const activitiesMs = await activitiesOnlyMs(round.url, dump);
    rmSync(dumpDir, { recursive: true, force: true });
    console.log(
      `         baseline: spec tables ${seconds(baseline.specMs)} (${n(baseline.specRows)} rows, ${mb(dump.bytes)} dumped incl. derived)  ratio ${(baseline.specMs / importMs).toFixed(2)};  derived tables ${seconds(baseline.derivedMs)};  activities only ${seconds(activitiesMs)}`,
    );
    console.log(`         server: import ${importWal}; baseline (spec + derived tables) ${baselineWal}`);
    return {
      importMs,
      specMs: baseline.specMs,
      derivedMs: baseline.derivedMs,
      activitiesMs,
      rss,
      rowsRead: job.rowsRead,
      specRows: baseline.specRows,
      tableRows: dump.rows,
    };
  } finally {
    cleanups.splice(cleanups.indexOf(close), 1);
    await close();
  }
}

async function openServer(): Promise<BenchServer> {
  if (args['database-url'] !== undefined) return externalServer(args['database-url']);
  if (args.external) return startedExternalServer();
  const parent = mkdtempSync(join(tmpdir(), 'drm-bench-import-data-'));
  chmodSync(parent, 0o711); // as root, PostgreSQL (user postgres) must pass through
  cleanups.push(() => rmSync(parent, { recursive: true, force: true }));
  return embeddedServer(parent);
}

function summary(results: readonly RoundResult[]): void {
  const m = (pick: (r: RoundResult) => number) => median(results.map(pick));
  const importMs = m((r) => r.importMs);
  const rows = results[0]!.rowsRead;
  console.log('');
  console.log(`median of ${results.length} round(s), each import followed by its baseline on the same server:`);
  console.log(`${'import'.padEnd(40)}${seconds(importMs).padStart(8)}  ${n(rows / (importMs / 1000)).padStart(9)} rows/s`);
  const line = (label: string, ms: number, target = '') =>
    console.log(`${label.padEnd(40)}${seconds(ms).padStart(8)}  ratio ${(ms / importMs).toFixed(2)}${target}`);
  line(
    `baseline: COPY of the ${SPEC_TABLES.length} spec tables`,
    m((r) => r.specMs),
    '  (target ≥ 1.00)',
  );
  line(
    '  + derived tables (2nd tx)',
    m((r) => r.specMs + r.derivedMs),
  );
  line(
    'older baseline: activities only',
    m((r) => r.activitiesMs),
  );
  const first = results[0]!.tableRows;
  for (const [i, r] of results.entries()) {
    // Developers are numbered in id order (derived/developer-number.ts) and ids are random, so which 65,536-developer
    // chunk holds whom, and so funnel_bits' row count, moves between fresh imports; its answers do not (the checks).
    const moved = Object.keys(first).filter((t) => t !== 'derived.funnel_bits' && r.tableRows[t] !== first[t]);
    if (moved.length > 0)
      console.log(
        `round ${i + 1} wrote other row counts than round 1: ${moved.map((t) => `${t} ${first[t]} → ${r.tableRows[t]}`).join(', ')}`,
      );
  }
  console.log(`ratio per round (spec tables): ${results.map((r) => (r.specMs / r.importMs).toFixed(2)).join(', ')}`);
  // Only round 1 imports in a fresh process, as the app does: a later round's starts with the heap the rounds before it
  // (import, dump and baseline) grew and V8 keeps (385 MB in round 1, 457 MB in round 2 of one 200k identities run).
  console.log(
    `${'peak RSS, round 1 (a fresh process)'.padEnd(40)}${mb(results[0]!.rss)}  (target < 400 MB; PostgreSQL is a separate process)`,
  );
  if (results.length > 1)
    console.log(
      `${'peak RSS, later rounds'.padEnd(40)}${results
        .slice(1)
        .map((r) => mb(r.rss))
        .join(', ')}  (after the rounds before them in this process)`,
    );
}

async function main(): Promise<number> {
  if (args.help) {
    console.log(usage);
    return 0;
  }
  const identities = args.shape === 'identities';
  if (!identities && args.shape !== 'default') throw new Error(`--shape must be default or identities, got "${args.shape}"`);
  const rows = integerOption('rows', args.rows ?? process.env.BENCH_ROWS ?? (identities ? '200000' : '1000000'), 1);
  const runs = integerOption('runs', args.runs, 1);
  if (args.identities === 'reference') useIdentityResolver(referenceResolveIdentities);
  else if (args.identities !== 'memory') throw new Error(`--identities must be memory or reference, got "${args.identities}"`);
  const seed = integerOption('seed', args.seed, 0);
  const parent = mkdtempSync(join(tmpdir(), 'drm-bench-import-'));
  chmodSync(parent, 0o711);
  cleanups.push(() => rmSync(parent, { recursive: true, force: true }));

  const t0 = performance.now();
  // Generated in a child process, so that this process's peak RSS is the import's alone.
  const out = join(parent, 'csv');
  await generateDataset(out, { developers: Math.round(rows / 20), activities: rows, seed, shape: identities ? 'identities' : 'default' });
  const csv = join(out, 'activities.csv');
  const people = identities ? defaultPeople(rows) : undefined;
  console.log(
    `generated ${n(rows)} activity rows, shape ${args.shape}${people ? ` (${n(people)} people)` : ` (${n(rows / 20)} developers)`}, ${mb(statSync(csv).size)} in ${seconds(performance.now() - t0)}`,
  );

  const server = await openServer();
  cleanups.push(() => server.stop());
  console.log(
    `machine: ${cpus().length} CPUs, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}, Node ${process.version}, ${import.meta.url.endsWith('.ts') ? 'from source (tsx)' : 'bundled'}; server ${server.label}`,
  );
  if (args.identities === 'reference') console.log('identity resolution: the set-based reference (bench/identity-reference.ts)');
  const results: RoundResult[] = [];
  const checks: Check[] = [];
  for (let i = 0; i < runs; i++) results.push(await oneRound(server, i, i === runs - 1, csv, join(parent, 'dump'), checks, people));
  summary(results);
  console.log(
    `load after: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const failed = checks.filter((c) => !c.ok);
  console.log(failed.length === 0 ? 'checks: all MATCH' : `checks: ${failed.length} MISMATCH (${failed.map((c) => c.name).join(', ')})`);
  return failed.length === 0 ? 0 : 1;
}

await runBenchmark(main);
