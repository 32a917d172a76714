import type { InboundMessage } from '../../workflows/contracts/messages';
import type { CustomerIdentity, CustomerStore, NewCustomer } from '../store/customers';
import { recordInboundConsent } from './consentInbound';
import { smsKeyword } from './consentPolicy';

export interface ConsentKeywordResult {
  customerId: string;
  /** No case: the message is for the sending system, not for an agent. */
  caseId: null;
  consent: 'withdrawn' | 'granted';
}

/**
 * An SMS that says only "STOP" or "START" (or a variant): like an autoresponder's mail
 * (worker/email/automaticMail.ts) it is recorded, in the consent ledger that the 360° page shows
 * as proof, but it opens no case, lands on none and gets no acknowledgement. Null for any other
 * message.
 */
export async function receiveConsentKeyword(
  customers: CustomerStore,
  identity: CustomerIdentity,
  newCustomer: NewCustomer,
  message: InboundMessage,
): Promise<ConsentKeywordResult | null> {
  const keyword = message.channel === 'sms' ? smsKeyword(message.text) : null;
  if (!keyword) return null;
  const customer = await customers.findOrCreate(identity, newCustomer);
  await recordInboundConsent(customers.col.db, customer._id, message, {});
  return {
    customerId: customer._id,
    caseId: null,
    consent: keyword === 'stop' ? 'withdrawn' : 'granted',
  };
}
