/**
 * Short links through the handlers on a real database: create (generated
 * and typed keys), the UTM attributes and final URL, edit, delete with undo
 * putting the same row back, list with search and per campaign, keys
 * unique per tenant (and without case), settings in system_settings, and
 * QR codes decoded back to their URL (PNG with jsQR, SVG by rasterising it).
 */
import { Resvg } from '@resvg/resvg-js';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/core/db/client';
import { DEFAULT_TENANT } from '../../src-main/core/db/seed';
import { createShortlink, findByKey } from '../../src-main/core/shortlinks/service';
import { useCoreOnTestDatabase } from '../helpers/database';
import { queryRows } from '../helpers/imports';
import { call, callError } from '../helpers/merges';

const db = useCoreOnTestDatabase();
let campaignId: string;
let otherCampaignId: string;
let resourceId: string;

beforeAll(async () => {
  campaignId = (await call(db.core, 'campaigns:create', { name: 'DevFest', channel: 'event' })).campaignId;
  otherCampaignId = (await call(db.core, 'campaigns:create', { name: 'Blog' })).campaignId;
  [{ id: resourceId }] = (await queryRows<{ id: string }>(
    db.url,
    "insert into resources (tenant_id, category, title, url) values ('default', 'event', 'Booth 東京', 'https://example.com/booth') returning resource_id as id",
  )) as [{ id: string }];
});

/** The text a PNG's QR code reads as. */
function decodePng(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}

