/**
 * A sign-in attempt of the team server: email and password against the
 * argon2id hashes of every account with that email (one per tenant at most),
 * with failures throttled per account and per client address (throttle.ts).
 * An unknown email and a wrong password get the same answer after the same
 * work (one argon2 verification), so the answer does not tell which emails
 * have accounts. A lockout is logged with the email and the client address.
 *
 * A signed-in user who types their password again (to change it,
 * `POST /auth/password`) is checked by `confirm`, on the same counts: a
 * stolen session cookie gives no more guesses than the sign-in page does,
 * and the guesses of both add up.
 */
import type { Db } from '../db/db';
import { usersByEmail } from '../tenants/lookups';
import { verifyDecoy, verifyPassword } from './passwords';
import { createFailureThrottle, type FailureLimit } from './throttle';

export interface SignInLimits {
  perAccount: FailureLimit;
  perClient: FailureLimit;
}

/** Five wrong passwords lock an account for 15 minutes; an address trying many accounts, after twenty. */
export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  perAccount: { limit: 5, windowMs: 15 * 60_000 },
  perClient: { limit: 20, windowMs: 15 * 60_000 },
};

export type SignInOutcome =
  | { ok: true; userId: string; tenantId: string }
  | { ok: false; reason: 'invalid' | 'disabled' }
  | { ok: false; reason: 'locked'; retryAfter: number };

export interface SignInAttempt {
  email: string;
  password: string;
  /** The client's address as the server sees it (after a trusted proxy's header). */
  client: string;
  /** Only this tenant's account, when one email has accounts in several. */
  tenant?: string;
}

export type ConfirmOutcome = { ok: true } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'locked'; retryAfter: number };

export interface PasswordConfirmation {
  /** The signed-in account's email: its failures count with its sign-ins'. */
  email: string;
  /** The account's stored hash (null: an account nobody can sign in as). */
  passwordHash: string | null;
  password: string;
  client: string;
}

export interface SignIn {
  attempt(db: Db, attempt: SignInAttempt): Promise<SignInOutcome>;
  /** A signed-in user's password, typed again: throttled and locked with the sign-ins. */
  confirm(confirmation: PasswordConfirmation): Promise<ConfirmOutcome>;
}

export function createSignIn(limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS, log: (line: string) => void = () => undefined): SignIn {
  const perAccount = createFailureThrottle(limits.perAccount);
  const perClient = createFailureThrottle(limits.perClient);
  const keys = (email: string, client: string) => ({ account: `account:${email.trim().toLowerCase()}`, address: `client:${client}` });
  const lockedFor = ({ account, address }: ReturnType<typeof keys>) =>
    Math.max(perAccount.lockedFor(account), perClient.lockedFor(address));
  const failed = ({ account, address }: ReturnType<typeof keys>, email: string, client: string, what: string) => {
    if (perAccount.fail(account))
      log(
        `sign-in: ${email.trim()} locked for ${limits.perAccount.windowMs / 60_000} min after ${limits.perAccount.limit} failed ${what} (last from ${client})`,
      );
    if (perClient.fail(address))
      log(`sign-in: client ${client} locked for ${limits.perClient.windowMs / 60_000} min after ${limits.perClient.limit} failed ${what}`);
  };
  return {
    async attempt(db, { email, password, client, tenant }) {
      const key = keys(email, client);
      const wait = lockedFor(key);
      if (wait > 0) return { ok: false, reason: 'locked', retryAfter: wait };

      const accounts = (await usersByEmail(db, email.trim())).filter((a) => tenant === undefined || a.tenantId === tenant);
      let match: (typeof accounts)[number] | undefined;
      for (const a of accounts) {
        if (a.passwordHash !== null && (await verifyPassword(a.passwordHash, password))) {
          match = a;
          break;
        }
      }
      if (accounts.every((a) => a.passwordHash === null)) await verifyDecoy(password);
      if (!match) {
        failed(key, email, client, 'sign-ins');
        return { ok: false, reason: 'invalid' };
      }
      // Knowing the password proves the account is theirs: they may learn it is disabled.
      if (match.disabled) return { ok: false, reason: 'disabled' };
      perAccount.clear(key.account);
      return { ok: true, userId: match.userId, tenantId: match.tenantId };
    },

    async confirm({ email, passwordHash, password, client }) {
      const key = keys(email, client);
      const wait = lockedFor(key);
      if (wait > 0) return { ok: false, reason: 'locked', retryAfter: wait };
      const right = passwordHash === null ? await verifyDecoy(password) : await verifyPassword(passwordHash, password);
      if (!right) {
        failed(key, email, client, 'sign-ins or password checks');
        return { ok: false, reason: 'invalid' };
      }
      perAccount.clear(key.account);
      return { ok: true };
    },
  };
}
