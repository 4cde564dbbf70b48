/**
 * Files that are not CSV text at all — a spreadsheet, an archive, an image, a
 * program — are refused with one reason that names what the file is, before
 * any of it is parsed: read as CSV they would only give a page of nonsense
 * errors (or, with NUL bytes, a failed COPY).
 */
import { extname } from 'node:path';
import { CoreError } from '../../errors';

const startsWith = (sample: Uint8Array, magic: readonly number[]) => magic.every((byte, i) => sample[i] === byte);
const contains = (sample: Uint8Array, text: string) =>
  Buffer.from(sample.buffer, sample.byteOffset, sample.byteLength).includes(text, 0, 'latin1');

const SAVE_AS_CSV = 'save it as CSV (UTF-8) and import that file';

/** What a ZIP container holds, from the names of its first entries (they are stored uncompressed). */
function zipFormat(sample: Uint8Array, fileName: string): string {
  const ext = extname(fileName).toLowerCase();
  if (['.xlsx', '.xlsm', '.xltx'].includes(ext) || contains(sample, 'xl/'))
    return `Excel files are not supported: ${SAVE_AS_CSV} (File › Save As › CSV UTF-8)`;
  if (ext === '.numbers' || contains(sample, 'Index/Document.iwa'))
    return `Numbers files are not supported: export it as CSV (File › Export To › CSV, Unicode UTF-8)`;
  if (ext === '.ods' || contains(sample, 'opendocument.spreadsheet')) return `OpenDocument spreadsheets are not supported: ${SAVE_AS_CSV}`;
  return `This is a ZIP archive, not a CSV file: unpack it, or if it is a spreadsheet, ${SAVE_AS_CSV}`;
}

const MAGIC: { magic: number[]; message: (sample: Uint8Array, fileName: string) => string; format: string }[] = [
  { format: 'zip', magic: [0x50, 0x4b, 0x03, 0x04], message: zipFormat },
  { format: 'zip', magic: [0x50, 0x4b, 0x05, 0x06], message: zipFormat },
  {
    format: 'xls',
    magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    message: () => `Excel files are not supported (this is an Excel 97–2003 .xls workbook): ${SAVE_AS_CSV}`,
  },
  { format: 'png', magic: [0x89, 0x50, 0x4e, 0x47], message: () => 'This is a PNG image, not a CSV file' },
  { format: 'jpeg', magic: [0xff, 0xd8, 0xff], message: () => 'This is a JPEG image, not a CSV file' },
  { format: 'gif', magic: [0x47, 0x49, 0x46, 0x38], message: () => 'This is a GIF image, not a CSV file' },
  { format: 'pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d], message: () => 'This is a PDF document, not a CSV file' },
  { format: 'gzip', magic: [0x1f, 0x8b], message: () => 'This is a gzip archive: unpack it and import the CSV file inside' },
  { format: 'elf', magic: [0x7f, 0x45, 0x4c, 0x46], message: () => 'This is a program (ELF executable), not a CSV file' },
  { format: 'sqlite', magic: [...Buffer.from('SQLite format 3\0', 'latin1')], message: () => 'This is an SQLite database, not a CSV file' },
];

/** Share of control bytes above which a sample is binary: text has tabs and line ends, little else. */
const CONTROL_SHARE = 0.05;
/** Control or NUL bytes in such numbers are a binary file; one or two in a cell are that row's error. */
const BINARY_MIN = 8;
const NUL_SHARE = 0.01;

function controlCounts(sample: Uint8Array): { nul: number; control: number } {
  let nul = 0;
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) nul++;
    // Tab, LF, CR: text. Everything else below 0x20, and DEL: control. Never part of a UTF-8 or CP932 character.
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) || byte === 0x7f) control++;
  }
  return { nul, control };
}

/**
 * Throws a BAD_INPUT CoreError (details: `{ reason: 'not-text' | 'empty', format }`)
 * when the sample is no CSV text. `utf16` says the encoding was found to be
 * UTF-16, whose every other byte is NUL.
 */
export function refuseNonText(sample: Uint8Array, fileName: string, utf16: boolean): void {
  for (const { magic, message, format } of MAGIC) {
    if (startsWith(sample, magic))
      throw new CoreError('BAD_INPUT', `${fileName}: ${message(sample, fileName)}.`, { reason: 'not-text', format });
  }
  if (!utf16 && sample.length > 0) {
    const { nul, control } = controlCounts(sample);
    if ((control >= BINARY_MIN && control / sample.length > CONTROL_SHARE) || (nul >= BINARY_MIN && nul / sample.length > NUL_SHARE)) {
      throw new CoreError(
        'BAD_INPUT',
        `${fileName} looks like a binary file, not CSV text: ${control} of its first ${sample.length} bytes are control characters` +
          `${nul > 0 ? ` (${nul} NUL bytes)` : ''}. Choose the CSV file, or save the data as CSV (UTF-8).`,
        { reason: 'not-text', format: 'binary' },
      );
    }
  }
  const meaningful = Buffer.from(sample.buffer, sample.byteOffset, sample.byteLength)
    .toString('latin1')
    .replace(/^(\xef\xbb\xbf|\xff\xfe|\xfe\xff)/, '');
  if (meaningful.replace(/[\s\0]/g, '') === '') {
    throw new CoreError('BAD_INPUT', `${fileName} is empty: there is no header row, and no data.`, { reason: 'empty', format: 'empty' });
  }
}
