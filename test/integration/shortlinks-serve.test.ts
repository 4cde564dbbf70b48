/**
 * The redirect server (`drm shortlinks serve`) on a real database: 302 to
 * the final URL with UTM and drm_cid, the click-id cookie set and reused,
 * 404 for unknown keys, HEAD without a click, 405, a stored non-http target
 * refused, the rate limit's 429, and each click recorded as a `click`
 * activity with its resource, campaign and metadata and no IP address
 * anywhere, after which a rebuild changes nothing derived. The CLI prints
 * its URL and writes pending clicks on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checksumDifferences, derivedChecksums } from '../../bench/checksums';
import { rebuiltChecksums } from '../../bench/merges-pairs';
import { DEFAULT_TENANT } from '../../src-main/core/db/seed';
import { startRedirectServer, type RedirectServer } from '../../src-main/redirect/server';
import { PROJECT_ROOT } from '../helpers/cli';
import { useCoreOnTestDatabase } from '../helpers/database';
import { queryRows } from '../helpers/imports';
import { call } from '../helpers/merges';

const t = useCoreOnTestDatabase();
const lines: string[] = [];
let server: RedirectServer;
let reader: pg.Client;
let campaignId: string;
let resourceId: string;
let link: { shortlinkId: string; key: string; finalUrl: string };

/** A proxy's header: the server must never store it. */
const FORWARDED_IP = '203.0.113.77';

beforeAll(async () => {
  campaignId = (await call(t.core, 'campaigns:create', { name: 'DevFest', channel: 'event' })).campaignId;
  [{ id: resourceId }] = (await queryRows<{ id: string }>(
    t.url,
    "insert into resources (tenant_id, category, group_key, title, url) values ('default', 'event', 'devfest', 'Booth', 'https://example.com/booth') returning resource_id as id",
  )) as [{ id: string }];
  link = await call(t.core, 'shortlinks:create', {
    targetUrl: 'https://example.com/docs?lang=ja#start',
    key: 'devfest',
    campaignId,
    resourceId,
    utmSource: 'slides',
    utmMedium: 'qr',
    utmCampaign: 'devfest 2026',
  });
  // The batch waits for close(): only a flush or a close writes clicks here.
  server = await startRedirectServer({ core: t.core, port: 0, batch: { intervalMs: 3_600_000 }, log: (l) => lines.push(l) });
  reader = new pg.Client(t.url);
  await reader.connect();
});
afterAll(async () => {
  await server?.close();
  await reader?.end();
});

const get = (path: string, init: RequestInit = {}) => fetch(new URL(path, server.url), { redirect: 'manual', ...init });

const clicks = () =>
  queryRows<{ row: string; anon_id: string; metadata: Record<string, unknown> }>(
    t.url,
    "select a::text as row, a.anon_id, a.metadata from activities a where source = 'shortlink' order by occurred_at",
  );

