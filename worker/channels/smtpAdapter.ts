import { ApplicationFailure } from '@temporalio/common';
import type { Transporter } from 'nodemailer';
import type { OutboundMessage } from '../../workflows/contracts/activities';
import { outboundMessageId, replySubject, subjectWithRef } from '../email/mailThreading';
import type { MailThread } from '../email/outboundThread';
import type { ChannelAdapter } from './adapters';

const subjects: Record<OutboundMessage['kind'], { fr: string; en: string }> = {
  acknowledgement: {
    fr: 'Nous avons bien reçu votre demande',
    en: 'We have received your request',
  },
  reply: { fr: 'Réponse à votre demande', en: 'Reply to your request' },
  'callback-offer': { fr: 'Plutôt que d’attendre', en: 'Rather than wait' },
  survey: { fr: 'Votre avis sur notre réponse', en: 'How did we do?' },
  'survey-reminder': { fr: 'Rappel : votre avis', en: 'Reminder: your opinion' },
  'formal-answer': { fr: 'Réponse à votre réclamation', en: 'Answer to your complaint' },
  transcript: { fr: 'Votre discussion avec nous', en: 'Your chat with us' },
};

/**
 * RFC 3834: what Relais writes by itself says so, so that the customer's autoresponder does not
 * answer it; an agent's reply or formal answer is written by a person.
 */
const autoSubmitted: Partial<Record<OutboundMessage['kind'], string>> = {
  acknowledgement: 'auto-replied',
  'callback-offer': 'auto-generated',
  survey: 'auto-generated',
  'survey-reminder': 'auto-generated',
  transcript: 'auto-generated',
};

/** The threading headers of a message, from the case's earlier mails. */
export type ThreadLookup = (message: OutboundMessage, domain: string) => Promise<MailThread>;

const noThread: ThreadLookup = async () => ({ inReplyTo: null, references: [], subject: null });

/**
 * Email through an SMTP relay (nodemailer). The Message-ID is derived from the idempotency key,
 * so a resend after a crash carries the same id and mail systems can drop the duplicate; the
 * case reference in the subject and In-Reply-To / References thread it in the customer's client
 * and bring their answer back to the case. A reply answers their first subject ("Re: …").
 */
export class SmtpEmailAdapter implements ChannelAdapter {
  constructor(
    private readonly transport: Transporter,
    private readonly from: string,
    private readonly domain: string,
    private readonly thread: ThreadLookup = noThread,
  ) {}

  async send(message: OutboundMessage): Promise<void> {
    if (!message.to)
      throw ApplicationFailure.nonRetryable(
        `case ${message.caseId}: no email address to send the ${message.kind} to`,
        'NoAddress',
      );
    const thread = await this.thread(message, this.domain);
    const auto = autoSubmitted[message.kind];
    await this.transport.sendMail({
      from: this.from,
      to: message.to,
      subject:
        message.kind === 'reply' && thread.subject
          ? replySubject(thread.subject, message.caseId)
          : subjectWithRef(subjects[message.kind][message.lang], message.caseId),
      text: message.text,
      messageId: outboundMessageId(message.key, this.domain),
      ...(thread.inReplyTo ? { inReplyTo: thread.inReplyTo } : {}),
      ...(thread.references.length > 0 ? { references: thread.references } : {}),
      headers: { 'X-Relais-Case': message.caseId, ...(auto ? { 'Auto-Submitted': auto } : {}) },
    });
  }
}
