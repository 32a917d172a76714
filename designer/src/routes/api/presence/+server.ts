import { json } from '@sveltejs/kit';
import { PresenceRequestSchema } from '$lib/components/desk/deskModel';
import { deskState } from '$lib/server/live/deskState';
import { routerClient } from '$lib/server/live/router';
import { routerAnswer, signedIn } from '$lib/server/live/answers';
import type { RequestHandler } from './$types';

/** The signed-in agent's presence, offers and work, as the desk opens. */
export const GET: RequestHandler = async ({ locals }) => {
  const user = signedIn(locals);
  if (user instanceof Response) return user;
  return json(await deskState(user));
};

/** Available, Away with a reason, or Offline: the router has the last word. */
export const POST: RequestHandler = async ({ locals, request }) => {
  const user = signedIn(locals);
  if (user instanceof Response) return user;
  const parsed = PresenceRequestSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success)
    return json({ code: 'invalid-request', message: parsed.error.message }, { status: 400 });
  const result = await (await routerClient()).setPresence({ agentId: user.id, ...parsed.data });
  return routerAnswer(result);
};
