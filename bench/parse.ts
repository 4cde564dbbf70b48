/**
 * The import's parse alone, without a database (`npm run bench:parse -- …`):
 * what "parse and stage" costs in CPU per row, beside csv-parse reading the
 * same file in one thread (the floor).
 *
 * Generates the bench:import files — the default shape (1M rows) and the
 * identities shape (200k rows) — or reuses them from `--data DIR`, so that two
 * checkouts can be measured on the same bytes. Each round runs, one after the
 * other: csv-parse alone over the file (the options record-stream.ts gives it,
 * one thread, records counted), then the import's own path
 * (parseFileInWorkers: the same split into two workers, the same batch size,
 * the same staging text and actor rows), whose batches the main thread
 * takes as load-file.ts does (actors gathered into Actors) and then
 * drops. CPU is the process's user + system time (every thread).
 *
 * Checksum: sha256 over every batch's COPY text with each line's activity_id
 * (a UUIDv7: the clock and random bits) overwritten, plus the actor rows and
 * the outcomes, and the gathered actors (each one's emails sorted: their order is
 * the order in which the two workers' batches arrived). Two versions of the code with the same checksum on the same
 * file stage the same bytes and gather the same actors. Batches of the two workers interleave in any
 * order, so each worker's part is hashed on its own and the two digests combined.
 *
 * Runs bundled by Vite (as bench:import:built: the app's code as the app
 * runs it, no tsx in the workers) unless `--source`.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, createReadStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse';
import { DEFAULT_TENANT } from '../src-main/core/db/seed';
import { formatModule } from '../src-main/core/imports/formats/index';
import { Actors } from '../src-main/core/imports/load/actors';
import { suggestMapping } from '../src-main/core/imports/parse/headers';
import { parseFileInWorkers } from '../src-main/core/imports/parse/parse-worker-client';
import { RECORD_DELIMITERS } from '../src-main/core/imports/parse/record-stream';
import { sniffFile } from '../src-main/core/imports/parse/sniff';
import { findSplit } from '../src-main/core/imports/parse/split';
import { BATCH_ROWS } from '../src-main/core/imports/parse/worker-protocol';
import type { WorkerInput } from '../src-main/core/imports/types';
import { generateDataset } from './dataset';
import { integerOption, median } from './timing';

const usage = `usage: npm run bench:parse -- [--shape default|identities|both] [--rows N] [--runs N] [--seed S] [--data DIR] [--source]
  --shape   default (1,000,000 rows), identities (200,000 rows) or both (default)
  --rows    rows of each file instead of its shape's default
  --runs    rounds per file, each csv-parse alone then the import's parse (default 3); medians printed
  --data    folder for the generated files, reused when already there (default /var/tmp/drm-bench-parse)
  --dump    also write the first round's masked COPY text and actor rows there (part-0.txt, part-1.txt), to diff
  --source  run from source (tsx in every thread) instead of a Vite bundle`;

const { values: args } = parseArgs({
  options: {
    shape: { type: 'string', default: 'both' },
    rows: { type: 'string' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '42' },
    data: { type: 'string', default: '/var/tmp/drm-bench-parse' },
    dump: { type: 'string' },
    source: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const ZONE = 'Asia/Tokyo';
const n = (x: number) => Math.round(x).toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

interface Measure {
  rows: number;
  wallMs: number;
  /** user + system of the whole process, ms. */
  cpuMs: number;
  rss: number;
  checksum?: string;
}

/** Runs `work`, sampling this process's RSS, and returns its wall and CPU time. */
async function measure(work: () => Promise<{ rows: number; checksum?: string }>): Promise<Measure> {
  let rss = process.memoryUsage().rss;
  const sampler = setInterval(() => (rss = Math.max(rss, process.memoryUsage().rss)), 50);
  const cpu = process.cpuUsage();
  const started = performance.now();
  try {
    const result = await work();
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    rss = Math.max(rss, process.memoryUsage().rss);
    return { ...result, wallMs, cpuMs: (used.user + used.system) / 1000, rss };
  } finally {
    clearInterval(sampler);
  }
}

