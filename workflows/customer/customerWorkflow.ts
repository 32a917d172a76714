import {
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  ParentClosePolicy,
  patched,
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
  caseWorkflowId,
  deliverUpdate,
  inboundSignal,
  openCasesQuery,
  type CustomerWorkflowInput,
} from '../contracts/customer';
import { type InboundEnvelope, messageValidators } from '../contracts/messages';
import { searchAttributeKeys } from '../contracts/searchAttributes';
import { CustomerModel } from './customerModel';

/**
 * One long-lived workflow per customer. Every inbound message arrives here by update-with-start
 * (by signal in older runs), so two messages on two channels at once are threaded one after the
 * other, never racing to open two cases.
 */
export async function customerWorkflow(input: CustomerWorkflowInput): Promise<never> {
  const model = new CustomerModel(input);
  setHandler(inboundSignal, (envelope) => model.enqueue(envelope));
  // The main loop threads the message; the update answers once it has, with its case.
  setHandler(
    deliverUpdate,
    async (envelope) => {
      const { messageId } = envelope.message;
      model.enqueue(envelope);
      await condition(() => model.caseFor(messageId) !== null);
      return model.caseFor(messageId)!;
    },
    {
      validator: (envelope) => {
        messageValidators.envelope().parse(envelope);
      },
    },
  );
  setHandler(caseClosedSignal, ({ caseId }) => model.closeCase(caseId));
  setHandler(openCasesQuery, () => model.openCases);
  // The caller has its case id from the workflow task that starts the case, one round trip
  // sooner; before this patch the update answered only once the child had started.
  const answerAtStart = patched('thread-at-child-start');
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
    const started = startChild(
      lifecycle === 'b2b-complaint' ? b2bComplaintWorkflow : caseWorkflow,
      {
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
      },
    );
    // A fresh uuid4 never collides, so the start cannot be refused: the case can be named now.
    if (!answerAtStart) await started;
    model.openCase(caseId, message);
    model.remember(message.messageId, caseId);
    // The next message waits for the start, so a signal to this case finds it running.
    await started;
  };

  for (;;) {
    await condition(() => model.hasPending() || workflowInfo().continueAsNewSuggested);
    let envelope: InboundEnvelope | undefined;
    while ((envelope = model.next())) await deliver(envelope);
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength > model.historyEventBudget) {
      // A `deliver` update waits for this loop to thread its message: wait for handlers to
      // finish only while nothing is queued, else thread first, so no update is lost or stuck.
      await condition(() => allHandlersFinished() || model.hasPending());
      if (!model.hasPending()) return continueAsNew<typeof customerWorkflow>(model.carry());
    }
  }
}