describe('shortlinks serve', () => {
  it('prints its URL and answers / without a key', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const health = await get('/');
    expect(health.status).toBe(200);
    expect(await health.text()).toContain('ok');
    expect((await get('/favicon.ico')).status).toBe(204);
  });

  it('redirects a key to its final URL with drm_cid, sets the cookie and reuses it', async () => {
    const first = await get('/devfest', {
      headers: {
        referer: 'https://slides.example/talk',
        'user-agent': 'Mozilla/5.0 (test)',
        'accept-language': 'ja-JP,ja;q=0.9,en;q=0.8',
        'x-forwarded-for': FORWARDED_IP,
      },
    });
    expect(first.status).toBe(302);
    const location = first.headers.get('location')!;
    const cid = new URL(location).searchParams.get('drm_cid')!;
    expect(cid).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(location).toBe(`${link.finalUrl.replace('#start', '')}&drm_cid=${cid}#start`);
    expect(location).toContain('utm_source=slides');
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toContain(`drm_cid=${cid}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Max-Age=31536000/);
    expect(cookie).toMatch(/Path=\//);

    const again = await get('/devfest', { headers: { cookie: `other=1; drm_cid=${cid}` } });
    expect(again.status).toBe(302);
    expect(new URL(again.headers.get('location')!).searchParams.get('drm_cid')).toBe(cid);
  });

  it('answers 404 to an unknown key, 405 to other methods, and HEAD without recording', async () => {
    const unknown = await get('/nosuchkey');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).not.toMatch(/select|error|stack/i);
    expect((await get('/devfest/extra')).status).toBe(404);
    const post = await get('/devfest', { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    const head = await get('/devfest', { method: 'HEAD' });
    expect(head.status).toBe(302);
    expect(head.headers.get('location')).toContain('drm_cid=');
  });

  it('records each GET as a click activity with its resource, campaign and metadata, and no IP', async () => {
    expect(await clicks()).toEqual([]); // batched: nothing written before the flush
    await server.flush();
    const rows = await clicks();
    expect(rows).toHaveLength(2); // two GETs; HEAD, 404 and 405 record nothing
    const [first, second] = rows;
    expect(first!.anon_id).toBe(second!.anon_id);
    expect(first!.metadata).toEqual({
      shortlink_id: link.shortlinkId,
      referrer: 'https://slides.example/talk',
      user_agent: 'Mozilla/5.0 (test)',
      lang: 'ja-JP',
      utm_source: 'slides',
      utm_medium: 'qr',
      utm_campaign: 'devfest 2026',
    });
    const [activity] = await queryRows<Record<string, unknown>>(
      t.url,
      `select a.action, a.resource_id, a.category, a.group_key, a.developer_id, ac.campaign_id, ac.weight::text
         from activities a left join activity_campaigns ac using (activity_id)
        where a.source = 'shortlink' order by a.occurred_at limit 1`,
    );
    expect(activity).toEqual({
      action: 'click',
      resource_id: resourceId,
      category: 'event',
      group_key: 'devfest',
      developer_id: null,
      campaign_id: campaignId,
      weight: '1.0',
    });
    for (const { row } of rows) {
      for (const ip of [FORWARDED_IP, '127.0.0.1', '::1', '::ffff:']) expect(row).not.toContain(ip);
    }
    expect(lines.join('\n')).not.toContain(FORWARDED_IP);
  });

  it('leaves the derived tables as a rebuild computes them', async () => {
    expect(checksumDifferences(await rebuiltChecksums(reader, DEFAULT_TENANT), await derivedChecksums(reader, DEFAULT_TENANT))).toEqual([]);
    const [daily] = await queryRows<{ activities: number }>(
      t.url,
      "select sum(activities)::int as activities from derived.campaign_daily where campaign_id = $1 and action = 'click'",
      [campaignId],
    );
    expect(daily!.activities).toBe(2);
  });

  it('never redirects to a stored target that is not http(s)', async () => {
    await call(t.core, 'shortlinks:create', { targetUrl: 'https://example.com/', key: 'sneaky' });
    await queryRows(t.url, "update shortlinks set target_url = 'javascript:alert(1)' where key = 'sneaky'");
    const refused = await get('/sneaky');
    expect(refused.status).toBe(500);
    expect(refused.headers.get('location')).toBeNull();
    expect(lines.some((l) => l.includes('/sneaky') && l.includes('not an http(s)'))).toBe(true);
  });

  it('limits each client and answers 429 with Retry-After', async () => {
    const limited = await startRedirectServer({ core: t.core, port: 0, rateLimit: { burst: 2, perSecond: 0.01 }, log: () => undefined });
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 3; i++) {
        const res = await fetch(new URL('/nosuchkey', limited.url), { redirect: 'manual' });
        statuses.push(res.status);
        retryAfter = res.headers.get('retry-after');
      }
      expect(statuses).toEqual([404, 404, 429]);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      // The health line is not limited.
      expect((await fetch(limited.url)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('from the CLI: prints the URL on port 0 and writes pending clicks on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(PROJECT_ROOT, 'src-main', 'cli.ts'), 'shortlinks', 'serve', '--database-url', t.url, '--port', '0'],
      {
        cwd: PROJECT_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('\n')) resolve(out);
      });
      child.once('close', () => reject(new Error(`serve exited before printing its URL: ${stderr}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\n$/);
    const before = (await clicks()).length;
    const res = await fetch(new URL('/devfest', url.trim()), { redirect: 'manual', headers: { 'user-agent': 'cli-test' } });
    expect(res.status).toBe(302);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const after = await clicks();
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)!.metadata.user_agent).toBe('cli-test');
  });
});
