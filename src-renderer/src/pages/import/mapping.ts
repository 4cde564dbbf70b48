/**
 * The mapping editor's logic: which header feeds which field, what is still
 * missing before an import can start, and which columns are left over.
 */

export interface FieldLike {
  name: string;
  required: boolean;
}

/** field → header */
export type Mapping = Record<string, string>;

/** The engine's header comparison: case, width, spaces, `_` and `-` do not matter. */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

/**
 * The mapping to start from for `fields`: the preview's suggestion where it
 * names a header of this file, else a header spelled like the field itself.
 * No header feeds two fields.
 */
export function suggestMapping(fields: readonly FieldLike[], headers: readonly string[], suggestion: Mapping): Mapping {
  const mapping: Mapping = {};
  const taken = new Set<string>();
  for (const { name } of fields) {
    const header = suggestion[name];
    if (header !== undefined && headers.includes(header) && !taken.has(header)) {
      mapping[name] = header;
      taken.add(header);
    }
  }
  for (const { name } of fields) {
    if (mapping[name] !== undefined) continue;
    const header = headers.find((h) => !taken.has(h) && normaliseHeader(h) === normaliseHeader(name));
    if (header !== undefined) {
      mapping[name] = header;
      taken.add(header);
    }
  }
  return mapping;
}

/** Only the fields of this type that point at a header of this file. */
export function cleanMapping(mapping: Mapping, fields: readonly FieldLike[], headers: readonly string[]): Mapping {
  const out: Mapping = {};
  for (const { name } of fields) {
    const header = mapping[name];
    if (header !== undefined && headers.includes(header)) out[name] = header;
  }
  return out;
}

export interface MappingProblems {
  /** Required fields with no column, in the editor's order. */
  missing: string[];
  /** No way to tell who did each row (formats with actor field sets: activities). */
  needsActor: boolean;
}

export function validateMapping(
  format: { actorFieldSets: readonly (readonly string[])[] },
  fields: readonly FieldLike[],
  mapping: Mapping,
  headers: readonly string[],
): MappingProblems {
  const mapped = cleanMapping(mapping, fields, headers);
  const missing = fields.filter((f) => f.required && mapped[f.name] === undefined).map((f) => f.name);
  const known = new Set(fields.map((f) => f.name));
  // One of the format's actor field sets must be mapped; checked only when the engine lists
  // these fields, so a renamed field cannot block every import.
  const sets = format.actorFieldSets;
  const checksActor = sets.length > 0 && sets.every((set) => set.every((f) => known.has(f)));
  const needsActor = checksActor && !sets.some((set) => set.every((f) => mapped[f] !== undefined));
  return { missing, needsActor };
}

export function isMappingValid(problems: MappingProblems): boolean {
  return problems.missing.length === 0 && !problems.needsActor;
}

/** Headers no field reads, in file order. */
export function unmappedHeaders(headers: readonly string[], mapping: Mapping): string[] {
  const used = new Set(Object.values(mapping));
  return headers.filter((h) => !used.has(h));
}

/** Whether the format keeps leftover columns (in each activity's metadata) rather than ignoring them. */
export function keepsUnmappedAsMetadata(format: { keepsUnmapped: boolean }): boolean {
  return format.keepsUnmapped;
}

/** A mapped field whose companion (a resource title's category) has no column: every row with a value there will be rejected. */
export interface CompanionWarning {
  when: string;
  need: string;
}

/** The format's companion rules against this mapping, one warning per field needed (issue 11, defect 1). */
export function companionWarnings(
  format: { companions: readonly { when: string; need: string; unless?: string }[] },
  fields: readonly FieldLike[],
  mapping: Mapping,
  headers: readonly string[],
): CompanionWarning[] {
  const mapped = cleanMapping(mapping, fields, headers);
  const warnings: CompanionWarning[] = [];
  for (const { when, need, unless } of format.companions) {
    if (mapped[when] === undefined || mapped[need] !== undefined) continue;
    if (unless !== undefined && mapped[unless] !== undefined) continue;
    if (!warnings.some((w) => w.need === need)) warnings.push({ when, need });
  }
  return warnings;
}
