/**
 * derived.developer_search (issue 4) on a real database: after every kind of
 * write — imports (the incremental path over the new activities), merge,
 * unmerge, profile edits, organization rename and merge — the table equals a
 * rebuild from scratch; its columns hold what was hand-computed here; and the
 * Developers page's search finds people by name (Japanese full and half
 * width, two characters), email, handle and organization.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbOn } from '../../src-main/core/db/db';
import type { DeveloperListQuery } from '../../src-shared/contract/developers';
import { DEFAULT_TENANT } from '../../src-main/core/db/seed';
import { refreshDeveloperSearch } from '../../src-main/core/derived/developer-search';
import { rebuildDeveloperStats } from '../../src-main/core/stats/service';
import { call } from '../helpers/merges';
import { useCoreOnTestDatabase } from '../helpers/database';
import { currentAndRebuilt, DEVELOPER_SEARCH_ROWS } from '../helpers/derived';
import { importFile, queryRows, writeCsv } from '../helpers/imports';
import { makeTempDir } from '../helpers/temp';

const t = useCoreOnTestDatabase();
const dir = makeTempDir('developer-search');
afterAll(() => dir.remove());

const TARO = '山田 太郎';
const HANAKO = 'ﾀﾅｶ ﾊﾅｺ'; // half-width katakana
const KEN = 'ＳＡＴＯ Ｋｅｎ'; // full-width Latin
const ICHIRO = '田中 一郎';

interface SearchRow {
  developer_id: string;
  search_text: string;
  sort_name: string | null;
  org_id: string | null;
  tags: string[] | null;
  providers: string[];
  highest_stage: number | null;
  highest_stage_at: Date | null;
  total_actions: string;
  last_action_at: Date | null;
}

async function activities(name: string, rows: string[]) {
  const job = await importFile(t.core, writeCsv(dir.path, name, ['occurred_at,action,source,provider,handle,email', ...rows].join('\n')), {
    type: 'activities',
    options: { timezone: 'UTC' },
  });
  expect(job.status, job.message ?? '').toBe('succeeded');
}

/** developer_search equals what a rebuild of it writes, row for row and column for column. */
async function expectRebuildEqual() {
  const { current, rebuilt } = await currentAndRebuilt(t.url, DEVELOPER_SEARCH_ROWS, (db, tenant) =>
    refreshDeveloperSearch(db, tenant, { developers: 'all', span: 'all' }),
  );
  expect(current.length).toBeGreaterThan(0);
  expect(current).toEqual(rebuilt);
}

async function idOf(email: string): Promise<string> {
  const [row] = await queryRows<{ id: string }>(t.url, 'select developer_id as id from developers where primary_email = $1', [email]);
  if (!row) throw new Error(`no developer ${email}`);
  return row.id;
}

async function rowOf(email: string): Promise<SearchRow | undefined> {
  const [row] = await queryRows<SearchRow>(t.url, 'select * from derived.developer_search where developer_id = $1', [await idOf(email)]);
  return row;
}

async function names(query: Partial<DeveloperListQuery>): Promise<(string | null)[]> {
  const page = await call(t.core, 'developers:list', { pageSize: 200, ...query });
  return page.rows.map((r) => r.displayName);
}
const sortedNames = async (query: Partial<DeveloperListQuery>) => (await names(query)).sort();

beforeAll(async () => {
  const job = await importFile(
    t.core,
    writeCsv(
      dir.path,
      'developers.csv',
      [
        'display_name,email,organization,tags,github,x,connpass',
        `${TARO},taro@acme.co.jp,株式会社アクメ,vip,taro-gh,,`,
        `${HANAKO},hanako@gmail.com,,,,,hanako_cp`,
        `${KEN},ken@beta.example,,beta,,kensato,`,
        `${ICHIRO},ichiro@gmail.com,,,,,`,
      ].join('\n'),
    ),
    { type: 'developers' },
  );
  expect(job.status, job.message ?? '').toBe('succeeded');
});

