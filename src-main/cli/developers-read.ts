/**
 * `drm developers list` and `drm developer show`: the Developers page and a
 * profile from the command line, through the same handlers as the app.
 */
import type { DeveloperPage, DeveloperProfile } from '../../src-shared/contract/developers';
import { parseOptions as parse, resolveTarget, targetOptions, unwrap, UsageError, withCore } from './context';
import { developerSummary } from '../core/api/cli-json';
import { fit } from './terminal';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function nonNegative(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number ≥ 0, got "${text}"`);
  return n;
}

const day = (iso: string | null) => (iso === null ? '—' : iso.slice(0, 10));
const text = (value: string | null | undefined) => (value === null || value === undefined || value === '' ? '—' : value);

export function formatDeveloperPage(page: DeveloperPage, pageNo: number, pageSize: number): string {
  const first = page.total === 0 ? 0 : pageNo * pageSize + 1;
  const last = pageNo * pageSize + page.rows.length;
  const lines = [`${page.total.toLocaleString('en-US')} developer(s); showing ${first}–${last}`];
  if (page.rows.length === 0) return lines.join('\n');
  lines.push(
    '',
    `${fit('name', 24)}  ${fit('email', 32)}  ${fit('organization', 20)}  ${fit('stage', 10)}  ${fit('last action', 11)}  actions`,
  );
  for (const r of page.rows) {
    lines.push(
      `${fit(text(r.displayName), 24)}  ${fit(text(r.primaryEmail), 32)}  ${fit(text(r.organization?.name), 20)}  ${fit(text(r.stage), 10)}  ${fit(day(r.lastActionAt), 11)}  ${r.totalActions}`,
    );
  }
  return lines.join('\n');
}

export function formatDeveloperProfile(p: DeveloperProfile): string {
  const lines = [
    `${text(p.displayName)}  <${text(p.primaryEmail)}>`,
    `id            ${p.developerId}${p.mergedInto ? `  (merged into ${p.mergedInto})` : ''}`,
    `organization  ${text(p.organization?.name)}`,
    `tags          ${p.tags.join(', ') || '—'}`,
    `stage         ${text(p.stage)}${p.stageReachedAt ? ` (since ${day(p.stageReachedAt)})` : ''}`,
    `consent       ${p.consentAnalytics ? 'yes' : 'no'}`,
    `activity      ${p.stats.totalActions} actions (clicks ${p.stats.clicks}, attends ${p.stats.attends}, posts ${p.stats.posts}, stars ${p.stats.stars}); last ${day(p.stats.lastActionAt)}`,
    '',
    `Accounts (${p.accounts.length})`,
    ...p.accounts.map(
      (a) =>
        `  ${a.provider.padEnd(10)} ${text(a.handle ?? a.externalUserId)}${a.email ? `  ${a.email}` : ''}${a.profileUrl ? `  ${a.profileUrl}` : ''}`,
    ),
    `Identifiers (${p.identifiers.length})`,
    ...p.identifiers.map((i) => `  ${i.kind.padEnd(10)} ${i.value}`),
  ];
  if (p.campaigns.length > 0) {
    lines.push(`Campaigns (${p.campaigns.length})`, ...p.campaigns.map((c) => `  ${c.name} (${c.activities})`));
  }
  return lines.join('\n');
}

/** `drm developers list [--q TEXT] [--page N] [--page-size N] [--json]` */
export async function developersListCommand(args: string[]): Promise<void> {
  const { values } = parse(
    args,
    { ...targetOptions, q: { type: 'string' }, page: { type: 'string' }, 'page-size': { type: 'string' }, json: { type: 'boolean' } },
    false,
  );
  const page = nonNegative('page', values.page, 0);
  const pageSize = nonNegative('page-size', values['page-size'], 50);
  if (pageSize < 1 || pageSize > 200) throw new UsageError(`--page-size must be from 1 to 200, got ${pageSize}`);
  await withCore(resolveTarget(values), async (core) => {
    const result = unwrap(await core.handlers['developers:list']({ q: values.q, page, pageSize }));
    console.log(values.json ? JSON.stringify(result, null, 2) : formatDeveloperPage(result, page, pageSize));
  });
}

/** `drm developer show <email|uuid> [--json]` */
export async function developerCommand(args: string[]): Promise<number | void> {
  const [sub, ...rest] = args;
  if (sub !== 'show')
    throw new UsageError(
      sub === undefined
        ? 'give a subcommand: drm developer show <email|uuid>'
        : `unknown subcommand "${sub}" (drm developer show <email|uuid>)`,
    );
  const { values, positionals } = parse(rest, { ...targetOptions, json: { type: 'boolean' } }, true);
  if (positionals.length !== 1) throw new UsageError('give exactly one developer: drm developer show <email|uuid> [--json]');
  const key = positionals[0]!.trim();
  return withCore(resolveTarget(values), async (core) => {
    const result = await core.handlers['developers:get'](UUID.test(key) ? { developerId: key.toLowerCase() } : { email: key });
    if (!result.ok && result.error.code === 'NOT_FOUND') {
      process.stderr.write(`drm developer show: no developer ${key}\n`);
      return 2;
    }
    const profile = unwrap(result);
    console.log(values.json ? JSON.stringify(developerSummary(profile), null, 2) : formatDeveloperProfile(profile));
  });
}
