/**
 * The in-memory developer search index (developers/search-index/, in its
 * worker thread) gives the SQL path's answers: the same total and the same
 * page of ids for every filter, search and sort, in both directions and on
 * later pages, over Japanese and Latin names in every width, one- and
 * two-character queries, ties in every sort key — after imports, merges and
 * their undo, profile edits, organization changes and a stats rebuild.
 *
 * Every write here goes through the core, which knows nothing of the
 * index's worker: the index finds each change by the version check alone,
 * as it does when the CLI or `drm serve` writes the database.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbOn, type Db } from '../../src-main/core/db/db';
import { DEFAULT_TENANT } from '../../src-main/core/db/seed';
import { listDevelopers } from '../../src-main/core/developers/list';
import { createSearchIndexClient, type SearchIndexClient } from '../../src-main/core/developers/search-index/client';
import { indexedPage } from '../../src-main/core/developers/search-index/page';
import type { DeveloperListQuery } from '../../src-shared/contract/developers';
import { developerListQuery } from '../../src-shared/contract/developers';
import { useCoreOnTestDatabase } from '../helpers/database';
import { importFile, queryRows, writeCsv } from '../helpers/imports';
import { call, developerId } from '../helpers/merges';
import { makeTempDir } from '../helpers/temp';

const t = useCoreOnTestDatabase();
const dir = makeTempDir('developer-search-index');
let pool: pg.Pool;
let db: Db;
let index: SearchIndexClient;

const SURNAMES = ['田中', '佐藤', '佐々木', '山田', 'ﾀﾅｶ', 'ＳＡＴＯ', 'Tanaka', 'sato', '鈴木', 'タナカ'];
const GIVEN = ['太郎', '花子', 'Ken', 'ｹﾝ', 'Ａｉ', '一郎', 'hanako', ''];
const DOMAINS = ['gmail.com', 'acme.co.jp', 'beta.example', 'ＧＭＡＩＬ.com', 'mirai.dev'];
const TAGS = ['vip', 'beta', 'speaker', ''];

/** 80 developers: names in kanji, kana of both widths, Latin of both widths, some missing; shared domains and tags. */
function developersCsv(): string {
  const lines = ['display_name,email,organization,tags,github,x,connpass'];
  for (let i = 0; i < 80; i++) {
    const name = i % 17 === 5 ? '' : `${SURNAMES[i % SURNAMES.length]} ${GIVEN[i % GIVEN.length]}`.trim();
    const domain = DOMAINS[i % DOMAINS.length]!;
    const org = i % 6 === 0 ? '株式会社アクメ' : i % 6 === 1 ? 'Mirai Labs' : '';
    const tags = [TAGS[i % 4], i % 9 === 0 ? 'vip' : ''].filter((tag, k, all) => tag && all.indexOf(tag) === k).join(';');
    const github = i % 3 === 0 ? `gh-${i}` : '';
    const x = i % 4 === 1 ? `@mirai_${i}` : '';
    const connpass = i % 5 === 2 ? `cp_${i}` : '';
    lines.push([name, `dev${i}@${domain}`, org, tags, github, x, connpass].join(','));
  }
  return lines.join('\n');
}

const ACTIONS = ['view', 'attend', 'signup', 'post', 'star', 'click'];

/** Activities for some developers, on few distinct days and counts, so that every sort key has ties. */
function activitiesCsv(round: number): string {
  const lines = ['occurred_at,action,source,provider,handle,email'];
  for (let i = round; i < 80; i += 3) {
    for (let k = 0; k <= (i + round) % 3; k++) {
      const day = 1 + ((i + k) % 4);
      lines.push(
        `2024-0${1 + round}-0${day}T00:00:00Z,${ACTIONS[(i + k + round) % ACTIONS.length]},web,,,dev${i}@${DOMAINS[i % DOMAINS.length]}`,
      );
    }
  }
  return lines.join('\n');
}

async function importCsv(name: string, text: string, type: 'developers' | 'activities') {
  const job = await importFile(t.core, writeCsv(dir.path, name, text), {
    type,
    ...(type === 'activities' ? { options: { timezone: 'UTC' } } : {}),
  });
  expect(job.status, job.message ?? '').toBe('succeeded');
}

const QUERIES = [
  '',
  '田',
  '田中',
  'ﾀﾅｶ',
  'タナカ',
  'ｓａｔｏ',
  'Sato',
  'a',
  'ta',
  'tanaka',
  '@',
  'gmail.com',
  'アクメ',
  'mirai',
  '%',
  '_',
  'zz',
];
const SORTS = ['lastActivity', 'activityCount', 'name'] as const;

/** Every query kind the page can ask, for the data as it is now. */
async function queries(): Promise<DeveloperListQuery[]> {
  const orgs = await queryRows<{ id: string }>(t.url, 'select org_id as id from organizations order by name');
  const filters: Partial<DeveloperListQuery>[] = [
    {},
    { stage: 'awareness' },
    { stage: 'adoption' },
    { tag: 'vip' },
    { tag: 'nobody-has-this' },
    { provider: 'github' },
    { provider: 'x' },
    ...orgs.map((o) => ({ orgId: o.id })),
    { stage: 'engagement', provider: 'github' },
    { tag: 'beta', q: 'a' },
  ];
  const out: DeveloperListQuery[] = [];
  for (const sort of SORTS) {
    for (const reverse of [false, true]) {
      for (const q of QUERIES) for (const page of [0, 2]) out.push(developerListQuery.parse({ q, sort, reverse, page, pageSize: 7 }));
      for (const f of filters) for (const page of [0, 1]) out.push(developerListQuery.parse({ ...f, sort, reverse, page, pageSize: 5 }));
    }
  }
  return out;
}

