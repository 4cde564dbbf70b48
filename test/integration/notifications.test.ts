/**
 * Notifications over HTTP against a receiver on 127.0.0.1 (no other address
 * is ever contacted): the Slack body, the webhook's signature checked here
 * with our own HMAC, retries with backoff on an injected clock (a 500 then a
 * 200 ends sent; a 400 ends failed at once; five failures give up), an
 * import that fails notifies, a rolled-back transaction queues nothing, and
 * no channel's answer ever holds the webhook secret.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TENANT } from '../../src-main/core/db/seed';
import { inTransaction } from '../../src-main/core/db/transaction';
import { RETRY_DELAYS_MS, sendDue, type SendClock } from '../../src-main/core/notifications/deliver';
import { notify, type NotifyEvent } from '../../src-main/core/notifications/notify';
import type { SaveChannelInput } from '../../src-shared/contract/notifications';
import { useCoreOnTestDatabase } from '../helpers/database';
import { importFile, queryRows, writeCsv } from '../helpers/imports';
import { call, callError } from '../helpers/merges';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('notifications');
const db = useCoreOnTestDatabase();
const SECRET = 'whsec-7f3a9c1e5b2d4086a1';
let receiver: Receiver;

beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
  dir.remove();
});
beforeEach(async () => {
  receiver.received.length = 0;
  await queryRows(db.url, 'delete from app.notification_channels');
  await queryRows(db.url, 'delete from notifications');
});

const T0 = new Date(Date.now() + 60_000);
const at = (ms: number): SendClock => ({ now: () => new Date(T0.getTime() + ms), random: () => 0.5 });
const send = (clock: SendClock) => db.core.withDatabase((d) => sendDue(d, DEFAULT_TENANT, clock));
const EVENT: NotifyEvent = { event: 'import.failed', title: 'Import failed: x.csv', text: 'Bad header', data: { jobId: 'j1' } };
const queue = (event: NotifyEvent = EVENT) => db.core.withDatabase((d) => notify(d, DEFAULT_TENANT, event));

const webhook = (extra: Partial<SaveChannelInput> = {}) =>
  call(db.core, 'notifications:save-channel', {
    kind: 'webhook',
    name: 'Ops hook',
    target: receiver.url('/hook?token=abc'),
    secret: SECRET,
    events: ['import.failed', 'import.finished'],
    ...extra,
  });

const history = () => call(db.core, 'notifications:list-history', {});

describe('notifications over HTTP', () => {
  it('posts a Slack channel’s test as {text, blocks} and records it sent', async () => {
    const slack = await call(db.core, 'notifications:save-channel', {
      kind: 'slack',
      name: 'DevRel Slack',
      target: receiver.url('/services/T000/B000/XXXX'),
      events: ['backup.failed'],
    });
    const entry = await call(db.core, 'notifications:send-test', { channelId: slack.channelId });
    expect(entry).toMatchObject({
      status: 'sent',
      channel: 'slack',
      channelName: 'DevRel Slack',
      event: 'test',
      attempts: 1,
      errorMessage: null,
    });
    // The URL's path is the Slack key: the history keeps only the host.
    expect(entry.target).toBe(`${new URL(receiver.url()).origin}/…`);
    expect(receiver.received).toHaveLength(1);
    const body = JSON.parse(receiver.received[0]!.body) as { text: string; blocks: { type: string }[] };
    expect(receiver.received[0]!.path).toBe('/services/T000/B000/XXXX');
    expect(receiver.received[0]!.headers['content-type']).toBe('application/json');
    expect(body.text).toContain('Test notification from DRM Desktop');
    expect(body.blocks.map((b) => b.type)).toEqual(['header', 'section']);
  });

  it('signs a webhook: sha256 HMAC of "<timestamp>.<raw body>" with the channel’s secret', async () => {
    await webhook();
    await queue();
    expect(await send(at(0))).toEqual({ sent: 1, failed: 0, retrying: 0 });
    const [request] = receiver.received;
    const timestamp = request!.headers['x-drm-timestamp'] as string;
    expect(Number(timestamp)).toBe(Math.floor(T0.getTime() / 1000));
    const expected = `sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${request!.body}`).digest('hex')}`;
    expect(request!.headers['x-drm-signature']).toBe(expected);
    // The same body under another timestamp (a replay with a fresh time) does not verify.
    const replayed = `sha256=${createHmac('sha256', SECRET)
      .update(`${Number(timestamp) + 600}.${request!.body}`)
      .digest('hex')}`;
    expect(request!.headers['x-drm-signature']).not.toBe(replayed);
    const body = JSON.parse(request!.body) as Record<string, unknown>;
    expect(body).toMatchObject({ event: 'import.failed', title: 'Import failed: x.csv', data: { jobId: 'j1' } });
    expect(request!.headers['x-drm-delivery']).toBe(body.id);
    const [entry] = await history();
    expect(entry).toMatchObject({ status: 'sent', target: `${new URL(receiver.url()).origin}/…` });
  });

  it('retries a 500 after a minute (backoff on the injected clock) and ends sent on the 200', async () => {
    await webhook();
    await queue();
    receiver.answer(500);
    expect(await send(at(0))).toEqual({ sent: 0, failed: 0, retrying: 1 });
    let [entry] = await history();
    expect(entry).toMatchObject({ status: 'queued', attempts: 1, sentAt: null });
    expect(entry!.errorMessage).toContain('HTTP 500');
    expect(entry!.nextAttemptAt).toBe(new Date(T0.getTime() + RETRY_DELAYS_MS[0]).toISOString());
    // Not yet due: nothing is sent.
    expect(await send(at(RETRY_DELAYS_MS[0] - 1000))).toEqual({ sent: 0, failed: 0, retrying: 0 });
    expect(receiver.received).toHaveLength(1);
    expect(await send(at(RETRY_DELAYS_MS[0]))).toEqual({ sent: 1, failed: 0, retrying: 0 });
    [entry] = await history();
    expect(entry).toMatchObject({ status: 'sent', attempts: 2, errorMessage: null, nextAttemptAt: null });
    expect(receiver.received).toHaveLength(2);
  });

  it('waits 1, 5, 30 minutes and 2 hours between tries, then fails with the last error', async () => {
    await webhook();
    await queue();
    receiver.answer(503, 503, 429, 408, 502);
    let elapsed = 0;
    await send(at(elapsed));
    for (const delay of RETRY_DELAYS_MS) {
      const [entry] = await history();
      expect(entry!.nextAttemptAt).toBe(new Date(T0.getTime() + elapsed + delay).toISOString());
      elapsed += delay;
      await send(at(elapsed));
    }
    const [entry] = await history();
    expect(entry).toMatchObject({ status: 'failed', attempts: 5, nextAttemptAt: null, sentAt: null });
    expect(entry!.errorMessage).toContain('HTTP 502');
    expect(receiver.received).toHaveLength(5);
    expect(await send(at(elapsed + 24 * 3600_000))).toEqual({ sent: 0, failed: 0, retrying: 0 });
  });

  it('fails a 400 at once with the error, without retrying', async () => {
    await webhook();
    await queue();
    receiver.answer(400);
    expect(await send(at(0))).toEqual({ sent: 0, failed: 1, retrying: 0 });
    const [entry] = await history();
    expect(entry).toMatchObject({ status: 'failed', attempts: 1, nextAttemptAt: null });
    expect(entry!.errorMessage).toMatch(/HTTP 400 \(not retried/);
    expect(await send(at(RETRY_DELAYS_MS[3] * 2))).toEqual({ sent: 0, failed: 0, retrying: 0 });
    expect(receiver.received).toHaveLength(1);
  });

  it('queues an event only for the enabled channels that take it', async () => {
    await webhook({ name: 'failures', events: ['import.failed'] });
    await webhook({ name: 'off', enabled: false });
    await webhook({ name: 'backups only', events: ['backup.failed'] });
    await queue();
    expect((await history()).map((e) => e.channelName)).toEqual(['failures']);
  });

  it('notifies when an import fails, and tells the desktop', async () => {
    await webhook();
    const raised: string[] = [];
    const stop = db.core.events.on('notification:raised', ({ title }) => raised.push(title));
    const job = await importFile(
      db.core,
      writeCsv(dir.path, 'broken.csv', 'occurred_at,action,source,email\nnot-a-date,signup,web,a@example.com\n'),
      {
        type: 'activities',
      },
    );
    stop();
    expect(job.status).toBe('rejected');
    const [entry] = await history();
    expect(entry).toMatchObject({ event: 'import.failed', title: 'Import failed: broken.csv', status: 'queued' });
    expect(raised).toEqual(['Import failed: broken.csv']);
    await send(at(0));
    const body = JSON.parse(receiver.received[0]!.body) as { event: string; data: { jobId: string; status: string } };
    expect(body).toMatchObject({ event: 'import.failed', data: { jobId: job.jobId, status: 'rejected' } });
  });

  it('queues nothing for work that rolled back', async () => {
    await webhook();
    const attempt = db.core.withDatabase((d) =>
      inTransaction(d, async (tx) => {
        expect(await notify(tx, DEFAULT_TENANT, EVENT)).toHaveLength(1);
        throw new Error('the work failed');
      }),
    );
    await expect(attempt).rejects.toThrow('the work failed');
    expect(await history()).toEqual([]);
    expect(await queryRows(db.url, 'select * from app.notification_deliveries')).toEqual([]);
    expect(await send(at(0))).toEqual({ sent: 0, failed: 0, retrying: 0 });
    expect(receiver.received).toEqual([]);
  });

  it('never answers with the webhook secret, and undoes a delete', async () => {
    const saved = await webhook();
    expect(saved.hasSecret).toBe(true);
    const edited = await webhook({ channelId: saved.channelId, name: 'Renamed', secret: undefined });
    expect(edited).toMatchObject({ name: 'Renamed', hasSecret: true });
    const answers: unknown[] = [saved, edited, await call(db.core, 'notifications:list-channels', {})];
    answers.push(await call(db.core, 'notifications:send-test', { channelId: saved.channelId }), await history());
    const deleted = await call(db.core, 'notifications:delete-channel', { channelId: saved.channelId });
    answers.push(deleted, await call(db.core, 'notifications:list-channels', {}), await history());
    const restored = await call(db.core, 'notifications:restore-channel', { undoToken: deleted.undoToken });
    answers.push(restored);
    expect(restored).toMatchObject({ channelId: saved.channelId, name: 'Renamed', hasSecret: true });
    for (const answer of answers) expect(JSON.stringify(answer)).not.toContain(SECRET);
    // The secret kept through the edit and the undo still signs.
    await call(db.core, 'notifications:send-test', { channelId: saved.channelId });
    const last = receiver.received.at(-1)!;
    const signed = createHmac('sha256', SECRET)
      .update(`${last.headers['x-drm-timestamp'] as string}.${last.body}`)
      .digest('hex');
    expect(last.headers['x-drm-signature']).toBe(`sha256=${signed}`);
    expect((await callError(db.core, 'notifications:restore-channel', { undoToken: deleted.undoToken })).code).toBe('NOT_FOUND');
  });

  it('refuses a webhook without a secret and a target that is no URL', async () => {
    expect(
      (await callError(db.core, 'notifications:save-channel', { kind: 'webhook', name: 'x', target: receiver.url(), events: [] })).message,
    ).toMatch(/secret/);
    const bad = await callError(db.core, 'notifications:save-channel', { kind: 'slack', name: 'x', target: 'hooks.slack.com', events: [] });
    expect(bad).toMatchObject({ code: 'BAD_INPUT' });
    expect(bad.message).toContain('target');
  });
});
