import { chatVisitorViewer } from '$worker/store/caseViewers';
import { relais } from '$lib/server/relais';
import { throttled } from '../limits.server';
import { noVisitor, visitorOf } from '../visitor.server';
import type { RequestHandler } from './$types';

/**
 * The visitor is typing: a mark among the case's viewers, which the case page's viewers stream
 * shows to the agents until it expires or the message arrives. Before the first message there
 * is no case to show it on.
 */
export const POST: RequestHandler = async ({ cookies }) => {
  const r = await relais();
  const visitor = visitorOf(r, cookies);
  if (!visitor) return noVisitor();
  const refused = await throttled([['typingPerVisitor', visitor.id]]);
  if (refused) return refused;
  if (visitor.caseId) await r.stores.caseViewers.beat(visitor.caseId, chatVisitorViewer, true);
  return new Response(null, { status: 204 });
};
