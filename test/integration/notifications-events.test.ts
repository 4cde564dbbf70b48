/**
 * The events the sender loop finds itself, on an injected clock: new merge
 * suggestions above each channel's threshold (each pair announced once per
 * channel, from what earlier payloads named), and the weekly digest on
 * Monday 09:00 in the tenant's time zone, once per week, scheduled from the
 * last digest row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TENANT } from '../../src-main/core/db/seed';
import type { SendClock } from '../../src-main/core/notifications/deliver';
import { senderTurn } from '../../src-main/core/notifications/loop';
import { useCoreOnTestDatabase } from '../helpers/database';
import { importFile, queryRows, writeCsv } from '../helpers/imports';
import { call, developerId } from '../helpers/merges';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('notifications-events');
const db = useCoreOnTestDatabase();
let receiver: Receiver;

const HEADER = 'display_name,email,organization,tags,github,connpass';
const FIRST = [
  HEADER,
  // same handle on two providers (0.9)
  'Taro Handle,,,,taro-y,',
  'T. Y.,,,,,Taro-Y',
  // same normalised name, same organization (0.8)
  '山田 太郎,yamada@foo.example,Acme 株式会社,,,',
  '山田　太郎,taro@bar.example,Acme 株式会社,,,',
].join('\n');
// handle and local part together (0.96)
const SECOND = [HEADER, 'Mika Ito,mika.ito@gamma.example,,,mikai,', 'Mika I.,mika.ito@delta.example,,,,mikai'].join('\n');

const DAY = 24 * 3600_000;
/** At `t`, or (none given) the real time as it passes: what is queued in a turn is due in the same turn. */
const clockAt = (t?: number): SendClock => ({ now: () => new Date(t ?? Date.now()), random: () => 0.5 });
const turn = (t?: number) => db.core.withDatabase((d) => senderTurn(d, DEFAULT_TENANT, clockAt(t)));
const pair = (a: string, b: string) => [a, b].sort().join(' ');

interface Row {
  title: string;
  channel: string;
  data: { pairs?: string[]; weekOf?: string; newDevelopers?: number; stages?: unknown[] };
}
const payloads = (event: string) =>
  queryRows<Row>(
    db.url,
    `select n.payload->>'title' as title, c.name as channel, n.payload->'data' as data
       from notifications n join app.notification_deliveries d using (notification_id)
       join app.notification_channels c using (channel_id)
      where n.payload->>'event' = $1 order by n.created_at, c.name`,
    [event],
  );

beforeAll(async () => {
  receiver = await startReceiver();
  await importFile(db.core, writeCsv(dir.path, 'first.csv', FIRST), { type: 'developers' });
});
afterAll(async () => {
  await receiver.close();
  dir.remove();
});

describe('events the sender loop finds', () => {
  it('announces each merge suggestion at or above a channel’s threshold once', async () => {
    await call(db.core, 'notifications:save-channel', {
      kind: 'slack',
      name: 'strict',
      target: receiver.url('/strict'),
      events: ['merge.suggested'],
      mergeThreshold: 0.85,
    });
    const taro = pair(await developerId(db.url, 'github:taro-y'), await developerId(db.url, 'connpass:taro-y'));
    expect(await turn()).toMatchObject({ suggested: 1, sent: 1 });
    expect(await payloads('merge.suggested')).toEqual([
      expect.objectContaining({ title: '1 new merge suggestion', channel: 'strict', data: expect.objectContaining({ pairs: [taro] }) }),
    ]);
    expect(await turn()).toMatchObject({ suggested: 0, sent: 0 });

    await importFile(db.core, writeCsv(dir.path, 'second.csv', SECOND), { type: 'developers' });
    const mika = pair(await developerId(db.url, 'mika.ito@gamma.example'), await developerId(db.url, 'mika.ito@delta.example'));
    await call(db.core, 'notifications:save-channel', {
      kind: 'slack',
      name: 'wide',
      target: receiver.url('/wide'),
      events: ['merge.suggested'],
      mergeThreshold: 0.75,
    });
    expect(await turn()).toMatchObject({ suggested: 2, sent: 2 });
    const rows = await payloads('merge.suggested');
    const told = (channel: string) => rows.filter((r) => r.channel === channel).map((r) => [...r.data.pairs!].sort());
    expect(told('strict')).toEqual([[taro], [mika]]);
    // The wide channel is new: everything at or above 0.75 (the 0.8 name-and-organization pair too), once.
    expect(told('wide')).toEqual([expect.arrayContaining([taro, mika])]);
    expect(told('wide')[0]).toHaveLength(3);
    expect(receiver.received.map((r) => r.path).sort()).toEqual(['/strict', '/strict', '/wide']);
  });

  it('sends the weekly digest on Monday 09:00 in the tenant’s zone, once a week', async () => {
    await call(db.core, 'settings:update', { timeZoneSetting: 'Asia/Tokyo' });
    await call(db.core, 'notifications:save-channel', {
      kind: 'slack',
      name: 'digest',
      target: receiver.url('/digest'),
      events: ['digest.weekly'],
    });
    // A week on, the last Monday 09:00 in Tokyo is after now: the week it reports holds today's imports.
    const later = Date.now() + 7 * DAY;
    expect(await turn(later)).toMatchObject({ digest: true });
    const [digest] = await payloads('digest.weekly');
    const slot = Date.parse(`${digest!.data.weekOf}T09:00:00+09:00`);
    expect(new Date(slot).getUTCDay()).toBe(1);
    expect(slot).toBeGreaterThan(Date.now());
    expect(slot).toBeLessThanOrEqual(later);
    // Every developer was made by this file's imports, today.
    const [all] = await queryRows<{ n: number }>(db.url, 'select count(*)::int as n from developers');
    expect(all!.n).toBeGreaterThan(0);
    expect(digest!.data.newDevelopers).toBe(all!.n);
    expect(digest!.data.stages).toHaveLength(4);
    // Not again for the same week, even a minute before the next slot; then once for the next.
    expect(await turn(later)).toMatchObject({ digest: false });
    expect(await turn(slot + 7 * DAY - 60_000)).toMatchObject({ digest: false });
    expect(await turn(slot + 7 * DAY)).toMatchObject({ digest: true });
    expect((await payloads('digest.weekly')).map((r) => r.data.weekOf)).toHaveLength(2);
    expect(receiver.received.filter((r) => r.path === '/digest')).toHaveLength(2);
  });
});
