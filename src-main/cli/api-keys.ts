/**
 * `drm api-keys create --name N --scope S [--json] | list [--json] | revoke
 * ID [--json]`: keys for the HTTP API (issue 14 §3), through the same
 * handlers as Settings → API keys. `create` prints the key once: it is not
 * stored and cannot be shown again.
 */
import { apiKeyScopes, type ApiKeyScope, type ApiKeySummary } from '../../src-shared/contract/api-keys';
import { parseOptions, resolveTarget, targetOptions, unwrap, UsageError, withCore } from './context';
import { columns } from './terminal';

const USAGE = 'drm api-keys create --name N --scope ingest[,read,admin] | list | revoke ID';
const JSON_OPTION = { json: { type: 'boolean', default: false } } as const;

const print = (json: boolean, value: unknown, text: string) =>
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);

/** `--scope ingest,read` or `--scope "ingest read"`; repeated --scope adds. */
function parseScopes(raw: string[] | undefined): ApiKeyScope[] {
  const words = (raw ?? []).flatMap((s) => s.split(/[\s,]+/)).filter(Boolean);
  if (words.length === 0) throw new UsageError(`give --scope with one or more of ${apiKeyScopes.join(', ')} (${USAGE})`);
  for (const w of words) {
    if (!(apiKeyScopes as readonly string[]).includes(w))
      throw new UsageError(`--scope: unknown scope "${w}"; scopes are ${apiKeyScopes.join(', ')}`);
  }
  return words as ApiKeyScope[];
}

async function create(args: string[]): Promise<number> {
  const { values } = parseOptions(args, {
    ...targetOptions,
    ...JSON_OPTION,
    name: { type: 'string' },
    scope: { type: 'string', multiple: true },
  });
  if (!values.name?.trim()) throw new UsageError(`give the key a name: ${USAGE}`);
  const scopes = parseScopes(values.scope);
  const created = await withCore(resolveTarget(values), async (core) =>
    unwrap(await core.handlers['api-keys:create']({ name: values.name!, scopes })),
  );
  print(
    values.json,
    created,
    `${created.key}\n\nAPI key "${created.name}" (${created.scopes.join(' ')}), id ${created.apiKeyId}.\n` +
      'Copy it now: it is not stored and you will not see it again. Use it as "Authorization: Bearer <key>".',
  );
  return 0;
}

const day = (iso: string | null) => (iso === null ? '—' : iso.slice(0, 16).replace('T', ' '));

export function formatApiKeys(keys: ApiKeySummary[]): string {
  if (keys.length === 0) return `No API keys yet (${USAGE.split(' | ')[0]}).`;
  const body = keys.map((k) => [
    k.apiKeyId,
    `drm_${k.publicId}_…`,
    k.name,
    k.scopes.join(' '),
    day(k.createdAt),
    // An old key's creator was not recorded (README "Who did what").
    k.createdByUser?.email ?? '—',
    day(k.lastUsedAt),
    k.revokedAt ? `revoked ${day(k.revokedAt)}` : 'active',
  ]);
  return columns(['id', 'key', 'name', 'scope', 'created (UTC)', 'created by', 'last used (UTC)', 'state'], body).join('\n');
}

async function list(args: string[]): Promise<number> {
  const { values } = parseOptions(args, { ...targetOptions, ...JSON_OPTION });
  const keys = await withCore(resolveTarget(values), async (core) => unwrap(await core.handlers['api-keys:list']({})));
  print(values.json, keys, formatApiKeys(keys));
  return 0;
}

async function revoke(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, { ...targetOptions, ...JSON_OPTION }, true);
  if (positionals.length !== 1) throw new UsageError(`give exactly one key id: drm api-keys revoke ID (ids: drm api-keys list)`);
  const revoked = await withCore(resolveTarget(values), async (core) =>
    unwrap(await core.handlers['api-keys:revoke']({ apiKeyId: positionals[0]!.trim().toLowerCase() })),
  );
  print(values.json, revoked, `Revoked API key "${revoked.name}" (drm_${revoked.publicId}_…): it is refused from now on.`);
  return 0;
}

const subcommands: Record<string, (args: string[]) => Promise<number>> = { create, list, revoke };

export async function apiKeysCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const command = sub === undefined ? undefined : subcommands[sub];
  if (!command) throw new UsageError(sub === undefined ? `give a subcommand: ${USAGE}` : `unknown subcommand "${sub}" (${USAGE})`);
  return command(rest);
}
