import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a status link carries besides the case: its expiry (unix seconds) and signature. */
export interface StatusLinkParams {
  caseId: string;
  exp: string;
  sig: string;
}

export type StatusLinkCheck = 'valid' | 'expired' | 'tampered';

/** Signed with a purpose prefix, so a status link's MAC is worth nothing anywhere else. */
const mac = (secret: string, caseId: string, exp: string): Buffer =>
  createHmac('sha256', secret).update(`relais-status:${caseId}:${exp}`).digest();

/** A link's parameters for the case, valid until `expiresAt`. */
export function signStatusLink(secret: string, caseId: string, expiresAt: Date): StatusLinkParams {
  const exp = String(Math.floor(expiresAt.getTime() / 1000));
  return { caseId, exp, sig: mac(secret, caseId, exp).toString('base64url') };
}

/** The customer's page for the case: `<base>/status/<caseId>?exp=…&sig=…`. */
export function statusLinkUrl(
  baseUrl: string,
  secret: string,
  caseId: string,
  expiresAt: Date,
): string {
  const { exp, sig } = signStatusLink(secret, caseId, expiresAt);
  const url = new URL(`status/${encodeURIComponent(caseId)}`, baseUrl.replace(/\/*$/, '/'));
  url.searchParams.set('exp', exp);
  url.searchParams.set('sig', sig);
  return url.toString();
}

/**
 * Checks a link as it came in. Any change to the case or the expiry breaks the signature; a
 * genuine link past its expiry is 'expired'. Digests compare in constant time.
 */
export function verifyStatusLink(
  secret: string,
  link: { caseId: string; exp: string | null; sig: string | null },
  now = Date.now(),
): StatusLinkCheck {
  const { caseId, exp, sig } = link;
  if (!exp || !sig || !/^\d{1,12}$/.test(exp) || !/^[A-Za-z0-9_-]{43}$/.test(sig))
    return 'tampered';
  const given = Buffer.from(sig, 'base64url');
  if (!timingSafeEqual(mac(secret, caseId, exp), given)) return 'tampered';
  return Number(exp) * 1000 <= now ? 'expired' : 'valid';
}
