import { json } from '@sveltejs/kit';
import { relais } from '$lib/server/relais';
import { ChatMessageSchema } from '../chatApi';
import { throttled } from '../limits.server';
import { noVisitor, visitorOf } from '../visitor.server';
import { postVisitorMessage } from '../visitorMessage.server';
import type { RequestHandler } from './$types';

/** One visitor message (see `postVisitorMessage`). */
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
  const posted = await postVisitorMessage(r, cookies, url, visitor, parsed.data);
  return posted.ok ? json({ accepted: true }, { status: 202 }) : posted.response;
};
