/**
 * Everything a row parser needs that is the same for every row of one import:
 * the mapping resolved against the file's headers, the time zone, the preset's
 * defaults. Built once, before the first data row, so that a problem with the
 * import as a whole (a required column missing, an unknown zone, a connpass
 * file without an event) is reported once instead of on every row.
 */
import { basename } from 'node:path';
import { connpassEventIdFromFileName, fieldSpec, importFields, normaliseHeader, suggestMapping } from './headers';
import type { ColumnMapping, ImportOptions, ImportType, ResourceRef, WorkerInput } from '../types';
import { parseTimestamp, resolveZone } from './values';

export interface RowContext {
  type: ImportType;
  /** field → the file's header that feeds it (only fields that have one). */
  columns: ReadonlyMap<string, string>;
  /** Headers no field claims, in file order: they become `metadata`. */
  unmapped: readonly string[];
  /** The file's delimiter: a whole-row error shows the row as written. */
  delimiter?: string;
  /** IANA zone for timestamps written without an offset. */
  zone: string;
  options: ImportOptions;
  /** connpass: the event every row refers to. */
  event?: ResourceRef;
  /** connpass: when a row has no 更新日時, the event's date stands in. */
  eventAt?: number;
  /** slack-members: when the members joined (the option, or the import's start). */
  joinedAt?: number;
}

/** The import as a whole cannot start; `problems` lists every reason at once. */
export class ImportSetupError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'ImportSetupError';
  }
}

/** Source written on rows of each preset unless the options name one. */
export const presetSources: Partial<Record<ImportType, string>> = {
  connpass: 'connpass',
  'github-stars': 'github',
  'slack-members': 'slack',
};

/**
 * Resolve a mapping against the file's headers. A header named in the mapping
 * is found exactly, else by the same normalisation suggestions use (a mapping
 * saved for `Occurred At` still fits a file saying `occurred_at`). An empty
 * mapping means "use the suggestion": it is never useful as such.
 */
export function resolveMapping(
  type: ImportType,
  mapping: ColumnMapping,
  headers: readonly string[],
  options: ImportOptions = {},
): { columns: Map<string, string>; problems: string[] } {
  const given = Object.keys(mapping).length === 0 ? suggestMapping(type, headers) : mapping;
  const byNormalised = new Map<string, string>();
  for (const header of headers) if (!byNormalised.has(normaliseHeader(header))) byNormalised.set(normaliseHeader(header), header);
  const columns = new Map<string, string>();
  const problems: string[] = [];
  for (const [field, header] of Object.entries(given)) {
    if (header === '') continue;
    if (!fieldSpec(type, field)) {
      problems.push(`"${field}" is not a field of ${type} imports`);
      continue;
    }
    const found = headers.includes(header) ? header : byNormalised.get(normaliseHeader(header));
    if (found === undefined) problems.push(`the file has no column "${header}" (mapped to ${field})`);
    else columns.set(field, found);
  }
  for (const spec of importFields[type]) {
    if (spec.required && !columns.has(spec.name)) problems.push(`no column for the required field ${spec.name}`);
  }
  if (type === 'activities' && !columns.has('source') && !options.source?.trim()) {
    problems.push('no column for source and no source given for the import');
  }
  if (type === 'connpass' && !columns.has('updated_at') && !options.eventDate?.trim()) {
    problems.push('no 更新日時 column and no event date given for the import');
  }
  return { columns, problems };
}

function connpassEvent(input: Pick<WorkerInput, 'options' | 'filePath'>): ResourceRef | undefined {
  const { options } = input;
  const id =
    options.eventId?.trim() || connpassEventIdFromFileName(options.fileName) || connpassEventIdFromFileName(basename(input.filePath));
  const title = options.eventTitle?.trim() || undefined;
  if (id === undefined && title === undefined) return undefined;
  const event: ResourceRef = { category: 'event' };
  if (title !== undefined) event.title = title;
  if (id !== undefined) {
    event.externalId = id;
    // The event page is the one identifier connpass guarantees stable.
    if (/^\d+$/.test(id)) event.url = `https://connpass.com/event/${id}/`;
  }
  return event;
}

/** Throws ImportSetupError with every problem found. */
export function createRowContext(
  input: Pick<WorkerInput, 'type' | 'mapping' | 'options' | 'filePath'> & { delimiter?: string },
  headers: readonly string[],
  now: number = Date.now(),
): RowContext {
  const { type, options } = input;
  const { columns, problems } = resolveMapping(type, input.mapping, headers, options);
  const zone = resolveZone(options.timezone);
  if (!zone.ok) problems.push(zone.reason);
  const tz = zone.ok ? zone.value : 'UTC';
  const claimed = new Set(columns.values());
  const ctx: RowContext = {
    type,
    columns,
    unmapped: headers.filter((h) => !claimed.has(h)),
    zone: tz,
    options,
    delimiter: input.delimiter,
  };

  if (type === 'connpass') {
    ctx.event = connpassEvent(input);
    if (!ctx.event) problems.push('connpass: give the event id or title (or keep the file name event_<id>_participants.csv)');
    if (options.eventDate?.trim()) {
      const at = parseTimestamp(options.eventDate, tz);
      if (at.ok) ctx.eventAt = at.value;
      else problems.push(`event date "${options.eventDate}": ${at.reason}`);
    }
  }
  if (type === 'slack-members') {
    ctx.joinedAt = now;
    if (options.occurredAt?.trim()) {
      const at = parseTimestamp(options.occurredAt, tz);
      if (at.ok) ctx.joinedAt = at.value;
      else problems.push(`occurred at "${options.occurredAt}": ${at.reason}`);
    }
  }
  if (problems.length > 0) throw new ImportSetupError(problems);
  return ctx;
}