/** csv-parse over the whole file in this thread, with record-stream.ts's options: the floor. */
async function csvParseAlone(path: string): Promise<{ rows: number }> {
  const parser = parse({
    delimiter: ',',
    relax_column_count: true,
    relax_quotes: false,
    record_delimiter: RECORD_DELIMITERS,
    skip_empty_lines: false,
    bom: false,
    max_record_size: 1_000_000,
    skip_records_with_error: true,
  });
  createReadStream(path, { highWaterMark: 256 * 1024 }).pipe(parser);
  let rows = 0;
  for await (const record of parser as AsyncIterable<string[]>) if (record.length > 0) rows++;
  return { rows: rows - 1 }; // the header
}

/** Overwrites each COPY line's second field (activity_id, 36 characters) with zeros, in place. */
function maskActivityIds(bytes: Buffer): void {
  for (let start = 0; start < bytes.length;) {
    const tab = bytes.indexOf(0x09, start);
    bytes.fill(0x30, tab + 1, tab + 37);
    const end = bytes.indexOf(0x0a, tab + 37);
    start = end + 1;
  }
}

/**
 * The import's parse: the same workers, split and batches as load-file.ts, without the COPY.
 * `secondPart`: the line the second worker starts at, to checksum each part's batches in their order.
 */
async function importParse(path: string, secondPart: number | undefined, checksum: boolean): Promise<{ rows: number; checksum?: string }> {
  const sniff = await sniffFile(path, 'activities.csv');
  const size = statSync(path).size;
  const input: WorkerInput = {
    filePath: path,
    encoding: sniff.encoding,
    delimiter: sniff.delimiter,
    type: 'activities',
    mapping: suggestMapping('activities', sniff.headers),
    options: { timezone: ZONE, fileName: 'activities.csv' },
    batchSize: BATCH_ROWS,
    stageTenant: DEFAULT_TENANT,
    formatModule: formatModule('activities'),
  };
  const actors = new Actors();
  if (checksum && args.dump !== undefined) {
    rmSync(args.dump, { recursive: true, force: true });
    mkdirSync(args.dump, { recursive: true });
  }
  const parts = [createHash('sha256'), createHash('sha256')] as const;
  let rows = 0;
  let other = 0;
  for await (const batch of parseFileInWorkers(input, sniff.headers, size)) {
    rows = batch.rowsRead;
    other += batch.outcomes.length;
    // As load-file.ts does while PostgreSQL takes the batch.
    if (batch.actors) actors.add(batch.actors);
    if (!checksum || !batch.copyBytes || batch.copyBytes.length === 0) continue;
    const bytes = Buffer.from(batch.copyBytes.buffer, batch.copyBytes.byteOffset, batch.copyBytes.byteLength);
    const line = Number(bytes.subarray(0, bytes.indexOf(0x09)).toString('latin1'));
    const hash = parts[secondPart !== undefined && line >= secondPart ? 1 : 0];
    maskActivityIds(bytes);
    hash.update(bytes);
    if (args.dump !== undefined) appendFileSync(join(args.dump, `part-${hash === parts[0] ? 0 : 1}.txt`), bytes);
    if (batch.actors) hash.update(JSON.stringify(batch.actors));
    if (batch.outcomes.length > 0) hash.update(JSON.stringify(batch.outcomes));
  }
  if (other > 0) console.log(`         ${n(other)} rows were not staged (errors or skips)`);
  if (!checksum) return { rows };
  const total = createHash('sha256');
  for (const part of parts) total.update(part.digest('hex'));
  // An actor's emails are in the order the two workers' batches happened to arrive: sorted here.
  const byKey = Array.from({ length: actors.size }, (_, i) => actors.plain(i)).sort((a, b) => (a.key < b.key ? -1 : 1));
  for (const actor of byKey) total.update(JSON.stringify({ ...actor, emails: [...actor.emails].sort() }));
  return { rows, checksum: `${total.digest('hex').slice(0, 16)} (${n(actors.size)} actors)` };
}

