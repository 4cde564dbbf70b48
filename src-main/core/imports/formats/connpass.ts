/**
 * connpass participant lists (issue 3, "Formats"): one activity per
 * participant of one event, named in Japanese columns; survey questions follow.
 */
import { basename } from 'node:path';
import type { ImportProblem } from '../../../../src-shared/import-errors';
import { accepted, dropUndefined, type RowReader } from '../parse/row-reader';
import { normaliseHandle, parseTimestamp } from '../parse/values';
import type { ResourceRef, RowOutcome } from '../types';
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

function connpassEvent({ options, filePath }: SetupInput): ResourceRef | undefined {
  const id = options.eventId?.trim() || connpassEventIdFromFileName(options.fileName) || connpassEventIdFromFileName(basename(filePath));
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
    else problems.push({ code: 'option-invalid', params: { option: 'event date', value: eventDate, problem: at.reason } });
  }
  return state;
}

const jp = (text: string | undefined) => (text ?? '').normalize('NFKC').trim();

/** connpass shows deleted accounts with this placeholder instead of a name. */
const deletedUser = '(退会ユーザー)';

/**
 * Action `cancel` when 参加ステータス is キャンセル, `attend` when 出欠ステータス
 * is 出席, otherwise `register`. No source_ref: a receipt number alone would
 * make "registered" and later "attended" one activity, so the loader's
 * fallback key (which includes action and 更新日時) dedupes instead.
 */
export function connpassRow(r: RowReader, state: ConnpassSetup): RowOutcome {
  const username = r.get('username');
  if (jp(username) === deletedUser || jp(r.get('display_name')) === deletedUser) {
    return { status: 'skipped', line: r.line, reason: 'deleted connpass user (退会ユーザー)' };
  }
  if (username === undefined) r.failField('username', 'required', { field: 'ユーザー名 (username)' });
  const handle = username === undefined ? undefined : r.parse('username', (t) => normaliseHandle('connpass', t));
  const participation = r.get('participation_status');
  if (participation === undefined) r.failField('participation_status', 'required', { field: '参加ステータス (participation status)' });
  const action = jp(participation).includes('キャンセル') ? 'cancel' : jp(r.get('attendance_status')) === '出席' ? 'attend' : 'register';
  let occurredAt = r.parse('updated_at', (t) => parseTimestamp(t, r.ctx.zone));
  if (occurredAt === undefined && !r.hasFailed('updated_at')) {
    if (state.eventAt !== undefined) occurredAt = state.eventAt;
    else r.failField('updated_at', 'connpass-time-required');
  }
  if (r.failed || handle === undefined || occurredAt === undefined || state.event === undefined) return r.failure();
  return accepted(
    dropUndefined({
      kind: 'activity' as const,
      line: r.line,
      occurredAt,
      action,
      source: sourceFor(r, 'connpass'),
      actor: dropUndefined({ provider: 'connpass', externalUserId: handle, handle, displayName: r.get('display_name') }),
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
    field('participation_status', ['参加ステータス'], true),
    field('attendance_status', ['出欠ステータス']),
    field('updated_at', ['更新日時']),
    field('receipt_number', ['受付番号']),
  ],
  // The export's own columns, or a user name column in a file named as connpass names its exports.
  detect: {
    rank: 10,
    test: (h) =>
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
