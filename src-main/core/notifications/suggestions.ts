/**
 * New merge suggestions: for each channel that takes them, the pending pairs
 * scoring at or above its threshold that no earlier notification of that
 * channel named. What was announced is the notification's own payload
 * (`data.pairs`), so "new" needs no state beside the history.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/db';
import { notifications } from '../db/schema';
import { notificationDeliveries } from '../db/schema-app';
import { listSuggestions } from '../merges/suggestions';
import { channelOptions, channelsFor, type ChannelRow } from './channels';
import { notify } from './notify';

/** The most pairs looked at per check: the page the Merges screen opens with. */
const LOOKED_AT = 100;

const pairKey = (a: string, b: string) => (a < b ? `${a} ${b}` : `${b} ${a}`);

async function announcedPairs(db: Db, channelId: string): Promise<Set<string>> {
  const rows = await db
    .select({ pair: sql<string>`jsonb_array_elements_text(${notifications.payload}->'data'->'pairs')` })
    .from(notifications)
    .innerJoin(notificationDeliveries, eq(notificationDeliveries.notificationId, notifications.notificationId))
    .where(and(eq(notificationDeliveries.channelId, channelId), sql`${notifications.payload}->>'event' = 'merge.suggested'`));
  return new Set(rows.map((r) => r.pair));
}

/** Queues one notification per channel that has new pairs; returns how many were queued. */
export async function queueNewSuggestions(db: Db, tenant: string): Promise<number> {
  const channels = await channelsFor(db, tenant, 'merge.suggested');
  if (channels.length === 0) return 0;
  const suggestions = await listSuggestions(db, tenant, LOOKED_AT);
  let queued = 0;
  for (const channel of channels) {
    const seen = await announcedPairs(db, channel.channelId);
    const fresh = suggestions.filter(
      (s) => s.score >= channelOptions(channel).mergeThreshold && !seen.has(pairKey(s.a.developerId, s.b.developerId)),
    );
    if (fresh.length === 0) continue;
    await notify(db, tenant, suggestionMessage(fresh, channel), channel);
    queued += 1;
  }
  return queued;
}

type Suggestion = Awaited<ReturnType<typeof listSuggestions>>[number];

function suggestionMessage(fresh: Suggestion[], channel: ChannelRow) {
  const name = (d: Suggestion['a']) => d.displayName ?? d.primaryEmail ?? d.developerId;
  const shown = fresh.slice(0, 5).map((s) => `${name(s.a)} ↔ ${name(s.b)} (${Math.round(s.score * 100)} %)`);
  return {
    event: 'merge.suggested' as const,
    title: `${fresh.length} new merge suggestion${fresh.length === 1 ? '' : 's'}`,
    text: `${shown.join('\n')}${fresh.length > shown.length ? `\n… and ${fresh.length - shown.length} more` : ''}\nReview them in DRM Desktop → Developers → Merge suggestions.`,
    data: {
      threshold: channelOptions(channel).mergeThreshold,
      pairs: fresh.map((s) => pairKey(s.a.developerId, s.b.developerId)),
      suggestions: fresh.map((s) => ({ a: s.a.developerId, b: s.b.developerId, score: s.score })),
    },
  };
}