describe('developer_search after imports', () => {
  it('holds the folded texts, stage, counts and filters, as a rebuild would', async () => {
    await expectRebuildEqual(); // the developers import: no activity yet
    await activities('first.csv', [
      '2024-01-10T00:00:00Z,view,web,,,taro@acme.co.jp', // awareness
      '2024-02-01T00:00:00Z,signup,app,,,taro@acme.co.jp', // adoption
      '2024-03-01T00:00:00Z,star,github,github,taro-gh,', // awareness
      '2024-01-05T00:00:00Z,attend,connpass,connpass,hanako_cp,', // engagement
      '2024-04-01T00:00:00Z,click,web,,,new@delta.io', // a new developer, in the organization of delta.io
    ]);
    await expectRebuildEqual();

    const taro = (await rowOf('taro@acme.co.jp'))!;
    // Name, email identifier, organization and handle, each folded; the primary email is also an identifier.
    expect(taro.search_text.split('\n').sort()).toEqual(['taro-gh', 'taro@acme.co.jp', '山田太郎', '株式会社アクメ'].sort());
    expect(taro).toMatchObject({
      sort_name: '山田太郎',
      tags: ['vip'],
      providers: ['github'],
      highest_stage: 3,
      highest_stage_at: new Date('2024-02-01T00:00:00Z'),
      total_actions: '3',
      last_action_at: new Date('2024-03-01T00:00:00Z'),
    });
    expect((await rowOf('hanako@gmail.com'))!).toMatchObject({
      sort_name: 'タナカハナコ', // half-width katakana folded to full width
      org_id: null, // free mail: no organization
      providers: ['connpass'],
      highest_stage: 2,
      highest_stage_at: new Date('2024-01-05T00:00:00Z'),
    });
    expect((await rowOf('ken@beta.example'))!).toMatchObject({ sort_name: 'satoken', highest_stage: null, total_actions: '0' });
    const delta = (await rowOf('new@delta.io'))!;
    expect(delta.search_text.split('\n').sort()).toEqual(['delta.io', 'new@delta.io']);
    expect(delta).toMatchObject({ highest_stage: 1, highest_stage_at: new Date('2024-04-01T00:00:00Z') });
  });

  it('raises the stage from new activities only when they go higher, and keeps the first time', async () => {
    await activities('second.csv', [
      '2024-01-15T00:00:00Z,signup,app,,,taro@acme.co.jp', // adoption again, earlier than the first signup
      '2023-12-01T00:00:00Z,view,web,,,hanako@gmail.com', // a lower stage, earlier: no change
      '2024-05-01T00:00:00Z,post,blog,x,kensato,', // Ken reaches advocacy
    ]);
    await expectRebuildEqual();
    expect(await rowOf('taro@acme.co.jp')).toMatchObject({
      highest_stage: 3,
      highest_stage_at: new Date('2024-01-15T00:00:00Z'),
      total_actions: '4',
    });
    expect(await rowOf('hanako@gmail.com')).toMatchObject({
      highest_stage: 2,
      highest_stage_at: new Date('2024-01-05T00:00:00Z'),
      total_actions: '2',
      last_action_at: new Date('2024-01-05T00:00:00Z'),
    });
    expect(await rowOf('ken@beta.example')).toMatchObject({
      highest_stage: 4,
      highest_stage_at: new Date('2024-05-01T00:00:00Z'),
      providers: ['x'],
    });
    // Importing the same file again changes nothing.
    await activities('second-again.csv', [
      '2024-01-15T00:00:00Z,signup,app,,,taro@acme.co.jp',
      '2023-12-01T00:00:00Z,view,web,,,hanako@gmail.com',
      '2024-05-01T00:00:00Z,post,blog,x,kensato,',
    ]);
    await expectRebuildEqual();
    expect(await rowOf('taro@acme.co.jp')).toMatchObject({ total_actions: '4' });
  });
});

