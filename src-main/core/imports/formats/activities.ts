/**
 * The app's activities template (issue 3): one row per thing someone did, who
 * did it (an account, an email or an anonymous id), on what, when.
 */
import { knownActions } from '../../../../src-shared/actions';
import { providers } from '../../../../src-shared/providers';
import { accepted, dropUndefined, type RowReader } from '../parse/row-reader';
import {
  caseInsensitiveProviders,
  fail,
  type Parsed,
  normaliseEmail,
  normaliseHandle,
  normaliseProvider,
  parseTimestamp,
} from '../parse/values';
import type { Actor, ResourceRef, RowOutcome } from '../types';
import { defineFormat, field } from './format';
import { action, ACTIVITY_TABLES, code, displayName, email, occurredAt, organization } from './shared';

function readActor(r: RowReader): Actor | undefined {
  const actor: Actor = {};
  const provider = r.get('provider');
  const externalId = r.get('external_user_id');
  const handle = r.get('handle');
  if (provider !== undefined) actor.provider = normaliseProvider(provider);
  if ((externalId !== undefined || handle !== undefined) && actor.provider === undefined) {
    r.failField('provider', 'required-with', { field: 'provider', with: externalId !== undefined ? 'external_user_id' : 'handle' });
  }
  if (actor.provider !== undefined) {
    const p = actor.provider;
    if (handle !== undefined) actor.handle = r.parse('handle', (t) => normaliseHandle(p, t));
    if (externalId === undefined) actor.externalUserId = actor.handle;
    else {
      // An id that is the user name in another case must give the same account
      // as the id derived from the handle; any other id (GitHub's base64 node
      // ids, say) is opaque and kept exactly.
      const folded = externalId.normalize('NFKC').toLowerCase();
      actor.externalUserId = caseInsensitiveProviders.has(p) && folded === actor.handle ? folded : externalId;
    }
  }
  actor.email = r.parse('email', normaliseEmail);
  actor.displayName = r.get('display_name');
  actor.organization = r.get('organization');
  actor.anonId = r.get('anon_id');
  const identified =
    (actor.provider !== undefined && actor.externalUserId !== undefined) || actor.email !== undefined || actor.anonId !== undefined;
  // A bad email, handle or provider already says what is wrong; "no actor" would only repeat it.
  const actorFailed = r.hasFailed('provider') || r.hasFailed('handle') || r.hasFailed('email');
  if (!identified && !actorFailed) r.failRow('no-actor');
  return identified ? dropUndefined(actor) : undefined;
}

function readResource(r: RowReader): ResourceRef | undefined {
  const title = r.get('resource_title');
  const url = r.parse('resource_url', (t): Parsed<string> => (URL.canParse(t) ? { ok: true, value: t } : fail('url', { value: t })));
  const externalId = r.get('resource_external_id');
  const group = r.get('resource_group');
  const written = r.get('resource_category');
  const urlWritten = r.get('resource_url') !== undefined;
  if (title === undefined && externalId === undefined && group === undefined && written === undefined && !urlWritten) return undefined;
  // A URL without a category is a link, the common case of click exports;
  // anything else must say what it is (the format's companions: parse/rows.ts reports it).
  const category = written !== undefined ? code(written) : urlWritten ? 'link' : undefined;
  if (category === undefined) return undefined;
  return dropUndefined({ category, title, url, externalId, group });
}

export function activityRow(r: RowReader): RowOutcome {
  const { ctx } = r;
  const occurredAt = r.parse('occurred_at', (t) => parseTimestamp(t, ctx.zone), true);
  const action = r.get('action');
  if (action === undefined) r.failField('action', 'required', { field: 'action' });
  const rowSource = r.get('source');
  const importSource = ctx.options.source?.trim();
  const source = rowSource !== undefined ? code(rowSource) : importSource ? code(importSource) : undefined;
  if (source === undefined) r.failField('source', 'source-required');
  const actor = readActor(r);
  const resource = readResource(r);
  if (r.failed || occurredAt === undefined || action === undefined || source === undefined || actor === undefined) return r.failure();
  return accepted(
    dropUndefined({
      kind: 'activity' as const,
      line: r.line,
      occurredAt,
      action: code(action),
      source,
      sourceRef: r.get('source_ref'),
      actor,
      resource,
      campaign: r.get('campaign') ?? (ctx.options.campaign?.trim() || undefined),
      utmSource: r.get('utm_source'),
      utmMedium: r.get('utm_medium'),
      utmCampaign: r.get('utm_campaign'),
      metadata: r.metadata(),
    }),
  );
}

export const activities = defineFormat({
  type: 'activities',
  label: 'Activities (app template)',
  shortLabel: 'Activities',
  fields: [
    occurredAt,
    action,
    field('source', ['ソース', '取得元', 'データソース']),
    field('provider', ['service', 'サービス', 'プロバイダー', 'プロバイダ']),
    field('external_user_id', ['user_id', 'userid', '外部ユーザーid', 'ユーザーid']),
    field('handle', ['username', 'user_name', 'login', 'screen_name', 'ハンドル', 'ハンドル名', 'ユーザー名']),
    email,
    displayName,
    organization,
    field('anon_id', ['anonymous_id', 'click_id', 'drm_cid', 'クリックid', '匿名id']),
    field('resource_category', ['category', 'カテゴリ', 'カテゴリー', 'リソース種別']),
    field('resource_title', ['title', 'タイトル', 'リソース名']),
    field('resource_url', ['url', 'link', 'リンク', 'リソースurl']),
    field('resource_external_id', ['resource_id', 'リソースid']),
    field('resource_group', ['group', 'group_key', 'グループ']),
    field('campaign', ['campaign_name', 'キャンペーン', 'キャンペーン名', '施策']),
    field('source_ref', ['ref', 'reference', '参照']),
    field('utm_source'),
    field('utm_medium'),
    field('utm_campaign'),
  ],
  detect: { rank: 50, test: (h) => h.has(occurredAt) && h.all('action') },
  options: ['timezone', 'source', 'campaign'],
  load: { kind: 'activity' },
  tables: ACTIVITY_TABLES,
  template: true,
  example: {
    occurred_at: '2026-04-18 19:00',
    action: 'attend',
    source: 'connpass',
    provider: 'connpass',
    handle: 'taro_example',
    email: 'taro@example.com',
    display_name: '山田 太郎',
    organization: 'Example株式会社',
    resource_category: 'event',
    resource_title: 'Tokyo Meetup #1',
    resource_url: 'https://connpass.com/event/123456/',
    resource_external_id: '123456',
  },
  values: [
    { field: 'action', values: knownActions, closed: false },
    { field: 'provider', values: providers, closed: false },
    { field: 'resource_category', values: ['event', 'blog', 'video', 'doc', 'repo', 'link'], closed: false },
  ],
  primaryCount: 'activities',
  keepsUnmapped: true,
  // An activity needs someone who did it.
  actorFieldSets: [['provider', 'external_user_id'], ['provider', 'handle'], ['email'], ['anon_id']],
  // A resource must say what it is; one with a URL and nothing else is a link.
  companions: ['resource_title', 'resource_external_id', 'resource_group'].map((when) => ({
    when,
    need: 'resource_category',
    unless: 'resource_url',
  })),
  mappingProblems: (columns, options) =>
    !columns.has('source') && !options.source?.trim() ? [{ code: 'source-missing', params: {} }] : [],
  row: activityRow,
});
