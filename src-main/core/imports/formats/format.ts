/**
 * What an import format is: one file under formats/ says everything about it
 * (issue 10, "Formats as a registry"): how its headers are recognised, its
 * fields and their aliases, how a row is validated, which options it takes,
 * which loader resolves it, the tables it writes, its template, the count the
 * UI leads with, and its label. The registry (index.ts) lists them.
 */
import type { ImportCompanion, ImportCountName, ImportOptionName } from '../../../../src-shared/contract/imports';
import type { TableName } from '../../../../src-shared/contract/tables';
import type { ImportProblem } from '../../../../src-shared/import-errors';
import type { Db } from '../../db/db';
import type { EntityCounts } from '../load/entity-resolve';
import type { RowReader } from '../parse/row-reader';
import type { ImportOptions, RowOutcome } from '../types';

export interface FieldSpec {
  /** The field's name in a ColumnMapping (snake_case, as issue 3 writes it). */
  name: string;
  /** Header spellings that feed it, in order of preference; the name itself comes first. */
  aliases: readonly string[];
  /** A file without a column for it cannot be imported. */
  required?: boolean;
}

export const field = (name: string, aliases: string[] = [], required = false): FieldSpec => ({
  name,
  aliases: [name, ...aliases],
  required,
});

/**
 * The values a template column takes, shown beside its download: `closed`
 * when the import refuses anything else, open when these are the values the
 * app knows and others are kept as written.
 */
export interface FieldValues {
  field: string;
  values: readonly string[];
  closed: boolean;
}

/** A header row, asked about fields by their aliases (compared as parse/headers.ts normalises them). */
export interface HeaderProbe {
  /** Every one of these fields of the format has a column. */
  all(...fields: string[]): boolean;
  /** At least one of them has. */
  any(...fields: string[]): boolean;
  /** A field of any list (another format's, say) has a column. */
  has(spec: FieldSpec): boolean;
  /** The file's name as the user dropped it, when known. */
  fileName?: string;
}

/**
 * How staged rows reach the tables: activity formats stage activities and go
 * through load/activity-resolve.ts; entity formats stage one jsonb record per
 * row and name their own set-based resolver.
 */
export type FormatLoad = { kind: 'activity' } | { kind: 'entity'; resolve(db: Db, tenant: string): Promise<EntityCounts> };

/** What a format's setup sees: the import as a whole, before the first data row. */
export interface SetupInput {
  /** field → the file's header that feeds it. */
  columns: ReadonlyMap<string, string>;
  options: ImportOptions;
  /** IANA zone for timestamps written without an offset. */
  zone: string;
  filePath: string;
  /** The import's start (epoch ms). */
  now: number;
}

export interface ImportFormat<State = unknown> {
  /** The name the contract, the CLI's --type and import_jobs use. */
  type: string;
  /**
   * English names, shown when the UI has no translation: `label` under
   * `imports.types.<type>` (the format picker), `shortLabel` under
   * `imports.typeShort.<type>` (history, template buttons).
   */
  label: string;
  shortLabel: string;
  /** In the order a mapping editor shows them. */
  fields: readonly FieldSpec[];
  /** Recognition from a header row: lower ranks are asked first (the most specific exports before generic templates). */
  detect?: { rank: number; test(probe: HeaderProbe): boolean };
  /** The import options the form and the CLI offer, in the form's order. */
  options: readonly ImportOptionName[];
  load: FormatLoad;
  /** Tables an import may write besides the derived ones (every import refreshes those), for db:changed. */
  tables: readonly TableName[];
  /** The app's own formats have a downloadable template: their field names as the header row. */
  template: boolean;
  /** The template's one example row (field → value), which imports as it is; fields left out are blank. */
  example?: Readonly<Record<string, string>>;
  /** Values of the template's columns that people ask about (actions, categories, currencies…). */
  values?: readonly FieldValues[];
  /** The count the result leads with, shown even when zero. */
  primaryCount: ImportCountName;
  /** Columns no field reads are kept in each activity's metadata (rather than ignored). */
  keepsUnmapped: boolean;
  /** One of these field sets must be mapped for the format to tell who did each row (empty: no such rule). */
  actorFieldSets: readonly (readonly string[])[];
  /** Fields that need another one in the same row (absent: none). */
  companions?: readonly ImportCompanion[];
  /** Problems of a mapping as a whole, beyond its required fields. */
  mappingProblems?(columns: ReadonlyMap<string, string>, options: ImportOptions): ImportProblem[];
  /** Values every row shares (an event, a date), computed once; problems go to `problems`. */
  setup?(input: SetupInput, problems: ImportProblem[]): State;
  /** One data row → its outcome; every problem of the row is reported. */
  row(r: RowReader, state: State): RowOutcome;
}

/**
 * Types one format with its own setup state. The registry holds formats of
 * different states side by side; `setup` and `row` of one format always go
 * together (parse/row-context.ts), so forgetting the state's type is safe.
 */
export function defineFormat<State>(format: ImportFormat<State>): ImportFormat {
  return format as unknown as ImportFormat;
}
