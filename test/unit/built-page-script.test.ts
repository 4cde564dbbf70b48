/**
 * What the BUILT page loads before the Overview can show anything: the entry
 * script and the chunks index.html preloads. Every other page is a chunk of
 * its own, fetched when first opened, and zod stays out (contract/values.ts):
 * both are the start-up budget of issue 12, and a stray value import would
 * undo them without failing anything else. Read from `out/renderer/`, which
 * `npm test` and `npm run test:unit` build before vitest runs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const rendererDir = fileURLToPath(new URL('../../out/renderer/', import.meta.url));
const LAZY_PAGES = [
  'DevelopersPage',
  'OrganizationsPage',
  'MergesPage',
  'CampaignsPage',
  'FunnelPage',
  'ImportPage',
  'SettingsPage',
  'StatusPage',
];

function firstPageScripts(): string[] {
  const page = join(rendererDir, 'index.html');
  if (!existsSync(page)) throw new Error(`${page} is missing: build the renderer first (npx electron-vite build)`);
  const html = readFileSync(page, 'utf8');
  const scripts = [...html.matchAll(/<(?:script type="module"[^>]*src|link rel="modulepreload"[^>]*href)="\.\/assets\/([^"]+\.js)"/g)].map(
    (m) => m[1]!,
  );
  expect(scripts.length).toBeGreaterThan(0);
  return scripts;
}

describe('the built first page', () => {
  it('loads no other page: each is its own chunk', () => {
    const assets = readdirSync(join(rendererDir, 'assets'));
    const first = firstPageScripts();
    for (const name of LAZY_PAGES) {
      expect(
        assets.some((file) => file.startsWith(`${name}-`)),
        `${name} has its own chunk`,
      ).toBe(true);
      expect(first.filter((file) => file.startsWith(`${name}-`))).toEqual([]);
    }
  });

  it('carries no zod: the core validates, the renderer only uses the contract’s types and values', () => {
    for (const file of firstPageScripts()) {
      expect(readFileSync(join(rendererDir, 'assets', file), 'utf8').includes('ZodError'), `${file} bundles zod`).toBe(false);
    }
  });
});
