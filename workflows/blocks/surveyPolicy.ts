import type { Channel } from '../../rules/model/channel';
import type { SurveyPolicy } from '../../rules/model/decision';
import type { SurveyKind } from '../contracts/case';
import type { CustomerProfile } from '../contracts/messages';

/**
 * Where the survey goes: the policy's channel when the customer can receive it there. SMS needs
 * the customer's opt-in and a phone number; without them the survey falls back to email, or is
 * not sent at all. Null means "no survey".
 */
export function surveyChannel(
  policy: SurveyPolicy,
  customer: CustomerProfile,
  resolutionChannel: Channel,
): Channel | null {
  if (policy.kind === 'none') return null;
  const canSms = customer.smsOptIn && customer.phone !== null;
  const wanted = policy.channel === 'same' ? resolutionChannel : policy.channel;
  if (wanted === 'sms') return canSms ? 'sms' : customer.email ? 'email' : null;
  if (wanted === 'email') return customer.email ? 'email' : canSms ? 'sms' : null;
  // Live channels end with the conversation, and forms and letters have no way back: ask by
  // email (or SMS with consent) instead.
  if (['phone', 'chat', 'video', 'click-to-call', 'callback', 'webform', 'mail'].includes(wanted))
    return customer.email ? 'email' : canSms ? 'sms' : null;
  return wanted;
}

/** Field advice: call back unhappy customers. CSAT ≤ 2 and NPS ≤ 6 are detractors. */
export function isDetractor(kind: SurveyKind, score: number): boolean {
  return kind === 'csat' ? score <= 2 : score <= 6;
}

export function isValidScore(kind: SurveyKind, score: number): boolean {
  return Number.isInteger(score) && (kind === 'csat' ? score >= 1 && score <= 5 : score <= 10);
}
