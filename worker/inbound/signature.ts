import { createHmac, timingSafeEqual } from 'node:crypto';

export const signatureHeader = 'x-relais-signature';
export const timestampHeader = 'x-relais-timestamp';
/** How far a signed timestamp may be from our clock, as Stripe and Slack allow. */
export const toleranceSeconds = 5 * 60;

const digest = (secret: string, timestamp: string, rawBody: string): Buffer =>
  createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest();

/** "sha256=<hex HMAC of "<timestamp>.<raw body>">", as connectors sign their webhook calls. */
export function sign(secret: string, rawBody: string, timestamp: number): string {
  return `sha256=${digest(secret, String(timestamp), rawBody).toString('hex')}`;
}

/** Both headers of a signed call made at `now`. */
export function signedHeaders(
  secret: string,
  rawBody: string,
  now = Date.now(),
): Record<string, string> {
  const timestamp = Math.floor(now / 1000);
  return {
    [timestampHeader]: String(timestamp),
    [signatureHeader]: sign(secret, rawBody, timestamp),
  };
}

export type SignatureCheck = 'valid' | 'missing' | 'malformed' | 'expired' | 'mismatch';

/**
 * Checks a call's signature over its timestamp and raw body. An old timestamp is refused, so a
 * captured call cannot be replayed later; within the tolerance the message id makes a replay a
 * no-op. The digests are compared as fixed-length bytes, in constant time.
 */
export function verifySignature(
  secret: string,
  rawBody: string,
  headers: { signature: string | null; timestamp: string | null },
  now = Date.now(),
): SignatureCheck {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp) return 'missing';
  const hex = /^sha256=([0-9a-f]{64})$/i.exec(signature.trim())?.[1];
  if (!hex || !/^\d{1,12}$/.test(timestamp)) return 'malformed';
  if (Math.abs(now / 1000 - Number(timestamp)) > toleranceSeconds) return 'expired';
  const expected = digest(secret, timestamp, rawBody);
  return timingSafeEqual(expected, Buffer.from(hex, 'hex')) ? 'valid' : 'mismatch';
}
