import { describe, expect, it } from 'vitest';
import type { SystemStatus } from '../../src-shared/contract/system';
import { redactUrl, toStatusView } from '../../src-renderer/src/pages/status/status-view';

function status(overrides: Partial<SystemStatus> = {}): SystemStatus {
  return {
    postgres: {
      version: '18.4',
      versionNum: 180004,
      location: { kind: 'embedded', dataDir: '/home/yamada/.config/drm/pgdata', port: 54321 },
    },
    tables: ['developers', 'activities', 'accounts', 'tenants'],
    rows: { developers: 1200, activities: 1_000_000, accounts: 2400, tenants: 1 },
    migrations: [
      { name: '0000_init', runAt: '2025-04-01T09:00:00.000Z' },
      { name: '0001_funnel_bitmaps', runAt: '2025-04-02T10:30:00.000Z' },
    ],
    extensions: [
      { name: 'uuid-ossp', version: '1.1' },
      { name: 'citext', version: '1.6' },
      { name: 'pg_trgm', version: '1.6' },
    ],
    ...overrides,
  };
}

describe('toStatusView', () => {
  it('sorts tables by name and pairs each with its row count', () => {
    const view = toStatusView(status());
    expect(view.tables).toEqual([
      { name: 'accounts', rows: 2400 },
      { name: 'activities', rows: 1_000_000 },
      { name: 'developers', rows: 1200 },
      { name: 'tenants', rows: 1 },
    ]);
  });

  it('totals the rows of every table', () => {
    expect(toStatusView(status()).totalRows).toBe(1_003_601);
  });

  it('sorts in code-unit order, as psql lists identifiers', () => {
    const view = toStatusView(status({ tables: ['developer_stats', 'developers', 'developer_identifiers'], rows: {} }));
    expect(view.tables.map((t) => t.name)).toEqual(['developer_identifiers', 'developer_stats', 'developers']);
  });

  it('shows a table without a count as unknown, not zero, and leaves it out of the total', () => {
    const view = toStatusView(status({ tables: ['tenants', 'users'], rows: { tenants: 1 } }));
    expect(view.tables).toEqual([
      { name: 'tenants', rows: 1 },
      { name: 'users', rows: null },
    ]);
    expect(view.totalRows).toBe(1);
  });

  it('keeps a legitimate zero count', () => {
    const view = toStatusView(status({ tables: ['budgets'], rows: { budgets: 0 } }));
    expect(view.tables).toEqual([{ name: 'budgets', rows: 0 }]);
  });

  it('ignores counts for tables that are not listed and lists a repeated name once', () => {
    const view = toStatusView(status({ tables: ['tenants', 'tenants'], rows: { tenants: 1, ghost: 9 } }));
    expect(view.tables).toEqual([{ name: 'tenants', rows: 1 }]);
    expect(view.totalRows).toBe(1);
  });

  it('handles an empty schema', () => {
    const view = toStatusView(status({ tables: [], rows: {}, migrations: [], extensions: [] }));
    expect(view.tables).toEqual([]);
    expect(view.totalRows).toBe(0);
    expect(view.migrations).toEqual([]);
    expect(view.extensions).toEqual([]);
  });

  it('keeps migrations in the order they were applied, with parsed dates', () => {
    const view = toStatusView(
      status({
        migrations: [
          { name: '0001_b', runAt: '2025-04-02T10:30:00.000Z' },
          { name: '0000_a', runAt: 'not a date' },
        ],
      }),
    );
    expect(view.migrations.map((m) => m.name)).toEqual(['0001_b', '0000_a']);
    expect(view.migrations[0]?.runAt?.toISOString()).toBe('2025-04-02T10:30:00.000Z');
    expect(view.migrations[1]).toEqual({ name: '0000_a', runAt: null, runAtRaw: 'not a date' });
  });

  it('sorts extensions by name', () => {
    expect(toStatusView(status()).extensions.map((e) => e.name)).toEqual(['citext', 'pg_trgm', 'uuid-ossp']);
  });

  it('passes the version and an embedded location through', () => {
    const view = toStatusView(status());
    expect(view.version).toBe('18.4');
    expect(view.location).toEqual({ kind: 'embedded', dataDir: '/home/yamada/.config/drm/pgdata', port: 54321 });
  });

  it('masks a password in an external connection URL', () => {
    const view = toStatusView(
      status({
        postgres: {
          version: '16.9',
          versionNum: 160009,
          location: { kind: 'external', url: 'postgres://drm:s3cr%40t@db.example.internal:5432/drm' },
        },
      }),
    );
    expect(view.location).toEqual({ kind: 'external', url: 'postgres://drm:****@db.example.internal:5432/drm' });
  });

  it('does not change its input', () => {
    const input = status();
    const before = structuredClone(input);
    toStatusView(input);
    expect(input).toEqual(before);
  });
});

describe('redactUrl', () => {
  it('leaves a URL without a password unchanged', () => {
    expect(redactUrl('postgres://drm@localhost:5432/drm')).toBe('postgres://drm@localhost:5432/drm');
  });

  it('masks a password in a key=value connection string', () => {
    expect(redactUrl('host=db user=drm password=hunter2 dbname=drm')).toBe('host=db user=drm password=**** dbname=drm');
  });
});
