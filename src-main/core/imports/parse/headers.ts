/**
 * Column names: which header feeds which field of a format (the fields and
 * their aliases are the format's, in formats/), and which format a header
 * row looks like.
 *
 * Issue 3: headers match case-insensitively, ignoring spaces, `_` and `-`, and
 * Japanese aliases are accepted. Everything here compares through
 * `normaliseHeader`, so `Occurred At`, `occurred-at` and `ＯＣＣＵＲＲＥＤ＿ＡＴ`
 * are one name, for suggestions, preset recognition and mapping look-ups alike.
 */
import { formatOf, recognitionOrder, type FieldSpec } from '../formats/index';
import type { ColumnMapping } from '../types';

export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

/** field → normalised aliases, per list of fields, computed once. */
const aliasTables = new WeakMap<readonly FieldSpec[], Map<string, readonly string[]>>();

function aliasTable(fields: readonly FieldSpec[]): Map<string, readonly string[]> {
  let table = aliasTables.get(fields);
  if (!table) {
    table = new Map(fields.map((spec) => [spec.name, spec.aliases.map(normaliseHeader)]));
    aliasTables.set(fields, table);
  }
  return table;
}

export function fieldSpec(type: string, field: string): FieldSpec | undefined {
  return formatOf(type).fields.find((spec) => spec.name === field);
}

/**
 * Header names as the import uses them: trimmed, an empty one named after its
 * position, a repeated one suffixed " (2)", " (3)"… so that every column has a
 * distinct name for the mapping and for `metadata`. The sniffer and the parse
 * worker both go through this, so their names agree.
 */
export function uniqueHeaders(raw: readonly string[]): string[] {
  const seen = new Set<string>();
  return raw.map((header, index) => {
    const base = header.trim() || `column ${index + 1}`;
    let name = base;
    for (let n = 2; seen.has(name); n++) name = `${base} (${n})`;
    seen.add(name);
    return name;
  });
}

/**
 * Guess field → header for `type`. A header spelled like the field's own name
 * wins over an alias (so `display_name` beats `name`), and no header feeds two
 * fields. Unclaimed headers stay unmapped (activities keep them as metadata).
 */
export function suggestMapping(type: string, headers: readonly string[]): ColumnMapping {
  const table = aliasTable(formatOf(type).fields);
  const normalised = headers.map(normaliseHeader);
  const taken = new Set<number>();
  const mapping: ColumnMapping = {};
  const claim = (field: string, accepts: (alias: string, position: number) => boolean) => {
    if (mapping[field] !== undefined) return;
    const aliases = table.get(field) ?? [];
    for (const [position, alias] of aliases.entries()) {
      const index = normalised.findIndex((h, i) => !taken.has(i) && h === alias && accepts(alias, position));
      const header = headers[index];
      if (header !== undefined) {
        taken.add(index);
        mapping[field] = header;
        return;
      }
    }
  };
  for (const field of table.keys()) claim(field, (_alias, position) => position === 0);
  for (const field of table.keys()) claim(field, () => true);
  return mapping;
}

/**
 * The import type a header row (and file name) looks like, or undefined.
 * Formats are asked from the most specific export to the most generic template.
 */
export function recognisePreset(headers: readonly string[], fileName?: string): string | undefined {
  const n = new Set(headers.map(normaliseHeader));
  const has = (spec: FieldSpec) => spec.aliases.some((alias) => n.has(normaliseHeader(alias)));
  for (const format of recognitionOrder()) {
    const table = aliasTable(format.fields);
    const hasField = (field: string) => (table.get(field) ?? []).some((alias) => n.has(alias));
    const probe = {
      all: (...fields: string[]) => fields.every(hasField),
      any: (...fields: string[]) => fields.some(hasField),
      has,
      fileName,
    };
    if (format.detect?.test(probe)) return format.type;
  }
  return undefined;
}
