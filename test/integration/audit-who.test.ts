/**
 * Who did what (README "Who did what"): merges, unmerges, pair decisions,
 * imports (every shell's, and an API post's) and API keys record the
 * caller's user, or without one the OS account's local user, created once
 * per tenant even by two processes at once; outputs name that user, and a
 * user of another tenant is never shown nor accepted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLocalUser, localEmail, osUsername } from '../../src-main/core/audit/local-user';
import { openDatabase } from '../../src-main/core/db/client';
import { startCore } from '../../src-main/core/index';
import type { Core } from '../../src-main/core/types';
import { startHttpShell, type HttpShell } from '../../src-main/server/index';
import { createTestDatabase } from '../helpers/database';
import { fileHandle, importFile, queryRows, writeCsv } from '../helpers/imports';
import { call, developerId } from '../helpers/merges';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('audit-who');
let url: string;
let drop: () => Promise<void>;
let core: Core;
let acme: Core;
const localEmailHere = localEmail(osUsername());

/** A team member's row in `tenant`, as sign-in (`drm users add`) creates one; its id. */
async function addUser(tenant: string, email: string, name: string): Promise<string> {
  const [row] = await queryRows<{ user_id: string }>(
    url,
    `insert into users (tenant_id, email, display_name, auth_provider) values ($1, $2, $3, 'password') returning user_id`,
    [tenant, email, name],
  );
  return row!.user_id;
}

async function localUserId(tenant: string): Promise<string> {
  const rows = await queryRows<{ user_id: string }>(url, `select user_id from users where tenant_id = $1 and email = $2`, [
    tenant,
    localEmailHere,
  ]);
  expect(rows).toHaveLength(1);
  return rows[0]!.user_id;
}

const DEVELOPERS = ['display_name,email', 'Ann A,ann@a.example', 'Ann B,ann@b.example', 'Cy C,cy@c.example', 'Di D,di@d.example'];

beforeAll(async () => {
  const database = await createTestDatabase();
  url = database.url;
  drop = database.drop;
  core = await startCore({ databaseUrl: url });
  await call(core, 'tenants:create', { tenantId: 'acme', name: 'Acme' });
  acme = await startCore({ databaseUrl: url, tenant: 'acme' });
  await importFile(core, writeCsv(dir.path, 'developers.csv', DEVELOPERS.join('\n') + '\n'), { type: 'developers' });
}, 120_000);

afterAll(async () => {
  await acme?.stop();
  await core?.stop();
  await drop?.();
  dir.remove();
});

