/**
 * The team server (`drm serve --team`, README "Team mode") on Debian's
 * PostgreSQL as the shared database: sign-in, sessions (expiry, rotation,
 * sign-out), failed sign-ins throttled per account and per client, disabled
 * accounts, two users of two tenants who see only their own data through
 * the HTTP API, `/api/v1/` keys served in their own tenant, and changing
 * one's own password (`POST /auth/password`).
 *
 * The server believes X-Forwarded-For from 127.0.0.1 (`--behind-proxy`), so
 * each test claims its own client address and the per-client throttle of one
 * does not lock another.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore } from '../../src-main/core';
import { addUser, setUserDisabled } from '../../src-main/core/auth/users';
import type { Core } from '../../src-main/core/types';
import { createTenantCores } from '../../src-main/server/team/cores';
import { planListen } from '../../src-main/server/team/listen';
import { startTeamServer, type TeamServer } from '../../src-main/server/team/server';
import { importFile, queryRows, writeCsv } from '../helpers/imports';
import { call } from '../helpers/merges';
import { createTeamDatabase, startSystemPostgres, type SystemPostgres } from '../helpers/system-postgres';
import { makeTempDir } from '../helpers/temp';

let server: SystemPostgres;
let ownerUrl: string;
let home: Core;
let team: TeamServer;
const dir = makeTempDir('team-server');
const log: string[] = [];
const passwords: Record<string, string> = {};

const CSV = (...emails: string[]) =>
  [
    'occurred_at,action,email,display_name,organization,campaign,utm_source,provider,handle,resource_url,resource_title,resource_category,anon_id',
  ]
    .concat(
      emails.map((email) => `2026-04-18T19:00:00Z,signup,${email},Someone,,,,,,,,,`),
      [''],
    )
    .join('\n');

interface Answer {
  status: number;
  body: { ok: boolean; value?: unknown; error?: { message: string; details?: unknown } };
  cookie?: string;
  setCookie?: string;
}

async function request(
  method: string,
  path: string,
  init: { cookie?: string; body?: unknown; client?: string; proto?: string; bearer?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { 'X-Forwarded-For': init.client ?? '10.0.0.1' };
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  if (init.cookie) headers.Cookie = `drm_session=${init.cookie}`;
  if (init.proto) headers['X-Forwarded-Proto'] = init.proto;
  if (init.bearer) headers.Authorization = `Bearer ${init.bearer}`;
  const res = await fetch(`${team.url.replace(/\/$/, '')}${path}`, {
    method,
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const setCookie = res.headers.get('set-cookie') ?? undefined;
  const cookie = setCookie ? /^drm_session=([^;]*)/.exec(setCookie)?.[1] : undefined;
  return { status: res.status, body: (await res.json()) as Answer['body'], cookie, setCookie };
}

const signIn = (email: string, password: string, client?: string, extra: { cookie?: string; proto?: string } = {}) =>
  request('POST', '/auth/sign-in', { body: { email, password }, client, ...extra });

const channel = (cookie: string | undefined, name: string, input: unknown = {}) => request('POST', `/api/${name}`, { cookie, body: input });

async function newUser(tenant: 'default' | 'acme', email: string): Promise<string> {
  const core = tenant === 'default' ? home : await startCore({ databaseUrl: ownerUrl, tenant, localUser: false });
  try {
    const { password } = await core.withDatabase((db, t) => addUser(db, t, email));
    passwords[email] = password;
    return password;
  } finally {
    if (core !== home) await core.stop();
  }
}

beforeAll(async () => {
  server = await startSystemPostgres();
  ownerUrl = await createTeamDatabase(server, 'drm_team');
  home = await startCore({ databaseUrl: ownerUrl });
  await call(home, 'tenants:create', { tenantId: 'acme', name: 'Acme' });
  // Overlapping data: both tenants know shared@example.com; each also has one of its own.
  const homeJob = await importFile(home, writeCsv(dir.path, 'home.csv', CSV('shared@example.com', 'only-home@example.com')), {
    type: 'activities',
    options: { source: 'csv' },
  });
  expect(homeJob).toMatchObject({ status: 'succeeded' });
  const acme = await startCore({ databaseUrl: ownerUrl, tenant: 'acme', localUser: false });
  const acmeJob = await importFile(acme, writeCsv(dir.path, 'acme.csv', CSV('shared@example.com', 'only-acme@example.com')), {
    type: 'activities',
    options: { source: 'csv' },
  });
  expect(acmeJob.status).toBe('succeeded');
  await acme.stop();
  for (const email of [
    'alice@example.com',
    'dora@example.com',
    'eve@example.com',
    'rot@example.com',
    'exp@example.com',
    'out@example.com',
    'pat@example.com',
    'quin@example.com',
    'val@example.com',
  ])
    await newUser('default', email);
  await newUser('acme', 'bob@example.com');
  const rendererDir = join(dir.path, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>DRM</title>');
  // As `drm serve --team` starts them: no local user, every call is a signed-in user's.
  const cores = createTenantCores(home, 'default', (tenant) => startCore({ databaseUrl: ownerUrl, tenant, localUser: false }));
  team = await startTeamServer({
    cores,
    rendererDir,
    listen: planListen({ behindProxy: '127.0.0.1' }),
    uploadsRoot: join(dir.path, 'uploads'),
    signInLimits: { perAccount: { limit: 3, windowMs: 600_000 }, perClient: { limit: 5, windowMs: 600_000 } },
    log: (line) => log.push(line),
  });
}, 240_000);

afterAll(async () => {
  await team?.close();
  await home?.stop();
  await server?.stop();
  dir.remove();
});

describe('sign-in', () => {
  it('signs in with the one-time password: an HttpOnly, SameSite=Strict cookie, last_login_at and auth_provider recorded', async () => {
    const res = await signIn('Alice@Example.com', passwords['alice@example.com']!, '10.0.1.1');
    expect(res.status).toBe(200);
    expect(res.body.value).toEqual({ mode: 'team', user: { email: 'alice@example.com', displayName: null, tenantId: 'default' } });
    expect(res.setCookie).toMatch(/HttpOnly/);
    expect(res.setCookie).toMatch(/SameSite=Strict/);
    expect(res.setCookie).not.toMatch(/Secure/);
    const me = await request('GET', '/auth/me', { cookie: res.cookie });
    expect((me.body.value as { user: { email: string } }).user.email).toBe('alice@example.com');
    const [row] = await queryRows<{ last_login_at: Date | null; auth_provider: string }>(
      ownerUrl,
      "select last_login_at, auth_provider from users where email = 'alice@example.com'",
    );
    expect(row!.last_login_at).not.toBeNull();
    expect(row!.auth_provider).toBe('password');
    // Only the token's hash is stored.
    const stored = await queryRows<{ token_hash: string }>(ownerUrl, 'select token_hash from app.user_sessions');
    expect(stored.map((s) => s.token_hash)).not.toContain(res.cookie);
  });

  it('marks the cookie Secure when the trusted proxy says the browser is on HTTPS', async () => {
    const res = await signIn('alice@example.com', passwords['alice@example.com']!, '10.0.1.2', { proto: 'https' });
    expect(res.setCookie).toMatch(/; Secure/);
  });

  it('answers an unknown email exactly as a wrong password, and refuses the API without a session', async () => {
    const wrong = await signIn('alice@example.com', 'not-the-password', '10.0.2.1');
    const unknown = await signIn('nobody@example.com', 'not-the-password', '10.0.2.1');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.cookie).toBeUndefined();
    expect((await channel(undefined, 'developers:list', {})).status).toBe(401);
    expect((await request('GET', '/auth/me')).body.value).toEqual({ mode: 'team', user: null });
  });

  it('locks an account after 3 failures, even for the right password, and logs the lockout', async () => {
    for (let i = 0; i < 3; i++) expect((await signIn('dora@example.com', 'wrong', `10.0.3.${i}`)).status).toBe(401);
    const locked = await signIn('dora@example.com', passwords['dora@example.com']!, '10.0.3.9');
    expect(locked.status).toBe(429);
    expect(locked.cookie).toBeUndefined();
    expect(log.some((line) => line.includes('dora@example.com locked'))).toBe(true);
    // An unknown email locks the same way: the lock does not tell which emails exist.
    for (let i = 0; i < 3; i++) await signIn('ghost@example.com', 'wrong', `10.0.3.${20 + i}`);
    expect((await signIn('ghost@example.com', 'wrong', '10.0.3.30')).status).toBe(429);
  });

  it('locks a client address that fails on many accounts, not the accounts elsewhere', async () => {
    for (let i = 0; i < 5; i++) await signIn(`spray${i}@example.com`, 'wrong', '10.0.4.1');
    expect((await signIn('eve@example.com', passwords['eve@example.com']!, '10.0.4.1')).status).toBe(429);
    expect(log.some((line) => line.includes('client 10.0.4.1 locked'))).toBe(true);
    expect((await signIn('eve@example.com', passwords['eve@example.com']!, '10.0.4.2')).status).toBe(200);
  });

  it('refuses a disabled account, and disabling ends its sessions at once', async () => {
    const before = await signIn('out@example.com', passwords['out@example.com']!, '10.0.5.1');
    expect((await channel(before.cookie, 'developers:list', {})).status).toBe(200);
    await home.withDatabase((db, t) => setUserDisabled(db, t, 'out@example.com', true));
    expect((await channel(before.cookie, 'developers:list', {})).status).toBe(401);
    const after = await signIn('out@example.com', passwords['out@example.com']!, '10.0.5.1');
    expect(after.status).toBe(403);
    expect(after.body.error?.message).toMatch(/disabled/);
    await home.withDatabase((db, t) => setUserDisabled(db, t, 'out@example.com', false));
    expect((await signIn('out@example.com', passwords['out@example.com']!, '10.0.5.1')).status).toBe(200);
  });
});

describe('sessions', () => {
  it('rotates the session on sign-in: a new token, and the one the browser held no longer works', async () => {
    const first = await signIn('rot@example.com', passwords['rot@example.com']!, '10.0.6.1');
    const second = await signIn('rot@example.com', passwords['rot@example.com']!, '10.0.6.1', { cookie: first.cookie });
    expect(second.cookie).toBeDefined();
    expect(second.cookie).not.toBe(first.cookie);
    expect((await channel(first.cookie, 'developers:list', {})).status).toBe(401);
    expect((await channel(second.cookie, 'developers:list', {})).status).toBe(200);
  });

  it('ends a session past its absolute expiry or its idle limit, and deletes it', async () => {
    const absolute = await signIn('exp@example.com', passwords['exp@example.com']!, '10.0.7.1');
    const idle = await signIn('exp@example.com', passwords['exp@example.com']!, '10.0.7.1');
    const owner = new pg.Client(ownerUrl);
    await owner.connect();
    const users = "(select user_id from users where email = 'exp@example.com')";
    const { rows } = await owner.query<{ session_id: string }>(
      `select session_id from app.user_sessions where user_id = ${users} order by created_at`,
    );
    expect(rows).toHaveLength(2);
    await owner.query("update app.user_sessions set expires_at = now() - interval '1 second' where session_id = $1", [rows[0]!.session_id]);
    await owner.query("update app.user_sessions set last_seen_at = now() - interval '13 hours' where session_id = $1", [
      rows[1]!.session_id,
    ]);
    expect((await channel(absolute.cookie, 'developers:list', {})).status).toBe(401);
    expect((await channel(idle.cookie, 'developers:list', {})).status).toBe(401);
    const left = await owner.query(`select count(*)::int as n from app.user_sessions where user_id = ${users}`);
    await owner.end();
    expect(left.rows[0].n).toBe(0);
  });

  it('signs out: the session row goes, the cookie is cleared, the old token is refused', async () => {
    const res = await signIn('rot@example.com', passwords['rot@example.com']!, '10.0.8.1');
    const out = await request('POST', '/auth/sign-out', { cookie: res.cookie, body: {} });
    expect(out.status).toBe(200);
    expect(out.setCookie).toMatch(/Max-Age=0/);
    expect((await channel(res.cookie, 'developers:list', {})).status).toBe(401);
    const stored = await queryRows<{ n: number }>(
      ownerUrl,
      "select count(*)::int as n from app.user_sessions where token_hash = encode(sha256($1::bytea), 'hex')",
      [res.cookie],
    );
    expect(stored[0]!.n).toBe(0);
  });

  it('refuses a sign-in posted from another site', async () => {
    const res = await fetch(`${team.url}auth/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example', 'X-Forwarded-For': '10.0.9.1' },
      body: JSON.stringify({ email: 'alice@example.com', password: passwords['alice@example.com'] }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
  });
});

describe('two users of two tenants on one server', () => {
  const emails = (answer: Answer) =>
    ((answer.body.value as { rows: { primaryEmail: string | null }[] }).rows ?? []).map((d) => d.primaryEmail).sort();

  it('shows each user only their tenant, with the same email in both', async () => {
    const alice = await signIn('alice@example.com', passwords['alice@example.com']!, '10.0.10.1');
    const bob = await signIn('bob@example.com', passwords['bob@example.com']!, '10.0.10.2');
    expect((bob.body.value as { user: { tenantId: string } }).user.tenantId).toBe('acme');
    // In turns, so the two cores serve interleaved requests.
    const [a1, b1, a2, b2] = [
      await channel(alice.cookie, 'developers:list', {}),
      await channel(bob.cookie, 'developers:list', {}),
      await channel(alice.cookie, 'developers:list', {}),
      await channel(bob.cookie, 'developers:list', {}),
    ];
    expect(emails(a1)).toEqual(['only-home@example.com', 'shared@example.com']);
    expect(emails(b1)).toEqual(['only-acme@example.com', 'shared@example.com']);
    expect(emails(a2)).toEqual(emails(a1));
    expect(emails(b2)).toEqual(emails(b1));
    const tenants = await channel(bob.cookie, 'tenants:list', {});
    expect(tenants.body.value).toMatchObject({ current: 'acme', tenants: [{ tenantId: 'acme' }] });
    // A developer id of the other tenant is not found.
    const homeId = (a1.body.value as { rows: { developerId: string }[] }).rows[0]!.developerId;
    const cross = await channel(bob.cookie, 'developers:get', { developerId: homeId });
    expect(cross.body.ok).toBe(false);
  });

  it('refuses the channels that reach beyond the tenant: switching tenant, backups', async () => {
    const bob = await signIn('bob@example.com', passwords['bob@example.com']!, '10.0.11.1');
    const sw = await channel(bob.cookie, 'tenants:switch', { tenantId: 'default' });
    expect(sw.status).toBe(403);
    expect((await channel(bob.cookie, 'backup:list', {})).status).toBe(403);
    expect(emails(await channel(bob.cookie, 'developers:list', {}))).toContain('only-acme@example.com');
  });

  it("serves an API key in its own tenant, though the server's first core is another's", async () => {
    const bob = await signIn('bob@example.com', passwords['bob@example.com']!, '10.0.12.1');
    const created = await channel(bob.cookie, 'api-keys:create', { name: 'ingest', scopes: ['ingest'] });
    const key = (created.body.value as { key: string }).key;
    const res = await request('POST', '/api/v1/activities', {
      bearer: key,
      body: [{ occurred_at: '2026-04-20T10:00:00Z', action: 'signup', email: 'via-api@example.com' }],
    });
    expect(res.status).toBe(200);
    const rows = await queryRows<{ tenant_id: string }>(
      ownerUrl,
      "select tenant_id from developers where primary_email = 'via-api@example.com'",
    );
    expect(rows.map((r) => r.tenant_id)).toEqual(['acme']);
    // The import job is recorded in the key's tenant: acme's CSV job and this one, none more in default.
    const jobs = await queryRows<{ tenant_id: string; n: number }>(
      ownerUrl,
      'select tenant_id, count(*)::int as n from import_jobs group by 1 order by 1',
    );
    expect(jobs).toEqual([
      { tenant_id: 'acme', n: 2 },
      { tenant_id: 'default', n: 1 },
    ]);
    // Who did it (README "Who did what"): the key is Bob's, and so is the import made with it.
    const [bobRow] = await queryRows<{ user_id: string }>(ownerUrl, "select user_id from users where email = 'bob@example.com'");
    const [keyRow] = await queryRows<{ created_by: string | null }>(
      ownerUrl,
      "select created_by from api_keys where tenant_id = 'acme' and name = 'ingest'",
    );
    expect(keyRow?.created_by).toBe(bobRow!.user_id);
    const [jobRow] = await queryRows<{ created_by: string | null }>(
      ownerUrl,
      "select created_by from import_jobs where tenant_id = 'acme' order by started_at desc nulls last limit 1",
    );
    expect(jobRow?.created_by).toBe(bobRow!.user_id);
    // The tenant's core made no local user: acme's only account is Bob's.
    const acmeUsers = await queryRows<{ email: string }>(ownerUrl, "select email from users where tenant_id = 'acme'");
    expect(acmeUsers.map((u) => u.email)).toEqual(['bob@example.com']);
  });
});

describe('changing one’s own password', () => {
  const change = (cookie: string | undefined, body: unknown, client = '10.0.20.1', origin?: string) =>
    origin === undefined
      ? request('POST', '/auth/password', { cookie, body, client })
      : fetch(`${team.url}auth/password`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Origin: origin, 'X-Forwarded-For': client, Cookie: `drm_session=${cookie}` },
          body: JSON.stringify(body),
        });
  const NEW = 'a-long-new-passphrase';

  it('replaces the password: the old one is refused at sign-in, the new one works, stored as argon2id', async () => {
    const old = passwords['pat@example.com']!;
    const session = await signIn('pat@example.com', old, '10.0.20.1');
    const res = (await change(session.cookie, { currentPassword: old, newPassword: NEW })) as Answer;
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, value: { endedSessions: 0 } });
    expect((await signIn('pat@example.com', old, '10.0.20.2')).status).toBe(401);
    expect((await signIn('pat@example.com', NEW, '10.0.20.3')).status).toBe(200);
    const [row] = await queryRows<{ password_hash: string }>(ownerUrl, "select password_hash from users where email = 'pat@example.com'");
    expect(row!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    // Recorded with the security events: who, in which workspace, from where.
    expect(
      log.some((line) => /^password: pat@example\.com \(workspace default\) changed their password from 10\.0\.20\.1/.test(line)),
    ).toBe(true);
  });

  it('ends the user’s other sessions; the one it was changed from stays signed in', async () => {
    const old = passwords['quin@example.com']!;
    const here = await signIn('quin@example.com', old, '10.0.21.1');
    const elsewhere = await signIn('quin@example.com', old, '10.0.21.2');
    const someoneElse = await signIn('alice@example.com', passwords['alice@example.com']!, '10.0.21.3');
    expect((await channel(elsewhere.cookie, 'developers:list', {})).status).toBe(200);
    const res = (await change(here.cookie, { currentPassword: old, newPassword: NEW }, '10.0.21.1')) as Answer;
    expect(res.body).toEqual({ ok: true, value: { endedSessions: 1 } });
    expect((await channel(elsewhere.cookie, 'developers:list', {})).status).toBe(401);
    expect((await channel(here.cookie, 'developers:list', {})).status).toBe(200);
    expect(((await request('GET', '/auth/me', { cookie: here.cookie })).body.value as { user: { email: string } }).user.email).toBe(
      'quin@example.com',
    );
    // Another user's session is not touched.
    expect((await channel(someoneElse.cookie, 'developers:list', {})).status).toBe(200);
  });

  it('refuses a wrong current password, and locks after as many failures as sign-in does, sign-ins included', async () => {
    const right = passwords['val@example.com']!;
    const session = await signIn('val@example.com', right, '10.0.22.1');
    const wrong = (await change(session.cookie, { currentPassword: 'not-my-password', newPassword: NEW }, '10.0.22.1')) as Answer;
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ details: { field: 'currentPassword', reason: 'invalid' } });
    expect(wrong.body.error?.message).toMatch(/current password/i);
    // The account's limit is 3 here: one failed sign-in and one more wrong check reach it.
    expect((await signIn('val@example.com', 'wrong', '10.0.22.2')).status).toBe(401);
    expect(((await change(session.cookie, { currentPassword: 'still-wrong', newPassword: NEW }, '10.0.22.3')) as Answer).status).toBe(400);
    expect(log.some((line) => line.includes('val@example.com locked'))).toBe(true);
    // Locked: even the right password is refused, here and at sign-in, and nothing changed.
    const locked = (await change(session.cookie, { currentPassword: right, newPassword: NEW }, '10.0.22.4')) as Answer;
    expect(locked.status).toBe(429);
    expect(locked.body.error).toMatchObject({ details: { field: 'currentPassword', reason: 'locked' } });
    expect((await signIn('val@example.com', right, '10.0.22.5')).status).toBe(429);
    expect((await channel(session.cookie, 'developers:list', {})).status).toBe(200);
  });

  it('names the field of a missing, too short or unchanged password (400), before checking anything', async () => {
    const session = await signIn('alice@example.com', passwords['alice@example.com']!, '10.0.23.1');
    const current = passwords['alice@example.com']!;
    const cases: [unknown, string, string][] = [
      [{ newPassword: NEW }, 'currentPassword', 'missing'],
      [{ currentPassword: current }, 'newPassword', 'missing'],
      [{ currentPassword: current, newPassword: 'short-11ch' }, 'newPassword', 'tooShort'],
      [{ currentPassword: current, newPassword: 'x'.repeat(1025) }, 'newPassword', 'tooLong'],
      [{ currentPassword: current, newPassword: current }, 'newPassword', 'same'],
      [[], 'currentPassword', 'missing'],
    ];
    for (const [body, field, reason] of cases) {
      const res = (await change(session.cookie, body, '10.0.23.1')) as Answer;
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error, JSON.stringify(body)).toMatchObject({ code: 'BAD_INPUT', details: { field, reason } });
    }
    expect(((await change(session.cookie, { currentPassword: current, newPassword: 'short-11ch' })) as Answer).body.error?.message).toMatch(
      /at least 12 characters/,
    );
    // None of them changed anything.
    expect((await signIn('alice@example.com', current, '10.0.23.2')).status).toBe(200);
  });

  it('refuses a change posted from another site (403), or without a session (401)', async () => {
    const session = await signIn('alice@example.com', passwords['alice@example.com']!, '10.0.24.1');
    const body = { currentPassword: passwords['alice@example.com'], newPassword: NEW };
    const cross = (await change(session.cookie, body, '10.0.24.1', 'https://evil.example')) as Response;
    expect(cross.status).toBe(403);
    const none = (await change(undefined, body, '10.0.24.1')) as Answer;
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(/sign in/) } });
    const signedOut = await signIn('alice@example.com', passwords['alice@example.com']!, '10.0.24.2');
    await request('POST', '/auth/sign-out', { cookie: signedOut.cookie, body: {} });
    expect(((await change(signedOut.cookie, body, '10.0.24.2')) as Answer).status).toBe(401);
    const text = await fetch(`${team.url}auth/password`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', 'X-Forwarded-For': '10.0.24.1', Cookie: `drm_session=${session.cookie}` },
      body: JSON.stringify(body),
    });
    expect(text.status).toBe(415);
    // Still Alice's old password.
    expect((await signIn('alice@example.com', passwords['alice@example.com']!, '10.0.24.3')).status).toBe(200);
  });
});
