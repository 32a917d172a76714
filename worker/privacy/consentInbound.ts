import type { Db } from 'mongodb';
import type { InboundMessage } from '../../workflows/contracts/messages';
import { ConsentStore } from '../store/consents';
import { consentFromInbound } from './consentPolicy';

/**
 * Keeps what an inbound message says about consent in the ledger ("STOP", a ticked opt-in),
 * after the message is taken in: a retried webhook at worst records the same words twice.
 */
export async function recordInboundConsent(
  db: Db,
  customerId: string,
  message: Pick<InboundMessage, 'channel' | 'messageId' | 'text' | 'receivedAt'>,
  stated: { smsOptIn?: boolean; wording?: string },
): Promise<void> {
  const consents = new ConsentStore(db);
  const state = await consents.current(customerId);
  const at = new Date(message.receivedAt);
  for (const record of consentFromInbound(customerId, message, stated, state, at))
    await consents.append(record);
}
