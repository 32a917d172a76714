import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Identity verification as Intercom does it: the host site's server signs the signed-in
 * customer's email with the site's secret (hex HMAC-SHA256) and puts both on the script tag.
 */
export const identityHash = (secret: string, email: string): string =>
  createHmac('sha256', secret).update(email, 'utf8').digest('hex');

/** True only for the exact signature of this email; compared in constant time. */
export function verifiedIdentity(secret: string, email: string, hash: string): boolean {
  if (!/^[0-9a-f]{64}$/i.test(hash)) return false;
  const expected = Buffer.from(identityHash(secret, email), 'hex');
  return timingSafeEqual(expected, Buffer.from(hash, 'hex'));
}
