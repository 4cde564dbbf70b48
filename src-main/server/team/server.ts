/**
 * `drm serve --team`: the app for a team on a shared PostgreSQL (README
 * "Team mode"). Instead of `drm serve`'s printed token, people sign in with
 * email and password (auth-routes.ts) and get a session cookie; each request
 * runs on the core of the signed-in user's tenant (cores.ts) with the user as
 * `caller.userId`. `/api/v1/` keeps its API keys, each served in its key's
 * tenant. The renderer is served to anyone: it shows the sign-in page until
 * `/auth/me` names a user.
 */
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { newFileSession } from '../../core/files/handles';
import { DEFAULT_SESSION_LIMITS, type SessionLimits } from '../../core/auth/sessions';
import { createSignIn, DEFAULT_SIGN_IN_LIMITS, type SignInLimits } from '../../core/auth/sign-in';
import type { RateLimit } from '../../redirect/rate-limit';
import { createApiV1, isApiV1Path } from '../api-v1/router';
import { answering, refuse, serveChannels } from '../channels';
import { serveStatic } from '../static';
import { openUploadFolder } from '../upload';
import { createAuthRoutes } from './auth-routes';
import { refusedInTeamMode, type TenantCores } from './cores';
import { clientOf, createListener, type ListenPlan } from './listen';

export interface TeamServerOptions {
  cores: TenantCores;
  rendererDir: string;
  listen: ListenPlan;
  port?: number;
  uploadsRoot?: string;
  sessionLimits?: SessionLimits;
  signInLimits?: SignInLimits;
  /** Where lockouts and other security events go (the CLI: stderr). */
  log?: (line: string) => void;
  keyRateLimit?: RateLimit;
  formRateLimit?: RateLimit;
}

export interface TeamServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startTeamServer(options: TeamServerOptions): Promise<TeamServer> {
  const { cores, listen: plan } = options;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  // One file session for the server: each tenant's core keeps its own registry, so a handle never crosses tenants.
  const fileSession = newFileSession('team');
  const uploads = await openUploadFolder(options.uploadsRoot);
  const apiV1 = createApiV1({
    core: cores.directory,
    coreOf: (tenant) => cores.get(tenant),
    uploadsFolder: uploads.path,
    keyRateLimit: options.keyRateLimit,
    formRateLimit: options.formRateLimit,
  });
  const auth = createAuthRoutes({
    cores,
    signIn: createSignIn(options.signInLimits ?? DEFAULT_SIGN_IN_LIMITS, log),
    limits: options.sessionLimits ?? DEFAULT_SESSION_LIMITS,
    log,
  });

  const server = createListener(plan, answering(handle));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://api.invalid');
    if (isApiV1Path(path.pathname)) return apiV1(req, res, path);
    const client = clientOf(req, plan);
    const origin = `${client.secure ? 'https' : 'http'}://${req.headers.host ?? ''}`;
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname.startsWith('/auth/')) return auth.route(req, res, url, client, origin);
    if (url.pathname.startsWith('/api/')) {
      const signedIn = await auth.current(req);
      if (!signedIn) return refuse(res, 401, 'Not signed in, or the session ended: sign in again');
      return serveChannels(req, res, url, {
        core: signedIn.core,
        caller: { session: fileSession, userId: signedIn.user.userId },
        uploads,
        origin,
        refused: refusedInTeamMode,
      });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed');
    return serveStatic(options.rendererDir, url.pathname, req, res);
  }

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, plan.host, () => resolve());
    });
  } catch (error) {
    await uploads.remove();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const shownHost = plan.host.includes(':') ? `[${plan.host}]` : plan.host;

  return {
    url: `${plan.tls ? 'https' : 'http'}://${shownHost}:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          void cores
            .close()
            .then(() => uploads.remove())
            .then(() => resolve());
        });
        server.closeAllConnections();
      }),
  };
}
