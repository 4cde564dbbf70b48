/**
 * An activities import lets go of the actors it gathered while the file
 * streamed (load/actors.ts) as soon as their identities are resolved, not
 * when the import ends: at 1M rows they were ~90 MB of the heap kept alive
 * through the derived refresh that follows, which V8 let grow to a few times
 * what it kept alive (the import's peak RSS).
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startCore } from '../../src-main/core/index';
import type { ActorSighting } from '../../src-main/core/imports/load/actors';
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
      let given: Map<string, ActorSighting> | undefined;
      let sizeWhenGiven = 0;
      useIdentityResolver(async (db, tenant, actors) => {
        given = actors;
        sizeWhenGiven = actors?.size ?? 0;
        return resolveIdentitiesInMemory(db, tenant, actors);
      });
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
      // … and nothing of them is held once it is done.
      expect(given?.size).toBe(0);
    } finally {
      await core.stop();
      await database.drop();
    }
  });
});
