import { json } from '@sveltejs/kit';
import { OfferAnswerSchema } from '$lib/components/desk/deskModel';
import { routerAnswer, signedIn } from '$lib/server/live/answers';
import { routerClient } from '$lib/server/live/router';
import type { RequestHandler } from './$types';

/** Accept or decline an offer; the router refuses one that ended or is someone else's. */
export const POST: RequestHandler = async ({ locals, request, params }) => {
  const user = signedIn(locals);
  if (user instanceof Response) return user;
  const parsed = OfferAnswerSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success)
    return json({ code: 'invalid-request', message: parsed.error.message }, { status: 400 });
  const result = await (
    await routerClient()
  ).respondOffer({ agentId: user.id, offerId: params.offerId, accept: parsed.data.accept });
  return routerAnswer(result);
};
