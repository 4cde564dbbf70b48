/**
 * The developers read side (issue 4) on a real database, with data imported
 * the way a user brings it in: search (Japanese and English, width and case
 * folded), filters, sorts, paging, the profile, the activity timeline,
 * editing, the CSV export, and `drm developers list` / `drm developer show`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeveloperListQuery } from '../../src-shared/contract/developers';
import type { ChannelInput } from '../../src-shared/contract/index';
import { drm } from '../helpers/cli';
import { useCoreOnTestDatabase } from '../helpers/database';
import { importFile, queryRows, writeCsv } from '../helpers/imports';
import { makeTempDir } from '../helpers/temp';

const t = useCoreOnTestDatabase();
const dir = makeTempDir('developers');

const TARO = '田中 太郎';
const HANAKO = 'ﾀﾅｶ ﾊﾅｺ'; // half-width katakana, as some exports write it
const YAMADA = 'ＴＡＲＯ Yamada'; // full-width Latin
const EVIL = '=SUM(1,2)';
const QUIET = 'Quiet Person';

beforeAll(async () => {
  const { core } = t;
  const jobs = [
    await importFile(core, writeCsv(dir.path, 'campaigns.csv', 'name\nSpring Campaign\n'), { type: 'campaigns' }),
    await importFile(
      core,
      writeCsv(
        dir.path,
        'developers.csv',
        [
          'display_name,email,organization,tags,github,x,slack,discord,connpass,consent_analytics',
          `${TARO},taro.tanaka@example.co.jp,株式会社テスト,vip;speaker,taro-gh,,,,tanaka_cp,yes`,
          `${HANAKO},hanako@example.jp,,beta,,,,,,no`,
          `${YAMADA},taro@yamada.example.com,Acme Inc,,,yamadax,,,,yes`,
          `"${EVIL}",evil@example.com,,,,,,,,yes`,
          `${QUIET},quiet@example.com,,,,,,,,yes`,
        ].join('\n'),
      ),
      { type: 'developers' },
    ),
    await importFile(
      core,
      writeCsv(
        dir.path,
        'activities.csv',
        [
          'occurred_at,action,source,provider,handle,email,campaign,resource_title,resource_url',
          '2024-01-10T10:00:00Z,view,web,,,taro.tanaka@example.co.jp,Spring Campaign,Docs,https://example.com/docs',
          '2024-02-01T10:00:00Z,attend,connpass,connpass,tanaka_cp,,Spring Campaign,Meetup #1,https://connpass.com/event/1/',
          '2024-03-01T10:00:00Z,signup,web,,,taro.tanaka@example.co.jp,,,',
          '2024-03-05T10:00:00Z,signup,web,,,taro.tanaka@example.co.jp,,,',
          '2024-03-02T09:00:00Z,star,github,github,taro-gh,,,SDK,https://github.com/example/sdk',
          '2024-04-01T10:00:00Z,click,web,,,hanako@example.jp,,,',
          '2024-04-02T10:00:00Z,click,web,,,hanako@example.jp,,,',
          '2023-12-01T10:00:00Z,view,x,x,yamadax,,,,',
          '2024-05-01T10:00:00Z,post,x,x,yamadax,,,,',
          '2024-01-01T10:00:00Z,view,web,,,evil@example.com,,,',
        ].join('\n'),
      ),
      { type: 'activities', options: { timezone: 'UTC' } },
    ),
  ];
  for (const job of jobs) expect(job.status, job.message ?? '').toBe('succeeded');
});
afterAll(() => dir.remove());

async function list(query: Partial<DeveloperListQuery> = {}) {
  const result = await t.core.handlers['developers:list'](query);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}
const names = async (query: Partial<DeveloperListQuery> = {}) => (await list(query)).rows.map((r) => r.displayName);

async function profileOf(input: ChannelInput<'developers:get'>) {
  const result = await t.core.handlers['developers:get'](input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}
async function idOf(name: string): Promise<string> {
  const row = (await list({ pageSize: 200 })).rows.find((r) => r.displayName === name);
  if (!row) throw new Error(`no developer ${name}`);
  return row.developerId;
}

describe('developers:list search', () => {
  it('finds Japanese names whatever their width', async () => {
    expect(await names({ q: '田中' })).toEqual([TARO]);
    expect(await names({ q: 'タナカ' })).toEqual([HANAKO]); // full-width query, half-width data
    expect(await names({ q: 'ﾊﾅｺ' })).toEqual([HANAKO]);
  });

  it('folds case and width on both sides', async () => {
    expect(await names({ q: 'taro yamada' })).toEqual([YAMADA]);
    expect(await names({ q: 'ＹＡＭＡＤＡ' })).toEqual([YAMADA]);
    // ＴＡＲＯ matches Yamada's name and Tanaka's email (taro.tanaka@…).
    expect((await names({ q: 'ＴＡＲＯ' })).sort()).toEqual([TARO, YAMADA].sort());
  });

  it('finds by email, handle and organization', async () => {
    expect(await names({ q: 'hanako@' })).toEqual([HANAKO]);
    expect(await names({ q: '@EXAMPLE.CO.JP' })).toEqual([TARO]);
    expect(await names({ q: 'TARO-GH' })).toEqual([TARO]);
    expect(await names({ q: 'yamadax' })).toEqual([YAMADA]);
    expect(await names({ q: 'テスト' })).toEqual([TARO]);
    expect(await names({ q: 'acme' })).toEqual([YAMADA]);
  });

  it('matches % and _ literally, and an empty query matches everyone', async () => {
    expect((await list({ q: '%' })).total).toBe(0);
    expect(await names({ q: '_' })).toEqual([TARO]); // tanaka_cp; a wildcard _ would match all five
    expect((await list({ q: '  ' })).total).toBe(5);
  });
});

describe('developers:list filters, sorts and paging', () => {
  it('fills in each row', async () => {
    const { rows } = await list({ q: '田中' });
    expect(rows[0]).toEqual({
      developerId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      displayName: TARO,
      primaryEmail: 'taro.tanaka@example.co.jp',
      organization: { orgId: expect.stringMatching(/^[0-9a-f-]{36}$/), name: '株式会社テスト' },
      tags: ['speaker', 'vip'],
      stage: 'adoption',
      lastActionAt: '2024-03-05T10:00:00.000Z',
      totalActions: 5,
      providers: ['connpass', 'github'],
      consentAnalytics: true,
    });
    const quiet = (await list({ q: 'quiet' })).rows[0]!;
    expect(quiet).toMatchObject({ stage: null, lastActionAt: null, totalActions: 0, providers: [], tags: [] });
    // Listed without an organization: the company email domain gives one.
    expect(quiet.organization?.name).toBe('example.com');
  });

  it('filters by highest stage reached', async () => {
    expect(await names({ stage: 'adoption' })).toEqual([TARO]);
    expect(await names({ stage: 'advocacy' })).toEqual([YAMADA]);
    expect(await names({ stage: 'awareness' })).toEqual([HANAKO, EVIL]);
    expect(await names({ stage: 'engagement' })).toEqual([]); // Taro went beyond it
    // A page shorter than the matches, with the total of all of them.
    expect(await list({ stage: 'awareness', pageSize: 1 })).toMatchObject({ total: 2, rows: [{ displayName: HANAKO }] });
    expect(await names({ stage: 'engagement', pageSize: 1 })).toEqual([]);
    const unknown = await t.core.handlers['developers:list']({ stage: 'nirvana' });
    expect(unknown.ok ? null : unknown.error.code).toBe('BAD_INPUT');
  });

  it('filters by tag, organization and provider, and combines filters', async () => {
    expect(await names({ tag: 'vip' })).toEqual([TARO]);
    expect(await names({ tag: 'beta' })).toEqual([HANAKO]);
    const acme = (await list({ q: 'acme' })).rows[0]!.organization!.orgId;
    expect(await names({ orgId: acme })).toEqual([YAMADA]);
    expect(await names({ provider: 'connpass' })).toEqual([TARO]);
    expect(await names({ provider: 'x' })).toEqual([YAMADA]);
    expect(await names({ q: 'taro', provider: 'x' })).toEqual([YAMADA]);
    expect(await names({ q: 'taro', stage: 'adoption' })).toEqual([TARO]);
    expect(await names({ tag: 'vip', provider: 'x' })).toEqual([]);
  });

  it('sorts by last activity (nulls last), activity count and name', async () => {
    expect(await names()).toEqual([YAMADA, HANAKO, TARO, EVIL, QUIET]);
    expect(await names({ sort: 'lastActivity' })).toEqual([YAMADA, HANAKO, TARO, EVIL, QUIET]);
    // Yamada and Hanako both have 2: the later last action first.
    expect(await names({ sort: 'activityCount' })).toEqual([TARO, YAMADA, HANAKO, EVIL, QUIET]);
    expect(await names({ sort: 'activityCount', page: 1, pageSize: 2 })).toEqual([HANAKO, EVIL]);
    // Folded (NFKC, lower case), then in code point order: '=' < 'q' < 't' (ＴＡＲＯ is taro) < katakana (ﾀﾅｶ is タナカ) < kanji.
    expect(await names({ sort: 'name' })).toEqual([EVIL, QUIET, YAMADA, HANAKO, TARO]);
  });

  it('sorts the other way round, each order exactly reversed (a header clicked twice)', async () => {
    expect(await names({ sort: 'lastActivity', reverse: true })).toEqual([QUIET, EVIL, TARO, HANAKO, YAMADA]);
    expect(await names({ sort: 'activityCount', reverse: true })).toEqual([QUIET, EVIL, HANAKO, YAMADA, TARO]);
    expect(await names({ sort: 'name', reverse: true })).toEqual([TARO, HANAKO, YAMADA, QUIET, EVIL]);
    expect(await names({ sort: 'name', reverse: true, page: 1, pageSize: 2 })).toEqual([YAMADA, QUIET]);
    // With a filter too (the filtered path orders the same way).
    expect(await names({ provider: 'web', sort: 'name', reverse: true })).toEqual([]);
    expect(await names({ q: 'example', sort: 'name', reverse: true })).toEqual([TARO, HANAKO, YAMADA, QUIET, EVIL]);
  });

  it('pages on the server with the total of the whole list', async () => {
    const pages = await Promise.all([0, 1, 2, 3].map((page) => list({ page, pageSize: 2 })));
    expect(pages.map((p) => p.total)).toEqual([5, 5, 5, 5]);
    expect(pages.map((p) => p.rows.map((r) => r.displayName))).toEqual([[YAMADA, HANAKO], [TARO, EVIL], [QUIET], []]);
    const searched = await Promise.all([0, 1, 5].map((page) => list({ q: 'taro', page, pageSize: 1 })));
    expect(searched.map((p) => [p.total, p.rows.length])).toEqual([
      [2, 1],
      [2, 1],
      [2, 0],
    ]);
    const bad = await t.core.handlers['developers:list']({ pageSize: 201 });
    expect(bad.ok ? null : bad.error.code).toBe('BAD_INPUT');
  });
});

describe('developers:get', () => {
  it('returns the profile: accounts, identifiers, stats, campaigns and the stage reached', async () => {
    const profile = await profileOf({ developerId: await idOf(TARO) });
    expect(profile).toMatchObject({
      displayName: TARO,
      stage: 'adoption',
      stageReachedAt: '2024-03-01T10:00:00.000Z',
      // Each stage with when it was first reached (the star on 03-02 is awareness again, later).
      stages: [
        { key: 'awareness', reachedAt: '2024-01-10T10:00:00.000Z' },
        { key: 'engagement', reachedAt: '2024-02-01T10:00:00.000Z' },
        { key: 'adoption', reachedAt: '2024-03-01T10:00:00.000Z' },
      ],
      stats: { totalActions: 5, clicks: 0, attends: 1, posts: 0, stars: 1, lastActionAt: '2024-03-05T10:00:00.000Z' },
      identifiers: [{ kind: 'email', value: 'taro.tanaka@example.co.jp' }],
      campaigns: [{ campaignId: expect.any(String), name: 'Spring Campaign', activities: 2 }],
      mergedInto: null,
    });
    expect(profile.accounts.map((a) => [a.provider, a.externalUserId, a.handle, a.profileUrl])).toEqual([
      ['connpass', 'tanaka_cp', 'tanaka_cp', 'https://connpass.com/user/tanaka_cp/'],
      ['github', 'taro-gh', 'taro-gh', 'https://github.com/taro-gh'],
    ]);
    const connpass = profile.accounts.find((a) => a.provider === 'connpass')!;
    expect([connpass.firstSeen, connpass.lastSeen]).toEqual(['2024-02-01T10:00:00.000Z', '2024-02-01T10:00:00.000Z']);
  });

  it('gives zeros for a developer without activity, finds one by email, and NOT_FOUND otherwise', async () => {
    const quiet = await profileOf({ email: 'QUIET@example.com' });
    expect(quiet).toMatchObject({ displayName: QUIET, stage: null, stageReachedAt: null, stages: [], campaigns: [], accounts: [] });
    expect(quiet.stats).toEqual({ totalActions: 0, clicks: 0, attends: 0, posts: 0, stars: 0, lastActionAt: null });
    expect((await profileOf({ email: ' ＴＡＲＯ.TANAKA@example.co.jp ' })).displayName).toBe(TARO);
    const missing = await t.core.handlers['developers:get']({ developerId: '00000000-0000-4000-8000-000000000000' });
    expect(missing.ok ? null : missing.error.code).toBe('NOT_FOUND');
    const noEmail = await t.core.handlers['developers:get']({ email: 'nobody@example.com' });
    expect(noEmail.ok ? null : noEmail.error.code).toBe('NOT_FOUND');
    const neither = await t.core.handlers['developers:get']({});
    expect(neither.ok ? null : neither.error.code).toBe('BAD_INPUT');
  });

  it('hides a merged-away developer from lists and names where it went', async () => {
    const [quiet, taro] = [await idOf(QUIET), await idOf(TARO)];
    const merged = await t.core.handlers['developers:merge']({ intoId: taro, fromId: quiet, reason: 'test' });
    if (!merged.ok) throw new Error(merged.error.message);
    let undone: Awaited<ReturnType<(typeof t.core.handlers)['developers:unmerge']>> | undefined;
    try {
      expect(await names()).not.toContain(QUIET);
      expect((await list()).total).toBe(4);
      expect((await list({ q: 'quiet' })).total).toBe(1); // Quiet's email now belongs to Taro
      expect((await profileOf({ developerId: quiet })).mergedInto).toBe(taro);
    } finally {
      undone = await t.core.handlers['developers:unmerge']({ mergeId: merged.value.mergeId });
    }
    expect(undone.ok).toBe(true);
    expect((await list()).total).toBe(5);
    expect(await names({ q: 'quiet' })).toEqual([QUIET]);
    expect((await profileOf({ developerId: quiet })).mergedInto).toBeNull();
  });
});

describe('developers:list-activities', () => {
  it('pages the timeline newest first, with filter menus', async () => {
    const developerId = await idOf(TARO);
    const call = async (input: Omit<ChannelInput<'developers:list-activities'>, 'developerId'>) => {
      const result = await t.core.handlers['developers:list-activities']({ developerId, ...input });
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    };
    const first = await call({ pageSize: 2 });
    expect(first.total).toBe(5);
    expect(first.rows.map((r) => [r.occurredAt, r.action])).toEqual([
      ['2024-03-05T10:00:00.000Z', 'signup'],
      ['2024-03-02T09:00:00.000Z', 'star'],
    ]);
    expect(first.actions).toEqual(['attend', 'signup', 'star', 'view']);
    expect(first.sources).toEqual(['connpass', 'github', 'web']);
    const last = await call({ pageSize: 2, page: 2 });
    expect(last.rows.map((r) => r.action)).toEqual(['view']);
    expect(last.rows[0]).toMatchObject({
      source: 'web',
      resourceTitle: 'Docs',
      resourceUrl: 'https://example.com/docs',
      campaigns: ['Spring Campaign'],
    });

    const signups = await call({ action: 'signup' });
    expect([signups.total, signups.rows.map((r) => r.action)]).toEqual([2, ['signup', 'signup']]);
    expect(signups.actions).toEqual(first.actions); // the menus ignore the filter
    const connpass = await call({ source: 'connpass' });
    expect(connpass.total).toBe(1);
    expect(connpass.rows[0]).toMatchObject({
      action: 'attend',
      provider: 'connpass',
      resourceTitle: 'Meetup #1',
      campaigns: ['Spring Campaign'],
    });
    expect((await call({ source: 'connpass', action: 'view' })).total).toBe(0);

    const missing = await t.core.handlers['developers:list-activities']({ developerId: '00000000-0000-4000-8000-000000000000' });
    expect(missing.ok ? null : missing.error.code).toBe('NOT_FOUND');
  });
});

describe('developers:update', () => {
  it('edits tags, consent and name, and announces the change', async () => {
    const developerId = await idOf(HANAKO);
    const changes: string[][] = [];
    const off = t.core.events.on('db:changed', ({ tables }) => changes.push(tables));
    try {
      const result = await t.core.handlers['developers:update']({
        developerId,
        tags: [' beta ', 'speaker', 'beta'],
        consentAnalytics: true,
      });
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value).toMatchObject({ developerId, tags: ['beta', 'speaker'], consentAnalytics: true, displayName: HANAKO });
      expect(changes).toEqual([['developers']]);
      expect(await names({ tag: 'speaker' })).toEqual([HANAKO, TARO]);

      const renamed = await t.core.handlers['developers:update']({
        developerId,
        displayName: '  田中 花子 ',
        tags: [],
        consentAnalytics: false,
      });
      expect(renamed.ok && renamed.value).toMatchObject({ displayName: '田中 花子', tags: [], consentAnalytics: false });
      const [row] = await queryRows<{ tags: string[] | null; consent_analytics: boolean }>(
        t.url,
        'select tags, consent_analytics from developers where developer_id = $1',
        [developerId],
      );
      expect(row).toEqual({ tags: null, consent_analytics: false });
      expect(changes).toHaveLength(2);

      const unchanged = await t.core.handlers['developers:update']({ developerId });
      expect(unchanged.ok).toBe(true);
      expect(changes).toHaveLength(2); // nothing written, nothing announced
    } finally {
      off();
      await t.core.handlers['developers:update']({ developerId, displayName: HANAKO, tags: ['beta'], consentAnalytics: false });
    }
  });

  it('refuses bad tags and unknown developers', async () => {
    const developerId = await idOf(HANAKO);
    const long = await t.core.handlers['developers:update']({ developerId, tags: ['x'.repeat(51)] });
    expect(long.ok ? null : long.error.code).toBe('BAD_INPUT');
    const blank = await t.core.handlers['developers:update']({ developerId, tags: ['  '] });
    expect(blank.ok ? null : blank.error.code).toBe('BAD_INPUT');
    const many = await t.core.handlers['developers:update']({ developerId, tags: Array.from({ length: 51 }, (_, i) => `t${i}`) });
    expect(many.ok ? null : many.error.code).toBe('BAD_INPUT');
    const missing = await t.core.handlers['developers:update']({ developerId: '00000000-0000-4000-8000-000000000000', tags: ['a'] });
    expect(missing.ok ? null : missing.error.code).toBe('NOT_FOUND');
  });
});

describe('developers:export', () => {
  it('writes the filtered list as formula-safe UTF-8 CSV with a BOM', async () => {
    await t.core.handlers['settings:update']({ timeZoneSetting: 'UTC' });
    const result = await t.core.handlers['developers:export']({});
    if (!result.ok) throw new Error(result.error.message);
    const { fileName, content } = result.value;
    expect(fileName).toMatch(/^drm-developers-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(content.startsWith('\uFEFFdeveloper_id,display_name,primary_email,organization,tags,stage,')).toBe(true);
    const lines = content.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(6);
    // Same order as the list; the formula is neutralised and, holding a comma, quoted.
    expect(lines[1]).toContain(`,${YAMADA},taro@yamada.example.com,Acme Inc,,Advocacy,2024-05-01T10:00:00+00:00,2,x,true`);
    expect(lines[4]).toContain(`,"'${EVIL}",evil@example.com,`);
    expect(lines[3]).toContain(`,${TARO},taro.tanaka@example.co.jp,株式会社テスト,speaker;vip,Adoption,`);

    const filtered = await t.core.handlers['developers:export']({ tag: 'vip' });
    expect(filtered.ok && filtered.value.content.slice(1).trimEnd().split('\r\n')).toHaveLength(2);
  });
});

describe('developers:export in the tenant zone and the UI language (issue 11, defect 3)', () => {
  it('gives stage titles and times with the zone offset, never a UTC "…Z"', async () => {
    await t.core.handlers['settings:update']({ timeZoneSetting: 'Asia/Tokyo' });
    try {
      const result = await t.core.handlers['developers:export']({ language: 'ja' });
      if (!result.ok) throw new Error(result.error.message);
      const lines = result.value.content.slice(1).trimEnd().split('\r\n');
      expect(lines[1]).toContain(`,${YAMADA},taro@yamada.example.com,Acme Inc,,推奨,2024-05-01T19:00:00+09:00,2,x,true`);
      expect(result.value.content).not.toMatch(/\dZ\b/);
    } finally {
      await t.core.handlers['settings:update']({ timeZoneSetting: 'UTC' });
    }
  });
});

describe('drm developers list / drm developer show', () => {
  it('prints the list and a profile as JSON', async () => {
    const listed = await drm(['developers', 'list', '--q', 'ﾀﾅｶ', '--json', '--database-url', t.url]);
    expect(listed.code, listed.stderr).toBe(0);
    const page = JSON.parse(listed.stdout);
    expect(page.total).toBe(1);
    expect(page.rows[0]).toMatchObject({ displayName: HANAKO, primaryEmail: 'hanako@example.jp', stage: 'awareness' });

    const shown = await drm(['developer', 'show', 'Taro.Tanaka@example.co.jp', '--json', '--database-url', t.url]);
    expect(shown.code, shown.stderr).toBe(0);
    const profile = JSON.parse(shown.stdout);
    expect(Object.keys(profile)).toEqual([
      'developerId',
      'displayName',
      'primaryEmail',
      'organization',
      'tags',
      'stage',
      'accounts',
      'identifiers',
      'stats',
    ]);
    expect(profile).toMatchObject({
      displayName: TARO,
      organization: { name: '株式会社テスト' },
      stage: 'adoption',
      identifiers: [{ kind: 'email', value: 'taro.tanaka@example.co.jp' }],
      stats: { totalActions: 5, clicks: 0, attends: 1, posts: 0, stars: 1, lastActionAt: '2024-03-05T10:00:00.000Z' },
    });
    expect(profile.accounts).toEqual([
      { provider: 'connpass', externalUserId: 'tanaka_cp', handle: 'tanaka_cp', email: null },
      { provider: 'github', externalUserId: 'taro-gh', handle: 'taro-gh', email: null },
    ]);
    const byId = await drm(['developer', 'show', profile.developerId, '--json', '--database-url', t.url]);
    expect(JSON.parse(byId.stdout).displayName).toBe(TARO);
  });

  it('prints readable text, and exits 1 for nobody and 2 for bad usage', async () => {
    const listed = await drm(['developers', 'list', '--database-url', t.url]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^5 developer\(s\); showing 1–5/);
    expect(listed.stdout).toContain('株式会社テスト');
    const shown = await drm(['developer', 'show', 'hanako@example.jp', '--database-url', t.url]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('stage         awareness');
    const nobody = await drm(['developer', 'show', 'nobody@example.com', '--database-url', t.url]);
    expect([nobody.code, nobody.stderr]).toEqual([2, 'drm developer show: no developer nobody@example.com\n']);
    const noArg = await drm(['developer', 'show', '--database-url', t.url]);
    expect(noArg.code).toBe(2);
    const badPage = await drm(['developers', 'list', '--page', '-1', '--database-url', t.url]);
    expect(badPage.code).toBe(2);
  });
});
