/**
 * The desktop app as a client of a team's data (team-client/switcher.ts), on
 * real servers: this computer's embedded PostgreSQL and a team database on
 * another PostgreSQL. The app moves to the team's data and back, keeps its
 * own untouched, remembers the choice across starts, and stays where it was
 * when the target cannot be opened.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TeamConnection } from '../../src-shared/contract/team';
import { startCore } from '../../src-main/core';
import { freePort } from '../../src-main/core/db/ports';
import { startSwitchableCore } from '../../src-main/core/team-client/switcher';
import { teamSettingPath } from '../../src-main/core/team-client/setting';
import type { Core } from '../../src-main/core/types';
import { createTenantCores } from '../../src-main/server/team/cores';
import { planListen } from '../../src-main/server/team/listen';
import { startTeamServer } from '../../src-main/server/team/server';
import { createTestDatabase } from '../helpers/database';
import { importFile, writeCsv } from '../helpers/imports';
import { call, callError } from '../helpers/merges';
import { perTestCleanups } from '../helpers/per-test';
import { makeTempDir } from '../helpers/temp';

const { defer, tempDataDir } = perTestCleanups();
const files = makeTempDir('team-client-files');
let team: Awaited<ReturnType<typeof createTestDatabase>>;

const people = (name: string, email: string) => writeCsv(files.path, `${name}.csv`, `display_name,email\n${name},${email}\n`);
const names = async (core: Core) => (await call(core, 'developers:list', {})).rows.map((row) => row.displayName).sort();

/** A desktop data folder holding Ada, and its switchable core (stopped after the test). */
async function desktopWithAda(label: string): Promise<{ dataDir: string; core: Core; changes: TeamConnection[] }> {
  const dataDir = tempDataDir(label);
  const core = await startSwitchableCore({ dataDir });
  defer(() => core.stop());
  expect((await importFile(core, people('Ada', 'ada@example.com'), { type: 'developers' })).status).toBe('succeeded');
  const changes: TeamConnection[] = [];
  core.events.on('team:changed', (connection) => changes.push(connection));
  return { dataDir, core, changes };
}

beforeAll(async () => {
  team = await createTestDatabase();
  const seeding = await startCore({ databaseUrl: team.url });
  try {
    expect((await importFile(seeding, people('Grace', 'grace@example.com'), { type: 'developers' })).status).toBe('succeeded');
    await call(seeding, 'tenants:create', { tenantId: 'acme', name: 'Acme' });
  } finally {
    await seeding.stop();
  }
}, 120_000);

afterAll(async () => {
  await team?.drop();
  files.remove();
});

