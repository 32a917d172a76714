import { json } from '@sveltejs/kit';
import { chatVisitorViewer } from '$worker/store/caseViewers';
import { relais } from '$lib/server/relais';
import { postFromPortal } from '../../../status/portalInbound.server';
import { ChatMessageSchema } from '../chatApi';
import { throttled } from '../limits.server';
import { keepVisitor, noVisitor, visitorOf } from '../visitor.server';
import type { RequestHandler } from './$types';

/**
 * One visitor message, through the inbound path as channel `chat`: the first opens the case
 * (with the pre-chat form's category), the next ones thread into it.
 */
export const POST: RequestHandler = async ({ request, cookies, url, getClientAddress }) => {
  const r = await relais();
  const visitor = visitorOf(r, cookies);
  if (!visitor) return noVisitor();
  const refused = await throttled([
    ['messagesPerVisitor', visitor.id],
    ['messagesPerAddress', getClientAddress()],
  ]);
  if (refused) return refused;
  const parsed = ChatMessageSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success)
    return json(
      { code: 'invalid', message: 'Check the message', error: parsed.error.issues[0]?.message },
      { status: 400 },
    );
  const outcome = await postFromPortal(r, 'chat', {
    messageId: `chat-${parsed.data.messageId}`,
    customer: { email: visitor.email, name: visitor.name },
    lang: visitor.lang,
    text: parsed.data.text,
    ...(visitor.caseId ? { caseRef: visitor.caseId } : {}),
    ...(visitor.category ? { category: visitor.category } : {}),
  });
  if (outcome.status !== 202) {
    console.warn(`[chat] refused with ${outcome.status}: ${JSON.stringify(outcome.body)}`);
    return json(
      { code: 'unavailable', message: 'Try again shortly' },
      { status: 503, headers: { 'retry-after': '5' } },
    );
  }
  // A closed case gives way to a new one: the cookie follows the case the message went to.
  if (outcome.body.caseId !== visitor.caseId)
    keepVisitor(r, cookies, url, { ...visitor, caseId: outcome.body.caseId });
  // The message is there: the agents stop seeing the visitor typing it.
  await r.stores.caseViewers.leave(outcome.body.caseId, chatVisitorViewer);
  return json({ accepted: true }, { status: 202 });
};
