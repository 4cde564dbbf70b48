/**
 * The core opens only files the user chose. Over HTTP (`drm serve`) and over
 * the Electron IPC handler map, with a real core: naming a file by path — as
 * `filePath`, as a "handle" that is a path, or by a handle of another session
 * — is refused with a clear error and none of the file's content; a handle
 * the shell issued works.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiResult } from '../../src-shared/contract/common';
import { FILES_REGISTER_CHANNEL } from '../../src-shared/contract/files';
import { GONE_MESSAGE, newFileSession } from '../../src-main/core/files/handles';
import { registerIpc } from '../../src-main/ipc';
import { startHttpShell, type HttpShell } from '../../src-main/server/index';
import { useCoreOnTestDatabase } from '../helpers/database';
import { writeCsv } from '../helpers/imports';
import { makeTempDir } from '../helpers/temp';

// ipc.ts only takes ipcMain as an argument; the real package would try to download Electron.
vi.mock('electron', () => ({}));

const db = useCoreOnTestDatabase();
const dir = makeTempDir('file-handles');
const secret = `SECRET-${randomBytes(8).toString('hex')}`;
const secretFile = join(dir.path, 'secret.csv');
writeFileSync(secretFile, `occurred_at,action,email\n2024-01-01,${secret},${secret}@example.com\n`);
const hostname = readFileSync('/etc/hostname', 'utf8').trim();
const csvText = 'occurred_at,action,source,email\n2024-05-01 10:00,view,web,a@example.com\n';

/** What must never come back: the content of a file the caller named. */
function expectNoContent(reply: unknown) {
  const text = JSON.stringify(reply);
  expect(text).not.toContain(secret);
  if (hostname.length > 0) expect(text).not.toContain(hostname);
  expect(text).not.toMatch(/root:[^"]*:\d+:/); // a line of /etc/shadow or /etc/passwd
}

/** Every way a caller might name a file the user did not choose, for both channels. */
function pathRequests(foreignHandle: string) {
  const randomHandle = `fh_${randomBytes(24).toString('base64url')}`;
  const requests: { label: string; input: Record<string, unknown>; code: string; message: RegExp }[] = [];
  for (const path of ['/etc/hostname', '/etc/shadow', secretFile]) {
    requests.push({ label: `filePath ${path}`, input: { filePath: path }, code: 'BAD_INPUT', message: /Unrecognized key|handle/ });
    requests.push({
      label: `fileHandle = ${path}`,
      input: { fileHandle: path },
      code: 'BAD_INPUT',
      message: /Not a file handle the app issued/,
    });
  }
  requests.push({
    label: 'a handle with a filePath beside it',
    input: { fileHandle: foreignHandle, filePath: secretFile },
    code: 'BAD_INPUT',
    message: /Unrecognized key/,
  });
  requests.push({
    label: 'a random handle',
    input: { fileHandle: randomHandle },
    code: 'NOT_FOUND',
    message: /no longer available: drop or choose it again/,
  });
  requests.push({
    label: 'another session’s handle',
    input: { fileHandle: foreignHandle },
    code: 'NOT_FOUND',
    message: /no longer available: drop or choose it again/,
  });
  return requests;
}

const withType = (channel: 'import:preview' | 'import:start', input: Record<string, unknown>) =>
  channel === 'import:start' ? { ...input, type: 'activities' } : input;

afterAll(() => dir.remove());

describe('over HTTP', () => {
  let shell: HttpShell;
  const uploads = makeTempDir('file-handles-uploads');
  beforeAll(async () => {
    shell = await startHttpShell({ core: db.core, rendererDir: dir.path, uploadsRoot: join(uploads.path, 'root') });
  });
  afterAll(async () => {
    await shell?.close();
    uploads.remove();
  });

  const post = async (channel: string, body: unknown) => {
    const response = await fetch(`http://127.0.0.1:${shell.port}/api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${shell.token}` },
      body: JSON.stringify(body),
    });
    return (await response.json()) as ApiResult<Record<string, unknown>>;
  };

  it('refuses every path, path-like handle, random handle and other session’s handle, returning none of the file', async () => {
    // The CLI's (local) session registered the secret: a real handle, but not this shell's.
    const foreign = (await db.core.files.register(secretFile)).fileHandle;
    for (const channel of ['import:preview', 'import:start'] as const) {
      for (const { label, input, code, message } of pathRequests(foreign)) {
        const reply = await post(channel, withType(channel, input));
        expect(reply, `${channel} ${label}`).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(message) } });
        expectNoContent(reply);
      }
    }
    const jobs = await post('import:list-jobs', {});
    expect(jobs).toEqual({ ok: true, value: [] });
  });

  it('previews and imports by the handle its upload gave', async () => {
    const uploaded = await fetch(`http://127.0.0.1:${shell.port}/api/upload`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${shell.token}`, 'Content-Type': 'application/octet-stream', 'X-File-Name': 'events.csv' },
      body: csvText,
    });
    const { value } = (await uploaded.json()) as { value: { fileHandle: string } };
    expect(await post('import:preview', { fileHandle: value.fileHandle })).toMatchObject({
      ok: true,
      value: { fileName: 'events.csv', type: 'activities' },
    });
    const started = await post('import:start', { fileHandle: value.fileHandle, type: 'activities', options: { timezone: 'UTC' } });
    if (!started.ok) throw new Error(started.error.message);
    expect(await db.core.importer.settled(started.value.jobId as string)).toBe('succeeded');
  });
});

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

describe('over the IPC handler map', () => {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: (channel: string, handler: Handler) => void handlers.set(channel, handler),
    removeHandler: (channel: string) => void handlers.delete(channel),
  } as unknown as Pick<IpcMain, 'handle' | 'removeHandler'>;
  const windowA = newFileSession('window');
  const windowB = newFileSession('window');
  const from = (session: string) => ({ session }) as unknown as IpcMainInvokeEvent;
  const call = (channel: string, input: unknown, session = windowA) =>
    handlers.get(channel)!(from(session), input) as Promise<ApiResult<Record<string, unknown>>>;

  beforeAll(() => {
    registerIpc(
      ipcMain,
      Promise.resolve(db.core),
      () => true,
      (event) => (event as unknown as { session: string }).session,
    );
  });

  it('refuses every path, path-like handle, random handle and other window’s handle, returning none of the file', async () => {
    const registered = await call(FILES_REGISTER_CHANNEL, secretFile, windowB);
    if (!registered.ok) throw new Error(registered.error.message);
    for (const channel of ['import:preview', 'import:start'] as const) {
      for (const { label, input, code, message } of pathRequests(registered.value.fileHandle as string)) {
        const reply = await call(channel, withType(channel, input));
        expect(reply, `${channel} ${label}`).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(message) } });
        expectNoContent(reply);
      }
    }
  });

  it('previews by the handle files:register gave this window, until the window’s session ends', async () => {
    const file = writeCsv(dir.path, 'dropped.csv', csvText);
    const registered = await call(FILES_REGISTER_CHANNEL, file);
    if (!registered.ok) throw new Error(registered.error.message);
    expect(registered.value).toMatchObject({ fileName: 'dropped.csv', size: Buffer.byteLength(csvText) });
    expect(JSON.stringify(registered)).not.toContain(dir.path);
    const preview = await call('import:preview', { fileHandle: registered.value.fileHandle });
    expect(preview).toMatchObject({
      ok: true,
      value: { fileName: 'dropped.csv', type: 'activities', rows: [['2024-05-01 10:00', 'view', 'web', 'a@example.com']] },
    });
    expect(JSON.stringify(preview)).not.toContain(dir.path);

    await db.core.files.endSession(windowA);
    expect(await call('import:preview', { fileHandle: registered.value.fileHandle })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: GONE_MESSAGE },
    });
  });

  it('refuses to register what is not a regular file: an empty path, a folder, a device', async () => {
    for (const path of ['', dir.path, '/dev/zero', 42]) {
      expect(await call(FILES_REGISTER_CHANNEL, path), String(path)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
  });
});
