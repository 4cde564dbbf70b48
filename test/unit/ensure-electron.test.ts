import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/cli';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('ensure-electron');
afterAll(() => dir.remove());

/** A stand-in for node_modules/electron: its version, and an install.js doing what we say. */
function fakeElectron(name: string, { installed, installExit }: { installed: boolean; installExit: number }): string {
  const root = join(dir.path, name);
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(join(root, 'package.json'), JSON.stringify({ version: '45.5.0' }));
  writeFileSync(join(root, 'install.js'), `console.log('fake download'); process.exit(${installExit});`);
  if (installed) {
    writeFileSync(join(root, 'path.txt'), 'electron');
    writeFileSync(join(root, 'dist', 'version'), 'v45.5.0');
    writeFileSync(join(root, 'dist', 'electron'), '');
  }
  return root;
}

const run = (electronDir: string) =>
  spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'ensure-electron.mjs')], {
    env: { ...process.env, DRM_ELECTRON_DIR: electronDir },
    encoding: 'utf8',
  });

describe('ensure-electron (npm start)', () => {
  it('does nothing when the binary of this version is installed', () => {
    const result = run(fakeElectron('ready', { installed: true, installExit: 1 }));
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
  });

  it('downloads when missing, and explains the browser fallback when the download fails', () => {
    const result = run(fakeElectron('offline', { installed: false, installExit: 1 }));
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('Downloading Electron');
    expect(result.stdout).toContain('fake download');
    expect(result.stderr).toContain('npm run serve');
  });
});
