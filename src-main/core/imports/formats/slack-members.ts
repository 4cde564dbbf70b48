/** Slack member lists (issue 3, "Formats"): one `join` activity per member. */
import { optionProblem, type ImportProblem } from '../../../../src-shared/import-errors';
import { accepted, dropUndefined, type RowReader } from '../parse/row-reader';
import { normaliseEmail, normaliseHandle, parseTimestamp } from '../parse/values';
import type { RowOutcome } from '../types';
import { defineFormat, field, type SetupInput } from './format';
import { ACTIVITY_TABLES, campaignOption, email, sourceFor } from './shared';

/** When the members joined: the option, else the import's start. */
function setup({ options, zone, now }: SetupInput, problems: ImportProblem[]): { joinedAt: number } {
  if (!options.occurredAt?.trim()) return { joinedAt: now };
  const at = parseTimestamp(options.occurredAt, zone);
  if (at.ok) return { joinedAt: at.value };
  problems.push(optionProblem('occurredAt', 'occurred at', options.occurredAt, at));
  return { joinedAt: now };
}

/**
 * Action `join` at the import's date. That date is "now" by default, so it
 * cannot tell two imports apart: the source_ref `join:<userid>` makes a
 * re-import of the same members insert nothing.
 */
export function slackMemberRow(r: RowReader, state: { joinedAt: number }): RowOutcome {
  // Bots are not developers; Slack marks them in the export's status column.
  const status = Object.entries(r.cells).find(([header]) => header.trim().toLowerCase() === 'status')?.[1];
  if (status?.trim().toLowerCase() === 'bot') return { status: 'skipped', line: r.line, reason: 'Slack bot' };
  const userId = r.require('userid');
  const username = r.get('username');
  const handle = username === undefined ? undefined : r.parse('username', (t) => normaliseHandle('slack', t));
  const email = r.parse('email', normaliseEmail);
  if (r.failed || userId === undefined) return r.failure();
  return accepted(
    dropUndefined({
      kind: 'activity' as const,
      line: r.line,
      occurredAt: state.joinedAt,
      action: 'join',
      source: sourceFor(r, 'slack'),
      sourceRef: `join:${userId}`,
      actor: dropUndefined({
        provider: 'slack',
        externalUserId: userId,
        handle,
        email,
        displayName: r.get('displayname') ?? r.get('fullname'),
      }),
      campaign: campaignOption(r),
      metadata: r.metadata(),
    }),
  );
}

export const slackMembers = defineFormat({
  type: 'slack-members',
  label: 'Slack member list',
  shortLabel: 'Slack members',
  fields: [
    field('username', ['user_name']),
    email,
    field('userid', ['user_id', 'id'], true),
    field('fullname', ['full_name', 'real_name']),
    field('displayname', ['display_name']),
  ],
  detect: { rank: 30, test: (h) => h.all('username', 'userid') },
  options: ['timezone', 'source', 'campaign', 'occurredAt'],
  load: { kind: 'activity' },
  tables: ACTIVITY_TABLES,
  template: false,
  primaryCount: 'activities',
  keepsUnmapped: false,
  actorFieldSets: [],
  setup,
  row: slackMemberRow,
});