describe('the local user', () => {
  it('is one users row per tenant for the OS account: <username>@localhost, local, no password', async () => {
    const rows = await queryRows(
      url,
      `select tenant_id, email::text, display_name, auth_provider, password_hash, disabled from users order by tenant_id`,
    );
    expect(rows).toEqual([
      {
        tenant_id: 'acme',
        email: localEmailHere,
        display_name: osUsername(),
        auth_provider: 'local',
        password_hash: null,
        disabled: false,
      },
      {
        tenant_id: 'default',
        email: localEmailHere,
        display_name: osUsername(),
        auth_provider: 'local',
        password_hash: null,
        disabled: false,
      },
    ]);
  });

  it('is created once when two processes start on a new tenant at the same time', async () => {
    await call(core, 'tenants:create', { tenantId: 'race', name: 'Race' });
    const [one, two] = await Promise.all([
      startCore({ databaseUrl: url, tenant: 'race' }),
      startCore({ databaseUrl: url, tenant: 'race' }),
    ]);
    await Promise.all([one.stop(), two.stop()]);
    const rows = await queryRows(url, `select email::text from users where tenant_id = 'race'`);
    expect(rows).toEqual([{ email: localEmailHere }]);
  }, 60_000);

  it('gives both of two concurrent first calls the same row, for many names', async () => {
    const a = openDatabase(url, 'default');
    const b = openDatabase(url, 'default');
    try {
      for (let i = 0; i < 20; i += 1) {
        const name = `racer ${i}`;
        const [x, y] = await Promise.all([ensureLocalUser(a.db, 'default', name), ensureLocalUser(b.db, 'default', name)]);
        expect(x).toBe(y);
      }
      const rows = await queryRows<{ n: number }>(url, `select count(*)::int as n from users where email like 'racer%'`);
      expect(rows[0]!.n).toBe(20);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('merges, unmerges and pair decisions', () => {
  it('record the local user without a caller user, and the caller user with one; the history names them', async () => {
    const local = await localUserId('default');
    const ada = await addUser('default', 'ada@team.example', 'Ada Lovelace');
    const [a, b, c, d] = await Promise.all(
      ['ann@a.example', 'ann@b.example', 'cy@c.example', 'di@d.example'].map((e) => developerId(url, e)),
    );

    const { mergeId } = await call(core, 'developers:merge', { intoId: a!, fromId: b! });
    const unmerged = await core.handlers['developers:unmerge']({ mergeId }, { session: 'test', userId: ada });
    expect(unmerged.ok).toBe(true);
    await core.handlers['merges:dismiss']({ a: c!, b: d! }, { session: 'test', userId: ada });
    await call(core, 'merges:snooze', { a: a!, b: c!, days: 3 });

    const logged = await queryRows<{ action: string; merged_by: string }>(
      url,
      `select evidence->>'action' as action, merged_by from developer_merge_logs order by merged_at, evidence->>'action'`,
    );
    expect(logged).toEqual([
      { action: 'merge', merged_by: local },
      { action: 'unmerge', merged_by: ada },
      { action: 'dismiss', merged_by: ada },
      { action: 'snooze', merged_by: local },
    ]);

    const history = await call(core, 'developers:list-merges', { developerId: a! });
    expect(history.map((h) => [h.action, h.mergedBy])).toEqual([
      ['unmerge', { userId: ada, displayName: 'Ada Lovelace', email: 'ada@team.example' }],
      ['merge', { userId: local, displayName: osUsername(), email: localEmailHere }],
    ]);
  });

  it('show an entry recorded before the app recorded who as nobody', async () => {
    await queryRows(url, `update developer_merge_logs set merged_by = null where evidence->>'action' = 'merge'`);
    const a = await developerId(url, 'ann@a.example');
    const history = await call(core, 'developers:list-merges', { developerId: a });
    expect(history.find((h) => h.action === 'merge')?.mergedBy).toBeNull();
  });
});

describe('imports', () => {
  it('record who started them from the shells, and show it in the history and the job', async () => {
    const local = await localUserId('default');
    const bo = await addUser('default', 'bo@team.example', 'Bo');
    const file = writeCsv(dir.path, 'more.csv', 'display_name,email\nEd E,ed@e.example\n');
    const plain = await importFile(core, file, { type: 'developers' });
    expect(plain.createdBy).toEqual({ userId: local, displayName: osUsername(), email: localEmailHere });

    const started = await core.handlers['import:start'](
      { fileHandle: await fileHandle(core, file), type: 'developers' },
      { session: 'local', userId: bo },
    );
    if (!started.ok) throw new Error(started.error.message);
    await core.importer.settled(started.value.jobId);
    const jobs = await call(core, 'import:list-jobs', {});
    const byJob = new Map(jobs.map((j) => [j.jobId, j.createdBy?.email ?? null]));
    expect(byJob.get(plain.jobId)).toBe(localEmailHere);
    expect(byJob.get(started.value.jobId)).toBe('bo@team.example');
    expect((await call(core, 'import:get-job', { jobId: started.value.jobId })).createdBy?.displayName).toBe('Bo');
  });

  it('never show a user of another tenant, and refuse a caller user of another tenant without writing', async () => {
    const stranger = await addUser('acme', 'eve@acme.example', 'Eve');
    // A row naming another tenant's user (only a hand-written statement can make one): shown as nobody.
    await queryRows(url, `update import_jobs set created_by = $1 where tenant_id = 'default' and metrics->>'fileName' = 'developers.csv'`, [
      stranger,
    ]);
    const jobs = await call(core, 'import:list-jobs', {});
    const first = jobs.find((j) => j.fileName === 'developers.csv');
    expect(first?.createdBy).toBeNull();
    expect(JSON.stringify(jobs)).not.toContain('eve@acme.example');

    const before = await queryRows(url, 'select count(*)::int as n from api_keys');
    const refused = await core.handlers['api-keys:create']({ name: 'k', scopes: ['read'] }, { session: 'local', userId: stranger });
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await queryRows(url, 'select count(*)::int as n from api_keys')).toEqual(before);
  });
});

describe('API keys and the ingest API', () => {
  let shell: HttpShell | undefined;
  const renderer = makeTempDir('audit-who-renderer');
  afterAll(async () => {
    await shell?.close();
    renderer.remove();
  });

  it('record who created a key, and an ingest through it as that user’s import', async () => {
    const local = await localUserId('default');
    const cy = await addUser('default', 'cy@team.example', 'Cy Team');
    const mine = await call(core, 'api-keys:create', { name: 'mine', scopes: ['ingest'] });
    expect(mine.createdBy).toBe(local);
    const theirs = await core.handlers['api-keys:create']({ name: 'theirs', scopes: ['ingest'] }, { session: 'local', userId: cy });
    if (!theirs.ok) throw new Error(theirs.error.message);
    expect(theirs.value.createdByUser).toEqual({ userId: cy, displayName: 'Cy Team', email: 'cy@team.example' });
    const listed = await call(core, 'api-keys:list', {});
    expect(listed.find((k) => k.name === 'mine')?.createdByUser?.email).toBe(localEmailHere);

    shell = await startHttpShell({ core, rendererDir: renderer.path, uploadsRoot: `${dir.path}/uploads` });
    const post = async (key: string, email: string) => {
      const response = await fetch(`http://127.0.0.1:${shell!.port}/api/v1/activities`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify([{ occurred_at: '2024-05-01T10:00:00Z', action: 'click', email }]),
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { jobId: string }).jobId;
    };
    const viaTheirs = await post(theirs.value.key, 'api1@x.example');
    const viaMine = await post(mine.key, 'api2@x.example');
    expect((await call(core, 'import:get-job', { jobId: viaTheirs })).createdBy?.userId).toBe(cy);
    expect((await call(core, 'import:get-job', { jobId: viaMine })).createdBy?.userId).toBe(local);
  });

  it('show a key created before the app recorded who as nobody', async () => {
    await queryRows(url, `update api_keys set created_by = null where name = 'mine'`);
    const listed = await call(core, 'api-keys:list', {});
    expect(listed.find((k) => k.name === 'mine')).toMatchObject({ createdBy: null, createdByUser: null });
  });
});

describe('a session without a local user (team server)', () => {
  it('records nobody for a call without a user, and creates no local user', async () => {
    await call(core, 'tenants:create', { tenantId: 'team', name: 'Team' });
    const team = await startCore({ databaseUrl: url, tenant: 'team', localUser: false });
    try {
      const key = await call(team, 'api-keys:create', { name: 'k', scopes: ['read'] });
      expect(key).toMatchObject({ createdBy: null, createdByUser: null });
      expect(await queryRows(url, `select * from users where tenant_id = 'team'`)).toEqual([]);
    } finally {
      await team.stop();
    }
  });
});
