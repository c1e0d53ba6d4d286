import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Workspace API keys: shown once when made, stored only as a SHA-256 hash (a key is 256 random
 * bits, so a fast hash is enough; there is nothing to brute-force). Looked up by hash.
 */

const apiKeyPrefix = 'sk_';

/** A new API key: `sk_` and 32 random bytes in base64url (43 characters). */
export const generateApiKey = (): string => `${apiKeyPrefix}${randomBytes(32).toString('base64url')}`;

/** SHA-256 of the whole key, hex: what the configuration stores and looks keys up by. */
export const hashApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

/** The first characters of a key, to tell keys apart in lists without revealing them. */
export const displayPrefix = (key: string): string => key.slice(0, apiKeyPrefix.length + 6);

/**
 * Compares two secrets in time independent of where they differ (and of their lengths: both are
 * hashed first), so response timing reveals nothing about a stored value.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a, 'utf8').digest(), createHash('sha256').update(b, 'utf8').digest());
}

/** Whether a presented key is the one a stored hash was made from. */
export const apiKeyMatches = (key: string, storedHash: string): boolean => constantTimeEqual(hashApiKey(key), storedHash.toLowerCase());
