/**
 * `drm notifications channels | history [--limit N] | test CHANNEL [--json]`:
 * the notification channels, what was sent, and a test send to one channel
 * (by name or id), through the same handlers as Settings → Notifications.
 * A command only queues what its work raises; the app and `drm serve` send.
 */
import type { NotificationChannel, NotificationEntry } from '../../src-shared/contract/notifications';
import { parseOptions, Refusal, resolveTarget, targetOptions, unwrap, UsageError, withCore } from './context';
import { columns } from './terminal';

const OPTIONS = { ...targetOptions, json: { type: 'boolean', default: false }, limit: { type: 'string' } } as const;
const USAGE = 'drm notifications channels | history [--limit N] | test CHANNEL';

function formatChannels(list: NotificationChannel[]): string {
  if (list.length === 0) return 'No notification channels yet: add one in Settings → Notifications.';
  const body = list.map((c) => [c.name, c.kind, c.enabled ? 'on' : 'off', c.events.join(', ') || '-', c.target]);
  return columns(['name', 'kind', 'state', 'events', 'sends to'], body).join('\n');
}

function formatHistory(list: NotificationEntry[]): string {
  if (list.length === 0) return 'Nothing has been sent yet.';
  const body = list.map((e) => [e.sentAt ?? e.createdAt, e.channelName ?? '(deleted)', e.event, e.status, e.errorMessage ?? '']);
  return columns(['time', 'channel', 'event', 'status', 'error'], body).join('\n');
}

function parseLimit(text: string | undefined): number {
  if (text === undefined) return 100;
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500)
    throw new UsageError(`--limit must be a whole number from 1 to 500, got ${text}`);
  return limit;
}

export async function notificationsCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseOptions(rest, OPTIONS, true);
  const want = (n: number) => {
    if (positionals.length !== n) throw new UsageError(`drm notifications ${sub} takes ${n} argument(s): ${USAGE}`);
  };
  const print = (json: unknown, text: string) => process.stdout.write(values.json ? `${JSON.stringify(json, null, 2)}\n` : `${text}\n`);
  const target = resolveTarget(values);
  switch (sub) {
    case 'channels': {
      want(0);
      const list = await withCore(target, async (core) => unwrap(await core.handlers['notifications:list-channels']({})));
      print(list, formatChannels(list));
      return 0;
    }
    case 'history': {
      want(0);
      const limit = parseLimit(values.limit);
      const list = await withCore(target, async (core) => unwrap(await core.handlers['notifications:list-history']({ limit })));
      print(list, formatHistory(list));
      return 0;
    }
    case 'test': {
      want(1);
      const wanted = positionals[0]!;
      const entry = await withCore(target, async (core) => {
        const channels = unwrap(await core.handlers['notifications:list-channels']({}));
        const channel = channels.find((c) => c.channelId === wanted) ?? channels.find((c) => c.name === wanted);
        if (!channel) throw new Refusal(`No notification channel named "${wanted}" (drm notifications channels lists them)`);
        return unwrap(await core.handlers['notifications:send-test']({ channelId: channel.channelId }));
      });
      const sent = entry.status === 'sent';
      print(entry, sent ? `Sent a test to ${entry.channelName}.` : `The test to ${entry.channelName} failed: ${entry.errorMessage}`);
      // A failed send is the channel's to fix (its URL, secret or the SMTP settings): a refusal, not a crash.
      return sent ? 0 : 2;
    }
    default:
      throw new UsageError(USAGE);
  }
}
