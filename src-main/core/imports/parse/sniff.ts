/**
 * Sniffing a dropped file from its first 64 KiB: encoding, delimiter, header
 * row, the first decoded rows, the preset it looks like and a suggested
 * mapping. Only the sample is read, so a preview is instant at any file size.
 */
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { CsvError } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { CoreError } from '../../errors';
import { decodeBuffer } from './decode';
import { chooseEncoding, firstUndecodableLine } from './encoding';
import { refuseNonText } from './file-kind';
import { recognisePreset, suggestMapping, uniqueHeaders } from './headers';
import { RECORD_DELIMITERS, structuralReason } from './record-stream';
import type { SniffResult } from '../types';

export const SAMPLE_BYTES = 64 * 1024;
const PREVIEW_ROWS = 20;
const SCAN_RECORDS = 50;

type Delimiter = SniffResult['delimiter'];
const delimiters: readonly Delimiter[] = [',', '\t', ';'];

interface Scan {
  /** Per candidate, its count outside quotes in each non-empty record. */
  counts: Record<Delimiter, number[]>;
  /** Offset just past the last record terminator seen outside quotes. */
  end: number;
}

/** Walks records (quotes respected, so quoted newlines and delimiters do not count). */
function scanRecords(text: string, maxRecords: number): Scan {
  const counts: Record<Delimiter, number[]> = { ',': [], '\t': [], ';': [] };
  let current: Record<Delimiter, number> = { ',': 0, '\t': 0, ';': 0 };
  let inQuotes = false;
  let empty = true;
  let end = 0;
  let records = 0;
  const close = () => {
    if (!empty) {
      for (const d of delimiters) counts[d].push(current[d]);
      records++;
    }
    current = { ',': 0, '\t': 0, ';': 0 };
    empty = true;
  };
  for (let i = 0; i < text.length && records < maxRecords; i++) {
    const ch = text[i];
    if (ch === '"')
      inQuotes = !inQuotes; // "" inside quotes toggles twice: no net change
    else if (!inQuotes && (ch === '\n' || ch === '\r')) {
      close();
      if (ch === '\r' && text[i + 1] === '\n') i++;
      end = i + 1;
      continue;
    } else if (!inQuotes && (ch === ',' || ch === '\t' || ch === ';')) current[ch]++;
    empty = false;
  }
  if (records < maxRecords) close();
  return { counts, end };
}

/** The candidate whose count in every row equals the header's most often. */
export function detectDelimiter(text: string): Delimiter {
  const { counts } = scanRecords(text, SCAN_RECORDS);
  let best: { d: Delimiter; score: number; header: number } | undefined;
  for (const d of delimiters) {
    const [header = 0, ...rows] = counts[d];
    if (header === 0) continue;
    const score = rows.length === 0 ? 1 : rows.filter((c) => c === header).length / rows.length;
    if (!best || score > best.score || (score === best.score && header > best.header)) best = { d, score, header };
  }
  return best?.d ?? ',';
}

/** The sample's first records, and what was wrong with its structure (a stray or unclosed quote), if anything. */
function readSampleRecords(text: string, delimiter: Delimiter): { records: string[][]; problem?: string } {
  const base = {
    delimiter,
    record_delimiter: RECORD_DELIMITERS,
    relax_column_count: true,
    skip_empty_lines: true,
    bom: false,
    to: PREVIEW_ROWS + 1,
  };
  try {
    return { records: parse(text, { ...base, relax_quotes: false }) };
  } catch (error) {
    // A preview should still show a file with a stray or unclosed quote, as
    // far as it can be read; the import reports the line.
    const problem = structuralReason(error as CsvError);
    return { records: parse(text, { ...base, relax_quotes: true, skip_records_with_error: true }), problem };
  }
}

/** Sniffs a sample; a buffer longer than SAMPLE_BYTES is taken as the start of a longer file. */
export function sniffBuffer(buf: Uint8Array, fileName?: string): SniffResult {
  const truncated = buf.length > SAMPLE_BYTES;
  let sample = buf.subarray(0, SAMPLE_BYTES);
  const { encoding, reason } = chooseEncoding(sample, truncated);
  if (encoding.startsWith('utf-16')) sample = sample.subarray(0, sample.length & ~1);
  let text = decodeBuffer(sample, encoding);
  if (truncated) {
    // The last record of a cut sample may be incomplete: keep whole records only.
    const { end } = scanRecords(text, Number.POSITIVE_INFINITY);
    if (end > 0) text = text.slice(0, end);
  }
  const firstBadLine = firstUndecodableLine(text);
  const delimiter = detectDelimiter(text);
  const { records, problem } = text.trim() === '' ? { records: [] } : readSampleRecords(text, delimiter);
  const [first = [], ...rows] = records;
  const headers = uniqueHeaders(first);
  const type = recognisePreset(headers, fileName);
  return {
    encoding,
    encodingReason: reason,
    firstBadLine,
    delimiter,
    headers,
    rows: rows.slice(0, PREVIEW_ROWS),
    ...(type ? { type } : {}),
    mapping: suggestMapping(type ?? 'activities', headers),
    ...(problem ? { structuralProblem: problem } : {}),
  };
}

/**
 * Reads only the first SAMPLE_BYTES (+1, to know whether the file goes on).
 * Throws a BAD_INPUT CoreError for a file that is no CSV text (file-kind.ts).
 */
export async function sniffFile(path: string, fileName?: string): Promise<SniffResult> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(SAMPLE_BYTES + 1);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const name = fileName ?? basename(path);
    const sample = buf.subarray(0, bytesRead);
    const head = sample.subarray(0, SAMPLE_BYTES);
    refuseNonText(head, name, chooseEncoding(head, bytesRead > SAMPLE_BYTES).encoding.startsWith('utf-16'));
    const sniffed = sniffBuffer(sample, name);
    if (sniffed.headers.length === 0) {
      // Not empty (refused above), yet no header: its first record is broken.
      throw new CoreError(
        'BAD_INPUT',
        `${name}: the header row (line 1) cannot be read: ${sniffed.structuralProblem ?? 'it has no columns'}.`,
        {
          reason: 'no-header',
          line: 1,
        },
      );
    }
    return sniffed;
  } finally {
    await handle.close();
  }
}
