/**
 * The backup file (`*.drmbackup`), format version 1: one file holding every
 * table of schemas `public` (the spec's 25) and `app`, read from one
 * snapshot, with a manifest that lets a restore check every byte.
 *
 *   header   16 bytes: 0x89 "DRMBACKUP" CR LF 0x1A LF (14 bytes; like PNG's,
 *            it shows a file that is not ours or was mangled as text), then
 *            the format version, u16 big-endian.
 *   frames   each: kind (one ASCII byte), payload length (u32 BE), payload.
 *              T  a table starts: JSON { schema, name, columns }
 *              D  the table's data, next piece: its COPY text (PostgreSQL's
 *                 text format, UTF-8, timestamps in UTC, ISO dates) as one
 *                 compressed stream per table (brotli, see codec.ts; the
 *                 manifest names the compression), cut into frames
 *              E  the table ends: JSON { rows, bytes, sha256 } of its
 *                 uncompressed COPY text
 *              M  the manifest, last (manifestSchema below)
 *   trailer  60 bytes: the M frame's offset (u64 BE) and payload length
 *            (u32 BE), the SHA-256 of every byte before the trailer, then
 *            0x89 "DRMBACKUP-END" CR LF (16 bytes).
 *
 * A file cut short has no trailer; one flipped bit fails the whole-file
 * SHA-256 (checked before a restore touches anything) and, while loading,
 * the decompressor and the table's own SHA-256 and row count. The `derived` schema
 * is not in the file: a restore rebuilds it from the tables.
 */
import { z } from 'zod';
import { backupKinds } from '../../../src-shared/contract/backup';

export const FORMAT_VERSION = 1;
export const MAGIC = Buffer.from([0x89, ...Buffer.from('DRMBACKUP'), 0x0d, 0x0a, 0x1a, 0x0a]);
export const END_MAGIC = Buffer.from([0x89, ...Buffer.from('DRMBACKUP-END'), 0x0d, 0x0a]);
export const HEADER_BYTES = MAGIC.length + 2;
export const TRAILER_BYTES = 8 + 4 + 32 + END_MAGIC.length;
export const FRAME_HEADER_BYTES = 5;

export const FrameKind = { table: 0x54, data: 0x44, end: 0x45, manifest: 0x4d } as const; // T D E M

/** Guards against a damaged length asking for gigabytes: no frame we write comes near these. */
export const MAX_PAYLOAD: Record<number, number> = {
  [FrameKind.table]: 1 << 20,
  [FrameKind.data]: 16 << 20,
  [FrameKind.end]: 1 << 16,
  [FrameKind.manifest]: 64 << 20,
};

export const compressions = ['brotli', 'gzip', 'none'] as const;
export type Compression = (typeof compressions)[number];

export const tableStart = z.object({ schema: z.string(), name: z.string(), columns: z.array(z.string()).min(1) });
export type TableStart = z.infer<typeof tableStart>;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const tableEnd = z.object({ rows: z.number().int().nonnegative(), bytes: z.number().int().nonnegative(), sha256 });
export type TableEnd = z.infer<typeof tableEnd>;

export const manifestTable = tableStart.extend(tableEnd.shape).extend({
  /** Bytes of its D frames' payloads, as stored. */
  storedBytes: z.number().int().nonnegative(),
});
export type ManifestTable = z.infer<typeof manifestTable>;

export const manifestSchema = z.object({
  format: z.number().int(),
  app: z.object({ name: z.string(), version: z.string() }),
  createdAt: z.string(),
  kind: z.enum(backupKinds),
  /** PostgreSQL's server_version where the backup was taken. */
  postgres: z.string(),
  /** drizzle's journal entries the database had applied, in order, with schema_migrations' run_at. */
  migrations: z.array(z.object({ tag: z.string(), when: z.number(), hash: z.string(), runAt: z.string().nullable() })),
  compression: z.enum(compressions),
  tables: z.array(manifestTable),
});
export type Manifest = z.infer<typeof manifestSchema>;

export function header(): Buffer {
  const version = Buffer.alloc(2);
  version.writeUInt16BE(FORMAT_VERSION);
  return Buffer.concat([MAGIC, version]);
}

export function frameHeader(kind: number, length: number): Buffer {
  const head = Buffer.alloc(FRAME_HEADER_BYTES);
  head.writeUInt8(kind, 0);
  head.writeUInt32BE(length, 1);
  return head;
}

export interface Trailer {
  manifestOffset: number;
  manifestLength: number;
  sha256: Buffer;
}

export function encodeTrailer(trailer: Trailer): Buffer {
  const out = Buffer.alloc(TRAILER_BYTES);
  out.writeBigUInt64BE(BigInt(trailer.manifestOffset), 0);
  out.writeUInt32BE(trailer.manifestLength, 8);
  trailer.sha256.copy(out, 12);
  END_MAGIC.copy(out, 44);
  return out;
}

/** Undefined when the bytes are not a trailer (a file cut short, or not ours). */
export function decodeTrailer(bytes: Buffer): Trailer | undefined {
  if (bytes.length !== TRAILER_BYTES || !bytes.subarray(44).equals(END_MAGIC)) return undefined;
  return {
    manifestOffset: Number(bytes.readBigUInt64BE(0)),
    manifestLength: bytes.readUInt32BE(8),
    sha256: Buffer.from(bytes.subarray(12, 44)),
  };
}

/** The part of a manifest the app shows: rows per `schema.table`. */
export function rowsByTable(manifest: Pick<Manifest, 'tables'>): Record<string, number> {
  return Object.fromEntries(manifest.tables.map((t) => [qualifiedName(t), t.rows]));
}

/** `public` tables by their bare name (as the spec and `drm status` name them), others as `schema.table`. */
export function qualifiedName(table: { schema: string; name: string }): string {
  return table.schema === 'public' ? table.name : `${table.schema}.${table.name}`;
}
