/**
 * Never locked out: whatever happened to credentials.json (deleted, emptied,
 * garbage, a copy from another cluster), the next start gets back into the
 * app's own cluster, keeps every row, writes new passwords atomically (0600)
 * and says what it did in the log and to the user. Each test has its own data
 * folder and stops what it started.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCredentials } from '../../src-main/core/db/credentials';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src-main/core/db/postgres';
import { drm } from '../helpers/cli';
import { queryRows } from '../helpers/imports';
import { postgresServersUnder } from '../helpers/processes';
import { perTestCleanups } from '../helpers/per-test';

const { defer, tempDataDir } = perTestCleanups();

interface Started {
  server: EmbeddedPostgres;
  log: string[];
  notices: string[];
}

async function start(dataDir: string): Promise<Started> {
  const log: string[] = [];
  const notices: string[] = [];
  const server = await startEmbeddedPostgres({ dataDir, onLog: (line) => log.push(line), onNotice: (m) => notices.push(m) });
  defer(() => server.stop());
  return { server, log, notices };
}

/** A cluster with one row of the app's data in it, stopped. */
async function clusterWithData(label: string): Promise<string> {
  const dataDir = tempDataDir(label);
  const { server } = await start(dataDir);
  // The owner creates it (the login `drm` owns nothing); `drm` may read it, which proves its password works.
  await queryRows(server.ownerUrl, 'create table kept (v text); grant select on kept to drm');
  await queryRows(server.ownerUrl, "insert into kept values ('written before')");
  await server.stop();
  return dataDir;
}

const credentialsPath = (dataDir: string) => join(dataDir, 'credentials.json');

async function expectRecovered(dataDir: string, problem: RegExp): Promise<void> {
  const { server, log, notices } = await start(dataDir);
  expect(await queryRows(server.url, 'select v from kept')).toEqual([{ v: 'written before' }]);
  expect(await queryRows(server.superuserUrl, 'select 1 as one')).toEqual([{ one: 1 }]);
  expect(notices).toEqual([expect.stringMatching(problem)]);
  expect(notices[0]).toMatch(/new passwords were written.*single-user mode.*No data was changed/);
  expect(log.filter((line) => line.includes('[drm-desktop]'))).toEqual([expect.stringContaining(notices[0]!)]);
  expect(readFileSync(join(dataDir, 'postgres.log'), 'utf8')).toContain(notices[0]);
  // The passwords never reach the log.
  const stored = readCredentials(dataDir);
  if (!stored.ok) throw new Error(`credentials.json ${stored.problem}`);
  expect(readFileSync(join(dataDir, 'postgres.log'), 'utf8')).not.toContain(stored.credentials.superuserPassword);
  expect(statSync(credentialsPath(dataDir)).mode & 0o777).toBe(0o600);
  await server.stop();

  // The next start is an ordinary one: nothing to recover.
  const again = await start(dataDir);
  expect(again.notices).toEqual([]);
  expect(await queryRows(again.server.url, 'select v from kept')).toEqual([{ v: 'written before' }]);
}

describe('credentials.json recovery', () => {
  it('regains access when credentials.json is missing', async () => {
    const dataDir = await clusterWithData('cred-missing');
    rmSync(credentialsPath(dataDir));
    await expectRecovered(dataDir, /credentials\.json is missing/);
  });

  it('regains access when credentials.json is empty', async () => {
    const dataDir = await clusterWithData('cred-empty');
    writeFileSync(credentialsPath(dataDir), '');
    await expectRecovered(dataDir, /credentials\.json is empty/);
  });

  it('regains access when credentials.json is garbage', async () => {
    const dataDir = await clusterWithData('cred-garbage');
    writeFileSync(credentialsPath(dataDir), '{"superuserPassword": 42, \u0000');
    await expectRecovered(dataDir, /credentials\.json is not valid JSON/);
  });

  it('regains access when credentials.json holds the wrong shape', async () => {
    const dataDir = await clusterWithData('cred-shape');
    writeFileSync(credentialsPath(dataDir), '{"superuserPassword": "only one"}');
    await expectRecovered(dataDir, /credentials\.json does not hold the two passwords/);
  });

  it('regains access when credentials.json holds stale passwords', async () => {
    const dataDir = await clusterWithData('cred-stale');
    // A valid file from another cluster: the server itself says the passwords are wrong (28P01).
    const other = tempDataDir('cred-other');
    await (await start(other)).server.stop();
    copyFileSync(credentialsPath(other), credentialsPath(dataDir));
    await expectRecovered(dataDir, /passwords in .*credentials\.json did not match the database \(password authentication failed\)/);
  });

  it("sets the app role's password again when only that one is stale", async () => {
    const dataDir = await clusterWithData('cred-app');
    const stored = JSON.parse(readFileSync(credentialsPath(dataDir), 'utf8')) as { superuserPassword: string; appPassword: string };
    writeFileSync(credentialsPath(dataDir), JSON.stringify({ ...stored, appPassword: 'an-old-app-password' }), { mode: 0o600 });
    const { server, notices } = await start(dataDir);
    expect(notices).toEqual([expect.stringMatching(/password of the app's database role did not match/)]);
    expect(server.url).toContain('an-old-app-password');
    expect(await queryRows(server.url, 'select v from kept')).toEqual([{ v: 'written before' }]);
  });

  it('drm says on stderr that it reset the passwords, and answers', async () => {
    const dataDir = await clusterWithData('cred-cli');
    rmSync(credentialsPath(dataDir));
    const result = await drm(['status', '--data-dir', dataDir, '--json']);
    expect(result.stderr).toMatch(/^drm: .*credentials\.json is missing; new passwords were written/m);
    expect(result.code).toBe(0);
    expect(() => JSON.parse(result.stdout)).not.toThrow(); // the notice stays out of --json output
    expect(postgresServersUnder(dataDir)).toEqual([]);
    const { server } = await start(dataDir);
    expect(await queryRows(server.url, 'select v from kept')).toEqual([{ v: 'written before' }]);
  });

  it('creates a first cluster with the passwords of a credentials.json already there', async () => {
    const dataDir = tempDataDir('cred-first');
    mkdirSync(dataDir, { mode: 0o711 });
    const given = { superuserPassword: 'given-superuser-password', appPassword: 'given-app-password' };
    writeFileSync(credentialsPath(dataDir), JSON.stringify(given), { mode: 0o600 });
    const { server, notices } = await start(dataDir);
    expect(notices).toEqual([]);
    expect(server.superuserUrl).toContain(given.superuserPassword);
    expect(await queryRows(server.url, 'select current_user as who')).toEqual([{ who: 'drm' }]);
  });
});
