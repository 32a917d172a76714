import type { Client } from '@temporalio/client';
import type { CustomerProfile, InboundMessage } from '../../workflows/contracts/messages';
import { deliverToCustomer } from './deliver';
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
  caseId: string;
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
  lastCsat: c.lastCsat,
});

export interface ReceiveOptions {
  /** What this contact states about a known customer (a tier, an SMS opt-in, a name), kept if new. */
  known?: Partial<Pick<CustomerDoc, 'tier' | 'segment' | 'smsOptIn' | 'name'>>;
}

/**
 * Resolves the customer, then hands the message to their workflow with update-with-start: one
 * atomic step whether or not the workflow is running, answered with the message's case.
 */
export async function receiveInbound(
  deps: InboundDeps,
  identity: CustomerIdentity,
  newCustomer: NewCustomer,
  message: InboundMessage,
  { known = {} }: ReceiveOptions = {},
): Promise<InboundResult> {
  const found = await deps.stores.customers.findOrCreate(identity, newCustomer);
  const customer = toProfile(await deps.stores.customers.enrich(found, identity, known));
  const caseId = await deliverToCustomer(deps.client, deps.taskQueue, customer, message);
  return { customerId: customer.customerId, caseId };
}
