/**
 * Which pages count as the team server's (window.ts): exactly its origin, in
 * the main frame of our window; only they may ask for the way back.
 */
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';

// window.ts uses BrowserWindow, dialog and shell only when a window is made; none is here.
vi.mock('electron', () => ({}));

const { createTeamSenderCheck, isTeamUrl } = await import('../../src-main/window');

const teamOrigin = 'https://drm.example.com';
const rendererUrl = 'file:///opt/app/out/renderer/index.html';

describe('createTeamSenderCheck', () => {
  const mainFrame = (url: string) => ({ url, parent: null });

  it('trusts only the main frame of our window showing the configured team server', () => {
    const webContents = {};
    const win = { webContents, isDestroyed: () => false } as unknown as BrowserWindow;
    let origin: string | null = teamOrigin;
    const check = createTeamSenderCheck(
      () => win,
      () => origin,
    );
    const call = (sender: unknown, senderFrame: unknown) => check({ sender, senderFrame } as unknown as IpcMainInvokeEvent);
    expect(call(webContents, mainFrame(`${teamOrigin}/#/developers`))).toBe(true);
    expect(call({}, mainFrame(`${teamOrigin}/`))).toBe(false);
    expect(call(webContents, { url: `${teamOrigin}/`, parent: mainFrame(`${teamOrigin}/`) })).toBe(false);
    expect(call(webContents, mainFrame('https://evil.example/'))).toBe(false);
    expect(call(webContents, mainFrame(rendererUrl))).toBe(false);
    expect(call(webContents, null)).toBe(false);
    origin = null;
    expect(call(webContents, mainFrame(`${teamOrigin}/`))).toBe(false);
  });

  it('matches the origin exactly', () => {
    expect(isTeamUrl('https://drm.example.com/auth/me', teamOrigin)).toBe(true);
    expect(isTeamUrl('https://DRM.example.com:443/', teamOrigin)).toBe(true);
    expect(isTeamUrl('https://drm.example.com:444/', teamOrigin)).toBe(false);
    expect(isTeamUrl('wss://drm.example.com/', teamOrigin)).toBe(false);
    expect(isTeamUrl('http://127.0.0.1:8080/', 'http://127.0.0.1:8080')).toBe(true);
    expect(isTeamUrl('http://localhost:8080/', 'http://127.0.0.1:8080')).toBe(false);
    expect(isTeamUrl('https://drm.example.com/', null)).toBe(false);
  });
});
