/**
 * `drm serve --team [--host H] [--port N] [--tls-cert F --tls-key F |
 * --behind-proxy ADDR] --database-url URL`: the team server (README "Team
 * mode") until SIGINT or SIGTERM. Lockouts and other security events go to
 * stderr, where a service manager keeps them.
 */
import { startCore } from '../core/index';
import { DEFAULT_TENANT } from '../core/db/seed';
import { resolveRendererDir } from '../core/paths';
import { createTenantCores } from '../server/team/cores';
import { ListenRefusal, planListen } from '../server/team/listen';
import { startTeamServer } from '../server/team/server';
import { parseOptions, Refusal, resolveTarget, targetOptions, UsageError, withCore } from './context';

const OPTIONS = {
  ...targetOptions,
  team: { type: 'boolean' },
  host: { type: 'string' },
  port: { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'behind-proxy': { type: 'string' },
} as const;

export async function serveTeamCommand(args: string[]): Promise<void> {
  const { values } = parseOptions(args, OPTIONS);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a number from 0 to 65535, got ${values.port}`);
  const target = resolveTarget(values);
  if (target.databaseUrl === undefined)
    throw new UsageError('drm serve --team serves a shared PostgreSQL: give --database-url URL (or DATABASE_URL), not a data folder.');
  let plan;
  try {
    plan = planListen({ host: values.host, tlsCert: values['tls-cert'], tlsKey: values['tls-key'], behindProxy: values['behind-proxy'] });
  } catch (error) {
    if (error instanceof ListenRefusal) throw new Refusal(error.message);
    throw error;
  }
  const databaseUrl = target.databaseUrl;
  const first = target.tenant ?? DEFAULT_TENANT;
  // The first core also runs the migrations; every tenant's own core then finds the schema current.
  // No local user: every call of a team server is a signed-in user's (or an API key's creator's).
  const common = { sendNotifications: true, localUser: false } as const;
  await withCore(
    { ...target, ...common },
    async (directory) => {
      const cores = createTenantCores(directory, first, (tenant) =>
        startCore({ databaseUrl, tenant, ...common, onNotice: (m) => process.stderr.write(`drm: ${m}\n`) }),
      );
      const server = await startTeamServer({ cores, rendererDir: resolveRendererDir({ packaged: false }), listen: plan, port });
      console.log(`DRM Desktop (team mode) is serving on ${server.url}`);
      console.log('People sign in with the accounts of `drm users add`. Press Ctrl-C to stop.');
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      // Stops every tenant's core, then withCore the directory's.
      await server.close();
    },
    { signals: 'body' },
  );
}
