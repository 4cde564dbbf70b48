/**
 * An activities import lets go of the actors it gathered while the file
 * streamed (load/actors.ts) as soon as their identities are resolved, not
 * when the import ends: at 1M rows they were ~90 MB of the heap kept alive
 * through the derived refresh that follows, which V8 let grow to a few times
 * what it kept alive (the import's peak RSS). And they are collected then
 * (load/collect-garbage.ts): Node does not collect while it waits on SQL, so
 * without it they stayed on the heap through the refresh (the 200k identity
 * rows' peak).
 */
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startCore } from '../../src-main/core/index';
import type { Actors } from '../../src-main/core/imports/load/actors';
import { useIdentityResolver } from '../../src-main/core/imports/load/activity-resolve';
import { resolveIdentitiesInMemory } from '../../src-main/core/imports/load/identity-memory';
import { createTestDatabase } from '../helpers/database';
import { importFile, writeCsv } from '../helpers/imports';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('actors-released');
afterAll(() => dir.remove());
afterEach(() => useIdentityResolver(undefined));

describe('the actors an import gathered', () => {
  it('are resolved, then released before the derived refresh', async () => {
    const database = await createTestDatabase();
    const core = await startCore({ databaseUrl: database.url });
    try {
      // The app's resolver, watched: what it was given, and how many actors that held then.
      let given: Actors | undefined;
      let sizeWhenGiven = 0;
      let resolvedAt = Infinity;
      useIdentityResolver(async (db, tenant, actors) => {
        given = actors;
        sizeWhenGiven = actors?.size ?? 0;
        const counts = await resolveIdentitiesInMemory(db, tenant, actors);
        resolvedAt = performance.now();
        return counts;
      });
      // V8's full collections (mark-compact) during the import.
      const collections: PerformanceEntry[] = [];
      const observer = new PerformanceObserver((list) => collections.push(...list.getEntries()));
      observer.observe({ entryTypes: ['gc'] });
      const file = writeCsv(
        dir.path,
        'activities.csv',
        [
          'occurred_at,action,source,email,display_name,provider,external_user_id',
          '2024-05-01 10:00,click,web,a@example.com,Aiko,github,101',
          '2024-05-01 11:00,view,web,b@example.com,Ben,,',
          '2024-05-02 09:00,click,web,a@example.com,Aiko,,',
        ].join('\n'),
      );
      const job = await importFile(core, file, { type: 'activities', options: { timezone: 'UTC' } });
      expect(job.status, job.message ?? '').toBe('succeeded');
      expect(job.inserted.developers).toBe(2);
      // Three actors (the account, and the two emails without one) reached the resolver …
      expect(sizeWhenGiven).toBe(3);
      // … and nothing of them is held once it is done …
      expect(given?.size).toBe(0);
      // … and a full collection started once resolution returned (a 3-row import needs none of its own).
      await new Promise((resolve) => setImmediate(resolve));
      observer.disconnect();
      const major = collections.filter(
        (e) => (e.detail as { kind: number }).kind === constants.NODE_PERFORMANCE_GC_MAJOR && e.startTime >= resolvedAt,
      );
      expect(major.length).toBeGreaterThan(0);
    } finally {
      await core.stop();
      await database.drop();
    }
  });
});
