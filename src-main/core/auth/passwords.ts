/**
 * Password hashes of the team server's accounts: argon2id (README "Team
 * mode"), with OWASP's first recommended setting: 19 MiB of memory, 2
 * passes, 1 lane. Memory is what makes a GPU or ASIC guess slowly; 19 MiB
 * keeps a verification at 30–50 ms of one core, and ten
 * simultaneous sign-ins under 200 MiB. One lane, because the server signs in
 * many people on few cores: parallelism would only divide the same work.
 */
import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

/** @node-rs/argon2's `Algorithm.Argon2id` (a const enum, which isolated modules cannot read). */
const ARGON2ID = 2;

export const ARGON2_PARAMS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../../src-shared/bounds';

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_PARAMS);
}

/** Whether `password` matches `stored`; a stored value that is no argon2 hash matches nothing. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let decoy: Promise<string> | undefined;

/**
 * Spends the time of one verification on an account that does not exist, so
 * that an unknown email answers as slowly as a wrong password.
 */
export async function verifyDecoy(password: string): Promise<false> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(await decoy, password);
  return false;
}

/** A generated password shown once: 128 random bits, typeable (base64url, 22 characters). */
export function newOneTimePassword(): string {
  return randomBytes(16).toString('base64url');
}