/** The index answers (no SQL fallback) and equals the SQL path for every query. */
async function expectSameAnswers(): Promise<number> {
  // The first question after a change may start a reload in the background: ask, then wait for it.
  await indexedPage(db, DEFAULT_TENANT, index, developerListQuery.parse({}));
  await index.settled(DEFAULT_TENANT);
  let nonEmpty = 0;
  for (const query of await queries()) {
    const expected = await listDevelopers(db, DEFAULT_TENANT, query);
    const actual = await indexedPage(db, DEFAULT_TENANT, index, query);
    expect(actual, JSON.stringify(query)).not.toBeNull();
    expect({ query, total: actual!.total, ids: actual!.ids }).toEqual({
      query,
      total: expected.total,
      ids: expected.rows.map((r) => r.developerId),
    });
    if (expected.total > 0) nonEmpty++;
  }
  return nonEmpty;
}

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: t.url, max: 3 });
  db = dbOn(pool);
  index = createSearchIndexClient({ url: t.url, tenant: DEFAULT_TENANT });
  await importCsv('developers.csv', developersCsv(), 'developers');
  await importCsv('activities-0.csv', activitiesCsv(0), 'activities');
});

afterAll(async () => {
  await index?.close();
  await pool?.end();
  dir.remove();
});

describe('the search index equals the SQL path', () => {
  it('answers SQL until it is built, then from memory', async () => {
    // Nothing is built before the first question: it is answered by SQL (null here) and starts the build.
    expect(await indexedPage(db, DEFAULT_TENANT, index, developerListQuery.parse({}))).toBeNull();
    await index.settled(DEFAULT_TENANT);
    expect(await indexedPage(db, DEFAULT_TENANT, index, developerListQuery.parse({}))).toEqual({
      total: 80,
      ids: expect.any(Array),
    });
  });

  it('after imports', async () => {
    // The matrix must not be trivially empty: most kinds find someone.
    expect(await expectSameAnswers()).toBeGreaterThan(300);
    await importCsv('activities-1.csv', activitiesCsv(1), 'activities');
    await importCsv('more.csv', 'display_name,email\nﾀﾅｶ ｼﾞﾛｳ,jiro@gmail.com\n田中 次郎,jiro2@acme.co.jp\n,anon@zz.example', 'developers');
    await expectSameAnswers();
  });

  it('after a merge and its undo, and profile edits', async () => {
    const into = await developerId(t.url, 'dev0@gmail.com');
    const from = await developerId(t.url, 'dev10@gmail.com');
    const { mergeId } = await call(t.core, 'developers:merge', { intoId: into, fromId: from });
    await expectSameAnswers();
    expect((await listDevelopers(db, DEFAULT_TENANT, developerListQuery.parse({ q: 'dev10@' }))).rows.map((r) => r.developerId)).toEqual([
      into,
    ]);
    await call(t.core, 'developers:update', { developerId: into, displayName: 'ｻﾄｳ Zeta', tags: ['speaker', 'vip'] });
    await expectSameAnswers();
    await call(t.core, 'developers:unmerge', { mergeId });
    await expectSameAnswers();
  });

  it('after organization changes and a stats rebuild (every row rewritten)', async () => {
    const [acme, mirai] = await queryRows<{ id: string }>(
      t.url,
      "select org_id as id from organizations where name in ('株式会社アクメ', 'Mirai Labs') order by name desc",
    );
    await call(t.core, 'organizations:rename', { orgId: acme!.id, name: 'Acme Tanaka' });
    await expectSameAnswers();
    await call(t.core, 'organizations:merge', { intoId: mirai!.id, fromId: acme!.id });
    await expectSameAnswers();
    const before = await queryRows<{ floor: string }>(t.url, "select floor from derived.search_version where tenant_id = 'default'");
    await call(t.core, 'stats:rebuild', {});
    const after = await queryRows<{ floor: string }>(t.url, "select floor from derived.search_version where tenant_id = 'default'");
    expect(Number(after[0]!.floor)).toBeGreaterThan(Number(before[0]!.floor));
    await expectSameAnswers();
  });

  it('reloads after a restore, whose counter may equal the version the index holds', async () => {
    await expectSameAnswers();
    // As a restore leaves it: rows the index never saw, at a version it already has, under another floor.
    await queryRows(
      t.url,
      `update derived.developer_search set search_text = 'restored-only'
        where developer_id = (select min(developer_id::text)::uuid from derived.developer_search)`,
    );
    await queryRows(t.url, "update derived.search_version set floor = floor - 1 where tenant_id = 'default'");
    await expectSameAnswers();
    expect((await indexedPage(db, DEFAULT_TENANT, index, developerListQuery.parse({ q: 'restored-only' })))?.total).toBe(1);
  });

  it('leaves a tenant above its size cap to SQL', async () => {
    const capped = createSearchIndexClient({ url: t.url, tenant: DEFAULT_TENANT, maxRows: 10 });
    try {
      expect(await indexedPage(db, DEFAULT_TENANT, capped, developerListQuery.parse({}))).toBeNull();
      await capped.settled(DEFAULT_TENANT);
      expect(await indexedPage(db, DEFAULT_TENANT, capped, developerListQuery.parse({ q: '田中' }))).toBeNull();
      // …and the page still answers, from SQL.
      const page = await listDevelopers(db, DEFAULT_TENANT, developerListQuery.parse({ q: '田中' }), capped);
      expect(page.total).toBe((await listDevelopers(db, DEFAULT_TENANT, developerListQuery.parse({ q: '田中' }))).total);
      expect(page.total).toBeGreaterThan(0);
    } finally {
      await capped.close();
    }
  });
});
