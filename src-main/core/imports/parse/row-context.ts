/**
 * Everything a row parser needs that is the same for every row of one import:
 * the mapping resolved against the file's headers, the time zone, what the
 * format's setup computes (a connpass event, a Slack join date). Built once, before the first data row, so that a problem with the
 * import as a whole (a required column missing, an unknown zone, a connpass
 * file without an event) is reported once instead of on every row.
 */
import { describeImportProblem, type ImportProblem } from '../../../../src-shared/import-errors';
import { findFormat, formatOf } from '../formats/index';
import type { ColumnMapping, ImportOptions, WorkerInput } from '../types';
import { fieldSpec, normaliseHeader, suggestMapping } from './headers';
import type { RowContext } from './row-reader';
import { resolveZone } from './values';

export type { RowContext } from './row-reader';

/** The import as a whole cannot start; `problems` lists every reason at once (the message in English). */
export class ImportSetupError extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super(problems.map(describeImportProblem).join('; '));
    this.name = 'ImportSetupError';
  }
}

/**
 * Resolve a mapping against the file's headers. A header named in the mapping
 * is found exactly, else by the same normalisation suggestions use (a mapping
 * saved for `Occurred At` still fits a file saying `occurred_at`). An empty
 * mapping means "use the suggestion": it is never useful as such.
 */
export function resolveMapping(
  type: string,
  mapping: ColumnMapping,
  headers: readonly string[],
  options: ImportOptions = {},
): { columns: Map<string, string>; problems: ImportProblem[] } {
  const format = findFormat(type);
  if (!format) return { columns: new Map(), problems: [{ code: 'not-a-type', params: { type } }] };
  const given = Object.keys(mapping).length === 0 ? suggestMapping(type, headers) : mapping;
  const byNormalised = new Map<string, string>();
  for (const header of headers) if (!byNormalised.has(normaliseHeader(header))) byNormalised.set(normaliseHeader(header), header);
  const columns = new Map<string, string>();
  const problems: ImportProblem[] = [];
  for (const [field, header] of Object.entries(given)) {
    if (header === '') continue;
    if (!fieldSpec(type, field)) {
      problems.push({ code: 'not-a-field', params: { field, type } });
      continue;
    }
    const found = headers.includes(header) ? header : byNormalised.get(normaliseHeader(header));
    if (found === undefined) problems.push({ code: 'no-such-column', params: { header, field } });
    else columns.set(field, found);
  }
  for (const spec of format.fields) {
    if (spec.required && !columns.has(spec.name)) problems.push({ code: 'required-column', params: { field: spec.name } });
  }
  problems.push(...(format.mappingProblems?.(columns, options) ?? []));
  return { columns, problems };
}

/** Throws ImportSetupError with every problem found. */
export function createRowContext(
  input: Pick<WorkerInput, 'type' | 'mapping' | 'options' | 'filePath'> & { delimiter?: string },
  headers: readonly string[],
  now: number = Date.now(),
): RowContext {
  const { type, options } = input;
  const format = formatOf(type);
  const { columns, problems } = resolveMapping(type, input.mapping, headers, options);
  const zone = resolveZone(options.timezone);
  if (!zone.ok) problems.push({ code: zone.code, params: zone.params });
  const tz = zone.ok ? zone.value : 'UTC';
  const state = format.setup?.({ columns, options, zone: tz, filePath: input.filePath, now }, problems);
  if (problems.length > 0) throw new ImportSetupError(problems);
  const claimed = new Set(columns.values());
  return {
    type,
    columns,
    unmapped: headers.filter((h) => !claimed.has(h)),
    zone: tz,
    options,
    delimiter: input.delimiter,
    companions: format.companions ?? [],
    readRow: (r) => format.row(r, state),
  };
}
