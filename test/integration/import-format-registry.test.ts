/**
 * Adding an import format means adding one file (issue 10): a format that
 * exists only in tests (test/fixtures/formats/test-format.ts) registers
 * itself, and with nothing else changed it is listed by import:list-formats,
 * recognised by the preview from its headers, validated row by row in the
 * parse workers, and imported through the real pipeline into a real database.
 */
import { afterAll, describe, expect, it } from 'vitest';
import '../fixtures/formats/test-format';
import { useCoreOnTestDatabase } from '../helpers/database';
import { fileHandle, importFile, previewFile, queryRows, writeCsv } from '../helpers/imports';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('import-format-registry');
const db = useCoreOnTestDatabase();
afterAll(() => dir.remove());

const rsvps =
  'Member ID,Member Name,RSVP at,Event Name,Response,Table\nkenta,Kenta,2024-06-01 10:00,TS Night #4,yes,A\nyui,,2024-06-01 11:30,TS Night #4,no,\n';

describe('a format registered in one file', () => {
  it('is listed by import:list-formats with everything the renderer and the CLI need', async () => {
    const formats = await db.core.handlers['import:list-formats']({});
    if (!formats.ok) throw new Error(formats.error.message);
    expect(formats.value.find((format) => format.type === 'meetup-rsvps')).toEqual({
      type: 'meetup-rsvps',
      label: 'Meetup RSVPs (test format)',
      shortLabel: 'Meetup RSVPs',
      labelKeys: { label: 'imports.types.meetup-rsvps', shortLabel: 'imports.typeShort.meetup-rsvps' },
      fields: [
        { name: 'member_id', required: true },
        { name: 'member_name', required: false },
        { name: 'rsvp_at', required: true },
        { name: 'event_name', required: true },
        { name: 'response', required: false },
      ],
      options: ['timezone', 'campaign'],
      template: true,
      // A format that names no values for its columns lists none.
      values: [],
      primaryCount: 'activities',
      keepsUnmapped: true,
      actorFieldSets: [],
      companions: [],
    });
    // The built-in formats are still there, in their order.
    expect(formats.value.slice(0, 7).map((format) => format.type)).toEqual([
      'activities',
      'developers',
      'campaigns',
      'budgets',
      'connpass',
      'github-stars',
      'slack-members',
    ]);
  });

  it('is recognised by the preview from its headers, with a suggested mapping', async () => {
    const preview = await previewFile(db.core, writeCsv(dir.path, 'rsvps.csv', rsvps));
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value.type).toBe('meetup-rsvps');
    expect(preview.value.mapping).toEqual({
      member_id: 'Member ID',
      member_name: 'Member Name',
      rsvp_at: 'RSVP at',
      event_name: 'Event Name',
      response: 'Response',
    });
  });

  it('imports through the parse workers and the activity loader into the database', async () => {
    const job = await importFile(db.core, writeCsv(dir.path, 'rsvps-import.csv', rsvps), { options: { timezone: 'Asia/Tokyo' } });
    expect(job).toMatchObject({ status: 'succeeded', type: 'meetup-rsvps', rowsRead: 2, rejected: 0 });
    expect(job.inserted).toMatchObject({ activities: 2, developers: 2, accounts: 2, resources: 1 });
    const rows = await queryRows<{ action: string; occurred_at: Date; handle: string; table: string | null }>(
      db.url,
      `select a.action, a.occurred_at, acc.handle, a.metadata->>'Table' as table
         from activities a join accounts acc using (account_id) where a.source = 'meetup' order by acc.handle`,
    );
    expect(rows).toEqual([
      { action: 'rsvp', occurred_at: new Date('2024-06-01T01:00:00Z'), handle: 'kenta', table: 'A' },
      { action: 'rsvp_decline', occurred_at: new Date('2024-06-01T02:30:00Z'), handle: 'yui', table: null },
    ]);
    // A re-import of the same file inserts nothing: the activity loader's dedup keys hold for it too.
    const again = await importFile(db.core, writeCsv(dir.path, 'rsvps-again.csv', rsvps), { options: { timezone: 'Asia/Tokyo' } });
    expect(again).toMatchObject({ status: 'succeeded', duplicates: 2 });
    expect(again.inserted.activities).toBe(0);
  });

  it('validates every row with its own rules, and a bad file writes nothing', async () => {
    const bad = 'member_id,rsvp_at,event_name,response\nkenta,not a date,TS Night #5,yes\nyui,2024-06-02 10:00,TS Night #5,maybe\n';
    const job = await importFile(db.core, writeCsv(dir.path, 'rsvps-bad.csv', bad), { type: 'meetup-rsvps' });
    expect(job.status).toBe('rejected');
    expect(job.errors).toEqual([
      expect.objectContaining({ line: 2, column: 'rsvp_at', value: 'not a date' }),
      expect.objectContaining({ line: 3, column: 'response', reason: 'response must be one of yes, no', value: 'maybe' }),
    ]);
    const [row] = await queryRows<{ n: string }>(db.url, `select count(*) as n from resources where title = 'TS Night #5'`);
    expect(Number(row?.n)).toBe(0);
  });

  it('has the template its file declares, and an unknown type is refused clearly', async () => {
    const template = await db.core.handlers['import:get-template']({ type: 'meetup-rsvps' });
    if (!template.ok) throw new Error(template.error.message);
    expect(template.value.fileName).toBe('drm-meetup-rsvps-template.csv');
    expect(template.value.content.replace(/^\uFEFF/, '').trim()).toBe('member_id,member_name,rsvp_at,event_name,response');

    const handle = await fileHandle(db.core, writeCsv(dir.path, 'rsvps-unknown.csv', rsvps));
    const refused = await db.core.handlers['import:start']({ fileHandle: handle, type: 'meetup-rsvp' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('BAD_INPUT');
      expect(refused.error.message).toMatch(/Unknown import type "meetup-rsvp"; use one of activities, .*meetup-rsvps/);
    }
  });
});
