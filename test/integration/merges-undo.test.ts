/**
 * Merge and unmerge on a real database: what moves, what is logged, that an
 * unmerge puts every row back exactly, and that unsafe requests are refused
 * clearly without changing anything.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbOn } from '../../src-main/core/db/db';
import type { MergeLogEvidence } from '../../src-main/core/merges/log';
import { rebuildDeveloperStats } from '../../src-main/core/stats/service';
import { DEFAULT_TENANT } from '../../src-main/core/db/seed';
import { useCoreOnTestDatabase } from '../helpers/database';
import { currentAndRebuilt, DEVELOPER_SEARCH_ROWS } from '../helpers/derived';
import { importFile, queryRows, writeCsv } from '../helpers/imports';
import { call, callError, developerId, identitySnapshot } from '../helpers/merges';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('merges-undo');
const db = useCoreOnTestDatabase();
afterAll(() => dir.remove());

const DEVELOPERS = [
  'display_name,email,organization,tags,github,connpass,x,consent_analytics',
  // Free mail: Taro has no organization (a company domain would give him one), so a merge fills it.
  'Taro Yamada,taro@outlook.com,,speaker;vip,taro-y,,,yes',
  '山田太郎,taro.y@gmail.com,Acme 株式会社,beta;vip,,taro-y,taro_y,no',
  // P has only a handle: a merge fills its name, email and organization from Q.
  ',,,,p-handle,,,',
  'Q Person,q@q.example,Q 株式会社,,,,,',
  'C Person,c@c.example,,,,,,',
  'D Person,d@d.example,,,,,,',
];

const ACTIVITIES = [
  'occurred_at,action,source,provider,handle,email,campaign',
  '2024-05-01 10:00,click,web,,,taro@outlook.com,Spring',
  '2024-05-02 10:00,star,github,github,taro-y,,',
  '2024-05-03 10:00,attend,connpass,connpass,taro-y,,Spring',
  '2024-05-04 10:00,post,blog,,,taro.y@gmail.com,',
  '2024-05-05 10:00,click,web,,,taro.y@gmail.com,Spring',
  '2024-05-06 10:00,signup,app,,,taro.y@gmail.com,',
  '2024-05-07 10:00,click,web,github,p-handle,,',
  '2024-05-08 10:00,attend,web,,,q@q.example,',
  '2024-05-09 10:00,attend,web,,,c@c.example,',
];

let into: string, from: string, p: string, q: string, c: string, d: string;

beforeAll(async () => {
  const devs = await importFile(db.core, writeCsv(dir.path, 'developers.csv', DEVELOPERS.join('\n') + '\n'), { type: 'developers' });
  expect(devs).toMatchObject({ status: 'succeeded', rejected: 0 });
  const acts = await importFile(db.core, writeCsv(dir.path, 'activities.csv', ACTIVITIES.join('\n') + '\n'), {
    type: 'activities',
    options: { timezone: 'UTC' },
  });
  expect(acts).toMatchObject({ status: 'succeeded', rejected: 0 });
  into = await developerId(db.url, 'taro@outlook.com');
  from = await developerId(db.url, 'taro.y@gmail.com');
  p = await developerId(db.url, 'github:p-handle');
  q = await developerId(db.url, 'q@q.example');
  c = await developerId(db.url, 'c@c.example');
  d = await developerId(db.url, 'd@d.example');
});

async function rebuiltStats(url: string) {
  const client = new pg.Client(url);
  await client.connect();
  try {
    await client.query('begin');
    await rebuildDeveloperStats(dbOn(client), DEFAULT_TENANT);
    const { rows } = await client.query(
      'select developer_id, total_actions, clicks, attends, posts, stars, last_action_at from developer_stats order by developer_id',
    );
    await client.query('rollback');
    return rows;
  } finally {
    await client.end();
  }
}

const owned = async (table: string, id: string, developer: string) =>
  (await queryRows<{ id: string }>(db.url, `select ${id} as id from ${table} where developer_id = $1 order by 1`, [developer])).map(
    (r) => r.id,
  );

describe('merge then unmerge', () => {
  it('moves everything, unions tags, logs the moved ids, and unmerge returns every row exactly', async () => {
    const before = await identitySnapshot(db.url);
    const fromAccounts = await owned('accounts', 'account_id', from);
    const fromIdentifiers = await owned('developer_identifiers', 'identifier_id', from);
    const fromActivities = await owned('activities', 'activity_id', from);
    // The fixture is what the test thinks it is: connpass + x accounts, one email, four activities.
    expect([fromAccounts.length, fromIdentifiers.length, fromActivities.length]).toEqual([2, 1, 4]);
    const intoActivities = await owned('activities', 'activity_id', into);
    expect(intoActivities).toHaveLength(2);

    const { mergeId } = await call(db.core, 'developers:merge', { intoId: into, fromId: from, reason: 'same person (taro-y)' });

    // Moved, and nothing left on `from`.
    expect(await owned('accounts', 'account_id', into)).toHaveLength(3);
    expect(await owned('activities', 'activity_id', into)).toEqual([...intoActivities, ...fromActivities].sort());
    for (const [table, id] of [
      ['accounts', 'account_id'],
      ['developer_identifiers', 'identifier_id'],
      ['activities', 'activity_id'],
    ] as const) {
      expect(await owned(table, id, from)).toEqual([]);
    }
    const [merged] = await queryRows<{
      display_name: string;
      org: string | null;
      tags: string[];
      consent_analytics: boolean;
      primary_email: string;
    }>(
      db.url,
      `select d.display_name, o.name as org, d.tags, d.consent_analytics, d.primary_email::text from developers d
         left join organizations o using (org_id) where developer_id = $1`,
      [into],
    );
    // Own values kept, the null organization filled, tags unioned sorted, consent withheld by either is withheld.
    expect(merged).toEqual({
      display_name: 'Taro Yamada',
      org: 'Acme 株式会社',
      tags: ['beta', 'speaker', 'vip'],
      consent_analytics: false,
      primary_email: 'taro@outlook.com',
    });
    // The merged-away row is kept.
    expect(await queryRows(db.url, 'select 1 from developers where developer_id = $1', [from])).toHaveLength(1);

    // The audit row: reason and evidence enough to undo.
    const [log] = await queryRows<{ reason: string; into_developer_id: string; from_developer_id: string; evidence: MergeLogEvidence }>(
      db.url,
      'select reason, into_developer_id, from_developer_id, evidence from developer_merge_logs where merge_id = $1',
      [mergeId],
    );
    expect(log).toMatchObject({ reason: 'same person (taro-y)', into_developer_id: into, from_developer_id: from });
    expect(log!.evidence.action).toBe('merge');
    expect([...log!.evidence.moved.accounts].sort()).toEqual(fromAccounts);
    expect([...log!.evidence.moved.identifiers].sort()).toEqual(fromIdentifiers);
    expect([...log!.evidence.moved.activities].sort()).toEqual(fromActivities);
    expect(log!.evidence.tagsBefore).toEqual({ into: ['speaker', 'vip'], from: ['beta', 'vip'] });
    expect(Object.keys(log!.evidence.filled)).toEqual(['orgId']);
    expect(log!.evidence.rules?.map((r) => r.rule)).toEqual(['same_handle']);
    expect(log!.evidence.snapshot.from.developer_id).toBe(from);

    // Stats: the survivor has all six actions, the merged-away none, and a rebuild from scratch agrees.
    const stats = await queryRows<{ developer_id: string; total_actions: string }>(
      db.url,
      'select developer_id, total_actions from developer_stats where developer_id = any($1)',
      [[into, from]],
    );
    expect(stats).toEqual([{ developer_id: into, total_actions: '6' }]);
    const afterMerge = await identitySnapshot(db.url);
    expect(afterMerge.developerStats).toEqual(await rebuiltStats(db.url));
    expect(afterMerge).not.toEqual(before);
    // Campaign stats and the search rows are what a rebuild from scratch gives.
    const campaignStats = await currentAndRebuilt(
      db.url,
      'select campaign_id, actions_total, conversions, cost_total from campaign_stats order by campaign_id',
    );
    expect(campaignStats.current).toEqual(campaignStats.rebuilt);
    const search = await currentAndRebuilt(db.url, DEVELOPER_SEARCH_ROWS);
    expect(search.current).toEqual(search.rebuilt);
    expect(search.current.map((r) => (r as { developer_id: string }).developer_id)).not.toContain(from);

    const history = await call(db.core, 'developers:list-merges', { developerId: into });
    expect(history).toEqual([
      expect.objectContaining({
        mergeId,
        action: 'merge',
        intoDeveloperId: into,
        fromDeveloperId: from,
        intoName: 'Taro Yamada',
        fromName: '山田太郎',
        reason: 'same person (taro-y)',
        undoneBy: null,
      }),
    ]);

    const { mergeId: undoId } = await call(db.core, 'developers:unmerge', { mergeId });
    expect(undoId).not.toBe(mergeId);
    const after = await identitySnapshot(db.url);
    expect(after).toEqual(before);
    expect(after.developerStats).toEqual(await rebuiltStats(db.url));

    const [undoLog] = await queryRows<{ into_developer_id: string; from_developer_id: string; evidence: unknown }>(
      db.url,
      'select into_developer_id, from_developer_id, evidence from developer_merge_logs where merge_id = $1',
      [undoId],
    );
    expect(undoLog).toEqual({ into_developer_id: from, from_developer_id: into, evidence: { action: 'unmerge', mergeId } });
    const undone = await call(db.core, 'developers:list-merges', { developerId: from });
    expect(undone.map((h) => [h.action, h.mergeId, h.undoneBy])).toEqual([
      ['unmerge', undoId, null],
      ['merge', mergeId, undoId],
    ]);
  });

  it('fills a survivor’s empty name, email and organization, and empties them again on unmerge', async () => {
    const before = await identitySnapshot(db.url);
    const { mergeId } = await call(db.core, 'developers:merge', { intoId: p, fromId: q });
    const rows = await queryRows<{ developer_id: string; display_name: string | null; primary_email: string | null; org: string | null }>(
      db.url,
      `select developer_id, display_name, primary_email::text, o.name as org from developers left join organizations o using (org_id)
        where developer_id = any($1) order by developer_id = $2 desc`,
      [[p, q], p],
    );
    // The email is unique per tenant: it leaves the merged-away row for the survivor.
    expect(rows).toEqual([
      { developer_id: p, display_name: 'Q Person', primary_email: 'q@q.example', org: 'Q 株式会社' },
      { developer_id: q, display_name: 'Q Person', primary_email: null, org: 'Q 株式会社' },
    ]);
    const [log] = await queryRows<{ evidence: { filled: Record<string, string> } }>(
      db.url,
      'select evidence from developer_merge_logs where merge_id = $1',
      [mergeId],
    );
    expect(Object.keys(log!.evidence.filled).sort()).toEqual(['displayName', 'orgId', 'primaryEmail']);
    await call(db.core, 'developers:unmerge', { mergeId });
    expect(await identitySnapshot(db.url)).toEqual(before);
  });
});

describe('refusals', () => {
  it('refuses a merge into itself, with unknown ids, and a merge twice', async () => {
    const self = await callError(db.core, 'developers:merge', { intoId: c, fromId: c });
    expect(self).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('into itself') });
    const unknown = await callError(db.core, 'developers:merge', { intoId: c, fromId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('00000000-0000-4000-8000-000000000000') });
    expect((await callError(db.core, 'developers:merge', { intoId: c, fromId: 'not-a-uuid' })).code).toBe('BAD_INPUT');

    const { mergeId } = await call(db.core, 'developers:merge', { intoId: c, fromId: d });
    const before = await identitySnapshot(db.url);
    const twice = await callError(db.core, 'developers:merge', { intoId: c, fromId: d });
    expect(twice).toMatchObject({ code: 'CONFLICT', message: `Developer ${d} was already merged into ${c} (merge ${mergeId})` });
    // Merged away, it cannot be merged elsewhere either, nor receive a merge.
    const elsewhere = await callError(db.core, 'developers:merge', { intoId: p, fromId: d });
    expect(elsewhere).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(`already merged into ${c}`) });
    const intoAway = await callError(db.core, 'developers:merge', { intoId: d, fromId: p });
    expect(intoAway).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(`merge into that one instead`) });
    expect(await identitySnapshot(db.url)).toEqual(before);

    await call(db.core, 'developers:unmerge', { mergeId });
    const again = await callError(db.core, 'developers:unmerge', { mergeId });
    expect(again).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('already undone') });
    expect((await callError(db.core, 'developers:unmerge', { mergeId: '00000000-0000-4000-8000-000000000000' })).code).toBe('NOT_FOUND');
  });

  it('refuses to unmerge when a moved row has changed since, and changes nothing', async () => {
    const { mergeId } = await call(db.core, 'developers:merge', { intoId: c, fromId: q });
    const [moved] = await queryRows<{ id: string }>(
      db.url,
      `select evidence->'moved'->'activities'->>0 as id from developer_merge_logs where merge_id = $1`,
      [mergeId],
    );
    await queryRows(db.url, 'update activities set developer_id = $2 where activity_id = $1', [moved!.id, p]);
    const before = await identitySnapshot(db.url);
    const refused = await callError(db.core, 'developers:unmerge', { mergeId });
    expect(refused).toMatchObject({
      code: 'CONFLICT',
      message: `Cannot undo merge ${mergeId}: 1 of 1 moved activities no longer belong to developer ${c} (deleted or moved since)`,
    });
    expect(await identitySnapshot(db.url)).toEqual(before);
    const history = await call(db.core, 'developers:list-merges', { developerId: c });
    expect(history.find((h) => h.mergeId === mergeId)?.undoneBy).toBeNull();
    // Put it back: now it can be undone.
    await queryRows(db.url, 'update activities set developer_id = $2 where activity_id = $1', [moved!.id, c]);
    await call(db.core, 'developers:unmerge', { mergeId });
  });

  it('refuses to unmerge when the survivor was merged away since, until that merge is undone', async () => {
    const first = await call(db.core, 'developers:merge', { intoId: c, fromId: d });
    const second = await call(db.core, 'developers:merge', { intoId: p, fromId: c });
    const refused = await callError(db.core, 'developers:unmerge', { mergeId: first.mergeId });
    expect(refused).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(`undo merge ${second.mergeId} first`) });
    await call(db.core, 'developers:unmerge', { mergeId: second.mergeId });
    await call(db.core, 'developers:unmerge', { mergeId: first.mergeId });
  });

  it("refuses to unmerge when the merged-away record's email is another developer's primary email since, and changes nothing", async () => {
    const { mergeId } = await call(db.core, 'developers:merge', { intoId: p, fromId: q });
    // The survivor's filled email was replaced, and D took the one that came from Q.
    await queryRows(db.url, "update developers set primary_email = 'p@p.example' where developer_id = $1", [p]);
    await queryRows(db.url, "update developers set primary_email = 'q@q.example' where developer_id = $1", [d]);
    const before = await identitySnapshot(db.url);
    const refused = await callError(db.core, 'developers:unmerge', { mergeId });
    expect(refused).toMatchObject({
      code: 'CONFLICT',
      message: `Cannot undo merge ${mergeId}: q@q.example is now the primary email of developer ${d}`,
    });
    expect(await identitySnapshot(db.url)).toEqual(before);
    // D gives it back: now the merge can be undone, and Q has its email again.
    await queryRows(db.url, "update developers set primary_email = 'd@d.example' where developer_id = $1", [d]);
    await call(db.core, 'developers:unmerge', { mergeId });
    expect(await queryRows(db.url, 'select primary_email::text as email from developers where developer_id = $1', [q])).toEqual([
      { email: 'q@q.example' },
    ]);
    await queryRows(db.url, 'update developers set primary_email = null where developer_id = $1', [p]);
  });

  it('only undoes merges', async () => {
    await call(db.core, 'merges:dismiss', { a: c, b: d });
    const [dismissal] = await queryRows<{ id: string }>(
      db.url,
      `select merge_id as id from developer_merge_logs where evidence->>'action' = 'dismiss'`,
    );
    const refused = await callError(db.core, 'developers:unmerge', { mergeId: dismissal!.id });
    expect(refused).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('records a dismiss') });
    expect((await callError(db.core, 'developers:list-merges', { developerId: '00000000-0000-4000-8000-000000000000' })).code).toBe(
      'NOT_FOUND',
    );
  });
});
