import { json } from '@sveltejs/kit';
import { CaseViewerBeatSchema } from '$lib/components/desk/caseViewersMessage';
import { relais } from '$lib/server/relais';
import { openCaseViewersStream } from '$lib/server/live/caseViewersStream';
import type { RequestHandler } from './$types';

const unauthenticated = () =>
  json({ code: 'unauthenticated', message: 'Sign in first' }, { status: 401 });

/** The other people on the case, live, while this page keeps it open (Server-Sent Events). */
export const GET: RequestHandler = async ({ locals, params }) => {
  if (!locals.user) return unauthenticated();
  const { stores } = await relais();
  return openCaseViewersStream(stores, params.caseId, locals.user.id);
};

/** The signed-in user is typing a reply on the case. */
export const POST: RequestHandler = async ({ locals, params, request }) => {
  if (!locals.user) return unauthenticated();
  const beat = CaseViewerBeatSchema.safeParse(await request.json().catch(() => null));
  if (!beat.success)
    return json({ code: 'invalidBody', message: 'expected { typing }' }, { status: 400 });
  const { stores } = await relais();
  await stores.caseViewers.beat(params.caseId, locals.user.id, beat.data.typing);
  return new Response(null, { status: 204 });
};
