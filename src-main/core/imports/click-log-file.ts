/**
 * An nginx/Apache access log dropped on the import (or given to `drm import`)
 * is read as the click-log CSV (formats/click-log.ts): before anything else
 * looks at the file, it is rewritten line for line into that CSV in a
 * private temp folder, and the rest of the import — preview, mapping, the
 * parse workers, the check that the file did not change — reads the CSV.
 *
 * What the CSV keeps of a line: its time, key (the path's first segment),
 * method, status, referrer, user agent, its line number in the log, and
 * `log_ref`, which tells identical lines (same second, request, status,
 * referrer and agent) apart by their order, so that re-importing the same
 * log gives every line the same dedup key. The client's address is dropped
 * by the parser and never written, not even into a hash: the rest of the
 * line is stored, and a hash of an IPv4 address next to it is reversible.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import type { ChosenFile } from '../files/handles';
import { CoreError } from '../errors';
import { ensurePrivateFolder, UnsafeFolderError } from '../files/private-folder';
import { firstPathSegment, parseCombinedLine } from './parse/combined-log';

export const CLICK_LOG_COLUMNS = ['timestamp', 'key', 'click_id', 'referrer', 'user_agent', 'method', 'status', 'line', 'log_ref', 'skip'];

/** Private to this user (files/private-folder.ts): the converted logs hold referrers and user agents. */
const FOLDER = join(tmpdir(), `drm-click-logs-${process.getuid?.() ?? 'user'}`);
/** Converted copies older than this are removed when the next log is converted. */
const KEEP_MS = 24 * 60 * 60 * 1000;
const PROBE_BYTES = 8 * 1024;

/** Whether the file's first non-empty line is a combined (or common) log line. */
export async function isCombinedLog(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(PROBE_BYTES), 0, PROBE_BYTES, 0);
    const first = buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .split('\n')
      .find((line) => line.trim() !== '');
    return first !== undefined && parseCombinedLine(first) !== undefined;
  } finally {
    await handle.close();
  }
}

const cell = (value: string | number | null | undefined): string => {
  if (value === null || value === undefined) return '';
  // One log line, one CSV line: line breaks inside a field would shift every line number after it.
  const text = String(value).replace(/[\r\n]+/g, ' ');
  return /[",]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** Every line of the log as one CSV record; lines that are no log line say so in `skip`. */
async function convert(source: string, target: string): Promise<void> {
  const out = createWriteStream(target, { encoding: 'utf8' });
  out.write(`${CLICK_LOG_COLUMNS.join(',')}\n`);
  const lines = createInterface({ input: createReadStream(source, { encoding: 'utf8' }), crlfDelay: Infinity });
  // Identical lines are adjacent in practice (same second): counting them within one second keeps memory flat.
  let second: number | undefined;
  let seen = new Map<string, number>();
  let number = 0;
  for await (const text of lines) {
    number++;
    if (text.trim() === '') {
      out.write('\n');
      continue;
    }
    const line = parseCombinedLine(text);
    if (!line) {
      out.write(`${['', '', '', '', '', '', '', number, '', 'not a combined log line'].map(cell).join(',')}\n`);
      continue;
    }
    if (line.time !== second) {
      second = line.time;
      seen = new Map();
    }
    const identity = JSON.stringify([line.method, line.target, line.status, line.referrer, line.userAgent]);
    const ref = (seen.get(identity) ?? 0) + 1;
    seen.set(identity, ref);
    const key = firstPathSegment(line.target);
    const record = [
      new Date(line.time).toISOString(),
      key,
      '',
      line.referrer,
      line.userAgent,
      line.method,
      line.status,
      number,
      `${line.method} ${line.target} ${line.status} #${ref}`,
      key === undefined ? 'no short-link key in the path' : '',
    ];
    if (!out.write(`${record.map(cell).join(',')}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  out.end();
  await finished(out);
}

async function removeStale(now: number): Promise<void> {
  for (const name of await readdir(FOLDER).catch(() => [] as string[])) {
    const path = join(FOLDER, name);
    const info = await stat(path).catch(() => undefined);
    if (info && now - info.mtimeMs > KEEP_MS) await rm(path, { force: true });
  }
}

/**
 * `file` itself, or — when it is an access log — its CSV, converted once per
 * version of the log (path, size, modification time) and named as the log.
 */
export async function clickLogAsCsv(file: ChosenFile): Promise<ChosenFile> {
  if (!(await isCombinedLog(file.path))) return file;
  const info = await stat(file.path);
  const id = createHash('sha256').update(`${file.path}|${info.size}|${info.mtimeMs}`).digest('hex').slice(0, 32);
  const target = join(FOLDER, `${id}.csv`);
  const done = await stat(target).catch(() => undefined);
  if (!done) {
    await ensurePrivateFolder(FOLDER).catch((error: unknown) => {
      throw error instanceof UnsafeFolderError
        ? new CoreError('UNAVAILABLE', `${file.name} cannot be read as a click log: ${error.message}`)
        : error;
    });
    await removeStale(Date.now());
    const partial = `${target}.${process.pid}.part`;
    try {
      await convert(file.path, partial);
      await rename(partial, target);
    } finally {
      await rm(partial, { force: true });
    }
  }
  return { path: target, name: file.name, size: (await stat(target)).size };
}
