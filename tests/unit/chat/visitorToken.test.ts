import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signVisitor, verifyVisitor, type ChatVisitor } from '../../../worker/chat/visitorToken';

const secret = 'the-chat-secret-of-the-tests';
const visitor: ChatVisitor = {
  id: randomUUID(),
  name: 'Claire Martin',
  email: 'claire@exemple.fr',
  category: null,
  lang: 'fr',
  caseId: 'case-1',
};

describe('chat visitor cookie', () => {
  it('gives back the visitor it signed', () => {
    expect(verifyVisitor(secret, signVisitor(secret, visitor))).toEqual(visitor);
  });

  it('refuses a changed payload, a changed signature, another secret and garbage', () => {
    const token = signVisitor(secret, visitor);
    const [payload, sig] = token.split('.') as [string, string];
    const other = Buffer.from(JSON.stringify({ ...visitor, caseId: 'case-2' })).toString(
      'base64url',
    );
    expect(verifyVisitor(secret, `${other}.${sig}`)).toBeNull();
    const flipped = (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
    expect(verifyVisitor(secret, `${payload}.${flipped}`)).toBeNull();
    expect(verifyVisitor('another-secret', token)).toBeNull();
    expect(verifyVisitor(secret, undefined)).toBeNull();
    expect(verifyVisitor(secret, 'not-a-token')).toBeNull();
  });

  it('refuses a well-signed payload that is not a visitor', () => {
    const token = signVisitor(secret, visitor);
    const sig = token.split('.')[1]!;
    expect(verifyVisitor(secret, `e30.${sig}`)).toBeNull();
  });
});
