import { describe, expect, it } from 'vitest';
import { imapTarget } from '../../../worker/email/imapUrl';

describe('IMAP_URL', () => {
  it('reads server, account and mailbox, with encoded credentials', () => {
    expect(imapTarget('imaps://support%40acme.fr:p%40ss%3Aw@imap.acme.fr/Support%2FFR')).toEqual({
      host: 'imap.acme.fr',
      port: 993,
      secure: true,
      user: 'support@acme.fr',
      pass: 'p@ss:w',
      mailbox: 'Support/FR',
    });
  });

  it('defaults to INBOX, and to port 143 without TLS', () => {
    expect(imapTarget('imap://u:p@127.0.0.1')).toMatchObject({
      port: 143,
      secure: false,
      mailbox: 'INBOX',
    });
    expect(imapTarget('imap://u:p@127.0.0.1:3143/')).toMatchObject({ port: 3143 });
  });

  it('refuses another scheme', () => {
    expect(() => imapTarget('pop3://u:p@host')).toThrow(/imap/);
  });
});
