import {
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  ParentClosePolicy,
  setHandler,
  startChild,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import { caseWorkflow } from '../case/caseWorkflow';
import { b2bComplaintWorkflow } from '../lifecycles/b2bComplaintWorkflow';
import { chooseLifecycle } from './chooseLifecycle';
import { customerMessageSignal } from '../contracts/case';
import {
  caseClosedSignal,
  caseForMessageQuery,
  caseWorkflowId,
  inboundSignal,
  openCasesQuery,
  type CustomerWorkflowInput,
} from '../contracts/customer';
import type { InboundEnvelope } from '../contracts/messages';
import { searchAttributeKeys } from '../contracts/searchAttributes';
import { CustomerModel } from './customerModel';

/**
 * One long-lived workflow per customer. Every inbound message arrives here by signalWithStart,
 * so two messages on two channels at once are threaded one after the other, never racing to
 * open two cases.
 */
export async function customerWorkflow(input: CustomerWorkflowInput): Promise<never> {
  const model = new CustomerModel(input);
  setHandler(inboundSignal, (envelope) => model.enqueue(envelope));
  setHandler(caseClosedSignal, ({ caseId }) => model.closeCase(caseId));
  setHandler(caseForMessageQuery, (messageId) => model.caseFor(messageId));
  setHandler(openCasesQuery, () => model.openCases);
  upsertSearchAttributes([
    { key: searchAttributeKeys.customerId, value: input.customer.customerId },
  ]);

  const deliver = async ({ message }: InboundEnvelope) => {
    const route = model.route(message);
    if (route.kind === 'duplicate') return;
    if (route.kind === 'existing') {
      try {
        await getExternalWorkflowHandle(caseWorkflowId(route.caseId)).signal(
          customerMessageSignal,
          { customer: model.customer, message },
        );
        model.addReference(route.caseId, message.caseRef);
        model.remember(message.messageId, route.caseId);
        return;
      } catch {
        // The case finished between its last report and this message: open a fresh one.
        model.closeCase(route.caseId);
      }
    }
    const caseId = uuid4();
    const lifecycle = chooseLifecycle(model.customer, message);
    await startChild(lifecycle === 'b2b-complaint' ? b2bComplaintWorkflow : caseWorkflow, {
      workflowId: caseWorkflowId(caseId),
      args: [
        {
          caseId,
          customerWorkflowId: workflowInfo().workflowId,
          customer: model.customer,
          firstMessage: message,
          linkedCaseId: model.lastClosedCase(),
        },
      ],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
    model.openCase(caseId, message);
    model.remember(message.messageId, caseId);
  };

  for (;;) {
    await condition(() => model.hasPending() || workflowInfo().continueAsNewSuggested);
    let envelope: InboundEnvelope | undefined;
    while ((envelope = model.next())) await deliver(envelope);
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength > model.historyEventBudget) {
      await condition(allHandlersFinished);
      if (!model.hasPending()) return continueAsNew<typeof customerWorkflow>(model.carry());
    }
  }
}
