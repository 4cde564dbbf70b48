/**
 * `system:get-data-presence`: the Overview's empty state and the sample-data
 * offer ask whether anything is imported, not how many rows every table holds
 * (issue 12: exact counts cost seconds at 10M activities). It must still say
 * "empty" exactly when nothing is imported, and follow each kind of import.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { useCoreOnTestDatabase } from '../helpers/database';
import { importFile, writeCsv } from '../helpers/imports';
import { call } from '../helpers/merges';
import { makeTempDir } from '../helpers/temp';

const db = useCoreOnTestDatabase();
const dir = makeTempDir('system-presence');
afterAll(() => dir.remove());

describe('system:get-data-presence', () => {
  it('is empty on a new database, then follows a developers import and an activities import', async () => {
    expect(await call(db.core, 'system:get-data-presence', {})).toEqual({ developers: false, activities: false });

    const devs = await importFile(db.core, writeCsv(dir.path, 'developers.csv', 'display_name,email\nAnn,ann@example.com\n'), {
      type: 'developers',
    });
    expect(devs.status).toBe('succeeded');
    expect(await call(db.core, 'system:get-data-presence', {})).toEqual({ developers: true, activities: false });

    const acts = await importFile(
      db.core,
      writeCsv(dir.path, 'activities.csv', 'occurred_at,action,source,email\n2026-01-01T00:00:00Z,click,web,ann@example.com\n'),
      { type: 'activities', options: { timezone: 'UTC' } },
    );
    expect(acts.status).toBe('succeeded');
    expect(await call(db.core, 'system:get-data-presence', {})).toEqual({ developers: true, activities: true });
  });

  it('refuses input it does not take', async () => {
    const result = await db.core.handlers['system:get-data-presence']({ extra: 1 } as never);
    expect(result.ok).toBe(false);
  });
});
