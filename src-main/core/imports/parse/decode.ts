/**
 * Bytes of a CSV file in its sniffed encoding → UTF-8 for csv-parse, with any
 * byte order mark removed (csv-parse runs with `bom: false`).
 *
 * CP932 is decoded with iconv-lite's 'cp932' table (Microsoft's, which is what
 * Excel and connpass write): ① and 髙 decode as themselves, and 0x8160 〜
 * decodes to U+FF5E FULLWIDTH TILDE, not JIS's U+301C WAVE DASH. We keep what
 * the table gives; code that compares text (emails, handles, dates, amounts,
 * headers) applies NFKC, which maps U+FF5E to '~'. Note the reverse: iconv
 * cannot encode U+301C to CP932 (it writes '?'), so a test that wants the
 * byte 0x8160 must encode '～' (U+FF5E).
 */
import { Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';
import type { TextEncodingName } from '../types';

const iconvNames: Record<TextEncodingName, string> = {
  'utf-8': 'utf8',
  'utf-8-bom': 'utf8',
  cp932: 'cp932',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
};

const utf8Bom = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * UTF-8 passes through as bytes: csv-parse splits on ASCII delimiters, which
 * never occur inside a UTF-8 multibyte sequence, and decodes each field
 * whole. Skipping a decode → re-encode round trip matters at a million rows.
 * Invalid bytes still become U+FFFD in the field, which rows.ts reports.
 */
class StripUtf8Bom extends Transform {
  private head: Buffer | undefined = Buffer.alloc(0);

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.head === undefined) return done(null, chunk);
    const head = Buffer.concat([this.head, chunk]);
    if (head.length < utf8Bom.length && utf8Bom.subarray(0, head.length).equals(head)) {
      this.head = head; // a first chunk of one or two bytes: wait for the third
      return done();
    }
    this.head = undefined;
    done(null, head.subarray(0, 3).equals(utf8Bom) ? head.subarray(3) : head);
  }

  override _flush(done: TransformCallback): void {
    if (this.head !== undefined && this.head.length > 0) this.push(this.head);
    done();
  }
}

/** A stream from the file's bytes to UTF-8 text (Buffers or strings), BOM removed. */
export function createDecoder(encoding: TextEncodingName): NodeJS.ReadWriteStream {
  if (encoding === 'utf-8' || encoding === 'utf-8-bom') return new StripUtf8Bom();
  // iconv-lite's decoders drop a leading BOM (stripBOM defaults to true).
  return iconv.decodeStream(iconvNames[encoding]);
}

/** Decodes a whole buffer (the sniffing sample), BOM removed. */
export function decodeBuffer(buf: Uint8Array, encoding: TextEncodingName): string {
  return iconv.decode(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength), iconvNames[encoding]);
}
