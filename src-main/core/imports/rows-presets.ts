/**
 * Rows of other services' exports (issue 3, "Formats"): connpass participants,
 * GitHub stargazers, Slack members. Each becomes one activity of its service.
 */
import { presetSources } from './parse/row-context';
import { accepted, dropUndefined, type RowReader } from './parse/row-reader';
import type { ImportType, ResourceRef, RowOutcome } from './types';
import { normaliseEmail, normaliseHandle, parseTimestamp } from './parse/values';

function sourceFor(r: RowReader, type: ImportType): string {
  const chosen = r.ctx.options.source?.trim();
  return chosen ? chosen.normalize('NFKC').toLowerCase() : (presetSources[type] ?? type);
}

const campaignOf = (r: RowReader) => r.ctx.options.campaign?.trim() || undefined;
const jp = (text: string | undefined) => (text ?? '').normalize('NFKC').trim();

/** connpass shows deleted accounts with this placeholder instead of a name. */
const deletedUser = '(退会ユーザー)';

/**
 * connpass: action `cancel` when 参加ステータス is キャンセル, `attend` when
 * 出欠ステータス is 出席, otherwise `register`. No source_ref: a receipt number
 * alone would make "registered" and later "attended" one activity, so the
 * loader's fallback key (which includes action and 更新日時) dedupes instead.
 */
export function connpassRow(r: RowReader): RowOutcome {
  const { ctx } = r;
  const username = r.get('username');
  if (jp(username) === deletedUser || jp(r.get('display_name')) === deletedUser) {
    return { status: 'skipped', line: r.line, reason: 'deleted connpass user (退会ユーザー)' };
  }
  if (username === undefined) r.failField('username', 'ユーザー名 (username) is required');
  const handle = username === undefined ? undefined : r.parse('username', (t) => normaliseHandle('connpass', t));
  const participation = r.get('participation_status');
  if (participation === undefined) r.failField('participation_status', '参加ステータス (participation status) is required');
  const action = jp(participation).includes('キャンセル') ? 'cancel' : jp(r.get('attendance_status')) === '出席' ? 'attend' : 'register';
  let occurredAt = r.parse('updated_at', (t) => parseTimestamp(t, ctx.zone));
  if (occurredAt === undefined && !r.hasFailed('updated_at')) {
    if (ctx.eventAt !== undefined) occurredAt = ctx.eventAt;
    else r.failField('updated_at', '更新日時 (updated at) is required when no event date is given');
  }
  if (r.failed || handle === undefined || occurredAt === undefined || ctx.event === undefined) return r.failure();
  return accepted(
    dropUndefined({
      kind: 'activity' as const,
      line: r.line,
      occurredAt,
      action,
      source: sourceFor(r, 'connpass'),
      actor: dropUndefined({ provider: 'connpass', externalUserId: handle, handle, displayName: r.get('display_name') }),
      resource: { ...ctx.event },
      campaign: campaignOf(r),
      metadata: r.metadata(['ticket_name', 'receipt_number']),
    }),
  );
}

function repoResource(repo: string | undefined): ResourceRef | undefined {
  if (repo === undefined) return undefined;
  const name = repo.replace(/^(?:https?:\/\/)?(?:www\.)?github\.com\//i, '').replace(/\/+$/, '');
  const resource: ResourceRef = { category: 'repo', title: name, externalId: name.toLowerCase() };
  if (/^[\w.-]+\/[\w.-]+$/.test(name)) resource.url = `https://github.com/${name}`;
  return resource;
}

/**
 * GitHub stargazers: action `star`. The account is the lower-cased login, as
 * in every other format (the activities template, the developers list), so a
 * star links to the developer those files already know; the numeric id is
 * kept in metadata as `github_id`.
 */
export function githubStarRow(r: RowReader): RowOutcome {
  const { ctx } = r;
  const login = r.parse('login', (t) => normaliseHandle('github', t), true);
  const id = r.parse('id', (t) => (/^\d+$/.test(t) ? { ok: true, value: t } : { ok: false, reason: 'a GitHub user id is a number' }));
  const occurredAt = r.parse('starred_at', (t) => parseTimestamp(t, ctx.zone), true);
  if (r.failed || login === undefined || occurredAt === undefined) return r.failure();
  return accepted(
    dropUndefined({
      kind: 'activity' as const,
      line: r.line,
      occurredAt,
      action: 'star',
      source: sourceFor(r, 'github-stars'),
      actor: { provider: 'github', externalUserId: login, handle: login },
      resource: repoResource(r.get('repo')),
      campaign: campaignOf(r),
      metadata: id === undefined ? r.metadata() : { ...r.metadata(), github_id: id },
    }),
  );
}

/**
 * Slack member list: action `join` at the import's date. That date is
 * "now" by default, so it cannot tell two imports apart: the source_ref
 * `join:<userid>` makes a re-import of the same members insert nothing.
 */
export function slackMemberRow(r: RowReader): RowOutcome {
  const { ctx } = r;
  // Bots are not developers; Slack marks them in the export's status column.
  const status = Object.entries(r.cells).find(([header]) => header.trim().toLowerCase() === 'status')?.[1];
  if (status?.trim().toLowerCase() === 'bot') return { status: 'skipped', line: r.line, reason: 'Slack bot' };
  const userId = r.require('userid');
  const username = r.get('username');
  const handle = username === undefined ? undefined : r.parse('username', (t) => normaliseHandle('slack', t));
  const email = r.parse('email', normaliseEmail);
  if (r.failed || userId === undefined || ctx.joinedAt === undefined) return r.failure();
  return accepted(
    dropUndefined({
      kind: 'activity' as const,
      line: r.line,
      occurredAt: ctx.joinedAt,
      action: 'join',
      source: sourceFor(r, 'slack-members'),
      sourceRef: `join:${userId}`,
      actor: dropUndefined({
        provider: 'slack',
        externalUserId: userId,
        handle,
        email,
        displayName: r.get('displayname') ?? r.get('fullname'),
      }),
      campaign: campaignOf(r),
      metadata: r.metadata(),
    }),
  );
}
