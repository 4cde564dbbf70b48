/**
 * The HTTP shell of `drm serve`: every contract channel over POST, the
 * renderer's files, server-sent events, and nothing at all without the token.
 */
import { request } from 'node:http';
import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILE_HANDLE_PATTERN } from '../../src-shared/contract/files';
import { channelNames } from '../../src-shared/contract/index';
import { GONE_MESSAGE } from '../../src-main/core/files/handles';
import { startCore } from '../../src-main/core/index';
import type { Core } from '../../src-main/core/types';
import { startHttpShell, type HttpShell } from '../../src-main/server/index';
import { createTestDatabase } from '../helpers/database';
import { makeTempDir } from '../helpers/temp';

let core: Core;
let shell: HttpShell;
let drop: () => Promise<void>;
const renderer = makeTempDir('renderer');
// A per-user root like the default one in the temp folder; each shell makes its own folder inside.
const uploads = makeTempDir('uploads');
const uploadsRoot = join(uploads.path, 'root');
const uploadedFiles = () =>
  readdirSync(uploadsRoot).flatMap((dir) => readdirSync(join(uploadsRoot, dir)).map((name) => join(uploadsRoot, dir, name)));

beforeAll(async () => {
  const database = await createTestDatabase();
  drop = database.drop;
  core = await startCore({ databaseUrl: database.url });
  mkdirSync(join(renderer.path, 'assets'));
  writeFileSync(join(renderer.path, 'index.html'), '<!doctype html><title>DRM</title>');
  writeFileSync(join(renderer.path, 'assets', 'app.js'), 'console.log(1)');
  shell = await startHttpShell({ core, rendererDir: renderer.path, uploadsRoot });
});

