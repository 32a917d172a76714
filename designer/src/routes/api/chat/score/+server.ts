import { json } from '@sveltejs/kit';
import { isValidScore } from '$workflows/blocks/surveyPolicy';
import { relais } from '$lib/server/relais';
import { caseWhen } from '../../../status/caseForCustomer.server';
import { postFromPortal } from '../../../status/portalInbound.server';
import { ChatScoreSchema } from '../chatApi';
import { throttled } from '../limits.server';
import { noVisitor, visitorOf } from '../visitor.server';
import type { RequestHandler } from './$types';

/**
 * The CSAT click at the end of the chat: the score goes into the case as the status page's
 * does, through the inbound path, where the survey takes it; one score per case.
 */
export const POST: RequestHandler = async ({ request, cookies, getClientAddress }) => {
  const r = await relais();
  const visitor = visitorOf(r, cookies);
  if (!visitor?.caseId) return noVisitor();
  const refused = await throttled([
    ['messagesPerVisitor', visitor.id],
    ['messagesPerAddress', getClientAddress()],
  ]);
  if (refused) return refused;
  const parsed = ChatScoreSchema.safeParse(await request.json().catch(() => null));
  const state = await caseWhen(r, visitor.caseId, () => true, 0);
  const survey = state?.survey;
  if (
    !parsed.success ||
    state?.status !== 'surveying' ||
    survey?.kind !== 'csat' ||
    !isValidScore(survey.kind, parsed.data.score)
  )
    return json({ code: 'no-survey', message: 'No survey to answer' }, { status: 400 });
  const { score } = parsed.data;
  const outcome = await postFromPortal(r, 'chat', {
    messageId: `chat-score-${visitor.caseId}`,
    customer: { email: visitor.email, name: visitor.name },
    lang: visitor.lang,
    caseRef: visitor.caseId,
    text: `${score}/5`,
    surveyScore: score,
  });
  if (outcome.status !== 202) {
    console.warn(`[chat] score refused with ${outcome.status}: ${JSON.stringify(outcome.body)}`);
    return json({ code: 'unavailable', message: 'Try again shortly' }, { status: 503 });
  }
  return json({ scored: score }, { status: 202 });
};
