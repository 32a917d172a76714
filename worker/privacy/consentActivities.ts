import type { SurveyConsent, SurveyConsentInput } from '../../workflows/contracts/consent';
import type { Stores } from '../store/stores';
import { surveyConsentFrom } from './consentPolicy';
import { signUnsubscribe, unsubscribeSecret } from './consentToken';

/** The consent check surveys make before each send, and the link their emails carry. */
export function createConsentActivities(stores: Pick<Stores, 'consents'>, publicUrl: string) {
  return {
    async surveyConsent({ customerId, smsOptIn }: SurveyConsentInput): Promise<SurveyConsent> {
      const [state, secret] = await Promise.all([
        stores.consents.current(customerId),
        unsubscribeSecret(stores.consents.col.db),
      ]);
      const token = signUnsubscribe(secret, { customerId, channel: 'email', purpose: 'survey' });
      return {
        ...surveyConsentFrom(state, smsOptIn),
        unsubscribeUrl: `${publicUrl.replace(/\/$/, '')}/unsubscribe/${token}`,
      };
    },
  };
}
