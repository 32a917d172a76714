import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import {
  caseForMessageQuery,
  customerWorkflowId,
  defaultHistoryEventBudget,
  inboundSignal,
  type CustomerWorkflowInput,
} from '../../workflows/contracts/customer';
import type { CustomerProfile, InboundMessage } from '../../workflows/contracts/messages';

/**
 * Hands a message to the customer's workflow with signalWithStart, starting it if needed. Two
 * first messages racing for a new customer can make one call lose the start; its retry then
 * finds the workflow running and only signals it.
 */
export async function deliverToCustomer(
  client: Client,
  taskQueue: string,
  customer: CustomerProfile,
  message: InboundMessage,
  historyEventBudget = defaultHistoryEventBudget,
): Promise<void> {
  const start: CustomerWorkflowInput = {
    customer,
    openCases: [],
    recentMessages: [],
    recentlyClosed: [],
    historyEventBudget,
  };
  for (let attempt = 1; ; attempt += 1) {
    try {
      await client.workflow.signalWithStart('customerWorkflow', {
        workflowId: customerWorkflowId(customer.customerId),
        taskQueue,
        args: [start],
        signal: inboundSignal,
        signalArgs: [{ customer, message }],
      });
      return;
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError) || attempt >= 3) throw err;
    }
  }
}

/** Waits until the customer's workflow has threaded the message; null after `timeoutMs`. */
export async function caseForMessage(
  client: Client,
  customerId: string,
  messageId: string,
  timeoutMs: number,
): Promise<string | null> {
  const handle = client.workflow.getHandle(customerWorkflowId(customerId));
  const deadline = Date.now() + timeoutMs;
  for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
    const caseId = await handle.query(caseForMessageQuery, messageId);
    if (caseId || Date.now() > deadline) return caseId;
    await new Promise((r) => setTimeout(r, delay));
  }
}
