/** The app's developers template (issue 3): one row per person, with handles on services, tags and consent. */
import { handleProviders } from '../../../../src-shared/providers';
import { resolveDevelopers } from '../load/entity-resolve';
import { accepted, dropUndefined, type RowReader } from '../parse/row-reader';
import { normaliseEmail, normaliseHandle, parseBoolean } from '../parse/values';
import type { RowOutcome } from '../types';
import { defineFormat, field } from './format';
import { action, displayName, email, occurredAt, organization } from './shared';

/** `a; b;;a` → ['a', 'b']: trimmed, blanks dropped, first spelling kept. */
export function splitTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[;；]/)
        .map((tag) => tag.trim())
        .filter((tag) => tag !== ''),
    ),
  ];
}

export function developerRow(r: RowReader): RowOutcome {
  const email = r.parse('email', normaliseEmail);
  const handles: { provider: string; handle: string }[] = [];
  for (const provider of handleProviders) {
    const handle = r.parse(provider, (t) => normaliseHandle(provider, t));
    if (handle !== undefined) handles.push({ provider, handle });
  }
  const consent = r.parse('consent_analytics', parseBoolean);
  const identified = email !== undefined || handles.length > 0;
  // Without an email or a handle, a re-import could only match by name, which
  // identity resolution never does automatically: it would duplicate the person.
  const identityFailed = ['email', ...handleProviders].some((field) => r.hasFailed(field));
  if (!identified && !identityFailed) r.failRow('developer-identity', { providers: handleProviders.join(', ') });
  if (r.failed) return r.failure();
  return accepted(
    dropUndefined({
      kind: 'developer' as const,
      line: r.line,
      displayName: r.get('display_name'),
      email,
      organization: r.get('organization'),
      tags: splitTags(r.get('tags') ?? ''),
      handles,
      consentAnalytics: consent,
    }),
  );
}

export const developers = defineFormat({
  type: 'developers',
  label: 'Developers (app template)',
  shortLabel: 'Developers',
  fields: [
    displayName,
    email,
    organization,
    field('tags', ['tag', 'タグ']),
    field('github', ['github_handle', 'github_username', 'github_login', 'githubアカウント', 'githubユーザー名']),
    field('x', ['twitter', 'x_handle', 'twitter_handle', 'xアカウント', 'twitterアカウント']),
    field('slack', ['slack_handle', 'slack_username', 'slackアカウント']),
    field('discord', ['discord_handle', 'discord_username', 'discordアカウント']),
    field('connpass', ['connpass_handle', 'connpass_username', 'connpassアカウント', 'connpassユーザー名']),
    field('consent_analytics', ['consent', 'analytics_consent', '同意', '分析同意', '計測同意']),
  ],
  // A list of people: no time, no action, and a handle column or a name with an email.
  detect: {
    rank: 70,
    test: (h) => !h.has(occurredAt) && !h.has(action) && (h.any(...handleProviders) || h.all('display_name', 'email')),
  },
  options: ['source'],
  load: { kind: 'entity', resolve: resolveDevelopers },
  tables: ['developers', 'accounts', 'developer_identifiers', 'organizations'],
  template: true,
  example: {
    display_name: '佐藤 花子',
    email: 'hanako@example.com',
    organization: 'Example株式会社',
    tags: 'speaker;tokyo',
    github: 'hanako-example',
    connpass: 'hanako_example',
    consent_analytics: 'true',
  },
  values: [{ field: 'consent_analytics', values: ['true', 'false'], closed: true }],
  primaryCount: 'developers',
  keepsUnmapped: false,
  actorFieldSets: [],
  row: developerRow,
});
