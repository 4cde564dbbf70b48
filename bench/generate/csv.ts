/**
 * Streaming CSV output. Rows come from a generator and are written in ~64 KB
 * chunks; when the stream's buffer is full we wait for 'drain', so memory stays
 * flat however many rows there are (back-pressure instead of buffering).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import iconv from 'iconv-lite';

export interface CsvOptions {
  /** cp932 for exports of Japanese services (connpass); UTF-8 otherwise. */
  encoding?: 'utf-8' | 'cp932';
  /** Windows-made exports end lines with CRLF. */
  eol?: '\n' | '\r\n';
}

export interface WrittenCsv {
  path: string;
  /** Data rows, header excluded. */
  rows: number;
  bytes: number;
}

const needsQuotes = /[",\r\n]/;

/** RFC 4180 quoting: only cells that need it, doubled quotes inside. */
export function csvCell(value: string): string {
  return needsQuotes.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvLine(cells: readonly string[], eol = '\n'): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) line += (i === 0 ? '' : ',') + csvCell(cells[i] ?? '');
  return line + eol;
}

const CHUNK = 64 * 1024;

export async function writeCsv(
  path: string,
  header: readonly string[],
  rows: Iterable<readonly string[]>,
  options: CsvOptions = {},
): Promise<WrittenCsv> {
  const eol = options.eol ?? '\n';
  const encode = options.encoding === 'cp932' ? (text: string) => iconv.encode(text, 'cp932') : (text: string) => Buffer.from(text, 'utf8');
  const stream = createWriteStream(path);
  let bytes = 0;
  let count = 0;
  let pending = csvLine(header, eol);
  const flush = async () => {
    const chunk = encode(pending);
    pending = '';
    bytes += chunk.length;
    // write() returning false means the buffer is over its high-water mark.
    if (!stream.write(chunk)) await once(stream, 'drain');
  };
  try {
    for (const row of rows) {
      pending += csvLine(row, eol);
      count++;
      if (pending.length >= CHUNK) await flush();
    }
    if (pending.length > 0) await flush();
    stream.end();
    await finished(stream);
  } catch (error) {
    stream.destroy();
    throw error;
  }
  return { path, rows: count, bytes };
}
