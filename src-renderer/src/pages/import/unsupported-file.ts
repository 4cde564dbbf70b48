/**
 * Spreadsheets and archives dropped instead of a CSV: told apart before
 * anything is uploaded or previewed, by the name's extension and by the
 * first bytes (a renamed `.xlsx` is still a zip). The core refuses them too;
 * this answers at once, with what to do instead, in the user's language.
 */

/** Why a file is refused; each has its own message (`imports.unsupported.<kind>`). */
export type UnsupportedKind = 'excel' | 'numbers' | 'openDocument' | 'zip' | 'zipContent';

const BY_EXTENSION: Readonly<Record<string, UnsupportedKind>> = {
  xlsx: 'excel',
  xlsm: 'excel',
  xlsb: 'excel',
  xltx: 'excel',
  xls: 'excel',
  numbers: 'numbers',
  ods: 'openDocument',
  zip: 'zip',
};

/**
 * How many leading bytes `unsupportedByBytes` reads: a zip's first entry
 * names are in its local headers there (Excel's first entry is
 * `[Content_Types].xml`, a few hundred bytes deflated; `xl/…` follows).
 */
export const HEAD_BYTES = 64 * 1024;

export function unsupportedByName(name: string): UnsupportedKind | null {
  const dot = name.lastIndexOf('.');
  if (dot < 0) return null;
  return BY_EXTENSION[name.slice(dot + 1).toLowerCase()] ?? null;
}

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

/** Entry names (or a mimetype entry) that say what a zip holds, as the core's file-kind.ts reads them. */
function zipKind(bytes: Uint8Array): UnsupportedKind {
  const text = new TextDecoder('latin1').decode(bytes);
  if (text.includes('xl/')) return 'excel';
  if (text.includes('Index/Document.iwa')) return 'numbers';
  if (text.includes('opendocument.spreadsheet')) return 'openDocument';
  return 'zipContent';
}

/**
 * `PK\x03\x04` (and the empty and spanned zip markers) starts every zip:
 * .xlsx, .numbers and .ods are zips. `D0 CF 11 E0 A1 B1 1A E1` starts the
 * compound files of old Office, which for a file dropped here means .xls.
 */
export function unsupportedByBytes(bytes: Uint8Array): UnsupportedKind | null {
  if (
    [
      [0x50, 0x4b, 0x03, 0x04],
      [0x50, 0x4b, 0x05, 0x06],
      [0x50, 0x4b, 0x07, 0x08],
    ].some((magic) => startsWith(bytes, magic))
  )
    // A renamed workbook is named for what it is, not only as "a zip" (issue 11, defect 7).
    return zipKind(bytes);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'excel';
  return null;
}

/** The reason to refuse `file`, or null for anything that may be text (the core checks the rest). */
export async function unsupportedFile(file: Blob & { name: string }): Promise<UnsupportedKind | null> {
  const byName = unsupportedByName(file.name);
  if (byName) return byName;
  const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  return unsupportedByBytes(head);
}
