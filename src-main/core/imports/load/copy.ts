/**
 * Rows into PostgreSQL with COPY … FROM STDIN (text format), respecting the
 * stream's back-pressure so memory stays flat whatever the file size.
 */
import { tableNames } from '../../../../src-shared/contract/tables';
import type { SqlClient } from '../../db/db';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * Tables under row-level security (migration 0009: all of the app's own),
 * which PostgreSQL refuses to COPY FROM into; a temp table is never one.
 */
const RLS_TABLES = new Set<string>(tableNames.filter((t) => t !== 'funnel_stages'));
let twins = 0;

/** Characters COPY's text format escapes. One object: a literal in the function is a new RegExp per call. */
const COPY_SPECIAL = /[\\\t\n\r]/;

/** One value in COPY text format: `\N` for null, backslash escapes for the rest. */
export function copyValue(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'string' ? value : String(value);
  return COPY_SPECIAL.test(text) ? text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : text;
}

/** A row's COPY line; a loop rather than map(): the parse workers make one per staged row. */
export function copyLine(values: (string | number | boolean | null | undefined)[]): string {
  const texts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) texts[i] = copyValue(values[i]);
  return `${texts.join('\t')}\n`;
}

export interface CopyWriter {
  /** Queues text (or, for a binary COPY, bytes); resolves when the stream can take more. */
  write(text: string | Buffer): Promise<void>;
  /** Ends the COPY and resolves when PostgreSQL has taken every row. */
  end(): Promise<void>;
  /** Fails the COPY (CopyFail) so the connection can roll back; safe after end(). */
  abort(reason: string): Promise<void>;
}

/** `binary`: PostgreSQL's binary COPY format, whose framing the caller writes (derived/funnel-bits-build.ts). */
export function openCopy(client: SqlClient, table: string, columns: readonly string[], { binary = false } = {}): CopyWriter {
  let failure: Error | undefined;
  // An RLS table is filled through a temp twin of it and one INSERT … SELECT, which the policy checks row by row.
  // pg runs a client's queries in order: the twin exists before the COPY starts. With the table's storage: a column
  // kept uncompressed there (funnel_bits' bitsets) is not compressed in the twin, to be read back and stored again
  // (at 1M activities the server spent 4.2 s of CPU on a first import's funnel rows through the twin, against 1.0 s).
  const twin = RLS_TABLES.has(table) ? `copy_twin_${++twins}` : undefined;
  if (twin) {
    client.query(`create temp table ${twin} (like ${table} including defaults including storage)`).catch((error: Error) => {
      failure ??= error;
    });
  }
  const stream = client.query(copyFrom(`COPY ${twin ?? table} (${columns.join(', ')}) FROM STDIN${binary ? ' (FORMAT binary)' : ''}`));
  let settled = false;
  // A COPY stream can emit 'error' more than once (PostgreSQL refuses the
  // data, then ending the stream fails again on the detached connection): a
  // listener for the stream's whole life keeps every one of them handled.
  stream.on('error', (error: Error) => {
    failure ??= error;
  });
  const finished = new Promise<void>((resolve, reject) => {
    stream.once('finish', resolve);
    stream.once('error', reject);
  });
  // Whoever awaits end() sees the error; until then, keep the rejection handled.
  finished.then(
    () => (settled = true),
    () => (settled = true),
  );
  return {
    async write(text) {
      if (failure) throw failure;
      if (!stream.write(text)) {
        await new Promise<void>((resolve, reject) => {
          const onDrain = () => {
            stream.off('error', onError);
            resolve();
          };
          const onError = (error: Error) => {
            stream.off('drain', onDrain);
            reject(error);
          };
          stream.once('drain', onDrain);
          stream.once('error', onError);
        });
      }
    },
    async end() {
      // After a failure the stream has let go of its connection: ending it would throw.
      if (failure) throw failure;
      stream.end();
      await finished;
      if (twin) {
        const list = columns.join(', ');
        await client.query(`insert into ${table} (${list}) select ${list} from ${twin}; drop table ${twin}`);
      }
    },
    async abort(reason) {
      if (settled || failure) return;
      // Without this, a ROLLBACK would queue behind a COPY that never ends.
      stream.destroy(new Error(reason));
      await finished.catch(() => undefined);
    },
  };
}
