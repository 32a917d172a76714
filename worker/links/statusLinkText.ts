import type { OutboundMessage } from '../../workflows/contracts/activities';
import { statusLinkUrl } from './statusLink';

export interface StatusLinkSettings {
  secret: string;
  /** Where customers reach the designer, e.g. https://support.example.com. */
  baseUrl: string;
  /** How long a link stays valid after the message. */
  days: number;
}

/** Where `{link}` is not in a manager's template, the link comes last, with these words. */
const lead: Partial<Record<OutboundMessage['kind'], { fr: string; en: string }>> = {
  acknowledgement: {
    fr: 'Suivez votre demande et répondez-nous ici :',
    en: 'Follow your request and reply to us here:',
  },
  survey: { fr: 'Donnez votre note en un clic :', en: 'Give your score in one click:' },
  'survey-reminder': { fr: 'Donnez votre note en un clic :', en: 'Give your score in one click:' },
};

/** The message as the customer gets it: acknowledgements and surveys carry the status link. */
export function withStatusLink(
  message: OutboundMessage,
  settings: StatusLinkSettings,
  now = Date.now(),
): OutboundMessage {
  const words = lead[message.kind];
  if (!words) return message;
  const expiresAt = new Date(now + settings.days * 24 * 3600 * 1000);
  const url = statusLinkUrl(settings.baseUrl, settings.secret, message.caseId, expiresAt);
  const text = message.text.includes('{link}')
    ? message.text.replaceAll('{link}', url)
    : `${message.text}\n\n${words[message.lang]} ${url}`;
  return { ...message, text };
}
