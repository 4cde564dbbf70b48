import { describe, expect, it } from 'vitest';
import type { ImportJob } from '../../src-shared/contract/imports';
import { insertedFacts, pageOf, rowFacts } from '../../src-renderer/src/pages/import/job-view';
import { isEmptyDatabase, isFinished } from '../../src-renderer/src/lib/import-status';
import { buildStartInput, emptyOptions, optionsFor } from '../../src-renderer/src/pages/import/start-input';

const file = { fileHandle: 'fh_abcdefghijklmnopqrstuvwxyz012345', fileName: 'event_42_participants.csv' };

// Formats as import:list-formats gives them (the core's registry; test/unit/import-formats-registry.test.ts checks these there).
const connpass = { type: 'connpass', options: ['timezone', 'source', 'campaign', 'eventTitle', 'eventId', 'eventDate'] } as const;
const activities = { type: 'activities', options: ['timezone', 'source', 'campaign'] } as const;

describe('optionsFor', () => {
  it('offers the options the format lists, in its order', () => {
    expect(optionsFor(connpass)).toEqual(expect.arrayContaining(['eventTitle', 'eventId', 'eventDate', 'timezone']));
    expect(optionsFor(activities)).toEqual(['timezone', 'source', 'campaign']);
    expect(optionsFor(activities)).not.toContain('eventTitle');
  });
});

describe('buildStartInput', () => {
  const fields = [
    { name: 'username', required: true },
    { name: 'participation_status', required: true },
  ];

  it('sends the file, type, clean mapping, trimmed filled-in options and dry run', () => {
    const input = buildStartInput({
      file,
      format: connpass,
      fields,
      headers: ['ユーザー名', '参加ステータス', '備考'],
      mapping: { username: 'ユーザー名', participation_status: '参加ステータス', occurred_at: '備考' },
      options: { ...emptyOptions('Asia/Tokyo'), eventTitle: '  TypeScript 勉強会 #3 ', source: '' },
      dryRun: true,
    });
    expect(input).toEqual({
      fileHandle: 'fh_abcdefghijklmnopqrstuvwxyz012345',
      type: 'connpass',
      mapping: { username: 'ユーザー名', participation_status: '参加ステータス' },
      options: { timezone: 'Asia/Tokyo', eventTitle: 'TypeScript 勉強会 #3' },
      dryRun: true,
    });
  });

  it('leaves out options the chosen type does not show', () => {
    const input = buildStartInput({
      file,
      format: activities,
      fields: [],
      headers: [],
      mapping: {},
      options: { ...emptyOptions('UTC'), eventTitle: 'left over from connpass', occurredAt: '2024-07-01T10:00' },
      dryRun: false,
    });
    expect(input.options).toEqual({ timezone: 'UTC' });
  });

  it('asks to replace a stored event title only for a format with an event title', () => {
    const form = { file, fields: [], headers: [], mapping: {}, options: emptyOptions('UTC'), updateEventTitle: true, dryRun: false };
    expect(buildStartInput({ ...form, format: connpass }).options).toEqual({ timezone: 'UTC', updateEventTitle: true });
    expect(buildStartInput({ ...form, format: activities }).options).toEqual({ timezone: 'UTC' });
    expect(buildStartInput({ ...form, format: connpass, updateEventTitle: false }).options).toEqual({ timezone: 'UTC' });
  });
});

const job = (over: Partial<ImportJob>): ImportJob => ({
  jobId: 'j',
  status: 'succeeded',
  type: 'activities',
  fileName: 'a.csv',
  encoding: 'utf-8',
  dryRun: false,
  startedAt: null,
  finishedAt: null,
  durationMs: null,
  totalBytes: 0,
  rowsRead: 10,
  rejected: 0,
  skipped: 0,
  duplicates: 0,
  inserted: { activities: 0, developers: 0, accounts: 0, identifiers: 0, organizations: 0, resources: 0, campaigns: 0, budgets: 0 },
  errors: [],
  errorCount: 0,
  message: null,
  failure: null,
  earlyStop: null,
  eventTitle: null,
  clickIdConflicts: null,
  createdBy: null,
  ...over,
});

const primaries = [
  { type: 'activities', primaryCount: 'activities' },
  { type: 'budgets', primaryCount: 'budgets' },
] as const;

describe('job view', () => {
  it('shows the type’s own count first (even zero), then other non-zero counts', () => {
    const facts = insertedFacts(job({ inserted: { ...job({}).inserted, developers: 3, accounts: 4 } }), primaries);
    expect(facts).toEqual([
      { name: 'activities', value: 0 },
      { name: 'developers', value: 3 },
      { name: 'accounts', value: 4 },
    ]);
    expect(insertedFacts(job({ type: 'budgets' }), primaries)[0]?.name).toBe('budgets');
    // A job of a format the app no longer lists still shows its counts.
    expect(insertedFacts(job({ type: 'gone' }), primaries)[0]?.name).toBe('activities');
  });

  it('shows rows read always, and duplicates, skipped, rejected when any', () => {
    expect(rowFacts(job({ duplicates: 2 }))).toEqual([
      { name: 'rowsRead', value: 10 },
      { name: 'duplicates', value: 2 },
    ]);
  });

  it('knows which statuses are final', () => {
    expect(['queued', 'running'].map((s) => isFinished(s as 'queued'))).toEqual([false, false]);
    expect(['succeeded', 'rejected', 'failed', 'cancelled'].every((s) => isFinished(s as 'failed'))).toBe(true);
  });

  it('calls a database empty with no developers and no activities', () => {
    expect(isEmptyDatabase({ developers: false, activities: false })).toBe(true);
    expect(isEmptyDatabase({ developers: true, activities: false })).toBe(false);
    expect(isEmptyDatabase({ developers: false, activities: true })).toBe(false);
    // Unknown yet: offer nothing rather than flash the offer.
    expect(isEmptyDatabase(undefined)).toBe(false);
  });

  it('pages a long error list and clamps the page', () => {
    const items = Array.from({ length: 450 }, (_, i) => i);
    expect(pageOf(items, 0, 200)).toMatchObject({ pages: 3, page: 0 });
    expect(pageOf(items, 2, 200).items).toHaveLength(50);
    expect(pageOf(items, 9, 200).page).toBe(2);
    expect(pageOf([], 0, 200)).toEqual({ items: [], pages: 1, page: 0 });
  });
});
