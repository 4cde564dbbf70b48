/**
 * `drm users add EMAIL [--name N] | list | disable EMAIL | enable EMAIL |
 * reset-password EMAIL [--json]`: the accounts that sign in to the team
 * server (README "Team mode"), in `--tenant T` (default: default). `add` and
 * `reset-password` print a generated password once: only its hash is kept,
 * so give it to the person over a channel you trust; a lost one is reset,
 * never shown again.
 */
import { addUser, listUsers, resetPassword, setUserDisabled, type UserSummary } from '../core/auth/users';
import type { Db } from '../core/db/db';
import { CoreError } from '../core/errors';
import { parseOptions, Refusal, resolveTarget, targetOptions, UsageError, withCore } from './context';
import { columns } from './terminal';

const OPTIONS = { ...targetOptions, name: { type: 'string' }, json: { type: 'boolean', default: false } } as const;
const USAGE = 'drm users add EMAIL [--name N] | list | disable EMAIL | enable EMAIL | reset-password EMAIL';

export function formatUsers(users: UserSummary[]): string {
  if (users.length === 0) return 'No users in this tenant yet: drm users add EMAIL creates one.';
  const body = users.map((u) => [u.email, u.displayName ?? '', u.disabled ? 'disabled' : 'enabled', u.lastLoginAt ?? 'never']);
  return columns(['email', 'name', 'status', 'last sign-in'], body).join('\n');
}

export async function usersCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseOptions(rest, OPTIONS, true);
  const print = (json: unknown, text: string) => process.stdout.write(values.json ? `${JSON.stringify(json, null, 2)}\n` : `${text}\n`);
  const email = (): string => {
    if (positionals.length !== 1) throw new UsageError(`drm users ${sub} takes one EMAIL: ${USAGE}`);
    return positionals[0]!;
  };
  const run = <T>(work: (db: Db, tenant: string) => Promise<T>) =>
    withCore(resolveTarget(values), (core) => core.withDatabase(work)).catch((error: unknown) => {
      // Not found, a duplicate, a bad email: the operator can act on it (exit 2).
      if (error instanceof CoreError && ['BAD_INPUT', 'NOT_FOUND', 'CONFLICT'].includes(error.code)) throw new Refusal(error.message);
      throw error;
    });
  switch (sub) {
    case 'add':
    case 'reset-password': {
      const address = email();
      if (sub === 'reset-password' && values.name !== undefined) throw new UsageError(`--name goes with drm users add: ${USAGE}`);
      const made = await run((db, tenant) =>
        sub === 'add' ? addUser(db, tenant, address, values.name) : resetPassword(db, tenant, address),
      );
      const what = sub === 'add' ? `Added ${made.user.email}` : `Reset the password of ${made.user.email} (their sessions ended)`;
      print(
        made,
        `${what}. One-time password, shown only now:\n\n  ${made.password}\n\nGive it to them over a channel you trust; drm users reset-password makes a new one.`,
      );
      return 0;
    }
    case 'list': {
      if (positionals.length !== 0) throw new UsageError(`drm users list takes no argument: ${USAGE}`);
      const users = await run((db, tenant) => listUsers(db, tenant));
      print(users, formatUsers(users));
      return 0;
    }
    case 'disable':
    case 'enable': {
      const address = email();
      const user = await run((db, tenant) => setUserDisabled(db, tenant, address, sub === 'disable'));
      print(user, sub === 'disable' ? `Disabled ${user.email}; their sessions ended.` : `Enabled ${user.email}.`);
      return 0;
    }
    default:
      throw new UsageError(sub === undefined ? `give a subcommand: ${USAGE}` : `unknown subcommand "${sub}" (${USAGE})`);
  }
}
