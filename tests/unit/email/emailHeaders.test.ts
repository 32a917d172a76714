import { describe, expect, it } from 'vitest';
import { attachmentRefusal } from '../../../worker/email/attachmentPolicy';
import { automaticReason, type MailSignals } from '../../../worker/email/automaticMail';
import {
  caseRefInSubject,
  outboundMessageId,
  outboxKeyOf,
  referencedIds,
  subjectWithRef,
} from '../../../worker/email/mailThreading';
import { newText } from '../../../worker/email/quotedHistory';

const mail = (headers: Record<string, string>, from = 'sam@example.com', envelopeFrom = from) =>
  ({ header: (name) => headers[name], from, envelopeFrom }) satisfies MailSignals;

describe('automatic mail', () => {
  it('is told by RFC 3834 and autoresponder headers', () => {
    expect(automaticReason(mail({ 'auto-submitted': 'auto-replied' }))).toBe('auto-submitted');
    expect(automaticReason(mail({ 'auto-submitted': 'No' }))).toBeNull();
    for (const p of ['bulk', 'junk', 'list', 'auto_reply'])
      expect(automaticReason(mail({ precedence: ` ${p.toUpperCase()} ` }))).toBe('precedence');
    expect(automaticReason(mail({ precedence: 'first-class' }))).toBeNull();
    expect(automaticReason(mail({ 'x-autoreply': 'yes' }))).toBe('autoreply-header');
    expect(automaticReason(mail({ 'x-autorespond': 'vacation' }))).toBe('autoreply-header');
    expect(automaticReason(mail({ 'x-auto-response-suppress': 'DR, OOF, AutoReply' }))).toBe(
      'autoreply-header',
    );
  });

  it('is told by a daemon sender or a bounce envelope', () => {
    expect(automaticReason(mail({}, 'MAILER-DAEMON@mx.example.com'))).toBe('mailer-daemon');
    expect(automaticReason(mail({}, 'postmaster@example.com'))).toBe('mailer-daemon');
    expect(automaticReason(mail({}, 'sam@example.com', ''))).toBe('null-sender');
    expect(automaticReason(mail({}, 'postmaster.fan@example.com'))).toBeNull();
    expect(automaticReason(mail({}))).toBeNull();
  });
});

describe('threading', () => {
  it('reads back the outbox key of our Message-IDs', () => {
    const key = 'customer-1/case-2:send-reply:00003';
    const id = outboundMessageId(key, 'relais.local');
    expect(id).toBe('<customer-1%2Fcase-2%3Asend-reply%3A00003@relais.local>');
    expect(outboxKeyOf(id)).toBe(key);
    expect(outboxKeyOf('not an id')).toBeNull();
    expect(outboxKeyOf('<%E0%A4%A@x>')).toBeNull();
  });

  it('lists In-Reply-To first, then References from the newest, once each', () => {
    expect(referencedIds('<c@x>', ['<a@x>', '<b@x>', '<c@x>'])).toEqual([
      '<c@x>',
      '<b@x>',
      '<a@x>',
    ]);
    expect(referencedIds(undefined, '<a@x> <b@x>')).toEqual(['<b@x>', '<a@x>']);
    expect(referencedIds(undefined, undefined)).toEqual([]);
  });

  it('finds the case reference in a subject, and adds it once', () => {
    const caseId = '1a2b3c4d-0000-4000-8000-000000000000';
    const subject = subjectWithRef('Reply to your request', caseId);
    expect(subject).toBe('Reply to your request [#1A2B3C4D]');
    expect(subjectWithRef(subject, caseId)).toBe(subject);
    expect(caseRefInSubject(`RE: Fwd: ${subject.toLowerCase()}`)).toBe('1A2B3C4D');
    expect(caseRefInSubject('Order #1234')).toBeNull();
  });
});

describe('quoted history', () => {
  it('keeps only what the customer wrote this time, in French or English', () => {
    expect(
      newText(
        "Merci, c'est réglé.\n\nLe mer. 2 déc. 2026 à 10:00, Relais <support@relais.local> a écrit :\n> Bonjour,\n> votre demande.\n",
      ),
    ).toBe("Merci, c'est réglé.");
    expect(
      newText('Still broken.\n\nOn Wed, Dec 2, 2026 at 10:00 AM Relais wrote:\n> Hello\n'),
    ).toBe('Still broken.');
    expect(newText('No history here.\nTwo lines.')).toBe('No history here.\nTwo lines.');
  });
});

describe('attachment limits', () => {
  const limits = { maxBytes: 1000, types: ['image/*', 'application/pdf'] };
  it('refuses what is too large or of another type', () => {
    expect(attachmentRefusal({ size: 1000, contentType: 'image/png' }, limits)).toBeNull();
    expect(attachmentRefusal({ size: 10, contentType: 'Application/PDF' }, limits)).toBeNull();
    expect(attachmentRefusal({ size: 1001, contentType: 'image/png' }, limits)).toBe('too-large');
    expect(attachmentRefusal({ size: 10, contentType: 'application/x-msdownload' }, limits)).toBe(
      'type-not-allowed',
    );
    expect(attachmentRefusal({ size: 10, contentType: 'imagex/png' }, limits)).toBe(
      'type-not-allowed',
    );
  });
});