describe('developers:list search over developer_search', () => {
  it('finds names whatever their width, with two characters, and with or without spaces', async () => {
    expect(await names({ q: '山田' })).toEqual([TARO]);
    expect(await names({ q: '田中' })).toEqual([ICHIRO]); // ﾀﾅｶ is not 田中
    expect(await names({ q: 'タナカ' })).toEqual([HANAKO]); // full-width query, half-width data
    expect(await names({ q: 'ﾀﾅｶ ﾊﾅｺ' })).toEqual([HANAKO]);
    expect(await names({ q: 'ｓａｔｏ' })).toEqual([KEN]);
    expect(await names({ q: 'Sato Ken' })).toEqual([KEN]);
    expect(await names({ q: '山田太郎' })).toEqual([TARO]);
  });

  it('finds emails, handles and organizations, and nothing across two of them', async () => {
    expect(await names({ q: '@ACME.co' })).toEqual([TARO]);
    expect(await sortedNames({ q: 'gmail.com' })).toEqual([HANAKO, ICHIRO].sort());
    expect(await names({ q: 'TARO-GH' })).toEqual([TARO]);
    expect(await names({ q: 'kensato' })).toEqual([KEN]); // the X handle, not the name (satoken)
    expect(await names({ q: 'アクメ' })).toEqual([TARO]);
    expect(await names({ q: 'delta.io' })).toEqual([null]); // new@delta.io has no name
    expect((await call(t.core, 'developers:list', { q: 'gh taro' })).total).toBe(0); // taro-gh + taro@… do not join up
    expect((await call(t.core, 'developers:list', { q: '%' })).total).toBe(0);
  });

  it('filters by stage and sorts by name, folded', async () => {
    expect(await names({ stage: 'advocacy' })).toEqual([KEN]);
    expect(await names({ stage: 'adoption' })).toEqual([TARO]);
    expect(await names({ stage: 'engagement' })).toEqual([HANAKO]);
    // satoken < タナカハナコ < 山田太郎 < 田中一郎 (code points), no name last.
    expect(await names({ sort: 'name' })).toEqual([KEN, HANAKO, TARO, ICHIRO, null]);
  });
});

describe('developer_search after merges, edits and organization changes', () => {
  it('follows a merge and its undo', async () => {
    const hanako = await idOf('hanako@gmail.com');
    const ichiro = await idOf('ichiro@gmail.com');
    const { mergeId } = await call(t.core, 'developers:merge', { intoId: hanako, fromId: ichiro });
    await expectRebuildEqual();
    expect(await rowOf('ichiro@gmail.com')).toBeUndefined(); // merged away: no row
    expect(await names({ q: 'ichiro@' })).toEqual([HANAKO]); // the identifier moved with the merge
    expect(await names({ q: '田中' })).toEqual([]);
    await call(t.core, 'developers:unmerge', { mergeId });
    await expectRebuildEqual();
    expect(await names({ q: '田中' })).toEqual([ICHIRO]);
    expect(await names({ q: 'ichiro@' })).toEqual([ICHIRO]);
  });

  it('follows profile edits', async () => {
    const ken = await idOf('ken@beta.example');
    await call(t.core, 'developers:update', { developerId: ken, displayName: 'Ken Sato', tags: ['speaker'], consentAnalytics: false });
    await expectRebuildEqual();
    expect(await rowOf('ken@beta.example')).toMatchObject({ sort_name: 'kensato', tags: ['speaker'], highest_stage: 4 });
    expect(await names({ tag: 'speaker' })).toEqual(['Ken Sato']);
    expect(await names({ q: 'ｓａｔｏ' })).toEqual(['Ken Sato']);
  });

  it('follows an organization rename and merge', async () => {
    const [acme] = await queryRows<{ org_id: string }>(t.url, "select org_id from organizations where name = '株式会社アクメ'");
    await call(t.core, 'organizations:rename', { orgId: acme!.org_id, name: 'Acme Corp' });
    await expectRebuildEqual();
    expect(await names({ q: 'acme corp' })).toEqual([TARO]);
    expect(await names({ q: 'アクメ' })).toEqual([]);

    const [beta, delta] = await queryRows<{ org_id: string }>(
      t.url,
      "select org_id from organizations where name in ('beta.example', 'delta.io') order by name",
    );
    expect((await call(t.core, 'developers:list', { orgId: delta!.org_id })).total).toBe(1);
    await call(t.core, 'organizations:merge', { intoId: beta!.org_id, fromId: delta!.org_id });
    await expectRebuildEqual();
    expect(await sortedNames({ orgId: beta!.org_id })).toEqual(['Ken Sato', null].sort());
    expect(await names({ q: 'delta.io' })).toEqual([null]); // still found by the email
  });
});

