import type { DatabaseLocation, SystemStatus } from '../../../../src-shared/contract/system';
import { parseUrl } from '../../../../src-shared/url';

export interface TableRowView {
  name: string;
  /** null when the core listed the table but sent no count for it. */
  rows: number | null;
}

export interface MigrationView {
  name: string;
  runAt: Date | null;
  /** As sent, for `<time dateTime>` and for showing when it does not parse. */
  runAtRaw: string;
}

export interface StatusView {
  version: string;
  location: DatabaseLocation;
  tables: TableRowView[];
  totalRows: number;
  migrations: MigrationView[];
  extensions: { name: string; version: string }[];
}

const byName = <T extends { name: string }>(a: T, b: T): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * A connection URL may carry a password; the page is screenshotted and shared,
 * so it is masked here whether or not the core already did.
 */
export function redactUrl(raw: string): string {
  const url = parseUrl(raw);
  if (url === null) return raw.replace(/(password\s*=\s*)(\S+)/gi, '$1****');
  if (url.password === '') return raw;
  url.password = '****';
  return url.toString();
}

function parseDate(raw: string): Date | null {
  const date = new Date(raw);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Shapes `system:get-status` for the page: sorted, totalled, nothing secret. */
export function toStatusView(status: SystemStatus): StatusView {
  const tables = [...new Set(status.tables)]
    .map((name) => ({ name, rows: Object.hasOwn(status.rows, name) ? (status.rows[name] ?? null) : null }))
    // Table names are ASCII identifiers: code-unit order is what psql shows, in any UI language.
    .sort(byName);
  const location =
    status.postgres.location.kind === 'external'
      ? { kind: 'external' as const, url: redactUrl(status.postgres.location.url) }
      : status.postgres.location;
  return {
    version: status.postgres.version,
    location,
    tables,
    totalRows: tables.reduce((sum, table) => sum + (table.rows ?? 0), 0),
    // Kept in the order they were applied: that order is the schema's history.
    migrations: status.migrations.map((m) => ({ name: m.name, runAt: parseDate(m.runAt), runAtRaw: m.runAt })),
    extensions: [...status.extensions].sort(byName),
  };
}
