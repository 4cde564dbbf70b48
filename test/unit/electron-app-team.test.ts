/**
 * The desktop app as a team server's client (src-main/team-window.ts): the
 * window follows where the core says the app is set to go, falls back to the
 * app's page when the server cannot be reached, gives the server's pages only
 * the way back, and never the contract's IPC.
 */
import type { IpcMainInvokeEvent } from 'electron';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../src-main/core/types';
import { DESKTOP_BACK_CHANNEL } from '../../src-shared/contract/desktop';
import type { TeamPlace } from '../../src-shared/contract/team';
import { electron, fakeCore, flush, start as startApp, window } from '../helpers/fake-electron-app';

vi.mock('electron', async () => (await import('../helpers/fake-electron-app')).electronModule());

const { runApp } = await import('../../src-main/app');

const start = (core: Promise<Core>) => startApp(runApp, core);

beforeEach(() => {
  electron.reset();
  vi.stubEnv('DRM_DATA_DIR', resolve('/tmp/drm-app-test-data'));
  vi.stubEnv('ELECTRON_RENDERER_URL', '');
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('runApp with a team server', () => {
  const teamOrigin = 'https://drm.example.com';
  const renderer = () => window().loaded[0]!;
  const rendererHref = () => pathToFileURL(renderer().slice('file:'.length)).href;
  const server: TeamPlace = { kind: 'server', url: teamOrigin };

  function ipcEvent(url: string, sender: unknown = window().webContents) {
    return { sender, senderFrame: { parent: null, url } } as unknown as IpcMainInvokeEvent;
  }

  async function back(url: string, sender?: unknown) {
    const handler = electron.handlers.get(DESKTOP_BACK_CHANNEL);
    if (!handler) throw new Error(`${DESKTOP_BACK_CHANNEL} was not registered`);
    const answer = (await handler(ipcEvent(url, sender))) as { ok: boolean; error?: { message: string } };
    await flush();
    return answer;
  }

  it('at start, set to a team server: the window shows the app’s page, then that origin once the core says so', async () => {
    start(Promise.resolve(fakeCore(server).core));
    await flush();
    expect(window().loaded).toEqual([renderer(), teamOrigin]);
    expect(renderer()).toMatch(/^file:.*index\.html$/);
  });

  it('at start on this computer’s data, or a team database, stays on the app’s page', async () => {
    for (const place of [
      { kind: 'local' },
      { kind: 'database', url: 'postgres://team@db.example.com/drm', tenantId: 'default' },
    ] as const) {
      electron.reset();
      start(Promise.resolve(fakeCore(place).core));
      await flush();
      expect(window().loaded).toHaveLength(1);
      expect(window().loaded[0]).toMatch(/^file:/);
    }
  });

  it('follows team:changed both ways: to the server, then back to the app’s page, and only when it is elsewhere', async () => {
    const { core, team } = fakeCore();
    start(Promise.resolve(core));
    await flush();
    team.move(server);
    await flush();
    expect(window().loaded).toEqual([renderer(), teamOrigin]);
    // The same setting again (a repeated event) does not reload the page the person is on.
    team.move(server);
    await flush();
    expect(window().loaded).toHaveLength(2);

    team.move({ kind: 'database', url: 'postgres://team@db.example.com/drm', tenantId: 'default' });
    await flush();
    expect(window().loaded).toEqual([renderer(), teamOrigin, renderer()]);
    team.move({ kind: 'local' });
    await flush();
    expect(window().loaded).toHaveLength(3);

    // Another server: the window follows it.
    team.move({ kind: 'server', url: 'http://127.0.0.1:8080' });
    await flush();
    expect(window().loaded.at(-1)).toBe('http://127.0.0.1:8080');
  });

  it('when the team server cannot be reached, shows the app’s page (which offers to retry) and follows the retry', async () => {
    electron.FakeBrowserWindow.unreachable.add(teamOrigin);
    const { core, team } = fakeCore(server);
    start(Promise.resolve(core));
    await flush();
    expect(window().loaded).toEqual([renderer(), teamOrigin, renderer()]);

    // The page's "Open it" calls team:connect again; the switcher emits team:changed again.
    electron.FakeBrowserWindow.unreachable.clear();
    team.move(server);
    await flush();
    expect(window().loaded).toEqual([renderer(), teamOrigin, renderer(), teamOrigin]);
  });

  it('does not open an address the contract would not accept as a team server (plain http to another host, a path)', async () => {
    for (const url of ['http://drm.example.com', 'https://drm.example.com/admin', 'file:///etc']) {
      electron.reset();
      start(Promise.resolve(fakeCore({ kind: 'server', url }).core));
      await flush();
      expect(window().loaded, url).toHaveLength(1);
      expect(window().webContents.prevented('will-navigate', `${url}/`)).toBe(true);
    }
  });

  it('a failure that is not the team server’s (an aborted load, a subframe, the app’s page) changes nothing', async () => {
    start(Promise.resolve(fakeCore(server).core));
    await flush();
    const failed = (code: number, url: string, mainFrame: boolean) =>
      window().webContents.emit('did-fail-load', {}, code, 'failed', url, mainFrame);
    failed(-3, `${teamOrigin}/export.csv`, true);
    failed(-102, 'https://frame.example/', false);
    failed(-6, rendererHref(), true);
    await flush();
    expect(window().loaded).toEqual([renderer(), teamOrigin]);
  });

  it('the way back: accepted from the team server’s main frame, it forgets the server and shows the app’s page', async () => {
    const { core, team } = fakeCore(server);
    start(Promise.resolve(core));
    await flush();
    const answer = await back(`${teamOrigin}/#/developers`);
    expect(answer).toEqual({ ok: true, value: { current: { kind: 'local' }, available: true, problem: null, notices: [] } });
    expect(team.disconnects).toEqual([{ session: expect.stringMatching(/^window:/) }]);
    expect(window().loaded).toEqual([renderer(), teamOrigin, renderer()]);
  });

  it('the way back is refused from the app’s own page, another origin, another window and a subframe', async () => {
    const { core, team } = fakeCore(server);
    start(Promise.resolve(core));
    await flush();
    for (const refused of [
      back(rendererHref()),
      back('https://evil.example/'),
      back('https://drm.example.com:8443/'),
      back(`${teamOrigin}/`, {}),
    ]) {
      expect(await refused).toMatchObject({
        ok: false,
        error: { message: expect.stringMatching(/^Refused desktop:back-to-this-computer/) },
      });
    }
    const subframe = electron.handlers.get(DESKTOP_BACK_CHANNEL)!({
      sender: window().webContents,
      senderFrame: { parent: { url: `${teamOrigin}/` }, url: `${teamOrigin}/` },
    });
    expect(await subframe).toMatchObject({ ok: false });
    expect(team.disconnects).toEqual([]);
    expect(window().loaded).toEqual([renderer(), teamOrigin]);
  });

  it('the way back is refused once the app is no longer set to that server', async () => {
    const { core, team } = fakeCore(server);
    start(Promise.resolve(core));
    await flush();
    team.move({ kind: 'local' });
    await flush();
    expect(await back(`${teamOrigin}/`)).toMatchObject({ ok: false });
    expect(team.disconnects).toEqual([]);
  });

  it('lets the window navigate within the team server’s origin only, and redirect nowhere else', async () => {
    const { core, team } = fakeCore();
    start(Promise.resolve(core));
    await flush();
    const contents = window().webContents;
    expect(contents.prevented('will-navigate', `${teamOrigin}/`)).toBe(true);
    team.move(server);
    await flush();
    expect(contents.prevented('will-navigate', `${teamOrigin}/#/developers`)).toBe(false);
    expect(contents.prevented('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.prevented('will-redirect', 'https://evil.example/', { isMainFrame: true })).toBe(true);
    expect(contents.prevented('will-redirect', `${teamOrigin}/auth/me`, { isMainFrame: true })).toBe(false);
    team.move({ kind: 'local' });
    await flush();
    expect(contents.prevented('will-navigate', `${teamOrigin}/`)).toBe(true);
  });

  it('sends the core’s events to the app’s page only, never to the team server’s', async () => {
    const { core, team } = fakeCore(server);
    start(Promise.resolve(core));
    await flush();
    core.events.emit('db:changed', { tables: ['developers'] });
    team.move({ kind: 'local' });
    await flush();
    core.events.emit('db:changed', { tables: ['campaigns'] });
    // Not even team:changed: it left while the team server's page was shown; the app's page, loaded afresh, asks where it is.
    expect(window().webContents.sent).toEqual([['db:changed', { tables: ['campaigns'] }]]);
  });

  it('never answers the contract’s channels, or files:register, to the team server’s pages', async () => {
    const { core } = fakeCore(server);
    start(Promise.resolve(core));
    await flush();
    for (const channel of ['system:get-status', 'team:disconnect', 'team:connect', 'developers:list', 'files:register']) {
      const answer = await electron.handlers.get(channel)!(ipcEvent(`${teamOrigin}/`), {});
      expect(answer, channel).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(/^Refused/) } });
    }
    // The app's own page still gets them.
    expect(await electron.handlers.get('team:get-connection')!(ipcEvent(rendererHref()), {})).toMatchObject({ ok: true });
  });
});
