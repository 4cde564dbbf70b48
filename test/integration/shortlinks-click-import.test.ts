/**
 * Importing clicks logged elsewhere (issue 13 §1): an nginx/Apache combined
 * access log and the click-log CSV, recognised from their content, become
 * the same `click` activities as served clicks (resource, campaign,
 * metadata), with no IP address stored; other methods, error statuses,
 * lines that are no log line and unknown keys are skipped and counted;
 * importing the same file again adds nothing, and the derived tables equal
 * a rebuild's. Also through `drm import FILE.log`.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checksumDifferences, derivedChecksums } from '../../bench/checksums';
import { rebuiltChecksums } from '../../bench/merges-pairs';
import { DEFAULT_TENANT } from '../../src-main/core/db/seed';
import { drm } from '../helpers/cli';
import { useCoreOnTestDatabase } from '../helpers/database';
import { importFile, previewFile, queryRows, writeCsv } from '../helpers/imports';
import { call } from '../helpers/merges';
import { makeTempDir } from '../helpers/temp';

const t = useCoreOnTestDatabase();
const dir = makeTempDir('click-import');
let reader: pg.Client;
let campaignId: string;

const IP = '198.51.100.23';
// Line 1: a click; 2: the same line again (a second visitor in the same second); 3: a click with an
// Apache-escaped quote in the agent; 4: nginx's \x22 and a UTF-8 referrer as \x bytes; 5: POST; 6: 404;
// 7: unknown key; 8: not a log line; 9: blank; 10: HEAD; 11: a deeper path of a key, absolute target.
const LOG = [
  `${IP} - - [18/Apr/2026:10:15:00 +0900] "GET /devfest HTTP/1.1" 302 0 "https://slides.example/talk" "Mozilla/5.0 (X11)"`,
  `${IP} - - [18/Apr/2026:10:15:00 +0900] "GET /devfest HTTP/1.1" 302 0 "https://slides.example/talk" "Mozilla/5.0 (X11)"`,
  `${IP} - frank [18/Apr/2026:10:16:00 +0900] "GET /devfest?src=qr HTTP/1.1" 302 0 "-" "Agent \\"quoted\\" \\\\ end"`,
  `2001:db8::1 - - [18/Apr/2026:10:17:00 +0900] "GET /devfest HTTP/2.0" 302 0 "https://example.jp/\\xE6\\x9D\\xB1\\xE4\\xBA\\xAC" "nginx \\x22quoted\\x22"`,
  `${IP} - - [18/Apr/2026:10:18:00 +0900] "POST /devfest HTTP/1.1" 405 0 "-" "curl/8"`,
  `${IP} - - [18/Apr/2026:10:19:00 +0900] "GET /devfest HTTP/1.1" 404 0 "-" "curl/8"`,
  `${IP} - - [18/Apr/2026:10:20:00 +0900] "GET /nosuchkey HTTP/1.1" 302 0 "-" "Mozilla/5.0"`,
  `this is not a log line`,
  ``,
  `${IP} - - [18/Apr/2026:10:21:00 +0900] "HEAD /devfest HTTP/1.1" 302 0 "-" "Mozilla/5.0"`,
  `${IP} - - [18/Apr/2026:10:22:00 +0900] "GET http://go.example/devfest/more HTTP/1.1" 302 0 "-" "Mozilla/5.0 (Mac)"`,
].join('\n');

const CSV = `timestamp,key,click_id,referrer,user_agent
2026-04-19T01:00:00Z,devfest,p8Y2bC3nq0wz5gVxJ1aKfQ,https://a.example/,Mozilla/5.0
2026-04-19T01:00:05Z,devfest,,,Mozilla/5.0
2026-04-19T01:00:05Z,nosuchkey,,,Mozilla/5.0
`;

beforeAll(async () => {
  campaignId = (await call(t.core, 'campaigns:create', { name: 'DevFest' })).campaignId;
  await call(t.core, 'shortlinks:create', { targetUrl: 'https://example.com/', key: 'devfest', campaignId, utmSource: 'slides' });
  reader = new pg.Client(t.url);
  await reader.connect();
});
afterAll(async () => {
  await reader.end();
  dir.remove();
});

const clicks = () =>
  queryRows<{ row: string; anon_id: string | null; metadata: Record<string, unknown>; campaign_id: string | null }>(
    t.url,
    `select a::text as row, a.anon_id, a.metadata, ac.campaign_id from activities a left join activity_campaigns ac using (activity_id)
      where a.source = 'shortlink' and a.action = 'click' order by a.occurred_at, a.metadata->>'user_agent'`,
  );

describe('click-log import', () => {
  it('recognises an access log and imports its clicks, skipping the rest', async () => {
    const path = writeCsv(dir.path, 'access.log', LOG);
    const preview = await previewFile(t.core, path);
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value.type).toBe('shortlink-clicks');
    expect(JSON.stringify(preview.value.rows)).not.toContain(IP);
    const job = await importFile(t.core, path);
    expect(job.status, job.message ?? '').toBe('succeeded');
    expect(job.inserted.activities).toBe(5);
    // POST, 404, not a log line, HEAD; then the unknown key.
    expect(job.skipped).toBe(5);
    const rows = await clicks();
    expect(rows).toHaveLength(5);
    expect(rows.map((r) => r.metadata.user_agent)).toEqual([
      'Mozilla/5.0 (X11)',
      'Mozilla/5.0 (X11)',
      'Agent "quoted" \\ end',
      'nginx "quoted"',
      'Mozilla/5.0 (Mac)',
    ]);
    expect(rows[3]!.metadata.referrer).toBe('https://example.jp/東京');
    expect(rows[0]!.metadata).toMatchObject({ referrer: 'https://slides.example/talk', utm_source: 'slides', lang: null });
    expect(rows.every((r) => r.campaign_id === campaignId && r.anon_id === null)).toBe(true);
    for (const { row } of rows) for (const ip of [IP, '2001:db8::1']) expect(row).not.toContain(ip);
  });

  it('adds nothing when the same log is imported again', async () => {
    const again = await importFile(t.core, writeCsv(dir.path, 'access-copy.log', LOG));
    expect(again.status).toBe('succeeded');
    expect(again.inserted.activities).toBe(0);
    expect(again.duplicates).toBe(5);
    expect(await clicks()).toHaveLength(5);
  });

  it('imports the click CSV, click ids as anon ids, idempotently', async () => {
    const first = await importFile(t.core, writeCsv(dir.path, 'clicks.csv', CSV));
    expect(first.type).toBe('shortlink-clicks');
    expect(first.status, first.message ?? '').toBe('succeeded');
    expect(first.inserted.activities).toBe(2);
    expect(first.skipped).toBe(1);
    const rows = (await clicks()).filter((r) => r.row.includes('2026-04-19'));
    expect(rows.map((r) => r.anon_id)).toEqual(['p8Y2bC3nq0wz5gVxJ1aKfQ', null]);
    const second = await importFile(t.core, writeCsv(dir.path, 'clicks-again.csv', CSV));
    expect(second.inserted.activities).toBe(0);
  });

  it('leaves the derived tables as a rebuild computes them', async () => {
    expect(checksumDifferences(await rebuiltChecksums(reader, DEFAULT_TENANT), await derivedChecksums(reader, DEFAULT_TENANT))).toEqual([]);
  });

  it('takes an access log from drm import', async () => {
    const line = `${IP} - - [20/Apr/2026:09:00:00 +0000] "GET /devfest HTTP/1.1" 302 0 "-" "from-cli"\n`;
    const result = await drm(['import', writeCsv(dir.path, 'cli.log', line), '--database-url', t.url, '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'succeeded', type: 'shortlink-clicks' });
    expect((await clicks()).some((r) => r.metadata.user_agent === 'from-cli')).toBe(true);
  });
});
