/**
 * `drm notifications channels | history | test`: the channels and the history
 * as the app shows them (never a secret), and a test send by channel name to
 * a receiver on 127.0.0.1 — exit 0 when sent, 2 when the receiver refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationEntry } from '../../src-shared/contract/notifications';
import { drm } from '../helpers/cli';
import { useCoreOnTestDatabase } from '../helpers/database';
import { call } from '../helpers/merges';
import { startReceiver, type Receiver } from '../helpers/receiver';

const db = useCoreOnTestDatabase();
const SECRET = 'cli-secret-0123456789abcdef';
let receiver: Receiver;

beforeAll(async () => {
  receiver = await startReceiver();
  await call(db.core, 'notifications:save-channel', {
    kind: 'webhook',
    name: 'ops',
    target: receiver.url('/ops'),
    secret: SECRET,
    events: ['import.failed'],
  });
});
afterAll(() => receiver.close());

const run = (...args: string[]) => drm(['notifications', ...args, '--database-url', db.url]);

describe('drm notifications', () => {
  it('lists the channels without their secret', async () => {
    const result = await run('channels');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/ops\s+webhook\s+on\s+import\.failed/);
    const json = await run('channels', '--json');
    expect(JSON.parse(json.stdout)).toEqual([expect.objectContaining({ name: 'ops', hasSecret: true })]);
    expect(result.stdout + json.stdout).not.toContain(SECRET);
  });

  it('sends a test by name (exit 0), reports a refused one (exit 2), and lists both in the history', async () => {
    const sent = await run('test', 'ops');
    expect(sent).toMatchObject({ code: 0, stdout: 'Sent a test to ops.\n' });
    expect(receiver.received.map((r) => r.path)).toEqual(['/ops']);
    receiver.answer(404);
    const refused = await run('test', 'ops');
    expect(refused.code).toBe(2);
    expect(refused.stdout).toContain('HTTP 404');
    const history = JSON.parse((await run('history', '--json')).stdout) as NotificationEntry[];
    expect(history.map((e) => [e.event, e.status])).toEqual([
      ['test', 'failed'],
      ['test', 'sent'],
    ]);
    expect((await run('test', 'nobody')).code).toBe(2);
    expect((await run('history', '--limit', '0')).code).toBe(2);
  });
});
