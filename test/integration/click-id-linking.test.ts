/**
 * Anonymous visitors who become developers (issue 13 §2), on a real
 * database: anonymous clicks, then a sign-up row that carries the click id,
 * links the id to the person; their earlier clicks become theirs, the funnel
 * counts them from the first click, and the anonymous figure shrinks. Later
 * rows with only the id resolve to them; a second person carrying the same id
 * does not take it (first link wins, reported in the job); merge and unmerge
 * carry the identifier; unlinking gives back exactly the moved clicks and
 * undo re-links. After every step the derived tables and developer_stats
 * equal what `stats rebuild` writes.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checksumDifferences, derivedChecksums } from '../../bench/checksums';
import { rebuiltChecksums } from '../../bench/merges-pairs';
import { DEFAULT_TENANT } from '../../src-main/core/db/seed';
import { useCoreOnTestDatabase } from '../helpers/database';
import { drm } from '../helpers/cli';
import { importFile, queryRows, writeCsv } from '../helpers/imports';
import { call, callError, developerId } from '../helpers/merges';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('click-id-linking');
const db = useCoreOnTestDatabase();

const CLICKS = `occurred_at,action,source,anon_id
2026-03-01T10:00:00Z,click,shortlink,cid-aaa
2026-03-02T10:00:00Z,click,shortlink,cid-aaa
2026-03-01T11:00:00Z,click,shortlink,cid-bbb
2026-03-01T12:00:00Z,click,shortlink,cid-ccc
`;
// The sign-up form carried the landing URL's drm_cid.
const SIGNUP = `occurred_at,action,source,email,display_name,drm_cid
2026-03-05T09:00:00Z,signup,web,ann@example.com,Ann,cid-aaa
`;
const MARCH_1_TO_3 = { from: '2026-03-01', to: '2026-03-03' };

let client: pg.Client;

const importCsv = async (name: string, text: string) => {
  const job = await importFile(db.core, writeCsv(dir.path, name, text), { type: 'activities', options: { timezone: 'UTC' } });
  expect(job).toMatchObject({ status: 'succeeded', rejected: 0 });
  return job;
};

/** Derived tables and developer_stats equal a rebuild's (in a rolled-back transaction); returns them. */
async function expectRebuildEqual() {
  const current = await derivedChecksums(client, DEFAULT_TENANT);
  expect(checksumDifferences(await rebuiltChecksums(client, DEFAULT_TENANT), current)).toEqual([]);
  return current;
}

/** Each click's owner (email, or null when anonymous), account and link mark, by anon id and instant. */
const clicks = () =>
  queryRows<{ anon_id: string; at: string; owner: string | null; account: string | null; metadata: unknown }>(
    db.url,
    `select a.anon_id, to_char(a.occurred_at at time zone 'UTC', 'MM-DD HH24') as at, d.primary_email::text as owner,
            a.account_id as account, a.metadata
       from activities a left join developers d on d.developer_id = a.developer_id
      where a.action = 'click' order by a.anon_id, a.occurred_at`,
  );

const clickIds = () =>
  queryRows<{ value: string; owner: string; first_seen: string }>(
    db.url,
    `select i.value_normalized as value, d.primary_email::text as owner, to_char(i.first_seen at time zone 'UTC', 'MM-DD HH24') as first_seen
       from developer_identifiers i join developers d using (developer_id) where i.kind = 'click_id' order by 1`,
  );

const funnel = () => call(db.core, 'analytics:get-funnel', MARCH_1_TO_3);
const awareness = async () => (await funnel()).stages.find((s) => s.key === 'awareness')!.reached;

beforeAll(async () => {
  await call(db.core, 'settings:update', { timeZoneSetting: 'UTC' });
  client = new pg.Client(db.url);
  await client.connect();
  await importCsv('clicks.csv', CLICKS);
});
afterAll(async () => {
  await client.end();
  dir.remove();
});

