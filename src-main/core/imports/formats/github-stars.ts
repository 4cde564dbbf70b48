/** GitHub stargazer exports (issue 3, "Formats"): one `star` activity per row. */
import { accepted, dropUndefined, type RowReader } from '../parse/row-reader';
import { fail, type Parsed, normaliseHandle, parseTimestamp } from '../parse/values';
import type { ResourceRef, RowOutcome } from '../types';
import { defineFormat, field } from './format';
import { ACTIVITY_TABLES, campaignOption, sourceFor } from './shared';

function repoResource(repo: string | undefined): ResourceRef | undefined {
  if (repo === undefined) return undefined;
  const name = repo.replace(/^(?:https?:\/\/)?(?:www\.)?github\.com\//i, '').replace(/\/+$/, '');
  const resource: ResourceRef = { category: 'repo', title: name, externalId: name.toLowerCase() };
  if (/^[\w.-]+\/[\w.-]+$/.test(name)) resource.url = `https://github.com/${name}`;
  return resource;
}

/**
 * The account is the lower-cased login, as in every other format (the
 * activities template, the developers list), so a star links to the
 * developer those files already know; the numeric id is kept in metadata as
 * `github_id`.
 */
export function githubStarRow(r: RowReader): RowOutcome {
  const login = r.parse('login', (t) => normaliseHandle('github', t), true);
  const id = r.parse('id', (t): Parsed<string> => (/^\d+$/.test(t) ? { ok: true, value: t } : fail('github-id', { value: t })));
  const occurredAt = r.parse('starred_at', (t) => parseTimestamp(t, r.ctx.zone), true);
  if (r.failed || login === undefined || occurredAt === undefined) return r.failure();
  return accepted(
    dropUndefined({
      kind: 'activity' as const,
      line: r.line,
      occurredAt,
      action: 'star',
      source: sourceFor(r, 'github'),
      actor: { provider: 'github', externalUserId: login, handle: login },
      resource: repoResource(r.get('repo')),
      campaign: campaignOption(r),
      metadata: id === undefined ? r.metadata() : { ...r.metadata(), github_id: id },
    }),
  );
}

export const githubStars = defineFormat({
  type: 'github-stars',
  label: 'GitHub stargazers',
  shortLabel: 'GitHub stargazers',
  fields: [
    field('login', ['username', 'user', 'user_login'], true),
    field('id', ['user_id', 'userid']),
    field('starred_at', ['starredat', 'date'], true),
    field('repo', ['repository', 'repo_name']),
  ],
  detect: { rank: 20, test: (h) => h.all('login', 'starred_at') },
  options: ['timezone', 'source', 'campaign'],
  load: { kind: 'activity' },
  tables: ACTIVITY_TABLES,
  template: false,
  primaryCount: 'activities',
  keepsUnmapped: false,
  actorFieldSets: [],
  row: githubStarRow,
});
