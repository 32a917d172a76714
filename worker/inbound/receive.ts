import type { Client } from '@temporalio/client';
import type { CustomerProfile, InboundMessage } from '../../workflows/contracts/messages';
import { caseForMessage, deliverToCustomer } from './deliver';
import type { CustomerDoc } from '../store/documents';
import type { CustomerIdentity, NewCustomer } from '../store/customers';
import type { Stores } from '../store/stores';

export interface InboundDeps {
  stores: Pick<Stores, 'customers'>;
  client: Client;
  taskQueue: string;
}

export interface InboundResult {
  customerId: string;
  /** Null when the customer workflow had not threaded the message within the wait. */
  caseId: string | null;
}

const toProfile = (c: CustomerDoc): CustomerProfile => ({
  customerId: c._id,
  // The workflows greet by name: none rather than an address or a number.
  name: c.name ?? '',
  email: c.email,
  phone: c.phone,
  handle: c.handle,
  tier: c.tier,
  segment: c.segment,
  lang: c.lang,
  timezone: c.timezone,
  smsOptIn: c.smsOptIn,
});

export interface ReceiveOptions {
  /** What this contact states about a known customer (a tier, an SMS opt-in, a name), kept if new. */
  known?: Partial<Pick<CustomerDoc, 'tier' | 'segment' | 'smsOptIn' | 'name'>>;
  waitForCaseMs?: number;
}

/**
 * Resolves the customer, then hands the message to their workflow with signalWithStart: one
 * atomic step whether or not the workflow is running.
 */
export async function receiveInbound(
  deps: InboundDeps,
  identity: CustomerIdentity,
  newCustomer: NewCustomer,
  message: InboundMessage,
  { known = {}, waitForCaseMs = 10_000 }: ReceiveOptions = {},
): Promise<InboundResult> {
  const found = await deps.stores.customers.findOrCreate(identity, newCustomer);
  const customer = toProfile(await deps.stores.customers.enrich(found, identity, known));
  await deliverToCustomer(deps.client, deps.taskQueue, customer, message);
  const caseId = await caseForMessage(
    deps.client,
    customer.customerId,
    message.messageId,
    waitForCaseMs,
  );
  return { customerId: customer.customerId, caseId };
}
