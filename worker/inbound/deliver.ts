import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import {
  customerWorkflowId,
  defaultHistoryEventBudget,
  deliverUpdate,
  type CustomerWorkflowInput,
} from '../../workflows/contracts/customer';
import type { CustomerProfile, InboundMessage } from '../../workflows/contracts/messages';
import type { customerWorkflow } from '../../workflows/customer/customerWorkflow';

/**
 * Hands a message to the customer's workflow, starting it if needed, and returns the id of the
 * case it was threaded into: one update-with-start, answered once the workflow has threaded it.
 * Two first messages racing for a new customer both land on the one workflow (USE_EXISTING).
 */
export async function deliverToCustomer(
  client: Client,
  taskQueue: string,
  customer: CustomerProfile,
  message: InboundMessage,
  historyEventBudget = defaultHistoryEventBudget,
): Promise<string> {
  const start: CustomerWorkflowInput = {
    customer,
    openCases: [],
    recentMessages: [],
    recentlyClosed: [],
    historyEventBudget,
  };
  return client.workflow.executeUpdateWithStart(deliverUpdate, {
    args: [{ customer, message }],
    startWorkflowOperation: new WithStartWorkflowOperation<typeof customerWorkflow>(
      'customerWorkflow',
      {
        workflowId: customerWorkflowId(customer.customerId),
        taskQueue,
        args: [start],
        workflowIdConflictPolicy: 'USE_EXISTING',
      },
    ),
  });
}
