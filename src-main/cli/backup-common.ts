/**
 * What `drm backup` and `drm restore` share: refusals that exit 2, a
 * progress line on a terminal, and sizes in words.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupProgress } from '../../src-shared/contract/backup';
import { CoreError } from '../core/errors';
import { Refusal } from './context';

/** A backup refusal (damaged file, data in the way, disk full, busy) exits 2 with its message. */
export async function asRefusal<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof CoreError && error.code !== 'INTERNAL') throw new Refusal(error.message);
    throw error;
  }
}

/** A data folder with no database: backing it up would first create an empty one. */
export function refuseMissingCluster(dataDir: string | undefined): void {
  if (dataDir !== undefined && !existsSync(join(dataDir, 'pgdata'))) {
    throw new Refusal(`there is no database in ${dataDir} (no pgdata folder); give the data folder with --data-dir, or --database-url`);
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const PHASES: Record<BackupProgress['phase'], string> = {
  copying: 'copying',
  verifying: 'verifying the file',
  loading: 'loading',
  indexing: 'building indexes and keys',
  migrating: 'migrating',
  rebuilding: 'rebuilding derived tables',
  done: 'done',
  failed: 'failed',
};

/** One line on stderr, rewritten in place: phase, table, share of the bytes and speed. */
export function progressLine(stream: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  let last = '';
  return {
    update(p: BackupProgress) {
      if (p.phase === 'done' || p.phase === 'failed') return;
      const ratio = p.bytesTotal > 0 ? Math.min(1, p.bytesDone / p.bytesTotal) : 0;
      const seconds = (Date.now() - started) / 1000;
      const rate = seconds > 0 ? `${(p.bytesDone / 1024 / 1024 / seconds).toFixed(0)} MB/s` : '';
      const where = p.table ? ` ${p.table}` : '';
      const line = `${PHASES[p.phase]}${where}  ${(ratio * 100).toFixed(0).padStart(3)}%  ${formatBytes(p.bytesDone)}  ${rate}`;
      if (line !== last) stream.write(`\r${line.padEnd(last.length)}`);
      last = line;
    },
    done: () => last && stream.write('\n'),
  };
}
