import { describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../../workflows/contracts/activities';
import { withStatusLink } from '../../../worker/links/statusLinkText';

const settings = {
  secret: 'a-secret-of-the-tests-0123456789',
  baseUrl: 'https://r.example',
  days: 30,
};
const message = (kind: OutboundMessage['kind'], text: string, lang: 'fr' | 'en' = 'fr') =>
  ({
    key: 'k',
    caseId: 'case-1',
    customerId: 'cust-1',
    channel: 'email',
    kind,
    to: 'a@b.fr',
    lang,
    text,
  }) satisfies OutboundMessage;

const linkIn = (text: string) =>
  /https:\/\/r\.example\/status\/case-1\?exp=(\d+)&sig=\S+/.exec(text);

describe('withStatusLink', () => {
  it('ends an acknowledgement with the link in the customer’s language', () => {
    const fr = withStatusLink(message('acknowledgement', 'Bonjour.'), settings).text;
    expect(fr).toMatch(/^Bonjour\.\n\nSuivez votre demande et répondez-nous ici : https:/);
    const en = withStatusLink(message('acknowledgement', 'Hello.', 'en'), settings).text;
    expect(en).toMatch(/^Hello\.\n\nFollow your request and reply to us here: https:/);
  });

  it('puts the link where a template says {link}', () => {
    const text = withStatusLink(message('acknowledgement', 'Voir {link} !'), settings).text;
    expect(text).toMatch(/^Voir https:\/\/r\.example\/status\/case-1\?\S+ !$/);
  });

  it('gives surveys and their reminders the link, valid for the configured days', () => {
    const now = Date.parse('2026-03-02T10:00:00Z');
    for (const kind of ['survey', 'survey-reminder'] as const) {
      const text = withStatusLink(message(kind, 'Votre avis ?'), settings, now).text;
      expect(text).toContain('Donnez votre note en un clic :');
      expect(Number(linkIn(text)![1]) * 1000).toBe(now + 30 * 24 * 3600 * 1000);
    }
  });

  it('leaves agents’ replies and other messages as they are', () => {
    for (const kind of ['reply', 'callback-offer', 'formal-answer'] as const) {
      const m = message(kind, 'Texte');
      expect(withStatusLink(m, settings)).toBe(m);
    }
  });
});
