/**
 * `drm users` and the refusals of `drm serve --team`, as an operator runs
 * them against a shared PostgreSQL (Debian's): the one-time password works
 * and is stored only as an argon2id hash; disable, enable and reset change
 * what signs in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src-main/core/auth/passwords';
import { drm } from '../helpers/cli';
import { queryRows } from '../helpers/imports';
import { createTeamDatabase, startSystemPostgres, type SystemPostgres } from '../helpers/system-postgres';

let server: SystemPostgres;
let url: string;

beforeAll(async () => {
  server = await startSystemPostgres();
  url = await createTeamDatabase(server, 'drm_users');
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

const stored = async (email: string) =>
  (
    await queryRows<{ password_hash: string; disabled: boolean; auth_provider: string }>(url, 'select * from users where email = $1', [
      email,
    ])
  )[0]!;

describe('drm users', () => {
  it('adds a user with a one-time password, stored only as an argon2id hash', async () => {
    const added = await drm(['users', 'add', 'ann@example.com', '--name', 'Ann', '--database-url', url, '--json']);
    expect(added.code, added.stderr).toBe(0);
    const { password, user } = JSON.parse(added.stdout) as { password: string; user: { email: string; displayName: string } };
    expect(user).toMatchObject({ email: 'ann@example.com', displayName: 'Ann' });
    const row = await stored('ann@example.com');
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.password_hash).not.toContain(password);
    expect(row.auth_provider).toBe('password');
    expect(await verifyPassword(row.password_hash, password)).toBe(true);
    const again = await drm(['users', 'add', 'ANN@example.com', '--database-url', url]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/has an account/);
  }, 120_000);

  it('lists, disables, enables and resets', async () => {
    const list = await drm(['users', 'list', '--database-url', url]);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/ann@example\.com\s+Ann\s+enabled\s+never/);
    expect((await drm(['users', 'disable', 'ann@example.com', '--database-url', url])).code).toBe(0);
    expect((await stored('ann@example.com')).disabled).toBe(true);
    expect((await drm(['users', 'enable', 'ann@example.com', '--database-url', url])).code).toBe(0);
    expect((await stored('ann@example.com')).disabled).toBe(false);
    const before = (await stored('ann@example.com')).password_hash;
    const reset = await drm(['users', 'reset-password', 'ann@example.com', '--database-url', url, '--json']);
    expect(reset.code, reset.stderr).toBe(0);
    const { password } = JSON.parse(reset.stdout) as { password: string };
    const after = (await stored('ann@example.com')).password_hash;
    expect(after).not.toBe(before);
    expect(await verifyPassword(after, password)).toBe(true);
    const missing = await drm(['users', 'disable', 'nobody@example.com', '--database-url', url]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/No user nobody@example\.com/);
  }, 120_000);

  it('keeps each tenant its own accounts', async () => {
    expect((await drm(['tenants', 'create', 'acme', '--name', 'Acme', '--database-url', url])).code).toBe(0);
    expect((await drm(['users', 'add', 'ann@example.com', '--tenant', 'acme', '--database-url', url])).code).toBe(0);
    const acme = await drm(['users', 'list', '--tenant', 'acme', '--database-url', url, '--json']);
    expect((JSON.parse(acme.stdout) as { email: string }[]).map((u) => u.email)).toEqual(['ann@example.com']);
    const rows = await queryRows<{ tenant_id: string }>(url, "select tenant_id from users where email = 'ann@example.com' order by 1");
    expect(rows.map((r) => r.tenant_id)).toEqual(['acme', 'default']);
  }, 120_000);
});

describe('drm serve --team refusals', () => {
  it('refuses a host other than loopback without TLS or a proxy, before touching the database', async () => {
    const res = await drm(['serve', '--team', '--host', '0.0.0.0', '--database-url', url]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/unencrypted.*--tls-cert FILE --tls-key FILE/s);
  });

  it('refuses team mode on a data folder', async () => {
    const res = await drm(['serve', '--team', '--data-dir', '/nonexistent']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/--database-url/);
  });
});