describe('a team database', () => {
  it('shows the team’s data, keeps this computer’s, remembers the choice, and comes back', async () => {
    const { dataDir, core, changes } = await desktopWithAda('team-db');
    expect(await call(core, 'team:get-connection', {})).toEqual({
      current: { kind: 'local' },
      available: true,
      problem: null,
      notices: [],
    });

    const connected = await call(core, 'team:connect', { kind: 'database', url: team.url });
    expect(connected.current).toMatchObject({ kind: 'database', tenantId: 'default' });
    // The password never travels back.
    const password = new URL(team.url).password;
    expect(password.length).toBeGreaterThan(0);
    expect(JSON.stringify(connected)).not.toContain(password);
    expect(changes).toEqual([connected]);
    expect(await names(core)).toEqual(['Grace']);
    expect(core.location.kind).toBe('external');
    // This computer's server is stopped while the app is on the team's data, its folder kept.
    expect(existsSync(join(dataDir, 'pgdata', 'postmaster.pid'))).toBe(false);
    expect(existsSync(join(dataDir, 'pgdata', 'PG_VERSION'))).toBe(true);
    // The setting holds the password: its owner alone may read it.
    expect(statSync(teamSettingPath(dataDir)).mode & 0o777).toBe(0o600);
    expect(readFileSync(teamSettingPath(dataDir), 'utf8')).toContain(team.url);

    // The next start opens the team database again.
    await core.stop();
    const again = await startSwitchableCore({ dataDir });
    defer(() => again.stop());
    expect((await call(again, 'team:get-connection', {})).current).toEqual(connected.current);
    expect(await names(again)).toEqual(['Grace']);

    const back = await call(again, 'team:disconnect', {});
    expect(back).toEqual({ current: { kind: 'local' }, available: true, problem: null, notices: [] });
    expect(await names(again)).toEqual(['Ada']);
    expect(again.location.kind).toBe('embedded');
    expect(existsSync(teamSettingPath(dataDir))).toBe(false);
  });

  it('keeps the workspace chosen on the team database for the next start', async () => {
    const { dataDir, core } = await desktopWithAda('team-tenant');
    await call(core, 'team:connect', { kind: 'database', url: team.url, tenantId: 'default' });
    expect((await call(core, 'tenants:switch', { tenantId: 'acme' })).current).toBe('acme');
    expect((await call(core, 'team:get-connection', {})).current).toMatchObject({ kind: 'database', tenantId: 'acme' });
    expect(await names(core)).toEqual([]);
    await core.stop();
    const again = await startSwitchableCore({ dataDir });
    defer(() => again.stop());
    expect((await call(again, 'tenants:list', {})).current).toBe('acme');
  });

  it('stays on this computer’s data when the database does not answer, or cannot be opened', async () => {
    const { dataDir, core, changes } = await desktopWithAda('team-refused');
    const closed = `postgres://drm:secret@127.0.0.1:${await freePort()}/drm`;
    const unreachable = await callError(core, 'team:connect', { kind: 'database', url: closed });
    expect(unreachable).toMatchObject({ code: 'UNAVAILABLE', details: { reason: 'unreachable' } });
    expect(unreachable.message).toMatch(/did not answer.*ECONNREFUSED|did not answer.*connect/s);
    expect(unreachable.message).not.toContain('secret');

    // It answers, but the workspace does not exist: the switch starts, fails, and this computer's data comes back.
    const missing = await callError(core, 'team:connect', { kind: 'database', url: team.url, tenantId: 'nope' });
    expect(missing).toMatchObject({ code: 'UNAVAILABLE', details: { reason: 'open-failed' } });
    expect(missing.message).toMatch(/There is no tenant "nope".*stays on this computer’s data/s);

    expect(await names(core)).toEqual(['Ada']);
    expect(core.location.kind).toBe('embedded');
    expect(existsSync(teamSettingPath(dataDir))).toBe(false);
    expect(changes).toEqual([]);
    expect((await callError(core, 'team:connect', { kind: 'database', url: 'mysql://db/x' } as never)).code).toBe('BAD_INPUT');
  });

  it('starts on this computer’s data, saying why, when the saved team database is down', async () => {
    const dataDir = tempDataDir('team-down');
    const first = await startSwitchableCore({ dataDir });
    await first.stop();
    const down = `postgres://drm:secret@127.0.0.1:${await freePort()}/drm`;
    writeFileSync(teamSettingPath(dataDir), JSON.stringify({ version: 1, target: { kind: 'database', url: down, tenantId: 'default' } }));
    const core = await startSwitchableCore({ dataDir });
    defer(() => core.stop());
    const connection = await call(core, 'team:get-connection', {});
    expect(connection.current).toEqual({ kind: 'local' });
    expect(connection.problem).toMatch(/could not be opened.*this computer’s data/s);
    expect(connection.problem).not.toContain('secret');
    expect(core.location.kind).toBe('embedded');

    // A damaged file is reported, not guessed at.
    await core.stop();
    writeFileSync(teamSettingPath(dataDir), '{"version":1,');
    const damaged = await startSwitchableCore({ dataDir });
    defer(() => damaged.stop());
    expect((await call(damaged, 'team:get-connection', {})).problem).toMatch(/is damaged/);
  });
});

describe('a team server', () => {
  it('checks that the address is a DRM team server, saves it, and leaves the core on this computer’s data', async () => {
    const home = await startCore({ databaseUrl: team.url, localUser: false });
    defer(() => home.stop());
    const rendererDir = makeTempDir('team-client-renderer');
    defer(() => rendererDir.remove());
    writeFileSync(join(rendererDir.path, 'index.html'), '<!doctype html><title>DRM</title>');
    const cores = createTenantCores(home, 'default', (tenant) => startCore({ databaseUrl: team.url, tenant, localUser: false }));
    const server = await startTeamServer({ cores, rendererDir: rendererDir.path, listen: planListen({}), log: () => undefined });
    defer(() => server.close());

    const { dataDir, core, changes } = await desktopWithAda('team-server');
    const origin = new URL(server.url).origin;
    const connected = await call(core, 'team:connect', { kind: 'server', url: `${origin}/` });
    expect(connected.current).toEqual({ kind: 'server', url: origin });
    expect(changes).toEqual([connected]);
    expect(core.location.kind).toBe('embedded');
    expect(await names(core)).toEqual(['Ada']);
    expect(JSON.parse(readFileSync(teamSettingPath(dataDir), 'utf8'))).toEqual({ version: 1, target: { kind: 'server', url: origin } });

    // Something else on an address is refused before anything changes.
    const notTeam = await callError(core, 'team:connect', { kind: 'server', url: `${origin.replace(/:\d+$/, '')}:${await freePort()}` });
    expect(notTeam).toMatchObject({ code: 'UNAVAILABLE', details: { reason: 'unreachable' } });
    expect((await call(core, 'team:get-connection', {})).current).toEqual({ kind: 'server', url: origin });
    expect((await callError(core, 'team:connect', { kind: 'server', url: 'http://example.com' })).code).toBe('BAD_INPUT');

    expect((await call(core, 'team:disconnect', {})).current).toEqual({ kind: 'local' });
    expect(existsSync(teamSettingPath(dataDir))).toBe(false);
  });
});

describe('a core no shell can move', () => {
  it('says where it is and refuses to switch', async () => {
    const fixed = await startCore({ databaseUrl: team.url });
    defer(() => fixed.stop());
    const connection = await call(fixed, 'team:get-connection', {});
    expect(connection).toMatchObject({ current: { kind: 'database', tenantId: 'default' }, available: false });
    expect((await callError(fixed, 'team:disconnect', {})).code).toBe('UNAVAILABLE');
  });
});
