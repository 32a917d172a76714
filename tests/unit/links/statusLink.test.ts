import { describe, expect, it } from 'vitest';
import { signStatusLink, statusLinkUrl, verifyStatusLink } from '../../../worker/links/statusLink';

const secret = 'a-secret-of-the-tests-0123456789';
const now = Date.parse('2026-03-02T10:00:00Z');
const inADay = new Date(now + 24 * 3600 * 1000);

describe('status links', () => {
  it('verifies a link it signed, until it expires', () => {
    const link = signStatusLink(secret, 'case-1', inADay);
    expect(verifyStatusLink(secret, link, now)).toBe('valid');
    expect(verifyStatusLink(secret, link, inADay.getTime() - 1)).toBe('valid');
    expect(verifyStatusLink(secret, link, inADay.getTime())).toBe('expired');
  });

  it('refuses a link for another case, a later expiry, another secret or a changed signature', () => {
    const link = signStatusLink(secret, 'case-1', inADay);
    expect(verifyStatusLink(secret, { ...link, caseId: 'case-2' }, now)).toBe('tampered');
    expect(verifyStatusLink(secret, { ...link, exp: String(Number(link.exp) + 1) }, now)).toBe(
      'tampered',
    );
    expect(verifyStatusLink('another-secret-0123456789abcdefgh', link, now)).toBe('tampered');
    const flipped = (link.sig[0] === 'A' ? 'B' : 'A') + link.sig.slice(1);
    expect(verifyStatusLink(secret, { ...link, sig: flipped }, now)).toBe('tampered');
  });

  it('refuses missing or malformed parameters without throwing', () => {
    const link = signStatusLink(secret, 'case-1', inADay);
    for (const bad of [
      { ...link, exp: null },
      { ...link, sig: null },
      { ...link, exp: 'soon' },
      { ...link, sig: 'short' },
      { ...link, sig: `${link.sig}==` },
    ])
      expect(verifyStatusLink(secret, bad, now)).toBe('tampered');
  });

  it('builds the page URL under the base, whatever its trailing slash', () => {
    for (const base of ['https://support.example.com', 'https://support.example.com/relais/']) {
      const url = new URL(statusLinkUrl(base, secret, 'case 1', inADay));
      expect(url.pathname).toMatch(/\/status\/case%201$/);
      expect(url.pathname.startsWith(new URL(base).pathname.replace(/\/?$/, '/'))).toBe(true);
      const check = verifyStatusLink(
        secret,
        {
          caseId: decodeURIComponent(url.pathname.split('/').pop()!),
          exp: url.searchParams.get('exp'),
          sig: url.searchParams.get('sig'),
        },
        now,
      );
      expect(check).toBe('valid');
    }
  });
});
