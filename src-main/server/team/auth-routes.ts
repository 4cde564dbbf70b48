/**
 * The team server's `/auth/` routes and the session behind each request:
 * `POST /auth/sign-in` (JSON email, password, optional tenant) sets a new
 * session cookie, ending the one the browser held (a session is rotated on
 * every sign-in); `POST /auth/sign-out` ends it; `GET /auth/me` says whether
 * this is team mode and who is signed in, which is how the renderer knows to
 * show its sign-in page; `POST /auth/password` changes one's own password
 * (password-route.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import {
  createSession,
  endSession,
  isExpired,
  recordLogin,
  sessionByToken,
  sessionUser,
  touchSession,
  type SessionLimits,
  type SignedInUser,
} from '../../core/auth/sessions';
import { MAX_PASSWORD_LENGTH } from '../../core/auth/passwords';
import type { SignIn } from '../../core/auth/sign-in';
import type { Core } from '../../core/types';
import { readCookie, readJsonBody, refuse, refuseLocked, sendJson } from '../channels';
import type { TenantCores } from './cores';
import type { ClientView } from './listen';
import { createPasswordRoute } from './password-route';

export const SESSION_COOKIE = 'drm_session';

const signInBody = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
  tenant: z.string().min(1).max(63).optional(),
});

export interface AuthRoutesOptions {
  cores: TenantCores;
  signIn: SignIn;
  limits: SessionLimits;
  /** Security events (a password changed); the CLI's is stderr, with the lockouts. */
  log?: (line: string) => void;
}

export interface SignedIn {
  user: SignedInUser;
  core: Core;
  sessionId: string;
}

/** The shape `/auth/me` answers (the renderer reads it: src-renderer/src/team/). */
export interface TeamMe {
  mode: 'team';
  user: { email: string; displayName: string | null; tenantId: string } | null;
}

export function createAuthRoutes({ cores, signIn, limits, log = () => undefined }: AuthRoutesOptions) {
  const cookie = (value: string, secure: boolean, maxAgeSeconds: number) =>
    `${SESSION_COOKIE}=${value}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;

  /** The signed-in user of this request, on their tenant's core; an expired session is deleted on sight. */
  async function current(req: IncomingMessage): Promise<SignedIn | undefined> {
    const token = readCookie(req, SESSION_COOKIE);
    if (!token) return undefined;
    const session = await cores.directory.withDatabase((db) => sessionByToken(db, token));
    if (!session) return undefined;
    const core = await cores.get(session.tenantId);
    if (isExpired(session, limits)) {
      await core.withDatabase((db) => endSession(db, session.sessionId));
      return undefined;
    }
    const user = await core.withDatabase(async (db) => {
      const found = await sessionUser(db, session);
      if (found) await touchSession(db, session);
      return found;
    });
    return user && { user, core, sessionId: session.sessionId };
  }

  const passwordRoute = createPasswordRoute({ current, signIn, log });

  async function signInRoute(req: IncomingMessage, res: ServerResponse, client: ClientView): Promise<void> {
    if (!/^application\/json\b/.test(req.headers['content-type'] ?? ''))
      return refuse(res, 415, 'Send JSON (Content-Type: application/json)');
    let body: z.infer<typeof signInBody>;
    try {
      body = signInBody.parse(await readJsonBody(req));
    } catch {
      return refuse(res, 400, 'Give an email and a password.');
    }
    const outcome = await cores.directory.withDatabase((db) => signIn.attempt(db, { ...body, client: client.address }));
    if (!outcome.ok) {
      if (outcome.reason === 'locked')
        return refuseLocked(res, `Too many failed sign-ins. Try again in ${outcome.retryAfter} s.`, outcome.retryAfter);
      if (outcome.reason === 'disabled')
        return refuse(res, 403, 'This account is disabled. Ask your administrator to enable it.', { reason: 'disabled' });
      return refuse(res, 401, 'Wrong email or password.', { reason: 'invalid' });
    }
    // Rotation: whatever session this browser held ends; the new one has a token never seen before.
    const previous = await current(req);
    if (previous) await previous.core.withDatabase((db) => endSession(db, previous.sessionId));
    const core = await cores.get(outcome.tenantId);
    const token = await core.withDatabase(async (db) => {
      await recordLogin(db, outcome.userId);
      return createSession(db, outcome.tenantId, outcome.userId, limits);
    });
    const user = await core.withDatabase((db) => sessionUser(db, outcome));
    const me: TeamMe = { mode: 'team', user: user ? { email: user.email, displayName: user.displayName, tenantId: user.tenantId } : null };
    sendJson(res, 200, { ok: true, value: me }, { 'Set-Cookie': cookie(token, client.secure, Math.floor(limits.absoluteMs / 1000)) });
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL, client: ClientView, origin: string): Promise<void> {
    if (url.pathname === '/auth/me') {
      if (req.method !== 'GET') return refuse(res, 405, 'Use GET');
      const signedIn = await current(req);
      const me: TeamMe = {
        mode: 'team',
        user: signedIn ? { email: signedIn.user.email, displayName: signedIn.user.displayName, tenantId: signedIn.user.tenantId } : null,
      };
      return sendJson(res, 200, { ok: true, value: me });
    }
    if (url.pathname !== '/auth/sign-in' && url.pathname !== '/auth/sign-out' && url.pathname !== '/auth/password')
      return refuse(res, 404, `No route ${url.pathname}`);
    if (req.method !== 'POST') return refuse(res, 405, 'Use POST');
    // Another site's page must not sign a browser in (or out) here, nor change its password.
    if (req.headers.origin !== undefined && req.headers.origin !== origin) return refuse(res, 403, 'Cross-origin request refused');
    if (url.pathname === '/auth/sign-in') return signInRoute(req, res, client);
    if (url.pathname === '/auth/password') return passwordRoute(req, res, client);
    const signedIn = await current(req);
    if (signedIn) await signedIn.core.withDatabase((db) => endSession(db, signedIn.sessionId));
    sendJson(res, 200, { ok: true, value: { mode: 'team', user: null } satisfies TeamMe }, { 'Set-Cookie': cookie('', client.secure, 0) });
  }

  return { current, route };
}
