/**
 * Which encoding a file is in, and why: a decision the user can check in the
 * preview. An invalid byte never silently switches the encoding: a file that
 * is UTF-8 except for a damaged sequence stays UTF-8 (its bad line is named
 * and the import reports it), and CP932 is chosen only for a sample whose
 * bytes are not UTF-8 by and large, as a Japanese Excel or connpass export is.
 */
import type { EncodingReason } from '../../../../src-shared/contract/imports';
import { decodeBuffer } from './decode';
import { countLineBreaks } from './line-breaks';
import type { TextEncodingName } from '../types';

export interface EncodingChoice {
  encoding: TextEncodingName;
  reason: EncodingReason;
}

/** Length of a UTF-8 sequence from its lead byte (0 for a continuation or invalid byte). */
function sequenceLength(byte: number): number {
  if (byte < 0x80) return 1;
  if (byte >= 0xc2 && byte <= 0xdf) return 2;
  if (byte >= 0xe0 && byte <= 0xef) return 3;
  if (byte >= 0xf0 && byte <= 0xf4) return 4;
  return 0;
}

/** Drops a multibyte sequence cut by the end of the sample (it is not an encoding error). */
function withoutCutSequence(sample: Uint8Array): Uint8Array {
  for (let i = sample.length - 1; i >= Math.max(0, sample.length - 3); i--) {
    const byte = sample[i] ?? 0;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const length = sequenceLength(byte);
    return length > sample.length - i ? sample.subarray(0, i) : sample;
  }
  return sample;
}

/** The allowed range of a sequence's second byte (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF). */
function secondByteRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

export interface Utf8Scan {
  /** Well-formed sequences of two to four bytes. */
  multibyte: number;
  /** Bytes or truncated sequences that are not UTF-8. */
  invalid: number;
}

/** Counts well-formed multibyte sequences and invalid ones, as a strict decoder would see them. */
export function scanUtf8(bytes: Uint8Array): Utf8Scan {
  let multibyte = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i]!;
    const length = sequenceLength(lead);
    if (length === 1) {
      i++;
      continue;
    }
    let ok = length > 0 && i + length <= bytes.length;
    if (ok) {
      const [low, high] = secondByteRange(lead);
      const second = bytes[i + 1]!;
      ok = second >= low && second <= high;
      for (let k = 2; ok && k < length; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    }
    if (ok) {
      multibyte++;
      i += length;
    } else {
      invalid++;
      i++;
    }
  }
  return { multibyte, invalid };
}

/** BOM-less UTF-16 shows as ASCII with a NUL on every other byte. */
function utf16WithoutBom(sample: Uint8Array): TextEncodingName | undefined {
  const n = Math.min(sample.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  const half = n / 2;
  if (oddZeros / half > 0.3 && evenZeros / half < 0.05) return 'utf-16le';
  if (evenZeros / half > 0.3 && oddZeros / half < 0.05) return 'utf-16be';
  return undefined;
}

const countReplacements = (text: string) => {
  let n = 0;
  for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) n++;
  return n;
};

/**
 * BOMs first; then the UTF-16 pattern; then UTF-8 when the sample is valid
 * UTF-8 (plain ASCII is), or when its well-formed multibyte sequences are at
 * least as many as its invalid ones (real UTF-8 text with damage). Otherwise
 * CP932, the encoding Japanese Excel and connpass write, when every byte
 * decodes in it; a sample that is neither gets the one with fewer errors.
 */
export function chooseEncoding(sample: Uint8Array, truncated: boolean): EncodingChoice {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8-bom', reason: 'bom' };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', reason: 'bom' };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', reason: 'bom' };
  const utf16 = utf16WithoutBom(sample);
  if (utf16) return { encoding: utf16, reason: 'utf16-pattern' };
  const bytes = truncated ? withoutCutSequence(sample) : sample;
  const utf8 = scanUtf8(bytes);
  if (utf8.invalid === 0) return { encoding: 'utf-8', reason: 'valid-utf8' };
  if (utf8.multibyte >= utf8.invalid) return { encoding: 'utf-8', reason: 'utf8-with-invalid-bytes' };
  const cp932 = decodeBuffer(bytes, 'cp932');
  // A double-byte character cut by the end of the sample is not an error.
  const cp932Errors = countReplacements(truncated ? cp932.slice(0, -1) : cp932);
  if (cp932Errors === 0) return { encoding: 'cp932', reason: 'not-utf8-valid-cp932' };
  return cp932Errors < utf8.invalid
    ? { encoding: 'cp932', reason: 'not-utf8-invalid-cp932' }
    : { encoding: 'utf-8', reason: 'utf8-with-invalid-bytes' };
}

/**
 * The 1-based physical line of the first character the decoder could not
 * decode (U+FFFD in the decoded sample), or null. CRLF, CR and LF end a line
 * each, as the import counts them.
 */
export function firstUndecodableLine(text: string): number | null {
  const at = text.indexOf('\uFFFD');
  return at < 0 ? null : 1 + countLineBreaks(text, at);
}
