/**
 * Every import format through the handlers on a real database: the app's
 * own developers, campaigns and budgets templates, and the connpass, GitHub
 * and Slack exports, with the encodings and CSV shapes users really send.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { useCoreOnTestDatabase } from '../helpers/database';
import { fileHandle, importFile, queryRows, tableCounts, writeCsv } from '../helpers/imports';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('import-formats');

const db = useCoreOnTestDatabase();
afterAll(() => dir.remove());

describe('campaigns and budgets', () => {
  it('imports campaigns, then budgets in two currencies, and a re-import adds nothing', async () => {
    const campaigns = writeCsv(
      dir.path,
      'campaigns.csv',
      'name,channel,start_date,end_date,budget_total,utm_campaign\r\nTokyo Meetup 2024-05,event,2024-05-01,2024-05-31,"¥300,000",tokyo-meetup\r\nSpring Ads,ad,2024/04/01,2024/06/30,500000,spring\r\n',
    );
    const first = await importFile(db.core, campaigns);
    expect(first).toMatchObject({ status: 'succeeded', type: 'campaigns' });
    expect(first.inserted.campaigns).toBe(2);

    const budgets = writeCsv(
      dir.path,
      'budgets.csv',
      'キャンペーン,カテゴリ,金額,通貨,支出日,メモ\nTokyo Meetup 2024-05,venue,"¥120,000",,2024-05-18,会場費\nTokyo Meetup 2024-05,production,"35,000円",JPY,2024-05-10,ノベルティ\nSpring Ads,ad,1500.50,usd,2024-04-15,Search ads\n',
    );
    const spent = await importFile(db.core, budgets);
    expect(spent).toMatchObject({ status: 'succeeded', type: 'budgets' });
    expect(spent.inserted.budgets).toBe(3);
    const rows = await queryRows<{ name: string; currency: string; total: string }>(
      db.url,
      'select c.name, b.currency, sum(b.amount)::text as total from budgets b join campaigns c using (campaign_id) group by 1, 2 order by 1, 2',
    );
    expect(rows).toEqual([
      { name: 'Spring Ads', currency: 'USD', total: '1500.50' },
      { name: 'Tokyo Meetup 2024-05', currency: 'JPY', total: '155000' },
    ]);
    const [stats] = await queryRows<{ cost_total: string }>(
      db.url,
      "select cost_total::text from campaign_stats join campaigns using (campaign_id) where name = 'Tokyo Meetup 2024-05'",
    );
    expect(stats?.cost_total).toBe('155000');

    const before = await tableCounts(db.url);
    expect((await importFile(db.core, campaigns)).inserted.campaigns).toBe(0);
    const again = await importFile(db.core, budgets);
    expect(again).toMatchObject({ status: 'succeeded', duplicates: 3 });
    expect(await tableCounts(db.url)).toEqual(before);
  });

  it('rejects a budget with an unknown category or amount, naming line and column', async () => {
    const file = writeCsv(
      dir.path,
      'bad-budgets.csv',
      'campaign,category,amount,spent_at\nX,food,100,2024-01-01\nX,ad,12.34.5,2024-01-02\n',
    );
    const job = await importFile(db.core, file, { type: 'budgets' });
    expect(job.status).toBe('rejected');
    expect(job.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 2, column: 'category', value: 'food' }),
        expect.objectContaining({ line: 3, column: 'amount', value: '12.34.5' }),
      ]),
    );
  });
});

describe('developers', () => {
  it('creates developers with tags and accounts, and later activity with the same email joins them', async () => {
    const file = writeCsv(
      dir.path,
      'developers.csv',
      [
        'display_name,email,organization,tags,github,x,connpass,consent_analytics',
        '髙橋 美咲,misaki@example.co.jp,サンプル株式会社,speaker;tokyo,MisakiT,@misaki_t,misaki,true',
        '"Smith, John",john@example.com,Example Inc.,,jsmith,,,no',
      ].join('\n'),
      'utf8-bom',
    );
    const job = await importFile(db.core, file);
    expect(job).toMatchObject({ status: 'succeeded', type: 'developers', encoding: 'utf-8-bom' });
    expect(job.inserted).toMatchObject({ developers: 2, accounts: 4, identifiers: 2, organizations: 2 });
    const [misaki] = await queryRows<{ display_name: string; tags: string[]; org: string; consent_analytics: boolean }>(
      db.url,
      `select d.display_name, d.tags, o.name as org, d.consent_analytics from developers d join organizations o using (org_id)
        where d.primary_email = 'MISAKI@example.co.jp'`,
    );
    expect(misaki).toEqual({ display_name: '髙橋 美咲', tags: ['speaker', 'tokyo'], org: 'サンプル株式会社', consent_analytics: true });

    const star = writeCsv(dir.path, 'stars.csv', 'login,id,starred_at,repo\nmisakit,1001,2024-05-20T10:00:00Z,example/sdk\n');
    const stars = await importFile(db.core, star);
    expect(stars).toMatchObject({ status: 'succeeded', type: 'github-stars' });
    expect(stars.inserted).toMatchObject({ activities: 1, developers: 0 });
    const [owner] = await queryRows<{ display_name: string }>(
      db.url,
      "select d.display_name from activities a join developers d using (developer_id) where a.action = 'star'",
    );
    expect(owner?.display_name).toBe('髙橋 美咲');

    const before = await tableCounts(db.url);
    const again = await importFile(db.core, file);
    expect(again.inserted).toMatchObject({ developers: 0, accounts: 0, identifiers: 0, organizations: 0 });
    expect(await tableCounts(db.url)).toEqual(before);
  });
});

describe('connpass, GitHub and Slack exports', () => {
  it('imports a Shift_JIS connpass export by column name, skipping withdrawn users', async () => {
    const text = [
      '受付番号,参加ステータス,ユーザー名,表示名,参加枠名,更新日時,所属(任意)',
      '1,参加,taro_y,山田 太郎,一般枠①,2019年7月13日 13時02分,髙島屋〜テック',
      '2,キャンセル,hanako,鈴木 花子,一般枠①,２０１９年７月１４日 ９時００分,',
      '3,参加,(退会ユーザー),(退会ユーザー),一般枠①,2019年7月13日 14時00分,',
    ].join('\r\n');
    const file = writeCsv(dir.path, 'event_123456_participants.csv', text, 'cp932');
    const preview = await db.core.handlers['import:preview']({ fileHandle: await fileHandle(db.core, file) });
    expect(preview.ok && preview.value).toMatchObject({ encoding: 'cp932', type: 'connpass' });
    const job = await importFile(db.core, file, { options: { timezone: 'Asia/Tokyo', eventTitle: 'Tokyo Meetup #12' } });
    expect(job).toMatchObject({ status: 'succeeded', type: 'connpass', skipped: 1, rowsRead: 3 });
    const rows = await queryRows<{
      handle: string;
      action: string;
      at: string;
      title: string;
      external_id: string;
      metadata: Record<string, string>;
    }>(
      db.url,
      `select ac.handle, a.action, to_char(a.occurred_at at time zone 'Asia/Tokyo', 'YYYY-MM-DD HH24:MI') as at, r.title, r.external_id, a.metadata
         from activities a join accounts ac using (account_id) join resources r using (resource_id)
        where a.source = 'connpass' order by ac.handle`,
    );
    expect(rows.map(({ metadata: _m, ...r }) => r)).toEqual([
      { handle: 'hanako', action: 'cancel', at: '2019-07-14 09:00', title: 'Tokyo Meetup #12', external_id: '123456' },
      { handle: 'taro_y', action: 'register', at: '2019-07-13 13:02', title: 'Tokyo Meetup #12', external_id: '123456' },
    ]);
    // Survey answers keep their CP932-only characters (髙, ①) through decoding.
    expect(Object.values(rows[1]!.metadata)).toEqual(expect.arrayContaining([expect.stringContaining('髙島屋'), '一般枠①']));
  });

  it('imports a Slack member list as joins at the given time', async () => {
    const file = writeCsv(
      dir.path,
      'slack-members.csv',
      'username,email,status,billing-active,has-2fa,userid,fullname,displayname\nmisaki,misaki@example.co.jp,Member,1,1,U012AB3CD,Misaki Takahashi,misaki\nnewbie,newbie@example.org,Member,1,0,U099ZZ,New Bie,\n',
    );
    const job = await importFile(db.core, file, { options: { occurredAt: '2024-06-01T00:00:00Z' } });
    expect(job).toMatchObject({ status: 'succeeded', type: 'slack-members' });
    expect(job.inserted).toMatchObject({ activities: 2, accounts: 2, developers: 1 });
    const joins = await queryRows<{ email: string; at: string }>(
      db.url,
      "select d.primary_email as email, a.occurred_at::text as at from activities a join developers d using (developer_id) where a.action = 'join' order by 1",
    );
    expect(joins).toEqual([
      { email: 'misaki@example.co.jp', at: '2024-06-01 00:00:00+00' },
      { email: 'newbie@example.org', at: '2024-06-01 00:00:00+00' },
    ]);
  });

  it('handles quoted newlines, CRLF, UTF-16 and reports ragged rows with their line', async () => {
    const text =
      'occurred_at,action,source,email,resource_category,resource_title\r\n2024-01-01 10:00,view,web,a@example.com,blog,"Line one\r\nline two"\r\n2024-01-01 11:00,view,web,b@example.com,blog\r\n';
    const ragged = await importFile(db.core, writeCsv(dir.path, 'ragged.csv', text, 'utf16le'), { options: { timezone: 'UTC' } });
    expect(ragged).toMatchObject({ status: 'rejected', encoding: 'utf-16le' });
    // The quoted newline makes the second record start on line 4.
    expect(ragged.errors).toEqual([
      expect.objectContaining({ line: 4, column: '', value: '2024-01-01 11:00,view,web,b@example.com,blog' }),
    ]);

    const fixed = text.replace('b@example.com,blog\r\n', 'b@example.com,blog,Docs\r\n');
    const good = await importFile(db.core, writeCsv(dir.path, 'quoted.csv', fixed, 'utf16le'), { options: { timezone: 'UTC' } });
    expect(good).toMatchObject({ status: 'succeeded', rowsRead: 2 });
    const [resource] = await queryRows<{ title: string }>(db.url, "select title from resources where title like 'Line one%'");
    expect(resource?.title).toBe('Line one\r\nline two');
  });
});
