/**
 * The HTTP shell of `drm serve`: every contract channel over POST, the
 * renderer's files, server-sent events, and nothing at all without the token.
 */
import { request } from 'node:http';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames } from '../../src-shared/contract';
import { startCore } from '../../src-main/core/index';
import type { Core } from '../../src-main/core/types';
import { startHttpShell, type HttpShell } from '../../src-main/server/index';
import { uploadDir } from '../../src-main/server/upload';
import { createTestDatabase } from '../helpers/database';
import { makeTempDir } from '../helpers/temp';

let core: Core;
let shell: HttpShell;
let drop: () => Promise<void>;
const renderer = makeTempDir('renderer');

beforeAll(async () => {
  const database = await createTestDatabase();
  drop = database.drop;
  core = await startCore({ databaseUrl: database.url });
  mkdirSync(join(renderer.path, 'assets'));
  writeFileSync(join(renderer.path, 'index.html'), '<!doctype html><title>DRM</title>');
  writeFileSync(join(renderer.path, 'assets', 'app.js'), 'console.log(1)');
  shell = await startHttpShell({ core, rendererDir: renderer.path });
});

afterAll(async () => {
  await shell?.close();
  await core?.stop();
  await drop?.();
  renderer.remove();
});

const base = () => `http://127.0.0.1:${shell.port}`;
const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base()}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
const bearer = () => ({ Authorization: `Bearer ${shell.token}` });

describe('HTTP shell', () => {
  it('prints a loopback URL carrying a long random token', () => {
    expect(shell.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
  });

  it('refuses every request without the token, pages and API alike', async () => {
    for (const path of ['/', '/index.html', '/assets/app.js', '/api/events']) {
      expect((await fetch(`${base()}${path}`)).status, path).toBe(401);
    }
    const api = await postJson('/api/system:status', {});
    expect(api.status).toBe(401);
    expect(await api.json()).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect((await postJson('/api/system:status', {}, { Authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await fetch(`${base()}/?token=${shell.token.slice(1)}`)).status).toBe(401);
  });

  it('serves the page for the printed URL and sets a cookie for its assets', async () => {
    const page = await fetch(shell.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const cookie = page.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const asset = await fetch(`${base()}/assets/app.js`, { headers: { Cookie: cookie.split(';')[0]! } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(await asset.text()).toBe('console.log(1)');
  });

  it('answers every contract channel with the same envelope as IPC', async () => {
    for (const channel of channelNames) {
      const response = await postJson(`/api/${channel}`, {}, bearer());
      expect(response.status, channel).toBe(200);
      const body = (await response.json()) as { ok: boolean };
      expect(body).toHaveProperty('ok');
    }
    const status = (await (await postJson('/api/system:status', {}, bearer())).json()) as { value: { tables: string[] } };
    expect(status).toMatchObject({ ok: true, value: { postgres: { version: expect.stringMatching(/^\d+/) } } });
    expect(status.value.tables).toHaveLength(25);
  });

  it('answers bad input with a typed error, not a stack trace', async () => {
    const response = await postJson('/api/system:status', { unexpected: true }, bearer());
    const body = await response.json();
    expect(body).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('refuses unknown channels, wrong methods, non-JSON bodies and other origins', async () => {
    expect((await postJson('/api/sql:run', { sql: 'drop table tenants' }, bearer())).status).toBe(404);
    expect((await fetch(`${base()}/api/system:status`, { headers: bearer() })).status).toBe(405);
    const form = await fetch(`${base()}/api/system:status`, { method: 'POST', headers: { ...bearer(), 'Content-Type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(415);
    expect((await postJson('/api/system:status', {}, { ...bearer(), Origin: 'http://evil.example' })).status).toBe(403);
  });

  it('takes an upload for browser mode, previews it by path, and deletes it when closed', async () => {
    const csv = 'occurred_at,action,source,email\n2024-05-01 10:00,view,web,a@example.com\n';
    const refused = await fetch(`${base()}/api/upload`, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: csv });
    expect(refused.status).toBe(401);
    const response = await fetch(`${base()}/api/upload`, {
      method: 'POST',
      headers: { ...bearer(), 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent('../../活動.csv') },
      body: csv,
    });
    const upload = (await response.json()) as { ok: true; value: { filePath: string; fileName: string; size: number } };
    // No path separator survives: the copy lands directly in the private upload folder.
    expect(upload.value).toMatchObject({ fileName: '_.._活動.csv', size: Buffer.byteLength(csv) });
    expect(dirname(upload.value.filePath)).toBe(uploadDir());
    const preview = (await (await postJson('/api/import:preview', { filePath: upload.value.filePath, fileName: upload.value.fileName }, bearer())).json()) as {
      value: { type: string; rows: string[][] };
    };
    expect(preview.value).toMatchObject({ type: 'activities', rows: [['2024-05-01 10:00', 'view', 'web', 'a@example.com']] });

    const other = await startHttpShell({ core, rendererDir: renderer.path });
    const kept = await fetch(`http://127.0.0.1:${other.port}/api/upload`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${other.token}`, 'Content-Type': 'application/octet-stream' },
      body: csv,
    });
    const { value } = (await kept.json()) as { value: { filePath: string } };
    expect(existsSync(value.filePath)).toBe(true);
    await other.close();
    expect(existsSync(value.filePath)).toBe(false);
  });

  it('answers a malformed % escape in the URL with 400 and a clear message, and keeps serving', async () => {
    const api = await postJson('/api/system%E0%A4%A', {}, bearer());
    expect(api.status).toBe(400);
    expect(await api.json()).toEqual({ ok: false, error: { code: 'BAD_INPUT', message: 'Bad channel name in the URL (a malformed % escape): /api/system%E0%A4%A' } });
    const page = await fetch(`${base()}/assets/%E0%A4%A.js`, { headers: bearer() });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('malformed % escape');
    const status = await postJson('/api/system:status', {}, bearer());
    expect(((await status.json()) as { ok: boolean }).ok).toBe(true);
  });

  it('refuses a request naming another host (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: shell.port, path: `/?token=${shell.token}`, headers: { Host: 'attacker.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.once('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('streams core events to the page as server-sent events', async () => {
    const controller = new AbortController();
    const response = await fetch(`${base()}/api/events?token=${shell.token}`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    await reader.read(); // the ": connected" comment: the subscription is in place
    core.events.emit('db:changed', { tables: ['developers'] });
    let text = '';
    while (!text.includes('\n\n')) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    expect(text).toBe('event: db:changed\ndata: {"tables":["developers"]}\n\n');
  });
});
