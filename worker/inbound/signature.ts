import { createHmac, timingSafeEqual } from 'node:crypto';

export const signatureHeader = 'x-relais-signature';

/** "sha256=<hex HMAC of the raw body>", as connectors sign their webhook calls. */
export function sign(secret: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

export function verifySignature(secret: string, rawBody: string, header: string | null): boolean {
  if (!header) return false;
  const expected = Buffer.from(sign(secret, rawBody));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
