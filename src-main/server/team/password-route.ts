/**
 * `POST /auth/password` of the team server (README "Team mode"): a signed-in
 * user replaces their own password, JSON `{ currentPassword, newPassword }`.
 * The current one is checked on the sign-ins' throttle (sign-in.ts
 * `confirm`), so a stolen session cookie is no password-guessing oracle; the
 * new one has at least MIN_PASSWORD_LENGTH characters, at most MAX_PASSWORD_LENGTH, and is
 * not the current one; it is stored as argon2id, the user's other sessions
 * end (this one stays), and the change is logged with the security events.
 * Errors name the field they concern (`details.field`), for the page to show
 * them beside it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordLengthProblem } from '../../../src-shared/bounds';
import type { SignIn } from '../../core/auth/sign-in';
import type { SignedInUser } from '../../core/auth/sessions';
import { changeOwnPassword, passwordHashOf } from '../../core/auth/users';
import type { Core } from '../../core/types';
import { readJsonBody, refuse, refuseLocked, sendJson } from '../channels';
import type { ClientView } from './listen';

export type PasswordField = 'currentPassword' | 'newPassword';

/** What is wrong with a password change's body, for the field it concerns; undefined when nothing is. */
export function passwordChangeProblem(body: unknown): { field: PasswordField; reason: string; message: string } | undefined {
  const input = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const { currentPassword, newPassword } = input;
  if (typeof currentPassword !== 'string' || currentPassword === '')
    return { field: 'currentPassword', reason: 'missing', message: 'Type your current password.' };
  if (currentPassword.length > MAX_PASSWORD_LENGTH)
    return { field: 'currentPassword', reason: 'tooLong', message: 'Wrong current password. Type the password you signed in with.' };
  if (typeof newPassword !== 'string' || newPassword === '')
    return { field: 'newPassword', reason: 'missing', message: 'Type a new password.' };
  const length = passwordLengthProblem(newPassword);
  if (length === 'tooShort')
    return {
      field: 'newPassword',
      reason: 'tooShort',
      message: `The new password is too short: use at least ${MIN_PASSWORD_LENGTH} characters.`,
    };
  if (length === 'tooLong')
    return {
      field: 'newPassword',
      reason: 'tooLong',
      message: `The new password is too long: use at most ${MAX_PASSWORD_LENGTH} characters.`,
    };
  if (newPassword === currentPassword)
    return { field: 'newPassword', reason: 'same', message: 'The new password is the same as the current one: choose a different one.' };
  return undefined;
}

export interface PasswordRouteOptions {
  /** The signed-in user of a request (auth-routes.ts's `current`). */
  current(req: IncomingMessage): Promise<{ user: SignedInUser; core: Core; sessionId: string } | undefined>;
  signIn: SignIn;
  log: (line: string) => void;
}

/** The route, past the method and Origin checks the other `/auth/` routes share. */
export function createPasswordRoute({ current, signIn, log }: PasswordRouteOptions) {
  return async function passwordRoute(req: IncomingMessage, res: ServerResponse, client: ClientView): Promise<void> {
    if (!/^application\/json\b/.test(req.headers['content-type'] ?? ''))
      return refuse(res, 415, 'Send JSON (Content-Type: application/json)');
    const signedIn = await current(req);
    if (!signedIn) return refuse(res, 401, 'Not signed in, or the session ended: sign in again');
    let body: unknown;
    try {
      body = await readJsonBody(req);
    } catch {
      return refuse(res, 400, 'Send a JSON object with currentPassword and newPassword.');
    }
    const problem = passwordChangeProblem(body);
    if (problem) return refuse(res, 400, problem.message, { field: problem.field, reason: problem.reason });
    const { currentPassword, newPassword } = body as Record<PasswordField, string>;
    const { user, core, sessionId } = signedIn;
    const stored = await core.withDatabase((db) => passwordHashOf(db, user.tenantId, user.userId));
    const check = await signIn.confirm({ email: user.email, passwordHash: stored, password: currentPassword, client: client.address });
    if (!check.ok && check.reason === 'locked')
      return refuseLocked(res, `Too many wrong passwords. Try again in ${check.retryAfter} s.`, check.retryAfter, {
        field: 'currentPassword',
        reason: 'locked',
      });
    if (!check.ok || stored === null)
      return refuse(res, 400, 'Wrong current password. Type the password you signed in with.', {
        field: 'currentPassword',
        reason: 'invalid',
      });
    const changed = await core.withDatabase((db) => changeOwnPassword(db, user, stored, newPassword, sessionId));
    if (!changed)
      return refuse(
        res,
        409,
        'Your password was changed or reset meanwhile. Sign in again with the new one.',
        { field: 'currentPassword', reason: 'changed' },
        'CONFLICT',
      );
    log(
      `password: ${user.email} (workspace ${user.tenantId}) changed their password from ${client.address}; ${changed.endedSessions} other session(s) ended`,
    );
    sendJson(res, 200, { ok: true, value: { endedSessions: changed.endedSessions } });
  };
}
