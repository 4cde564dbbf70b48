/**
 * Where a large CSV file can be cut in two so that two worker threads parse
 * it at once. In UTF-8 and CP932 the bytes 0x0A (newline) and 0x22 (quote)
 * are never part of a multibyte character, so a newline is a record boundary
 * exactly when the quotes before it are balanced (an escaped "" counts two).
 * UTF-16 files, files without a safe boundary, and small files stay whole.
 */
import { open } from 'node:fs/promises';
import type { TextEncodingName } from '../types';

/** Below this, one worker is quicker than coordinating two. */
export const SPLIT_MIN_BYTES = 16 * 1024 * 1024;
const SPLITTABLE: ReadonlySet<TextEncodingName> = new Set(['utf-8', 'utf-8-bom', 'cp932']);
const CHUNK = 4 * 1024 * 1024;

export interface SplitPoint {
  /** First byte of the second part: just after a record-ending newline. */
  offset: number;
  /** Physical line number at which the second part starts. */
  line: number;
}

export async function findSplit(
  filePath: string,
  size: number,
  encoding: TextEncodingName,
  minBytes: number = SPLIT_MIN_BYTES,
): Promise<SplitPoint | undefined> {
  if (size < minBytes || !SPLITTABLE.has(encoding)) return undefined;
  const middle = Math.floor(size / 2);
  const handle = await open(filePath, 'r');
  try {
    const buffer = Buffer.alloc(CHUNK);
    let quotes = 0;
    let newlines = 0;
    for (let position = 0; position < size;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, position);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      for (let i = 0; i < bytesRead; i++) {
        const byte = chunk[i];
        if (byte === 0x22) quotes++;
        else if (byte === 0x0a) {
          newlines++;
          // Past the middle, the first newline outside quotes (and not the last byte) is the cut.
          if (position + i >= middle && quotes % 2 === 0 && position + i + 1 < size) {
            return { offset: position + i + 1, line: newlines + 1 };
          }
        }
      }
      position += bytesRead;
    }
    return undefined;
  } finally {
    await handle.close();
  }
}
