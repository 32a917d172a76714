import { relais } from '$lib/server/relais';
import { openChatStream } from '../stream.server';
import { noVisitor, visitorOf } from '../visitor.server';
import type { RequestHandler } from './$types';

/** The visitor's own conversation, live; only for a genuine visitor cookie naming a case. */
export const GET: RequestHandler = async ({ cookies }) => {
  const r = await relais();
  const visitor = visitorOf(r, cookies);
  if (!visitor?.caseId) return noVisitor();
  return openChatStream(r, visitor, visitor.caseId);
};
