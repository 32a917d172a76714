import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { identityHash, verifiedIdentity } from '../../../worker/chat/identityHash';

const secret = 'a-site-secret-of-the-tests-0123456789abcdef';
const email = 'claire@exemple.fr';

describe('chat identity verification', () => {
  it('is the hex HMAC-SHA256 of the email, as the host site computes it', () => {
    const expected = createHmac('sha256', secret).update(email).digest('hex');
    expect(identityHash(secret, email)).toBe(expected);
    expect(verifiedIdentity(secret, email, expected)).toBe(true);
    expect(verifiedIdentity(secret, email, expected.toUpperCase())).toBe(true);
  });

  it('refuses another email, another secret, a changed digit and garbage', () => {
    const hash = identityHash(secret, email);
    expect(verifiedIdentity(secret, 'marc@exemple.fr', hash)).toBe(false);
    expect(verifiedIdentity(`${secret}x`, email, hash)).toBe(false);
    const changed = `${hash.slice(0, -1)}${hash.endsWith('0') ? '1' : '0'}`;
    expect(verifiedIdentity(secret, email, changed)).toBe(false);
    expect(verifiedIdentity(secret, email, '')).toBe(false);
    expect(verifiedIdentity(secret, email, hash.slice(2))).toBe(false);
    expect(verifiedIdentity(secret, email, 'zz'.repeat(32))).toBe(false);
  });
});
