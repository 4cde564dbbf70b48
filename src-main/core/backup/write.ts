/**
 * Writing a backup: one repeatable-read, read-only transaction (one snapshot,
 * so it can run while the app imports and edits: it holds either all of a
 * concurrent write or none of it), a COPY … TO STDOUT per table streamed
 * through a SHA-256, gzip (on libuv's thread pool, beside the server and this
 * thread) and the framing into a temp file, with back-pressure all the way:
 * memory stays flat whatever the size. See format.ts for the file.
 */
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { BackupKind } from '../../../src-shared/contract/backup';
import { withConnection } from '../db/connect';
import { ensureFreeSpace } from '../files/free-space';
import { qualified, quoteIdent, readMigrationState, readTables, tablesBytes } from './catalog';
import { compressor } from './codec';
import {
  encodeTrailer,
  FrameKind,
  header,
  qualifiedName,
  type Compression,
  type Manifest,
  type ManifestTable,
  type TableStart,
} from './format';
import { refuseSharedDatabase } from './refusal';
import { BackupSink } from './sink';

/** Makes COPY text the same whatever the server's or the session's defaults: restorable anywhere. */
export const COPY_SESSION = [
  "set local timezone = 'UTC'",
  "set local datestyle = 'ISO, YMD'",
  "set local intervalstyle = 'postgres'",
  'set local extra_float_digits = 3',
  "set local bytea_output = 'hex'",
].join('; ');

const BATCH_BYTES = 256 << 10;

export interface CopyProgress {
  table: string | null;
  tablesDone: number;
  tablesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

export interface WriteBackupOptions {
  url: string;
  /** The final path; must not exist. Written as a temp file beside it first. */
  file: string;
  kind: BackupKind;
  migrationsDir: string;
  appVersion: string;
  compression?: Compression;
  onProgress?: (progress: CopyProgress) => void;
  /** Stops the copy (the app is quitting); the temp file is removed. */
  signal?: AbortSignal;
  /**
   * Back up a database of several tenants whole rather than refuse (refusal.ts): the app's own data folder, or a
   * database about to migrate.
   */
  everyTenant?: boolean;
}

export interface WrittenBackup {
  file: string;
  bytes: number;
  manifest: Manifest;
}

export async function writeBackup(options: WriteBackupOptions): Promise<WrittenBackup> {
  return withConnection(options.url, (client) => writeSnapshot(client, options), {
    applicationName: 'drm-desktop backup',
    signal: options.signal,
  });
}

async function writeSnapshot(client: pg.Client, options: WriteBackupOptions): Promise<WrittenBackup> {
  const compression = options.compression ?? 'brotli';
  await client.query('begin isolation level repeatable read, read only');
  if (!options.everyTenant) await refuseSharedDatabase(client, 'back up');
  await client.query(COPY_SESSION);
  const createdAt = new Date();
  const tables = await readTables(client);
  const migrations = await readMigrationState(client, options.migrationsDir);
  const postgres = (await client.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]!.v;
  const onDisk = await tablesBytes(client, tables);
  // COPY text is about the tables' size on disk; compressed, well under half of it.
  await ensureFreeSpace(dirname(options.file), (compression === 'none' ? onDisk : onDisk / 2) + (8 << 20), 'the backup');

  const sink = await BackupSink.open(options.file);
  try {
    await sink.write(header());
    const done: ManifestTable[] = [];
    const progress = (table: string | null, tableBytes: number) =>
      options.onProgress?.({
        table,
        tablesDone: done.length,
        tablesTotal: tables.length,
        bytesDone: done.reduce((sum, t) => sum + t.bytes, 0) + tableBytes,
        bytesTotal: onDisk,
      });
    for (const table of tables) {
      done.push(await copyTable(client, sink, table, compression, (bytes) => progress(qualifiedName(table), bytes)));
    }
    progress(null, 0);
    const manifest: Manifest = {
      format: 1,
      app: { name: 'DRM Desktop', version: options.appVersion },
      createdAt: createdAt.toISOString(),
      kind: options.kind,
      postgres,
      migrations,
      compression,
      tables: done,
    };
    const payload = Buffer.from(JSON.stringify(manifest), 'utf8');
    const manifestOffset = sink.offset;
    await sink.frame(FrameKind.manifest, payload);
    await sink.commit(encodeTrailer({ manifestOffset, manifestLength: payload.length, sha256: sink.digest() }));
    await client.query('commit');
    return { file: options.file, bytes: sink.offset, manifest };
  } catch (error) {
    await sink.discard();
    throw error;
  }
}

async function copyTable(
  client: pg.Client,
  sink: BackupSink,
  table: TableStart,
  compression: Compression,
  onBytes: (bytes: number) => void,
): Promise<ManifestTable> {
  await sink.frame(FrameKind.table, Buffer.from(JSON.stringify(table), 'utf8'));
  const digest = createHash('sha256');
  let bytes = 0;
  let storedBytes = 0;
  const copy = client.query(copyTo(`COPY ${qualified(table)} (${table.columns.map(quoteIdent).join(', ')}) TO STDOUT`));
  // COPY arrives in pieces of about 8 kB; the compressor is handed 256 kB at a time, because
  // each piece it is given is a round trip to the thread pool (38,000 of them for 1M activities).
  let batch: Buffer[] = [];
  let batched = 0;
  const take = () => {
    const joined = Buffer.concat(batch, batched);
    batch = [];
    batched = 0;
    digest.update(joined);
    bytes += joined.length;
    onBytes(bytes);
    return joined;
  };
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      batch.push(chunk);
      batched += chunk.length;
      if (batched >= BATCH_BYTES) callback(null, take());
      else callback();
    },
    flush(callback) {
      if (batched > 0) callback(null, take());
      else callback();
    },
  });
  const frames = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      storedBytes += chunk.length;
      sink.frame(FrameKind.data, chunk).then(() => callback(), callback);
    },
  });
  const compress = compressor(compression);
  await pipeline(compress ? [copy, measure, compress, frames] : [copy, measure, frames]);
  const end = { rows: copy.rowCount, bytes, sha256: digest.digest('hex') };
  await sink.frame(FrameKind.end, Buffer.from(JSON.stringify(end), 'utf8'));
  return { ...table, ...end, storedBytes };
}