describe('developer_search for many developers at once', () => {
  it('writes with its indexes rebuilt what the row-by-row path writes', async () => {
    // 12,000 developers (more than the 10,000 that switch to dropping and rebuilding the indexes),
    // made in SQL inside a transaction that is rolled back.
    const client = new pg.Client(t.url);
    await client.connect();
    const rows = async () =>
      (await client.query(`${DEVELOPER_SEARCH_ROWS.replace('order by', "where search_text like '%bulk%' order by")}`)).rows;
    try {
      await client.query('begin');
      const ids = (
        await client.query<{ id: string }>(
          `insert into developers (tenant_id, display_name, primary_email)
           select 'default', case when n % 2 = 0 then 'Bulk ' || n else 'ﾊﾞﾙｸ ' || n end, 'bulk' || n || '@bulk.example'
             from generate_series(1, 12000) n returning developer_id as id`,
        )
      ).rows.map((r) => r.id);
      await client.query(
        `insert into developer_identifiers (tenant_id, developer_id, kind, value_normalized)
         select 'default', developer_id, 'email', primary_email from developers where primary_email like '%@bulk.example'`,
      );
      const addActivities = async (name: string, select: string) => {
        await client.query(`create temp table ${name} on commit drop as ${select}`);
        await client.query(
          `insert into activities (activity_id, tenant_id, developer_id, action, occurred_at, source, dedup_key)
           select activity_id, 'default', developer_id, action, occurred_at, 'bulk', activity_id::text from ${name}`,
        );
        await rebuildDeveloperStats(dbOn(client), DEFAULT_TENANT, ids);
      };
      // Everyone viewed; every third signed up.
      await addActivities(
        'bulk_first',
        `select uuid_generate_v4() as activity_id, d.developer_id, a.action, timestamptz '2024-03-01' + (d.n % 50) * interval '1 day' as occurred_at,
                null::uuid as campaign_id
           from (select developer_id, row_number() over (order by developer_id) as n from developers where primary_email like '%@bulk.example') d
           cross join lateral (values ('view'), (case when d.n % 3 = 0 then 'signup' end)) a(action) where a.action is not null`,
      );
      await refreshDeveloperSearch(dbOn(client), DEFAULT_TENANT, { developers: ids, span: null, inserted: 'bulk_first' });
      expect(await rows()).toHaveLength(12000);
      // Then every fourth posted (higher), and everyone signed up earlier than before (same stage for some, higher for others).
      await addActivities(
        'bulk_second',
        `select uuid_generate_v4() as activity_id, d.developer_id, a.action, a.at as occurred_at, null::uuid as campaign_id
           from (select developer_id, row_number() over (order by developer_id) as n from developers where primary_email like '%@bulk.example') d
           cross join lateral (values ('post', timestamptz '2024-06-01'), ('signup', timestamptz '2024-01-01' + (d.n % 7) * interval '1 day')) a(action, at)
          where a.action = 'signup' or d.n % 4 = 0`,
      );
      await refreshDeveloperSearch(dbOn(client), DEFAULT_TENANT, { developers: ids, span: null, inserted: 'bulk_second' });
      const bulk = await rows();
      // The row-by-row path (5,000 at a time, stages recomputed from all activities) must agree.
      for (let i = 0; i < ids.length; i += 5000) {
        await refreshDeveloperSearch(dbOn(client), DEFAULT_TENANT, { developers: ids.slice(i, i + 5000), span: null });
      }
      expect(await rows()).toEqual(bulk);
      const stages = await client.query<{ highest_stage: number; n: string }>(
        `select highest_stage, count(*) as n from derived.developer_search where search_text like '%bulk%' group by 1 order by 1`,
      );
      expect(stages.rows).toEqual([
        { highest_stage: 3, n: '9000' },
        { highest_stage: 4, n: '3000' },
      ]);
      const indexes = await client.query<{ n: string }>(
        "select count(*) as n from pg_indexes where schemaname = 'derived' and tablename = 'developer_search'",
      );
      expect(Number(indexes.rows[0]!.n)).toBe(6); // the key and five rebuilt indexes
    } finally {
      await client.query('rollback');
      await client.end();
    }
  });
});
