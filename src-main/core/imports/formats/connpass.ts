/**
 * connpass participant lists (issue 3, "Formats"; issue 11, defect 18): one
 * activity per participant of one event, named in Japanese columns. Which
 * columns an export has depends on its age and on what the organiser ticked:
 * statuses, 利用開始日 and 出席日時 may be missing, and survey questions (any
 * number of them) sit among the rest.
 */
import { basename } from 'node:path';
import { optionProblem, type ImportProblem } from '../../../../src-shared/import-errors';
import { accepted, dropUndefined, type RowReader } from '../parse/row-reader';
import { normaliseHandle, parseDate, parseTimestamp } from '../parse/values';
import type { ImportOptions, ResourceRef, RowOutcome } from '../types';
import { defineFormat, field, type SetupInput } from './format';
import { ACTIVITY_TABLES, campaignOption, sourceFor } from './shared';

/** connpass names its exports event_<id>_participants.csv. */
export function connpassEventIdFromFileName(fileName: string | undefined): string | undefined {
  const base = fileName?.split(/[\\/]/).pop() ?? '';
  return /^event_(\d+)_participants(?:\s*\(\d+\))?\.(?:csv|tsv|txt)$/i.exec(base)?.[1];
}

interface ConnpassSetup {
  /** The event every row refers to. */
  event?: ResourceRef;
  /** When a row has no 更新日時, the event's date stands in. */
  eventAt?: number;
}

/** The event's id: the one typed, else the one in the file's name (as dropped, or on disk). */
export function connpassEventId(options: Pick<ImportOptions, 'eventId' | 'fileName'>, filePath: string): string | undefined {
  return options.eventId?.trim() || connpassEventIdFromFileName(options.fileName) || connpassEventIdFromFileName(basename(filePath));
}

function connpassEvent({ options, filePath }: SetupInput): ResourceRef | undefined {
  const id = connpassEventId(options, filePath);
  const title = options.eventTitle?.trim() || undefined;
  if (id === undefined && title === undefined) return undefined;
  const event: ResourceRef = { category: 'event' };
  if (title !== undefined) event.title = title;
  if (id !== undefined) {
    event.externalId = id;
    // The event page is the one identifier connpass guarantees stable.
    if (/^\d+$/.test(id)) event.url = `https://connpass.com/event/${id}/`;
  }
  return event;
}

function setup(input: SetupInput, problems: ImportProblem[]): ConnpassSetup {
  const state: ConnpassSetup = { event: connpassEvent(input) };
  if (!state.event) problems.push({ code: 'connpass-event', params: {} });
  const { eventDate } = input.options;
  if (eventDate?.trim()) {
    const at = parseTimestamp(eventDate, input.zone);
    if (at.ok) state.eventAt = at.value;
    else problems.push(optionProblem('eventDate', 'event date', eventDate, at));
  }
  return state;
}

const jp = (text: string | undefined) => (text ?? '').normalize('NFKC').trim();

/** connpass shows deleted accounts with this placeholder instead of a name. */
const deletedUser = '(退会ユーザー)';

/**
 * 参加キャンセル (or an older キャンセル) → `cancel`; 出席 → `attend`; 補欠 →
 * `waitlist` (a place not given yet, which is not a registration); anything
 * else, and an export without statuses (it lists those who took part), →
 * `register`.
 */
function connpassAction(r: RowReader): string {
  const participation = jp(r.get('participation_status'));
  if (participation.includes('キャンセル')) return 'cancel';
  if (jp(r.get('attendance_status')) === '出席') return 'attend';
  return participation === '補欠' ? 'waitlist' : 'register';
}

/** 更新日時; an attendance's own 出席日時 when the export has it; else the event's date. */
function connpassTime(r: RowReader, action: string, state: ConnpassSetup): number | undefined {
  const parseAt = (text: string) => parseTimestamp(text, r.ctx.zone);
  const attendedAt = action === 'attend' ? r.parse('attended_at', parseAt) : undefined;
  const updatedAt = r.parse('updated_at', parseAt);
  if (attendedAt !== undefined) return attendedAt;
  if (updatedAt !== undefined || r.hasFailed('updated_at')) return updatedAt;
  if (state.eventAt !== undefined) return state.eventAt;
  r.failField('updated_at', 'connpass-time-required');
  return undefined;
}

/**
 * One participant. No source_ref: a receipt number alone would make
 * "registered" and later "attended" one activity, so the loader's fallback
 * key (which includes action and time) dedupes instead.
 */
export function connpassRow(r: RowReader, state: ConnpassSetup): RowOutcome {
  const username = r.get('username');
  if (jp(username) === deletedUser || jp(r.get('display_name')) === deletedUser) {
    return { status: 'skipped', line: r.line, reason: 'deleted connpass user (退会ユーザー)' };
  }
  if (username === undefined) r.failField('username', 'required', { field: 'ユーザー名 (username)' });
  const handle = username === undefined ? undefined : r.parse('username', (t) => normaliseHandle('connpass', t));
  // An export without the column lists registrations; a blank status in one that has it is a damaged row.
  if (r.ctx.columns.has('participation_status') && r.get('participation_status') === undefined) {
    r.failField('participation_status', 'required', { field: '参加ステータス (participation status)' });
  }
  const action = connpassAction(r);
  const occurredAt = connpassTime(r, action, state);
  // When the person started using connpass: a fact about the account, not about this event.
  const memberSince = r.parse('member_since', parseDate);
  if (r.failed || handle === undefined || occurredAt === undefined || state.event === undefined) return r.failure();
  return accepted(
    dropUndefined({
      kind: 'activity' as const,
      line: r.line,
      occurredAt,
      action,
      source: sourceFor(r, 'connpass'),
      actor: dropUndefined({
        provider: 'connpass',
        externalUserId: handle,
        handle,
        displayName: r.get('display_name'),
        attributes: memberSince === undefined ? undefined : { member_since: memberSince },
      }),
      resource: { ...state.event },
      campaign: campaignOption(r),
      metadata: r.metadata(['ticket_name', 'receipt_number']),
    }),
  );
}

export const connpass = defineFormat({
  type: 'connpass',
  label: 'connpass participants',
  shortLabel: 'connpass participants',
  fields: [
    field('ticket_name', ['参加枠名', '参加枠']),
    field('username', ['ユーザー名'], true),
    field('display_name', ['表示名']),
    field('member_since', ['利用開始日']),
    field('participation_status', ['参加ステータス']),
    field('attendance_status', ['出欠ステータス']),
    field('attended_at', ['出席日時']),
    field('updated_at', ['更新日時']),
    field('receipt_number', ['受付番号']),
  ],
  // Columns every shape of the export has, or a user name column in a file named as connpass names its exports.
  detect: {
    rank: 10,
    test: (h) =>
      h.all('ticket_name', 'username', 'receipt_number') ||
      h.all('ticket_name', 'username', 'participation_status') ||
      (connpassEventIdFromFileName(h.fileName) !== undefined && h.all('username')),
  },
  options: ['timezone', 'source', 'campaign', 'eventTitle', 'eventId', 'eventDate'],
  load: { kind: 'activity' },
  tables: ACTIVITY_TABLES,
  template: false,
  primaryCount: 'activities',
  keepsUnmapped: true,
  actorFieldSets: [],
  mappingProblems: (columns, options) =>
    !columns.has('updated_at') && !options.eventDate?.trim() ? [{ code: 'connpass-no-time', params: {} }] : [],
  setup,
  row: connpassRow,
});
