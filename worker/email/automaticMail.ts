/** Why a mail was written by a machine rather than a person, so that answering it could loop. */
export type AutomaticReason =
  'auto-submitted' | 'precedence' | 'autoreply-header' | 'mailer-daemon' | 'null-sender';

/** The headers that tell, lower-cased names, as mailparser gives them. */
export interface MailSignals {
  header(name: string): string | undefined;
  /** The From address. */
  from: string | undefined;
  /** The SMTP envelope's MAIL FROM; empty for bounces (RFC 5321 null reverse-path). */
  envelopeFrom: string | undefined;
}

const automaticPrecedence = new Set(['bulk', 'junk', 'list', 'auto_reply']);
const daemonLocalParts = /^(mailer-daemon|postmaster)$/i;

/**
 * RFC 3834 and the de facto headers of autoresponders (Exchange, Gmail vacation replies), and
 * delivery reports: a mail that answers one of these with an acknowledgement could ping-pong.
 */
export function automaticReason(mail: MailSignals): AutomaticReason | null {
  const autoSubmitted = mail.header('auto-submitted')?.trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no') return 'auto-submitted';
  const precedence = mail.header('precedence')?.trim().toLowerCase();
  if (precedence && automaticPrecedence.has(precedence)) return 'precedence';
  if (mail.header('x-autoreply') || mail.header('x-autorespond')) return 'autoreply-header';
  if (/\b(oof|autoreply)\b/i.test(mail.header('x-auto-response-suppress') ?? ''))
    return 'autoreply-header';
  for (const address of [mail.from, mail.envelopeFrom])
    if (address && daemonLocalParts.test(address.slice(0, address.lastIndexOf('@'))))
      return 'mailer-daemon';
  if (mail.envelopeFrom === '') return 'null-sender';
  return null;
}