describe('short links', () => {
  it('creates a link with a generated key, its UTM attributes, campaign and resource', async () => {
    const link = await call(db.core, 'shortlinks:create', {
      targetUrl: 'https://example.com/docs?lang=ja#start',
      campaignId,
      resourceId,
      utmSource: 'slides',
      utmMedium: 'qr',
      utmCampaign: 'devfest 2026',
    });
    expect(link.key).toMatch(/^[23456789abcdefghjkmnpqrstuvwxyz]{8}$/);
    expect(link).toMatchObject({
      targetUrl: 'https://example.com/docs?lang=ja#start',
      finalUrl: 'https://example.com/docs?lang=ja&utm_source=slides&utm_medium=qr&utm_campaign=devfest%202026#start',
      shortUrl: null,
      campaignName: 'DevFest',
      resourceTitle: 'Booth 東京',
      utmContent: null,
    });
    const [row] = await queryRows<{ attributes: unknown }>(db.url, 'select attributes from shortlinks where shortlink_id = $1', [
      link.shortlinkId,
    ]);
    expect(row!.attributes).toEqual({ utm_source: 'slides', utm_medium: 'qr', utm_campaign: 'devfest 2026' });
  });

  it('takes a typed key, refuses a malformed, taken or case-twin key and a non-http target, naming it', async () => {
    const link = await call(db.core, 'shortlinks:create', { key: 'Spring-26', targetUrl: 'https://example.com/spring' });
    expect(link.key).toBe('Spring-26');
    const taken = await callError(db.core, 'shortlinks:create', { key: 'Spring-26', targetUrl: 'https://example.com/x' });
    expect(taken).toMatchObject({ code: 'CONFLICT', details: { field: 'key', key: 'Spring-26' } });
    expect(taken.message).toContain('"Spring-26"');
    const twin = await callError(db.core, 'shortlinks:create', { key: 'spring-26', targetUrl: 'https://example.com/x' });
    expect(twin).toMatchObject({ code: 'CONFLICT', details: { existing: 'Spring-26' } });
    expect(await callError(db.core, 'shortlinks:create', { key: 'a b', targetUrl: 'https://example.com/' })).toMatchObject({
      code: 'BAD_INPUT',
      details: { field: 'key' },
    });
    const script = await callError(db.core, 'shortlinks:create', { targetUrl: 'javascript:alert(1)' });
    expect(script).toMatchObject({ code: 'BAD_INPUT', details: { field: 'targetUrl' } });
    expect(await queryRows(db.url, "select 1 from shortlinks where target_url like 'javascript%'")).toEqual([]);
  });

  it('keeps keys unique per tenant only: another tenant may use the same key', async () => {
    await queryRows(db.url, "insert into tenants (tenant_id, name) values ('other', 'Other')");
    // Each tenant's own connections (row-level security binds a pool to its tenant).
    const other = openDatabase(db.url, 'other');
    const opened = openDatabase(db.url, DEFAULT_TENANT);
    try {
      const id = await createShortlink(other.db, 'other', { key: 'Spring-26', targetUrl: 'https://other.example.com/' });
      expect((await findByKey(other.db, 'other', 'Spring-26'))?.shortlinkId).toBe(id);
      expect((await findByKey(opened.db, 'default', 'Spring-26'))?.targetUrl).toBe('https://example.com/spring');
      expect(await findByKey(opened.db, 'default', 'spring-26')).toBeUndefined();
      // The default tenant's list does not show the other tenant's link.
      expect((await call(db.core, 'shortlinks:list', { q: 'other.example' })).length).toBe(0);
    } finally {
      await other.close();
      await opened.close();
    }
  });

  it('draws a generated key again when it collides', async () => {
    const opened = openDatabase(db.url, DEFAULT_TENANT);
    try {
      // The first draw is taken (exactly), the second is free.
      const draws = ['Spring-26', 'fresh234'];
      const id = await createShortlink(opened.db, 'default', { targetUrl: 'https://example.com/retry' }, () => draws.shift()!);
      expect(draws).toEqual([]);
      expect((await findByKey(opened.db, 'default', 'fresh234'))?.shortlinkId).toBe(id);
    } finally {
      await opened.close();
    }
  });

  it('never makes a key that differs from a typed one only in case', async () => {
    await call(db.core, 'shortlinks:create', { key: 'Case2345', targetUrl: 'https://example.com/case' });
    const opened = openDatabase(db.url, DEFAULT_TENANT);
    try {
      const draws = ['case2345', 'free2345'];
      const id = await createShortlink(opened.db, 'default', { targetUrl: 'https://example.com/case-twin' }, () => draws.shift()!);
      expect(draws).toEqual([]);
      expect((await findByKey(opened.db, 'default', 'free2345'))?.shortlinkId).toBe(id);
      expect(await findByKey(opened.db, 'default', 'case2345')).toBeUndefined();
    } finally {
      await opened.close();
    }
    for (const key of ['Case2345', 'free2345']) {
      const [link] = (await call(db.core, 'shortlinks:list', { q: key })).filter((l) => l.key === key);
      await call(db.core, 'shortlinks:delete', { shortlinkId: link!.shortlinkId });
    }
  });

  it('refuses an undo whose key was taken meanwhile (in another case), and allows it once that key is gone', async () => {
    const link = await call(db.core, 'shortlinks:create', { key: 'undo-me', targetUrl: 'https://example.com/undo' });
    const { undoToken } = await call(db.core, 'shortlinks:delete', { shortlinkId: link.shortlinkId });
    const twin = await call(db.core, 'shortlinks:create', { key: 'UNDO-ME', targetUrl: 'https://example.com/twin' });
    expect(await callError(db.core, 'shortlinks:restore', { undoToken })).toMatchObject({
      code: 'CONFLICT',
      details: { existing: 'UNDO-ME' },
    });
    await call(db.core, 'shortlinks:delete', { shortlinkId: twin.shortlinkId });
    expect(await call(db.core, 'shortlinks:restore', { undoToken })).toEqual(link);
    await call(db.core, 'shortlinks:delete', { shortlinkId: link.shortlinkId });
  });

  it('edits fields, replaces and clears UTM values, and keeps other attributes', async () => {
    const [link] = await call(db.core, 'shortlinks:list', { q: 'spring' });
    await queryRows(db.url, `update shortlinks set attributes = '{"utm_source":"x","note":"kept"}' where shortlink_id = $1`, [
      link!.shortlinkId,
    ]);
    const edited = await call(db.core, 'shortlinks:update', {
      shortlinkId: link!.shortlinkId,
      key: 'spring26',
      targetUrl: 'https://example.com/spring?utm_source=old',
      campaignId: otherCampaignId,
      utmSource: 'mail',
      utmContent: 'footer',
    });
    expect(edited).toMatchObject({
      key: 'spring26',
      campaignName: 'Blog',
      finalUrl: 'https://example.com/spring?utm_source=mail&utm_content=footer',
    });
    const cleared = await call(db.core, 'shortlinks:update', {
      shortlinkId: link!.shortlinkId,
      utmSource: null,
      utmContent: '',
      campaignId: null,
    });
    expect(cleared).toMatchObject({ campaignId: null, utmSource: null, finalUrl: 'https://example.com/spring?utm_source=old' });
    const [row] = await queryRows<{ attributes: unknown }>(db.url, 'select attributes from shortlinks where shortlink_id = $1', [
      link!.shortlinkId,
    ]);
    expect(row!.attributes).toEqual({ note: 'kept' });
    expect(await callError(db.core, 'shortlinks:update', { shortlinkId: link!.shortlinkId, key: 'fresh234' })).toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('lists newest first, finds by key, target, campaign or resource, and per campaign', async () => {
    const all = await call(db.core, 'shortlinks:list', {});
    expect(all.map((l) => l.targetUrl)).toEqual([
      'https://example.com/retry',
      'https://example.com/spring?utm_source=old',
      'https://example.com/docs?lang=ja#start',
    ]);
    expect((await call(db.core, 'shortlinks:list', { q: 'devfest' })).map((l) => l.campaignName)).toEqual(['DevFest']);
    expect((await call(db.core, 'shortlinks:list', { q: '東京' })).map((l) => l.resourceTitle)).toEqual(['Booth 東京']);
    expect((await call(db.core, 'shortlinks:list', { q: 'FRESH' })).map((l) => l.key)).toEqual(['fresh234']);
    expect((await call(db.core, 'shortlinks:list', { campaignId })).map((l) => l.campaignId)).toEqual([campaignId]);
    expect(await call(db.core, 'shortlinks:list', { campaignId: otherCampaignId })).toEqual([]);
  });

  it('deletes with undo: restore puts the same row back, id, key and creation time included', async () => {
    const [link] = await call(db.core, 'shortlinks:list', { campaignId });
    const before = await queryRows(db.url, 'select * from shortlinks where shortlink_id = $1', [link!.shortlinkId]);
    const { undoToken, key } = await call(db.core, 'shortlinks:delete', { shortlinkId: link!.shortlinkId });
    expect(key).toBe(link!.key);
    expect(await queryRows(db.url, 'select 1 from shortlinks where shortlink_id = $1', [link!.shortlinkId])).toEqual([]);
    expect(await callError(db.core, 'shortlinks:get', { shortlinkId: link!.shortlinkId })).toMatchObject({ code: 'NOT_FOUND' });
    const restored = await call(db.core, 'shortlinks:restore', { undoToken });
    expect(restored).toEqual(link);
    expect(await queryRows(db.url, 'select * from shortlinks where shortlink_id = $1', [link!.shortlinkId])).toEqual(before);
    // A token is used once.
    expect(await callError(db.core, 'shortlinks:restore', { undoToken })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('stores the domain and base URL in system_settings, validated, and builds short URLs from the domain', async () => {
    expect(await call(db.core, 'shortlinks:get-settings', {})).toEqual({ domain: null, baseUrl: null });
    expect(await callError(db.core, 'shortlinks:update-settings', { domain: 'https://go.example.com/x' })).toMatchObject({
      code: 'BAD_INPUT',
      details: { field: 'domain' },
    });
    expect(await callError(db.core, 'shortlinks:update-settings', { baseUrl: 'ftp://x.example.com' })).toMatchObject({
      code: 'BAD_INPUT',
      details: { field: 'baseUrl' },
    });
    const saved = await call(db.core, 'shortlinks:update-settings', { domain: 'Go.Example.com', baseUrl: 'https://links.example.com' });
    expect(saved).toEqual({ domain: 'go.example.com', baseUrl: 'https://links.example.com/' });
    expect(await queryRows(db.url, "select shortlink_domain, base_url from system_settings where tenant_id = 'default'")).toEqual([
      { shortlink_domain: 'go.example.com', base_url: 'https://links.example.com/' },
    ]);
    const [link] = await call(db.core, 'shortlinks:list', { q: 'fresh234' });
    expect(link!.shortUrl).toBe('https://go.example.com/fresh234');
  });

  it('makes QR codes that decode back to the short URL: PNG at each size and level, with a Japanese caption, and SVG', async () => {
    const [link] = await call(db.core, 'shortlinks:list', { q: 'fresh234' });
    for (const [size, level] of [
      [512, 'L'],
      [1024, 'Q'],
      [2048, 'H'],
    ] as const) {
      const png = await call(db.core, 'shortlinks:get-qr', {
        shortlinkId: link!.shortlinkId,
        format: 'png',
        size,
        level,
        caption: 'DevFest 東京 2026',
      });
      expect(png).toMatchObject({ mimeType: 'image/png', encoding: 'base64', encodes: 'https://go.example.com/fresh234' });
      const buffer = Buffer.from(png.content, 'base64');
      expect(PNG.sync.read(buffer).width).toBe(size);
      expect(decodePng(buffer)).toBe('https://go.example.com/fresh234');
    }
    const svg = await call(db.core, 'shortlinks:get-qr', {
      shortlinkId: link!.shortlinkId,
      format: 'svg',
      size: 512,
      level: 'M',
      caption: '<b>&"東京"',
    });
    expect(svg.content).toContain('<text');
    expect(svg.content).toContain('&lt;b&gt;&amp;&quot;東京&quot;');
    expect(decodePng(new Resvg(svg.content).render().asPng())).toBe('https://go.example.com/fresh234');
  });

  it('exports redirect rules for every link in each format', async () => {
    const netlify = await call(db.core, 'shortlinks:export-redirects', { format: 'netlify' });
    expect(netlify).toMatchObject({ fileName: '_redirects', count: 3 });
    expect(netlify.content).toContain('/fresh234  https://example.com/retry  302');
    const csv = await call(db.core, 'shortlinks:export-redirects', { format: 'csv' });
    expect(csv.content).toContain('fresh234,https://go.example.com/fresh234,https://example.com/retry,,');
    expect((await call(db.core, 'shortlinks:export-redirects', { format: 'nginx' })).content).toContain(
      '"/fresh234" "https://example.com/retry";',
    );
    expect((await call(db.core, 'shortlinks:export-redirects', { format: 'apache' })).content).toContain(
      'RewriteRule ^/?fresh234$ "https://example.com/retry" [R=302,NE,L]',
    );
  });
});
