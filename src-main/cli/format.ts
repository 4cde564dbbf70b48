import type { SystemStatus } from '../../src-shared/contract/system';

const number = new Intl.NumberFormat('en-US');

export function formatStatus(status: SystemStatus): string {
  const { postgres } = status;
  const where =
    postgres.location.kind === 'embedded'
      ? `embedded, data in ${postgres.location.dataDir} (port ${postgres.location.port})`
      : `external, ${postgres.location.url}`;
  const width = Math.max(...status.tables.map((t) => t.length), 5);
  const lines = [
    `PostgreSQL ${postgres.version} — ${where}`,
    `Migrations: ${status.migrations.map((m) => m.name).join(', ') || 'none'}`,
    `Extensions: ${status.extensions.map((e) => `${e.name} ${e.version}`).join(', ') || 'none'}`,
    '',
    `${'table'.padEnd(width)}  rows`,
    ...status.tables.map((t) => `${t.padEnd(width)}  ${number.format(status.rows[t] ?? 0)}`),
  ];
  return lines.join('\n');
}
