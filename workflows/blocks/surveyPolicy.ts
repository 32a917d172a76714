import type { Channel } from '../../rules/model/channel';
import type { SurveyPolicy } from '../../rules/model/decision';
import type { Lang } from '../../rules/model/channel';
import type { SurveyKind } from '../contracts/case';
import type { SurveyConsent } from '../contracts/consent';
import type { CustomerProfile } from '../contracts/messages';

/**
 * Where the survey goes: the policy's channel when the customer can receive it there. SMS needs
 * the customer's consent and a phone number, email an address the customer has not withdrawn
 * surveys from; failing one, the survey falls back to the other, or is not sent at all. Without
 * `consent` (cases from before the consent ledger) the profile's SMS opt-in decides. Null means
 * "no survey".
 */
export function surveyChannel(
  policy: SurveyPolicy,
  customer: CustomerProfile,
  resolutionChannel: Channel,
  consent?: Pick<SurveyConsent, 'sms' | 'email'>,
): Channel | null {
  if (policy.kind === 'none') return null;
  const canSms = (consent ? consent.sms : customer.smsOptIn) && customer.phone !== null;
  const canEmail = Boolean(customer.email) && (consent?.email ?? true);
  const wanted = policy.channel === 'same' ? resolutionChannel : policy.channel;
  if (wanted === 'sms') return canSms ? 'sms' : canEmail ? 'email' : null;
  if (wanted === 'email') return canEmail ? 'email' : canSms ? 'sms' : null;
  // Live channels end with the conversation, and forms and letters have no way back: ask by
  // email (or SMS with consent) instead.
  if (['phone', 'chat', 'video', 'click-to-call', 'callback', 'webform', 'mail'].includes(wanted))
    return canEmail ? 'email' : canSms ? 'sms' : null;
  return wanted;
}

/** The survey email's last line: how to stop receiving surveys. */
export function unsubscribeLine(url: string, lang: Lang): string {
  return lang === 'fr'
    ? `Ne plus recevoir nos enquêtes : ${url}`
    : `Stop receiving our surveys: ${url}`;
}

/** Field advice: call back unhappy customers. CSAT ≤ 2 and NPS ≤ 6 are detractors. */
export function isDetractor(kind: SurveyKind, score: number): boolean {
  return kind === 'csat' ? score <= 2 : score <= 6;
}

export function isValidScore(kind: SurveyKind, score: number): boolean {
  return Number.isInteger(score) && (kind === 'csat' ? score >= 1 && score <= 5 : score <= 10);
}
