/**
 * Short-link keys. Generated keys are read off slides and flyers and typed
 * by hand, so their alphabet leaves out characters that look alike (0/o,
 * 1/l/i) and upper case: some static hosts (Netlify) match paths ignoring
 * case, so two keys differing only in case would be one link there.
 */
import { randomInt } from 'node:crypto';
import { TYPED_KEY, TYPED_KEY_RULE } from '../../../src-shared/shortlinks';

/** Digits 2–9 and a–z without i, l and o: 31 characters, 31^8 ≈ 8.5 × 10^11 keys. */
export const KEY_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
export const GENERATED_KEY_LENGTH = 8;

/** A random key from `KEY_ALPHABET`, each character from a CSPRNG (`random` is replaceable for tests). */
export function generateKey(random: (max: number) => number = randomInt): string {
  let key = '';
  for (let i = 0; i < GENERATED_KEY_LENGTH; i++) key += KEY_ALPHABET[random(KEY_ALPHABET.length)];
  return key;
}

/** Why `key` cannot be a typed key, or null when it can. */
export function keyProblem(key: string): string | null {
  return TYPED_KEY.test(key) ? null : `The key "${key}" is not allowed: use ${TYPED_KEY_RULE}`;
}
