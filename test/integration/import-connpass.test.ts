/**
 * connpass participant lists as people download them (issue 11, defect 18):
 * the three shapes of the export, in the encodings connpass ships, through
 * the handlers on a real database — recognition, the status rules, the
 * attendance time, 利用開始日 on the account, and nothing new on re-import.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useCoreOnTestDatabase } from '../helpers/database';
import { drm } from '../helpers/cli';
import { fileHandle, importFile, previewFile, queryRows, startFileImport, tableCounts } from '../helpers/imports';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('import-connpass');
const db = useCoreOnTestDatabase();
afterAll(() => dir.remove());

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'connpass');
/** A copy in the test's folder, under connpass's own file name (the event id comes from it). */
const fixture = (name: string, as = name) => {
  const path = join(dir.path, as);
  copyFileSync(join(FIXTURES, name), path);
  return path;
};
const classic = fixture('event_100001_participants.csv');
const withSurvey = fixture('event_100002_participants.csv');
const noStatus = fixture('event_100003_participants.csv');

interface Row {
  event: string;
  handle: string;
  action: string;
  at: string;
}

const activitiesOf = (event: string) =>
  queryRows<Row>(
    db.url,
    `select r.external_id as event, ac.handle, a.action, to_char(a.occurred_at at time zone 'Asia/Tokyo', 'YYYY-MM-DD HH24:MI') as at
       from activities a join accounts ac using (account_id) join resources r using (resource_id)
      where r.external_id = $1 order by ac.handle, a.action`,
    [event],
  );

const options = { timezone: 'Asia/Tokyo' };

describe('connpass exports in their three shapes', () => {
  it('recognises every shape from 参加枠名 + ユーザー名 + 受付番号, in Shift_JIS and UTF-8', async () => {
    const previews = await Promise.all([classic, withSurvey, noStatus].map((file) => previewFile(db.core, file)));
    expect(previews.map((p) => p.ok && [p.value.type, p.value.encoding])).toEqual([
      ['connpass', 'cp932'],
      ['connpass', 'utf-8-bom'],
      ['connpass', 'utf-8'],
    ]);
    const third = previews[2]!;
    expect(third.ok && third.value.mapping).toEqual({
      ticket_name: '参加枠名',
      username: 'ユーザー名',
      updated_at: '更新日時',
      receipt_number: '受付番号',
    });
  });

  it('maps 参加 / 参加キャンセル / 補欠 to register, cancel and waitlist, and 出席 to attend', async () => {
    const job = await importFile(db.core, classic, { options });
    expect(job).toMatchObject({ status: 'succeeded', type: 'connpass', rowsRead: 4, skipped: 1 });
    expect(await activitiesOf('100001')).toEqual([
      { event: '100001', handle: 'hanako', action: 'cancel', at: '2019-07-14 09:00' },
      { event: '100001', handle: 'takagi_k', action: 'waitlist', at: '2019-07-15 10:30' },
      { event: '100001', handle: 'taro_y', action: 'attend', at: '2019-07-13 13:02' },
    ]);
  });

  it('dates an attendance by 出席日時, keeps the survey in metadata and 利用開始日 on the account', async () => {
    const job = await importFile(db.core, withSurvey, { options });
    expect(job).toMatchObject({ status: 'succeeded', rowsRead: 3, skipped: 0 });
    expect(await activitiesOf('100002')).toEqual([
      { event: '100002', handle: 'kenji', action: 'waitlist', at: '2024-05-22 22:40' },
      { event: '100002', handle: 'misaki', action: 'register', at: '2024-05-21 08:15' },
      { event: '100002', handle: 'taro_y', action: 'attend', at: '2024-06-01 19:05' },
    ]);
    const [taro] = await queryRows<{ metadata: Record<string, string> }>(
      db.url,
      `select a.metadata from activities a join accounts ac using (account_id) join resources r using (resource_id)
        where r.external_id = '100002' and ac.handle = 'taro_y'`,
    );
    expect(taro?.metadata).toEqual({
      参加枠名: '一般枠',
      受付番号: '2001',
      所属を教えてください: 'Example株式会社',
      '今回の参加目的は？': '情報収集',
    });
    const accounts = await queryRows<{ handle: string; attributes: Record<string, string> | null }>(
      db.url,
      "select handle, attributes from accounts where provider = 'connpass' order by handle",
    );
    expect(accounts).toEqual([
      { handle: 'hanako', attributes: null },
      { handle: 'kenji', attributes: { member_since: '2023-01-09' } },
      { handle: 'misaki', attributes: { member_since: '2020-11-15' } },
      { handle: 'takagi_k', attributes: null },
      { handle: 'taro_y', attributes: { member_since: '2015-04-01' } },
    ]);
  });

  it('imports the shape without statuses as registrations when asked for --type connpass', async () => {
    const started = await startFileImport(db.core, noStatus, { type: 'connpass', options });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    await db.core.importer.settled(started.value.jobId);
    const job = await db.core.handlers['import:get-job']({ jobId: started.value.jobId });
    expect(job.ok && job.value).toMatchObject({ status: 'succeeded', rowsRead: 2 });
    expect(await activitiesOf('100003')).toEqual([
      { event: '100003', handle: 'newcomer', action: 'register', at: '2024-07-11 11:11' },
      { event: '100003', handle: 'taro_y', action: 'register', at: '2024-07-10 10:00' },
    ]);
    // An account's attributes survive an export that does not carry them.
    const [taro] = await queryRows<{ attributes: Record<string, string> }>(
      db.url,
      "select attributes from accounts where provider = 'connpass' and handle = 'taro_y'",
    );
    expect(taro?.attributes).toEqual({ member_since: '2015-04-01' });
  });

  it('adds nothing when the same exports are imported again', async () => {
    const before = await tableCounts(db.url);
    for (const file of [classic, withSurvey, noStatus]) {
      const again = await importFile(db.core, file, { options });
      expect(again.status).toBe('succeeded');
      expect(again.inserted.activities).toBe(0);
      expect(again.duplicates).toBe(again.rowsRead - again.skipped);
    }
    expect(await tableCounts(db.url)).toEqual(before);
  });
});

