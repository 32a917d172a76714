import { createHash, randomBytes } from 'node:crypto';

/**
 * A new secret with 256 bits of entropy. Stored only as its SHA-256: at that entropy a fast hash
 * cannot be brute-forced, and lookups by hash stay a single indexed read.
 */
export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export const hashSecret = (secret: string): string =>
  createHash('sha256').update(secret, 'utf8').digest('hex');
