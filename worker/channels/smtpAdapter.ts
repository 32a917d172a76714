import { ApplicationFailure } from '@temporalio/common';
import type { Transporter } from 'nodemailer';
import type { OutboundMessage } from '../../workflows/contracts/activities';
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
};

/**
 * Email through an SMTP relay (nodemailer). The Message-ID is derived from the idempotency key,
 * so a resend after a crash carries the same id and mail systems can drop the duplicate.
 */
export class SmtpEmailAdapter implements ChannelAdapter {
  constructor(
    private readonly transport: Transporter,
    private readonly from: string,
    private readonly domain: string,
  ) {}

  async send(message: OutboundMessage): Promise<void> {
    if (!message.to)
      throw ApplicationFailure.nonRetryable(
        `case ${message.caseId}: no email address to send the ${message.kind} to`,
        'NoAddress',
      );
    await this.transport.sendMail({
      from: this.from,
      to: message.to,
      subject: subjects[message.kind][message.lang],
      text: message.text,
      messageId: `<${encodeURIComponent(message.key)}@${this.domain}>`,
      headers: { 'X-Relais-Case': message.caseId },
    });
  }
}