/** Measures one file; false when a round's rows read differ from csv-parse's records (the independent count). */
async function oneFile(label: string, path: string, runs: number): Promise<boolean> {
  const size = statSync(path).size;
  const split = await findSplit(path, size, 'utf-8');
  console.log(`\n${label}: ${mb(size)}, ${split ? `two workers (second from line ${n(split.line)})` : 'one worker'}`);
  const base: Measure[] = [];
  const ours: Measure[] = [];
  let same = true;
  for (let i = 0; i < runs; i++) {
    const b = await measure(() => csvParseAlone(path));
    base.push(b);
    // Only the first round checksums: its CPU and wall include masking and hashing.
    const o = await measure(() => importParse(path, split?.line, i === 0));
    ours.push(o);
    console.log(
      `round ${i + 1}: import parse ${s(o.wallMs)} wall, ${s(o.cpuMs)} CPU (${((o.cpuMs * 1000) / o.rows).toFixed(1)} µs/row), ` +
        `${n(o.rows / (o.wallMs / 1000))} rows/s, peak RSS ${mb(o.rss)}${o.checksum ? `, checksum ${o.checksum}` : ''}; ` +
        `csv-parse alone ${s(b.wallMs)} wall, ${s(b.cpuMs)} CPU (${((b.cpuMs * 1000) / b.rows).toFixed(1)} µs/row); ` +
        `CPU ratio ${(o.cpuMs / b.cpuMs).toFixed(2)}`,
    );
    const match = b.rows === o.rows;
    same &&= match;
    console.log(`         check rows read = csv-parse's records: ${match ? 'MATCH' : 'MISMATCH'} (${n(o.rows)}, ${n(b.rows)})`);
  }
  const m = (xs: Measure[], pick: (x: Measure) => number) => median(xs.map(pick));
  const rows = ours[0]!.rows;
  console.log(`median of ${runs} round(s):`);
  console.log(
    `  import parse     ${s(m(ours, (x) => x.wallMs)).padStart(8)} wall  ${s(m(ours, (x) => x.cpuMs)).padStart(8)} CPU  ` +
      `${((m(ours, (x) => x.cpuMs) * 1000) / rows).toFixed(1).padStart(5)} µs/row  ${n(rows / (m(ours, (x) => x.wallMs) / 1000)).padStart(9)} rows/s  ` +
      `peak RSS ${mb(Math.max(...ours.map((x) => x.rss)))}`,
  );
  console.log(
    `  csv-parse alone  ${s(m(base, (x) => x.wallMs)).padStart(8)} wall  ${s(m(base, (x) => x.cpuMs)).padStart(8)} CPU  ` +
      `${((m(base, (x) => x.cpuMs) * 1000) / rows).toFixed(1).padStart(5)} µs/row  ${n(rows / (m(base, (x) => x.wallMs) / 1000)).padStart(9)} rows/s  (one thread)`,
  );
  console.log(`  CPU ratio (import parse / csv-parse alone): ${(m(ours, (x) => x.cpuMs) / m(base, (x) => x.cpuMs)).toFixed(2)}`);
  return same;
}

async function main(): Promise<number> {
  if (args.help) {
    console.log(usage);
    return 0;
  }
  // From source and not asked otherwise: this file and the parse worker bundled, and the bundle run (bundled.ts).
  if (import.meta.url.endsWith('.ts') && !args.source) return (await import('./bundled')).runBundled('parse');
  const shapes = args.shape === 'both' ? (['default', 'identities'] as const) : ([args.shape] as const);
  for (const shape of shapes)
    if (shape !== 'default' && shape !== 'identities') throw new Error(`--shape must be default, identities or both`);
  const runs = integerOption('runs', args.runs, 1);
  const seed = integerOption('seed', args.seed, 0);
  console.log(
    `machine: ${cpus().length} CPUs, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}, Node ${process.version}, ${import.meta.url.endsWith('.ts') ? 'from source (tsx)' : 'bundled'}`,
  );
  let same = true;
  for (const shape of shapes as readonly ('default' | 'identities')[]) {
    const rows = integerOption('rows', args.rows ?? (shape === 'identities' ? '200000' : '1000000'), 1);
    const out = join(args.data, `${shape}-${rows}-${seed}`);
    const csv = join(out, 'activities.csv');
    if (!existsSync(csv)) {
      mkdirSync(out, { recursive: true });
      const t0 = performance.now();
      await generateDataset(out, { developers: Math.round(rows / 20), activities: rows, seed, shape });
      console.log(`generated ${csv} in ${s(performance.now() - t0)}`);
    }
    same = (await oneFile(`${shape} shape, ${n(rows)} rows (${csv})`, csv, runs)) && same;
  }
  console.log(
    `\nload after: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  // Exit 1 on a mismatch, as every benchmark does.
  return same ? 0 : 1;
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  return 1;
});
