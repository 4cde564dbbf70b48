/**
 * Names for what the sniffer detected, as i18n keys. The core says
 * `utf-8`, `utf-8-bom`, `cp932`, `utf-16le`, `utf-16be`; common aliases are
 * accepted too so a renamed value still reads well.
 */

export type EncodingKey = 'utf8' | 'utf8Bom' | 'cp932' | 'utf16le' | 'utf16be';
export type DelimiterKey = 'comma' | 'tab' | 'semicolon' | 'pipe';

const ENCODINGS: Record<string, EncodingKey> = {
  utf8: 'utf8',
  utf8bom: 'utf8Bom',
  utf8withbom: 'utf8Bom',
  utf8sig: 'utf8Bom',
  cp932: 'cp932',
  ms932: 'cp932',
  windows31j: 'cp932',
  shiftjis: 'cp932',
  sjis: 'cp932',
  utf16le: 'utf16le',
  utf16be: 'utf16be',
};

export function encodingKey(raw: string): EncodingKey | null {
  return ENCODINGS[raw.toLowerCase().replace(/[\s_\-()]+/g, '')] ?? null;
}

const DELIMITERS: Record<string, DelimiterKey> = { ',': 'comma', '\t': 'tab', ';': 'semicolon', '|': 'pipe' };

export function delimiterKey(raw: string): DelimiterKey | null {
  return DELIMITERS[raw === '\\t' ? '\t' : raw] ?? null;
}

/** The name to show: translated when known, else the core's own word. */
export function encodingLabel(raw: string, names: Readonly<Record<EncodingKey, string>>): string {
  const key = encodingKey(raw);
  return key ? names[key] : raw;
}

export function delimiterLabel(raw: string, names: Readonly<Record<DelimiterKey, string>>): string {
  const key = delimiterKey(raw);
  return key ? names[key] : JSON.stringify(raw);
}
