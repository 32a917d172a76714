import { simpleParser } from 'mailparser';
import type { Db } from 'mongodb';
import { mailStores } from './mailStores';
import { listenSmtp, type SmtpListener } from './smtpListener';

const addressText = (value: { text: string } | { text: string }[] | undefined): string =>
  (Array.isArray(value) ? value : value ? [value] : []).map((a) => a.text).join(', ');

/**
 * The embedded default's catch-all relay: outgoing mail is kept in MongoDB, never sent on, so a
 * developer reads on /dev/mail what customers would receive, threading headers included.
 */
export function startDevMailSink(opts: {
  port: number;
  db: () => Db;
  log: (line: string) => void;
}): Promise<SmtpListener> {
  return listenSmtp({
    host: '127.0.0.1',
    port: opts.port,
    maxBytes: 50 * 1024 * 1024,
    name: 'relais-dev-mail-sink',
    log: opts.log,
    onMail: async (raw, session) => {
      const mail = await simpleParser(raw, { skipTextToHtml: true });
      const references = mail.references ?? [];
      await mailStores(opts.db()).devMailbox.add({
        envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        envelopeTo: session.envelope.rcptTo.map((r) => r.address),
        from: addressText(mail.from),
        to: addressText(mail.to),
        subject: mail.subject ?? '',
        messageId: mail.messageId ?? null,
        inReplyTo: mail.inReplyTo ?? null,
        references: Array.isArray(references) ? references : [references],
        text: mail.text ?? '',
        raw: raw.toString('utf8'),
      });
    },
  });
}
