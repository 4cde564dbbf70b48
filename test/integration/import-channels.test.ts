/**
 * The import channels a first-time user meets: formats for the mapping
 * editor, templates to fill in, the bundled sample data, and clear refusals.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { useCoreOnTestDatabase } from '../helpers/database';
import { fileHandle, queryRows, writeCsv } from '../helpers/imports';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('import-channels');
const db = useCoreOnTestDatabase();
afterAll(() => dir.remove());

describe('import channels', () => {
  it('lists the eight formats with their fields, the required ones marked', async () => {
    const formats = await db.core.handlers['import:list-formats']({});
    if (!formats.ok) throw new Error(formats.error.message);
    expect(formats.value.map((f) => f.type)).toEqual([
      'activities',
      'developers',
      'campaigns',
      'budgets',
      'connpass',
      'github-stars',
      'slack-members',
      'shortlink-clicks',
    ]);
    const activities = formats.value.find((f) => f.type === 'activities')!;
    expect(activities.template).toBe(true);
    expect(activities.fields.filter((f) => f.required).map((f) => f.name)).toEqual(['occurred_at', 'action']);
    expect(formats.value.find((f) => f.type === 'connpass')?.template).toBe(false);
  });

  it('gives templates with an example row that the importer recognises, and none for other services', async () => {
    for (const type of ['activities', 'developers', 'campaigns', 'budgets'] as const) {
      const template = await db.core.handlers['import:get-template']({ type });
      if (!template.ok) throw new Error(template.error.message);
      expect(template.value.content.startsWith('\uFEFF')).toBe(true);
      const path = writeCsv(dir.path, template.value.fileName, template.value.content);
      const preview = await db.core.handlers['import:preview']({ fileHandle: await fileHandle(db.core, path) });
      expect(preview.ok && preview.value.type, type).toBe(type);
      // One example row under the header (issue 11, section 3; import-templates.test.ts imports it).
      expect(preview.ok && preview.value.rows, type).toHaveLength(1);
    }
    const none = await db.core.handlers['import:get-template']({ type: 'connpass' });
    expect(none).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('refuses clearly: a missing file, an unmapped required field, an unknown time zone', async () => {
    await expect(db.core.files.register('/nonexistent/file.csv')).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('file.csv'),
    });
    const gone = writeCsv(dir.path, 'gone.csv', 'when,what,email\n');
    const goneHandle = await fileHandle(db.core, gone);
    rmSync(gone);
    const missing = await db.core.handlers['import:preview']({ fileHandle: goneHandle });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('gone.csv') } });
    const file = writeCsv(dir.path, 'a.csv', 'when,what,email\n2024-01-01,view,a@example.com\n');
    const unmapped = await db.core.handlers['import:start']({
      fileHandle: await fileHandle(db.core, file),
      type: 'activities',
      mapping: { occurred_at: 'when' },
    });
    expect(unmapped).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('action') } });
    const zone = await db.core.handlers['import:start']({
      fileHandle: await fileHandle(db.core, file),
      type: 'activities',
      mapping: { occurred_at: 'when', action: 'what', email: 'email' },
      options: { timezone: 'Mars/Olympus' },
    });
    expect(zone).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('Mars/Olympus') } });
    const jobs = await db.core.handlers['import:list-jobs']({});
    expect(jobs.ok && jobs.value).toEqual([]);
  });

  it('loads the bundled sample data: every file succeeds and people are linked across services', async () => {
    expect(await db.core.handlers['analytics:get-activity-range']({})).toEqual({ ok: true, value: { from: null, to: null } });
    const sample = await db.core.handlers['import:load-sample']({});
    if (!sample.ok) throw new Error(sample.error.message);
    expect(sample.value.jobIds.length).toBe(7);
    for (const jobId of sample.value.jobIds) {
      expect(await db.core.importer.settled(jobId)).toBe('succeeded');
      const job = await db.core.handlers['import:get-job']({ jobId });
      expect(job.ok && job.value.rejected, job.ok ? job.value.fileName : '').toBe(0);
    }
    const [people] = await queryRows<{ developers: number; multi: number; japanese: number }>(
      db.url,
      `select count(*)::int as developers,
              count(*) filter (where (select count(distinct provider) from accounts a where a.developer_id = d.developer_id) >= 2)::int as multi,
              count(*) filter (where display_name ~ '[一-龯ぁ-んァ-ン]')::int as japanese
         from developers d`,
    );
    expect(people!.developers).toBeGreaterThan(250);
    expect(people!.multi).toBeGreaterThan(50);
    expect(people!.japanese).toBeGreaterThan(30);
    const [budgets] = await queryRows<{ n: number }>(db.url, 'select count(*)::int as n from budgets');
    expect(budgets!.n).toBeGreaterThan(10);
    // The sample's period, where the app lands once it is loaded: its fiscal year, April 2024 – March 2025,
    // in days of the tenant's zone, the last one included.
    const settings = await db.core.handlers['settings:get']({});
    const zone = settings.ok ? settings.value.timeZone : 'UTC';
    const [days] = await queryRows<{ first: string; last: string }>(
      db.url,
      `select to_char(min(occurred_at) at time zone $1, 'YYYY-MM-DD') as first,
              to_char(max(occurred_at) at time zone $1 + interval '1 day', 'YYYY-MM-DD') as last from activities`,
      [zone],
    );
    expect(days).toMatchObject({ first: expect.stringMatching(/^2024-04-/), last: expect.stringMatching(/^2025-0[34]-/) });
    expect(await db.core.handlers['analytics:get-activity-range']({})).toEqual({ ok: true, value: { from: days!.first, to: days!.last } });
  });
});