describe('linking a click id on import', () => {
  it('gives the earlier anonymous clicks to the person who signs up with the id, and counts them from the first click', async () => {
    expect((await funnel()).anonymous).toBe(4);
    expect(await awareness()).toBe(0);

    const job = await importCsv('signup.csv', SIGNUP);
    // The email and the click id.
    expect(job.inserted.identifiers).toBe(2);
    expect(job.clickIdConflicts).toBeNull();
    expect(await clickIds()).toEqual([{ value: 'cid-aaa', owner: 'ann@example.com', first_seen: '03-05 09' }]);
    const mark = { drm_link: 'click_id' };
    expect((await clicks()).filter((c) => c.anon_id === 'cid-aaa')).toEqual([
      { anon_id: 'cid-aaa', at: '03-01 10', owner: 'ann@example.com', account: null, metadata: mark },
      { anon_id: 'cid-aaa', at: '03-02 10', owner: 'ann@example.com', account: null, metadata: mark },
    ]);
    // The sign-up row identified Ann herself: it carries the id but no mark.
    const [signup] = await queryRows<{ metadata: unknown; anon_id: string }>(
      db.url,
      "select metadata, anon_id from activities where action = 'signup'",
    );
    expect(signup).toEqual({ metadata: null, anon_id: 'cid-aaa' });

    // The funnel counts Ann from her first click; the anonymous figure shrinks by her two clicks.
    expect((await funnel()).anonymous).toBe(2);
    expect(await awareness()).toBe(1);
    const ann = await developerId(db.url, 'ann@example.com');
    const profile = await call(db.core, 'developers:get', { developerId: ann });
    expect(profile.stages.find((s) => s.key === 'awareness')?.reachedAt).toBe('2026-03-01T10:00:00.000Z');
    expect(profile.identifiers).toContainEqual({ kind: 'click_id', value: 'cid-aaa' });
    expect(profile.stats).toMatchObject({ totalActions: 3, clicks: 2 });
    await expectRebuildEqual();
  });

  it('resolves later rows that carry only the id to the person, and a re-import changes nothing', async () => {
    await importCsv('clicks-later.csv', 'occurred_at,action,source,anon_id\n2026-03-06T10:00:00Z,click,shortlink,cid-aaa\n');
    const later = (await clicks()).find((c) => c.at === '03-06 10');
    expect(later).toMatchObject({ owner: 'ann@example.com', account: null, metadata: { drm_link: 'click_id' } });
    const before = { clicks: await clicks(), ids: await clickIds(), derived: await expectRebuildEqual() };
    const again = await importCsv('signup.csv', SIGNUP);
    expect(again).toMatchObject({ duplicates: 1, inserted: { activities: 0, identifiers: 0 }, clickIdConflicts: null });
    expect({ clicks: await clicks(), ids: await clickIds(), derived: await expectRebuildEqual() }).toEqual(before);
  });

  it('keeps an id with its first developer when another person carries it, and reports the conflict', async () => {
    const before = await clicks();
    const job = await importCsv(
      'ben.csv',
      'occurred_at,action,source,email,click_id\n2026-03-07T09:00:00Z,signup,web,ben@example.com,cid-aaa\n',
    );
    const ann = await developerId(db.url, 'ann@example.com');
    const ben = await developerId(db.url, 'ben@example.com');
    expect(job.clickIdConflicts).toEqual({ count: 1, first: [{ clickId: 'cid-aaa', linkedTo: ann, claimedBy: ben, line: 2 }] });
    expect(await clickIds()).toEqual([{ value: 'cid-aaa', owner: 'ann@example.com', first_seen: '03-05 09' }]);
    expect(await clicks()).toEqual(before);
    await expectRebuildEqual();
  });

  it('gives an id two people of one file carry to the first line, and reports the other', async () => {
    const job = await importCsv(
      'two.csv',
      `occurred_at,action,source,email,anon_id
2026-03-08T09:00:00Z,signup,web,dan@example.com,cid-bbb
2026-03-08T08:00:00Z,signup,web,cat@example.com,cid-bbb
`,
    );
    const dan = await developerId(db.url, 'dan@example.com');
    const cat = await developerId(db.url, 'cat@example.com');
    expect(job.clickIdConflicts).toEqual({ count: 1, first: [{ clickId: 'cid-bbb', linkedTo: dan, claimedBy: cat, line: 3 }] });
    expect((await clicks()).find((c) => c.anon_id === 'cid-bbb')).toMatchObject({ owner: 'dan@example.com' });
    await expectRebuildEqual();
  });

  it('drm import prints the conflicts under its result', async () => {
    const file = writeCsv(
      dir.path,
      'eve.csv',
      'occurred_at,action,source,email,click_id\n2026-03-09T09:00:00Z,signup,web,eve@example.com,cid-aaa\n',
    );
    const result = await drm(['import', file, '--timezone', 'UTC', '--database-url', db.url]);
    expect(result.code).toBe(0);
    const ann = await developerId(db.url, 'ann@example.com');
    const eve = await developerId(db.url, 'eve@example.com');
    expect(result.stdout).toContain('1 click id(s) were linked to another developer first and stay with them (the first link wins):');
    expect(result.stdout).toContain(`line 2: cid-aaa stays with developer ${ann} (not ${eve})`);
  });
});

