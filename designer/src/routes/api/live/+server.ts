import { json } from '@sveltejs/kit';
import { liveHub } from '$lib/server/live/hub';
import { resumeAfter } from '$lib/server/live/sse';
import type { RequestHandler } from './$types';

/** The routing events the signed-in user may see, as Server-Sent Events. */
export const GET: RequestHandler = async ({ locals, request, url }) => {
  if (!locals.user)
    return json({ code: 'unauthenticated', message: 'Sign in first' }, { status: 401 });
  const after = resumeAfter(request.headers.get('last-event-id'), url.searchParams.get('after'));
  return (await liveHub()).open(locals.user, after);
};
