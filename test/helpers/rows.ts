/**
 * One CSV row through the import's row parser (createRowContext + parseRow),
 * for the unit tests of each format.
 */
import { suggestMapping } from '../../src-main/core/imports/parse/headers';
import { createRowContext } from '../../src-main/core/imports/parse/row-context';
import { parseRow } from '../../src-main/core/imports/parse/rows';
import type { ColumnMapping, ImportOptions, ImportType, RowOutcome } from '../../src-main/core/imports/types';

export const at = (iso: string) => Date.parse(iso);

/** Parses one row whose headers are the keys of `cells`, mapping suggested unless given. */
export function row(
  type: ImportType,
  cells: Record<string, string>,
  options: ImportOptions = {},
  mapping?: ColumnMapping,
  now?: number,
): RowOutcome {
  const headers = Object.keys(cells);
  const ctx = createRowContext(
    {
      type,
      mapping: mapping ?? suggestMapping(type, headers),
      options: { timezone: 'Asia/Tokyo', ...options },
      filePath: '/data/export.csv',
      delimiter: ',',
    },
    headers,
    now,
  );
  return parseRow(cells, 7, ctx);
}

export const record = (outcome: RowOutcome) => {
  if (outcome.status !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(outcome)}`);
  return outcome.record;
};
/** A row's errors as the CLI shows them (English reason); `codes` gives what the UI translates. */
export const errors = (outcome: RowOutcome) =>
  outcome.status === 'error' ? outcome.errors.map(({ line, column, reason, value }) => ({ line, column, reason, value })) : [];
export const codes = (outcome: RowOutcome) =>
  outcome.status === 'error' ? outcome.errors.map(({ code, params }) => ({ code, params })) : [];
