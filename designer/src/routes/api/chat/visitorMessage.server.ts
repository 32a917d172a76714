import { json, type Cookies } from '@sveltejs/kit';
import type { ChatVisitor } from '$worker/chat/visitorToken';
import { chatVisitorViewer } from '$worker/store/caseViewers';
import type { Relais } from '$lib/server/relais';
import { postFromPortal } from '../../status/portalInbound.server';
import { keepVisitor } from './visitor.server';

export type VisitorPosted =
  { ok: true; caseId: string; customerId: string } | { ok: false; response: Response };

/**
 * One visitor message, through the inbound path as channel `chat`: the first opens the case
 * (with the pre-chat form's category), the next ones thread into it. `messageId` is the
 * widget's, so a resend is the same message.
 */
export async function postVisitorMessage(
  r: Relais,
  cookies: Cookies,
  url: URL,
  visitor: ChatVisitor,
  message: { messageId: string; text: string },
): Promise<VisitorPosted> {
  const outcome = await postFromPortal(r, 'chat', {
    messageId: chatMessageId(message.messageId),
    customer: { email: visitor.email, name: visitor.name },
    lang: visitor.lang,
    text: message.text,
    ...(visitor.caseId ? { caseRef: visitor.caseId } : {}),
    ...(visitor.category ? { category: visitor.category } : {}),
  });
  if (outcome.status !== 202) {
    console.warn(`[chat] refused with ${outcome.status}: ${JSON.stringify(outcome.body)}`);
    const response = json(
      { code: 'unavailable', message: 'Try again shortly' },
      { status: 503, headers: { 'retry-after': '5' } },
    );
    return { ok: false, response };
  }
  const { caseId, customerId } = outcome.body;
  // A closed case gives way to a new one: the cookie follows the case the message went to.
  if (caseId !== visitor.caseId) keepVisitor(r, cookies, url, { ...visitor, caseId });
  // The message is there: the agents stop seeing the visitor typing it.
  await r.stores.caseViewers.leave(caseId, chatVisitorViewer);
  return { ok: true, caseId, customerId };
}

/** The case's id of a widget message. */
export const chatMessageId = (widgetId: string) => `chat-${widgetId}`;
