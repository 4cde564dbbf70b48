/**
 * The text of an API key: `drm_<public id>_<secret>`. The public id is the
 * first 8 hex digits of the key's row id, so the list can show which key is
 * which without storing anything but the hash; the secret is 32 random bytes.
 * Only the SHA-256 (hex) of the whole text is stored: a key has 256 bits of
 * entropy, so a slow password hash would add nothing but latency.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';

const PREFIX = 'drm_';
/** What a presented key must look like before it is worth a database lookup. */
const SHAPE = /^drm_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/;

export interface NewKey {
  apiKeyId: string;
  publicId: string;
  key: string;
  hashedKey: string;
}

export const publicIdOf = (apiKeyId: string) => apiKeyId.replace(/-/g, '').slice(0, 8);

export const hashKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

export function newKey(): NewKey {
  const apiKeyId = randomUUID();
  const publicId = publicIdOf(apiKeyId);
  const key = `${PREFIX}${publicId}_${randomBytes(32).toString('base64url')}`;
  return { apiKeyId, publicId, key, hashedKey: hashKey(key) };
}

/** Whether `text` has a key's shape (a Bearer token of something else is refused without a query). */
export const looksLikeKey = (text: string) => SHAPE.test(text);
