/**
 * `drm shortlinks create|list|qr|export-redirects` against a real database:
 * the JSON shapes the issue names, a campaign by name, refusals exiting 2,
 * a QR file written that decodes back to its URL, and rules to a file or stdout.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drm } from '../helpers/cli';
import { useCoreOnTestDatabase } from '../helpers/database';
import { call } from '../helpers/merges';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('cli-shortlinks');
const db = useCoreOnTestDatabase();
afterAll(() => dir.remove());

beforeAll(async () => {
  await call(db.core, 'campaigns:create', { name: 'DevFest' });
  await call(db.core, 'shortlinks:update-settings', { domain: 'go.example.com' });
});

const run = (...args: string[]) => drm(['shortlinks', ...args, '--database-url', db.url]);

describe('drm shortlinks', () => {
  it('creates a link and prints { shortlinkId, key, shortUrl, finalUrl }', async () => {
    const result = await run(
      'create',
      '--url',
      'https://example.com/talk?x=1',
      '--key',
      'talk',
      '--campaign',
      'devfest',
      '--utm-source',
      'slides',
      '--utm-medium',
      'qr',
      '--json',
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as Record<string, string>;
    expect(Object.keys(json)).toEqual(['shortlinkId', 'key', 'shortUrl', 'finalUrl']);
    expect(json).toMatchObject({
      key: 'talk',
      shortUrl: 'https://go.example.com/talk',
      finalUrl: 'https://example.com/talk?x=1&utm_source=slides&utm_medium=qr',
    });
    const generated = JSON.parse((await run('create', '--url', 'https://example.com/other', '--json')).stdout) as { key: string };
    expect(generated.key).toMatch(/^[2-9a-hjkmnp-z]{8}$/);
  });

  it('refuses a taken key, a bad target and an unknown campaign with exit 2 and the reason', async () => {
    const taken = await run('create', '--url', 'https://example.com/', '--key', 'talk');
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain('"talk"');
    const bad = await run('create', '--url', 'file:///etc/passwd');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('http or https');
    const unknown = await run('create', '--url', 'https://example.com/', '--campaign', 'Nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no campaign named "Nope"');
  });

  it('lists all links or one campaign’s, as a table or JSON', async () => {
    const all = JSON.parse((await run('list', '--json')).stdout) as { key: string }[];
    expect(all).toHaveLength(2);
    const devfest = JSON.parse((await run('list', '--campaign', 'DevFest', '--json')).stdout) as { key: string; campaignName: string }[];
    expect(devfest.map((l) => [l.key, l.campaignName])).toEqual([['talk', 'DevFest']]);
    const table = await run('list');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^key\s+short URL\s+final URL\s+campaign\s+resource/);
    expect(table.stdout).toContain('https://go.example.com/talk');
  });

  it('writes a QR code as PNG (decoding to the short URL) and SVG', async () => {
    const png = join(dir.path, 'talk.png');
    const result = await run('qr', 'talk', '--out', png, '--size', '512', '--caption', '登壇資料');
    expect(result.code).toBe(0);
    const image = PNG.sync.read(readFileSync(png));
    expect(image.width).toBe(512);
    expect(jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data).toBe('https://go.example.com/talk');
    const svg = join(dir.path, 'talk.svg');
    expect((await run('qr', 'talk', '--out', svg, '--level', 'h')).code).toBe(0);
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg /);
    const missing = await run('qr', 'nope', '--out', svg);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('"nope"');
    expect((await run('qr', 'talk', '--out', join(dir.path, 'x.jpg'))).code).toBe(2);
  });

  it('exports redirect rules to stdout or a file, and refuses an unknown format', async () => {
    const nginx = await run('export-redirects', '--format', 'nginx');
    expect(nginx.code).toBe(0);
    expect(nginx.stdout).toContain('"/talk" "https://example.com/talk?x=1&utm_source=slides&utm_medium=qr";');
    const out = join(dir.path, '_redirects');
    const written = await run('export-redirects', '--format', 'netlify', '--out', out);
    expect(written.code).toBe(0);
    expect(written.stderr).toContain('2 rule(s)');
    expect(readFileSync(out, 'utf8')).toContain('/talk  https://example.com/talk?x=1&utm_source=slides&utm_medium=qr  302');
    expect((await run('export-redirects', '--format', 'iis')).code).toBe(2);
  });
});
