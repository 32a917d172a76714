import { allHandlersFinished, condition, getExternalWorkflowHandle } from '@temporalio/workflow';
import type { CaseInput, CaseSnapshot } from '../contracts/case';
import { caseClosedSignal } from '../contracts/customer';
import { CaseContext } from './caseContext';
import { registerCaseHandlers } from './handlers';
import { closeWithReopenWindow } from './phases/closure';
import { intake, openCase } from './phases/intake';
import { serve } from './phases/serve';
import { survey } from './phases/survey';

/** Reports the end of the case to its customer's workflow, which forgets it as open. */
export async function finishCase(ctx: CaseContext): Promise<CaseSnapshot> {
  await condition(allHandlersFinished);
  await getExternalWorkflowHandle(ctx.input.customerWorkflowId).signal(caseClosedSignal, {
    caseId: ctx.model.caseId,
  });
  return ctx.model.snapshot();
}

/**
 * The standard lifecycle of a contact: decide, acknowledge with the promise, serve with the
 * escalation ladder and callbacks, survey, close, and reopen on a reply within the window.
 */
export async function caseWorkflow(input: CaseInput): Promise<CaseSnapshot> {
  const ctx = new CaseContext(input, 'standard');
  const { model } = ctx;
  registerCaseHandlers(ctx);

  const first = input.firstMessage;
  await openCase(ctx, {
    messageId: first.messageId,
    channel: first.channel,
    subject: first.subject,
    text: first.text,
    linkedCaseId: input.linkedCaseId,
  });

  for (;;) {
    await serve(ctx);
    if (model.status === 'resolved') await survey(ctx);
    if (model.status !== 'reopened' && !(await closeWithReopenWindow(ctx))) break;
    await intake(ctx, model.messages[model.messages.length - 1]!, 'customer-message');
  }
  return finishCase(ctx);
}
