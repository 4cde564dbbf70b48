/**
 * Importing activities through the handlers into a real database: identity
 * resolution, dedup, all-or-nothing, re-imports and re-encodings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useCoreOnTestDatabase } from '../helpers/database';
import { fileHandle, importFile, queryRows, tableCounts, writeCsv } from '../helpers/imports';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('import-activities');

const db = useCoreOnTestDatabase();
afterAll(() => dir.remove());

const HEADER =
  'occurred_at,action,source,provider,external_user_id,handle,email,display_name,organization,anon_id,resource_category,resource_title,resource_url,campaign,source_ref,utm_campaign,lang';
const ROWS = [
  '2024-05-01 10:00,view,web,,,,taro@example.com,山田 太郎,Example 株式会社,,blog,Getting started,https://blog.example/start,,,,ja',
  '2024-05-01 10:05,star,github,github,,Taro-Y,taro@example.com,山田 太郎,,,repo,example/sdk,,,,,',
  '2024-05-02 19:00,attend,connpass,connpass,,taro_y,,,,,event,Tokyo Meetup #1,,Tokyo Meetup 2024-05,,,',
  '2024-05-03 09:00,signup,app,,,,TARO@Example.com,,,,,,,,signup-1,,',
  '2024-05-03 09:30,click,shortlink,,,,,,,anon-42,link,Docs,https://docs.example,,click-1,spring,en',
  '"2024-05-04T12:00:00+09:00",comment,forum,,,,hanako@example.org,"Suzuki, Hanako",,,,,,,,,',
];

describe('activities import', () => {
  let first: Awaited<ReturnType<typeof importFile>>;

  beforeAll(async () => {
    const file = writeCsv(dir.path, 'activities.csv', [HEADER, ...ROWS].join('\r\n') + '\r\n');
    first = await importFile(db.core, file, { options: { timezone: 'Asia/Tokyo' } });
  });

  it('succeeds and counts what it inserted', () => {
    expect(first).toMatchObject({ status: 'succeeded', type: 'activities', rowsRead: 6, rejected: 0, errors: [] });
    // Taro (email rows + his github account), Hanako, and the connpass account, which has no email:
    // only exact emails link automatically, so it stays its own developer until someone merges it.
    // Organizations: Example 株式会社 (Taro's column), and example.org from Hanako's company email domain.
    expect(first.inserted).toMatchObject({ activities: 6, developers: 3, accounts: 2, organizations: 2, campaigns: 1 });
  });

  it('links accounts and rows to one developer by exact email, case-insensitively', async () => {
    const rows = await queryRows<{ display_name: string; n: string }>(
      db.url,
      `select d.display_name, count(a.*) as n from developers d join activities a using (developer_id) group by d.display_name order by 1`,
    );
    // Taro: view, star (github account with his email), signup (upper-case email); the connpass row has no email.
    const byName = Object.fromEntries(rows.map((r) => [r.display_name, Number(r.n)]));
    expect(byName['山田 太郎']).toBe(3);
    expect(byName['Suzuki, Hanako']).toBe(1);
    const connpass = await queryRows<{ developer_id: string | null }>(
      db.url,
      "select developer_id from accounts where provider = 'connpass'",
    );
    expect(connpass[0]?.developer_id).not.toBeNull();
  });

  it('reads naive timestamps in the import time zone and keeps zoned ones', async () => {
    const rows = await queryRows<{ action: string; at: string }>(
      db.url,
      `select action, to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI') as at from activities where action in ('view', 'comment') order by action`,
    );
    expect(rows).toEqual([
      { action: 'comment', at: '2024-05-04T03:00' },
      { action: 'view', at: '2024-05-01T01:00' },
    ]);
  });

  it('keeps anonymous activity without a developer, unknown columns in metadata, and the external id of a handle lower-cased', async () => {
    const [anon] = await queryRows<{ developer_id: string | null; anon_id: string; metadata: Record<string, string> }>(
      db.url,
      "select developer_id, anon_id, metadata from activities where action = 'click'",
    );
    expect(anon).toMatchObject({ developer_id: null, anon_id: 'anon-42' });
    expect(anon!.metadata).toMatchObject({ lang: 'en', utm_campaign: 'spring' });
    const [github] = await queryRows<{ external_user_id: string; handle: string }>(
      db.url,
      "select external_user_id, handle from accounts where provider = 'github'",
    );
    // GitHub logins are case-insensitive: the handle is kept in its canonical lower case.
    expect(github).toEqual({ external_user_id: 'taro-y', handle: 'taro-y' });
  });

  it('attributes a row to the campaign it names, and copies category and group from the resource', async () => {
    const [row] = await queryRows<{ name: string; weight: string; category: string; own: boolean }>(
      db.url,
      `select c.name, ac.weight::text as weight, a.category, ac.activity_campaign_id = a.activity_id as own from activity_campaigns ac
         join campaigns c using (campaign_id) join activities a using (activity_id) where a.action = 'attend'`,
    );
    // The direct row's id is its activity's.
    expect(row).toEqual({ name: 'Tokyo Meetup 2024-05', weight: '1.0', category: 'event', own: true });
  });

  it('keeps developer_stats equal to a rebuild from activities', async () => {
    const incremental = await queryRows(
      db.url,
      'select developer_id, total_actions, clicks, attends, posts, stars, last_action_at from developer_stats order by 1',
    );
    const rebuilt = await queryRows(
      db.url,
      `select developer_id, count(*)::bigint as total_actions, count(*) filter (where action = 'click')::bigint as clicks,
              count(*) filter (where action = 'attend')::bigint as attends, count(*) filter (where action = 'post')::bigint as posts,
              count(*) filter (where action = 'star')::bigint as stars, max(occurred_at) as last_action_at
         from activities where developer_id is not null group by 1 order by 1`,
    );
    expect(incremental).toEqual(rebuilt);
  });

  it('inserts nothing new when the same file, or the same rows in Shift_JIS, is imported again', async () => {
    const before = await tableCounts(db.url);
    const again = await importFile(db.core, writeCsv(dir.path, 'again.csv', [HEADER, ...ROWS].join('\n'), 'utf8-bom'), {
      options: { timezone: 'Asia/Tokyo' },
    });
    expect(again).toMatchObject({ status: 'succeeded', duplicates: 6 });
    expect(again.inserted.activities).toBe(0);
    const sjis = await importFile(db.core, writeCsv(dir.path, 'sjis.csv', [HEADER, ...ROWS].join('\r\n'), 'cp932'), {
      options: { timezone: 'Asia/Tokyo' },
    });
    expect(sjis).toMatchObject({ status: 'succeeded', encoding: 'cp932', duplicates: 6 });
    expect(await tableCounts(db.url)).toEqual(before);
  });

  it('keeps the first line of rows a file repeats (same source and reference), whatever their ids, and counts the rest', async () => {
    // Each pair is parsed within the same millisecond or so: their UUIDv7 ids fall in either order.
    const pairs = 300;
    const lines = Array.from({ length: pairs }, (_, i) => [
      `2024-06-01 10:00,view,repeat-test,,,,r${i}@example.com,,,,,,,,rep-${i},,first`,
      `2024-06-01 11:00,view,repeat-test,,,,r${i}@example.com,,,,,,,,rep-${i},,second`,
    ]).flat();
    const job = await importFile(db.core, writeCsv(dir.path, 'repeats.csv', [HEADER, ...lines].join('\n')), {
      options: { timezone: 'UTC' },
    });
    expect(job).toMatchObject({ status: 'succeeded', rowsRead: 2 * pairs, duplicates: pairs });
    const kept = await queryRows<{ lang: string; at: string; n: number }>(
      db.url,
      `select metadata->>'lang' as lang, to_char(occurred_at at time zone 'UTC', 'HH24:MI') as at, count(*)::int as n
         from activities where source = 'repeat-test' group by 1, 2`,
    );
    expect(kept).toEqual([{ lang: 'first', at: '10:00', n: pairs }]);
  });

  it('updates an account seen again with a new email and adds that email to the same developer', async () => {
    const file = writeCsv(
      dir.path,
      'new-email.csv',
      `${HEADER}\n2024-06-01 10:00,star,github,github,,taro-y,taro.yamada@example.net,,,,repo,example/cli,,,,,\n`,
    );
    const job = await importFile(db.core, file, { options: { timezone: 'Asia/Tokyo' } });
    expect(job.inserted).toMatchObject({ activities: 1, developers: 0, accounts: 0, identifiers: 1 });
    const [account] = await queryRows<{ email: string }>(db.url, "select email from accounts where provider = 'github'");
    expect(account?.email).toBe('taro.yamada@example.net');
    const emails = await queryRows<{ value_normalized: string }>(
      db.url,
      `select value_normalized from developer_identifiers where developer_id = (select developer_id from accounts where provider = 'github') order by 1`,
    );
    expect(emails.map((e) => e.value_normalized)).toEqual(['taro.yamada@example.net', 'taro@example.com']);
  });

  it('rejects a file with bad rows, lists every error, and writes nothing', async () => {
    const before = await tableCounts(db.url);
    const file = writeCsv(
      dir.path,
      'bad.csv',
      [
        HEADER,
        '2024-07-01 10:00,view,web,,,,jiro@example.com,,,,,,,,,,',
        'not a date,view,web,,,,saburo@example.com,,,,,,,,,,',
        '2024-07-01 11:00,,web,,,,shiro@example.com,,,,,,,,,,',
        '2024-07-01 12:00,view,web,,,,,,,,,,,,,,',
        '2024-07-01 13:00,view,web,too,few,cells',
      ].join('\n'),
    );
    const job = await importFile(db.core, file, { options: { timezone: 'Asia/Tokyo' } });
    expect(job.status).toBe('rejected');
    expect(job.rejected).toBe(4);
    const lines = [...new Set(job.errors.map((e) => e.line))].sort((a, b) => a - b);
    expect(lines).toEqual([3, 4, 5, 6]);
    expect(job.errors.find((e) => e.line === 3)).toMatchObject({ column: 'occurred_at', value: 'not a date' });
    expect(job.errors.find((e) => e.line === 4)).toMatchObject({ column: 'action', value: '' });
    for (const error of job.errors) expect(error.reason.length).toBeGreaterThan(5);
    expect(await tableCounts(db.url)).toEqual(before);
  });

  it('writes nothing when a job is cancelled', async () => {
    const before = await tableCounts(db.url);
    const lines = [HEADER];
    for (let i = 0; i < 30_000; i++) lines.push(`2024-08-01 10:00,view,web,,,,user${i}@example.com,,,,,,,,cancel-${i},,`);
    const file = writeCsv(dir.path, 'big.csv', lines.join('\n'));
    const started = await db.core.handlers['import:start']({
      fileHandle: await fileHandle(db.core, file),
      type: 'activities',
      options: { timezone: 'Asia/Tokyo' },
    });
    if (!started.ok) throw new Error(started.error.message);
    const cancelled = await db.core.handlers['import:cancel']({ jobId: started.value.jobId });
    expect(cancelled).toEqual({ ok: true, value: { cancelled: true } });
    expect(await db.core.importer.settled(started.value.jobId)).toBe('cancelled');
    expect(await tableCounts(db.url)).toEqual(before);
    const job = await db.core.handlers['import:get-job']({ jobId: started.value.jobId });
    expect(job.ok && job.value.status).toBe('cancelled');
  });

  it('reports what a dry run would insert without writing it', async () => {
    const before = await tableCounts(db.url);
    const file = writeCsv(dir.path, 'dry.csv', `${HEADER}\n2024-09-01 10:00,download,web,,,,new.person@example.com,New Person,,,,,,,,,\n`);
    const job = await importFile(db.core, file, { options: { timezone: 'Asia/Tokyo' }, dryRun: true });
    expect(job).toMatchObject({ status: 'succeeded', dryRun: true });
    expect(job.inserted).toMatchObject({ activities: 1, developers: 1 });
    expect(await tableCounts(db.url)).toEqual(before);
  });

  it('lists jobs newest first, with the rejected and cancelled ones kept', async () => {
    const jobs = await db.core.handlers['import:list-jobs']({});
    if (!jobs.ok) throw new Error(jobs.error.message);
    const statuses = jobs.value.map((j) => j.status);
    expect(statuses).toContain('rejected');
    expect(statuses).toContain('cancelled');
    expect(statuses.filter((s) => s === 'succeeded').length).toBeGreaterThanOrEqual(4);
  });
});