describe('an event title that differs from the stored one (defect 9)', () => {
  const file = fixture('event_100003_participants.csv', 'event_100009_participants.csv');
  const titleOf = async () =>
    (
      await queryRows<{ title: string | null }>(db.url, "select title from resources where category = 'event' and external_id = '100009'")
    )[0]?.title;
  const check = async (input: { eventTitle?: string; eventId?: string; updateEventTitle?: boolean }) => {
    const result = await db.core.handlers['import:check-event']({ fileHandle: await fileHandle(db.core, file), ...input });
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };

  it('says before and after the import which title is kept, and updates it only when asked', async () => {
    expect(await check({ eventTitle: 'First title' })).toEqual({ eventId: '100009', storedTitle: null, note: null });
    expect((await importFile(db.core, file, { options: { ...options, eventTitle: 'First title' } })).eventTitle).toBeNull();
    expect(await titleOf()).toBe('First title');

    const kept = { eventId: '100009', storedTitle: 'First title', typedTitle: 'Renamed', kept: 'stored' };
    expect(await check({ eventTitle: 'Renamed' })).toEqual({ eventId: '100009', storedTitle: 'First title', note: kept });
    const again = await importFile(db.core, file, { options: { ...options, eventTitle: 'Renamed' } });
    expect(again).toMatchObject({ status: 'succeeded', eventTitle: kept });
    expect(await titleOf()).toBe('First title');

    const updated = { ...kept, kept: 'typed' };
    expect(await check({ eventTitle: 'Renamed', updateEventTitle: true })).toMatchObject({ note: updated });
    const renamed = await importFile(db.core, file, { options: { ...options, eventTitle: 'Renamed', updateEventTitle: true } });
    expect(renamed).toMatchObject({ status: 'succeeded', eventTitle: updated });
    expect(await titleOf()).toBe('Renamed');
    // The same title again is no conflict.
    expect(await check({ eventTitle: 'Renamed' })).toMatchObject({ note: null });
  });

  it('finds the event by the id typed in the form, not only by the file name', async () => {
    expect(await check({ eventId: '100009', eventTitle: 'Other' })).toMatchObject({
      eventId: '100009',
      note: { storedTitle: 'Renamed', kept: 'stored' },
    });
    expect(await check({ eventId: '999999', eventTitle: 'Other' })).toEqual({ eventId: '999999', storedTitle: null, note: null });
  });

  it('takes --update-event-title on the command line and prints which title is kept', async () => {
    const args = ['import', file, '--type', 'connpass', '--timezone', 'Asia/Tokyo', '--database-url', db.url, '--event-title', 'From CLI'];
    const kept = await drm([...args, '--json']);
    expect(kept.code).toBe(0);
    expect(JSON.parse(kept.stdout).eventTitle).toMatchObject({ storedTitle: 'Renamed', typedTitle: 'From CLI', kept: 'stored' });
    const human = await drm(args);
    expect(human.stdout).toContain('event 100009 keeps its title "Renamed" (not "From CLI"; --update-event-title replaces it)');
    const updated = await drm([...args, '--update-event-title', '--json']);
    expect(JSON.parse(updated.stdout).eventTitle).toMatchObject({ kept: 'typed' });
    expect(await titleOf()).toBe('From CLI');
  });
});
