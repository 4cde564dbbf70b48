/**
 * API keys (issue 14 §3): created with the key shown once and only its
 * SHA-256 stored, listed with scope and last use, revoked at once; and the
 * same through `drm api-keys`.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createKeyAuthenticator, hasScope } from '../../src-main/core/api-keys/authenticate';
import { drm } from '../helpers/cli';
import { useCoreOnTestDatabase } from '../helpers/database';
import { call } from '../helpers/merges';

const db = useCoreOnTestDatabase();

async function storedRows(): Promise<{ api_key_id: string; hashed_key: string; scope: string; created_by: string | null }[]> {
  const client = new pg.Client(db.url);
  await client.connect();
  try {
    return (await client.query('select api_key_id, hashed_key, scope, created_by from api_keys order by created_at')).rows;
  } finally {
    await client.end();
  }
}

describe('api-keys channels', () => {
  it('shows the key once and stores only its SHA-256, with the scopes as one string', async () => {
    const created = await call(db.core, 'api-keys:create', { name: 'CI ingest', scopes: ['read', 'ingest'] });
    expect(created.key).toMatch(new RegExp(`^drm_${created.publicId}_[A-Za-z0-9_-]{43}$`));
    expect(created.scopes).toEqual(['ingest', 'read']);
    const row = (await storedRows()).find((r) => r.api_key_id === created.apiKeyId)!;
    expect(row.hashed_key).toBe(createHash('sha256').update(created.key).digest('hex'));
    expect(row.scope).toBe('ingest read');
    // Created without a signed-in user: by the OS account's local user (README "Who did what").
    expect(row.created_by).toBe(created.createdByUser?.userId);
    expect(created.createdByUser?.email).toMatch(/@localhost$/);
    const listed = await call(db.core, 'api-keys:list', {});
    const shown = listed.find((k) => k.apiKeyId === created.apiKeyId)!;
    expect(shown).not.toHaveProperty('key');
    expect(JSON.stringify(listed)).not.toContain(created.key);
    expect(shown).toMatchObject({ name: 'CI ingest', scopes: ['ingest', 'read'], lastUsedAt: null, revokedAt: null });
  });

  it('refuses a key without a scope or with an unknown one', async () => {
    await expect(call(db.core, 'api-keys:create', { name: 'x', scopes: [] })).rejects.toThrow(/at least one scope/);
    await expect(call(db.core, 'api-keys:create', { name: 'x', scopes: ['write' as 'read'] })).rejects.toThrow(/BAD_INPUT/);
  });

  it('authenticates a key, records its last use, and refuses it at once after a revoke', async () => {
    const auth = createKeyAuthenticator();
    const { key, apiKeyId } = await call(db.core, 'api-keys:create', { name: 'reader', scopes: ['read'] });
    const first = await db.core.withDatabase((d) => auth.authenticate(d, key, '192.0.2.7'));
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(hasScope(first.holder, 'read')).toBe(true);
    expect(hasScope(first.holder, 'ingest')).toBe(false);
    const used = (await call(db.core, 'api-keys:list', {})).find((k) => k.apiKeyId === apiKeyId)!;
    expect(used.lastUsedAt).not.toBeNull();
    expect(used.lastUsedFrom).toBe('192.0.2.7');

    await call(db.core, 'api-keys:revoke', { apiKeyId });
    expect(await db.core.withDatabase((d) => auth.authenticate(d, key, null))).toEqual({ ok: false, reason: 'revoked' });
    // One character off is another key: unknown, not a near match.
    const other = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');
    expect(await db.core.withDatabase((d) => auth.authenticate(d, other, null))).toEqual({ ok: false, reason: 'unknown' });
    expect(await db.core.withDatabase((d) => auth.authenticate(d, 'not-a-key', null))).toEqual({ ok: false, reason: 'malformed' });
  });

  it('keeps the first revoke time when a key is revoked twice, and says NOT_FOUND for an unknown id', async () => {
    const { apiKeyId } = await call(db.core, 'api-keys:create', { name: 'twice', scopes: ['admin'] });
    const once = await call(db.core, 'api-keys:revoke', { apiKeyId });
    const again = await call(db.core, 'api-keys:revoke', { apiKeyId });
    expect(again.revokedAt).toBe(once.revokedAt);
    await expect(call(db.core, 'api-keys:revoke', { apiKeyId: '00000000-0000-4000-8000-000000000000' })).rejects.toThrow(/NOT_FOUND/);
  });
});

describe('drm api-keys', () => {
  const run = (...args: string[]) => drm(['api-keys', ...args, '--database-url', db.url]);

  it('creates (key printed once), lists and revokes', async () => {
    const created = await run('create', '--name', 'from the CLI', '--scope', 'ingest,read', '--json');
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const key = JSON.parse(created.stdout) as { apiKeyId: string; key: string; scopes: string[] };
    expect(key.scopes).toEqual(['ingest', 'read']);
    const listed = await run('list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('from the CLI');
    expect(listed.stdout).not.toContain(key.key);
    // The CLI acts as the OS account's local user (README "Who did what").
    expect(listed.stdout).toMatch(/created by[\s\S]*from the CLI.*@localhost/);
    const revoked = await run('revoke', key.apiKeyId, '--json');
    expect(revoked.code).toBe(0);
    expect((JSON.parse(revoked.stdout) as { revokedAt: string | null }).revokedAt).not.toBeNull();
  });

  it('refuses an unknown scope with exit 2', async () => {
    const result = await run('create', '--name', 'x', '--scope', 'write');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown scope "write"/);
  });
});
