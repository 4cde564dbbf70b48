/**
 * How table data is compressed in a backup. Brotli at quality 0 (text mode):
 * bench:backup measured it at about twice the speed of gzip level 1 on COPY
 * text, for a file only a little larger (a quarter of the text, against a
 * fifth), which is what lets a backup keep up with a plain COPY on two cores.
 * gzip and no compression are read as well (and written by the benchmark).
 * Both run on libuv's thread pool, beside the server and the main thread.
 */
import type { Transform } from 'node:stream';
import { constants, createBrotliCompress, createBrotliDecompress, createGunzip, createGzip } from 'node:zlib';
import type { Compression } from './format';

const CHUNK = 64 << 10;

/** The stream that compresses a table's COPY text; undefined when it is stored as is. */
export function compressor(compression: Compression): Transform | undefined {
  switch (compression) {
    case 'brotli':
      return createBrotliCompress({
        chunkSize: CHUNK,
        params: { [constants.BROTLI_PARAM_QUALITY]: 0, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT },
      });
    case 'gzip':
      return createGzip({ level: 1, chunkSize: CHUNK });
    case 'none':
      return undefined;
  }
}

export function decompressor(compression: Compression): Transform | undefined {
  switch (compression) {
    case 'brotli':
      return createBrotliDecompress({ chunkSize: CHUNK });
    case 'gzip':
      return createGunzip({ chunkSize: CHUNK });
    case 'none':
      return undefined;
  }
}
