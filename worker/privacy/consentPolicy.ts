import type { InboundMessage } from '../../workflows/contracts/messages';
import type { ConsentRecord, ConsentState } from '../store/consents';

/**
 * Whether a survey may go out by SMS and by email. SMS needs the opt-in: the latest SMS record
 * of the ledger, or the customer's stated opt-in while the ledger holds none (customers from
 * before it); and no withdrawal of surveys. Email surveys go to customers who have not refused
 * them (they follow a service the customer asked for); the link in each one withdraws.
 */
export function surveyConsentFrom(
  state: ConsentState,
  statedSmsOptIn: boolean,
): { sms: boolean; email: boolean } {
  const granted = (key: Parameters<ConsentState['get']>[0]) => state.get(key)?.granted;
  const smsOptIn = granted('sms:messages') ?? statedSmsOptIn;
  return {
    sms: smsOptIn && granted('sms:survey') !== false,
    email: granted('email:messages') !== false && granted('email:survey') !== false,
  };
}

const stopWords = new Set(['STOP', 'STOP SMS', 'ARRET', 'ARRET SMS', 'UNSUBSCRIBE', 'DESABONNER']);
const startWords = new Set(['START', 'START SMS', 'UNSTOP']);

export type SmsKeyword = 'stop' | 'start';

/**
 * "STOP" or "START" and their usual variants (any case, accents, trailing punctuation), alone in
 * the SMS: the customer speaks to the sending system, not to an agent.
 */
export function smsKeyword(text: string): SmsKeyword | null {
  const word = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z]+/g, ' ')
    .trim();
  if (stopWords.has(word)) return 'stop';
  return startWords.has(word) ? 'start' : null;
}

/** The wording recorded when a form states an SMS opt-in without sending its own. */
export const defaultSmsOptInWording =
  'J’accepte de recevoir des SMS de suivi et des enquêtes de satisfaction. / ' +
  'I agree to receive follow-up and survey text messages.';

/**
 * What an inbound message says about consent: "STOP" by SMS withdraws every SMS purpose and
 * "START" grants them again; a stated opt-in grants SMS messages unless that is already what holds.
 */
export function consentFromInbound(
  customerId: string,
  message: Pick<InboundMessage, 'channel' | 'messageId' | 'text'>,
  stated: { smsOptIn?: boolean; wording?: string },
  state: ConsentState,
  at: Date,
): ConsentRecord[] {
  const base = { customerId, at, ref: message.messageId };
  const keyword = message.channel === 'sms' ? smsKeyword(message.text) : null;
  if (keyword)
    return (['messages', 'survey'] as const).map((purpose) => ({
      ...base,
      channel: 'sms',
      purpose,
      granted: keyword === 'start',
      source: 'message',
      wording: message.text,
    }));
  if (stated.smsOptIn === true && state.get('sms:messages')?.granted !== true)
    return [
      {
        ...base,
        channel: 'sms',
        purpose: 'messages',
        granted: true,
        source: message.channel === 'webform' ? 'form' : 'message',
        wording: stated.wording ?? defaultSmsOptInWording,
      },
    ];
  return [];
}