describe('merge, unmerge and unlink', () => {
  it('a merge carries the click id and its clicks, and the unmerge gives them back', async () => {
    const ann = await developerId(db.url, 'ann@example.com');
    const ben = await developerId(db.url, 'ben@example.com');
    const before = { clicks: await clicks(), ids: await clickIds(), derived: await expectRebuildEqual() };
    const { mergeId } = await call(db.core, 'developers:merge', { intoId: ben, fromId: ann });
    expect(await clickIds()).toEqual([
      { value: 'cid-aaa', owner: 'ben@example.com', first_seen: '03-05 09' },
      { value: 'cid-bbb', owner: 'dan@example.com', first_seen: '03-08 09' },
    ]);
    expect((await clicks()).filter((c) => c.anon_id === 'cid-aaa').map((c) => c.owner)).toEqual(Array(3).fill('ben@example.com'));
    await expectRebuildEqual();
    await call(db.core, 'developers:unmerge', { mergeId });
    expect({ clicks: await clicks(), ids: await clickIds(), derived: await expectRebuildEqual() }).toEqual(before);
  });

  it('unlinking gives back exactly the clicks the link moved, and undo links them again', async () => {
    const ann = await developerId(db.url, 'ann@example.com');
    const linked = { clicks: await clicks(), ids: await clickIds(), derived: await expectRebuildEqual() };
    const anonymousBefore = (await funnel()).anonymous;

    const { activities, undoToken } = await call(db.core, 'developers:unlink-identifier', {
      developerId: ann,
      kind: 'click_id',
      value: 'cid-aaa',
    });
    expect(activities).toBe(3);
    expect((await clicks()).filter((c) => c.anon_id === 'cid-aaa')).toEqual(
      ['03-01 10', '03-02 10', '03-06 10'].map((at) => ({ anon_id: 'cid-aaa', at, owner: null, account: null, metadata: null })),
    );
    // Ann's own sign-up row stays hers.
    const rows = await queryRows<{ action: string }>(
      db.url,
      "select action from activities where developer_id = $1 and anon_id = 'cid-aaa'",
      [ann],
    );
    expect(rows).toEqual([{ action: 'signup' }]);
    expect((await clickIds()).map((i) => i.value)).toEqual(['cid-bbb']);
    expect((await funnel()).anonymous).toBe(anonymousBefore + 2);
    await expectRebuildEqual();
    // Unlinking again finds nothing.
    expect(
      await callError(db.core, 'developers:unlink-identifier', { developerId: ann, kind: 'click_id', value: 'cid-aaa' }),
    ).toMatchObject({ code: 'NOT_FOUND' });

    expect(await call(db.core, 'developers:undo-unlink-identifier', { undoToken })).toEqual({ activities: 3 });
    expect({ clicks: await clicks(), ids: await clickIds(), derived: await expectRebuildEqual() }).toEqual(linked);
    // A token is used once.
    expect(await callError(db.core, 'developers:undo-unlink-identifier', { undoToken })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('drm developers unlink-identifier does the same from a terminal, and refuses a kind it cannot unlink', async () => {
    const ann = await developerId(db.url, 'ann@example.com');
    const refused = await drm([
      'developers',
      'unlink-identifier',
      ann,
      '--kind',
      'email',
      '--value',
      'ann@example.com',
      '--database-url',
      db.url,
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--kind must be click_id');
    const result = await drm([
      'developers',
      'unlink-identifier',
      ann,
      '--kind',
      'click_id',
      '--value',
      'cid-aaa',
      '--json',
      '--database-url',
      db.url,
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ developerId: ann, kind: 'click_id', value: 'cid-aaa', activities: 3 });
    expect((await clicks()).filter((c) => c.anon_id === 'cid-aaa').map((c) => c.owner)).toEqual([null, null, null]);
    await expectRebuildEqual();
    // Importing the sign-up again links the id again.
    await importCsv('signup.csv', SIGNUP);
    expect((await clicks()).filter((c) => c.anon_id === 'cid-aaa').map((c) => c.owner)).toEqual(Array(3).fill('ann@example.com'));
    await expectRebuildEqual();
  });
});
