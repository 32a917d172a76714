import { json } from '@sveltejs/kit';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { transcriptText } from '$worker/chat/chatTranscript';
import { chatTranscriptWorkflowId } from '$workflows/contracts/chatTranscript';
import { OutboundMessageSchema } from '$workflows/contracts/activities';
import { loadCase } from '$lib/server/caseView';
import { relais } from '$lib/server/relais';
import { ChatTranscriptSchema } from '../chatApi';
import { chatView } from '../conversation.server';
import { throttled } from '../limits.server';
import { noVisitor, visitorOf } from '../visitor.server';
import type { RequestHandler } from './$types';

/**
 * The visitor asks for their conversation by email: the lines the widget shows them (never
 * notes) go to the address of their pre-chat form, through the outbox and the email channel as
 * every message to a customer does. One email per request id, a few requests an hour.
 */
export const POST: RequestHandler = async ({ request, cookies, getClientAddress }) => {
  const r = await relais();
  const visitor = visitorOf(r, cookies);
  if (!visitor?.caseId) return noVisitor();
  const parsed = ChatTranscriptSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success)
    return json({ code: 'invalid', message: 'Expected { requestId }' }, { status: 400 });
  const refused = await throttled([
    ['transcriptsPerVisitor', visitor.id],
    ['transcriptsPerAddress', getClientAddress()],
  ]);
  if (refused) return refused;
  const [found, view] = await Promise.all([loadCase(r, visitor.caseId), chatView(r, visitor)]);
  const customerId = found?.state?.customerId;
  if (!customerId)
    return json({ code: 'unavailable', message: 'Try again shortly' }, { status: 503 });
  const { requestId } = parsed.data;
  const message = OutboundMessageSchema.parse({
    key: `chat-transcript-${visitor.caseId}-${requestId}`,
    caseId: visitor.caseId,
    customerId,
    channel: 'email',
    kind: 'transcript',
    to: visitor.email,
    lang: visitor.lang,
    text: transcriptText(visitor.name, visitor.lang, view.lines),
  });
  try {
    await r.client.workflow.start('chatTranscriptWorkflow', {
      workflowId: chatTranscriptWorkflowId(visitor.caseId, requestId),
      taskQueue: r.config.TEMPORAL_TASK_QUEUE,
      args: [message],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  } catch (err) {
    // The same request again: it is already on its way.
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  return json({ requested: true }, { status: 202 });
};
