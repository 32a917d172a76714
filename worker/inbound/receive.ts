import type { Client } from '@temporalio/client';
import {
  caseForMessageQuery,
  customerWorkflowId,
  defaultHistoryEventBudget,
  inboundSignal,
  type CustomerWorkflowInput,
} from '../../workflows/contracts/customer';
import type { CustomerProfile, InboundMessage } from '../../workflows/contracts/messages';
import type { CustomerDoc } from '../store/documents';
import type { CustomerIdentity } from '../store/customers';
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
  name: c.name,
  email: c.email,
  phone: c.phone,
  handle: c.handle,
  tier: c.tier,
  segment: c.segment,
  lang: c.lang,
  timezone: c.timezone,
  smsOptIn: c.smsOptIn,
});

/**
 * Resolves the customer, then hands the message to their workflow with signalWithStart: one
 * atomic step whether or not the workflow is running.
 */
export async function receiveInbound(
  deps: InboundDeps,
  identity: CustomerIdentity,
  newCustomer: Omit<CustomerDoc, '_id' | 'email' | 'phone' | 'handle' | 'createdAt' | 'lastCsat'>,
  message: InboundMessage,
  waitForCaseMs = 10_000,
): Promise<InboundResult> {
  const customer = toProfile(await deps.stores.customers.findOrCreate(identity, newCustomer));
  const workflowId = customerWorkflowId(customer.customerId);
  const start: CustomerWorkflowInput = {
    customer,
    openCases: [],
    recentMessages: [],
    recentlyClosed: [],
    historyEventBudget: defaultHistoryEventBudget,
  };
  await deps.client.workflow.signalWithStart('customerWorkflow', {
    workflowId,
    taskQueue: deps.taskQueue,
    args: [start],
    signal: inboundSignal,
    signalArgs: [{ customer, message }],
  });
  const handle = deps.client.workflow.getHandle(workflowId);
  const deadline = Date.now() + waitForCaseMs;
  for (let delay = 50; Date.now() < deadline; delay = Math.min(delay * 2, 500)) {
    const caseId = await handle.query(caseForMessageQuery, message.messageId);
    if (caseId) return { customerId: customer.customerId, caseId };
    await new Promise((r) => setTimeout(r, delay));
  }
  return { customerId: customer.customerId, caseId: null };
}
