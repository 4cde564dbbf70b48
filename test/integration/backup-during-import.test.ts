/**
 * A backup taken while an import runs reads one snapshot: it holds all of
 * that import or none of it, in every table alike. Restoring it marks the
 * job as interrupted (it is not running in the restored database), and a
 * restore is refused while an import runs.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBackupHead } from '../../src-main/core/backup/read';
import { startCore, type Core } from '../../src-main/core';
import { queryValue } from '../helpers/backup';
import { createTestDatabase, useCoreOnTestDatabase } from '../helpers/database';
import { importFile, startFileImport, writeCsv } from '../helpers/imports';
import { makeTempDir } from '../helpers/temp';

const original = useCoreOnTestDatabase();
const dir = makeTempDir('backup-during-import');
// Large enough to take seconds, and to take the bulk path (indexes dropped inside the import's transaction).
const ROWS = 60_000;
let big: string;

beforeAll(async () => {
  const small = 'occurred_at,action,source,email,display_name\n2026-01-05T10:00:00Z,signup,web,first@example.com,First\n';
  expect((await importFile(original.core, writeCsv(dir.path, 'small.csv', small), { type: 'activities' })).status).toBe('succeeded');
  const lines = ['occurred_at,action,source,email,display_name'];
  for (let i = 0; i < ROWS; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    lines.push(
      `2026-02-${day}T${String(i % 24).padStart(2, '0')}:00:00Z,${i % 3 === 0 ? 'signup' : 'click'},web,dev${i % 5000}@example.com,Dev ${i % 5000}`,
    );
  }
  big = writeCsv(dir.path, 'big.csv', `${lines.join('\n')}\n`);
});

afterAll(() => dir.remove());

const counts = async () => ({
  activities: await queryValue<number>(original.url, 'select count(*)::int as value from activities'),
  developers: await queryValue<number>(original.url, 'select count(*)::int as value from developers'),
});

async function runningJob(core: Core, jobId: string): Promise<void> {
  for (;;) {
    const job = await core.handlers['import:get-job']({ jobId });
    if (!job.ok) throw new Error(job.error.message);
    if (job.value.status === 'running') return;
    if (job.value.status !== 'queued') throw new Error(`the import ended before the backup: ${job.value.status}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('a backup taken during an import', () => {
  it('holds all of it or none of it, and a restore waits for no import', async () => {
    const core = original.core;
    const listed = await core.handlers['backup:create']({});
    if (!listed.ok) throw new Error(listed.error.message);
    const before = await counts();
    const started = await startFileImport(core, big, { type: 'activities' });
    if (!started.ok) throw new Error(started.error.message);
    await runningJob(core, started.value.jobId);

    const refused = await core.handlers['backup:restore']({ id: listed.value.id });
    expect(refused.ok ? 'restored' : refused.error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/import is running/),
    });

    const during = await core.backups.create({ out: join(dir.path, 'during.drmbackup') });
    expect(await core.importer.settled(started.value.jobId)).toBe('succeeded');
    const after = await counts();
    expect(after.activities).toBe(before.activities + ROWS);

    const rows = (await readBackupHead(during.file)).manifest.tables;
    const held = (name: string) => rows.find((t) => t.schema === 'public' && t.name === name)!.rows;
    // One snapshot: activities and the developers they created agree, and match one side of the import.
    const side = held('activities') === before.activities ? before : after;
    expect({ activities: held('activities'), developers: held('developers') }).toEqual(side);

    // Restored elsewhere, the job is not left "running" for ever.
    const other = await createTestDatabase();
    const restoredCore = await startCore({ databaseUrl: other.url });
    try {
      await restoredCore.backups.restore(during.file, { replace: true });
      const status = await queryValue<string>(other.url, 'select status as value from import_jobs where job_id = $1', [
        started.value.jobId,
      ]);
      expect(['succeeded', 'failed']).toContain(status);
      if (side === before) expect(status).toBe('failed');
    } finally {
      await restoredCore.stop();
      await other.drop();
    }
  });
});
