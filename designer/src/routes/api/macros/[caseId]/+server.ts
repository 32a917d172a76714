import { json } from '@sveltejs/kit';
import { signedIn } from '$lib/server/live/answers';
import { macrosForCase } from '$lib/server/macros';
import { relais } from '$lib/server/relais';
import type { RequestHandler } from './$types';

/** The canned replies filled for this case and the signed-in agent, for the reply box. */
export const GET: RequestHandler = async ({ locals, params }) => {
  const user = signedIn(locals);
  if (user instanceof Response) return user;
  return json(await macrosForCase(await relais(), params.caseId, user));
};
