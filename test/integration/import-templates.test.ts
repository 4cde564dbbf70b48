/**
 * The app's templates as a user downloads them (issue 11, section 3): each
 * has one example row under its header, and that row imports without an
 * error, into an empty database, in the order a user fills them in.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { useCoreOnTestDatabase } from '../helpers/database';
import { importFile, queryRows, writeCsv } from '../helpers/imports';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('import-templates');
const db = useCoreOnTestDatabase();
afterAll(() => dir.remove());

const PRIMARY = { campaigns: 'campaigns', budgets: 'budgets', developers: 'developers', activities: 'activities' } as const;

describe('templates', () => {
  it('import their example row as it is, each adding the one thing it describes', async () => {
    for (const type of Object.keys(PRIMARY) as (keyof typeof PRIMARY)[]) {
      const template = await db.core.handlers['import:get-template']({ type });
      if (!template.ok) throw new Error(template.error.message);
      const [header, example, rest] = template.value.content.replace(/^\uFEFF/, '').split('\r\n');
      expect(header, type).not.toBe('');
      expect(example, type).not.toBe('');
      expect(rest, type).toBe('');
      const job = await importFile(db.core, writeCsv(dir.path, template.value.fileName, template.value.content));
      expect(job, type).toMatchObject({ type, status: 'succeeded', rowsRead: 1, rejected: 0, skipped: 0, errorCount: 0 });
      expect(job.inserted[PRIMARY[type]], type).toBe(1);
    }
    // The budget line found the campaign of the campaigns example.
    const [spent] = await queryRows<{ name: string; amount: string }>(
      db.url,
      'select c.name, b.amount::text from budgets b join campaigns c using (campaign_id)',
    );
    expect(spent).toEqual({ name: 'Tokyo Meetup 2026', amount: '120000' });
  });
});
