/**
 * The sender loop of a session: every little while (and at once when a
 * write announces new notifications), queue new merge suggestions and a due
 * weekly digest, then send what is due. Started and stopped with the session
 * (session.ts), so a restore never leaves it writing to the data it replaced.
 */
import { startSchedule } from '../backup/schedule';
import type { Db } from '../db/db';
import type { CoreEvents } from '../events';
import { sendDue, systemClock, type SendClock } from './deliver';
import { queueDigestIfDue } from './digest';
import { queueNewSuggestions } from './suggestions';

const LOOP_EVERY_MS = 15_000;

/** One turn of the loop: what the timer runs, and what tests call with their own clock. */
export async function senderTurn(db: Db, tenant: string, clock: SendClock = systemClock) {
  const suggested = await queueNewSuggestions(db, tenant);
  const digest = await queueDigestIfDue(db, tenant, clock.now());
  const sent = await sendDue(db, tenant, clock);
  return { suggested, digest, ...sent };
}

interface SenderLoop {
  stop(): Promise<void>;
}

export function startSenderLoop(db: Db, events: CoreEvents, tenant: string): SenderLoop {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const turn = () => {
    if (stopped) return Promise.resolve();
    // One turn at a time: a wake during a turn runs after it.
    running = running
      .then(async () => {
        if (stopped) return;
        const done = await senderTurn(db, tenant);
        // Only the deliveries' table: 'notifications' is what wakes this loop.
        if (done.sent + done.failed + done.retrying > 0) events.emit('db:changed', { tables: ['app.notification_deliveries'] });
      })
      .catch(() => undefined);
    return running as Promise<void>;
  };
  const stopTimer = startSchedule(turn, { firstAfterMs: 1_000, everyMs: LOOP_EVERY_MS });
  const unsubscribe = events.on('db:changed', ({ tables }) => {
    if (tables.includes('notifications')) void turn();
  });
  return {
    async stop() {
      stopped = true;
      stopTimer();
      unsubscribe();
      await running;
    },
  };
}
