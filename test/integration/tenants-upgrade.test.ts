/**
 * Upgrading an embedded data folder to row-level security: before 0009 the
 * app's login `drm` owned the database and every table. The next start hands
 * them to `drm_owner`, applies 0009 as it, and the app keeps every row while
 * its login, no longer an owner, sees nothing without a tenant.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCore } from '../../src-main/core';
import { startEmbeddedPostgres } from '../../src-main/core/db/postgres';
import { importFile, queryRows, writeCsv } from '../helpers/imports';
import { call } from '../helpers/merges';
import { shippedMigrationsFrom } from '../helpers/migrations';
import { TENANT_RLS_MIGRATION, undoTenantRlsMigration } from '../helpers/older-schema';
import { perTestCleanups } from '../helpers/per-test';

const { defer, tempDataDir } = perTestCleanups();

const CSV = 'display_name,email\nAda,ada@example.com\nGrace,grace@example.com\n';

/** The tables of the app's schemas and their owners. */
const OWNERS = `select distinct tableowner as owner from pg_tables where schemaname in ('public', 'app', 'derived')`;

describe('an embedded data folder from before row-level security', () => {
  it('hands ownership to drm_owner, applies 0009, keeps every row and binds the login', async () => {
    const dataDir = tempDataDir('rls-upgrade');
    const first = await startCore({ dataDir });
    defer(() => first.stop());
    const job = await importFile(first, writeCsv(join(dataDir, '..'), 'people.csv', CSV), { type: 'developers' });
    expect(job.status).toBe('succeeded');
    await first.stop();

    // As an older version left it: no 0009, no drm_owner or drm_app, everything owned by the login.
    const older = await startEmbeddedPostgres({ dataDir });
    defer(() => older.stop());
    await undoTenantRlsMigration(older.ownerUrl);
    const superuserOnApp = older.superuserUrl.replace(/\/postgres$/, '/drm');
    await queryRows(
      superuserOnApp,
      `reassign owned by drm_owner to drm; drop owned by drm_owner; drop owned by drm_app;
       revoke drm_app from drm; drop role drm_app; drop role drm_owner`,
    );
    expect(await queryRows(superuserOnApp, OWNERS)).toEqual([{ owner: 'drm' }]);
    await older.stop();

    const notices: string[] = [];
    const upgraded = await startCore({ dataDir, onNotice: (message) => notices.push(message) });
    defer(() => upgraded.stop());
    expect(upgraded.migrationsApplied).toEqual(shippedMigrationsFrom(TENANT_RLS_MIGRATION));
    expect(notices).toContainEqual(expect.stringMatching(/now belong to the role drm_owner/));
    expect((await call(upgraded, 'developers:list', {})).total).toBe(2);

    if (upgraded.location.kind !== 'embedded') throw new Error('expected the embedded server');
    const { appPassword, superuserPassword } = JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as Record<
      string,
      string
    >;
    const at = `127.0.0.1:${upgraded.location.port}/drm`;
    expect(await queryRows(`postgres://postgres:${superuserPassword}@${at}`, OWNERS)).toEqual([{ owner: 'drm_owner' }]);
    const login = `postgres://drm:${appPassword}@${at}`;
    expect(await queryRows(login, 'select rolsuper, rolbypassrls from pg_roles where rolname = current_user')).toEqual([
      { rolsuper: false, rolbypassrls: false },
    ]);
    expect(await queryRows(login, 'select * from developers')).toEqual([]);
  }, 240_000);
});