afterAll(async () => {
  await shell?.close();
  await core?.stop();
  await drop?.();
  renderer.remove();
  uploads.remove();
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
    const api = await postJson('/api/system:get-status', {});
    expect(api.status).toBe(401);
    expect(await api.json()).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect((await postJson('/api/system:get-status', {}, { Authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await fetch(`${base()}/?token=${shell.token.slice(1)}`)).status).toBe(401);
  });

  it('answers a page opened without the token with an HTML page saying how to open the app, in the browser language', async () => {
    for (const path of ['/', '/index.html']) {
      const page = await fetch(`${base()}${path}`, { headers: { 'Accept-Language': 'en-US,en;q=0.9' } });
      expect(page.status, path).toBe(401);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      const html = await page.text();
      expect(html).toContain('<html lang="en">');
      expect(html).toContain('npm run serve');
      expect(html).toContain('?token=');
    }
    const ja = await fetch(`${base()}/`, { headers: { 'Accept-Language': 'ja,en;q=0.8' } });
    expect(ja.status).toBe(401);
    const html = await ja.text();
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain('表示された URL');
    // Scripts and assets keep a short plain refusal; the API keeps its JSON envelope (above).
    expect((await fetch(`${base()}/assets/app.js`)).headers.get('content-type')).not.toContain('text/html');
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
    const status = (await (await postJson('/api/system:get-status', {}, bearer())).json()) as { value: { tables: string[] } };
    expect(status).toMatchObject({ ok: true, value: { postgres: { version: expect.stringMatching(/^\d+/) } } });
    expect(status.value.tables).toHaveLength(25);
  });

  it('answers bad input with a typed error, not a stack trace', async () => {
    const response = await postJson('/api/system:get-status', { unexpected: true }, bearer());
    const body = await response.json();
    expect(body).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('refuses unknown channels, wrong methods, non-JSON bodies and other origins', async () => {
    expect((await postJson('/api/sql:run', { sql: 'drop table tenants' }, bearer())).status).toBe(404);
    expect((await fetch(`${base()}/api/system:get-status`, { headers: bearer() })).status).toBe(405);
    const form = await fetch(`${base()}/api/system:get-status`, {
      method: 'POST',
      headers: { ...bearer(), 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(form.status).toBe(415);
    expect((await postJson('/api/system:get-status', {}, { ...bearer(), Origin: 'http://evil.example' })).status).toBe(403);
  });

  it('takes an upload for browser mode, answers a handle (no path), previews it by handle, and deletes it when closed', async () => {
    const csv = 'occurred_at,action,source,email\n2024-05-01 10:00,view,web,a@example.com\n';
    const refused = await fetch(`${base()}/api/upload`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: csv,
    });
    expect(refused.status).toBe(401);
    const response = await fetch(`${base()}/api/upload`, {
      method: 'POST',
      headers: { ...bearer(), 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent('../../活動.csv') },
      body: csv,
    });
    const text = await response.text();
    const upload = JSON.parse(text) as { ok: true; value: { fileHandle: string; fileName: string; size: number } };
    // No path separator survives in the name, and no path is in the answer at all.
    expect(Object.keys(upload.value).sort()).toEqual(['fileHandle', 'fileName', 'size']);
    expect(upload.value).toMatchObject({ fileName: '_.._活動.csv', size: Buffer.byteLength(csv) });
    expect(upload.value.fileHandle).toMatch(FILE_HANDLE_PATTERN);
    expect(text).not.toContain(uploads.path);
    const preview = (await (await postJson('/api/import:preview', { fileHandle: upload.value.fileHandle }, bearer())).json()) as {
      value: { fileName: string; type: string; rows: string[][] };
    };
    expect(preview.value).toMatchObject({
      fileName: '_.._活動.csv',
      type: 'activities',
      rows: [['2024-05-01 10:00', 'view', 'web', 'a@example.com']],
    });
    expect(preview.value).not.toHaveProperty('filePath');

    const other = await startHttpShell({ core, rendererDir: renderer.path, uploadsRoot });
    const kept = await fetch(`http://127.0.0.1:${other.port}/api/upload`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${other.token}`, 'Content-Type': 'application/octet-stream' },
      body: csv,
    });
    const { value } = (await kept.json()) as { value: { fileHandle: string } };
    // Each shell has its own session: this shell's upload is no file at all to the first one.
    const foreign = await (await postJson('/api/import:preview', { fileHandle: value.fileHandle }, bearer())).json();
    expect(foreign).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: GONE_MESSAGE } });
    const folders = readdirSync(uploadsRoot);
    expect(folders).toHaveLength(2);
    expect(uploadedFiles()).toHaveLength(2);
    await other.close();
    expect(readdirSync(uploadsRoot)).toHaveLength(1);
    expect(uploadedFiles()).toHaveLength(1);
  });

  it('keeps uploads in a fresh 0700 folder per shell inside a 0700 root, and refuses a planted root', async () => {
    expect(statSync(uploadsRoot).mode & 0o777).toBe(0o700);
    for (const folder of readdirSync(uploadsRoot)) expect(statSync(join(uploadsRoot, folder)).mode & 0o777).toBe(0o700);
    const planted = join(uploads.path, 'planted');
    mkdirSync(planted);
    chmodSync(planted, 0o777);
    await expect(startHttpShell({ core, rendererDir: renderer.path, uploadsRoot: planted })).rejects.toThrow(
      /Refusing to use .*planted.*mode is 0777/,
    );
    // Refused, never used: nothing was made inside it.
    expect(readdirSync(planted)).toEqual([]);
  });

  it('answers a malformed % escape in the URL with 400 and a clear message, and keeps serving', async () => {
    const api = await postJson('/api/system%E0%A4%A', {}, bearer());
    expect(api.status).toBe(400);
    expect(await api.json()).toEqual({
      ok: false,
      error: { code: 'BAD_INPUT', message: 'Bad channel name in the URL (a malformed % escape): /api/system%E0%A4%A' },
    });
    const page = await fetch(`${base()}/assets/%E0%A4%A.js`, { headers: bearer() });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('malformed % escape');
    const status = await postJson('/api/system:get-status', {}, bearer());
    expect(((await status.json()) as { ok: boolean }).ok).toBe(true);
  });

  it('refuses a request naming another host (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: shell.port, path: `/?token=${shell.token}`, headers: { Host: 'attacker.example' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
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
    // Events of earlier tests' background work (an import's last db:changed) may still come first: read
    // whole events until ours, and check it is framed exactly.
    const ours = 'event: db:changed\ndata: {"tables":["developers"]}\n\n';
    let text = '';
    while (!text.split(/(?<=\n\n)/).includes(ours)) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    expect(
      text
        .split(/(?<=\n\n)/)
        .filter((event) => event.startsWith('event: '))
        .at(-1),
    ).toBe(ours);
  });
});
